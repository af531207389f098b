import { orderPlans, type OrderPlan, type ShadowPrices } from "./batch";
import type { RoutingOrder } from "./model";
import type { OpportunityCost, RouterOptions, RoutingState } from "./router";

/**
 * Bid prices that move with the stock left and the demand still to come (expected marginal
 * value, the EMSR idea of airline revenue management applied to every warehouse's SKUs and
 * shipment slots).
 *
 * From a forecast of one period's demand, given as scenarios (a past period's orders, or draws
 * from the forecast rates; never the orders being routed), each order that could use a resource
 * (a SKU at a warehouse, or a shipment slot) "claims" it with what it saves per unit by getting it
 * rather than its best route without it. Alternatives may be priced with shadow prices (`base`),
 * so an order whose other route also needs scarce stock claims less; on the bench this made no
 * difference beyond noise, so the solver is not needed.
 *
 * With `left` units and a share `f` of the period's demand still to come, the unit taken now is
 * the one the claimant at rank `left / f` (in units) would have had: its saving, averaged over
 * the scenarios, is the price. So a SKU runs cheap while its stock covers the demand still
 * expected and grows dearer as it is drawn down faster than forecast, without solving anything
 * per order. Recompute the curves when the forecast or the network changes, not per order.
 */
export interface ClaimCurve {
  /** Units claimed at or above each step, rising. */
  readonly units: Float64Array;
  /** Average saving per unit of the claimant at each step, falling. */
  readonly saving: Float64Array;
}

export interface ClaimCurves {
  /** Keyed `${warehouseId}|${sku}` for stock and `${warehouseId}` for shipment slots. */
  readonly stock: ReadonlyMap<string, ClaimCurve>;
  /** The same stock curves per warehouse, then SKU: looked up on every candidate without building a key. */
  readonly stockByWarehouse: ReadonlyMap<string, ReadonlyMap<string, ClaimCurve>>;
  readonly capacity: ReadonlyMap<string, ClaimCurve>;
  readonly scenarios: number;
}

export interface ClaimCurvesInput {
  /** Demand of one period per scenario, each as its orders. */
  readonly scenarios: readonly (readonly RoutingOrder[])[];
  /** Per scenario, how many orders of the period each of its orders stands for (a sample of a busy day); 1 by default. */
  readonly scale?: readonly number[];
  /** Stock and capacity the period starts with; decides which routes exist at all. */
  readonly state: RoutingState;
  readonly options: RouterOptions;
  /** Shadow prices (e.g. of the forecast's LP relaxation) added to the alternatives; none by default. */
  readonly base?: ShadowPrices;
  /** What an order that cannot ship at all costs, minor units. */
  readonly unservedPenalty: number;
}

interface Claim { readonly saving: number; readonly units: number }

const slotKey = (warehouseId: string) => `\u0000${warehouseId}`;

function resourcesOf(plan: OrderPlan): Map<string, number> {
  const use = new Map<string, number>();
  for (const s of plan.shipments) {
    const slot = slotKey(s.warehouseId);
    use.set(slot, (use.get(slot) ?? 0) + 1);
    for (const l of s.lines) {
      const key = `${s.warehouseId}|${l.sku}`;
      use.set(key, (use.get(key) ?? 0) + l.quantity);
    }
  }
  return use;
}

/** Each scenario's claims per resource, highest saving first. */
function scenarioClaims(orders: readonly RoutingOrder[], input: ClaimCurvesInput): Map<string, Claim[]> {
  const base = input.base;
  const price = (key: string) => (!base ? 0 : (key.startsWith("\u0000") ? base.capacity.get(key.slice(1)) : base.stock.get(key)) ?? 0);
  const claims = new Map<string, Claim[]>();
  for (const order of orders) {
    const plans = orderPlans(order, input.state, input.options).map((plan) => {
      const use = resourcesOf(plan);
      let score = plan.total;
      for (const [key, qty] of use) score += qty * price(key);
      return { use, score };
    });
    const keys = new Set(plans.flatMap((p) => [...p.use.keys()]));
    for (const key of keys) {
      let withIt = Infinity, units = 0, without = input.unservedPenalty;
      for (const p of plans) {
        const qty = p.use.get(key);
        if (qty) {
          const own = p.score - qty * price(key);
          if (own < withIt) { withIt = own; units = qty; }
        } else if (p.score < without) without = p.score;
      }
      const saving = (without - withIt) / units;
      if (!(saving > 0)) continue;
      let list = claims.get(key);
      if (!list) claims.set(key, (list = []));
      list.push({ saving, units });
    }
  }
  for (const list of claims.values()) list.sort((a, b) => b.saving - a.saving);
  return claims;
}

