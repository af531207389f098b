import type { PrismaClient } from "@prisma/client";
import loadHighs from "highs";
import { quoteLandedCost } from "../engine/customs/quote";
import { forecastDemand, backtest } from "../engine/inventory/forecast";
import {
  assignServedRegions, coverByRegion, regionOf, stockMatrix, weeklyDemand, type Region, type StockLevel, type WarehouseRef,
} from "../engine/inventory/positions";
import { planReallocation, ReallocationError, type LaneSpec, type LpSolver, type ReallocationInput } from "../engine/inventory/reallocation";
import { loadInventory, type InventoryItemStock, type InventorySnapshot } from "../integrations/shopify/inventory.server";
import { calculatorTables } from "../integrations/customs/landed-cost.server";
import type { AdminApiClient } from "../integrations/shopify/admin-graphql.server";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Weeks of order history a forecast is fitted to, and weeks ahead it looks. */
export const HISTORY_WEEKS = 26;
export const HORIZON_WEEKS = 8;


let highs: Promise<LpSolver> | undefined;
/** HiGHS compiled to WebAssembly, instantiated once per process. */
export function solver(): Promise<LpSolver> {
  highs ??= loadHighs().then((h) => h as unknown as LpSolver);
  return highs;
}

// ---------------------------------------------------------------- forecasts in the background

/** Weekly units per SKU and region from the synced orders (cancelled orders excluded). */
export async function demandHistory(db: PrismaClient, shop: string, now: Date, weeks = HISTORY_WEEKS) {
  const since = new Date(now.getTime() - weeks * WEEK);
  const lines = await db.orderLine.findMany({
    where: { shop, sku: { not: null }, order: { shop, cancelledAt: null, shopifyCreatedAt: { gte: since, lt: now } } },
    select: { sku: true, quantity: true, order: { select: { destCountryCode: true, shopifyCreatedAt: true } } },
  });
  return weeklyDemand(
    lines.map((l) => ({ sku: l.sku!, quantity: l.quantity, countryCode: l.order.destCountryCode, orderedAt: l.order.shopifyCreatedAt })),
    now,
    weeks,
  );
}

/** Starts a forecast refresh unless one is already running; the work continues after the response. */
export async function startForecastRefresh(db: PrismaClient, shop: string, now: Date): Promise<{ runId: string; started: boolean }> {
  const running = await db.forecastRun.findFirst({ where: { shop, status: "running", startedAt: { gt: new Date(now.getTime() - 10 * 60_000) } } });
  if (running) return { runId: running.id, started: false };
  const run = await db.forecastRun.create({ data: { shop, status: "running", startedAt: now } });
  // Background work in this process: the page polls the run row for progress. A run whose process
  // died stays "running" and is ignored after ten minutes, when a new one may start.
  void refreshForecasts(db, shop, run.id, now).catch(async (error) => {
    await db.forecastRun.updateMany({ where: { id: run.id, shop }, data: { status: "failed", error: String(error instanceof Error ? error.message : error), finishedAt: new Date() } });
  });
  return { runId: run.id, started: true };
}

