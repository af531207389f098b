/**
 * The demo's 3PL: Venlo 3PL (EU) on the generic connector, played by a small simulator in the demo
 * process. It receives our signed order.submitted messages and, after a short delay, answers each
 * with a signed shipment message to the app's webhook, so orders routed to Venlo come back shipped.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import type { HandoverOrder } from "../app/engine/fulfillment/third-party";
import type { Gql } from "../app/integrations/shopify/fulfillment.server";
import { SIGNATURE_HEADER, signMessage, verifyMessage } from "../app/integrations/3pl/generic/signature";

export const DEMO_3PL_WAREHOUSE = "nl-venlo";

interface Simulator { url: string; target: string | null; server: Server }
let running: Simulator | null = null;

/** Posts a signed message to the app, again and again while the app is not up yet. */
async function deliver(target: string, secret: string, message: unknown, attempts = 60): Promise<void> {
  const body = JSON.stringify(message);
  for (let i = 0; i < attempts; i++) {
    try {
      const r = await fetch(target, { method: "POST", body, headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signMessage(body, secret, new Date()) } });
      if (r.status < 500 && r.status !== 404) return;
    } catch {
      // the app is still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

let parcel = 0;
function startSimulator(secret: string, delayMs: number): Promise<Simulator> {
  return new Promise((resolve) => {
    const sim: Simulator = { url: "", target: null, server: null as never };
    sim.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => (raw += chunk));
      req.on("end", () => {
        if (!verifyMessage(raw, req.headers[SIGNATURE_HEADER] as string | undefined ?? null, secret, new Date()).ok) {
          res.writeHead(401).end("bad signature");
          return;
        }
        const message = JSON.parse(raw) as { type: string; data: HandoverOrder };
        res.writeHead(202).end("accepted");
        if (message.type !== "order.submitted") return;
        const order = message.data;
        setTimeout(() => {
          if (!sim.target) return;
          const trackingNumber = `JD0146000${String(Date.now() % 1_000_000).padStart(6, "0")}${++parcel}`;
          void deliver(sim.target, secret, {
            id: `venlo-shipment-${order.reference.split("/").pop()}`, type: "shipment", createdAt: new Date().toISOString(),
            data: { reference: order.reference, shippedAt: new Date().toISOString(), carrier: "DHL Express", trackingNumber, trackingUrl: `https://www.dhl.com/en/express/tracking.html?AWB=${trackingNumber}`, lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
          });
        }, delayMs).unref();
      });
    });
    sim.server.listen(0, "127.0.0.1", () => {
      sim.url = `http://127.0.0.1:${(sim.server.address() as AddressInfo).port}/orders`;
      sim.server.unref();
      resolve(sim);
    });
  });
}

/**
 * Connects Venlo to the simulator, hands over the orders routed there, and applies one stock count
 * with a shortfall on one SKU, so the warehouse page has a difference to show.
 */
export async function seedThirdPartyDemo(db: PrismaClient, graphql: Gql, shop: string, appUrl: string): Promise<void> {
  const { saveConnection, connectorFor } = await import("../app/integrations/3pl/connections.server");
  const { handOverOrder, applyStockSnapshot } = await import("../app/integrations/3pl/reconcile.server");
  const { locationLevels } = await import("../app/integrations/3pl/shopify.server");
  const { routedNotHandedOver } = await import("../app/services/third-party-admin.server");
  const appSecret = process.env.SHOPIFY_API_SECRET ?? "";
  const secret = process.env.DEMO_3PL_SECRET ?? "borderless-demo-venlo-3pl-secret";
  running ??= await startSimulator(secret, Number(process.env.DEMO_3PL_DELAY_MS ?? 5000));
  const connection = await saveConnection(db, shop, appSecret, { warehouseCode: DEMO_3PL_WAREHOUSE, connector: "generic", endpointUrl: running.url, credentials: { secret } });
  running.target = `${appUrl.replace(/\/$/, "")}/webhooks/3pl/${connection.id}`;

  const now = () => new Date();
  for (const id of await routedNotHandedOver(db, shop, DEMO_3PL_WAREHOUSE)) {
    try {
      await handOverOrder({ db, graphql, shop, now, connectorFor: (c) => connectorFor(c, { appSecret }) }, id);
    } catch (error) {
      console.warn(`3PL demo: ${id} not handed over: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const warehouse = await db.warehouse.findUniqueOrThrow({ where: { shop_code: { shop, code: DEMO_3PL_WAREHOUSE } } });
  if (!warehouse.shopifyLocationId) return;
  const levels = [...(await locationLevels(graphql, warehouse.shopifyLocationId))].slice(0, 6);
  if (!levels.length) return;
  const counts = levels.map(([sku, l], i) => ({ sku, onHand: i === 0 ? Math.max(0, l.onHand - 2) : l.onHand }));
  await applyStockSnapshot({ db, graphql, shop, now }, warehouse, { countedAt: now().toISOString(), counts });
  await db.thirdPartyConnection.update({ where: { id: connection.id }, data: { lastSyncAt: now() } });
}
