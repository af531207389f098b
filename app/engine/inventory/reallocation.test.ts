import loadHighs from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { forecastDemand } from "./forecast";
import { planReallocation, ReallocationError, type LpSolver, type ReallocationInput, type SkuPosition } from "./reallocation";

let solver: LpSolver;
beforeAll(async () => {
  solver = (await loadHighs()) as unknown as LpSolver;
});

const certain = (units: number) => ({ mean: units, lower: units, upper: units, level: 0.8 });

/** New Jersey holds 100 units; Venlo (EU) none; the EU needs 10 a week for four weeks. */
function scenario(overrides: { stockout?: number; lead?: number; duty?: number; position?: Partial<SkuPosition>; input?: Partial<ReallocationInput> } = {}): ReallocationInput {
  return {
    currency: "USD",
    bucketDays: 7,
    buckets: 4,
    warehouses: [
      { id: "us-nj", region: "NA", capacityUnits: Infinity, holdingPerUnitDay: 1 },
      { id: "nl-venlo", region: "EU", capacityUnits: Infinity, holdingPerUnitDay: 1 },
    ],
    lanes: [{ from: "us-nj", to: "nl-venlo", costPerUnit: 300, leadTimeDays: overrides.lead ?? 7, dutyPerUnit: { MUG: overrides.duty ?? 100 } }],
    skus: [
      {
        sku: "MUG",
        onHand: { "us-nj": 100, "nl-venlo": 0 },
        demand: { EU: [certain(10), certain(10), certain(10), certain(10)], NA: [] },
        stockoutCostPerUnit: { EU: overrides.stockout ?? 2000, NA: 2000 },
        ...overrides.position,
      },
    ],
    ...overrides.input,
  };
}

