import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { DEMO_SHOP } from "../emulator/seed";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { seedFulfillmentDemo } from "../scripts/fulfillment-demo";
import { loadMilpSolver } from "../app/integrations/routing/highs.server";
import { orderFromShopify, replanBacklog, type NamedOrder } from "../app/integrations/routing/route-orders.server";
import { adminGraphqlWithToken } from "../app/integrations/shopify/returns.server";
import type { Gql } from "../app/integrations/shopify/fulfillment.server";
import { quoteDependencies } from "../app/services/shipping-quote.server";
import { DEMO_ACCESS_TOKEN } from "../emulator/seed";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-25T09:00:00Z") } });
});
afterAll(async () => {
  await emulator.close();
});

describe("the demo's fulfillment seed", () => {
  it("sets up the three warehouses on the emulator's locations, routes the open orders and ships two of them with tracking", async () => {
    await seedFulfillmentDemo(db, emulator.url);
    const warehouses = await db.warehouse.findMany({ where: { shop: DEMO_SHOP }, orderBy: { code: "asc" } });
    expect(warehouses.map((w) => [w.code, w.kind])).toEqual([["gb-northampton", "3pl"], ["nl-venlo", "bonded"], ["us-nj", "own"]]);
    const locations = emulator.store.list(DEMO_SHOP, "Location");
    for (const w of warehouses) expect(locations.find((l) => l.id === w.shopifyLocationId)?.address.countryCode).toBe(w.countryCode);
    const decisions = await db.routingDecision.findMany({ where: { shop: DEMO_SHOP, current: true } });
    expect(decisions.length).toBeGreaterThan(5);
    expect(decisions.every((d) => JSON.parse(d.candidates).length >= 3)).toBe(true);
    const routedTo = new Set(decisions.flatMap((d) => (JSON.parse(d.shipments) as { warehouseId: string }[]).map((s) => s.warehouseId)));
    expect(routedTo.size).toBeGreaterThan(1);
    const labels = await db.fulfillmentDocument.findMany({ where: { shop: DEMO_SHOP, kind: "label" } });
    expect(labels).toHaveLength(2);
    for (const label of labels) {
      const fulfillments = emulator.store.list(DEMO_SHOP, "Fulfillment").filter((f) => f.orderId === label.orderShopifyId);
      expect(fulfillments.flatMap((f) => f.trackingInfo.map((t) => t.number))).toContain(label.trackingNumber);
    }
  });

  it("re-plans the routed, unshipped orders together with the optimiser: never dearer in total, every order with a new current decision", async () => {
    const graphql = adminGraphqlWithToken(`${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, DEMO_ACCESS_TOKEN) as Gql;
    const shipped = new Set((await db.fulfillmentStep.findMany({ where: { shop: DEMO_SHOP }, select: { orderShopifyId: true } })).map((s) => s.orderShopifyId));
    const open = (await db.routingDecision.findMany({ where: { shop: DEMO_SHOP, current: true, status: "routed" } })).filter((d) => !shipped.has(d.orderShopifyId));
    const orders = [] as NamedOrder[];
    for (const d of open) orders.push((await orderFromShopify(graphql, d.orderShopifyId)) as NamedOrder);
    const result = await replanBacklog(db, DEMO_SHOP, graphql, orders, { now: new Date(), ...quoteDependencies(), solver: await loadMilpSolver() });
    expect(result.decisions).toHaveLength(open.length);
    expect(result.after).toBeLessThanOrEqual(result.before);
    for (const d of result.decisions) {
      expect(d.trigger).toBe("batch");
      expect(d.reason).toMatch(/^re-planned with \d+ open orders \(HiGHS optimum\)/);
      expect(await db.routingDecision.count({ where: { shop: DEMO_SHOP, orderShopifyId: d.orderShopifyId, current: true } })).toBe(1);
    }
  });
});
