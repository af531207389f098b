/**
 * Reallocation plans: which units to move between warehouses (or replenish from the origin) so that
 * transfer cost + duties on the moved stock + expected stockout cost + holding and on-demand
 * storage cost is least over the planning horizon, honouring each lane's lead time.
 *
 * The plan is a mixed-integer programme solved by HiGHS. Loading the HiGHS WebAssembly module is
 * I/O, so the solver is injected (`LpSolver`, satisfied by the `highs` package's instance) and this
 * module only writes the model in CPLEX LP format and reads the solution back.
 *
 * Time is cut into buckets of `bucketDays`. A transfer leaves its source at the start of the
 * horizon and can serve demand from the bucket in which it arrives. Demand a warehouse cannot serve
 * from its own stock is a stockout: served cross-border from the origin or lost, at the region's
 * `stockoutCostPerUnit`. Forecast uncertainty enters through the expected-shortage curve: demand
 * is split into three slices (up to the interval's lower bound, lower to mean, mean to upper) whose
 * shortfall is charged at the probability that demand reaches that slice, a piecewise-linear
 * version of E[(D - S)+] that an LP can minimise.
 */

export interface LpColumn {
  Primal: number;
}

export interface LpSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, LpColumn>;
}

/** The one method of the `highs` package instance this module needs. */
export interface LpSolver {
  solve(problem: string, options?: Record<string, unknown>): LpSolution;
}

export interface WarehouseSpec {
  id: string;
  /** Region the warehouse serves (a market or a group of countries). */
  region: string;
  /** Own capacity in units across SKUs; Infinity when not limited. */
  capacityUnits: number;
  /** Cost of keeping one unit for one day in own capacity, minor units. */
  holdingPerUnitDay: number;
  /** On-demand storage above own capacity, priced per unit-day (minor units); absent: none. */
  onDemandPerUnitDay?: number;
}

export interface LaneSpec {
  /** A warehouse id, or "origin" for replenishment from the manufacturer. */
  from: string;
  to: string;
  /** Freight, handling and transfer paperwork per unit, minor units. */
  costPerUnit: number;
  leadTimeDays: number;
  /** When set, the lane carries only this SKU (freight priced by its weight). */
  sku?: string;
  /** Import duties and non-recoverable taxes on moved stock per unit, by SKU, minor units. */
  dutyPerUnit?: Record<string, number>;
}

export interface DemandSlice {
  mean: number;
  lower: number;
  upper: number;
  /** Coverage of [lower, upper] (e.g. 0.8). */
  level: number;
}

export interface SkuPosition {
  sku: string;
  /** Units on hand per warehouse id. */
  onHand: Record<string, number>;
  /** Units already travelling to a warehouse and the day they arrive. */
  inTransit?: Array<{ to: string; quantity: number; arrivesInDays: number }>;
  /** Forecast demand per region and bucket. */
  demand: Record<string, DemandSlice[]>;
  /** Cost of a unit of this SKU's demand in a region not met from that region's stock (minor units). */
  stockoutCostPerUnit: Record<string, number>;
}

export interface ReallocationInput {
  currency: string;
  bucketDays: number;
  buckets: number;
  warehouses: WarehouseSpec[];
  lanes: LaneSpec[];
  skus: SkuPosition[];
}

export interface PlannedTransfer {
  sku: string;
  from: string;
  to: string;
  quantity: number;
  arrivesInDays: number;
  transferCost: number;
  duty: number;
}

export interface PlanCost {
  transfer: number;
  duty: number;
  expectedStockout: number;
  holding: number;
  onDemandStorage: number;
  total: number;
}

export interface ReallocationPlan {
  currency: string;
  transfers: PlannedTransfer[];
  cost: PlanCost;
  /** The same costs if nothing moved, for the merchant's comparison. */
  doNothing: PlanCost;
}

export class ReallocationError extends Error {}

interface Term {
  coefficient: number;
  variable: string;
}

class LpModel {
  private objective: Term[] = [];
  private constraints: string[] = [];
  private bounds: string[] = [];
  private integers: string[] = [];
  private count = 0;

