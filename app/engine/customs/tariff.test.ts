import { describe, expect, it } from "vitest";
import { CustomsError } from "./errors";
import { quoteLandedCost, type QuoteInput, type QuoteLineInput } from "./quote";
import { buildTariff, type TariffMeta } from "./tariff";
import { testTables } from "./test-support";

const tables = testTables();

/** One line, priced in the destination's own currency so no FX enters the expectation. */
function quote(dest: string, currency: string, line: Partial<QuoteLineInput> & { hsCode: string; unitValue: number }, extra: Partial<QuoteInput> = {}) {
  return quoteLandedCost({
    date: "2026-11-20", destination: { country: dest }, shipFrom: "US", currency, incoterm: "DAP", shipping: 0,
    lines: [{ originCountry: "CN", quantity: 1, ...line }], ...extra,
  }, tables);
}

function refusal(fn: () => unknown): CustomsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CustomsError) return e;
    throw e;
  }
  throw new Error("expected the quote to be refused");
}

/** Duty of `pct` percent on `base` minor units, as a share of an integer (the cases keep it exact). */
const percentOf = (base: number, pct: number) => Math.round((base * pct * 1000) / 100_000);

describe("Japan: duty from the customs tariff schedule of 9 Jul 2026", () => {
  // Japan values CIF (goods 95,000 + freight 5,000 = 100,000 yen) and discards duty below 100 yen.
  // Each rate is the cell of customs.go.jp/tariff/2026_07_09/data/j_NN.htm cited beside it.
  it.each([
    ["610910010", 10.9, "j_61: 6109.10-010 cotton T-shirts, basic 10.9%, WTO (10.9%)"],
    ["640219000", 6.7, "j_64: 6402.19-000 sports footwear, basic 20%, WTO 6.7% (the lower applies)"],
    ["420222100", 16, "j_42: 4202.22-100 handbags, basic 20%, WTO 16%"],
    ["851713000", 0, "j_85: 8517.13-000 smartphones, basic 無税 (free)"],
    ["330499010", 0, "j_33: 3304.99 beauty preparations, basic 5.8%, WTO 無税 on the subheading row"],
  ])("%s at %s percent: %s", (hsCode, pct, _source) => {
    const q = quote("JP", "JPY", { hsCode, unitValue: 95_000 }, { shipping: 5_000 });
    expect(q.lines[0]!.customsValue.amount).toBe(100_000);
    expect(q.lines[0]!.tariffLine).toBe(hsCode);
    expect(q.totals.duty.amount).toBe(Math.floor(percentOf(100_000, pct) / 100) * 100);
  });

  it("prices a specific duty per kg: 1108.12-099 maize starch, basic 140円/kg, WTO 119円/kg (j_11)", () => {
    const q = quote("JP", "JPY", { hsCode: "110812099", unitValue: 95_000, netWeightGrams: 10_000 }, { shipping: 5_000 });
    expect(q.lines[0]!.dutyRate).toBe("119 JPY/kg");
    expect(q.totals.duty.amount).toBe(Math.floor((119 * 10) / 100) * 100);
  });

  it("refuses the alternative duty of 6403.20-012 (30%又は4,300円/足のうちいずれか高い税率, j_64) rather than guess", () => {
    const e = refusal(() => quote("JP", "JPY", { hsCode: "640320012", unitValue: 95_000 }));
    expect(e.code).toBe("unsupported_duty");
    expect(e.field).toBe("lines[0].hsCode");
  });

  it.each([
    ["DE", true, "EU", 1.2, "Japan-EU EPA 1.2%"],
    ["GB", true, "GB", 1.2, "Japan-UK CEPA 1.2%"],
    ["CN", true, "RCEP-CN", 4.8, "RCEP (China) 4.8%"],
    ["VN", true, "CPTPP", 1.2, "CPTPP 1.2%, lower than RCEP's 4.2%"],
    ["DE", false, undefined, 6.7, "no proof of origin: general rate"],
    ["US", true, undefined, 6.7, "no US-Japan agreement rate on this line: general rate"],
  ])("6402.19-000 from %s, proof of origin %s: programme %s, %s percent (%s)", (origin, proofOfOrigin, program, pct, _why) => {
    const q = quote("JP", "JPY", { hsCode: "640219000", originCountry: origin, proofOfOrigin, unitValue: 95_000 }, { shipping: 5_000 });
    expect(q.totals.duty.amount).toBe(Math.floor(percentOf(100_000, pct) / 100) * 100);
    const pref = q.trace.find((t) => t.rule.startsWith("pref-jp-"));
    expect(pref?.rule).toBe(program ? `pref-jp-${program}` : undefined);
  });

  it("reads another country's national code (US 6109.10.00) as its HS subheading, whose Japanese lines differ", () => {
    expect(refusal(() => quote("JP", "JPY", { hsCode: "61091000", unitValue: 95_000 })).code).toBe("ambiguous_duty_rate");
    const q = quote("JP", "JPY", { hsCode: "61091000", unitValue: 95_000 }, { shipping: 5_000, dutyEstimate: "highest" });
    // 6109.10-010 (10.9%) is higher than 6109.10-020 (basic 11.2%, WTO 7.4%).
    expect(q.lines[0]).toMatchObject({ tariffLine: "610910010", dutyRate: "10.9%", estimate: true });
  });

  it("reports the table and its date on the line and in the trace", () => {
    const q = quote("JP", "JPY", { hsCode: "610910", unitValue: 95_000 }, { shipping: 5_000, dutyEstimate: "highest" });
    expect(q.lines[0]!.dutyTable).toMatchObject({ country: "JP", validFrom: "2026-07-09" });
    expect(q.lines[0]!.dutyTable!.edition).toContain("2026-07-09");
    expect(q.trace.find((t) => t.rule === "mfn-JP")!.source).toContain("in force from 2026-07-09");
  });
});

