import { money, toMajorString } from "../money";
import type {
  CostBreakdown, DutiesFn, MarketPolicy, PlannedShipment, RoutingCandidate, RoutingDecision, RoutingLine,
  RoutingOrder, RoutingWarehouse, ServiceOption, ShipmentDraft, ShippingFn,
} from "./model";

export interface RouterOptions {
  readonly warehouses: readonly RoutingWarehouse[];
  readonly policies?: readonly MarketPolicy[];
  readonly shipping: ShippingFn;
  readonly duties: DutiesFn;
  /** What one day past the promised date costs (goodwill, refunds, tickets), minor units. */
  readonly latenessPerDay: number;
  /**
   * Orders up to this many lines have every split searched (the partitions grow like the Bell
   * numbers); longer orders fall back to one warehouse, or to the cheapest warehouse per line.
   */
  readonly maxSplitLines?: number;
  /**
   * What scarce stock and shipment slots are worth to orders still to come (fixed shadow prices,
   * `fixedPrices` in batch.ts, or prices that follow the stock left, bid-prices.ts): added to each
   * candidate when comparing, never to the reported costs. `route` may be given one per order.
   */
  readonly opportunity?: OpportunityCost;
}

/** Opportunity cost of the resources a route uses, minor units per unit or per shipment. */
export interface OpportunityCost {
  /** One unit of `sku` at the warehouse, with `left` units of it there now. */
  stock(warehouseId: string, sku: string, left: number): number;
  /** One shipment slot at the warehouse, with `left` slots left today. */
  slot(warehouseId: string, left: number): number;
}

/** Stock per warehouse and SKU, and shipments each warehouse can still dispatch today. */
export interface RoutingState {
  readonly stock: Map<string, Map<string, number>>;
  readonly capacity: Map<string, number>;
}

export function createRoutingState(
  warehouses: readonly RoutingWarehouse[],
  stock: Readonly<Record<string, Readonly<Record<string, number>>>>,
  shippedToday: Readonly<Record<string, number>> = {},
): RoutingState {
  return {
    stock: new Map(warehouses.map((w) => [w.id, new Map(Object.entries(stock[w.id] ?? {}))])),
    capacity: new Map(warehouses.map((w) => [w.id, Math.max(0, w.capacityPerDay - (shippedToday[w.id] ?? 0))])),
  };
}

export function cloneRoutingState(state: RoutingState): RoutingState {
  return {
    stock: new Map([...state.stock].map(([w, m]) => [w, new Map(m)])),
    capacity: new Map(state.capacity),
  };
}

/** Takes the decision's units and shipments out of the state (the router itself never mutates it). */
export function commitDecision(state: RoutingState, decision: RoutingDecision): void {
  for (const s of decision.shipments) {
    state.capacity.set(s.warehouseId, (state.capacity.get(s.warehouseId) ?? 0) - 1);
    const stock = state.stock.get(s.warehouseId);
    for (const l of s.lines) stock?.set(l.sku, (stock.get(l.sku) ?? 0) - l.quantity);
  }
}

export const DEFAULT_MAX_SPLIT_LINES = 3;

/** Warehouses the market's fulfillment model allows, with why the others are out. */
export function eligibleWarehouses(
  country: string, warehouses: readonly RoutingWarehouse[], policies: readonly MarketPolicy[] = [],
): { eligible: RoutingWarehouse[]; excluded: Map<string, string> } {
  const policy = policies.find((p) => p.market === country) ?? policies.find((p) => p.market === "*");
  const excluded = new Map<string, string>();
  if (!policy) return { eligible: [...warehouses], excluded };
  const where = policy.market === "*" ? "this market" : country;
  const allowed = (w: RoutingWarehouse) => {
    if (policy.warehouseIds.length > 0) return policy.warehouseIds.includes(w.id);
    if (policy.model === "merchant") return w.kind === "own";
    if (policy.model === "3pl") return w.kind !== "own";
    return true;
  };
  const eligible = warehouses.filter((w) => {
    if (allowed(w)) return true;
    excluded.set(w.id, `not used for ${where} under the ${policy.model === "merchant" ? "merchant-fulfilled" : policy.model === "3pl" ? "3PL" : "orchestrated"} model`);
    return false;
  });
  return { eligible, excluded };
}

const DAY_MS = 86_400_000;
const dayCache = new Map<string, number>();
function dayNumber(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(iso, d);
  }
  return d;
}

