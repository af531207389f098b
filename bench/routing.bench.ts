import { openSync, readSync } from "node:fs";
import { loadavg } from "node:os";
import type { BenchFigures } from "./run";
import type { FxTable } from "../app/engine/money";
import { loadCustomsTables } from "../app/integrations/customs/tables.server";
import { buildBatchModel, fixedPrices, orderPlans, planBatch, shadowPrices } from "../app/engine/routing/batch";
import { claimCurves, expectedMarginalValue } from "../app/engine/routing/bid-prices";
import { customsDuties } from "../app/engine/routing/duties";
import type { RoutingDecision, RoutingLine, RoutingOrder, RoutingWarehouse } from "../app/engine/routing/model";
import { routeNearest } from "../app/engine/routing/nearest";
import { cloneRoutingState, commitDecision, createRouter, createRoutingState, type RouterOptions, type RoutingState } from "../app/engine/routing/router";
import { sampleRateCards } from "../app/engine/routing/sample-network";
import { rateCardShipping } from "../app/engine/routing/shipping";
import { loadMilpSolver } from "../app/integrations/routing/highs.server";
import { CATALOG } from "../emulator/seed-catalog";

/**
 * Routing on generated instances: 1,000 open orders from the demo catalogue (real HS codes and
 * origins) to the demo shop's customer countries, 5 warehouses (US own, Canada 3PL, Venlo bonded,
 * Northampton 3PL, Sydney 3PL), 6 carrier services each (sample cards), real customs rules.
 * Three policies on the same instance and the same starting stock and capacity:
 *   online  - the router, one order at a time in arrival order (what runs on each new order),
 *             with bid prices that follow the stock left, from a demand forecast that is not the
 *             measured orders (fixed LP prices, none, and a perfect forecast also reported);
 *   milp    - the batch optimiser (HiGHS) over all 1,000 at once: the optimum;
 *   nearest - Shopify's default: nearest location with stock, cheapest service there.
 */
export const FX: FxTable = {
  date: "2026-06-01", source: "bench table (round rates)",
  rates: {
    USD: { CAD: "1.37", MXN: "18", JPY: "150", KRW: "1400", CNY: "7.2" },
    AUD: { USD: "0.66" },
    EUR: { USD: "1.10", GBP: "0.85", CHF: "0.95", NOK: "11.5", NZD: "1.9", SGD: "1.45", HKD: "8.6", SEK: "11.2", DKK: "7.46", PLN: "4.3" },
  },
};
export const WAREHOUSES: RoutingWarehouse[] = [
  { id: "us-nj", name: "Secaucus NJ", kind: "own", country: "US", timeZone: "America/New_York", cutoff: "14:00", handlingDays: 1, handlingPerOrder: 250, handlingPerUnit: 40, carriers: [], capacityPerDay: 600, latitude: 40.79, longitude: -74.06 },
  { id: "ca-on", name: "Mississauga ON", kind: "3pl", country: "CA", timeZone: "America/Toronto", cutoff: "13:00", handlingDays: 1, handlingPerOrder: 300, handlingPerUnit: 45, carriers: ["ups", "post"], capacityPerDay: 200, latitude: 43.59, longitude: -79.64 },
  { id: "nl-venlo", name: "Venlo NL (bonded)", kind: "bonded", country: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1, handlingPerOrder: 320, handlingPerUnit: 55, carriers: [], capacityPerDay: 380, latitude: 51.37, longitude: 6.17 },
  { id: "gb-nn", name: "Northampton GB", kind: "3pl", country: "GB", timeZone: "Europe/London", cutoff: "14:00", handlingDays: 1, handlingPerOrder: 300, handlingPerUnit: 50, carriers: ["dhl-express", "ups", "post"], capacityPerDay: 240, latitude: 52.2, longitude: -0.88 },
  { id: "au-syd", name: "Sydney AU", kind: "3pl", country: "AU", timeZone: "Australia/Sydney", cutoff: "12:00", handlingDays: 1, handlingPerOrder: 350, handlingPerUnit: 60, carriers: [], capacityPerDay: 140, latitude: -33.87, longitude: 151.0 },
];
const COUNTRIES: [string, number][] = [["US", 30], ["CA", 8], ["GB", 12], ["DE", 9], ["FR", 7], ["NL", 5], ["AU", 7], ["JP", 5], ["IT", 4], ["ES", 4], ["SE", 3], ["CH", 3], ["IE", 2], ["NZ", 2], ["MX", 2]];

function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly [T, number][]) => { let r = next() * xs.reduce((a, x) => a + x[1], 0); for (const [x, w] of xs) { r -= w; if (r < 0) return x; } return xs[xs.length - 1]![0]; } };
}

