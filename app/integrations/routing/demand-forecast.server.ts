import type { PrismaClient } from "@prisma/client";
import { claimCurves, expectedMarginalValue, type ClaimCurves } from "~/engine/routing/bid-prices";
import type { RoutingOrder } from "~/engine/routing/model";
import type { OpportunityCost, RouterOptions, RoutingState } from "~/engine/routing/router";
import { orderFromDb } from "./route-orders.server";

type Db = Pick<PrismaClient, "order">;

/** Days of the shop's own orders that stand for "a day's demand" (one scenario each). */
export const FORECAST_DAYS = 7;
/** Fewer days with orders than this and the router runs without bid prices. */
export const MIN_FORECAST_DAYS = 3;
/**
 * Orders a day's scenario keeps at most, spread evenly over the day: curves cost ~0.4 ms per
 * scenario order, so a busy shop's first routing in the hour stays within a second or two.
 */
export const MAX_ORDERS_PER_DAY = 400;
/** Curves are rebuilt after this long. */
const CURVES_TTL_MS = 60 * 60 * 1000;
const UNSERVED_PENALTY = 100_000;
const DAY_MS = 86_400_000;

export interface DemandForecast {
  /** One scenario per past day: that day's orders as the router sees them (a sample of a busy day). */
  readonly scenarios: readonly (readonly RoutingOrder[])[];
  /** Per scenario, how many of the day's orders each kept one stands for. */
  readonly scale: readonly number[];
  /** Time of day (ms since UTC midnight) each past order was placed, sorted. */
  readonly placedAt: readonly number[];
}

/**
 * The shop's last FORECAST_DAYS full days of orders (cancelled ones left out), one scenario per
 * day with orders; null when fewer than MIN_FORECAST_DAYS days have any.
 */
export async function loadDemandForecast(db: Db, shop: string, now: Date): Promise<DemandForecast | null> {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const rows = await db.order.findMany({
    where: { shop, cancelledAt: null, shopifyCreatedAt: { gte: new Date(today - FORECAST_DAYS * DAY_MS), lt: new Date(today) } },
    include: { lines: true, shippingLines: { select: { title: true } } },
    orderBy: { shopifyCreatedAt: "asc" },
  });
  const days = new Map<number, RoutingOrder[]>();
  const placedAt: number[] = [];
  for (const row of rows) {
    const found = orderFromDb(row);
    if (!("order" in found)) continue;
    const t = row.shopifyCreatedAt.getTime();
    const day = Math.floor(t / DAY_MS);
    let list = days.get(day);
    if (!list) days.set(day, (list = []));
    list.push(found.order);
    placedAt.push(t - day * DAY_MS);
  }
  if (days.size < MIN_FORECAST_DAYS) return null;
  const scenarios = [...days.values()].map((day) => {
    if (day.length <= MAX_ORDERS_PER_DAY) return day;
    const step = day.length / MAX_ORDERS_PER_DAY;
    return Array.from({ length: MAX_ORDERS_PER_DAY }, (_, i) => day[Math.floor(i * step)]!);
  });
  const scale = [...days.values()].map((day, k) => day.length / scenarios[k]!.length);
  return { scenarios, scale, placedAt: placedAt.sort((a, b) => a - b) };
}

/** Share of a day's orders that came after this time of day, in the shop's recent days. */
export function remainingShare(forecast: DemandForecast, now: Date): number {
  const t = now.getTime() % DAY_MS;
  const times = forecast.placedAt;
  let lo = 0, hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return (times.length - lo) / times.length;
}

const cache = new Map<string, { at: number; curves: ClaimCurves; forecast: DemandForecast }>();

/**
 * Bid prices for routing now, from the shop's recent demand: what a unit of each SKU and a slot
 * at each warehouse is worth to the orders the rest of today is expected to bring (decision 022).
 * Built once an hour per shop and warehouse set; null without enough history.
 */
export async function bidPricesFor(
  db: Db, shop: string, now: Date, state: RoutingState, options: RouterOptions,
): Promise<((at: Date) => OpportunityCost) | null> {
  const key = `${shop}|${options.warehouses.map((w) => `${w.id}:${w.capacityPerDay}`).join(",")}`;
  let hit = cache.get(key);
  if (!hit || now.getTime() - hit.at > CURVES_TTL_MS || now.getTime() < hit.at) {
    const forecast = await loadDemandForecast(db, shop, now);
    if (!forecast) { cache.delete(key); return null; }
    hit = { at: now.getTime(), forecast, curves: claimCurves({ scenarios: forecast.scenarios, scale: forecast.scale, state, options, unservedPenalty: UNSERVED_PENALTY }) };
    cache.set(key, hit);
  }
  const { curves, forecast } = hit;
  return (at) => expectedMarginalValue(curves, remainingShare(forecast, at));
}
