import { describe, expect, it } from "vitest";
import { TEST_FX, testTables } from "../customs/test-support";
import { customsDuties } from "./duties";
import { distanceKm, pointOf } from "./geo";
import type { DutiesFn, RoutingOrder, RoutingWarehouse, ShippingFn } from "./model";
import { routeNearest } from "./nearest";
import { commitDecision, createRouter, createRoutingState, type RouterOptions } from "./router";
import { sampleRateCards } from "./sample-network";
import { rateCardShipping } from "./shipping";
import { line, NEW_JERSEY, NORTHAMPTON, VENLO } from "./test-support";

const warehouses = [NEW_JERSEY, VENLO, NORTHAMPTON];
const realOptions = (ws: RoutingWarehouse[] = warehouses): RouterOptions => ({
  warehouses: ws,
  shipping: rateCardShipping({ cards: sampleRateCards(["US", "NL", "GB"]), fx: TEST_FX, now: () => new Date("2026-06-02T08:00:00Z") }),
  duties: customsDuties(testTables(), { date: "2026-06-02" }),
  latenessPerDay: 500,
});
const everywhere = (skus: Record<string, number>) => Object.fromEntries(warehouses.map((w) => [w.id, skus]));

describe("routing on real rate cards and customs rules", () => {
  it("serves an Irish buyer from Venlo, though Northampton is nearer, because Venlo avoids duties", () => {
    // GIVEN both European warehouses hold the shoes and Northampton is the nearer one
    const order: RoutingOrder = { id: "o-ie", currency: "USD", destination: { country: "IE", postcode: "D02 X285" }, lines: [line.trailShoe()] };
    const near = [VENLO, NORTHAMPTON].sort((a, b) => distanceKm(pointOf(a)!, pointOf(order.destination)!) - distanceKm(pointOf(b)!, pointOf(order.destination)!));
    expect(near[0]!.id).toBe("nn");
    const state = createRoutingState(warehouses, everywhere({ "TRAIL-42": 5 }));
    // WHEN the order is routed
    const decision = createRouter(realOptions()).route(order, state);
    // THEN it ships from the EU warehouse, and the decision shows why
    expect(decision.status).toBe("routed");
    expect(decision.shipments.map((s) => s.warehouseId)).toEqual(["venlo"]);
    const byId = Object.fromEntries(decision.candidates.map((c) => [c.warehouseIds.join("+"), c]));
    expect(byId.venlo!.cost!.duties).toBe(0);
    expect(byId.nn!.cost!.duties).toBeGreaterThan(0);
    expect(byId.nn!.note).toMatch(/crosses a customs border/);
    expect(byId.nn!.cost!.total).toBeGreaterThan(byId.venlo!.cost!.total);
    expect(byId.nj!.cost!.total).toBeGreaterThan(byId.venlo!.cost!.total);
    expect(byId.venlo!.chosen).toBe(true);
    expect(decision.reason).toMatch(/^Venlo 3PL \(EU\) via .* next best/);
    // AND Shopify's default rule (nearest with stock) would have sent it from Northampton
    const nearest = routeNearest(order, state, realOptions());
    expect(nearest.shipments[0]!.warehouseId).toBe("nn");
    expect(nearest.cost!.total).toBeGreaterThan(decision.cost!.total);
  });

  it("serves a German buyer from the EU warehouse rather than the US one", () => {
    const order: RoutingOrder = { id: "o-de", currency: "USD", destination: { country: "DE", postcode: "10115" }, lines: [line.earbuds(2)] };
    const decision = createRouter(realOptions()).route(order, createRoutingState(warehouses, everywhere({ EARBUDS: 10 })));
    expect(decision.shipments[0]!.warehouseId).toBe("venlo");
    const us = decision.candidates.find((c) => c.warehouseIds[0] === "nj")!;
    expect(us.cost!.duties).toBeGreaterThan(0);
  });

  it("charges the EU duty on release when a bonded warehouse ships inside the EU, and none when it ships out", () => {
    const bonded: RoutingWarehouse = { ...VENLO, kind: "bonded" };
    const options = realOptions([NEW_JERSEY, bonded]);
    const state = createRoutingState([NEW_JERSEY, bonded], { nj: {}, venlo: { "TRAIL-42": 5 } });
    // Two pairs: above the EUR 150 consignment relief, so the EU duty on Vietnamese shoes applies.
    const toGermany = createRouter(options).route({ id: "o1", currency: "USD", destination: { country: "DE" }, lines: [line.trailShoe(2)] }, state);
    const fromBond = toGermany.candidates.find((c) => c.warehouseIds[0] === "venlo")!;
    expect(fromBond.cost!.duties).toBeGreaterThan(0);
    expect(fromBond.note).toMatch(/bonded: duty .* due on release into EU/);

    // The same goods from an ordinary EU warehouse already paid duty when they entered.
    const ordinary = createRouter(realOptions([NEW_JERSEY, VENLO])).route({ id: "o2", currency: "USD", destination: { country: "DE" }, lines: [line.trailShoe(2)] }, state);
    expect(ordinary.candidates.find((c) => c.warehouseIds[0] === "venlo")!.cost!.duties).toBe(0);

    // Leaving bond for the UK, the EU never charges; only the UK's import charges apply.
    const toUk = createRouter(options).route({ id: "o3", currency: "USD", destination: { country: "GB" }, lines: [line.trailShoe()] }, state);
    expect(toUk.candidates.find((c) => c.warehouseIds[0] === "venlo")!.note).toMatch(/none in the bonded warehouse's territory/);
  });

  it("keeps to the market's fulfillment model", () => {
    const options = { ...realOptions(), policies: [{ market: "IE", model: "merchant" as const, warehouseIds: [] }] };
    const decision = createRouter(options).route(
      { id: "o4", currency: "USD", destination: { country: "IE" }, lines: [line.trailShoe()] },
      createRoutingState(warehouses, everywhere({ "TRAIL-42": 5 })),
    );
    expect(decision.shipments[0]!.warehouseId).toBe("nj");
    expect(decision.candidates.find((c) => c.warehouseIds[0] === "venlo")!.note).toMatch(/merchant-fulfilled model/);
  });

  it("adds the lateness penalty when a service arrives after the promised date", () => {
    const order: RoutingOrder = { id: "o5", currency: "USD", destination: { country: "JP" }, lines: [line.candle()], promisedBy: "2026-06-05" };
    const decision = createRouter({ ...realOptions([NEW_JERSEY]), latenessPerDay: 10_000 }).route(order, createRoutingState([NEW_JERSEY], { nj: { CANDLE: 3 } }));
    // Economy post takes weeks to Japan; at 100 USD a late day an express service wins.
    expect(decision.shipments[0]!.serviceName).toMatch(/Express/);
    const cheap = createRouter({ ...realOptions([NEW_JERSEY]), latenessPerDay: 0 }).route(order, createRoutingState([NEW_JERSEY], { nj: { CANDLE: 3 } }));
    expect(cheap.shipments[0]!.serviceName).toBe("Postal Economy");
    expect(cheap.cost!.lateness).toBe(0);
  });
});

// Split, stock and capacity logic with plain numbers, so each expected figure can be read off.
const A: RoutingWarehouse = { ...NEW_JERSEY, id: "a", name: "A", handlingPerOrder: 100, handlingPerUnit: 0, capacityPerDay: 10 };
const B: RoutingWarehouse = { ...VENLO, id: "b", name: "B", handlingPerOrder: 100, handlingPerUnit: 0, capacityPerDay: 10 };
const flatShipping = (price: Record<string, number>): ShippingFn => (draft) =>
  [{ carrierId: "c", serviceCode: "s", serviceName: "Service", shipping: price[draft.warehouse.id]!, earliestDelivery: "2026-06-04", latestDelivery: "2026-06-05" }];
/** Duty per unit of a SKU when shipped from a warehouse. */
const dutyTable = (table: Record<string, number>): DutiesFn => (draft) => {
  const amount = draft.lines.reduce((a, l) => a + (table[`${draft.warehouse.id}:${l.sku}`] ?? 0) * l.quantity, 0);
  return { amount, reason: `table duty ${amount}` };
};
const twoLines: RoutingOrder = { id: "s", currency: "USD", destination: { country: "DE" }, lines: [line.trailShoe(), line.candle()] };

describe("splits, stock and capacity", () => {
  it("splits when two shipments cost less than one", () => {
    // A ships both for 1000 + 3000 duty on the shoe; B has only the shoe, duty-free.
    const router = createRouter({ warehouses: [A, B], shipping: flatShipping({ a: 1000, b: 1200 }), duties: dutyTable({ "a:TRAIL-42": 3000 }), latenessPerDay: 0 });
    const decision = router.route(twoLines, createRoutingState([A, B], { a: { "TRAIL-42": 1, CANDLE: 1 }, b: { "TRAIL-42": 1 } }));
    expect(decision.shipments.map((s) => [s.warehouseId, s.lines.map((l) => l.sku)])).toEqual([["b", ["TRAIL-42"]], ["a", ["CANDLE"]]]);
    expect(decision.cost!.total).toBe(1200 + 100 + 1000 + 100);
    expect(decision.reason).toMatch(/split into 2 shipments .* 17\.00 USD cheaper than the best single warehouse, A/);
  });

  it("ships whole when the split saves less than the extra shipment costs", () => {
    const router = createRouter({ warehouses: [A, B], shipping: flatShipping({ a: 1000, b: 1200 }), duties: dutyTable({ "a:TRAIL-42": 300 }), latenessPerDay: 0 });
    const decision = router.route(twoLines, createRoutingState([A, B], { a: { "TRAIL-42": 1, CANDLE: 1 }, b: { "TRAIL-42": 1 } }));
    expect(decision.shipments.map((s) => s.warehouseId)).toEqual(["a"]);
    expect(decision.cost!.total).toBe(1000 + 300 + 100);
    expect(decision.reason).toMatch(/ships whole/);
  });

  it("splits when no warehouse holds every line", () => {
    const router = createRouter({ warehouses: [A, B], shipping: flatShipping({ a: 1000, b: 1000 }), duties: dutyTable({}), latenessPerDay: 0 });
    const decision = router.route(twoLines, createRoutingState([A, B], { a: { CANDLE: 4 }, b: { "TRAIL-42": 4 } }));
    expect(decision.shipments).toHaveLength(2);
    expect(decision.reason).toMatch(/no single warehouse can ship every line/);
    expect(decision.candidates.find((c) => c.warehouseIds.join() === "a")!.note).toBe("out of stock: TRAIL-42: needs 1, 0 in stock");
  });

  it("never promises more units than a warehouse holds, and says so when nothing can ship", () => {
    const router = createRouter({ warehouses: [A, B], shipping: flatShipping({ a: 500, b: 900 }), duties: dutyTable({}), latenessPerDay: 0 });
    const state = createRoutingState([A, B], { a: { "TRAIL-42": 3 }, b: { "TRAIL-42": 1 } });
    const order = (id: string): RoutingOrder => ({ id, currency: "USD", destination: { country: "DE" }, lines: [line.trailShoe(2)] });
    const first = router.route(order("1"), state);
    commitDecision(state, first);
    expect(first.shipments[0]!.warehouseId).toBe("a");
    const second = router.route(order("2"), state);
    expect(second.status).toBe("unroutable");
    expect(second.reason).toMatch(/A: out of stock: TRAIL-42: needs 2, 1 in stock; B: out of stock: TRAIL-42: needs 2, 1 in stock/);
    expect(state.stock.get("a")!.get("TRAIL-42")).toBe(1);
  });

  it("moves to the next warehouse once the cheaper one has used its capacity for the day", () => {
    const small = { ...A, capacityPerDay: 2 };
    const router = createRouter({ warehouses: [small, B], shipping: flatShipping({ a: 500, b: 900 }), duties: dutyTable({}), latenessPerDay: 0 });
    const state = createRoutingState([small, B], { a: { CANDLE: 50 }, b: { CANDLE: 50 } });
    const used = [1, 2, 3, 4].map((i) => {
      const d = router.route({ id: String(i), currency: "USD", destination: { country: "DE" }, lines: [line.candle()] }, state);
      commitDecision(state, d);
      return d;
    });
    expect(used.map((d) => d.shipments[0]!.warehouseId)).toEqual(["a", "a", "b", "b"]);
    expect(used[2]!.candidates.find((c) => c.warehouseIds.join() === "a")!.note).toBe("at capacity today (2 shipments a day)");
  });
});