export function generateInstance(seed: number, orderCount: number) {
  const r = prng(seed);
  const skus: RoutingLine[] = CATALOG.map((p, i) => ({
    sku: `SKU-${i}`, quantity: 1, unitValue: Math.round(Number(p.price) * 100), unitGrams: p.grams, hsCode: p.hsCode, originCountry: p.origin, description: p.title,
  }));
  const orders: RoutingOrder[] = [];
  const demand = new Map<string, number>();
  for (let i = 0; i < orderCount; i++) {
    const country = r.pick(COUNTRIES);
    const n = r.pick([[1, 60], [2, 30], [3, 10]] as [number, number][]);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(r.int(0, skus.length - 1));
    const lines = [...chosen].map((k) => ({ ...skus[k]!, quantity: r.next() < 0.85 ? 1 : 2 }));
    for (const l of lines) demand.set(l.sku, (demand.get(l.sku) ?? 0) + l.quantity);
    orders.push({ id: `o${i}`, currency: "USD", destination: { country }, lines, promisedBy: r.next() < 0.5 ? "2026-06-09" : "2026-06-16" });
  }
  // New Jersey holds the whole range; the 3PLs a random two thirds each, with 15-60% of the
  // demand per SKU, so regional stock runs out during the batch and routing must adapt.
  const stock: Record<string, Record<string, number>> = {};
  for (const w of WAREHOUSES) {
    stock[w.id] = {};
    for (const l of skus) {
      const need = demand.get(l.sku) ?? 0;
      if (w.id === "us-nj") stock[w.id]![l.sku] = Math.ceil(need * 1.1);
      else if (r.next() < 0.67) stock[w.id]![l.sku] = Math.ceil(need * (0.15 + r.next() * 0.45));
    }
  }
  return { orders, state: createRoutingState(WAREHOUSES, stock) };
}

/**
 * Time a thread spent runnable but waiting for a core, in ns, from the kernel's scheduler
 * statistics (Linux); null elsewhere. Wall time minus this is the decision's own time on the CPU
 * (process.cpuUsage counts in scheduler ticks, too coarse for sub-millisecond decisions).
 */
function runQueueClock(): (() => number) | null {
  let fd: number;
  try { fd = openSync("/proc/thread-self/schedstat", "r"); } catch { return null; }
  const buf = Buffer.alloc(96);
  return () => {
    const n = readSync(fd, buf, 0, buf.length, 0);
    // "<ns on cpu> <ns waiting on a run queue> <timeslices>"
    let field = 0, v = 0;
    for (let i = 0; i < n; i++) {
      const c = buf[i]!;
      if (c === 32) { if (field === 1) break; field++; v = 0; continue; }
      v = v * 10 + (c - 48);
    }
    return v;
  };
}
const waited = runQueueClock();

interface Timings { wallMs: number[]; cpuMs: number[] }
const newTimings = (): Timings => ({ wallMs: [], cpuMs: [] });

type Route = (o: RoutingOrder, s: RoutingState, index: number) => RoutingDecision;

function runOnline(route: Route, orders: readonly RoutingOrder[], start: RoutingState, penalty: number, timings?: Timings) {
  const state = cloneRoutingState(start);
  let total = 0, unserved = 0, splits = 0;
  orders.forEach((o, i) => {
    const q0 = waited?.() ?? 0;
    const t0 = process.hrtime.bigint();
    const d = route(o, state, i);
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const q1 = waited?.() ?? 0;
    timings?.wallMs.push(wall);
    timings?.cpuMs.push(waited ? Math.max(0, wall - (q1 - q0) / 1e6) : NaN);
    commitDecision(state, d);
    if (d.cost) total += d.cost.total; else { total += penalty; unserved++; }
    if (d.shipments.length > 1) splits++;
  });
  return { total, unserved, splits };
}

const quantile = (xs: readonly number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!.toFixed(3));
};

const DDP_MARKETS = ["GB", "DE", "FR", "NL", "IT", "ES", "IE", "SE"];
export function benchOptions(tables: ReturnType<typeof loadCustomsTables>): RouterOptions {
  return {
    warehouses: WAREHOUSES,
    shipping: rateCardShipping({ cards: sampleRateCards(["US", "CA", "NL", "GB", "AU"]), fx: FX, now: () => new Date("2026-06-02T08:00:00Z"), ddpMarkets: DDP_MARKETS }),
    duties: customsDuties(tables, { date: "2026-06-02", ddpMarkets: DDP_MARKETS }),
    latenessPerDay: 400,
  };
}

/** Seeds of the forecast: draws from the generator's rates, none of them the measured orders. */
const FORECAST_SEEDS = Array.from({ length: 20 }, (_, i) => 99 + i);
/** Of those, the ones whose LP relaxation gives the fixed prices compared against (~0.2 s each). */
const LP_SCENARIOS = 5;
/** Further instances routed only to time decisions. */
const TIMING_SEEDS = [11, 12, 13, 14];

