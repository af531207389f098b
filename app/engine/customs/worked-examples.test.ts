import { describe, expect, it } from "vitest";
import { quoteLandedCost, type QuoteInput } from "./quote";
import { rate, testTables } from "./test-support";

const base = { shipFrom: "CN", incoterm: "DAP", mode: "courier" } as const;

describe("worked examples published by customs authorities, to the cent", () => {
  // CBSA, "Step-by-step guide to importing commercial goods into Canada", step "Calculate duties and
  // taxes": https://www.cbsa-asfc.gc.ca/import/guide-eng.html - US$100 at US$1 = CAN$1.15, 4% duty,
  // 5% GST: VFD 115.00, duty 4.60, value for tax 119.60, GST 5.98, total 10.58. (FOB, FX, tax on duty-inclusive base)
  it("CBSA: value for duty, duty, GST on value for tax", () => {
    const input: QuoteInput = { ...base, date: "2026-03-02", destination: { country: "CA" }, currency: "USD", lines: [{ hsCode: "851830", originCountry: "CN", quantity: 1, unitValue: 10000 }], shipping: 0 };
    const q = quoteLandedCost(input, testTables([rate("CA", "8518", "4")]));
    expect(q.totals.customsValue.amount).toBe(11500);
    expect(q.totals.duty.amount).toBe(460);
    expect(q.totals.tax.amount).toBe(598);
    expect(q.collectedAtDoor).toEqual({ amount: 1058, currency: "CAD" });
  });

  // NZ Customs Service, "Examples of how to calculate Customs charges i.e Duty and GST", released under
  // the OIA: https://fyi.org.nz/request/657/response/3311/attach/html/3/Copy%20of%20Examples%20of%20how%20to%20calculate%20Customs%20Charges.pdf.html
  it("NZ Customs example 1: GST only, on goods + insurance and freight", () => {
    const input: QuoteInput = { ...base, date: "2011-06-01", destination: { country: "NZ" }, currency: "NZD", lines: [{ hsCode: "847130", originCountry: "CN", quantity: 1, unitValue: 100000 }], shipping: 10000 };
    const q = quoteLandedCost(input, testTables([rate("NZ", "8471", "0")]));
    expect(q.totals.duty.amount).toBe(0);
    expect(q.totals.tax.amount).toBe(16500);
  });

  it("NZ Customs example 2: duty on the FOB cost, GST on cost + freight + duty", () => {
    const input: QuoteInput = { ...base, date: "2011-06-01", destination: { country: "NZ" }, currency: "NZD", lines: [{ hsCode: "640399", originCountry: "CN", quantity: 1, unitValue: 100000 }], shipping: 10000 };
    const q = quoteLandedCost(input, testTables([rate("NZ", "6403", "5")]));
    expect(q.totals.customsValue.amount).toBe(100000);
    expect(q.totals.duty.amount).toBe(5000);
    expect(q.totals.tax.amount).toBe(17250);
  });

  // Generalzolldirektion (zoll.de), Einfuhrumsatzsteuer - Bemessungsgrundlage, Beispiel:
  // https://zoll.de/DE/Fachthemen/Steuern/Einfuhrumsatzsteuer/Bemessungsgrundlage/marginalspalte_beispiel_faq.html?faqCalledDoc=146762&nn=146762
  // EXW 10,000 + freight to Rotterdam 1,200 = customs value 11,200; duty 2% = 224; VAT base
  // 11,200 + 224 + 300 (Rotterdam-Berlin) = 11,724; EUSt 19% = 2,227.56; total 2,451.56. (CIF, VAT incl. duty and onward transport)
  it("zoll.de: customs value to the EU border, EUSt on value + duty + onward transport", () => {
    const input: QuoteInput = { ...base, shipFrom: "US", date: "2026-03-02", destination: { country: "DE" }, currency: "EUR", incoterm: "DDP", lines: [{ hsCode: "847989", originCountry: "US", quantity: 1, unitValue: 1_000_000 }], shipping: 120_000, onwardTransport: 30_000 };
    const q = quoteLandedCost(input, testTables([rate("EU", "847989", "2", "fictitious rate of the example")]));
    expect(q.totals.customsValue.amount).toBe(1_120_000);
    expect(q.totals.duty.amount).toBe(22_400);
    expect(q.totals.tax.amount).toBe(222_756);
    expect(q.collectedAtCheckout.amount).toBe(245_156);
  });

  // Australian Customs and Border Protection Service, "How is duty and GST calculated?" (customs.gov.au,
  // quoted at http://clubcobra.com/forums/1097338-post12.html): amplifier US$1,274 at A$1 = US$0.91,
  // postage and insurance US$118.30, duty 5%: CV A$1,400, duty A$70, VoTI A$1,600, GST A$160. (FOB, VoTI)
  it("ABF: customs value, duty, GST on the value of the taxable importation", () => {
    const input: QuoteInput = { ...base, shipFrom: "US", date: "2012-06-01", destination: { country: "AU" }, currency: "USD", lines: [{ hsCode: "851840", originCountry: "US", quantity: 1, unitValue: 127_400 }], shipping: 11_830 };
    const q = quoteLandedCost(input, testTables([rate("AU", "8518", "5")]));
    expect(q.totals.customsValue).toEqual({ amount: 140_000, currency: "AUD" });
    expect(q.totals.duty.amount).toBe(7_000);
    expect(q.totals.tax.amount).toBe(16_000);
  });

  // BAZG, "Receipt of letters and parcels": tax amounts of up to CHF 5 are not levied, which
  // corresponds to an assessment basis of CHF 62 at 8.1%:
  // https://bazg.admin.ch/bazg/en/home/information-individuals/online-shopping--mail-and-courier-consignments/importation-into-switzerland/receipt-of-letters-and-parcels.html
  it.each([
    [6170, 0],
    [6200, 502],
  ])("BAZG de minimis: CHF %i cents of goods -> VAT %i cents", (value, vat) => {
    const input: QuoteInput = { ...base, shipFrom: "DE", date: "2026-03-02", destination: { country: "CH" }, currency: "CHF", lines: [{ hsCode: "420222", originCountry: "DE", quantity: 1, unitValue: value }], shipping: 0 };
    const q = quoteLandedCost(input, testTables());
    expect(q.totals.duty.amount).toBe(0);
    expect(q.totals.tax.amount).toBe(vat);
  });
});
