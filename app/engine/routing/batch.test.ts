import { describe, expect, it } from "vitest";
import { loadMilpSolver } from "~/integrations/routing/highs.server";
import { buildBatchModel, orderPlans, planBatch } from "./batch";
import type { DutiesFn, RoutingOrder, RoutingWarehouse, ShippingFn } from "./model";
import { commitDecision, createRouter, createRoutingState, type RouterOptions } from "./router";
import { line, NEW_JERSEY, VENLO } from "./test-support";

const A: RoutingWarehouse = { ...NEW_JERSEY, id: "a", name: "A", handlingPerOrder: 0, handlingPerUnit: 0, capacityPerDay: 1 };
const B: RoutingWarehouse = { ...VENLO, id: "b", name: "B", handlingPerOrder: 0, handlingPerUnit: 0, capacityPerDay: 10 };
/** Shipping per warehouse and destination country. */
const shipping = (table: Record<string, number>): ShippingFn => (d) =>
  [{ carrierId: "c", serviceCode: "s", serviceName: "Service", shipping: table[`${d.warehouse.id}:${d.destination.country}`]!, earliestDelivery: "2026-06-04", latestDelivery: "2026-06-05" }];
const noDuties: DutiesFn = () => ({ amount: 0, reason: "none" });
const order = (id: string, country: string, lines = [line.candle()]): RoutingOrder => ({ id, currency: "USD", destination: { country }, lines });

describe("batch optimiser (HiGHS MILP)", () => {
  it("gives a scarce warehouse slot to the order that gains most from it, where the online router gives it to the first", async () => {
    // A can ship one order today. For the German order A saves 100 over B; for the Japanese one, 2000.
    const options: RouterOptions = {
      warehouses: [A, B], duties: noDuties, latenessPerDay: 0,
      shipping: shipping({ "a:DE": 900, "b:DE": 1000, "a:JP": 1500, "b:JP": 3500 }),
    };
    const orders = [order("de", "DE"), order("jp", "JP")];
    const stock = { a: { CANDLE: 9 }, b: { CANDLE: 9 } };

    const online = createRoutingState([A, B], stock);
    const greedy = orders.map((o) => { const d = createRouter(options).route(o, online); commitDecision(online, d); return d; });
    expect(greedy.map((d) => d.shipments[0]!.warehouseId)).toEqual(["a", "b"]);
    expect(greedy.reduce((s, d) => s + d.cost!.total, 0)).toBe(900 + 3500);

    const plan = planBatch(await loadMilpSolver(), { orders, state: createRoutingState([A, B], stock), options, unservedPenalty: 100_000 });
    expect(plan.status).toBe("Optimal");
    expect(plan.assignments.get("de")!.shipments[0]!.warehouseId).toBe("b");
    expect(plan.assignments.get("jp")!.shipments[0]!.warehouseId).toBe("a");
    expect(plan.objective).toBe(1000 + 1500);
  });

  it("respects stock: two orders for the last unit cannot both ship it, and the one left over is reported unserved", async () => {
    const options: RouterOptions = { warehouses: [{ ...A, capacityPerDay: 5 }], duties: noDuties, latenessPerDay: 0, shipping: shipping({ "a:DE": 900, "a:FR": 950 }) };
    const orders = [order("1", "DE"), order("2", "FR")];
    const state = createRoutingState(options.warehouses, { a: { CANDLE: 1 } });
    const plan = planBatch(await loadMilpSolver(), { orders, state, options, unservedPenalty: 100_000 });
    expect(plan.unserved).toHaveLength(1);
    expect(plan.objective).toBe(100_000 + 900);
    expect(plan.assignments.get("1")!.shipments[0]!.lines).toEqual([{ sku: "CANDLE", quantity: 1 }]);
  });

  it("offers the solver splits only when they could beat shipping whole", () => {
    const options: RouterOptions = {
      warehouses: [{ ...A, capacityPerDay: 5 }, B], duties: noDuties, latenessPerDay: 0,
      shipping: shipping({ "a:DE": 900, "b:DE": 1000 }),
    };
    const state = createRoutingState(options.warehouses, { a: { CANDLE: 9, "TRAIL-42": 9 }, b: { CANDLE: 9, "TRAIL-42": 9 } });
    const two = order("x", "DE", [line.candle(), line.trailShoe()]);
    // Two flat-priced shipments always cost more than one: only the two whole-order plans remain.
    expect(orderPlans(two, state, options).map((p) => p.shipments.map((s) => s.warehouseId).join("+"))).toEqual(["a", "b"]);
    const model = buildBatchModel([two], [orderPlans(two, state, options)], state, 100_000);
    expect(model.text).toContain(" a0: x0_0 + x0_1 + u0 = 1");
    expect(model.text).toMatch(/c0: x0_0 <= 5/);
  });
});