/**
 * Prices shipments of any subset of an order's lines from any warehouse, once each. Subsets are
 * bit masks over the order's lines.
 */
export interface OrderEvaluator {
  readonly order: RoutingOrder;
  readonly warehouses: readonly RoutingWarehouse[];
  /** Cheapest conceivable cost of the shipment (duties taken as zero); Infinity when no service. */
  bound(w: RoutingWarehouse, mask: number): number;
  /** The best service for the shipment and its full cost, or null when no service ships it. */
  exact(w: RoutingWarehouse, mask: number): PlannedShipment | null;
  /** Units of each SKU the subset needs. */
  needs(mask: number): Map<string, number>;
}

interface Priced { readonly option: ServiceOption; readonly base: number; readonly lateness: number }

/**
 * Services ranked for one promise date, kept per quote list (the shipping function hands back the
 * same list for the same parcel), so orders alike in weight, value and promise share the work.
 */
interface Ranked { readonly carriers: readonly string[]; readonly latenessPerDay: number; readonly services: Priced[] }
const rankedCache = new WeakMap<readonly ServiceOption[], Map<number, Ranked>>();
function rankServices(quotes: readonly ServiceOption[], carriers: readonly string[], promised: number | null, latenessPerDay: number): Priced[] {
  let byPromise = rankedCache.get(quotes);
  if (!byPromise) { byPromise = new Map(); rankedCache.set(quotes, byPromise); }
  const key = promised ?? -Infinity;
  const hit = byPromise.get(key);
  // One building's carriers and one router's lateness price are what nearly every call shares.
  if (hit && hit.carriers === carriers && hit.latenessPerDay === latenessPerDay) return hit.services;
  const ranked: Priced[] = [];
  for (const option of quotes) {
    if (carriers.length > 0 && !carriers.includes(option.carrierId)) continue;
    const late = promised === null ? 0 : Math.max(0, dayNumber(option.latestDelivery) - promised);
    const lateness = late * latenessPerDay;
    ranked.push({ option, lateness, base: option.shipping + lateness });
  }
  ranked.sort((a, b) => a.base - b.base || a.option.latestDelivery.localeCompare(b.option.latestDelivery));
  byPromise.set(key, { carriers, latenessPerDay, services: ranked });
  return ranked;
}

export function createOrderEvaluator(order: RoutingOrder, warehouses: readonly RoutingWarehouse[], options: Pick<RouterOptions, "shipping" | "duties" | "latenessPerDay">): OrderEvaluator {
  const lines = order.lines;
  const priced = new Map<string, { handling: number; services: Priced[]; draft: ShipmentDraft }>();
  const exacts = new Map<string, PlannedShipment | null>();
  const needsCache = new Map<number, Map<string, number>>();
  const promised = order.promisedBy ? dayNumber(order.promisedBy) : null;

  const price = (w: RoutingWarehouse, mask: number) => {
    const key = `${w.id}|${mask}`;
    let p = priced.get(key);
    if (p) return p;
    const subset: RoutingLine[] = [];
    let grams = 0, value = 0, units = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!(mask & (1 << i))) continue;
      const l = lines[i]!;
      subset.push(l);
      grams += l.unitGrams * l.quantity;
      value += l.unitValue * l.quantity;
      units += l.quantity;
    }
    const draft: ShipmentDraft = { warehouse: w, destination: order.destination, currency: order.currency, lines: subset, grams, value };
    const services = rankServices(options.shipping(draft), w.carriers, promised, options.latenessPerDay);
    p = { handling: w.handlingPerOrder + w.handlingPerUnit * units, services, draft };
    priced.set(key, p);
    return p;
  };

  return {
    order,
    warehouses,
    needs(mask) {
      let n = needsCache.get(mask);
      if (!n) {
        n = new Map();
        for (let i = 0; i < lines.length; i++) if (mask & (1 << i)) n.set(lines[i]!.sku, (n.get(lines[i]!.sku) ?? 0) + lines[i]!.quantity);
        needsCache.set(mask, n);
      }
      return n;
    },
    bound(w, mask) {
      const p = price(w, mask);
      return p.services.length === 0 ? Infinity : p.handling + p.services[0]!.base;
    },
    exact(w, mask) {
      const key = `${w.id}|${mask}`;
      if (exacts.has(key)) return exacts.get(key)!;
      const p = price(w, mask);
      let best: { s: Priced; duties: number; reason: string; total: number } | null = null;
      let floor = 0;
      for (const s of p.services) {
        // Services are in rising shipping + lateness order and duties never fall as shipping
        // rises, so once this one cannot beat the best even at the first duty figure, none can.
        if (best && s.base + floor >= best.s.base + best.duties) break;
        const d = options.duties(p.draft, s.option);
        if (!best) floor = d.amount;
        if (!best || s.base + d.amount < best.s.base + best.duties) best = { s, duties: d.amount, reason: d.reason, total: p.handling + s.base + d.amount };
      }
      const planned: PlannedShipment | null = best && {
        warehouseId: w.id,
        lines: p.draft.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        carrierId: best.s.option.carrierId,
        serviceCode: best.s.option.serviceCode,
        serviceName: best.s.option.serviceName,
        latestDelivery: best.s.option.latestDelivery,
        cost: { shipping: best.s.option.shipping, duties: best.duties, handling: p.handling, lateness: best.s.lateness, total: best.total },
        dutyReason: best.reason,
      };
      exacts.set(key, planned);
      return planned;
    },
  };
}