  variable(cost: number, options: { upper?: number; lower?: number; integer?: boolean } = {}): string {
    const name = `x${this.count++}`;
    if (cost !== 0) this.objective.push({ coefficient: cost, variable: name });
    const lower = options.lower ?? 0;
    this.bounds.push(options.upper === undefined || !Number.isFinite(options.upper) ? `${name} >= ${lower}` : `${lower} <= ${name} <= ${options.upper}`);
    if (options.integer) this.integers.push(name);
    return name;
  }

  constrain(terms: Term[], sense: "<=" | ">=" | "=", rhs: number): void {
    const body = terms.map((t) => `${t.coefficient >= 0 ? "+" : "-"} ${Math.abs(t.coefficient)} ${t.variable}`).join(" ");
    this.constraints.push(` c${this.constraints.length}: ${body} ${sense} ${rhs}`);
  }

  toString(): string {
    const objective = this.objective.length ? this.objective.map((t) => `${t.coefficient >= 0 ? "+" : "-"} ${Math.abs(t.coefficient)} ${t.variable}`).join(" ") : "0 x0";
    // LP-format lines are capped in length by some readers; break long expressions.
    const wrap = (text: string) => text.replace(/((?:\S+\s+){40})/g, "$1\n ");
    return [
      "Minimize",
      ` obj: ${wrap(objective)}`,
      "Subject To",
      ...this.constraints.map(wrap),
      "Bounds",
      ...this.bounds.map((b) => ` ${b}`),
      ...(this.integers.length ? ["Generals", ` ${wrap(this.integers.join(" "))}`] : []),
      "End",
    ].join("\n");
  }
}

function validate(input: ReallocationInput): void {
  if (!(input.bucketDays > 0) || !Number.isInteger(input.buckets) || input.buckets < 1) {
    throw new ReallocationError("the horizon needs at least one bucket of a positive number of days");
  }
  const ids = new Set(input.warehouses.map((w) => w.id));
  if (ids.has("origin")) throw new ReallocationError('"origin" is reserved for replenishment from the manufacturer');
  for (const lane of input.lanes) {
    if (lane.from !== "origin" && !ids.has(lane.from)) throw new ReallocationError(`lane from unknown warehouse ${lane.from}`);
    if (!ids.has(lane.to)) throw new ReallocationError(`lane to unknown warehouse ${lane.to}`);
    if (lane.costPerUnit < 0 || lane.leadTimeDays < 0) throw new ReallocationError(`lane ${lane.from}->${lane.to} has a negative cost or lead time`);
  }
  for (const sku of input.skus) {
    for (const [warehouse, units] of Object.entries(sku.onHand)) {
      if (!ids.has(warehouse)) throw new ReallocationError(`${sku.sku}: stock at unknown warehouse ${warehouse}`);
      if (!(units >= 0)) throw new ReallocationError(`${sku.sku}: negative stock at ${warehouse}`);
    }
    for (const slices of Object.values(sku.demand)) {
      for (const slice of slices) {
        if (!(slice.lower >= 0 && slice.mean >= slice.lower && slice.upper >= slice.mean)) {
          throw new ReallocationError(`${sku.sku}: demand must satisfy 0 <= lower <= mean <= upper`);
        }
      }
    }
  }
}

/** Probability that demand reaches each slice: the weights on its shortfall. */
function sliceWeights(level: number): [number, number, number] {
  const tail = (1 - level) / 2;
  // P(D > x) is about 1 - tail below the lower bound, falls to 0.5 at the mean and to `tail` at
  // the upper bound; each slice takes the average over its range.
  return [1 - tail / 2, (1 - tail + 0.5) / 2, (0.5 + tail) / 2];
}

function arrivalBucket(days: number, bucketDays: number): number {
  return Math.ceil(days / bucketDays - 1e-9);
}

interface BuiltModel {
  model: LpModel;
  transfers: Array<{ variable: string; sku: string; lane: LaneSpec; arrives: number }>;
  costs: Array<{ variable: string; kind: keyof Omit<PlanCost, "total">; perUnit: number }>;
  stock: Array<{ warehouse: string; bucket: number; variable: string }>;
}

