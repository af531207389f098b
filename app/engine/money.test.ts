import { describe, expect, it } from "vitest";
import { add, convert, format, fromMajor, money, multiply, toMajorString, type FxTable } from "./money";

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