export function sumCosts(shipments: readonly PlannedShipment[]): CostBreakdown {
  const c = { shipping: 0, duties: 0, handling: 0, lateness: 0, total: 0 };
  for (const s of shipments) {
    c.shipping += s.cost.shipping; c.duties += s.cost.duties; c.handling += s.cost.handling; c.lateness += s.cost.lateness; c.total += s.cost.total;
  }
  return c;
}

/** Every way to cut `n` lines into 2 or more non-empty groups, as lists of bit masks. */
const partitionCache = new Map<number, number[][]>();
export function splitPartitions(n: number): number[][] {
  let cached = partitionCache.get(n);
  if (cached) return cached;
  const out: number[][] = [];
  const groups: number[] = [];
  const walk = (i: number) => {
    if (i === n) { if (groups.length >= 2) out.push([...groups]); return; }
    for (let g = 0; g < groups.length; g++) { groups[g]! |= 1 << i; walk(i + 1); groups[g]! &= ~(1 << i); }
    groups.push(1 << i); walk(i + 1); groups.pop();
  };
  walk(0);
  partitionCache.set(n, out);
  return (cached = out);
}

/** Ordered choices of k distinct positions out of n, built once per (n, k). */
const arrangementCache = new Map<number, readonly (readonly number[])[]>();
function positionArrangements(n: number, k: number): readonly (readonly number[])[] {
  const key = n * 64 + k;
  let cached = arrangementCache.get(key);
  if (cached) return cached;
  const out: number[][] = [];
  const pick: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const walk = () => {
    if (pick.length === k) { out.push([...pick]); return; }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true; pick.push(i); walk(); pick.pop(); used[i] = false;
    }
  };
  walk();
  arrangementCache.set(key, (cached = out));
  return cached;
}

/** Ordered choices of k distinct items from `items`. */
export function arrangements<T>(items: readonly T[], k: number): T[][] {
  return positionArrangements(items.length, k).map((positions) => positions.map((i) => items[i]!));
}

export function shortage(state: RoutingState, w: RoutingWarehouse, needs: Map<string, number>): string | null {
  const stock = state.stock.get(w.id);
  for (const [sku, qty] of needs) {
    const have = stock?.get(sku) ?? 0;
    if (have < qty) return `${sku}: needs ${qty}, ${have} in stock`;
  }
  return null;
}

const fmt = (amount: number, currency: string) => `${toMajorString(money(amount, currency))} ${currency}`;
const place = (w: RoutingWarehouse) => w.name;

function describeCost(c: CostBreakdown, currency: string): string {
  const parts = [`shipping ${fmt(c.shipping, currency)}`, `duties/taxes ${fmt(c.duties, currency)}`, `handling ${fmt(c.handling, currency)}`];
  if (c.lateness > 0) parts.push(`lateness ${fmt(c.lateness, currency)}`);
  return `${fmt(c.total, currency)} (${parts.join(" + ")})`;
}

export interface Router {
  /** `opportunity` replaces the options' one for this order (bid prices that move with time). */
  route(order: RoutingOrder, state: RoutingState, opportunity?: OpportunityCost): RoutingDecision;
}

