import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { connectorFor, saveConnection } from "../app/integrations/3pl/connections.server";
import { importShipmentFile, importStockFile, receiveThirdPartyMessage } from "../app/integrations/3pl/inbound.server";
import { handOverOrder } from "../app/integrations/3pl/reconcile.server";
import { signMessage, verifyMessage } from "../app/integrations/3pl/generic/signature";
import { orderFromShopify, routeOrders, type NamedOrder } from "../app/integrations/routing/route-orders.server";
import type { Gql } from "../app/integrations/shopify/fulfillment.server";
import { adminGraphqlWithToken } from "../app/integrations/shopify/returns.server";
import { quoteDependencies } from "../app/services/shipping-quote.server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import { placeOrder } from "../emulator/orders";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { seedWarehouses } from "../scripts/fulfillment-demo";
import { TEST_API_SECRET } from "./support/app-env";

const NOW = new Date("2026-11-25T09:00:00Z");
const SECRET = "venlo-3pl-shared-secret-01";
let emulator: RunningEmulator;
let graphql: Gql;
let connectionId: string;
/** What the 3PL's endpoint received. */
const received: { body: string; signature: string }[] = [];
const fakeThreePl = (async (_url: string, init: RequestInit) => {
  received.push({ body: String(init.body), signature: (init.headers as Record<string, string>)["x-borderless-signature"]! });
  return new Response(null, { status: 202 });
}) as unknown as typeof fetch;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: NOW } });
  graphql = adminGraphqlWithToken(`${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, DEMO_ACCESS_TOKEN) as Gql;
  await seedWarehouses(db, DEMO_SHOP, graphql);
  connectionId = (await saveConnection(db, DEMO_SHOP, TEST_API_SECRET, { warehouseCode: "nl-venlo", connector: "generic", endpointUrl: "https://venlo-3pl.example/borderless", credentials: { secret: SECRET } })).id;
});
afterAll(async () => {
  await emulator.close();
});

const store = () => emulator.store;
const location = (country: string) => store().list(DEMO_SHOP, "Location").find((l) => l.address.countryCode === country && !l.fulfillmentServiceId)!;
const level = (itemId: string, locationId: string) =>
  (store().list(DEMO_SHOP, "InventoryLevel").find((l) => l.inventoryItemId === itemId && l.locationId === locationId)?.quantities ?? {}) as Record<string, number>;
const fulfillmentsOf = (orderId: string) => store().list(DEMO_SHOP, "Fulfillment").filter((f) => f.orderId === orderId);
const used = new Set<string>();

/** A German buyer's order for a variant New Jersey and Venlo both hold, placed at New Jersey. */
function placeGermanOrder(quantity: number) {
  const v = store().list(DEMO_SHOP, "ProductVariant").find((v) => !used.has(v.id) && v.sku && (level(v.inventoryItemId, location("US").id).available ?? 0) > 5 && (level(v.inventoryItemId, location("NL").id).available ?? 0) > 5)!;
  used.add(v.id);
  const order = placeOrder(store(), DEMO_SHOP, {
    customerId: null, email: "buyer@example.com",
    shippingAddress: { firstName: "Lea", lastName: "Fischer", name: "Lea Fischer", company: null, address1: "Hauptstrasse 5", address2: null, city: "Berlin", province: null, provinceCode: null, zip: "10115", country: "DE", countryCode: "DE", countryCodeV2: "DE", phone: null } as never,
    lines: [{ variantId: v.id, quantity }], shippingLine: { title: "Standard", code: "standard", price: "9.00" },
    locationId: location("US").id, createdAt: NOW.toISOString(),
  });
  return { order, variant: v };
}

async function routeAndHandOver(orderId: string) {
  const found = await orderFromShopify(graphql, orderId);
  if (!("order" in found)) throw new Error(found.problem);
  const [decision] = await routeOrders(db, DEMO_SHOP, graphql, [found as NamedOrder], { now: NOW, ...quoteDependencies(), trigger: "new" });
  expect(JSON.parse(decision!.shipments)[0].warehouseId).toBe("nl-venlo");
  return handOverOrder({ db, graphql, shop: DEMO_SHOP, now: () => NOW, connectorFor: (c) => connectorFor(c, { appSecret: TEST_API_SECRET, fetch: fakeThreePl, now: () => NOW }) }, orderId);
}

const deps = (at = NOW) => ({ db, appSecret: TEST_API_SECRET, now: () => at, graphqlFor: async () => graphql });
function signed(message: unknown, secret = SECRET, at = NOW) {
  const body = JSON.stringify(message);
  return new Request(`https://borderless.test/webhooks/3pl/${connectionId}`, { method: "POST", body, headers: { "content-type": "application/json", "x-borderless-signature": signMessage(body, secret, at) } });
}
const shipmentMessage = (id: string, reference: string, sku: string, quantity: number, trackingNumber: string) => ({
  id, type: "shipment", createdAt: "2026-11-26T14:00:00Z",
  data: { reference, shippedAt: "2026-11-26T14:00:00Z", carrier: "DHL Express", trackingNumber, trackingUrl: `https://www.dhl.com/track?AWB=${trackingNumber}`, lines: [{ sku, quantity }] },
});