describe("Australia: general rates of Customs Tariff Schedule 3 (ABF Working Tariff, 17 Apr 2026)", () => {
  // Above AUD 1,000 the goods are entered and dutiable; customs value is FOB (freight excluded).
  it.each([
    ["64035100", 5, "6403.51.00 footwear covering the ankle: 5%"],
    ["42022200", 5, "4202.22.00 handbags, outer surface of plastics or textiles: 5%"],
    ["71131900", 5, "7113.19.00 jewellery of other precious metal: 5% (CA Free)"],
    ["85171300", 0, "8517.13.00 smartphones: Free"],
    ["64032000", 0, "6403.20.00 footwear with leather soles and straps: Free"],
  ])("%s at %s percent: %s", (hsCode, pct, _source) => {
    const q = quote("AU", "AUD", { hsCode, unitValue: 200_000 }, { shipping: 5_000 });
    expect(q.lines[0]!.customsValue.amount).toBe(200_000);
    expect(q.totals.duty.amount).toBe(percentOf(200_000, pct));
    expect(q.lines[0]!.dutyTable).toMatchObject({ country: "AU", validFrom: "2026-04-17" });
  });

  it("prices a specific duty: 0406.10.00 fresh cheese, $1.220/kg", () => {
    const q = quote("AU", "AUD", { hsCode: "04061000", unitValue: 200_000, netWeightGrams: 10_000 });
    expect(q.totals.duty.amount).toBe(122 * 10); // 122 cents per kg, 10 kg
  });

  it("refuses 2203.00.91 beer ($107.99/L of alcohol) and a code outside the partial copy (6109.10, chapter 61 missing)", () => {
    expect(refusal(() => quote("AU", "AUD", { hsCode: "22030091", unitValue: 200_000 })).code).toBe("unsupported_duty");
    const missing = refusal(() => quote("AU", "AUD", { hsCode: "610910", unitValue: 200_000 }));
    expect(missing.code).toBe("no_duty_rate");
    expect(missing.message).toContain("AU tariff");
  });
});

