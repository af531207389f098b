import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { startEmulator } from "../../../emulator/server";
import { DEMO_ACCESS_TOKEN } from "../../../emulator/seed";
import type { AdminApiClient } from "./admin-graphql.server";
import { followFulfillment } from "./tracking-url.server";

const SHOP = "borderless-demo.myshopify.com";
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let admin: AdminApiClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiSecret: "test-api-secret", webhookTarget: "http://127.0.0.1:9", seed: { now: new Date("2026-11-25T12:00:00Z") } });
  admin = { graphql: (query, options) => fetch(`${emulator.url}/${SHOP}/admin/api/2026-10/graphql.json`, { method: "POST", headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN }, body: JSON.stringify({ query, variables: options?.variables }) }) };
});
afterAll(() => emulator.close());

const FULFILLMENTS = `#graphql
  query TrackingUrlTestFulfillments {
    orders(first: 5, query: "fulfillment_status:shipped") {
      nodes {
        name
        fulfillments(first: 1) {
          id
          trackingInfo(first: 1) {
            company
            number
            url
          }
        }
      }
    }
  }
`;

describe("the fulfillment's tracking URL on Shopify", () => {
  it("GIVEN a shipped fulfillment WHEN the app follows it THEN Shopify's tracking URL is the branded tracking page, and following it again keeps one shipment", async () => {
    const before = (await (await admin.graphql(FULFILLMENTS)).json()) as { data: { orders: { nodes: { name: string; fulfillments: { id: string; trackingInfo: { company: string; number: string; url: string }[] }[] }[] } } };
    const order = before.data.orders.nodes[0]!;
    const f = order.fulfillments[0]!;
    const info = f.trackingInfo[0]!;
    const input = { shop: SHOP, carrier: info.company === "DHL Express" ? "dhl-express" : "easypost", trackingNumber: info.number, company: info.company, fulfillmentShopifyId: f.id, orderName: order.name };
    const first = await followFulfillment(admin, db, input, { appUrl: "https://borderless.test", now: new Date() });
    const second = await followFulfillment(admin, db, input, { appUrl: "https://borderless.test", now: new Date() });
    expect(first.errors).toEqual([]);
    expect(second.shipment.id).toBe(first.shipment.id);
    expect(first.url).toBe(`https://borderless.test/track/${first.shipment.trackingToken}`);
    const after = (await (await admin.graphql(FULFILLMENTS)).json()) as typeof before;
    expect(after.data.orders.nodes[0]!.fulfillments[0]!.trackingInfo[0]).toEqual({ company: info.company, number: info.number, url: first.url });
    expect(await db.shipment.count({ where: { shop: SHOP, trackingNumber: info.number } })).toBe(1);
  });
});