describe("GIVEN a German order routed to the Venlo 3PL on the generic connector", () => {
  it("WHEN handed over and the 3PL answers with a signed shipment THEN Shopify has the fulfillment with tracking and Venlo's stock is lower; the same message again changes nothing", async () => {
    const { order, variant } = placeGermanOrder(2);
    const venloBefore = { ...level(variant.inventoryItemId, location("NL").id) };

    // Submitted: the fulfillment order is accepted at Venlo's service location and the 3PL got a signed order.submitted.
    const [handed] = await routeAndHandOver(order.id);
    const fo = store().get(DEMO_SHOP, handed!.fulfillmentOrderId, "FulfillmentOrder")!;
    expect(fo.requestStatus).toBe("ACCEPTED");
    const message = received.at(-1)!;
    expect(verifyMessage(message.body, message.signature, SECRET, NOW)).toEqual({ ok: true });
    expect(JSON.parse(message.body)).toMatchObject({ type: "order.submitted", data: { reference: fo.id, orderName: order.name, lines: [{ sku: variant.sku, quantity: 2 }], recipient: { city: "Berlin", country: "DE" } } });
    expect(await db.thirdPartyOrder.findUnique({ where: { shop_fulfillmentOrderId: { shop: DEMO_SHOP, fulfillmentOrderId: fo.id } } })).toMatchObject({ status: "submitted", warehouseCode: "nl-venlo" });

    // Shipped.
    const shipped = shipmentMessage("venlo-ship-1", fo.id, variant.sku!, 2, "JD014600006281");
    const response = await receiveThirdPartyMessage(signed(shipped), connectionId, deps());
    expect(response.status).toBe(200);
    const [fulfillment] = fulfillmentsOf(order.id);
    expect(fulfillment!.trackingInfo).toEqual([{ company: "DHL Express", number: "JD014600006281", url: "https://www.dhl.com/track?AWB=JD014600006281" }]);
    expect(store().get(DEMO_SHOP, fo.id, "FulfillmentOrder")!.status).toBe("CLOSED");
    expect(level(variant.inventoryItemId, location("NL").id).available).toBe(venloBefore.available! - 2);
    expect(level(variant.inventoryItemId, location("NL").id).on_hand).toBe(venloBefore.on_hand! - 2);
    const row = await db.thirdPartyOrder.findUniqueOrThrow({ where: { shop_fulfillmentOrderId: { shop: DEMO_SHOP, fulfillmentOrderId: fo.id } } });
    expect(row).toMatchObject({ status: "shipped", trackingNumber: "JD014600006281", carrier: "DHL Express" });
    expect(row.shippedAt!.toISOString()).toBe("2026-11-26T14:00:00.000Z");

    // The same message, redelivered: acknowledged, applied once.
    const again = await receiveThirdPartyMessage(signed(shipped), connectionId, deps());
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(fulfillmentsOf(order.id)).toHaveLength(1);
    expect(level(variant.inventoryItemId, location("NL").id).available).toBe(venloBefore.available! - 2);
    expect(await db.thirdPartyMessage.count({ where: { shop: DEMO_SHOP, direction: "in", messageId: "venlo-ship-1" } })).toBe(1);
  });

  it("WHEN a message comes with a bad signature THEN 401 and nothing is stored or changed", async () => {
    const { order, variant } = placeGermanOrder(1);
    const [handed] = await routeAndHandOver(order.id);
    const messagesBefore = await db.thirdPartyMessage.count();
    const forged = shipmentMessage("forged-1", handed!.fulfillmentOrderId, variant.sku!, 1, "FORGED1");
    for (const request of [signed(forged, "not-the-venlo-secret-xx"), signed(forged, SECRET, new Date(NOW.getTime() - 3_600_000))]) {
      const response = await receiveThirdPartyMessage(request, connectionId, deps());
      expect(response.status).toBe(401);
      expect(await response.text()).toMatch(/^Signature refused: /);
    }
    const unsigned = new Request(`https://borderless.test/webhooks/3pl/${connectionId}`, { method: "POST", body: JSON.stringify(forged) });
    expect((await receiveThirdPartyMessage(unsigned, connectionId, deps())).status).toBe(401);
    expect(await db.thirdPartyMessage.count()).toBe(messagesBefore);
    expect(fulfillmentsOf(order.id)).toHaveLength(0);
    expect((await db.thirdPartyOrder.findUniqueOrThrow({ where: { shop_fulfillmentOrderId: { shop: DEMO_SHOP, fulfillmentOrderId: handed!.fulfillmentOrderId } } })).status).toBe("submitted");
  });

  it("WHEN the 3PL's stock count differs THEN Shopify's on-hand at Venlo takes the count and each difference is flagged, the matching SKUs untouched", async () => {
    const nl = location("NL").id;
    const levels = store().list(DEMO_SHOP, "InventoryLevel").filter((l) => l.locationId === nl).slice(0, 2);
    const sku = (itemId: string) => store().list(DEMO_SHOP, "ProductVariant").find((v) => v.inventoryItemId === itemId)!.sku!;
    const [same, off] = levels.map((l) => ({ sku: sku(l.inventoryItemId), itemId: l.inventoryItemId, onHand: (l.quantities as Record<string, number>).on_hand! }));
    const snapshot = { id: "venlo-stock-1", type: "stock.snapshot", createdAt: NOW.toISOString(), data: { countedAt: NOW.toISOString(), counts: [{ sku: same!.sku, onHand: same!.onHand }, { sku: off!.sku, onHand: off!.onHand + 3 }, { sku: "NOT-AT-VENLO", onHand: 5 }] } };
    const response = await receiveThirdPartyMessage(signed(snapshot), connectionId, deps());
    expect(response.status).toBe(200);
    expect(level(off!.itemId, nl).on_hand).toBe(off!.onHand + 3);
    expect(level(same!.itemId, nl).on_hand).toBe(same!.onHand);
    const flags = await db.stockDiscrepancy.findMany({ where: { shop: DEMO_SHOP, warehouseCode: "nl-venlo", status: "open" }, orderBy: { sku: "asc" } });
    expect(flags.map((f) => [f.sku, f.expected, f.reported])).toEqual(expect.arrayContaining([[off!.sku, off!.onHand, off!.onHand + 3], ["NOT-AT-VENLO", 0, 5]]));
    expect(flags.find((f) => f.sku === "NOT-AT-VENLO")!.note).toContain("was not applied");
    expect(flags).toHaveLength(2);
  });

  it("WHEN a shipment file has bad rows THEN the good parcels become fulfillments and each bad row is reported with its line and reason", async () => {
    const a = placeGermanOrder(1);
    const b = placeGermanOrder(1);
    const [ha] = await routeAndHandOver(a.order.id);
    const [hb] = await routeAndHandOver(b.order.id);
    const connection = await db.thirdPartyConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const csv = [
      "reference,shipped_at,carrier,tracking_number,tracking_url,sku,quantity",
      `${ha!.fulfillmentOrderId},2026-11-26T15:00:00Z,PostNL,3SVENLO0001,,${a.variant.sku},1`,
      `${hb!.fulfillmentOrderId},2026-11-26T15:00:00Z,PostNL,3SVENLO0002,,${b.variant.sku},one`,
      `gid://shopify/FulfillmentOrder/999999,2026-11-26T15:00:00Z,PostNL,3SVENLO0003,,${b.variant.sku},1`,
    ].join("\n");
    const result = await importShipmentFile(db, graphql, connection, csv, () => NOW);
    expect(result).toEqual({
      applied: 1, duplicates: 0,
      errors: [
        { line: 3, reason: 'quantity "one" is not a whole number above 0' },
        { line: 4, reason: "No order handed to Venlo 3PL (EU) has reference gid://shopify/FulfillmentOrder/999999" },
      ],
    });
    expect(fulfillmentsOf(a.order.id)[0]!.trackingInfo[0]).toMatchObject({ company: "PostNL", number: "3SVENLO0001" });
    expect(fulfillmentsOf(b.order.id)).toHaveLength(0);
    // The same file again: the good parcel is recognised, not shipped twice.
    expect(await importShipmentFile(db, graphql, connection, csv, () => NOW)).toMatchObject({ applied: 0, duplicates: 1 });
    expect(fulfillmentsOf(a.order.id)).toHaveLength(1);
  });

  it("WHEN a stock file has bad rows THEN the good rows are applied and the bad ones named", async () => {
    const nl = location("NL").id;
    const l = store().list(DEMO_SHOP, "InventoryLevel").filter((x) => x.locationId === nl)[3]!;
    const sku = store().list(DEMO_SHOP, "ProductVariant").find((v) => v.inventoryItemId === l.inventoryItemId)!.sku!;
    const connection = await db.thirdPartyConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const result = await importStockFile(db, graphql, connection, `sku,on_hand\n${sku},7\n${sku}-X,lots\n`, () => NOW);
    expect(result).toEqual({ applied: 1, duplicates: 0, flagged: 1, errors: [{ line: 3, reason: 'on_hand "lots" is not a whole number of units (0 or more)' }] });
    expect(level(l.inventoryItemId, nl).on_hand).toBe(7);
  });
});

