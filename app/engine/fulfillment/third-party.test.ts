import { describe, expect, it } from "vitest";
import { compareStock, measureServiceLevel, shortShipped } from "./third-party";

describe("compareStock", () => {
  it("flags only the SKUs whose count differs, saying when orders in flight may explain a shortfall", () => {
    const diffs = compareStock({ A: 10, B: 5, C: 3 }, { countedAt: "2026-11-25T10:00:00Z", counts: [{ sku: "A", onHand: 10 }, { sku: "B", onHand: 3 }, { sku: "C", onHand: 1 }, { sku: "D", onHand: 4 }] }, { B: 2 });
    expect(diffs).toEqual([
      { sku: "B", expected: 5, reported: 3, note: "2 fewer than expected; 2 unit(s) on orders not yet reported shipped may explain it" },
      { sku: "C", expected: 3, reported: 1, note: "2 fewer than expected" },
      { sku: "D", expected: 0, reported: 4, note: "4 more than expected" },
    ]);
  });
});

describe("shortShipped", () => {
  it("names each line shipped with fewer units than handed over", () => {
    const shipment = { reference: "FO", shippedAt: "2026-11-26T10:00:00Z", carrier: "DHL", trackingNumber: "1", lines: [{ sku: "A", quantity: 1 }] };
    expect(shortShipped([{ sku: "A", quantity: 2 }, { sku: "B", quantity: 1 }], shipment)).toEqual([{ sku: "A", ordered: 2, shipped: 1 }, { sku: "B", ordered: 1, shipped: 0 }]);
  });
});

describe("measureServiceLevel", () => {
  // Venlo: 15:00 cutoff, one handling day. Wednesday 25 November 2026.
  const venlo = { id: "nl-venlo", country: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1 };
  it("measures order-to-shipped hours and on-time against cutoff plus handling days, and counts the backlog", () => {
    const level = measureServiceLevel([
      { orderedAt: new Date("2026-11-25T09:00:00Z"), shippedAt: new Date("2026-11-25T15:00:00Z") }, // 6 h, due Thu 26
      { orderedAt: new Date("2026-11-25T09:00:00Z"), shippedAt: new Date("2026-11-27T09:00:00Z") }, // 48 h, late (due Thu 26)
      { orderedAt: new Date("2026-11-25T15:30:00Z"), shippedAt: new Date("2026-11-27T10:00:00Z") }, // after cutoff: due Fri 27, on time
      { orderedAt: new Date("2026-11-25T09:00:00Z"), shippedAt: null }, // due Thu 26: overdue on Fri
      { orderedAt: new Date("2026-11-27T09:00:00Z"), shippedAt: null },
    ], venlo, new Date("2026-11-27T12:00:00Z"));
    expect(level).toEqual({ shipped: 3, waiting: 2, onTime: 2, late: 1, overdue: 1, p50Hours: 42.5, p90Hours: 48 });
  });
  it("says nothing about speed before the first shipment", () => {
    expect(measureServiceLevel([], venlo, new Date("2026-11-27T12:00:00Z"))).toMatchObject({ shipped: 0, p50Hours: null, p90Hours: null });
  });
});