/**
 * Averages the scenarios' step functions "saving of the claimant at unit rank r" into one: the
 * steps are the union of every scenario's rank boundaries, so a price is one binary search.
 */
function mergeCurves(perScenario: readonly (readonly Claim[] | undefined)[], scale: readonly number[] | undefined): ClaimCurve {
  const cums = perScenario.map((list, k) => {
    const out = new Float64Array(list?.length ?? 0);
    const each = scale?.[k] ?? 1;
    let c = 0;
    list?.forEach((claim, i) => { out[i] = c += claim.units * each; });
    return out;
  });
  const bounds = [...new Set(cums.flatMap((c) => [...c]))].sort((a, b) => a - b);
  const saving = new Float64Array(bounds.length);
  const at = perScenario.map(() => 0);
  bounds.forEach((b, j) => {
    let sum = 0;
    perScenario.forEach((list, k) => {
      const cum = cums[k]!;
      while (at[k]! < cum.length && cum[at[k]!]! < b) at[k]!++;
      if (at[k]! < cum.length) sum += list![at[k]!]!.saving;
    });
    saving[j] = sum / perScenario.length;
  });
  return { units: Float64Array.from(bounds), saving };
}

export function claimCurves(input: ClaimCurvesInput): ClaimCurves {
  if (input.scenarios.length === 0) throw new Error("claim curves need at least one demand scenario");
  if (input.scale && (input.scale.length !== input.scenarios.length || input.scale.some((x) => !(x >= 1)))) {
    throw new Error("claim curves need one scale of 1 or more per scenario");
  }
  const per = input.scenarios.map((orders) => scenarioClaims(orders, input));
  const keys = new Set(per.flatMap((m) => [...m.keys()]));
  const stock = new Map<string, ClaimCurve>();
  const stockByWarehouse = new Map<string, Map<string, ClaimCurve>>();
  const capacity = new Map<string, ClaimCurve>();
  for (const key of keys) {
    const curve = mergeCurves(per.map((m) => m.get(key)), input.scale);
    if (key.startsWith("\u0000")) { capacity.set(key.slice(1), curve); continue; }
    stock.set(key, curve);
    const bar = key.indexOf("|");
    const warehouseId = key.slice(0, bar);
    let skus = stockByWarehouse.get(warehouseId);
    if (!skus) stockByWarehouse.set(warehouseId, (skus = new Map()));
    skus.set(key.slice(bar + 1), curve);
  }
  return { stock, stockByWarehouse, capacity, scenarios: input.scenarios.length };
}

/** Saving of the claimant at unit rank `rank`: the first step reaching it, or 0 past the last. */
export function priceAtRank(curve: ClaimCurve | undefined, rank: number): number {
  if (!curve) return 0;
  const units = curve.units;
  let lo = 0, hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]! < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo < units.length ? curve.saving[lo]! : 0;
}

/**
 * The opportunity cost the router adds to each candidate, with `remainingShare` of the period's
 * forecast demand still to come (1 at its start, 0 at its end). Nothing is worth keeping once no
 * demand is left.
 */
export function expectedMarginalValue(curves: ClaimCurves, remainingShare: number): OpportunityCost {
  if (!(remainingShare >= 0 && remainingShare <= 1)) throw new RangeError(`remaining share of demand must be between 0 and 1, got ${remainingShare}`);
  return {
    stock: (warehouseId, sku, left) => (remainingShare === 0 ? 0 : priceAtRank(curves.stockByWarehouse.get(warehouseId)?.get(sku), left / remainingShare)),
    slot: (warehouseId, left) => (remainingShare === 0 ? 0 : priceAtRank(curves.capacity.get(warehouseId), left / remainingShare)),
  };
}