describe("GIVEN a UK order routed to Northampton, connected to ShipBob", () => {
  it("WHEN handed over and ShipBob's shipment is polled THEN Shopify has the fulfillment with ShipBob's tracking, once however often we poll", async () => {
    const { readFileSync } = await import("node:fs");
    const { syncFromApi } = await import("../app/integrations/3pl/sync.server");
    const fixture = (name: string) => JSON.parse(readFileSync(`app/integrations/3pl/shipbob/__fixtures__/${name}`, "utf8"));
    await saveConnection(db, DEMO_SHOP, TEST_API_SECRET, { warehouseCode: "gb-northampton", connector: "shipbob", credentials: { token: "pat-test", channelId: "100102" } });
    const gb = location("GB").id;
    const v = store().list(DEMO_SHOP, "ProductVariant").find((x) => !used.has(x.id) && x.sku && (level(x.inventoryItemId, gb).available ?? 0) > 3)!;
    used.add(v.id);
    const order = placeOrder(store(), DEMO_SHOP, {
      customerId: null, email: "buyer@example.co.uk",
      shippingAddress: { firstName: "Amy", lastName: "Stone", name: "Amy Stone", company: null, address1: "1 High Street", address2: null, city: "Leeds", province: null, provinceCode: null, zip: "LS1 1AA", country: "GB", countryCode: "GB", countryCodeV2: "GB", phone: null } as never,
      lines: [{ variantId: v.id, quantity: 1 }], shippingLine: { title: "Standard", code: "standard", price: "5.00" }, locationId: location("US").id, createdAt: NOW.toISOString(),
    });
    const found = await orderFromShopify(graphql, order.id);
    if (!("order" in found)) throw new Error(found.problem);
    await routeOrders(db, DEMO_SHOP, graphql, [found as NamedOrder], { now: NOW, ...quoteDependencies(), trigger: "new" });

    // ShipBob, answered from the documented payloads with this order's reference and SKU.
    const sent: unknown[] = [];
    let foId = "";
    const shipbob = (async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname;
      if (init.method === "POST" && path === "/1.0/order") {
        const body = JSON.parse(String(init.body));
        sent.push(body);
        foId = body.reference_id;
        return new Response(JSON.stringify({ ...fixture("order-created.json"), reference_id: foId }), { status: 201 });
      }
      if (path === "/1.0/order/281726391/shipment") {
        const [done] = fixture("shipments-completed.json");
        return new Response(JSON.stringify([{ ...done, reference_id: foId, products: [{ ...done.products[0], reference_id: v.sku, sku: v.sku, inventory_items: [{ id: 1, name: "x", quantity: 1 }] }] }]), { status: 200 });
      }
      return new Response("", { status: 404 });
    }) as unknown as typeof fetch;
    const connect = (c: Parameters<typeof connectorFor>[0]) => connectorFor(c, { appSecret: TEST_API_SECRET, fetch: shipbob, now: () => NOW });

    const [handed] = await handOverOrder({ db, graphql, shop: DEMO_SHOP, now: () => NOW, connectorFor: connect }, order.id);
    expect(handed).toMatchObject({ warehouseCode: "gb-northampton", externalId: "281726391" });
    expect(sent[0]).toMatchObject({ reference_id: handed!.fulfillmentOrderId, products: [{ reference_id: v.sku, quantity: 1 }], recipient: { address: { city: "Leeds", country: "GB" } } });

    const connection = await db.thirdPartyConnection.findUniqueOrThrow({ where: { shop_warehouseCode: { shop: DEMO_SHOP, warehouseCode: "gb-northampton" } } });
    const first = await syncFromApi({ db, graphql, now: () => NOW }, connection, connect(connection));
    expect(first).toMatchObject({ shipments: 1, duplicates: 0 });
    expect(fulfillmentsOf(order.id).map((f) => f.trackingInfo[0])).toEqual([{ company: "DHL Express", number: "1234567890", url: "https://www.dhl.com/en/express/tracking.html?AWB=1234567890" }]);
    // ShipBob's stock calls answer 404 here: reported as an error of the sync, nothing else touched.
    expect(first.errors.join(" ")).toMatch(/no such resource/);
    expect(await syncFromApi({ db, graphql, now: () => NOW }, connection, connect(connection))).toMatchObject({ shipments: 0 });
    expect(fulfillmentsOf(order.id)).toHaveLength(1);
  });
});

