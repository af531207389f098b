import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { mintSessionToken } from "../app/demo/session-token.server";
import { ACCESS_SCOPES } from "../app/integrations/shopify/scopes";
import type { Gql } from "../app/integrations/shopify/fulfillment.server";
import { adminGraphqlWithToken } from "../app/integrations/shopify/returns.server";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import { seedWarehouses } from "../scripts/fulfillment-demo";
import { TEST_API_KEY, TEST_API_SECRET } from "./support/app-env";

let emulator: RunningEmulator;
let orders: typeof import("../app/routes/app.orders._index");
let orderPage: typeof import("../app/routes/app.orders.$id");
let warehouses: typeof import("../app/routes/app.warehouses");
const OTHER = "other-shop.myshopify.com";

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-25T09:00:00Z"), months: 1 } });
  process.env.SHOPIFY_EMULATOR_URL = emulator.url;
  for (const shop of [DEMO_SHOP, OTHER]) {
    await db.session.create({ data: { id: `offline_${shop}`, shop, state: "x", isOnline: false, accessToken: DEMO_ACCESS_TOKEN, scope: ACCESS_SCOPES.join(",") } });
  }
  await seedWarehouses(db, DEMO_SHOP, adminGraphqlWithToken(`${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, DEMO_ACCESS_TOKEN) as Gql);
  orders = await import("../app/routes/app.orders._index");
  orderPage = await import("../app/routes/app.orders.$id");
  warehouses = await import("../app/routes/app.warehouses");
});
afterAll(async () => {
  await emulator?.close();
});

async function request(path: string, shop: string, form?: Record<string, string>) {
  const token = await mintSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
  return new Request(`https://borderless.test${path}?embedded=1&shop=${shop}`, {
    method: form ? "POST" : "GET", headers: { Authorization: `Bearer ${token}` }, ...(form ? { body: new URLSearchParams(form) } : {}),
  });
}
async function answer(result: unknown) {
  if (result instanceof Response) return { status: result.status, body: (await result.json()) as Record<string, any> };
  return { status: 200, body: result as Record<string, any> };
}
const openOrderId = () => emulator.store.list(DEMO_SHOP, "Order").find((o) => o.displayFulfillmentStatus === "UNFULFILLED" && !o.cancelledAt)!.id;

describe("the Orders and Warehouses pages' actions, with real session tokens", () => {
  it("GIVEN an id that is not an order WHEN routed THEN 400 says what an id looks like and nothing is stored", async () => {
    const { status, body } = await answer(await orders.action({ request: await request("/app/orders", DEMO_SHOP, { intent: "route", id: "1234" }), params: {}, context: {} }));
    expect(status).toBe(400);
    expect(body.message).toBe("id must be an order gid (gid://shopify/Order/...)");
    expect(await db.routingDecision.count()).toBe(0);
  });

  it("GIVEN an order never routed WHEN fulfilled THEN 409 and nothing reaches Shopify", async () => {
    const id = openOrderId();
    const before = emulator.store.list(DEMO_SHOP, "Fulfillment").length;
    const { status, body } = await answer(await orders.action({ request: await request("/app/orders", DEMO_SHOP, { intent: "fulfil", id }), params: {}, context: {} }));
    expect(status).toBe(409);
    expect(body.message).toBe("The order has not been routed yet");
    expect(emulator.store.list(DEMO_SHOP, "Fulfillment")).toHaveLength(before);
  });

  it("GIVEN an open order WHEN routed THEN its decision is stored for this shop only and the order page shows it with its candidates", async () => {
    const id = openOrderId();
    const { status, body } = await answer(await orders.action({ request: await request("/app/orders", DEMO_SHOP, { intent: "route", id }), params: {}, context: {} }));
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const page = await orderPage.loader({ request: await request(`/app/orders/${encodeURIComponent(id)}`, DEMO_SHOP), params: { id }, context: {} });
    expect(page.decision?.candidates.length).toBe(3);
    expect(page.decision?.reason).toBe(body.message);
    // Another shop asking for the same order id sees nothing of it.
    const other = await orderPage.loader({ request: await request(`/app/orders/${encodeURIComponent(id)}`, OTHER), params: { id }, context: {} });
    expect(other.decision).toBeNull();
    expect((await orders.loader({ request: await request("/app/orders", OTHER), params: {}, context: {} })).orders).toEqual([]);
  });

  it("GIVEN another shop WHEN it routes the demo shop's order THEN its own Shopify answers 404, and nothing of the demo shop changes", async () => {
    const id = openOrderId();
    const decisions = await db.routingDecision.count({ where: { shop: DEMO_SHOP } });
    const { status, body } = await answer(await orders.action({ request: await request("/app/orders", OTHER, { intent: "route", id }), params: {}, context: {} }));
    expect(status).toBe(404);
    // The other shop's Admin API is asked (and the emulator does not host that shop), never the demo shop's.
    expect(body.message).toMatch(/"networkStatusCode":404/);
    expect(await db.routingDecision.count({ where: { shop: DEMO_SHOP } })).toBe(decisions);
    expect(await db.routingDecision.count({ where: { shop: OTHER } })).toBe(0);
    expect(await db.warehouse.count({ where: { shop: DEMO_SHOP } })).toBe(3);
  });

  it("GIVEN a bad cutoff WHEN a warehouse is saved THEN 400 names the field and the stored warehouse is unchanged", async () => {
    const form = { intent: "save-warehouse", code: "gb-northampton", name: "Northampton", kind: "3pl", countryCode: "GB", timeZone: "Europe/London", cutoff: "25:00", handlingDays: "1", handlingPerOrder: "3.00", handlingPerUnit: "0.50", currency: "USD", capacityPerDay: "10" };
    const { status, body } = await answer(await warehouses.action({ request: await request("/app/warehouses", DEMO_SHOP, form), params: {}, context: {} }));
    expect(status).toBe(400);
    expect(body.error).toBe("cutoff: must be HH:MM");
    expect(await db.warehouse.findUniqueOrThrow({ where: { shop_code: { shop: DEMO_SHOP, code: "gb-northampton" } } })).toMatchObject({ cutoff: "14:00", capacityPerDay: 200 });
  });
});
