import { describe, expect, it } from "vitest";
import { rate, testTables } from "../../engine/customs/test-support";
import { calculateLandedCost, calculatorDestinations, parseAmount, type CalculatorInput } from "./landed-cost.server";

const cart: CalculatorInput = {
  destination: "DE", shipFrom: "US", currency: "USD", date: "2026-11-20", incoterm: "DDP", mode: "courier", shipping: "25.00",
  lines: [
    { description: "Organic Cotton Tee", hsCode: "610910", originCountry: "PT", quantity: "2", unitValue: "38.00", weightGrams: "180" },
    { description: "Wireless Earbuds", hsCode: "851830", originCountry: "CN", quantity: "1", unitValue: "99.00" },
  ],
};

describe("landed cost calculator input", () => {
  it("quotes the CBSA worked example typed as text (US$100.00, 4% duty, GST) to the cent", () => {
    const form: CalculatorInput = { destination: "CA", shipFrom: "CN", currency: "USD", date: "2026-03-02", incoterm: "DAP", shipping: "0", lines: [{ hsCode: "8518.30", originCountry: "CN", quantity: "1", unitValue: "100.00" }] };
    const r = calculateLandedCost(form, testTables([rate("CA", "8518", "4")]));
    expect(r.ok && [r.quote.totals.customsValue.amount, r.quote.totals.duty.amount, r.quote.totals.tax.amount, r.quote.collectedAtDoor.amount]).toEqual([11500, 460, 598, 1058]);
  });

  it("quotes a cart to Germany with the shipped tables: per line, totals, and a trace whose every rule names a source", () => {
    const r = calculateLandedCost(cart);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.quote.currency).toBe("EUR");
    expect(r.quote.lines.map((l) => l.hsCode)).toEqual(["610910", "851830"]);
    expect(r.quote.totals.duty.amount).toBe(r.quote.lines.reduce((a, l) => a + l.duty.amount, 0));
    expect(r.quote.totals.tax.amount).toBeGreaterThan(0);
    expect(r.quote.trace.some((t) => /Union Customs Code/.test(t.source))).toBe(true);
    expect(r.quote.trace.filter((t) => t.rule !== "fx").every((t) => t.source.length > 0)).toBe(true);
  });

  it.each<[string, Partial<CalculatorInput> | ((c: CalculatorInput) => CalculatorInput), string, RegExp]>([
    ["an unknown destination", { destination: "ZZ" }, "destination.country", /"ZZ" is not a supported destination/],
    ["an unsupported currency", { currency: "XYZ" }, "currency", /"XYZ" is not an ISO 4217 currency/],
    ["a negative value", (c) => ({ ...c, lines: [{ ...c.lines![0]!, unitValue: "-5.00" }] }), "lines[0].unitValue", /must not be negative/],
    ["a missing HS code", (c) => ({ ...c, lines: [c.lines![0]!, { ...c.lines![1]!, hsCode: "" }] }), "lines[1].hsCode", /an HS code is required/],
    ["an unknown origin", (c) => ({ ...c, lines: [{ ...c.lines![0]!, originCountry: "Portugal" }] }), "lines[0].originCountry", /not an ISO 3166 country code/],
    ["a zero quantity", (c) => ({ ...c, lines: [{ ...c.lines![0]!, quantity: "0" }] }), "lines[0].quantity", /positive whole number/],
    ["too many decimals", { shipping: "25.005" }, "shipping", /USD has 2 decimal places/],
    ["a bad date", { date: "20/11/2026" }, "date", /YYYY-MM-DD/],
  ])("refuses %s, naming the field, with no figures", (_name, change, field, message) => {
    const input = typeof change === "function" ? change(cart) : { ...cart, ...change };
    const r = calculateLandedCost(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toBe(field);
    expect(r.error.message).toMatch(message);
    expect(r).not.toHaveProperty("quote");
  });

  it("takes a rate typed beside a line for a destination whose schedule is not shipped (Canada, 18% on a T-shirt)", () => {
    // Five tees (US$190.00) are over the CUSMA CA$150 duty threshold for goods shipped from the US.
    const form: CalculatorInput = { ...cart, destination: "CA", region: "ON", incoterm: "DAP", lines: [{ ...cart.lines![0]!, quantity: "5", dutyRate: "18" }] };
    expect(calculateLandedCost({ ...form, lines: [{ ...form.lines![0]!, dutyRate: "" }] })).toMatchObject({ ok: false, error: { field: "lines[0].hsCode", code: "no_duty_rate" } });
    const r = calculateLandedCost(form);
    if (!r.ok) throw new Error(r.error.message);
    // US$190.00 at the reference rate of 1.39 CAD = CA$264.10 value for duty; 18% = CA$47.54 (47.538 rounded);
    // HST 13% on value for tax 264.10 + 47.54 = 311.64 -> CA$40.51 (40.5132 rounded).
    expect([r.quote.totals.customsValue.amount, r.quote.lines[0]!.duty.amount, r.quote.totals.tax.amount]).toEqual([26410, 4754, 4051]);
    expect(r.quote.taxName).toBe("HST");
    expect(r.quote.trace.find((t) => t.rule === "merchant-override")?.source).toBe("rate entered for line 1");
  });

  it("refuses a typed rate that is not a percentage, naming the line", () => {
    expect(calculateLandedCost({ ...cart, lines: [cart.lines![0]!, { ...cart.lines![1]!, dutyRate: "four" }] })).toMatchObject({ ok: false, error: { field: "lines[1].dutyRate" } });
  });

  it("reads amounts in the currency's own decimals", () => {
    expect(parseAmount("1,234.5", "USD", "x")).toBe(123450);
    expect(parseAmount("1500", "JPY", "x")).toBe(1500);
    expect(() => parseAmount("15.5", "JPY", "x")).toThrow(/JPY has 0 decimal places/);
  });

  it("offers every supported country and every EU member as a destination", () => {
    const codes = calculatorDestinations().map((d) => d.code);
    for (const c of ["US", "CA", "MX", "BR", "GB", "DE", "FR", "CH", "NO", "AU", "NZ", "JP", "KR", "SG", "HK", "AE", "SA", "IN", "CN", "ZA", "IL"]) expect(codes).toContain(c);
  });
});