interface BuildOptions {
  allowTransfers: boolean;
  /** Integer transfer variables (a MIP); otherwise the LP relaxation. */
  integer: boolean;
  /** Transfers held at these quantities, by `${sku}|${from}|${to}`. */
  fixed?: Map<string, number>;
}

const laneKey = (sku: string, lane: LaneSpec) => `${sku}|${lane.from}|${lane.to}`;

function build(input: ReallocationInput, { allowTransfers, integer, fixed }: BuildOptions): BuiltModel {
  const model = new LpModel();
  const transfers: BuiltModel["transfers"] = [];
  const costs: BuiltModel["costs"] = [];
  const stock: BuiltModel["stock"] = [];
  const B = input.buckets;
  const stockVars = new Map<string, string[]>(); // warehouse -> inventory variables for each (sku, bucket)

  for (const position of input.skus) {
    // Transfers: one decision per lane, departing at time 0.
    const inbound = new Map<string, Array<{ variable: string; bucket: number }>>();
    const outbound = new Map<string, string[]>();
    if (allowTransfers) {
      for (const lane of input.lanes) {
        if (lane.sku !== undefined && lane.sku !== position.sku) continue;
        const arrives = arrivalBucket(lane.leadTimeDays, input.bucketDays);
        // A transfer that lands after the horizon cannot prevent a stockout inside it.
        if (arrives >= B) continue;
        const duty = lane.dutyPerUnit?.[position.sku] ?? 0;
        const held = fixed?.get(laneKey(position.sku, lane));
        const variable = model.variable(lane.costPerUnit + duty, held === undefined ? { integer } : { lower: held, upper: held });
        transfers.push({ variable, sku: position.sku, lane, arrives });
        costs.push({ variable, kind: "transfer", perUnit: lane.costPerUnit }, { variable, kind: "duty", perUnit: duty });
        if (!inbound.has(lane.to)) inbound.set(lane.to, []);
        inbound.get(lane.to)!.push({ variable, bucket: arrives });
        if (lane.from !== "origin") {
          if (!outbound.has(lane.from)) outbound.set(lane.from, []);
          outbound.get(lane.from)!.push(variable);
        }
      }
    }

    for (const warehouse of input.warehouses) {
      const demand = position.demand[warehouse.region] ?? [];
      const stockoutCost = position.stockoutCostPerUnit[warehouse.region] ?? 0;
      let previous: string | undefined;
      for (let b = 0; b < B; b++) {
        const slice = demand[b] ?? { mean: 0, lower: 0, upper: 0, level: 0.8 };
        const holding = warehouse.holdingPerUnitDay * input.bucketDays;
        const stockVar = model.variable(holding);
        costs.push({ variable: stockVar, kind: "holding", perUnit: holding });
        if (!stockVars.has(warehouse.id)) stockVars.set(warehouse.id, []);
        stockVars.get(warehouse.id)!.push(`${b}:${stockVar}`);
        stock.push({ warehouse: warehouse.id, bucket: b, variable: stockVar });

        const served = model.variable(0);
        // Certain demand (a degenerate interval) is charged in full.
        const weights = slice.upper === slice.lower ? [1, 1, 1] : sliceWeights(slice.level);
        const sizes = [slice.lower, slice.mean - slice.lower, slice.upper - slice.mean];
        const shortfalls = sizes.map((size, i) => {
          const perUnit = stockoutCost * weights[i]!;
          const variable = model.variable(perUnit, { upper: size });
          costs.push({ variable, kind: "expectedStockout", perUnit });
          return variable;
        });
        // served + shortfall = demand up to the upper bound, slice by slice.
        model.constrain([{ coefficient: 1, variable: served }, ...shortfalls.map((v) => ({ coefficient: 1, variable: v }))], "=", slice.upper);

        // stock_b = stock_{b-1} (or on hand) + arrivals - departures - served
        const terms: Term[] = [{ coefficient: 1, variable: stockVar }, { coefficient: 1, variable: served }];
        if (previous) terms.push({ coefficient: -1, variable: previous });
        for (const arrival of inbound.get(warehouse.id) ?? []) if (arrival.bucket === b) terms.push({ coefficient: -1, variable: arrival.variable });
        if (b === 0) for (const departure of outbound.get(warehouse.id) ?? []) terms.push({ coefficient: 1, variable: departure });
        let constant = b === 0 ? position.onHand[warehouse.id] ?? 0 : 0;
        for (const transit of position.inTransit ?? []) {
          if (transit.to === warehouse.id && Math.min(arrivalBucket(transit.arrivesInDays, input.bucketDays), B - 1) === b) constant += transit.quantity;
        }
        model.constrain(terms, "=", constant);
        previous = stockVar;
      }
    }
  }

  // Own capacity, with on-demand storage above it where the warehouse offers it.
  for (const warehouse of input.warehouses) {
    if (!Number.isFinite(warehouse.capacityUnits)) continue;
    const byBucket = new Map<number, string[]>();
    for (const entry of stockVars.get(warehouse.id) ?? []) {
      const [bucket, variable] = entry.split(":");
      if (!byBucket.has(Number(bucket))) byBucket.set(Number(bucket), []);
      byBucket.get(Number(bucket))!.push(variable!);
    }
    for (const [, variables] of byBucket) {
      const terms: Term[] = variables.map((variable) => ({ coefficient: 1, variable }));
      if (warehouse.onDemandPerUnitDay !== undefined) {
        const perUnit = warehouse.onDemandPerUnitDay * input.bucketDays;
        const extra = model.variable(perUnit);
        costs.push({ variable: extra, kind: "onDemandStorage", perUnit });
        terms.push({ coefficient: -1, variable: extra });
      }
      model.constrain(terms, "<=", warehouse.capacityUnits);
    }
  }
  return { model, transfers, costs, stock };
}

