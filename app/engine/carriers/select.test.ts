import { describe, expect, it } from "vitest";
import { loadRateCards } from "~/integrations/carriers/rate-cards.server";
import { money, multiply } from "../money";
import type { Warehouse } from "./model";
import { deliveryWindow } from "./eta";
import { createRater, laneKey, type LandedCostFn } from "./select";

const { cards } = loadRateCards("data/rate-cards");
const berlin: Warehouse = { id: "ber", country: "DE", timeZone: "Europe/Berlin", cutoff: "14:00", handlingDays: 0 };
const now = () => new Date("2026-06-02T08:00:00Z");
// Stand-in for the customs engine: 20% import VAT on goods + shipping into GB (UK charges VAT at sale below GBP 135, but this is about ranking).
const ukVat: LandedCostFn = (parcel, destination, { shipping }) =>
  destination.country === "GB" ? multiply(money(parcel.value.amount + shipping.amount, "EUR"), "0.2") : null;
const cart = (unit: number) => Array.from({ length: 5 }, (_, i) => ({ grams: 300 + i * 50, quantity: 1, price: money(unit, "EUR") }));

describe("carrier selection", () => {
  it("ranks every service of the origin's cards by landed total and says why", () => {
    const rater = createRater({ cards, warehouses: [berlin], now, landedCost: ukVat });
    const { selection, parcel } = rater.quote({ warehouseId: "ber", destination: { country: "GB", postcode: "SW1A 1AA" }, items: cart(2000), currency: "EUR" });
    expect(parcel.weight).toBe(2000);
    const all = [selection.best!, ...selection.alternatives];
    expect(all).toHaveLength(7); // 9 DE services; both Warenpost services stop at 1 kg
    expect(selection.excluded.map((e) => e.serviceCode).sort()).toEqual(["WPI", "WPP"]);
    expect(all.every((q) => q.incoterm === "DAP" && q.price.amount === q.shipping.amount)).toBe(true);
    expect(selection.best!.reasons[0]).toMatch(/^lowest landed total/);
    const scores = all.map((q) => q.score);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });

  it("folds duties and taxes into the price only where the merchant ships DDP", () => {
    const rater = createRater({ cards, warehouses: [berlin], now, landedCost: ukVat, rules: { ddpMarkets: ["GB"] } });
    const { selection } = rater.quote({ warehouseId: "ber", destination: { country: "GB" }, items: cart(2000), currency: "EUR" });
    const best = selection.best!;
    expect(best.incoterm).toBe("DDP");
    expect(best.price.amount).toBe(best.shipping.amount + best.dutiesAndTaxes!.amount);
    expect(best.charges.some((c) => c.kind === "ddp-handling") || best.carrierId === "deutsche-post").toBe(true);
    expect(best.reasons.some((r) => r.includes("included (DDP)"))).toBe(true);
  });

  it("does not offer economy above the merchant's value limit", () => {
    const rater = createRater({ cards, warehouses: [berlin], now, rules: { noEconomyAbove: money(15_000, "EUR") } });
    const { selection } = rater.quote({ warehouseId: "ber", destination: { country: "FR" }, items: cart(4000), currency: "EUR" });
    const offered = [selection.best!, ...selection.alternatives];
    expect(offered.some((q) => q.service.level === "economy")).toBe(false);
    expect(selection.excluded.filter((e) => e.reason === "economy is not offered above 150.00 EUR").map((e) => e.serviceCode).sort()).toEqual(["11", "W"]);
  });

  it("puts the preferred carrier first only while it is within the merchant's margin", () => {
    const ask = (rules: Parameters<typeof createRater>[0]["rules"]) =>
      createRater({ cards, warehouses: [berlin], now, ...(rules ? { rules } : {}) }).quote({ warehouseId: "ber", destination: { country: "FR" }, items: cart(2000), currency: "EUR" }).selection;
    const plain = ask(undefined);
    const ups = [plain.best!, ...plain.alternatives].find((q) => q.carrierId === "ups")!;
    const gap = ups.score - plain.best!.score;
    expect(plain.best!.carrierId).toBe("deutsche-post");
    expect(gap).toBeGreaterThan(0.1);
    expect(ask({ preferredCarrier: { FR: "ups" } }).best!.carrierId).toBe("deutsche-post");
    const wide = ask({ preferredCarrier: { FR: "ups" }, preferredMargin: gap + 0.01 }).best!;
    expect(wide.carrierId).toBe("ups");
    expect(wide.reasons).toContain("merchant's preferred carrier for FR");
  });

  it("a cheap service that is often late loses to one that keeps its promise", () => {
    const base = createRater({ cards, warehouses: [berlin], now }).quote({ warehouseId: "ber", destination: { country: "FR" }, items: cart(2000), currency: "EUR" });
    const cheapest = base.selection.best!;
    const history = new Map([[laneKey(cheapest.carrierId, cheapest.service.code, "DE", "FR"), { p50: 5, p90: 12, samples: 80, onTimeShare: 0.4 }]]);
    const withHistory = createRater({ cards, warehouses: [berlin], now, history }).quote({ warehouseId: "ber", destination: { country: "FR" }, items: cart(2000), currency: "EUR" });
    expect(withHistory.selection.best!.service.code).not.toBe(cheapest.service.code);
    const demoted = withHistory.selection.alternatives.find((q) => q.service.code === cheapest.service.code)!;
    expect(demoted.reasons).toContain("40% on time over 80 deliveries");
    expect(demoted.window.basis).toBe("history");
  });

  it("only uses cards of carriers and services the merchant has switched on", () => {
    const rater = createRater({ cards, warehouses: [berlin], now, carriers: [{ id: "ups", name: "UPS", services: [{ code: "07", name: "UPS Worldwide Express", level: "express" }] }] });
    const { selection } = rater.quote({ warehouseId: "ber", destination: { country: "FR" }, items: cart(2000), currency: "EUR" });
    expect(selection.best!.service.code).toBe("07");
    expect(selection.alternatives).toHaveLength(0);
  });

  it("converts card prices into the shopper's currency with the given rate table", () => {
    const fx = { date: "2026-06-01", source: "sample", rates: { EUR: { GBP: "0.85" } } };
    const eur = createRater({ cards, warehouses: [berlin], now }).quote({ warehouseId: "ber", destination: { country: "GB" }, items: cart(2000), currency: "EUR" });
    const gbp = createRater({ cards, warehouses: [berlin], now, fx }).quote({ warehouseId: "ber", destination: { country: "GB" }, items: cart(1700).map((i) => ({ ...i, price: money(1700, "GBP") })), currency: "GBP" });
    const e = eur.selection.best!;
    const g = [gbp.selection.best!, ...gbp.selection.alternatives].find((q) => q.service.code === e.service.code)!;
    expect(g.shipping).toEqual(money(Math.round(e.shipping.amount * 0.85), "GBP"));
  });

  it("keeps delivery windows per lane and order day, so a clock past the cutoff or midnight gives fresh dates", () => {
    let clock = new Date("2026-05-22T11:59:00Z"); // Friday 13:59 in Berlin, the cutoff is 14:00
    const rater = createRater({ cards, warehouses: [berlin], now: () => clock });
    const ask = () => rater.quote({ warehouseId: "ber", destination: { country: "FR" }, items: cart(2000), currency: "EUR" }).selection;
    const windowOf = (s: ReturnType<typeof ask>, code: string) => [s.best!, ...s.alternatives].find((q) => q.service.code === code)!.window;
    const before = ask();
    expect(windowOf(before, "P").shipDate).toBe("2026-05-22");
    expect(windowOf(ask(), "P")).toBe(windowOf(before, "P")); // the same order day is answered from the cache
    clock = new Date("2026-05-22T12:01:00Z"); // 14:01: after the cutoff; Monday 25 May is Whit Monday in Germany
    const after = windowOf(ask(), "P");
    expect(after.shipDate).toBe("2026-05-26");
    const uncached = deliveryWindow({ now: clock, warehouse: berlin, destination: { country: "FR" }, lane: cards.find((c) => c.serviceCode === "P" && c.originCountry === "DE")!.transit["1"]!, learned: null });
    expect(after).toEqual(uncached);
  });
});
