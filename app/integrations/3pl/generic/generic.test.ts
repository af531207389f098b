import { describe, expect, it } from "vitest";
import type { HandoverOrder } from "~/engine/fulfillment/third-party";
import { createGenericConnector } from "./connector.server";
import { exportOrders, importShipments, importStock } from "./csv";
import { parseInbound } from "./messages";
import { signMessage, verifyMessage } from "./signature";

const NOW = new Date("2026-11-25T10:00:00Z");
const SECRET = "venlo-shared-secret-0123456789";

describe("signatures", () => {
  const body = JSON.stringify({ id: "m1", type: "shipment" });
  it("a message signed with the shared secret and a current timestamp is accepted", () => {
    expect(verifyMessage(body, signMessage(body, SECRET, NOW), SECRET, NOW)).toEqual({ ok: true });
  });
  it.each([
    ["no header", null, /missing/],
    ["another secret", signMessage(body, "someone-else-secret-000", NOW), /does not match/],
    ["a changed body", signMessage(body.replace("m1", "m2"), SECRET, NOW), /does not match/],
    ["a replay ten minutes later", signMessage(body, SECRET, new Date(NOW.getTime() - 600_000)), /more than 300 s/],
    ["a header without v1", "t=1764064800", /t=<unix seconds>,v1=<hex>/],
  ])("%s is refused", (_what, header, reason) => {
    const check = verifyMessage(body, header, SECRET, NOW);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });
});

