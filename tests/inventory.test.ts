import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { requestBackfill, runBackfills } from "../app/jobs/backfill.server";
import { backfillDeps } from "../app/jobs/runtime.server";
import { emulatorFetch } from "../app/integrations/shopify/emulator-fetch.server";
import { decidePlan, inventoryView, PlanDecisionError, proposePlan, refreshForecasts } from "../app/services/inventory.server";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import { lowerStockForDemo } from "../scripts/demo-inventory";
import { simulatedDemoDelivery } from "../app/demo/deliveries";
import { dashboardCsv, dashboardFigures, loadProductTypes, syncCostFacts } from "../app/services/dashboards.server";

const NOW = new Date("2026-11-20T12:00:00Z");
let emulator: RunningEmulator;
let admin: { graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response> };

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: NOW } });
  await db.session.create({ data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "x", isOnline: false, accessToken: DEMO_ACCESS_TOKEN } });
  const doFetch = emulatorFetch(emulator.url);
  admin = {
    graphql: (query, options) =>
      doFetch(`https://${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN },
        body: JSON.stringify({ query, variables: options?.variables ?? {} }),
      }),
  };
  const { id } = await requestBackfill(db, DEMO_SHOP);
  const deps = { ...backfillDeps(db, { apiVersion: "2026-10", emulatorUrl: emulator.url }), pollMs: 10 };
  let clock = Date.now();
  for (let i = 0; i < 20; i++) {
    await runBackfills({ db, owner: "test", leaseMs: 60_000, now: () => new Date(clock), deps, isRunning: () => true });
    if ((await db.backfillRun.findUniqueOrThrow({ where: { id } })).status === "completed") break;
    clock += 10 * 60_000;
  }
}, 60_000);
afterAll(async () => {
  await emulator?.close();
});

describe("inventory visibility, forecasts and plans on the demo store", () => {
  it("GIVEN Shopify inventory levels WHEN the view loads THEN each SKU shows available, reserved (committed) and incoming stock per location", async () => {
    const view = await inventoryView(db, admin, DEMO_SHOP, NOW);
    expect(view.warehouses.map((w) => w.countryCode).sort()).toEqual(["GB", "NL", "US"]);
    const levels = emulator.store.list(DEMO_SHOP, "InventoryLevel");
    const items = emulator.store.list(DEMO_SHOP, "InventoryItem");
    const level = levels.find((l) => ((l.quantities as Record<string, number>).committed ?? 0) > 0)!;
    const sku = items.find((i) => i.id === level.inventoryItemId)!.sku!;
    const cell = view.rows.find((r) => r.sku === sku)!.cells.find((c) => c.warehouseId === level.locationId)!;
    const q = level.quantities as Record<string, number> as { available: number; committed: number; reserved: number; incoming: number };
    expect(cell).toMatchObject({ available: q.available, reserved: q.committed + q.reserved, inTransit: q.incoming });
    // Without forecasts there is no demand to cover.
    expect(cell.flag === "no-demand" || cell.flag === "stockout").toBe(true);
  });

  it("GIVEN synced orders WHEN forecasts refresh THEN every SKU x region series gets a forecast with an interval, the run reports progress, and another shop's rows stay", async () => {
    await db.demandForecast.create({ data: { shop: "other.myshopify.com", runId: "x", sku: "OTHER-1", region: "EU", method: "ses", periodDays: 7, periodStart: NOW, history: "[1]", mean: "[1]", lower: "[0]", upper: "[2]", level: 0.8 } });
    const run = await db.forecastRun.create({ data: { shop: DEMO_SHOP, startedAt: NOW } });
    const count = await refreshForecasts(db, DEMO_SHOP, run.id, NOW);
    const finished = await db.forecastRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: "done", total: count, done: count });
    expect(count).toBeGreaterThan(20);
    const forecasts = await db.demandForecast.findMany({ where: { shop: DEMO_SHOP } });
    expect(forecasts).toHaveLength(count);
    for (const f of forecasts) {
      const [mean, lower, upper] = [JSON.parse(f.mean), JSON.parse(f.lower), JSON.parse(f.upper)] as number[][];
      expect(mean).toHaveLength(8);
      mean!.forEach((m, i) => expect(lower![i]! <= m && m <= upper![i]!).toBe(true));
    }
    // Slow movers (a sale every few weeks) get intermittent-demand methods.
    expect(forecasts.some((f) => ["croston", "sba", "tsb"].includes(f.method))).toBe(true);
    expect(await db.demandForecast.count({ where: { shop: "other.myshopify.com" } })).toBe(1);
  });

  it("GIVEN the EU's best seller nearly out in Venlo WHEN a plan is proposed and approved THEN stock moves to Venlo and shows in transit", async () => {
    const { sku, locationId } = lowerStockForDemo(emulator.store, DEMO_SHOP);
    const plan = await proposePlan(db, admin, DEMO_SHOP, NOW);
    const toVenlo = plan.lines.filter((l) => l.sku === sku && l.toLocation === locationId);
    expect(toVenlo.length).toBeGreaterThan(0);
    expect(plan.totalMinor).toBeLessThan(plan.doNothingTotalMinor);

    const before = (await inventoryView(db, admin, DEMO_SHOP, NOW)).rows.find((r) => r.sku === sku)!.cells.find((c) => c.warehouseId === locationId)!;
    await decidePlan(db, DEMO_SHOP, plan.id, "approve", NOW);
    const after = (await inventoryView(db, admin, DEMO_SHOP, NOW)).rows.find((r) => r.sku === sku)!.cells.find((c) => c.warehouseId === locationId)!;
    expect(after.inTransit - before.inTransit).toBe(toVenlo.reduce((s, l) => s + l.quantity, 0));
  });

  it("refuses to decide another shop's plan or a plan twice, leaving it as it was", async () => {
    const plan = await db.transferPlan.create({
      data: { shop: DEMO_SHOP, currency: "USD", horizonDays: 56, transferMinor: 0, dutyMinor: 0, stockoutMinor: 0, holdingMinor: 0, storageMinor: 0, totalMinor: 0, doNothingTotalMinor: 0 },
    });
    await expect(decidePlan(db, "other.myshopify.com", plan.id, "approve", NOW)).rejects.toMatchObject({ status: 404 });
    expect((await db.transferPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe("proposed");
    await decidePlan(db, DEMO_SHOP, plan.id, "reject", NOW);
    await expect(decidePlan(db, DEMO_SHOP, plan.id, "approve", NOW)).rejects.toBeInstanceOf(PlanDecisionError);
    expect((await db.transferPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe("rejected");
  });
});

describe("cost dashboards from the synced demo orders", () => {
  it("GIVEN synced orders WHEN cost facts sync THEN each live order gets one, a second sync adds none, and figures add up by region, lane, market and carrier", async () => {
    const productTypes = await loadProductTypes(admin);
    const written = await syncCostFacts(db, DEMO_SHOP, { productTypes, deliveryOf: simulatedDemoDelivery });
    const live = await db.order.count({ where: { shop: DEMO_SHOP, cancelledAt: null } });
    expect(written).toBe(live);
    expect(await syncCostFacts(db, DEMO_SHOP, { productTypes })).toBe(0);

    const figures = await dashboardFigures(db, DEMO_SHOP, { fromMonth: "2026-01", toMonth: "2026-11" }, NOW);
    expect(figures.orders).toBe(await db.orderCostFact.count({ where: { shop: DEMO_SHOP, orderedAt: { lt: NOW } } }));
    expect(figures.byRegion.reduce((s, r) => s + r.orders, 0)).toBe(figures.orders);
    expect(figures.byCarrier.reduce((s, r) => s + r.orders, 0)).toBe(figures.orders);
    expect(new Set(figures.byProductType.map((r) => r.key))).toContain("Knitwear");
    // Cross-border parcels pay duties and import VAT at the border; domestic US parcels do not.
    const gb = figures.duties.find((d) => d.market === "GB");
    const de = figures.duties.find((d) => d.market === "DE");
    expect((gb?.paid ?? 0) + (de?.paid ?? 0)).toBeGreaterThan(0);
    expect(figures.duties.find((d) => d.market === "US")).toBeUndefined();
    for (const lane of figures.lanes) expect(lane.p50!).toBeLessThanOrEqual(lane.p90!);
    expect(figures.lanes.find((l) => l.lane === "US-US")!.parcels).toBeGreaterThan(20);
    const dhl = figures.tiers.find((t) => t.carrierId === "dhl-express")!;
    const dhlThisMonth = await db.orderCostFact.count({ where: { shop: DEMO_SHOP, carrier: { in: ["dhl", "DHL Express"] }, orderedAt: { gte: new Date("2026-11-01T00:00:00Z"), lt: NOW } } });
    expect(dhl.parcelsThisMonth).toBe(dhlThisMonth);
    expect(dhl.next).toEqual({ minMonthlyShipments: 250, discountPercent: "5", parcelsToGo: 250 - dhlThisMonth });

    const filtered = await dashboardFigures(db, DEMO_SHOP, { fromMonth: "2026-01", toMonth: "2026-11", market: "GB" }, NOW);
    expect(filtered.byMarket.map((m) => m.key)).toEqual(["GB"]);
    const csv = dashboardCsv(filtered).trim().split("\n");
    expect(csv[0]).toBe("dimension,key,orders,shipping,duties_taxes,handling,storage,returns,total_per_order,currency");
    expect(csv).toContain(csv.find((l) => l.startsWith("market,GB,"))!);
  });
});
