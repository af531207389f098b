import type { PlannedShipment, RoutingOrder, RoutingWarehouse } from "./model";
import {
  arrangements, createOrderEvaluator, DEFAULT_MAX_SPLIT_LINES, eligibleWarehouses, shortage, splitPartitions, sumCosts,
  type OpportunityCost, type RouterOptions, type RoutingState,
} from "./router";

/**
 * The part of a MILP solver the batch optimiser needs: HiGHS's one-shot `solve` on a model in
 * CPLEX LP format. Loading the WebAssembly is I/O, so the caller passes a loaded instance in
 * (app/integrations/routing/highs.server.ts, or the benchmark).
 */
export interface MilpSolver {
  solve(problem: string, options?: Readonly<Record<string, string | number | boolean>>): {
    readonly Status: string;
    readonly ObjectiveValue: number;
    readonly Columns: Readonly<Record<string, { readonly Primal: number }>>;
    readonly Rows?: readonly { readonly Name?: string; readonly Dual?: number }[];
  };
}

/** One way to ship a whole order: one shipment per warehouse used. */
export interface OrderPlan {
  readonly shipments: readonly PlannedShipment[];
  readonly total: number;
}

/**
 * Every plan worth a place in the model for one order: each warehouse that could ship it whole,
 * and each split (up to `maxSplitLines` lines) whose cheapest conceivable cost is below the
 * dearest whole-order plan. A split dearer than every whole route can only help when stock runs
 * out everywhere that could ship it whole; leaving those out keeps the model small.
 */
export function orderPlans(order: RoutingOrder, state: RoutingState, options: RouterOptions): OrderPlan[] {
  const { eligible } = eligibleWarehouses(order.destination.country, options.warehouses, options.policies);
  const open = eligible.filter((w) => (state.capacity.get(w.id) ?? 0) > 0);
  const ev = createOrderEvaluator(order, options.warehouses, options);
  const full = (1 << order.lines.length) - 1;
  const plans: OrderPlan[] = [];
  for (const w of open) {
    if (shortage(state, w, ev.needs(full))) continue;
    const s = ev.exact(w, full);
    if (s) plans.push({ shipments: [s], total: s.cost.total });
  }
  const maxSplit = options.maxSplitLines ?? DEFAULT_MAX_SPLIT_LINES;
  if (order.lines.length >= 2 && order.lines.length <= maxSplit) {
    const ceiling = plans.length > 0 ? Math.max(...plans.map((p) => p.total)) : Infinity;
    for (const groups of splitPartitions(order.lines.length)) {
      if (groups.length > open.length) continue;
      for (const ws of arrangements(open, groups.length)) {
        const parts = groups.map((mask, i) => ({ w: ws[i]! as RoutingWarehouse, mask }));
        if (parts.some((p) => shortage(state, p.w, ev.needs(p.mask)))) continue;
        if (parts.reduce((a, p) => a + ev.bound(p.w, p.mask), 0) >= ceiling) continue;
        const shipments = parts.map((p) => ev.exact(p.w, p.mask));
        if (shipments.some((s) => !s)) continue;
        const total = shipments.reduce((a, s) => a + s!.cost.total, 0);
        if (total < ceiling) plans.push({ shipments: shipments as PlannedShipment[], total });
      }
    }
  }
  return plans;
}

export interface BatchInput {
  readonly orders: readonly RoutingOrder[];
  /** Stock and capacity at the start of the batch. */
  readonly state: RoutingState;
  readonly options: RouterOptions;
  /** What leaving an order unshipped costs, minor units; makes the model always feasible. */
  readonly unservedPenalty: number;
  /** Relative optimality gap at which HiGHS may stop (default 1e-4). */
  readonly gap?: number;
  readonly timeLimitSeconds?: number;
}

export interface BatchPlan {
  readonly status: string;
  /** Sum of the chosen plans' costs plus penalties for unserved orders. */
  readonly objective: number;
  readonly assignments: ReadonlyMap<string, OrderPlan | null>;
  readonly unserved: readonly string[];
  readonly variables: number;
  readonly constraints: number;
}