describe("CUSMA: originating goods of the other parties enter Canada and Mexico duty free (chapters 25-97)", () => {
  // CAD 500 from the US by courier: above the CAD 150 CUSMA courier threshold, so duty is assessed.
  const toCanada = (line: Partial<QuoteLineInput>, date = "2026-11-20") =>
    quote("CA", "CAD", { hsCode: "640399", unitValue: 50_000, ...line }, { date });
  // MXN 60,000 (USD 3,333 at the test rate) is above the USD 2,500 courier regime: ordinary import.
  const toMexico = (line: Partial<QuoteLineInput>) => quote("MX", "MXN", { hsCode: "950300", unitValue: 6_000_000, ...line });

  it.each([["US"], ["MX"]])("Canada, footwear of %s origin with proof of origin: duty free", (origin) => {
    const q = toCanada({ originCountry: origin, proofOfOrigin: true });
    expect(q.regime).toBe("CA-CUSMA-150");
    expect(q.totals.duty.amount).toBe(0);
    expect(q.trace.find((t) => t.rule === "pref-cusma")!.source).toContain("Annex 2-B");
  });

  it.each([["US"], ["CA"]])("Mexico, toys of %s origin with proof of origin: duty free", (origin) => {
    const q = toMexico({ originCountry: origin, proofOfOrigin: true });
    expect(q.regime).toBe("MX-ORDINARY");
    expect(q.totals.duty.amount).toBe(0);
  });

  it.each([
    ["no proof of origin", { originCountry: "US", proofOfOrigin: false }, "2026-11-20"],
    ["a non-party origin", { originCountry: "CN", proofOfOrigin: true }, "2026-11-20"],
    ["cheese (chapter 04, supply-managed)", { originCountry: "US", proofOfOrigin: true, hsCode: "040690" }, "2026-11-20"],
    ["a date before CUSMA took effect", { originCountry: "US", proofOfOrigin: true }, "2020-06-30"],
  ])("Canada refuses a duty it has no rate for: %s", (_case, line, date) => {
    const e = refusal(() => toCanada(line, date));
    expect(e.code).toBe("no_duty_rate");
    expect(e.field).toBe("lines[0].hsCode");
  });
});

describe("preferences of the US and UK/EU tables with proof of origin", () => {
  // HTS 6109.10.00 (cotton T-shirts): general 16.5%, special "Free (... S ...)" for USMCA and the FTAs.
  const toUs = (origin: string, proofOfOrigin: boolean, date = "2026-11-20") =>
    quote("US", "USD", { hsCode: "61091000", originCountry: origin, proofOfOrigin, unitValue: 100_000 }, { date });

  it.each([
    ["CA", true, "pref-us-S", 0],
    ["MX", true, "pref-us-S", 0],
    ["KR", true, "pref-us-KR", 0],
    ["CA", false, undefined, 16.5],
    ["VN", true, undefined, 16.5],
  ])("6109.10.00 of %s origin, proof of origin %s: %s, %s percent", (origin, proof, rule, pct) => {
    const q = toUs(origin, proof);
    expect(q.totals.duty.amount).toBe(percentOf(100_000, pct));
    expect(q.trace.find((t) => t.rule.startsWith("pref-us-"))?.rule).toBe(rule);
    expect(q.lines[0]!.dutyTable?.country).toBe("US");
  });

  it("applies USMCA only from its entry into force (1 Jul 2020)", () => {
    expect(toUs("CA", true, "2020-06-30").totals.duty.amount).toBe(percentOf(100_000, 16.5));
  });

  it("UK-EU TCA: German goods with proof of origin enter the UK duty free, without proof at the UK Global Tariff rate", () => {
    const toGb = (proofOfOrigin: boolean) => quote("GB", "GBP", { hsCode: "6109100010", originCountry: "DE", proofOfOrigin, unitValue: 100_000 });
    expect(toGb(true).totals.duty.amount).toBe(0);
    expect(toGb(true).trace.some((t) => t.rule === "pref-uk-eu-tca")).toBe(true);
    expect(toGb(false).totals.duty.amount).toBe(percentOf(100_000, 12)); // UKGT 6109 10 00: 12.0%
  });
});

describe("a tariff file is checked when it loads", () => {
  const meta: TariffMeta = { country: "JP", currency: "JPY", nomenclature: "test", edition: "test", validFrom: "2026-07-09", source: "test", licence: "test" };

  it("shares one parsed set of preferential rates between the lines that point to it", () => {
    const t = buildTariff({ meta, lines: { "640219000": "6.7%", "640299000": "20%" }, specialSets: [{ EU: "1.2%", GB: "1.2%" }], special: { "640219000": 0, "640299000": 0 } });
    expect(t.special.get("640219000")).toBe(t.special.get("640299000"));
    expect(t.special.get("640219000")!.EU!.adValorem).toEqual({ num: 12n, den: 1000n });
  });

  it.each([
    ["a line that is not 8-10 digits", { lines: { "6402190": "6.7%" } }, "tariff-JP 6402190"],
    ["a line pointing to a missing set of preferential rates", { lines: { "640219000": "6.7%" }, special: { "640219000": 3 }, specialSets: [] }, "tariff-JP 640219000"],
  ])("refuses %s, naming it", (_case, data, field) => {
    const e = refusal(() => buildTariff({ meta, ...data }));
    expect(e.code).toBe("invalid_data");
    expect(e.field).toBe(field);
  });
});
