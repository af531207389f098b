import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HandoverOrder } from "~/engine/fulfillment/third-party";
import { createShipBobConnector } from "./adapter.server";
import { parseError } from "./errors";

const fixture = (name: string) => readFileSync(path.join(__dirname, "__fixtures__", name), "utf8");
const NOW = new Date("2026-11-26T16:00:00Z");

/** A fetch that answers each "METHOD path" from a table and records what was sent. */
function fakeShipBob(routes: Record<string, [number, string]>) {
  const calls: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const u = new URL(url);
    const key = `${init.method} ${u.pathname}${u.search}`;
    calls.push({ method: init.method!, url, headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const [status, body] = routes[key] ?? [404, ""];
    return new Response(body, { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls, connector: createShipBobConnector({ token: "pat-test", channelId: "100102", fetch, now: () => NOW, fulfillmentCenterId: 156 }) };
}

const ORDER: HandoverOrder = {
  reference: "gid://shopify/FulfillmentOrder/9001", orderName: "#1042", orderedAt: "2026-11-25T08:59:00Z", shippingMethod: "dhl-express:P",
  recipient: { name: "Lea Fischer", lines: ["Hauptstrasse 5"], city: "Berlin", postcode: "10115", country: "DE" },
  lines: [{ sku: "WALLET-BRN", name: "Leather wallet, brown", quantity: 2 }],
};

describe("ShipBob connector: order create", () => {
  it("posts the order with our fulfillment order id as reference_id, the channel header and the bearer token, and keeps ShipBob's order id", async () => {
    const sb = fakeShipBob({ "POST /1.0/order": [201, fixture("order-created.json")] });
    const result = await sb.connector.submitOrder(ORDER);
    expect(result).toEqual({ data: { externalId: "281726391" }, messages: [] });
    expect(sb.calls[0]!.url).toBe("https://api.shipbob.com/1.0/order");
    expect(sb.calls[0]!.headers).toMatchObject({ authorization: "Bearer pat-test", shipbob_channel_id: "100102", "content-type": "application/json" });
    expect(sb.calls[0]!.body).toEqual({
      shipping_method: "dhl-express:P",
      recipient: { name: "Lea Fischer", address: { address1: "Hauptstrasse 5", address2: null, company_name: null, city: "Berlin", state: null, country: "DE", zip_code: "10115" }, email: null, phone_number: null },
      products: [{ reference_id: "WALLET-BRN", name: "Leather wallet, brown", quantity: 2 }],
      reference_id: "gid://shopify/FulfillmentOrder/9001", order_number: "1042", type: "DTC", purchase_date: "2026-11-25T08:59:00Z",
    });
  });

  it("a 422 for a reference already used finds the order ShipBob holds, so a retried submission is not a second order", async () => {
    const created = JSON.parse(fixture("order-created.json"));
    const sb = fakeShipBob({
      "POST /1.0/order": [422, fixture("error-422-duplicate.json")],
      [`GET /1.0/order?ReferenceIds=${encodeURIComponent(ORDER.reference)}`]: [200, JSON.stringify([created])],
    });
    const result = await sb.connector.submitOrder(ORDER);
    expect(result.data).toEqual({ externalId: "281726391" });
    expect(result.messages).toEqual([expect.objectContaining({ code: "already-submitted", level: "warning" })]);
  });
});

describe("ShipBob connector: shipments", () => {
  it("a completed parcel becomes a shipment with carrier, tracking and units per SKU; one still being picked is not reported", async () => {
    const sb = fakeShipBob({ "GET /1.0/order/281726391/shipment": [200, fixture("shipments-completed.json")] });
    const result = await sb.connector.fetchShipments([{ reference: ORDER.reference, externalId: "281726391" }]);
    expect(result.messages).toEqual([]);
    expect(result.data).toEqual([{
      reference: ORDER.reference, externalId: "199283771", shippedAt: "2026-11-26T13:40:00.000Z", carrier: "DHL Express", trackingNumber: "1234567890",
      trackingUrl: "https://www.dhl.com/en/express/tracking.html?AWB=1234567890", lines: [{ sku: "WALLET-BRN", quantity: 2 }],
    }]);
  });

  it("a parcel carrying fewer units than ordered is reported with what it carried", async () => {
    const sb = fakeShipBob({ "GET /1.0/order/281726400/shipment": [200, fixture("shipments-short.json")] });
    const result = await sb.connector.fetchShipments([{ reference: "gid://shopify/FulfillmentOrder/9002", externalId: "281726400" }]);
    expect(result.data![0]).toMatchObject({ carrier: "PostNL", trackingNumber: "3SABCD0123456789", lines: [{ sku: "WALLET-BRN", quantity: 1 }] });
    expect(result.data![0]).not.toHaveProperty("trackingUrl");
  });

  it("an order ShipBob does not know is named in the messages beside the shipments it could read", async () => {
    const sb = fakeShipBob({ "GET /1.0/order/281726391/shipment": [200, fixture("shipments-completed.json")], "GET /1.0/order/1/shipment": [404, ""] });
    const result = await sb.connector.fetchShipments([{ reference: "gid://shopify/FulfillmentOrder/1", externalId: "1" }, { reference: ORDER.reference, externalId: "281726391" }]);
    expect(result.data).toHaveLength(1);
    expect(result.messages).toEqual([expect.objectContaining({ code: "not-found", message: expect.stringMatching(/^gid:\/\/shopify\/FulfillmentOrder\/1: ShipBob has no such resource/) })]);
  });
});

describe("ShipBob connector: inventory", () => {
  it("counts on-hand units per SKU at the warehouse's fulfillment center, skipping bundles and inactive items", async () => {
    const sb = fakeShipBob({ "GET /1.0/product": [200, fixture("products.json")], "GET /1.0/inventory": [200, fixture("inventory.json")] });
    const result = await sb.connector.fetchStock();
    // Wallet: 29 on hand at Venlo (12 more at Cicero are not this warehouse's); belt: none at Venlo.
    expect(result).toEqual({ data: { countedAt: NOW.toISOString(), counts: [{ sku: "WALLET-BRN", onHand: 29 }, { sku: "BELT-BLK", onHand: 0 }] }, messages: [] });
  });

  it("a token without the inventory scope gives a 403 message and no snapshot", async () => {
    const sb = fakeShipBob({ "GET /1.0/product": [200, fixture("products.json")], "GET /1.0/inventory": [403, ""] });
    const result = await sb.connector.fetchStock();
    expect(result.data).toBeNull();
    expect(result.messages[0]).toMatchObject({ code: "forbidden", message: expect.stringContaining("inventory_read") });
  });
});

describe("ShipBob connector: returns", () => {
  it("a completed return is a receipt with SKU, units and the action taken; one awaiting arrival is not", async () => {
    const sb = fakeShipBob({ "GET /1.0/product": [200, fixture("products.json")], "GET /1.0/return?StartDate=2026-12-01T00%3A00%3A00Z": [200, fixture("returns.json")] });
    const result = await sb.connector.fetchReturns("2026-12-01T00:00:00Z");
    expect(result).toEqual({ data: [{ externalId: "5521001", reference: "RMA-1042-1", receivedAt: "2026-12-04T10:30:00.000Z", lines: [{ sku: "WALLET-BRN", quantity: 1, condition: "Restock" }] }], messages: [] });
  });
});

describe("ShipBob connector: error responses", () => {
  it("a 400 names each invalid field with ShipBob's message", async () => {
    const sb = fakeShipBob({ "POST /1.0/order": [400, fixture("error-400-validation.json")] });
    const result = await sb.connector.submitOrder(ORDER);
    expect(result.data).toBeNull();
    expect(result.messages.map((m) => m.message)).toEqual(["Recipient.Address.Address1: The Address1 field is required.", "Products[0].Quantity: Quantity must be greater than 0"]);
  });

  it("the problem-details variant of a 400 is read the same way, without its type, title and trace id", () => {
    expect(parseError(400, fixture("error-400-problem.json")).map((m) => m.message)).toEqual(["ShippingMethod: The ShippingMethod field is required."]);
  });

  it("a 401 asks for a valid token; a 422 that finds no order says the reference was used; a 429 and a 500 are told apart", async () => {
    const sb = fakeShipBob({ "POST /1.0/order": [401, ""] });
    expect((await sb.connector.submitOrder(ORDER)).messages[0]).toMatchObject({ code: "unauthorized", message: expect.stringContaining("API token") });
    const dup = fakeShipBob({ "POST /1.0/order": [422, fixture("error-422-duplicate.json")], [`GET /1.0/order?ReferenceIds=${encodeURIComponent(ORDER.reference)}`]: [200, "[]"] });
    expect((await dup.connector.submitOrder(ORDER)).messages[0]).toMatchObject({ code: "duplicate-reference", message: "ShipBob already has an order with this reference: Cannot insert order with existing ReferenceId" });
    expect(parseError(429, "")[0]!.code).toBe("rate-limited");
    expect(parseError(500, "Internal Server Error")[0]).toMatchObject({ code: "http-500", message: "ShipBob failed (HTTP 500): Internal Server Error" });
  });

  it("a network failure is a message, not an exception", async () => {
    const connector = createShipBobConnector({ token: "t", channelId: "1", fetch: (async () => { throw new TypeError("fetch failed"); }) as never });
    expect(await connector.submitOrder(ORDER)).toEqual({ data: null, messages: [{ code: "unreachable", message: "ShipBob did not answer: fetch failed", level: "error" }] });
  });

  it("cancelling an order ShipBob never confirmed is refused without a call", async () => {
    const sb = fakeShipBob({});
    expect((await sb.connector.cancelOrder(ORDER.reference, null)).messages[0]!.code).toBe("unknown-order");
    expect(sb.calls).toHaveLength(0);
  });
});