describe("inbound messages", () => {
  it("a shipment message is read with its lines", () => {
    const raw = JSON.stringify({ id: "ship-1", type: "shipment", createdAt: NOW.toISOString(), data: { reference: "gid://shopify/FulfillmentOrder/1", shippedAt: NOW.toISOString(), carrier: "DHL Express", trackingNumber: "JD01", lines: [{ sku: "A", quantity: 2 }] } });
    const parsed = parseInbound(raw);
    expect(parsed.ok && parsed.message.type === "shipment" && parsed.message.data.lines).toEqual([{ sku: "A", quantity: 2 }]);
  });
  it.each([
    ["not JSON", "{", "the body is not JSON"],
    ["an unknown type", JSON.stringify({ id: "x", type: "order.lost", createdAt: NOW.toISOString(), data: {} }), "type:"],
    ["a negative count", JSON.stringify({ id: "x", type: "stock.snapshot", createdAt: NOW.toISOString(), data: { countedAt: NOW.toISOString(), counts: [{ sku: "A", onHand: -1 }] } }), "data.counts[0].onHand:"],
    ["a shipment without tracking", JSON.stringify({ id: "x", type: "shipment", createdAt: NOW.toISOString(), data: { reference: "r", shippedAt: NOW.toISOString(), carrier: "DHL", lines: [{ sku: "A", quantity: 1 }] } }), "data.trackingNumber:"],
  ])("%s is refused, naming the field", (_what, raw, reason) => {
    const parsed = parseInbound(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});

const ORDER: HandoverOrder = {
  reference: "gid://shopify/FulfillmentOrder/7", orderName: "#1001", orderedAt: "2026-11-25T08:00:00Z", shippingMethod: "dhl-express:U",
  recipient: { name: "Lea Fischer", company: "Fischer, GmbH", lines: ["Hauptstrasse 5"], city: "Berlin", postcode: "10115", country: "DE" },
  lines: [{ sku: "WALLET-BRN", name: "Wallet \"classic\"", quantity: 2 }, { sku: "=BELT", name: "Belt", quantity: 1 }],
};

describe("order submitted, out", () => {
  it("posts an order.submitted message signed with the shared secret", async () => {
    const sent: { url: string; body: string; signature: string }[] = [];
    const connector = createGenericConnector({
      endpointUrl: "https://3pl.example/borderless", secret: SECRET, now: () => NOW,
      fetch: (async (url: string, init: RequestInit) => {
        sent.push({ url, body: String(init.body), signature: (init.headers as Record<string, string>)["x-borderless-signature"]! });
        return new Response("", { status: 202 });
      }) as never,
    });
    expect(await connector.submitOrder(ORDER)).toEqual({ data: { externalId: null }, messages: [] });
    expect(JSON.parse(sent[0]!.body)).toEqual({ id: `order.submitted:${ORDER.reference}`, type: "order.submitted", createdAt: NOW.toISOString(), data: ORDER });
    expect(verifyMessage(sent[0]!.body, sent[0]!.signature, SECRET, NOW)).toEqual({ ok: true });
  });

  it("a 3PL that refuses gives its status and answer as a message", async () => {
    const connector = createGenericConnector({ endpointUrl: "https://3pl.example/x", secret: SECRET, fetch: (async () => new Response("unknown SKU =BELT", { status: 422 })) as never });
    expect((await connector.submitOrder(ORDER)).messages[0]).toMatchObject({ code: "http-422", message: "The 3PL refused the order.submitted message (HTTP 422): unknown SKU =BELT" });
  });

  it("a files-only 3PL declares it cannot take orders by message", () => {
    expect(createGenericConnector({ endpointUrl: null, secret: SECRET }).capabilities).toMatchObject({ submitOrder: false, files: true, pushesMessages: true, fetchShipments: false });
  });
});

describe("CSV file exchange", () => {
  it("exports one row per order line, quoting commas and quotes and defusing spreadsheet formulas", () => {
    expect(exportOrders([ORDER]).split("\r\n")).toEqual([
      "reference,order_name,ordered_at,shipping_method,name,company,address1,address2,city,province,postcode,country,phone,sku,item_name,quantity",
      'gid://shopify/FulfillmentOrder/7,#1001,2026-11-25T08:00:00Z,dhl-express:U,Lea Fischer,"Fischer, GmbH",Hauptstrasse 5,,Berlin,,10115,DE,,WALLET-BRN,"Wallet ""classic""",2',
      "gid://shopify/FulfillmentOrder/7,#1001,2026-11-25T08:00:00Z,dhl-express:U,Lea Fischer,\"Fischer, GmbH\",Hauptstrasse 5,,Berlin,,10115,DE,,'=BELT,Belt,1",
      "",
    ]);
  });

  it("a shipment file: good parcels are read, each bad row is named by its line and reason, and a parcel with a bad row is held whole", () => {
    const csv = [
      "reference,shipped_at,carrier,tracking_number,tracking_url,sku,quantity",
      "FO-1,2026-11-26T10:00:00Z,DHL Express,JD01,,A,2",
      "FO-1,2026-11-26T10:00:00Z,DHL Express,JD01,,B,1",
      "FO-2,yesterday,PostNL,3S01,,A,1",
      "FO-3,2026-11-26T11:00:00Z,PostNL,3S02,,A,two",
      "FO-3,2026-11-26T11:00:00Z,PostNL,3S02,,B,1",
      ",2026-11-26T11:00:00Z,PostNL,3S03,,A,1",
    ].join("\n");
    const read = importShipments(csv);
    expect(read.shipments).toEqual([{ reference: "FO-1", shippedAt: "2026-11-26T10:00:00.000Z", carrier: "DHL Express", trackingNumber: "JD01", lines: [{ sku: "A", quantity: 2 }, { sku: "B", quantity: 1 }], fileLines: [2, 3] }]);
    expect(read.errors).toEqual([
      { line: 4, reason: 'shipped_at "yesterday" is not a date and time (ISO 8601)' },
      { line: 5, reason: 'quantity "two" is not a whole number above 0' },
      { line: 6, reason: "held: line 5 of the same parcel (3S02) is invalid" },
      { line: 7, reason: "reference is empty" },
    ]);
  });

  it("a stock file: counts per SKU, with negative, non-numeric and repeated rows reported", () => {
    const read = importStock("SKU,On_Hand\nA,10\nB,-3\nC,\nA,11\nD,0\n", NOW);
    expect(read.snapshot).toEqual({ countedAt: NOW.toISOString(), counts: [{ sku: "A", onHand: 10 }, { sku: "D", onHand: 0 }] });
    expect(read.errors).toEqual([
      { line: 3, reason: 'on_hand "-3" is not a whole number of units (0 or more)' },
      { line: 4, reason: 'on_hand "" is not a whole number of units (0 or more)' },
      { line: 5, reason: "sku A is counted again (first on line 2)" },
    ]);
  });

  it("a file without the columns it needs is refused whole", () => {
    expect(importStock("sku,count\nA,1\n", NOW)).toEqual({ snapshot: null, errors: [], fileError: "The header must name sku, on_hand; missing on_hand" });
  });
});