export function createRouter(options: RouterOptions): Router {
  const maxSplit = options.maxSplitLines ?? DEFAULT_MAX_SPLIT_LINES;
  return {
    route(order, state, opportunity) {
      const full = (1 << order.lines.length) - 1;
      const { eligible, excluded } = eligibleWarehouses(order.destination.country, options.warehouses, options.policies);
      const ev = createOrderEvaluator(order, options.warehouses, options);
      const candidates: RoutingCandidate[] = [];
      const open = eligible.filter((w) => (state.capacity.get(w.id) ?? 0) > 0);

      // One warehouse for the whole order.
      const opp = opportunity ?? options.opportunity;
      const reserved = new Map<number, number>();
      const reserve = (w: RoutingWarehouse, mask: number) => {
        if (!opp) return 0;
        const key = options.warehouses.indexOf(w) * (full + 1) + mask;
        let r = reserved.get(key);
        if (r !== undefined) return r;
        r = opp.slot(w.id, state.capacity.get(w.id) ?? 0);
        const stock = state.stock.get(w.id);
        for (const [sku, qty] of ev.needs(mask)) r += qty * opp.stock(w.id, sku, stock?.get(sku) ?? 0);
        reserved.set(key, r);
        return r;
      };
      // `total` is what a route costs; `score` adds what its scarce stock and slots are worth to
      // orders still to come, and is what routes are compared on.
      let best: { shipments: PlannedShipment[]; total: number; score: number; label: string } | null = null;
      const singles: { w: RoutingWarehouse; shipment: PlannedShipment }[] = [];
      for (const w of options.warehouses) {
        const out = excluded.get(w.id);
        if (out) { candidates.push({ label: place(w), warehouseIds: [w.id], shipments: [], cost: null, chosen: false, note: out }); continue; }
        if ((state.capacity.get(w.id) ?? 0) <= 0) { candidates.push({ label: place(w), warehouseIds: [w.id], shipments: [], cost: null, chosen: false, note: `at capacity today (${w.capacityPerDay} shipments a day)` }); continue; }
        const short = shortage(state, w, ev.needs(full));
        if (short) { candidates.push({ label: place(w), warehouseIds: [w.id], shipments: [], cost: null, chosen: false, note: `out of stock: ${short}` }); continue; }
        const shipment = ev.exact(w, full);
        if (!shipment) { candidates.push({ label: place(w), warehouseIds: [w.id], shipments: [], cost: null, chosen: false, note: `no usable carrier service to ${order.destination.country}` }); continue; }
        singles.push({ w, shipment });
        candidates.push({ label: place(w), warehouseIds: [w.id], shipments: [shipment], cost: shipment.cost, chosen: false, note: `${shipment.serviceName} (${shipment.carrierId}); ${shipment.dutyReason}` });
        const score = shipment.cost.total + reserve(w, full);
        if (!best || score < best.score) best = { shipments: [shipment], total: shipment.cost.total, score, label: place(w) };
      }
      const bestSingle = best;

      // Splits: only priced when their cheapest conceivable cost could beat the best so far.
      let bestSplit: { shipments: PlannedShipment[]; total: number; score: number; label: string } | null = null;
      let splitsPruned = 0;
      if (order.lines.length >= 2 && open.length >= 2) {
        const plans: { w: RoutingWarehouse; mask: number }[][] = [];
        if (order.lines.length <= maxSplit) {
          for (const groups of splitPartitions(order.lines.length)) {
            if (groups.length > open.length) continue;
            for (const ws of positionArrangements(open.length, groups.length)) plans.push(groups.map((mask, i) => ({ w: open[ws[i]!]!, mask })));
          }
        } else if (!bestSingle) {
          // Too many lines to search every split: send each line from its cheapest warehouse with stock.
          const groups = new Map<RoutingWarehouse, number>();
          for (let i = 0; i < order.lines.length; i++) {
            let pick: RoutingWarehouse | null = null, pickBound = Infinity;
            for (const w of open) {
              if (shortage(state, w, ev.needs(1 << i))) continue;
              const b = ev.bound(w, 1 << i);
              if (b < pickBound) { pick = w; pickBound = b; }
            }
            if (pick) groups.set(pick, (groups.get(pick) ?? 0) | (1 << i));
          }
          const covered = [...groups.values()].reduce((a, b) => a | b, 0);
          if (covered === full && groups.size >= 2) plans.push([...groups].map(([w, mask]) => ({ w, mask })));
        }
        // Cheapest-looking splits first, so a good one is found early and the rest are cut off.
        const bounded = plans
          .filter((parts) => !parts.some((p) => shortage(state, p.w, ev.needs(p.mask))))
          .map((parts) => ({ parts, lower: parts.reduce((a, p) => a + ev.bound(p.w, p.mask) + reserve(p.w, p.mask), 0) }))
          .sort((a, b) => a.lower - b.lower);
        for (const { parts, lower } of bounded) {
          const limit = Math.min(bestSplit?.score ?? Infinity, best?.score ?? Infinity);
          if (lower >= limit) { splitsPruned++; continue; }
          const shipments = parts.map((p) => ev.exact(p.w, p.mask));
          if (shipments.some((s) => !s)) continue;
          const total = shipments.reduce((a, s) => a + s!.cost.total, 0);
          const score = total + parts.reduce((a, p) => a + reserve(p.w, p.mask), 0);
          if (!bestSplit || score < bestSplit.score) bestSplit = { shipments: shipments as PlannedShipment[], total, score, label: parts.map((p) => place(p.w)).join(" + ") };
        }
      }
      if (bestSplit) {
        candidates.push({
          label: bestSplit.label, warehouseIds: bestSplit.shipments.map((s) => s.warehouseId), shipments: bestSplit.shipments,
          cost: sumCosts(bestSplit.shipments), chosen: false, note: `best split: ${bestSplit.shipments.length} shipments`,
        });
      }

      const currency = order.currency;
      const chosenSplit = bestSplit !== null && (!bestSingle || bestSplit.score < bestSingle.score);
      const chosen = chosenSplit ? bestSplit : bestSingle;
      if (!chosen) {
        const why = candidates.map((c) => `${c.label}: ${c.note}`).join("; ");
        return { orderId: order.id, status: "unroutable", currency, shipments: [], cost: null, candidates, reason: `no warehouse or split can ship this order (${why})` };
      }
      const chosenIds = chosen.shipments.map((s) => s.warehouseId).join("+");
      const marked = candidates.map((c) => (c.warehouseIds.join("+") === chosenIds && c.cost !== null ? { ...c, chosen: true } : c));
      const cost = sumCosts(chosen.shipments);
      let reason: string;
      if (chosenSplit) {
        reason = bestSingle && bestSingle.total > chosen.total
          ? `split into ${chosen.shipments.length} shipments (${chosen.label}) at ${describeCost(cost, currency)}: ${fmt(bestSingle.total - chosen.total, currency)} cheaper than the best single warehouse, ${bestSingle.label}`
          : bestSingle
            ? `split into ${chosen.shipments.length} shipments (${chosen.label}) at ${describeCost(cost, currency)}: shipping whole from ${bestSingle.label} would use stock reserved for orders that gain more from it`
            : `split into ${chosen.shipments.length} shipments (${chosen.label}) at ${describeCost(cost, currency)}: no single warehouse can ship every line`;
      } else {
        const others = singles.filter((s) => s.shipment.warehouseId !== chosen.shipments[0]!.warehouseId).sort((a, b) => a.shipment.cost.total - b.shipment.cost.total);
        const next = others[0];
        reason = `${chosen.label} via ${chosen.shipments[0]!.serviceName} at ${describeCost(cost, currency)}`;
        if (next && next.shipment.cost.total >= chosen.total) reason += `; next best ${place(next.w)} costs ${fmt(next.shipment.cost.total - chosen.total, currency)} more (duties/taxes ${fmt(next.shipment.cost.duties, currency)})`;
        else if (next) reason += `; ${place(next.w)} is ${fmt(chosen.total - next.shipment.cost.total, currency)} cheaper but its stock or slots are worth more to orders still to come`;
        if (bestSplit && bestSplit.total >= chosen.total) reason += `; the best split costs ${fmt(bestSplit.total - chosen.total, currency)} more, so the order ships whole`;
        else if (bestSplit) reason += "; a split would cost less now but uses stock worth more to orders still to come";
        else if (splitsPruned > 0) reason += "; no split can beat it, so the order ships whole";
      }
      return { orderId: order.id, status: "routed", currency, shipments: chosen.shipments, cost, candidates: marked, reason };
    },
  };
}

export function warehouseById(warehouses: readonly RoutingWarehouse[], id: string): RoutingWarehouse | undefined {
  return warehouses.find((w) => w.id === id);
}