describe("reallocation plans (HiGHS)", () => {
  it("a demand shift toward the EU moves stock there when that beats shipping cross-border", () => {
    const plan = planReallocation(solver, scenario());
    // Week 1 cannot be saved (7-day lead time); weeks 2-4 need 30 units.
    expect(plan.transfers).toEqual([{ sku: "MUG", from: "us-nj", to: "nl-venlo", quantity: 30, arrivesInDays: 7, transferCost: 9000, duty: 3000 }]);
    // Holding: NJ keeps 70 for 28 days (1960), Venlo ends weeks 2-3 with 20 and 10 (210).
    expect(plan.cost).toEqual({ transfer: 9000, duty: 3000, expectedStockout: 20000, holding: 2170, onDemandStorage: 0, total: 34170 });
    expect(plan.doNothing).toEqual({ transfer: 0, duty: 0, expectedStockout: 80000, holding: 2800, onDemandStorage: 0, total: 82800 });
    // The integer programme agrees with the LP relaxation here (whole-unit data).
    expect(planReallocation(solver, scenario(), { exact: true })).toEqual(plan);
  });

  it("rounds a fractional relaxation to whole units and reprices the plan as shipped", () => {
    const demand = { EU: [certain(0), certain(10.5), certain(10), certain(10)], NA: [] };
    // The relaxation moves 30.5 units; 31 (nearest) beats 30 (down): half a unit short at 2000 > one more unit at 400 + 21 days' holding.
    const plan = planReallocation(solver, scenario({ position: { demand } }));
    expect(plan.transfers[0]?.quantity).toBe(31);
    expect(plan.cost.expectedStockout).toBe(0);
    const exact = planReallocation(solver, scenario({ position: { demand } }), { exact: true });
    expect(exact.transfers[0]?.quantity).toBe(31);
    expect(exact.cost.total).toBe(plan.cost.total);
  });

  it("duties on the moved stock can tip the decision", () => {
    expect(planReallocation(solver, scenario({ stockout: 450, duty: 100 })).transfers).toHaveLength(1);
    expect(planReallocation(solver, scenario({ stockout: 450, duty: 200 })).transfers).toEqual([]);
  });

  it("respects lead times: a transfer landing after the horizon is never planned", () => {
    expect(planReallocation(solver, scenario({ lead: 28 })).transfers).toEqual([]);
    // Landing in week 3 saves only weeks 3 and 4.
    expect(planReallocation(solver, scenario({ lead: 14 })).transfers[0]?.quantity).toBe(20);
  });

  it("replenishes from the origin when that lane is cheaper, and counts stock already in transit", () => {
    const input = scenario({
      position: { inTransit: [{ to: "nl-venlo", quantity: 10, arrivesInDays: 7 }] },
    });
    input.lanes.push({ from: "origin", to: "nl-venlo", costPerUnit: 250, leadTimeDays: 7, dutyPerUnit: { MUG: 100 } });
    const plan = planReallocation(solver, input);
    expect(plan.transfers).toEqual([{ sku: "MUG", from: "origin", to: "nl-venlo", quantity: 20, arrivesInDays: 7, transferCost: 5000, duty: 2000 }]);
  });

  it("uses on-demand storage above capacity when it pays, and stops at capacity when there is none", () => {
    const flexible = scenario();
    flexible.warehouses[1] = { id: "nl-venlo", region: "EU", capacityUnits: 10, holdingPerUnitDay: 1, onDemandPerUnitDay: 5 };
    const withFlex = planReallocation(solver, flexible);
    expect(withFlex.transfers[0]?.quantity).toBe(30);
    // Week 2 ends with 20 units in Venlo, 10 above capacity, for 7 days at 5.
    expect(withFlex.cost.onDemandStorage).toBe(350);

    const fixed = scenario();
    fixed.warehouses[1] = { id: "nl-venlo", region: "EU", capacityUnits: 10, holdingPerUnitDay: 1 };
    expect(planReallocation(solver, fixed).transfers[0]?.quantity).toBe(20);
  });

  it("covers uncertain demand up to the slice whose stockout risk is worth the transfer", () => {
    const uncertain = { mean: 10, lower: 6, upper: 14, level: 0.8 };
    const base = (stockout: number) =>
      scenario({ stockout, position: { demand: { EU: [certain(0), uncertain, uncertain, uncertain], NA: [] } } });
    // Slice weights at 80%: 0.975 (to lower), 0.7 (to mean), 0.3 (to upper); transfer + duty = 400.
    const noZeroHolding = (input: ReallocationInput) => ({ ...input, warehouses: input.warehouses.map((w) => ({ ...w, holdingPerUnitDay: 0 })) });
    expect(planReallocation(solver, noZeroHolding(base(1000))).transfers[0]?.quantity).toBe(30);
    expect(planReallocation(solver, noZeroHolding(base(2000))).transfers[0]?.quantity).toBe(42);
  });

  it("plans from a forecast: EU sales rising from 2 to 12 a week trigger a transfer", () => {
    const history = [2, 3, 2, 2, 3, 2, 4, 5, 6, 8, 9, 10, 11, 12, 12, 11];
    const f = forecastDemand(history, { seasonLength: 1, horizon: 4 });
    const demand = f.mean.map((mean, i) => ({ mean, lower: f.lower[i]!, upper: f.upper[i]!, level: f.level }));
    const plan = planReallocation(solver, scenario({ position: { demand: { EU: demand, NA: [] } } }));
    expect(plan.transfers[0]?.quantity).toBeGreaterThanOrEqual(30);
    expect(plan.cost.total).toBeLessThan(plan.doNothing.total);
  });

  it("rejects bad input with a message and solves nothing", () => {
    expect(() => planReallocation(solver, scenario({ position: { onHand: { "us-nj": -1 } } }))).toThrow(ReallocationError);
    expect(() => planReallocation(solver, scenario({ input: { lanes: [{ from: "de-berlin", to: "nl-venlo", costPerUnit: 1, leadTimeDays: 1 }] } }))).toThrow(/unknown warehouse de-berlin/);
    expect(() => planReallocation(solver, scenario({ position: { demand: { EU: [{ mean: 1, lower: 3, upper: 4, level: 0.8 }] } } }))).toThrow(/lower <= mean/);
  });
});