function solveModel(solver: LpSolver, built: BuiltModel, currency: string) {
  const solution = solver.solve(built.model.toString(), { output_flag: false, mip_rel_gap: 0 });
  if (solution.Status !== "Optimal") {
    throw new ReallocationError(`the transfer plan could not be solved (${solution.Status}): check stock, capacities and lanes`);
  }
  const value = (variable: string) => solution.Columns[variable]?.Primal ?? 0;
  const cost: PlanCost = { transfer: 0, duty: 0, expectedStockout: 0, holding: 0, onDemandStorage: 0, total: 0 };
  for (const entry of built.costs) cost[entry.kind] += entry.perUnit * value(entry.variable);
  // Money leaves here in whole minor units, rounded once per component.
  for (const key of ["transfer", "duty", "expectedStockout", "holding", "onDemandStorage"] as const) cost[key] = Math.round(cost[key]);
  cost.total = cost.transfer + cost.duty + cost.expectedStockout + cost.holding + cost.onDemandStorage;
  const transfers: PlannedTransfer[] = built.transfers
    .map(({ variable, sku, lane }) => {
      const quantity = Math.round(value(variable));
      const duty = (lane.dutyPerUnit?.[sku] ?? 0) * quantity;
      return { sku, from: lane.from, to: lane.to, quantity, arrivesInDays: lane.leadTimeDays, transferCost: lane.costPerUnit * quantity, duty };
    })
    .filter((t) => t.quantity > 0);
  const stock = built.stock.map((entry) => ({ warehouse: entry.warehouse, bucket: entry.bucket, units: value(entry.variable) }));
  const values = new Map(built.transfers.map((t) => [t.variable, value(t.variable)]));
  const fractional = [...values.values()].filter((v) => Math.abs(v - Math.round(v)) > 1e-6);
  return { currency, transfers, cost, stock, values, fractional };
}

type Solved = ReturnType<typeof solveModel>;

