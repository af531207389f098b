import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { DEMO_SHOP } from "../emulator/seed";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { seedFulfillmentDemo } from "../scripts/fulfillment-demo";

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
});
