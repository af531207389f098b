import { describe, expect, it } from "vitest";
import { CustomsError } from "./errors";
import { allocate, prepareLandedCost, quoteLandedCost, type CartInput, type ShipmentInput } from "./quote";
import { rate, testTables } from "./test-support";

// A cart is prepared once and then priced with every carrier service of a checkout: each answer
// must be the one a fresh quote of the same cart and shipment gives, whatever was asked before.
const tables = testTables(["JP", "AU"].map((c) => rate(c, "6109", "10")));

const shipments: ShipmentInput[] = [
  { shipping: 0, incoterm: "DDP" },
  { shipping: 1_495, incoterm: "DDP", mode: "courier" },
  { shipping: 1_495, incoterm: "DAP", mode: "postal" },
  { shipping: 4_200, incoterm: "DDP", fees: { ddpFee: 500 } },
  { shipping: 25_000, incoterm: "DAP", insurance: 300, onwardTransport: 700, fees: { brokerage: 1_200 } },
  { shipping: 1_495, incoterm: "DDP", mode: "courier" },
];

const carts: [string, CartInput][] = [
  ["UK, EUR prices, around the GBP 135 line", { date: "2026-11-20", destination: { country: "GB" }, shipFrom: "NL", currency: "EUR", dutyEstimate: "highest", lines: [
    { sku: "SWEATER", hsCode: "611030", originCountry: "CN", quantity: 1, unitValue: 6_800 },
    { sku: "MUG", hsCode: "691200", originCountry: "PT", quantity: 2, unitValue: 1_400, netWeightGrams: 350 },
  ] }],
  ["France (CIF), around the EUR 150 duty relief", { date: "2026-06-30", destination: { country: "FR" }, shipFrom: "US", currency: "EUR", dutyEstimate: "highest", lines: [
    { hsCode: "610910", originCountry: "BD", quantity: 3, unitValue: 2_500 },
    { hsCode: "851830", originCountry: "CN", quantity: 1, unitValue: 7_000 },
  ] }],
  ["United States, section 301 on Chinese goods", { date: "2026-03-02", destination: { country: "US" }, shipFrom: "GB", currency: "GBP", dutyEstimate: "highest", lines: [
    { hsCode: "851830", originCountry: "CN", quantity: 2, unitValue: 4_500 },
    { hsCode: "420222", originCountry: "IT", quantity: 1, unitValue: 30_000 },
  ] }],
  ["Japan, truncated base and amounts", { date: "2026-03-02", destination: { country: "JP" }, shipFrom: "US", currency: "USD", lines: [
    { hsCode: "610910", originCountry: "US", quantity: 4, unitValue: 3_000 },
  ] }],
  ["Australia, GST at sale or at the border by value", { date: "2026-03-02", destination: { country: "AU" }, shipFrom: "US", currency: "AUD", lines: [
    { hsCode: "610910", originCountry: "US", quantity: 10, unitValue: 9_800 },
  ] }],
];

describe("a prepared cart priced with several shipments", () => {
  it.each(carts)("%s: each shipment gets the fresh quote's answer, in any order", (_, cart) => {
    const prepared = prepareLandedCost(cart, tables);
    const fresh = shipments.map((s) => quoteLandedCost({ ...cart, ...s }, tables));
    expect(shipments.map((s) => prepared.quote(s))).toEqual(fresh);
    expect([...shipments].reverse().map((s) => prepared.quote(s))).toEqual([...fresh].reverse());
    // The freight does change the answer (CIF values, thresholds, fees): the comparison is not of constants.
    expect(new Set(fresh.map((q) => JSON.stringify(q.totals))).size).toBeGreaterThan(1);
  });

  it("a line without a duty rate is refused on every shipment, naming the line", () => {
    const cart: CartInput = { date: "2026-03-02", destination: { country: "FR" }, shipFrom: "US", currency: "EUR", lines: [
      { hsCode: "610910", originCountry: "US", quantity: 1, unitValue: 20_000 },
      { hsCode: "220421", originCountry: "US", quantity: 6, unitValue: 2_000, volumeMl: 750 },
    ] };
    const prepared = prepareLandedCost(cart, tables);
    for (const s of shipments.slice(1, 3)) {
      expect(() => prepared.quote(s)).toThrow(CustomsError);
      expect(() => prepared.quote(s)).toThrow(expect.objectContaining({ field: "lines[1].hsCode", code: "ambiguous_duty_rate" }));
    }
  });

  it("a bad shipment is refused with its field; the cart stays usable", () => {
    const [, cart] = carts[0]!;
    const prepared = prepareLandedCost(cart, tables);
    expect(() => prepared.quote({ shipping: -1, incoterm: "DDP" })).toThrow(expect.objectContaining({ field: "shipping", code: "invalid_input" }));
    expect(() => prepared.quote({ shipping: 100, incoterm: "EXW" as "DDP" })).toThrow(expect.objectContaining({ field: "incoterm" }));
    expect(prepared.quote(shipments[1]!)).toEqual(quoteLandedCost({ ...cart, ...shipments[1]! }, tables));
  });
});

describe("allocating an amount over lines in proportion", () => {
  // The rule as first written: floors, then one unit each to the largest remainders, ties to the earlier line.
  const reference = (total: number, weights: readonly number[]): number[] => {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (total === 0 || sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
    const shares = weights.map((w) => Math.floor((total * w) / sum));
    let left = total - shares.reduce((a, b) => a + b, 0);
    const order = weights.map((w, i) => ({ i, r: (total * w) % sum })).sort((a, b) => b.r - a.r);
    for (let k = 0; left > 0; k++, left--) shares[order[k % order.length]!.i]! += 1;
    return shares;
  };
  let seed = 0x1234567;
  const next = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) / 2 ** 32);

  it("gives 10,000 random splits (ties, zero weights, one line) exactly as the rule says, summing to the total", () => {
    for (let n = 0; n < 10_000; n++) {
      const total = Math.floor(next() * 10 ** Math.floor(next() * 7));
      const weights = Array.from({ length: 1 + Math.floor(next() * 6) }, () => (next() < 0.3 ? [0, 100, 250][Math.floor(next() * 3)]! : Math.floor(next() * 50_000)));
      const shares = allocate(total, weights);
      expect(shares, `${total} over ${weights.join(", ")}`).toEqual(reference(total, weights));
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it("splits 10 over three equal lines 4, 3, 3", () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(11, [0, 5, 5])).toEqual([0, 6, 5]);
  });
});
