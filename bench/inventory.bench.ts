import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import loadHighs from "highs";
import type { BenchFigures } from "./run";
import { backtest, forecastDemand } from "../app/engine/inventory/forecast";
import { parseMonthlySeries } from "../app/engine/inventory/public-series";
import { weeklyDemand } from "../app/engine/inventory/positions";
import { planReallocation, type LpSolver, type ReallocationInput } from "../app/engine/inventory/reallocation";
import { Store } from "../emulator/store";
import { DEMO_SHOP, seedDemoStore } from "../emulator/seed";

const NOW = new Date("2026-11-20T12:00:00Z");

/** Relative MASE = MASE of the chosen method / MASE of seasonal naive over the same origins. */
function relative(series: number[][], options: { seasonLength: number; horizon: number; origins: number; step: number }) {
  let auto = 0, naive = 0, n = 0;
  for (const s of series) {
    const a = backtest(s, "auto", options);
    const b = backtest(s, options.seasonLength > 1 ? "seasonal-naive" : "naive", options);
    if (!a.forecasts) continue;
    auto += a.mase * a.forecasts;
    naive += b.mase * b.forecasts;
    n += a.forecasts;
  }
  return { auto: auto / n, naive: naive / n, ratio: auto / naive, forecasts: n };
}

function demoSeries(): number[][] {
  const store = new Store();
  seedDemoStore(store, { now: NOW });
  const lines = store.list(DEMO_SHOP, "Order").filter((o) => !o.cancelledAt).flatMap((o) =>
    o.lineItemIds.map((id) => {
      const line = store.get(DEMO_SHOP, id, "LineItem")!;
      return { sku: line.sku ?? "?", quantity: line.quantity, countryCode: o.shippingAddress?.countryCode ?? null, orderedAt: new Date(o.createdAt) };
    }),
  );
  const bySkuRegion = [...weeklyDemand(lines, NOW, 26).values()].map((s) => s.weekly);
  const byRegion = new Map<string, number[]>();
  for (const s of weeklyDemand(lines, NOW, 26).values()) {
    const total = byRegion.get(s.region) ?? new Array(26).fill(0);
    s.weekly.forEach((v, i) => (total[i] += v));
    byRegion.set(s.region, total);
  }
  return [...bySkuRegion, ...byRegion.values()];
}

function planInput(skus: number): ReallocationInput {
  const W = ["us", "nl", "gb"];
  const R: Record<string, string> = { us: "NA", nl: "EU", gb: "UK" };
  const names = Array.from({ length: skus }, (_, i) => `S${i}`);
  return {
    currency: "USD", bucketDays: 14, buckets: 4,
    warehouses: W.map((id) => ({ id, region: R[id]!, capacityUnits: id === "us" ? Infinity : 2500, holdingPerUnitDay: 1, onDemandPerUnitDay: id === "us" ? undefined : 3 })),
    lanes: names.flatMap((sku, i) => [
      ...W.flatMap((a) => W.filter((b) => b !== a).map((b) => ({ sku, from: a, to: b, costPerUnit: 90 + (i % 7) * 20, leadTimeDays: a === "us" || b === "us" ? 10 : 4, dutyPerUnit: { [sku]: (i % 4) * 40 } }))),
      ...W.map((b) => ({ sku, from: "origin", to: b, costPerUnit: 60 + (i % 5) * 10, leadTimeDays: 35 })),
    ]),
    skus: names.map((sku, i) => ({
      sku,
      onHand: { us: 40 + ((i * 37) % 200), nl: (i * 7) % 15, gb: (i * 5) % 9 },
      demand: Object.fromEntries(Object.values(R).map((r, k) => [r, Array.from({ length: 4 }, (_, b) => {
        const mean = 0.8 + ((i + k + b) % 6) * 0.9;
        return { mean, lower: mean * 0.4, upper: mean * 1.9, level: 0.8 };
      })])),
      stockoutCostPerUnit: { NA: 1200, EU: 1800, UK: 1600 },
    })),
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)]!;

