import { describe, expect, it } from "vitest";
import { add, convert, convertExact, currencyExponent, divideRounded, format, fromMajor, money, mulRatio, multiply, ratioOf, toMajorString, type FxTable, type Rounding } from "./money";

const table: FxTable = { date: "2026-11-20", source: "ECB reference rates", rates: { EUR: { USD: "1.0500", GBP: "0.8700", JPY: "160" } } };

describe("money", () => {
  it("parses major units into integer minor units per currency exponent", () => {
    expect(fromMajor("12.345", "USD")).toEqual({ amount: 1235, currency: "USD" });
    expect(fromMajor("1500", "JPY")).toEqual({ amount: 1500, currency: "JPY" });
    expect(toMajorString(money(1001, "KWD"))).toBe("1.001");
  });

  it.each([
    [0, "USD", "0.00"], [5, "USD", "0.05"], [-5, "USD", "-0.05"], [-12345, "EUR", "-123.45"], [100, "GBP", "1.00"],
    [1500, "JPY", "1500"], [-7, "KRW", "-7"], [1, "KWD", "0.001"], [-1001, "BHD", "-1.001"], [Number.MAX_SAFE_INTEGER, "USD", "90071992547409.91"],
  ])("writes %i minor units of %s as %s", (amount, currency, text) => {
    expect(toMajorString(money(amount, currency))).toBe(text);
  });

  it("refuses unknown currencies and mixed-currency sums", () => {
    expect(() => money(1, "XYZ")).toThrow(/unsupported currency "XYZ"/);
    expect(() => add(money(1, "USD"), money(1, "EUR"))).toThrow(/currency mismatch/);
  });

  it("rounds once, half-up or half-even as asked", () => {
    expect(multiply(money(250, "EUR"), "0.05").amount).toBe(13);
    expect(multiply(money(250, "EUR"), "0.05", "half-even").amount).toBe(12);
  });

  it("converts through the dated table, directly, inversely and across a base", () => {
    expect(convert(money(10000, "EUR"), "USD", table)).toEqual({ amount: 10500, currency: "USD" });
    expect(convert(money(10500, "USD"), "EUR", table)).toEqual({ amount: 10000, currency: "EUR" });
    expect(convert(money(10500, "USD"), "JPY", table)).toEqual({ amount: 16000, currency: "JPY" });
    expect(() => convert(money(1, "USD"), "CHF", table)).toThrow(/no exchange rate from USD to CHF/);
  });

  it("formats for a locale", () => {
    expect(format(money(123456, "EUR"), "de-DE")).toMatch(/^1\.234,56\s€$/u);
  });
});

describe("exact conversion and multiplication by a ratio", () => {
  // The arithmetic as written with BigInt, whatever the size of the numbers: what every answer must equal.
  const convertReference = (amount: number, from: string, to: string, rate: { num: bigint; den: bigint }, rounding: Rounding) =>
    Number(divideRounded(BigInt(amount) * rate.num * 10n ** BigInt(currencyExponent(to)), rate.den * 10n ** BigInt(currencyExponent(from)), rounding));
  // A fixed pseudo-random sequence (xorshift), so a failure can be replayed.
  let seed = 0x2545f491;
  const next = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) / 2 ** 32);
  const amountOf = () => {
    const digits = Math.floor(next() * 17);
    const amount = Math.min(Math.floor(next() * 10 ** digits), Number.MAX_SAFE_INTEGER);
    return next() < 0.2 ? -amount : amount;
  };
  const rateText = () => `${Math.floor(next() * 10 ** Math.floor(next() * 6))}.${String(Math.floor(next() * 10 ** 8)).padStart(8, "0").slice(0, 1 + Math.floor(next() * 8))}`;
  const currencies = ["USD", "JPY", "KWD", "EUR", "GBP"];
  const roundings: Rounding[] = ["half-up", "half-even", "down", "up"];

  it("converts 20,000 amounts (up to 2^53, negative, zero) at random rates exactly as the BigInt arithmetic does", () => {
    for (let i = 0; i < 20_000; i++) {
      const amount = amountOf();
      const from = currencies[i % 5]!;
      const to = currencies[Math.floor(next() * 5)]!;
      const rate = ratioOf(rateText());
      const rounding = roundings[i % 4]!;
      let expected: number | Error;
      try {
        expected = money(convertReference(amount, from, to, rate, rounding), to).amount;
      } catch (e) {
        expected = e as Error;
      }
      if (expected instanceof Error) expect(() => convertExact(money(amount, from), to, rate, rounding)).toThrow(expected.message);
      else expect(convertExact(money(amount, from), to, rate, rounding).amount, `${amount} ${from} -> ${to} at ${rate.num}/${rate.den} ${rounding}`).toBe(expected);
    }
  });

  it("multiplies 20,000 amounts by random ratios exactly as the BigInt arithmetic does, ties included", () => {
    for (let i = 0; i < 20_000; i++) {
      const amount = amountOf();
      const ratio = i % 3 === 0 ? { num: 1n, den: 2n } : i % 3 === 1 ? ratioOf(rateText()) : { num: BigInt(Math.floor(next() * 2 ** 40)) * 3n ** 20n, den: 7n };
      const rounding = roundings[i % 4]!;
      expect(mulRatio(amount, ratio, rounding), `${amount} x ${ratio.num}/${ratio.den} ${rounding}`).toBe(Number(divideRounded(BigInt(amount) * ratio.num, ratio.den, rounding)));
    }
  });

  it("rounds halves as asked in both directions", () => {
    expect([5, -5, 15, -15].map((a) => mulRatio(a, { num: 1n, den: 10n }, "half-up"))).toEqual([1, -1, 2, -2]);
    expect([5, -5, 15, -15, 25].map((a) => mulRatio(a, { num: 1n, den: 10n }, "half-even"))).toEqual([0, 0, 2, -2, 2]);
    expect(convertExact(money(1, "USD"), "JPY", { num: 1505n, den: 10n }).amount).toBe(2);
  });
});
