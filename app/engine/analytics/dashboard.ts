/**
 * Dashboard arithmetic on aggregates the database has already grouped: percentiles from day
 * histograms, cost per order from summed components, volume-tier progress per carrier.
 */
import { volumeTierFor, type VolumeTier } from "../carriers/rate-card";

/**
 * The p-th percentile (0..1) of a distribution given as (value, count) pairs, by the nearest-rank
 * method: the smallest value whose cumulative count reaches p of the total.
 */
export function percentileFromHistogram(bins: ReadonlyArray<{ value: number; count: number }>, p: number): number | null {
  const sorted = [...bins].filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, b) => s + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bin of sorted) {
    seen += bin.count;
    if (seen >= rank) return bin.value;
  }
  return sorted.at(-1)!.value;
}

export interface CostSums {
  orders: number;
  shipping: number;
  duties: number;
  handling: number;
  storage: number;
  returns: number;
}

export interface CostPerOrder extends CostSums {
  total: number;
}

/** Average cost per order, each component rounded once to whole minor units. */
export function costPerOrder(sums: CostSums): CostPerOrder {
  const avg = (v: number) => (sums.orders ? Math.round(v / sums.orders) : 0);
  const row = { orders: sums.orders, shipping: avg(sums.shipping), duties: avg(sums.duties), handling: avg(sums.handling), storage: avg(sums.storage), returns: avg(sums.returns) };
  return { ...row, total: row.shipping + row.duties + row.handling + row.storage + row.returns };
}

export interface TierProgress {
  carrierId: string;
  parcelsThisMonth: number;
  currentDiscountPercent: string | null;
  next: { minMonthlyShipments: number; discountPercent: string; parcelsToGo: number } | null;
}

/** "N more parcels this month to reach the next discount", from the carrier's volume tiers. */
export function volumeTierProgress(carrierId: string, tiers: readonly VolumeTier[], parcelsThisMonth: number): TierProgress {
  const sorted = [...tiers].sort((a, b) => a.minMonthlyShipments - b.minMonthlyShipments);
  const current = volumeTierFor(sorted, parcelsThisMonth);
  const next = sorted.find((t) => t.minMonthlyShipments > parcelsThisMonth);
  return {
    carrierId,
    parcelsThisMonth,
    currentDiscountPercent: current?.discountPercent ?? null,
    next: next ? { minMonthlyShipments: next.minMonthlyShipments, discountPercent: next.discountPercent, parcelsToGo: next.minMonthlyShipments - parcelsThisMonth } : null,
  };
}

/** Carrier names as tracking companies write them, to the rate cards' carrier ids. */
export function carrierIdOf(name: string | null | undefined): string | null {
  const n = (name ?? "").toLowerCase();
  if (n.includes("dhl")) return "dhl-express";
  if (n.includes("ups")) return "ups";
  if (n.includes("usps")) return "usps";
  if (n.includes("deutsche post")) return "deutsche-post";
  return null;
}

export interface OrderCostInput {
  units: number;
  shippingPaid: number;
  dutiesPaid: number;
  returned: boolean;
}

/**
 * Sample 3PL tariff for what shipping and duties do not cover, minor units: pick and pack per
 * order plus per extra unit, storage for the days a unit waits on the shelf, and a returned
 * order's label and processing. A merchant's contract replaces it.
 */
export interface FulfilmentTariff {
  pickPackPerOrder: number;
  pickPackPerExtraUnit: number;
  storagePerUnitDay: number;
  averageDaysOnShelf: number;
  returnLabel: number;
  returnProcessing: number;
}

export const SAMPLE_TARIFF: FulfilmentTariff = {
  pickPackPerOrder: 150, pickPackPerExtraUnit: 50, storagePerUnitDay: 1, averageDaysOnShelf: 30, returnLabel: 800, returnProcessing: 300,
};

export function orderCost(input: OrderCostInput, tariff: FulfilmentTariff = SAMPLE_TARIFF) {
  return {
    shipping: input.shippingPaid,
    duties: input.dutiesPaid,
    handling: tariff.pickPackPerOrder + Math.max(0, input.units - 1) * tariff.pickPackPerExtraUnit,
    storage: input.units * tariff.storagePerUnitDay * tariff.averageDaysOnShelf,
    returns: input.returned ? tariff.returnLabel + tariff.returnProcessing : 0,
  };
}