async function dashboards100k(): Promise<BenchFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "borderless-bench-dash-"));
  const url = `file:${path.join(dir, "bench.sqlite")}`;
  process.env.SHOPIFY_API_KEY ??= "bench-api-key";
  process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
  process.env.SHOPIFY_APP_URL ??= "https://borderless.bench";
  const { migrateDatabase } = await import("../app/db/migrate.server");
  const { createPrismaClient } = await import("../app/db.server");
  const { dashboardFigures, rebuildCostRollups, monthOf } = await import("../app/services/dashboards.server");
  await migrateDatabase(url);
  const db = createPrismaClient(url);
  try {
    const markets = ["US", "US", "US", "CA", "GB", "DE", "FR", "NL", "IT", "ES", "AU", "JP", "SE", "IE", "CH"];
    const types = ["Knitwear", "T-Shirts", "Footwear", "Skincare", "Jewellery", "Electronics", "Home", "Toys", "Coffee"];
    const carriers = ["USPS", "DHL Express", "Royal Mail", "PostNL", "UPS"];
    const region = (m: string) => (m === "US" || m === "CA" ? "NA" : m === "GB" ? "UK" : m === "AU" || m === "JP" ? "APAC" : "EU");
    const start = NOW.getTime() - 365 * 86_400_000;
    const total = 100_000;
    const t0 = performance.now();
    for (let i = 0; i < total; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, total - i) }, (_, k) => {
        const n = i + k;
        const market = markets[n % markets.length]!;
        const origin = market === "GB" ? "GB" : region(market) === "EU" ? "NL" : "US";
        const days = 2 + ((n * 7919) % 9);
        return {
          shop: DEMO_SHOP, orderShopifyId: `gid://shopify/Order/${n}`, orderName: `#${n}`, orderedAt: new Date(start + (n / total) * 365 * 86_400_000),
          market, region: region(market), productType: types[n % types.length]!, carrier: carriers[(n * 31) % carriers.length]!, lane: `${origin}-${market}`, currency: "USD",
          revenueMinor: 5000 + (n % 90) * 100, shippingMinor: 595 + (n % 5) * 400, dutiesMinor: origin === market ? 0 : (n % 11) * 150, dutiesCollectedMinor: origin === market ? 0 : (n % 7) * 150,
          handlingMinor: 150 + (n % 3) * 50, storageMinor: 30 + (n % 3) * 30, returnsMinor: n % 17 === 0 ? 1100 : 0, returned: n % 17 === 0,
          deliveryDays: days, promisedDays: 7, onTime: days <= 7,
        };
      });
      await db.orderCostFact.createMany({ data: rows });
    }
    const months = [...new Set(Array.from({ length: 14 }, (_, i) => monthOf(new Date(start + i * 29 * 86_400_000))))];
    await rebuildCostRollups(db, DEMO_SHOP, months);
    const loadSeconds = (performance.now() - t0) / 1000;
    const filters = { fromMonth: months[0]!, toMonth: monthOf(NOW) };
    for (let i = 0; i < 3; i++) await dashboardFigures(db, DEMO_SHOP, filters, NOW);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await dashboardFigures(db, DEMO_SHOP, i % 3 === 2 ? { ...filters, market: "GB" } : filters, NOW);
      times.push(performance.now() - t);
    }
    return { dashboard_orders: total, dashboard_facts_and_rollups_s: Math.round(loadSeconds * 10) / 10, dashboard_loader_p50_ms: Math.round(percentile(times, 0.5)), dashboard_loader_p95_ms: Math.round(percentile(times, 0.95)) };
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Inventory figures. Forecasts: rolling-origin MASE of the per-series choice relative to seasonal
 * naive on the public US retail series (monthly, 8 yearly origins, 12 months ahead) and on the
 * demo shop's weekly demand per SKU x region and per region (4 origins, 4 weeks ahead; naive is
 * the seasonal naive of a series without a season), and forecasts per second. Reallocation: plan
 * time for 36 SKUs x 3 warehouses x 9 lanes, against the exact MIP as the baseline. Dashboards:
 * the loader's queries over 100,000 orders' cost facts in SQLite.
 */
export default async function (): Promise<BenchFigures> {
  const retail = parseMonthlySeries(readFileSync(new URL("../data/demand/us-retail-sales-rsxfsn.csv", import.meta.url), "utf8")).values;
  const publicFigures = relative([retail], { seasonLength: 12, horizon: 12, origins: 8, step: 12 });
  const demo = demoSeries();
  const demoFigures = relative(demo, { seasonLength: 1, horizon: 4, origins: 4, step: 2 });

  let count = 0;
  const end = performance.now() + 1000;
  while (performance.now() < end) {
    forecastDemand(demo[count % demo.length]!, { seasonLength: 1, horizon: 8, origins: 4 });
    count++;
  }

  const solver = (await loadHighs()) as unknown as LpSolver;
  const input = planInput(36);
  const time = (fn: () => void, runs: number) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      times.push(performance.now() - t);
    }
    return percentile(times, 0.5);
  };
  let transfers = 0;
  const planMs = time(() => (transfers = planReallocation(solver, input).transfers.length), 5);
  const exactMs = time(() => planReallocation(solver, input, { exact: true }), 2);
  const lp = planReallocation(solver, input);
  const exact = planReallocation(solver, input, { exact: true });

  return {
    forecast_public_mase_ratio: Math.round(publicFigures.ratio * 1000) / 1000,
    forecast_public_mase: Math.round(publicFigures.auto * 1000) / 1000,
    forecast_public_snaive_mase: Math.round(publicFigures.naive * 1000) / 1000,
    forecast_demo_mase_ratio: Math.round(demoFigures.ratio * 1000) / 1000,
    forecast_demo_series: demo.length,
    forecast_per_s: count,
    realloc_36sku_p50_ms: Math.round(planMs),
    realloc_exact_mip_p50_ms: Math.round(exactMs),
    realloc_speedup_ratio: Math.round((exactMs / planMs) * 10) / 10,
    realloc_cost_gap_pct: Math.round(((lp.cost.total - exact.cost.total) / exact.cost.total) * 10000) / 100,
    realloc_transfers: transfers,
    ...(await dashboards100k()),
  };
}
