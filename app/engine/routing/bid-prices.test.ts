import { describe, expect, it } from "vitest";
import { TEST_FX, testTables } from "../customs/test-support";
import { fixedPrices } from "./batch";
import { claimCurves, expectedMarginalValue, priceAtRank } from "./bid-prices";
import { customsDuties } from "./duties";
import type { RoutingOrder } from "./model";
import { createRouter, createRoutingState, type RouterOptions } from "./router";
import { sampleRateCards } from "./sample-network";
import { rateCardShipping } from "./shipping";
import { line, NEW_JERSEY, VENLO } from "./test-support";

const warehouses = [NEW_JERSEY, VENLO];
const options: RouterOptions = {
  warehouses,
  shipping: rateCardShipping({ cards: sampleRateCards(["US", "NL"]), fx: TEST_FX, now: () => new Date("2026-06-02T08:00:00Z") }),
  duties: customsDuties(testTables(), { date: "2026-06-02" }),
  latenessPerDay: 500,
};
const sweaterTo = (id: string, country: string): RoutingOrder => ({ id, currency: "USD", destination: { country }, lines: [line.sweater()], promisedBy: "2026-06-20" });
/** Venlo holds 4 sweaters, New Jersey plenty. */
const state = () => createRoutingState(warehouses, { nj: { "MERINO-M": 100 }, venlo: { "MERINO-M": 4 } });
const noPrices = { stock: new Map<string, number>(), capacity: new Map<string, number>() };
/** A day's forecast: 4 German and 4 British buyers of the sweater. */
const forecast = [["de1", "DE"], ["gb1", "GB"], ["de2", "DE"], ["gb2", "GB"], ["de3", "DE"], ["gb3", "GB"], ["de4", "DE"], ["gb4", "GB"]].map(([id, c]) => sweaterTo(id!, c!));
const curves = () => claimCurves({ scenarios: [forecast], state: state(), options, base: noPrices, unservedPenalty: 100_000 });

/** What shipping the order from Venlo rather than New Jersey saves, from the router's own candidates. */
function venloSaving(order: RoutingOrder): number {
  const d = createRouter(options).route(order, state());
  const cost = (id: string) => d.candidates.find((c) => c.warehouseIds.join() === id)!.cost!.total;
  return cost("nj") - cost("venlo");
}

describe("bid prices that follow the stock left and the demand to come", () => {
  it("ranks each buyer's claim on Venlo's sweaters by what Venlo saves them", () => {
    const german = venloSaving(sweaterTo("de", "DE"));
    const british = venloSaving(sweaterTo("gb", "GB"));
    // Both are cheaper from Venlo, the German buyer (no border at all) by more.
    expect(british).toBeGreaterThan(0);
    expect(german).toBeGreaterThan(british);
    const curve = curves().stock.get("venlo|MERINO-M")!;
    expect([...curve.units]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...curve.saving]).toEqual([german, german, german, german, british, british, british, british]);
    // New Jersey is never the cheaper one here, so nobody claims its stock.
    expect(curves().stock.has("nj|MERINO-M")).toBe(false);
  });

  it("counts a sampled scenario's claims as the orders they stand for", () => {
    // Every other order of a day of 16: each sampled one stands for two.
    const sampled = claimCurves({ scenarios: [forecast], scale: [2], state: state(), options, unservedPenalty: 100_000 }).stock.get("venlo|MERINO-M")!;
    expect([...sampled.units]).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect([...sampled.saving]).toEqual([...curves().stock.get("venlo|MERINO-M")!.saving]);
    expect(() => claimCurves({ scenarios: [forecast], scale: [0.5], state: state(), options, unservedPenalty: 1 })).toThrow("claim curves need one scale of 1 or more per scenario");
  });

  it("counts what the alternative's own scarce stock is worth when shadow prices are given", () => {
    const plain = curves().stock.get("venlo|MERINO-M")!;
    const njScarce = { stock: new Map([["nj|MERINO-M", 100]]), capacity: new Map<string, number>() };
    const priced = claimCurves({ scenarios: [forecast], state: state(), options, base: njScarce, unservedPenalty: 100_000 }).stock.get("venlo|MERINO-M")!;
    // Going without Venlo now also costs a New Jersey unit worth 1.00: every claim rises by that.
    expect([...priced.saving]).toEqual([...plain.saving].map((s) => s + 100));
  });

  it.each([
    // [units left, share of the day's demand to come, whose saving prices the next unit]
    [4, 1, "german"],
    [5, 1, "british"],
    [8, 1, "british"],
    [9, 1, "none"],
    [2, 0.5, "german"],
    [3, 0.5, "british"],
    [4, 0.25, "none"],
  ] as const)("with %i left and %f of the day to come, a unit is worth the %s buyer's saving", (left, share, who) => {
    const c = curves();
    const expected = who === "none" ? 0 : venloSaving(sweaterTo("x", who === "german" ? "DE" : "GB"));
    expect(expectedMarginalValue(c, share).stock("venlo", "MERINO-M", left)).toBe(expected);
    expect(priceAtRank(c.stock.get("venlo|MERINO-M"), left / share)).toBe(expected);
  });

  it("keeps Venlo's last sweaters for the German buyers still to come, and lets a British buyer have one once they are covered", () => {
    const router = createRouter(options);
    const c = curves();
    const british = sweaterTo("gb-now", "GB");
    // GIVEN the whole day ahead and only 4 sweaters in Venlo for 4 expected German buyers
    const early = router.route(british, state(), expectedMarginalValue(c, 1));
    // THEN the British buyer is served from New Jersey, though Venlo is cheaper for this order alone
    expect(early.shipments.map((s) => s.warehouseId)).toEqual(["nj"]);
    expect(early.reason).toMatch(/Venlo 3PL \(EU\) is .* cheaper but its stock or slots are worth more to orders still to come/);
    expect(router.route(british, state()).shipments.map((s) => s.warehouseId)).toEqual(["venlo"]);
    // WHEN only a quarter of the day is left (one German buyer expected) THEN Venlo serves them
    const late = router.route(british, state(), expectedMarginalValue(c, 0.25));
    expect(late.shipments.map((s) => s.warehouseId)).toEqual(["venlo"]);
    // AND fixed prices of zero change nothing
    expect(router.route(british, state(), fixedPrices(noPrices)).shipments.map((s) => s.warehouseId)).toEqual(["venlo"]);
  });

  it("refuses a share of demand outside 0..1 and a forecast without scenarios", () => {
    expect(() => expectedMarginalValue(curves(), 1.5)).toThrow("remaining share of demand must be between 0 and 1, got 1.5");
    expect(() => claimCurves({ scenarios: [], state: state(), options, base: noPrices, unservedPenalty: 1 })).toThrow("claim curves need at least one demand scenario");
  });
});
