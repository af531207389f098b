import { describe, expect, it } from "vitest";
import { quoteLandedCost, type QuoteInput } from "./quote";
import { CustomsError } from "./errors";
import { rate, testTables } from "./test-support";
import type { SellerRegistrations } from "./rules";

// Destinations without a shipped tariff get a 10% merchant rate on T-shirts (6109) so every
// regime can be seen charging or relieving duty.
const overrides = ["CA", "MX", "BR", "NO", "AU", "NZ", "JP", "KR", "AE", "SA", "IL", "CN"].map((c) => rate(c, "6109", "10"));
const tables = testTables(overrides);

interface Case {
  readonly dest: string;
  readonly date: string;
  readonly currency: string;
  readonly value: number;
  readonly shipFrom?: string;
  readonly seller?: SellerRegistrations;
  readonly regime: string;
  readonly duty: boolean;
  readonly tax: "border" | "at-sale" | "none";
}

const cases: Case[] = [
  // US: $800 section 321 until 28 Aug 2025, none from 29 Aug 2025 (EO 14324).
  { dest: "US", date: "2025-08-28", currency: "USD", value: 80000, regime: "US-321", duty: false, tax: "none" },
  { dest: "US", date: "2025-08-28", currency: "USD", value: 80001, regime: "US-321", duty: true, tax: "none" },
  { dest: "US", date: "2025-08-29", currency: "USD", value: 1000, regime: "US-NO-DE-MINIMIS", duty: true, tax: "none" },
  // EU: EUR 22 VAT relief until 30 Jun 2021; IOSS and EUR 150 duty relief from 1 Jul 2021; EUR 3 per category from 1 Jul 2026.
  { dest: "FR", date: "2021-06-30", currency: "EUR", value: 2200, regime: "EU-LVCR", duty: false, tax: "none" },
  { dest: "FR", date: "2021-06-30", currency: "EUR", value: 2201, regime: "EU-LVCR", duty: false, tax: "border" },
  { dest: "FR", date: "2021-07-01", currency: "EUR", value: 2200, regime: "EU-IOSS", duty: false, tax: "border" },
  { dest: "FR", date: "2026-06-30", currency: "EUR", value: 15000, seller: { iossNumber: "IM2500000001" }, regime: "EU-IOSS", duty: false, tax: "at-sale" },
  { dest: "FR", date: "2026-06-30", currency: "EUR", value: 15001, seller: { iossNumber: "IM2500000001" }, regime: "EU-IOSS", duty: true, tax: "border" },
  { dest: "FR", date: "2026-07-01", currency: "EUR", value: 15000, seller: { iossNumber: "IM2500000001" }, regime: "EU-FLAT3", duty: true, tax: "at-sale" },
  { dest: "FR", date: "2026-07-01", currency: "EUR", value: 15001, regime: "EU-FLAT3", duty: true, tax: "border" },
  // UK: GBP 135.
  { dest: "GB", date: "2021-01-01", currency: "GBP", value: 13500, regime: "GB-135", duty: false, tax: "at-sale" },
  { dest: "GB", date: "2021-01-01", currency: "GBP", value: 13501, regime: "GB-135", duty: true, tax: "border" },
  // Canada: CAD 20 before CUSMA; from 1 Jul 2020 CAD 40/150 for courier shipments from US/MX.
  { dest: "CA", date: "2020-06-30", currency: "CAD", value: 4000, shipFrom: "US", regime: "CA-20", duty: true, tax: "border" },
  { dest: "CA", date: "2020-07-01", currency: "CAD", value: 4000, shipFrom: "US", regime: "CA-CUSMA-40", duty: false, tax: "none" },
  { dest: "CA", date: "2020-07-01", currency: "CAD", value: 4001, shipFrom: "US", regime: "CA-CUSMA-150", duty: false, tax: "border" },
  { dest: "CA", date: "2020-07-01", currency: "CAD", value: 15001, shipFrom: "US", regime: "CA-CUSMA-150", duty: true, tax: "border" },
  { dest: "CA", date: "2020-07-01", currency: "CAD", value: 2000, regime: "CA-20", duty: false, tax: "none" },
  { dest: "CA", date: "2020-07-01", currency: "CAD", value: 2001, regime: "CA-20", duty: true, tax: "border" },
  // Australia: AUD 1,000, GST at sale from 1 Jul 2018 (LVIG).
  { dest: "AU", date: "2018-06-30", currency: "AUD", value: 100000, regime: "AU-1000", duty: false, tax: "none" },
  { dest: "AU", date: "2018-07-01", currency: "AUD", value: 100000, regime: "AU-LVIG", duty: false, tax: "at-sale" },
  { dest: "AU", date: "2018-07-01", currency: "AUD", value: 100001, regime: "AU-1000", duty: true, tax: "border" },
  // New Zealand: NZD 60 collection threshold (10% duty + 15% GST on 226.00 = 59.89, on 227.00 = 60.16), then NZD 1,000 with GST at sale from 1 Dec 2019.
  { dest: "NZ", date: "2019-11-30", currency: "NZD", value: 22600, regime: "NZ-60", duty: false, tax: "none" },
  { dest: "NZ", date: "2019-11-30", currency: "NZD", value: 22700, regime: "NZ-60", duty: true, tax: "border" },
  { dest: "NZ", date: "2019-12-01", currency: "NZD", value: 100000, regime: "NZ-1000", duty: false, tax: "at-sale" },
  { dest: "NZ", date: "2019-12-01", currency: "NZD", value: 100001, regime: "NZ-1000", duty: true, tax: "border" },
  // Singapore: SGD 400 relief, GST at sale by OVR vendors from 1 Jan 2023.
  { dest: "SG", date: "2022-12-31", currency: "SGD", value: 40000, regime: "SG-400", duty: false, tax: "none" },
  { dest: "SG", date: "2023-01-01", currency: "SGD", value: 40000, regime: "SG-OVR", duty: false, tax: "at-sale" },
  { dest: "SG", date: "2023-01-01", currency: "SGD", value: 40001, regime: "SG-400", duty: false, tax: "border" },
  // Switzerland: CHF 5 of tax not levied (8.1% from 2024).
  { dest: "CH", date: "2024-01-01", currency: "CHF", value: 6170, regime: "CH-5", duty: false, tax: "none" },
  { dest: "CH", date: "2024-01-01", currency: "CHF", value: 6200, regime: "CH-5", duty: false, tax: "border" },
  // Norway: VOEC items under NOK 3,000; NOK 350 non-VOEC limit abolished 1 Jan 2024.
  { dest: "NO", date: "2023-12-31", currency: "NOK", value: 35000, regime: "NO-350", duty: false, tax: "none" },
  { dest: "NO", date: "2023-12-31", currency: "NOK", value: 35001, regime: "NO-350", duty: true, tax: "border" },
  { dest: "NO", date: "2024-01-01", currency: "NOK", value: 35000, regime: "NO-0", duty: true, tax: "border" },
  { dest: "NO", date: "2024-01-01", currency: "NOK", value: 299999, seller: { voecNumber: "VOEC-2040000" }, regime: "NO-VOEC", duty: false, tax: "at-sale" },
  { dest: "NO", date: "2024-01-01", currency: "NOK", value: 300000, seller: { voecNumber: "VOEC-2040000" }, regime: "NO-0", duty: true, tax: "border" },
  // Japan: JPY 10,000 taxable value.
  { dest: "JP", date: "2026-03-02", currency: "JPY", value: 10000, regime: "JP-10000", duty: false, tax: "none" },
  { dest: "JP", date: "2026-03-02", currency: "JPY", value: 10001, regime: "JP-10000", duty: true, tax: "border" },
  // Mexico: courier regime from 15 Aug 2025.
  { dest: "MX", date: "2025-08-15", currency: "USD", value: 5000, shipFrom: "US", regime: "MX-TMEC-50", duty: false, tax: "none" },
  { dest: "MX", date: "2025-08-15", currency: "USD", value: 5001, shipFrom: "US", regime: "MX-TMEC-GLOBAL", duty: false, tax: "border" },
  { dest: "MX", date: "2025-08-15", currency: "USD", value: 5000, regime: "MX-GLOBAL", duty: false, tax: "border" },
  // Brazil: Remessa Conforme from 1 Aug 2024.
  { dest: "BR", date: "2024-08-01", currency: "USD", value: 5000, regime: "BR-RC-50", duty: true, tax: "border" },
  { dest: "BR", date: "2024-08-01", currency: "USD", value: 5001, regime: "BR-RC-3000", duty: true, tax: "border" },
  // Korea: USD 150 (USD 200 from the US).
  { dest: "KR", date: "2026-03-02", currency: "USD", value: 15000, regime: "KR-150", duty: false, tax: "none" },
  { dest: "KR", date: "2026-03-02", currency: "USD", value: 15001, regime: "KR-150", duty: true, tax: "border" },
  { dest: "KR", date: "2026-03-02", currency: "USD", value: 20000, shipFrom: "US", regime: "KR-150", duty: false, tax: "none" },
  // Israel USD 75 / 500; UAE and Saudi Arabia 1,000 for duty; China CNY 5,000 cross-border e-commerce.
  { dest: "IL", date: "2026-03-02", currency: "USD", value: 7500, regime: "IL-75", duty: false, tax: "none" },
  { dest: "IL", date: "2026-03-02", currency: "USD", value: 7501, regime: "IL-500", duty: false, tax: "border" },
  { dest: "IL", date: "2026-03-02", currency: "USD", value: 50001, regime: "IL-500", duty: true, tax: "border" },
  { dest: "AE", date: "2026-03-02", currency: "AED", value: 100000, regime: "AE-1000", duty: false, tax: "border" },
  { dest: "AE", date: "2026-03-02", currency: "AED", value: 100001, regime: "AE-1000", duty: true, tax: "border" },
  { dest: "SA", date: "2026-03-02", currency: "SAR", value: 100000, regime: "SA-1000", duty: false, tax: "border" },
  { dest: "SA", date: "2026-03-02", currency: "SAR", value: 100001, regime: "SA-1000", duty: true, tax: "border" },
  { dest: "CN", date: "2026-03-02", currency: "CNY", value: 500000, regime: "CN-CBEC", duty: false, tax: "border" },
  { dest: "CN", date: "2026-03-02", currency: "CNY", value: 500001, regime: "CN-CBEC", duty: true, tax: "border" },
];