export default async function (): Promise<BenchFigures> {
  const tables = loadCustomsTables(FX);
  const solver = await loadMilpSolver();
  const PENALTY = 100_000;
  const options = () => benchOptions(tables);
  const { orders, state } = generateInstance(20261125, 1000);
  const n = orders.length;

  // The forecast: one day's demand drawn 20 times from the generator's rates (the same country,
  // basket and quantity mix, other seeds), never the orders measured. The claim curves over them
  // say what a unit is worth given the stock left and the share of the day still to come.
  const t2 = performance.now();
  const scenarios = FORECAST_SEEDS.map((seed) => generateInstance(seed, n).orders);
  const curves = claimCurves({ scenarios, state, options: options(), unservedPenalty: PENALTY });
  const forecastMs = performance.now() - t2;
  // For comparison, the earlier policy: fixed shadow prices of the LP relaxation over five of
  // the same draws, averaged.
  const base = { stock: new Map<string, number>(), capacity: new Map<string, number>() };
  for (const scenario of scenarios.slice(0, LP_SCENARIOS)) {
    const p = shadowPrices(solver, { orders: scenario, state: cloneRoutingState(state), options: options(), unservedPenalty: PENALTY });
    for (const [k, v] of p.stock) base.stock.set(k, (base.stock.get(k) ?? 0) + v / LP_SCENARIOS);
    for (const [k, v] of p.capacity) base.capacity.set(k, (base.capacity.get(k) ?? 0) + v / LP_SCENARIOS);
  }

  // The online router as it runs on each new order: bid prices from the curves at the stock left,
  // with (n - i) / n of the day's demand still to come.
  const router = createRouter(options());
  const online: Route = (o, s, i) => router.route(o, s, expectedMarginalValue(curves, (n - i) / n));
  // Warm up on a separate instance of the same size, so the timings are of a process in steady
  // state (JIT, and the customs tables' first lookup of each destination and HS code, ~8 ms).
  const warm = generateInstance(7, n);
  runOnline(online, warm.orders, warm.state, PENALTY);
  const timings = newTimings();
  const onlineBid = runOnline(online, orders, state, PENALTY, timings);
  for (const seed of TIMING_SEEDS) {
    const more = generateInstance(seed, n);
    runOnline(online, more.orders, more.state, PENALTY, timings);
  }

  // The same router with fixed LP shadow prices, without any, and with the prices a perfect
  // forecast would give (the LP over the very orders measured: a bound, not a policy).
  const fixed = fixedPrices(base);
  const onlineFixed = runOnline((o, s) => router.route(o, s, fixed), orders, state, PENALTY);
  const greedy = runOnline((o, s) => router.route(o, s), orders, state, PENALTY);
  const perfect = fixedPrices(shadowPrices(solver, { orders, state: cloneRoutingState(state), options: options(), unservedPenalty: PENALTY }));
  const onlinePerfect = runOnline((o, s) => router.route(o, s, perfect), orders, state, PENALTY);

  const nearestOptions = options();
  const nearest = runOnline((o, s) => routeNearest(o, s, nearestOptions), orders, state, PENALTY);

  const t0 = performance.now();
  const plan = planBatch(solver, { orders, state: cloneRoutingState(state), options: options(), unservedPenalty: PENALTY, timeLimitSeconds: 60 });
  const buildAndSolve = performance.now() - t0;
  // Solve time alone: the same model again, plans already priced.
  const o2 = options();
  const plans = orders.map((o) => orderPlans(o, state, o2));
  const model = buildBatchModel(orders, plans, state, PENALTY);
  const t1 = performance.now();
  const again = solver.solve(model.text, { mip_rel_gap: 1e-4 });
  const solveMs = performance.now() - t1;

  return {
    orders: n,
    warehouses: WAREHOUSES.length,
    services: 6,
    forecast: `generator rates, seeds ${FORECAST_SEEDS[0]}-${FORECAST_SEEDS[FORECAST_SEEDS.length - 1]} (measured orders: seed 20261125)`,
    milp_status: plan.status,
    milp_variables: plan.variables,
    milp_constraints: plan.constraints,
    online_vs_milp_ratio: Number((onlineBid.total / plan.objective).toFixed(4)),
    online_fixed_lp_prices_vs_milp_ratio: Number((onlineFixed.total / plan.objective).toFixed(4)),
    online_greedy_vs_milp_ratio: Number((greedy.total / plan.objective).toFixed(4)),
    online_perfect_forecast_vs_milp_ratio: Number((onlinePerfect.total / plan.objective).toFixed(4)),
    nearest_vs_milp_ratio: Number((nearest.total / plan.objective).toFixed(4)),
    nearest_vs_online_ratio: Number((nearest.total / onlineBid.total).toFixed(4)),
    online_unserved: onlineBid.unserved,
    milp_unserved: plan.unserved.length,
    nearest_unserved: nearest.unserved,
    online_splits: onlineBid.splits,
    forecast_curves_ms: Math.round(forecastMs),
    milp_solve_ms: Math.round(solveMs),
    milp_solve_status: again.Status,
    milp_build_and_solve_ms: Math.round(buildAndSolve),
    decisions_timed: timings.wallMs.length,
    online_decision_p50_ms: quantile(timings.wallMs, 0.5),
    online_decision_p99_ms: quantile(timings.wallMs, 0.99),
    // Wall time less the time the thread sat runnable waiting for a core: the decision's own cost
    // on a busy machine (null where the kernel does not report it).
    online_decision_cpu_p50_ms: waited ? quantile(timings.cpuMs, 0.5) : null,
    online_decision_cpu_p99_ms: waited ? quantile(timings.cpuMs, 0.99) : null,
    load_average_1m: Number(loadavg()[0]!.toFixed(2)),
  };
}