/** Fits every SKU x region series, writing each forecast and the run's progress as it goes. */
export async function refreshForecasts(db: PrismaClient, shop: string, runId: string, now: Date): Promise<number> {
  const series = [...(await demandHistory(db, shop, now)).values()];
  await db.forecastRun.update({ where: { id: runId }, data: { total: series.length } });
  const periodStart = new Date(now.getTime());
  let done = 0;
  for (const s of series) {
    const forecast = forecastDemand(s.weekly, { seasonLength: 1, horizon: HORIZON_WEEKS, level: 0.8, origins: 4 });
    const check = backtest(s.weekly, forecast.method, { seasonLength: 1, horizon: 4, origins: 4, step: 2 });
    const data = {
      runId, method: forecast.method, periodDays: 7, periodStart, history: JSON.stringify(s.weekly),
      mean: JSON.stringify(forecast.mean.map(round2)), lower: JSON.stringify(forecast.lower.map(round2)), upper: JSON.stringify(forecast.upper.map(round2)),
      level: forecast.level, backtestMase: Number.isFinite(check.mase) ? round2(check.mase) : null, createdAt: now,
    };
    await db.demandForecast.upsert({ where: { shop_sku_region: { shop, sku: s.sku, region: s.region } }, create: { shop, sku: s.sku, region: s.region, ...data }, update: data });
    done++;
    if (done % 10 === 0 || done === series.length) await db.forecastRun.update({ where: { id: runId }, data: { done } });
    // Let the server answer requests between series.
    if (done % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  // Series that had no sale in the window keep no stale forecast.
  await db.demandForecast.deleteMany({ where: { shop, runId: { not: runId } } });
  await db.forecastRun.update({ where: { id: runId }, data: { status: "done", done, finishedAt: new Date() } });
  return done;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

// ---------------------------------------------------------------- stock positions

export interface ForecastView {
  sku: string;
  region: string;
  method: string;
  history: number[];
  mean: number[];
  lower: number[];
  upper: number[];
  level: number;
  backtestMase: number | null;
  periodStart: string;
}

async function loadForecasts(db: PrismaClient, shop: string): Promise<ForecastView[]> {
  const rows = await db.demandForecast.findMany({ where: { shop }, orderBy: [{ sku: "asc" }, { region: "asc" }] });
  return rows.map((r) => ({
    sku: r.sku, region: r.region, method: r.method, history: JSON.parse(r.history), mean: JSON.parse(r.mean), lower: JSON.parse(r.lower), upper: JSON.parse(r.upper),
    level: r.level, backtestMase: r.backtestMase, periodStart: r.periodStart.toISOString(),
  }));
}

/** Units on their way per SKU and destination location: approved transfers not yet received. */
export async function inTransit(db: PrismaClient, shop: string, now: Date) {
  const lines = await db.transferPlanLine.findMany({ where: { shop, receivedAt: null, plan: { shop, status: "approved" }, arrivesAt: { gt: now } } });
  const map = new Map<string, number>();
  for (const l of lines) map.set(`${l.sku}|${l.toLocation}`, (map.get(`${l.sku}|${l.toLocation}`) ?? 0) + l.quantity);
  return { map, lines };
}

function warehousesOf(snapshot: InventorySnapshot): WarehouseRef[] {
  return assignServedRegions(
    snapshot.locations.map((l) => ({ id: l.id, name: l.name, countryCode: l.countryCode })),
    snapshot.locations.find((l) => l.isPrimary)?.id,
  );
}

function demandRate(forecasts: ForecastView[], weeks = 4) {
  const rate = new Map<string, number>();
  for (const f of forecasts) rate.set(`${f.sku}|${f.region}`, f.mean.slice(0, weeks).reduce((s, v) => s + v, 0) / (weeks * 7));
  return (sku: string, region: Region) => rate.get(`${sku}|${region}`) ?? 0;
}

export async function inventoryView(db: PrismaClient, admin: AdminApiClient, shop: string, now: Date) {
  const [snapshot, forecasts, transit, run, plan] = await Promise.all([
    loadInventory(admin),
    loadForecasts(db, shop),
    inTransit(db, shop, now),
    db.forecastRun.findFirst({ where: { shop }, orderBy: { startedAt: "desc" } }),
    db.transferPlan.findFirst({ where: { shop }, orderBy: { createdAt: "desc" }, include: { lines: true } }),
  ]);
  const warehouses = warehousesOf(snapshot);
  const levels: StockLevel[] = snapshot.items.flatMap((item) =>
    item.levels.map((l) => ({
      sku: item.sku, warehouseId: l.locationId, available: l.available, reserved: l.committed + l.reserved,
      inTransit: l.incoming + (transit.map.get(`${item.sku}|${l.locationId}`) ?? 0),
    })),
  );
  // Approved transfers to a location that has no level yet for the SKU still count.
  for (const line of transit.lines) {
    if (!levels.some((l) => l.sku === line.sku && l.warehouseId === line.toLocation)) {
      levels.push({ sku: line.sku, warehouseId: line.toLocation, available: 0, reserved: 0, inTransit: transit.map.get(`${line.sku}|${line.toLocation}`) ?? 0 });
    }
  }
  const rate = demandRate(forecasts);
  const rows = stockMatrix(levels, warehouses, rate);
  const titles = Object.fromEntries(snapshot.items.map((i) => [i.sku, i.title]));
  return {
    warehouses,
    rows: rows.map((r) => ({ ...r, title: titles[r.sku] ?? r.sku })),
    cover: coverByRegion(rows, warehouses, rate),
    forecasts,
    run: run && { id: run.id, status: run.status, total: run.total, done: run.done, error: run.error, finishedAt: run.finishedAt?.toISOString() ?? null },
    plan: plan && {
      id: plan.id, status: plan.status, currency: plan.currency, horizonDays: plan.horizonDays, createdAt: plan.createdAt.toISOString(),
      cost: { transfer: plan.transferMinor, duty: plan.dutyMinor, stockout: plan.stockoutMinor, holding: plan.holdingMinor, storage: plan.storageMinor, total: plan.totalMinor },
      doNothingTotal: plan.doNothingTotalMinor,
      lines: plan.lines.map((l) => ({ id: l.id, sku: l.sku, from: l.fromLocation, to: l.toLocation, quantity: l.quantity, leadTimeDays: l.leadTimeDays, transfer: l.transferMinor, duty: l.dutyMinor, arrivesAt: l.arrivesAt?.toISOString() ?? null })),
    },
  };
}

// ---------------------------------------------------------------- reallocation plans

/**
 * Cost assumptions for moving stock, per kilogram and per unit, in USD cents. They are samples for
 * the demo shop like the rate cards (consolidated freight between the shop's own warehouses, sea
 * freight from the makers); a merchant's contracts replace them.
 */
export const TRANSFER_ASSUMPTIONS = {
  currency: "USD",
  handlingPerUnit: 35,
  perKg: { sameRegion: 60, crossRegion: 240, origin: 110 },
  leadTimeDays: { sameRegion: 4, crossRegion: 10, origin: 35 },
  /** What an order costs more when it ships cross-border instead of from the local warehouse. */
  crossBorderShippingPremium: 1400,
  holdingPerUnitDay: 1,
  /** The 3PLs offer on-demand storage above the contracted space, priced per unit-day. */
  onDemandPerUnitDay: 3,
  contractedUnits: 2500,
};

const MARKET_OF: Record<Region, string> = { NA: "US", EU: "DE", UK: "GB", APAC: "AU", ROW: "US" };

/** Import duty on one unit moved into `to` (customs value: the unit cost), from the customs engine. */
function dutyPerUnit(item: InventoryItemStock, fromCountry: string, toCountry: string, date: string): number {
  if (!item.hsCode || !item.originCountry || item.unitCostMinor === null) return 0;
  if (regionOf(fromCountry) === regionOf(toCountry) && regionOf(toCountry) === "EU") return 0;
  try {
    const quote = quoteLandedCost(
      { date, destination: { country: toCountry }, shipFrom: fromCountry, currency: item.currency ?? "USD", incoterm: "DDP", shipping: 0, dutyEstimate: "highest",
        lines: [{ hsCode: item.hsCode, originCountry: item.originCountry, quantity: 1, unitValue: item.unitCostMinor, netWeightGrams: item.grams }] },
      calculatorTables(),
    );
    // The importer of record recovers import VAT on stock, so only the duty is a cost of moving it.
    return quote.totals.duty.amount;
  } catch {
    return 0;
  }
}

/** Duty and tax a buyer's parcel bears when it crosses into the region instead of shipping locally. */
function parcelDutiesPerUnit(item: InventoryItemStock, fromCountry: string, toCountry: string, date: string): number {
  if (!item.hsCode || !item.originCountry || item.unitCostMinor === null || regionOf(fromCountry) === regionOf(toCountry)) return 0;
  try {
    const quote = quoteLandedCost(
      { date, destination: { country: toCountry }, shipFrom: fromCountry, currency: item.currency ?? "USD", incoterm: "DDP", shipping: 0, dutyEstimate: "highest",
        lines: [{ hsCode: item.hsCode, originCountry: item.originCountry, quantity: 1, unitValue: Math.round(item.unitCostMinor / 0.38), netWeightGrams: item.grams }] },
      calculatorTables(),
    );
    return quote.totals.duty.amount + quote.totals.fees.amount;
  } catch {
    return 0;
  }
}

export function buildReallocationInput(
  snapshot: InventorySnapshot,
  forecasts: ForecastView[],
  transitLines: Array<{ sku: string; toLocation: string; quantity: number; arrivesAt: Date | null }>,
  now: Date,
  skus?: string[],
): ReallocationInput {
  const a = TRANSFER_ASSUMPTIONS;
  const warehouses = warehousesOf(snapshot);
  const date = now.toISOString().slice(0, 10);
  const country = Object.fromEntries(snapshot.locations.map((l) => [l.id, l.countryCode]));
  const primary = snapshot.locations.find((l) => l.isPrimary) ?? snapshot.locations[0];
  const byKey = new Map(forecasts.map((f) => [`${f.sku}|${f.region}`, f]));
  const wanted = new Set(skus ?? forecasts.map((f) => f.sku));
  const items = snapshot.items.filter((i) => wanted.has(i.sku));

  const lanes: LaneSpec[] = [];
  for (const from of warehouses) {
    for (const to of warehouses) {
      if (from.id === to.id) continue;
      const same = regionOf(from.countryCode) === regionOf(to.countryCode);
      lanes.push({
        from: from.id, to: to.id, leadTimeDays: same ? a.leadTimeDays.sameRegion : a.leadTimeDays.crossRegion,
        costPerUnit: 0, dutyPerUnit: {},
      });
    }
    lanes.push({ from: "origin", to: from.id, leadTimeDays: a.leadTimeDays.origin, costPerUnit: 0, dutyPerUnit: {} });
  }
  // Freight is per kilogram, so a lane's unit cost depends on the SKU: one lane per SKU.
  const perSkuLanes: LaneSpec[] = [];
  for (const item of items) {
    for (const lane of lanes) {
      const fromCountry = lane.from === "origin" ? item.originCountry ?? primary?.countryCode ?? "US" : country[lane.from]!;
      const toCountry = country[lane.to]!;
      const kind = lane.from === "origin" ? "origin" : regionOf(fromCountry) === regionOf(toCountry) ? "sameRegion" : "crossRegion";
      perSkuLanes.push({
        ...lane,
        sku: item.sku,
        costPerUnit: a.handlingPerUnit + Math.round((a.perKg[kind] * Math.max(item.grams, 50)) / 1000),
        dutyPerUnit: { [item.sku]: dutyPerUnit(item, fromCountry, toCountry, date) },
      });
    }
  }
  const buckets = 4;
  const bucketDays = 14;
  return {
    currency: a.currency,
    bucketDays,
    buckets,
    warehouses: warehouses.map((w) => ({
      id: w.id, region: w.serves[0]!, holdingPerUnitDay: a.holdingPerUnitDay,
      capacityUnits: w.id === primary?.id ? Infinity : a.contractedUnits, onDemandPerUnitDay: w.id === primary?.id ? undefined : a.onDemandPerUnitDay,
    })),
    lanes: perSkuLanes,
    skus: items.map((item) => {
      const onHand: Record<string, number> = {};
      for (const l of item.levels) onHand[l.locationId] = Math.max(0, l.available);
      const demand: ReallocationInput["skus"][number]["demand"] = {};
      const stockoutCostPerUnit: Record<string, number> = {};
      for (const w of warehouses) {
        const region = w.serves[0]!;
        // Regions the warehouse also serves (no warehouse of their own) add to its demand.
        const regions = w.serves;
        demand[region] = Array.from({ length: buckets }, (_, b) => {
          let mean = 0, lower = 0, upper = 0;
          for (const r of regions) {
            const f = byKey.get(`${item.sku}|${r}`);
            if (!f) continue;
            for (let k = 0; k < bucketDays / 7; k++) {
              const i = b * (bucketDays / 7) + k;
              mean += f.mean[i] ?? f.mean.at(-1) ?? 0;
              lower += f.lower[i] ?? f.lower.at(-1) ?? 0;
              upper += f.upper[i] ?? f.upper.at(-1) ?? 0;
            }
          }
          return { mean, lower: Math.min(lower, mean), upper: Math.max(upper, mean), level: 0.8 };
        });
        const market = MARKET_OF[region];
        // Out of stock locally, the order ships from the nearest other warehouse, across a border.
        const elsewhere = warehouses.find((x) => x.id !== w.id && regionOf(x.countryCode) !== region)?.countryCode ?? primary?.countryCode ?? "US";
        stockoutCostPerUnit[region] = a.crossBorderShippingPremium + parcelDutiesPerUnit(item, elsewhere, market, date);
      }
      const inTransitList = transitLines
        .filter((l) => l.sku === item.sku && l.arrivesAt)
        .map((l) => ({ to: l.toLocation, quantity: l.quantity, arrivesInDays: Math.max(0, (l.arrivesAt!.getTime() - now.getTime()) / DAY) }));
      return { sku: item.sku, onHand, inTransit: inTransitList, demand, stockoutCostPerUnit };
    }),
  };
}

/** Solves and stores a proposed plan for the merchant to review. */
export async function proposePlan(db: PrismaClient, admin: AdminApiClient, shop: string, now: Date) {
  const [snapshot, forecasts, transit] = await Promise.all([loadInventory(admin), loadForecasts(db, shop), inTransit(db, shop, now)]);
  if (forecasts.length === 0) throw new ReallocationError("no demand forecast yet: refresh the forecasts first");
  const input = buildReallocationInput(snapshot, forecasts, transit.lines, now);
  const plan = planReallocation(await solver(), input);
  const lead = (from: string, to: string) => input.lanes.find((l) => l.from === from && l.to === to)?.leadTimeDays ?? 0;
  return db.transferPlan.create({
    data: {
      shop, status: "proposed", currency: plan.currency, horizonDays: input.buckets * input.bucketDays, createdAt: now,
      transferMinor: plan.cost.transfer, dutyMinor: plan.cost.duty, stockoutMinor: plan.cost.expectedStockout, holdingMinor: plan.cost.holding,
      storageMinor: plan.cost.onDemandStorage, totalMinor: plan.cost.total, doNothingTotalMinor: plan.doNothing.total,
      lines: {
        create: plan.transfers.map((t) => ({
          shop, sku: t.sku, fromLocation: t.from, toLocation: t.to, quantity: t.quantity, leadTimeDays: lead(t.from, t.to), transferMinor: t.transferCost, dutyMinor: t.duty,
        })),
      },
    },
    include: { lines: true },
  });
}

export class PlanDecisionError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * Approves or rejects a proposed plan of this shop. Approval puts its lines in transit, arriving
 * after each lane's lead time. A plan already decided, or another shop's, is refused untouched.
 */
export async function decidePlan(db: PrismaClient, shop: string, planId: string, decision: "approve" | "reject", now: Date) {
  const plan = await db.transferPlan.findFirst({ where: { id: planId, shop }, include: { lines: true } });
  if (!plan) throw new PlanDecisionError("no such plan for this shop", 404);
  if (plan.status !== "proposed") throw new PlanDecisionError(`the plan is already ${plan.status}`, 409);
  return db.$transaction(async (tx) => {
    const updated = await tx.transferPlan.updateMany({ where: { id: planId, shop, status: "proposed" }, data: { status: decision === "approve" ? "approved" : "rejected", decidedAt: now } });
    if (updated.count !== 1) throw new PlanDecisionError("the plan was decided meanwhile", 409);
    if (decision === "approve") {
      for (const line of plan.lines) {
        await tx.transferPlanLine.update({ where: { id: line.id }, data: { arrivesAt: new Date(now.getTime() + line.leadTimeDays * DAY) } });
      }
    }
    return { id: planId, status: decision === "approve" ? "approved" : "rejected" };
  });
}