function cart(c: Case): QuoteInput {
  return {
    date: c.date, destination: { country: c.dest }, shipFrom: c.shipFrom ?? "CN", currency: c.currency, incoterm: "DAP", mode: "courier", seller: c.seller,
    lines: [{ hsCode: c.dest === "US" ? "6109100012" : "610910", originCountry: "PK", quantity: 1, unitValue: c.value }], shipping: 0,
  };
}

describe("low-value regimes on both sides of each threshold and date", () => {
  it.each(cases)("$dest $date $currency $value from $shipFrom -> $regime", (c) => {
    const q = quoteLandedCost(cart(c), tables);
    expect(q.regime).toBe(c.regime);
    expect(q.totals.duty.amount > 0).toBe(c.duty);
    const taxMode = q.totals.tax.amount === 0 ? "none" : q.taxCollectedAtSale ? "at-sale" : "border";
    expect(taxMode).toBe(c.tax);
  });

  it("the EU flat duty counts one EUR 3 per distinct subheading", () => {
    const input = { ...cart(cases[8]!), lines: [
      { hsCode: "610910", originCountry: "PK", quantity: 2, unitValue: 1000 },
      { hsCode: "610910", originCountry: "PK", quantity: 1, unitValue: 1500 },
      { hsCode: "420222", originCountry: "PK", quantity: 1, unitValue: 3000 },
    ] };
    expect(quoteLandedCost(input, tables).totals.duty.amount).toBe(600);
  });
});

