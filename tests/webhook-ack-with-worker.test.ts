import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { insertDeliveries } from "../app/jobs/inbox.server";
import { createWorker, type Worker } from "../app/jobs/worker.server";
import { action as ordersRoute } from "../app/routes/webhooks.orders";
import { exampleBody, signedWebhook } from "./support/webhooks";

const SHOP = "ack-with-worker.myshopify.com";
const BACKLOG = 300;

const orderBody = (id: number) => JSON.stringify({ ...JSON.parse(exampleBody("orders/create")), id, admin_graphql_api_id: `gid://shopify/Order/${id}` });

/** The orders webhook route behind a real HTTP server, as the app serves it. */
async function serveOrdersRoute() {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`https://borderless.test${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: new Uint8Array(Buffer.concat(chunks)) });
    const response = await ordersRoute({ request, params: {}, context: {} });
    res.writeHead(response.status).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

let worker: Worker | undefined;

beforeEach(async () => {
  await db.orderEvent.deleteMany({ where: { shop: SHOP } });
  await db.order.deleteMany({ where: { shop: SHOP } });
  await db.webhookDelivery.deleteMany({ where: { shop: SHOP } });
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

describe("acknowledgement while the worker applies a backlog in the same process", () => {
  it("GIVEN 300 deliveries waiting and the worker applying them WHEN a webhook arrives THEN it is answered before the backlog is through, and every delivery is applied once", async () => {
    await insertDeliveries(db, Array.from({ length: BACKLOG }, (_, i) => ({
      shop: SHOP, topic: "orders/create", dedupeKey: randomUUID(), webhookId: randomUUID(), apiVersion: "2026-10", triggeredAt: null, body: orderBody(5_000 + i),
    })));
    const server = await serveOrdersRoute();
    try {
      worker = createWorker({ db, dialect: "sqlite", idleMs: 20 });
      worker.start();
      // Wait until the worker is under way.
      while ((await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } })) === 0) await new Promise((resolve) => setTimeout(resolve, 5));

      const hook = signedWebhook({ topic: "orders/create", shop: SHOP, body: orderBody(9_999) });
      const response = await fetch(`${server.url}/webhooks/orders`, { method: "POST", headers: hook.headers, body: await hook.text() });
      const doneWhenAnswered = await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } });

      expect(response.status).toBe(200);
      expect(doneWhenAnswered).toBeLessThan(BACKLOG);
      while ((await db.webhookDelivery.count({ where: { shop: SHOP, state: { not: "done" } } })) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await db.order.count({ where: { shop: SHOP } })).toBe(BACKLOG + 1);
      expect(await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } })).toBe(BACKLOG + 1);
    } finally {
      await server.close();
    }
  }, 120_000);
});