/**
 * One SKU's plan. The LP relaxation is solved first: with whole-unit stock and demand its optimum
 * is usually whole already, and then it is the MIP's optimum too. When it is fractional (forecast
 * demand is), the transfers are rounded (to the nearest unit, or down when that overdraws a
 * source) and the model is solved again with them fixed, so the reported costs are those of the
 * plan as shipped: within one unit per lane of the integer optimum. `exact` solves the MIP instead (a fresh HiGHS
 * MIP costs ~100 ms of set-up per call in WebAssembly, too slow for a catalogue per request).
 */
function solveOne(solver: LpSolver, input: ReallocationInput, allowTransfers: boolean, exact: boolean): Solved {
  if (!allowTransfers || exact) return solveModel(solver, build(input, { allowTransfers, integer: exact }), input.currency);
  const built = build(input, { allowTransfers, integer: false });
  const relaxed = solveModel(solver, built, input.currency);
  if (relaxed.fractional.length === 0) return relaxed;
  // Nearest whole units first (closer to the relaxation's cost); if rounding up overdraws a
  // source, rounding down always fits.
  const rounded = (round: (v: number) => number) => {
    const fixed = new Map<string, number>();
    for (const t of built.transfers) fixed.set(laneKey(t.sku, t.lane), round(relaxed.values.get(t.variable)!));
    return solveModel(solver, build(input, { allowTransfers, integer: false, fixed }), input.currency);
  };
  const down = rounded((v) => Math.floor(v + 1e-6));
  try {
    const nearest = rounded((v) => Math.round(v));
    return nearest.cost.total <= down.cost.total ? nearest : down;
  } catch (error) {
    if (error instanceof ReallocationError) return down;
    throw error;
  }
}

/**
 * SKUs interact only through warehouse capacity. Solved one by one without capacity, each part
 * is optimal; if together they fit every warehouse's own capacity, the sum is optimal for the
 * whole problem too (dropping constraints can only lower the cost), so the joint model, much
 * larger, is needed only when space actually binds.
 */
function solveBySku(solver: LpSolver, input: ReallocationInput, allowTransfers: boolean, exact: boolean): Solved | undefined {
  if (input.skus.length < 2) return undefined;
  const uncapped = { ...input, warehouses: input.warehouses.map((w) => ({ ...w, capacityUnits: Infinity })) };
  const parts = input.skus.map((sku) => solveOne(solver, { ...uncapped, skus: [sku] }, allowTransfers, exact));
  const used = new Map<string, number>();
  for (const part of parts) for (const s of part.stock) used.set(`${s.warehouse}|${s.bucket}`, (used.get(`${s.warehouse}|${s.bucket}`) ?? 0) + s.units);
  for (const w of input.warehouses) {
    if (!Number.isFinite(w.capacityUnits)) continue;
    for (let b = 0; b < input.buckets; b++) if ((used.get(`${w.id}|${b}`) ?? 0) > w.capacityUnits + 1e-6) return undefined;
  }
  const cost: PlanCost = { transfer: 0, duty: 0, expectedStockout: 0, holding: 0, onDemandStorage: 0, total: 0 };
  for (const part of parts) for (const key of Object.keys(cost) as Array<keyof PlanCost>) cost[key] += part.cost[key];
  return { currency: input.currency, transfers: parts.flatMap((p) => p.transfers), cost, stock: parts.flatMap((p) => p.stock), fractional: [], values: new Map() };
}

function solve(solver: LpSolver, input: ReallocationInput, allowTransfers: boolean, exact: boolean): Solved {
  // A HiGHS call has a fixed set-up cost, so LPs are solved jointly; MIPs, whose search grows
  // fast with size, one SKU at a time where capacity allows.
  return (exact ? solveBySku(solver, input, allowTransfers, exact) : undefined) ?? solveOne(solver, input, allowTransfers, exact);
}

/** The cheapest plan, and what doing nothing would cost over the same horizon. */
export function planReallocation(solver: LpSolver, input: ReallocationInput, options: { exact?: boolean } = {}): ReallocationPlan {
  validate(input);
  const exact = options.exact ?? false;
  const { currency, transfers, cost } = solve(solver, input, true, exact);
  return { currency, transfers, cost, doNothing: solve(solver, input, false, exact).cost };
}