describe("bad input is refused with the field named, never priced", () => {
  const good: QuoteInput = cart(cases[2]!);
  it.each([
    [{ ...good, destination: { country: "XX" } }, "destination.country", "unknown_country"],
    [{ ...good, lines: [{ ...good.lines[0]!, unitValue: -1 }] }, "lines[0].unitValue", "invalid_input"],
    [{ ...good, lines: [{ ...good.lines[0]!, hsCode: "" }] }, "lines[0].hsCode", "missing_hs_code"],
    [{ ...good, lines: [{ ...good.lines[0]!, hsCode: "010000" }] }, "lines[0].hsCode", "unknown_hs_code"],
    [{ ...good, currency: "XYZ" }, "currency", "unsupported_currency"],
    [{ ...good, currency: "THB" }, "currency", "unsupported_currency"],
    [{ ...good, shipping: -5 }, "shipping", "invalid_input"],
    [{ ...good, destination: { country: "IN" } }, "lines[0].hsCode", "no_duty_rate"],
    [{ ...good, lines: [{ ...good.lines[0]!, hsCode: "220421" }] }, "lines[0].hsCode", "ambiguous_duty_rate"],
  ] as [QuoteInput, string, string][])("%#: %s", (input, field, code) => {
    try {
      quoteLandedCost(input, tables);
      expect.unreachable("the quote should have been refused");
    } catch (e) {
      expect(e).toBeInstanceOf(CustomsError);
      expect((e as CustomsError).field).toBe(field);
      expect((e as CustomsError).code).toBe(code);
    }
  });

  it("a duty charged by volume asks for the volume", () => {
    const input: QuoteInput = { ...good, lines: [{ hsCode: "2204215000", originCountry: "FR", quantity: 6, unitValue: 2000 }] };
    expect(() => quoteLandedCost(input, tables)).toThrow(/lines\[0\]\.volumeMl/);
    // 6 bottles x 750 ml = 4.5 l at 6.3 cents/l = 28.35 cents -> 28 cents.
    const priced = quoteLandedCost({ ...input, lines: [{ ...input.lines[0]!, volumeMl: 750 }] }, tables);
    expect(priced.totals.duty.amount).toBe(28);
  });
});