describe("the 3PL webhook address and its connection", () => {
  it("an unknown connection answers 404 and a GET 405, storing nothing", async () => {
    const before = await db.thirdPartyMessage.count();
    const body = JSON.stringify({ id: "x", type: "shipment" });
    const unknown = new Request("https://borderless.test/webhooks/3pl/nope", { method: "POST", body, headers: { "x-borderless-signature": signMessage(body, SECRET, NOW) } });
    expect((await receiveThirdPartyMessage(unknown, "nope", deps())).status).toBe(404);
    expect((await receiveThirdPartyMessage(new Request("https://borderless.test/webhooks/3pl/x"), connectionId, deps())).status).toBe(405);
    expect(await db.thirdPartyMessage.count()).toBe(before);
  });

  it("a signed message that is not one we understand answers 400 naming the field, storing nothing", async () => {
    const before = await db.thirdPartyMessage.count();
    const response = await receiveThirdPartyMessage(signed({ id: "bad-1", type: "stock.snapshot", createdAt: NOW.toISOString(), data: { countedAt: NOW.toISOString(), counts: [] } }), connectionId, deps());
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^Not a message we understand: data\.counts:/);
    expect(await db.thirdPartyMessage.count()).toBe(before);
  });

  it("a connection's secret is sealed: unreadable with another app secret, and a short secret is refused with the stored one intact", async () => {
    const { connectionSecrets, ConnectionError } = await import("../app/integrations/3pl/connections.server");
    const row = await db.thirdPartyConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.credentials).not.toContain(SECRET);
    expect(connectionSecrets(row, TEST_API_SECRET)).toEqual({ secret: SECRET });
    expect(() => connectionSecrets(row, "another-app-secret")).toThrow(/cannot be read/);
    await expect(saveConnection(db, DEMO_SHOP, TEST_API_SECRET, { warehouseCode: "nl-venlo", connector: "generic", credentials: { secret: "short" } })).rejects.toBeInstanceOf(ConnectionError);
    expect(connectionSecrets(await db.thirdPartyConnection.findUniqueOrThrow({ where: { id: connectionId } }), TEST_API_SECRET)).toEqual({ secret: SECRET });
    await expect(saveConnection(db, "other-shop.myshopify.com", TEST_API_SECRET, { warehouseCode: "nl-venlo", connector: "generic", credentials: { secret: SECRET } })).rejects.toThrow(/No warehouse nl-venlo in this shop/);
  });
});
