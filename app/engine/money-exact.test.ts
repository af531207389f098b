import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { convert, convertExact, fxRatio, money, multiply, multiplyExact, ratioOf, type FxTable, type Rounding } from "./money";

const table: FxTable = { date: "2026-11-20", source: "test", rates: { EUR: { USD: "1.0834", GBP: "0.8712", JPY: "162.37" }, AUD: { USD: "0.91" } } };
const roundings: Rounding[] = ["half-up", "half-even", "down", "up"];

describe("exact integer money path", () => {
  it("parses decimal rates exactly", () => {
    expect(ratioOf("0.12")).toEqual({ num: 12n, den: 100n });
    expect(ratioOf("16.5")).toEqual({ num: 165n, den: 10n });
    expect(() => ratioOf("1e3")).toThrow(/not a decimal/);
  });

  it("multiplies like the decimal path for any amount, rate and rounding", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(...roundings), (amount, ppm, rounding) => {
        const rate = (ppm / 1e6).toFixed(6);
        // Decimal.js yields -0 for negative amounts rounded to zero; integers have one zero.
        expect(multiplyExact(money(amount, "EUR"), rate, rounding).amount).toBe(multiply(money(amount, "EUR"), rate, rounding).amount + 0);
      }),
    );
  });

  it("converts like the decimal path, directly, inversely and across a base", () => {
    const pairs: [string, string][] = [["EUR", "USD"], ["USD", "EUR"], ["GBP", "JPY"], ["USD", "AUD"], ["JPY", "GBP"]];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.constantFrom(...pairs), (amount, [from, to]) => {
        const m = money(amount, from);
        expect(convertExact(m, to, fxRatio(table, from, to))).toEqual(convert(m, to, table));
      }),
    );
  });
});