/** Builds the batch model in CPLEX LP format; exported so tests can read what is solved. */
export function buildBatchModel(orders: readonly RoutingOrder[], plans: readonly (readonly OrderPlan[])[], state: RoutingState, unservedPenalty: number, relax = false) {
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const stockUse = new Map<string, string[]>();
  const capUse = new Map<string, string[]>();
  const wIndex = new Map<string, number>();
  const skuIndex = new Map<string, number>();
  const idx = (m: Map<string, number>, k: string) => { let i = m.get(k); if (i === undefined) { i = m.size; m.set(k, i); } return i; };

  orders.forEach((_, o) => {
    const assign: string[] = [];
    plans[o]!.forEach((plan, p) => {
      const x = `x${o}_${p}`;
      binaries.push(x);
      objective.push(`${plan.total} ${x}`);
      assign.push(x);
      for (const s of plan.shipments) {
        const wi = idx(wIndex, s.warehouseId);
        const cap = capUse.get(s.warehouseId) ?? [];
        cap.push(x);
        capUse.set(s.warehouseId, cap);
        for (const l of s.lines) {
          const key = `${wi}_${idx(skuIndex, l.sku)}`;
          const list = stockUse.get(key) ?? [];
          list.push(`${l.quantity} ${x}`);
          stockUse.set(key, list);
        }
      }
    });
    const u = `u${o}`;
    binaries.push(u);
    objective.push(`${unservedPenalty} ${u}`);
    rows.push(` a${o}: ${[...assign, u].join(" + ")} = 1`);
  });
  const skuByIndex = [...skuIndex.keys()];
  const wByIndex = [...wIndex.keys()];
  for (const [key, terms] of stockUse) {
    const [wi, si] = key.split("_").map(Number) as [number, number];
    const available = state.stock.get(wByIndex[wi]!)?.get(skuByIndex[si]!) ?? 0;
    rows.push(` s${key}: ${terms.join(" + ")} <= ${available}`);
  }
  for (const [w, terms] of capUse) rows.push(` c${wIndex.get(w)}: ${terms.join(" + ")} <= ${state.capacity.get(w) ?? 0}`);

  // LP-format readers cope with long rows, but a line per few terms keeps the text diffable.
  const wrap = (terms: string[]) => terms.reduce((acc, t, i) => acc + (i === 0 ? "" : i % 8 === 0 ? "\n + " : " + ") + t, "");
  // The relaxation keeps 0 <= x <= 1 (implied by the assignment rows) and drops integrality.
  const integrality = relax ? [] : ["Binary", ...chunk(binaries, 16).map((c) => ` ${c.join(" ")}`)];
  const text = ["Minimize", ` obj: ${wrap(objective)}`, "Subject To", ...rows, ...integrality, "End", ""].join("\n");
  const stockRows = new Map([...stockUse.keys()].map((key) => {
    const [wi, si] = key.split("_").map(Number) as [number, number];
    return [`s${key}`, { warehouseId: wByIndex[wi]!, sku: skuByIndex[si]! }];
  }));
  const capacityRows = new Map([...capUse.keys()].map((w) => [`c${wIndex.get(w)}`, w]));
  return { text, variables: binaries.length, constraints: rows.length, stockRows, capacityRows };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The cheapest way to ship a set of open orders together, stock and capacity shared: the optimum the online router is measured against. */
export function planBatch(solver: MilpSolver, input: BatchInput): BatchPlan {
  const plans = input.orders.map((o) => orderPlans(o, input.state, input.options));
  const model = buildBatchModel(input.orders, plans, input.state, input.unservedPenalty);
  const result = solver.solve(model.text, {
    mip_rel_gap: input.gap ?? 1e-4,
    ...(input.timeLimitSeconds ? { time_limit: input.timeLimitSeconds } : {}),
  });
  const assignments = new Map<string, OrderPlan | null>();
  const unserved: string[] = [];
  if (result.Status !== "Optimal" && !result.Columns["u0"]) {
    return { status: result.Status, objective: NaN, assignments, unserved, variables: model.variables, constraints: model.constraints };
  }
  let objective = 0;
  input.orders.forEach((order, o) => {
    const p = plans[o]!.findIndex((_, i) => (result.Columns[`x${o}_${i}`]?.Primal ?? 0) > 0.5);
    const plan = p >= 0 ? plans[o]![p]! : null;
    assignments.set(order.id, plan);
    if (plan) objective += plan.total;
    else { unserved.push(order.id); objective += input.unservedPenalty; }
  });
  return { status: result.Status, objective, assignments, unserved, variables: model.variables, constraints: model.constraints };
}

export function planCost(plan: OrderPlan) {
  return sumCosts(plan.shipments);
}

/**
 * What a unit of stock and a shipment slot at each warehouse are worth when demand competes for
 * them: the shadow prices of the batch LP relaxation over expected demand (a forecast, or the
 * open backlog). The online router adds them to each candidate's cost (bid-price control), so a
 * scarce regional unit is kept for the order that saves most by it instead of the first to come.
 */
export interface ShadowPrices {
  readonly stock: ReadonlyMap<string, number>;
  readonly capacity: ReadonlyMap<string, number>;
}

export function shadowPrices(solver: MilpSolver, input: Omit<BatchInput, "gap" | "timeLimitSeconds">): ShadowPrices {
  const plans = input.orders.map((o) => orderPlans(o, input.state, input.options));
  const model = buildBatchModel(input.orders, plans, input.state, input.unservedPenalty, true);
  const result = solver.solve(model.text);
  const stock = new Map<string, number>();
  const capacity = new Map<string, number>();
  if (result.Status !== "Optimal") return { stock, capacity };
  for (const row of result.Rows ?? []) {
    // Minimising with <= rows: a binding row has a dual <= 0; its cost to others is -dual.
    const price = Math.max(0, -(row.Dual ?? 0));
    if (!row.Name || price < 1e-9) continue;
    const s = model.stockRows.get(row.Name);
    if (s) { stock.set(`${s.warehouseId}|${s.sku}`, price); continue; }
    const w = model.capacityRows.get(row.Name);
    if (w) capacity.set(w, price);
  }
  return { stock, capacity };
}

/** Shadow prices as the router's opportunity cost, the same whatever is left. */
export function fixedPrices(prices: ShadowPrices): OpportunityCost {
  return {
    stock: (warehouseId, sku) => prices.stock.get(`${warehouseId}|${sku}`) ?? 0,
    slot: (warehouseId) => prices.capacity.get(warehouseId) ?? 0,
  };
}
