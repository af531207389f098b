/**
 * Destination rules: valuation basis, import tax, low-value (de minimis) regimes with their dates,
 * rounding. Each rule names its source; dates are the day the rule took effect (inclusive).
 */

export type Valuation = "FOB" | "CIF";
/**
 * What the import tax is charged on:
 * - "cv+duty": customs value (CIF where valuation is CIF) + duty + costs after entry (EU art. 85-86 VAT Directive, UK, CH, NO, JP, KR, SG...)
 * - "cv+duty+freight": FOB customs value + duty + international transport and insurance (AU VoTI, NZ)
 * - "vfd+duty": FOB value for duty + duty, freight excluded (CA value for tax)
 * - "cv*1.1+duty": ZA added tax value, customs value uplifted 10% (VAT Act s.13(2)(a))
 * - "por-dentro": BR ICMS computed inside its own base: (CV + duty) / (1 - rate)
 */
export type TaxBase = "cv+duty" | "cv+duty+freight" | "vfd+duty" | "cv*1.1+duty" | "por-dentro" | "none";

export interface Dated<T> {
  readonly from: string;
  readonly value: T;
}

export interface TaxRule {
  readonly name: string;
  /** Percent as a decimal string, dated. */
  readonly rates: readonly Dated<string>[];
  readonly base: TaxBase;
  /** Sub-national rates (CA provinces, BR states) replacing `rates` where given. */
  readonly regions?: Readonly<Record<string, { name: string; rates: readonly Dated<string>[] }>>;
  /** Share of the statutory rate actually charged (CN cross-border e-commerce: 70%). */
  readonly source: string;
}

export type DutySource =
  /** A shipped national tariff (data/customs/tariff-<table>.json). */
  | { kind: "table"; table: string }
  | { kind: "free-except"; from: string; dutiableChapters: readonly string[]; dutiableHeadings?: readonly string[]; source: string }
  | { kind: "override-only" };

export interface LowValueContext {
  readonly date: string;
  /** Intrinsic value of the goods (no shipping) in the destination currency, minor units. */
  readonly goodsValue: number;
  /** Goods + shipping + insurance, destination currency. */
  readonly consignmentValue: number;
  /** Customs value as valued by this destination (FOB or CIF). */
  readonly customsValue: number;
  /** Highest value of one item (NO VOEC limit is per item). */
  readonly maxItemValue: number;
  readonly shipFrom: string;
  readonly mode: "courier" | "postal";
  readonly seller: SellerRegistrations;
  /** Converts an amount in another currency (major units string) to destination minor units. */
  readonly toLocal: (major: string, currency: string) => number;
}

export interface SellerRegistrations {
  readonly iossNumber?: string;
  readonly ukVatNumber?: string;
  readonly voecNumber?: string;
  readonly auGstId?: string;
  readonly nzGstNumber?: string;
  readonly sgGstNumber?: string;
  readonly eori?: string;
}

export interface LowValueOutcome {
  readonly id: string;
  readonly duty: "charge" | "waive" | "flat-per-category";
  /** "at-sale": the seller charges the tax at checkout under a registration scheme. */
  readonly tax: "border" | "at-sale" | "waive";
  readonly flatDutyPerCategory?: { major: string; currency: string };
  /** Overrides duty+tax with one global rate (MX courier regime), percent. */
  readonly globalRatePct?: string;
  /** BR Remessa Conforme: import duty rate and a deduction in USD. */
  readonly importDuty?: { pct: string; deductMajor?: string; currency?: string };
  /** Amounts at or under these (destination minor units) are not collected. */
  readonly waiveDutyUpTo?: number;
  readonly waiveTaxUpTo?: number;
  readonly waiveTotalBelow?: number;
  readonly statutoryTaxShare?: string;
  readonly note: string;
  readonly source: string;
}

export interface LowValueRegime {
  readonly from: string;
  readonly evaluate: (ctx: LowValueContext) => LowValueOutcome;
}

export interface Rounding {
  /** Round the tax base down to a multiple of this many minor units (JP: 1,000 yen). */
  readonly truncateBaseTo?: number;
  /** Round duty and tax down to multiples of this (JP: 100 yen). */
  readonly truncateAmountsTo?: number;
  readonly source?: string;
}

/**
 * A preference granted by rule rather than by a tariff column: originating goods of `origins` with
 * the merchant's proof of origin enter duty free in the chapters listed, from `from`.
 */
export interface RulePreference {
  readonly id: string;
  readonly name: string;
  readonly origins: readonly string[];
  readonly from: string;
  readonly freeChapters: readonly string[];
  readonly source: string;
}

export interface DestinationRule {
  readonly country: string;
  readonly name: string;
  readonly currency: string;
  readonly valuation: Valuation;
  readonly valuationSource: string;
  readonly duty: DutySource;
  readonly tax?: TaxRule;
  readonly lowValue: readonly LowValueRegime[];
  readonly rounding?: Rounding;
  readonly preferences?: readonly RulePreference[];
}

const chapters = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => String(first + i).padStart(2, "0"));
/**
 * CUSMA/USMCA: originating goods of the other parties are duty free (art. 2.4 and the parties'
 * Annex 2-B schedules). Only chapters 25-97 are granted by rule: agricultural chapters carry
 * tariff-rate quotas (Canada's supply-managed dairy, poultry and eggs) and need a merchant rate.
 */
const cusma = (origins: string[]): RulePreference => ({
  id: "pref-cusma", name: "CUSMA (USMCA/T-MEC)", origins, from: "2020-07-01", freeChapters: chapters(25, 97),
  source: "Canada-United States-Mexico Agreement art. 2.4 and Annex 2-B (in force 1 Jul 2020); industrial goods (chapters 25-97) only",
});

const charge = (id: string, note: string, source: string): LowValueOutcome => ({ id, duty: "charge", tax: "border", note, source });

export const EU_MEMBERS: Readonly<Record<string, readonly Dated<string>[]>> = {
  AT: [{ from: "2016-01-01", value: "20" }], BE: [{ from: "1996-01-01", value: "21" }], BG: [{ from: "2007-01-01", value: "20" }],
  HR: [{ from: "2013-07-01", value: "25" }], CY: [{ from: "2014-01-13", value: "19" }], CZ: [{ from: "2013-01-01", value: "21" }],
  DK: [{ from: "1992-01-01", value: "25" }], EE: [{ from: "2009-07-01", value: "20" }, { from: "2024-01-01", value: "22" }, { from: "2025-07-01", value: "24" }],
  FI: [{ from: "2013-01-01", value: "24" }, { from: "2024-09-01", value: "25.5" }], FR: [{ from: "2014-01-01", value: "20" }],
  DE: [{ from: "2021-01-01", value: "19" }], GR: [{ from: "2016-06-01", value: "24" }], HU: [{ from: "2012-01-01", value: "27" }],
  IE: [{ from: "2021-03-01", value: "23" }], IT: [{ from: "2013-10-01", value: "22" }], LV: [{ from: "2012-07-01", value: "21" }],
  LT: [{ from: "2009-09-01", value: "21" }], LU: [{ from: "2024-01-01", value: "17" }], MT: [{ from: "2004-01-01", value: "18" }],
  NL: [{ from: "2012-10-01", value: "21" }], PL: [{ from: "2011-01-01", value: "23" }], PT: [{ from: "2011-01-01", value: "23" }],
  RO: [{ from: "2017-01-01", value: "19" }, { from: "2025-08-01", value: "21" }], SK: [{ from: "2011-01-01", value: "20" }, { from: "2025-01-01", value: "23" }],
  SI: [{ from: "2016-07-01", value: "22" }], ES: [{ from: "2012-09-01", value: "21" }], SE: [{ from: "1990-07-01", value: "25" }],
};
const EU_VAT_SOURCE = "Council Directive 2006/112/EC art. 85-86 (import VAT base); national standard rates per the Commission's 'VAT rates applied in the Member States'";

function euLowValue(): LowValueRegime[] {
  const duty150 = "Council Regulation (EC) 1186/2009 art. 23: duty relief for consignments of negligible value <= EUR 150";
  return [
    {
      from: "2010-01-01",
      evaluate: (c) => {
        const vatFree = c.consignmentValue <= c.toLocal("22", "EUR");
        const dutyFree = c.goodsValue <= c.toLocal("150", "EUR");
        return { id: "EU-LVCR", duty: dutyFree ? "waive" : "charge", tax: vatFree ? "waive" : "border", note: "import VAT relief for consignments <= EUR 22 (low value consignment relief)", source: `Council Directive 2009/132/EC art. 23 (repealed 1 Jul 2021); ${duty150}` };
      },
    },
    {
      from: "2021-07-01",
      evaluate: (c) => {
        const low = c.goodsValue <= c.toLocal("150", "EUR");
        return { id: "EU-IOSS", duty: low ? "waive" : "charge", tax: low && c.seller.iossNumber ? "at-sale" : "border", note: low ? (c.seller.iossNumber ? "<= EUR 150 with IOSS: VAT charged at checkout, exempt at import" : "<= EUR 150 without IOSS: import VAT from EUR 0, no duty") : "> EUR 150: duty and import VAT at the border", source: `VAT e-commerce package, Council Directive (EU) 2017/2455 (IOSS, in force 1 Jul 2021); ${duty150}` };
      },
    },
    {
      from: "2026-07-01",
      evaluate: (c) => {
        const low = c.goodsValue <= c.toLocal("150", "EUR");
        return { id: "EU-FLAT3", duty: low ? "flat-per-category" : "charge", flatDutyPerCategory: { major: "3", currency: "EUR" }, tax: low && c.seller.iossNumber ? "at-sale" : "border", note: low ? "<= EUR 150: interim flat customs duty of EUR 3 per item category (distinct tariff subheading)" : "> EUR 150: duty and import VAT at the border", source: "Council of the EU, agreement of 11 Feb 2026 removing the EUR 150 duty relief: EUR 3 per item category from 1 Jul 2026 to 1 Jul 2028" };
      },
    },
  ];
}

const CA_PROVINCES: Record<string, { name: string; rates: Dated<string>[] }> = {
  ON: { name: "HST", rates: [{ from: "2010-07-01", value: "13" }] },
  NB: { name: "HST", rates: [{ from: "2016-07-01", value: "15" }] },
  NL: { name: "HST", rates: [{ from: "2016-07-01", value: "15" }] },
  PE: { name: "HST", rates: [{ from: "2016-10-01", value: "15" }] },
  NS: { name: "HST", rates: [{ from: "2010-07-01", value: "15" }, { from: "2025-04-01", value: "14" }] },
};

export const DESTINATIONS: Readonly<Record<string, DestinationRule>> = {
  US: {
    country: "US", name: "United States", currency: "USD", valuation: "FOB",
    valuationSource: "19 U.S.C. 1401a(b)(4)(A): transaction value excludes international freight and insurance",
    duty: { kind: "table", table: "US" },
    lowValue: [
      { from: "2016-03-10", evaluate: (c) => (c.goodsValue <= c.toLocal("800", "USD") ? { id: "US-321", duty: "waive", tax: "waive", note: "<= USD 800 per person per day admitted free (section 321)", source: "19 U.S.C. 1321(a)(2)(C) as amended by the Trade Facilitation and Trade Enforcement Act of 2015" } : charge("US-321", "> USD 800: formal or informal entry, duty due", "19 U.S.C. 1321(a)(2)(C)")) },
      { from: "2025-08-29", evaluate: () => charge("US-NO-DE-MINIMIS", "no de minimis: duty on every shipment (suspension for all countries from 29 Aug 2025)", "Executive Order 14324, 90 FR 37775 (FR Doc 2025-14897)") },
    ],
  },
  CA: {
    country: "CA", name: "Canada", currency: "CAD", valuation: "FOB",
    valuationSource: "Customs Act s.48: value for duty excludes transport and insurance from the place of direct shipment",
    duty: { kind: "override-only" },
    preferences: [cusma(["US", "MX"])],
    tax: { name: "GST", rates: [{ from: "2008-01-01", value: "5" }], base: "vfd+duty", regions: CA_PROVINCES, source: "Excise Tax Act s.215 (value for tax = value for duty + duties); HST rates per province; QST is not collected at the border" },
    lowValue: [
      { from: "2000-01-01", evaluate: (c) => (c.goodsValue <= c.toLocal("20", "CAD") ? { id: "CA-20", duty: "waive", tax: "waive", note: "<= CAD 20: no duty or tax", source: "Courier Imports Remission Order / Postal Imports Remission Order" } : charge("CA-20", "> CAD 20: duty and GST/HST", "Courier Imports Remission Order")) },
      {
        from: "2020-07-01",
        evaluate: (c) => {
          const cusma = c.mode === "courier" && (c.shipFrom === "US" || c.shipFrom === "MX");
          const src = "CBSA Customs Notice 20-18; cbsa-asfc.gc.ca/services/cusma-aceum/lvs-efv-eng.html";
          if (!cusma) return c.goodsValue <= c.toLocal("20", "CAD") ? { id: "CA-20", duty: "waive", tax: "waive", note: "<= CAD 20 (post, or courier not shipped from US/MX): no duty or tax", source: src } : charge("CA-20", "> CAD 20: duty and GST/HST", src);
          if (c.goodsValue <= c.toLocal("40", "CAD")) return { id: "CA-CUSMA-40", duty: "waive", tax: "waive", note: "courier from US/MX <= CAD 40: no duty or tax", source: src };
          if (c.goodsValue <= c.toLocal("150", "CAD")) return { id: "CA-CUSMA-150", duty: "waive", tax: "border", note: "courier from US/MX <= CAD 150: duty free, GST/HST due", source: src };
          return charge("CA-CUSMA-150", "> CAD 150: duty and GST/HST", src);
        },
      },
    ],
  },
  MX: {
    country: "MX", name: "Mexico", currency: "MXN", valuation: "CIF", valuationSource: "Ley Aduanera art. 64-65 (transaction value incl. freight and insurance)",
    duty: { kind: "override-only" },
    preferences: [cusma(["US", "CA"])],
    tax: { name: "IVA", rates: [{ from: "2010-01-01", value: "16" }], base: "cv+duty", source: "Ley del IVA art. 27" },
    lowValue: [
      {
        from: "2025-08-15",
        evaluate: (c) => {
          const src = "Reglas Generales de Comercio Exterior 2025, courier simplified regime (tasa global), in force 15 Aug 2025";
          if (c.goodsValue > c.toLocal("2500", "USD")) return charge("MX-ORDINARY", "> USD 2,500: ordinary import, duty and IVA", src);
          if (c.shipFrom === "US" || c.shipFrom === "CA") {
            if (c.goodsValue <= c.toLocal("50", "USD")) return { id: "MX-TMEC-50", duty: "waive", tax: "waive", note: "from US/CA <= USD 50: exempt", source: src };
            return { id: "MX-TMEC-GLOBAL", duty: "charge", tax: "border", globalRatePct: c.goodsValue <= c.toLocal("117", "USD") ? "17" : "19", note: "from US/CA: global rate replaces duty and IVA", source: src };
          }
          return { id: "MX-GLOBAL", duty: "charge", tax: "border", globalRatePct: "33.5", note: "courier from non-FTA countries: global rate 33.5% replaces duty and IVA", source: src };
        },
      },
    ],
  },
  BR: {
    country: "BR", name: "Brazil", currency: "BRL", valuation: "CIF", valuationSource: "Remessa Conforme: import duty on CIF value since 1 Aug 2024",
    duty: { kind: "override-only" },
    tax: { name: "ICMS", rates: [{ from: "2023-08-01", value: "17" }], base: "por-dentro", source: "Convênio ICMS 81/2023 (17% uniform rate on cross-border e-commerce, computed 'por dentro')" },
    lowValue: [
      {
        from: "2024-08-01",
        evaluate: (c) => {
          const src = "Lei 14.902/2024 and Portaria MF 1.086/2024 (Remessa Conforme)";
          if (c.customsValue <= c.toLocal("50", "USD")) return { id: "BR-RC-50", duty: "charge", tax: "border", importDuty: { pct: "20" }, note: "<= USD 50: import duty 20%", source: src };
          if (c.customsValue <= c.toLocal("3000", "USD")) return { id: "BR-RC-3000", duty: "charge", tax: "border", importDuty: { pct: "60", deductMajor: "20", currency: "USD" }, note: "USD 50.01-3,000: import duty 60% minus USD 20", source: src };
          return charge("BR-ORDINARY", "> USD 3,000: ordinary import", src);
        },
      },
    ],
  },
  GB: {
    country: "GB", name: "United Kingdom", currency: "GBP", valuation: "CIF", valuationSource: "HMRC Notice 252: customs value includes transport and insurance to the UK border",
    duty: { kind: "table", table: "GB" },
    tax: { name: "VAT", rates: [{ from: "2011-01-04", value: "20" }], base: "cv+duty", source: "VATA 1994 s.21 (import VAT value = customs value + duty + costs to first destination)" },
    lowValue: [
      {
        from: "2021-01-01",
        evaluate: (c) => (c.goodsValue <= c.toLocal("135", "GBP")
          ? { id: "GB-135", duty: "waive", tax: "at-sale", note: "<= GBP 135: no duty; seller charges UK VAT at the point of sale", source: "gov.uk 'VAT and overseas goods sold directly to customers in the UK'; Customs (Relief from Import Duty) (EU Exit) Regs" }
          : charge("GB-135", "> GBP 135: import VAT and duty at the border", "gov.uk 'VAT and overseas goods sold directly to customers in the UK'")),
      },
    ],
  },
  EU: {
    country: "EU", name: "European Union", currency: "EUR", valuation: "CIF", valuationSource: "Union Customs Code art. 70-71: transport and insurance to the EU border are added",
    duty: { kind: "table", table: "EU" },
    tax: { name: "VAT", rates: [{ from: "2021-01-01", value: "19" }], base: "cv+duty", source: EU_VAT_SOURCE },
    lowValue: euLowValue(),
  },
  CH: {
    country: "CH", name: "Switzerland", currency: "CHF", valuation: "CIF", valuationSource: "MWSTG art. 54: assessment basis incl. all costs to the Swiss destination; duty by gross weight",
    duty: { kind: "free-except", from: "2024-01-01", dutiableChapters: ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24"], dutiableHeadings: ["3501", "3502", "3503", "3504", "3505", "4101", "4102", "4103", "4301", "5001", "5002", "5003", "5101", "5102", "5103", "5201", "5202", "5203", "5301", "5302"], source: "Swiss abolition of industrial tariffs, 1 Jan 2024 (chapters 25-97 except agricultural goods of WTO Annex 1)" },
    tax: { name: "VAT", rates: [{ from: "2018-01-01", value: "7.7" }, { from: "2024-01-01", value: "8.1" }], base: "cv+duty", source: "MWSTG art. 25 and 54" },
    lowValue: [{ from: "2018-01-01", evaluate: () => ({ id: "CH-5", duty: "charge", tax: "border", waiveDutyUpTo: 500, waiveTaxUpTo: 500, note: "duty and VAT amounts of up to CHF 5 are not levied (each considered separately)", source: "bazg.admin.ch 'Receipt of letters and parcels'; MWSTV art. 1 Verordnung des EFD" }) }],
  },
  NO: {
    country: "NO", name: "Norway", currency: "NOK", valuation: "CIF", valuationSource: "Tolloven § 7-1 (customs value incl. freight and insurance to Norway)",
    duty: { kind: "override-only" },
    tax: { name: "MVA", rates: [{ from: "2005-01-01", value: "25" }], base: "cv+duty", source: "Merverdiavgiftsloven § 4-11" },
    lowValue: [
      { from: "2020-04-01", evaluate: (c) => (c.seller.voecNumber && c.maxItemValue < c.toLocal("3000", "NOK") ? { id: "NO-VOEC", duty: "waive", tax: "at-sale", note: "VOEC seller, every item < NOK 3,000: VAT at sale, duty free", source: "toll.no/en/online-shopping/the-voec-scheme" } : c.consignmentValue <= c.toLocal("350", "NOK") ? { id: "NO-350", duty: "waive", tax: "waive", note: "non-VOEC consignment <= NOK 350 incl. shipping: free", source: "toll.no (VAT-free limit NOK 350, until 31 Dec 2023)" } : charge("NO-350", "duty and VAT at the border", "toll.no")) },
      { from: "2024-01-01", evaluate: (c) => (c.seller.voecNumber && c.maxItemValue < c.toLocal("3000", "NOK") ? { id: "NO-VOEC", duty: "waive", tax: "at-sale", note: "VOEC seller, every item < NOK 3,000: VAT at sale, duty free", source: "toll.no/en/online-shopping/the-voec-scheme" } : charge("NO-0", "non-VOEC: VAT and duty from NOK 0 (NOK 350 limit abolished 1 Jan 2024)", "toll.no")) },
    ],
  },
  AU: {
    country: "AU", name: "Australia", currency: "AUD", valuation: "FOB", valuationSource: "Customs Act 1901 s.159-161 (customs value excludes international freight and insurance)",
    duty: { kind: "table", table: "AU" },
    tax: { name: "GST", rates: [{ from: "2000-07-01", value: "10" }], base: "cv+duty+freight", source: "GST Act s.13-20 (value of the taxable importation = customs value + duty + transport and insurance)" },
    lowValue: [
      { from: "2000-07-01", evaluate: (c) => (c.customsValue <= c.toLocal("1000", "AUD") ? { id: "AU-1000", duty: "waive", tax: "waive", note: "<= AUD 1,000: no duty or GST at the border", source: "Customs By-law item 4; GST Act s.42-5" } : charge("AU-1000", "> AUD 1,000: duty and GST on VoTI", "Customs Act 1901")) },
      { from: "2018-07-01", evaluate: (c) => (c.customsValue <= c.toLocal("1000", "AUD") ? { id: "AU-LVIG", duty: "waive", tax: "at-sale", note: "<= AUD 1,000: GST charged by the vendor at sale (LVIG)", source: "ATO 'GST on low value imported goods' (GST Act Div 84, from 1 Jul 2018)" } : charge("AU-1000", "> AUD 1,000: duty and GST on VoTI at the border", "abf.gov.au Value of Taxable Importation")) },
    ],
  },
  NZ: {
    country: "NZ", name: "New Zealand", currency: "NZD", valuation: "FOB", valuationSource: "Customs and Excise Act 2018 Sch. 4 (duty on FOB value)",
    duty: { kind: "override-only" },
    tax: { name: "GST", rates: [{ from: "2010-10-01", value: "15" }], base: "cv+duty+freight", source: "Goods and Services Tax Act 1985 s.12 (GST on cost + insurance and freight + duty)" },
    lowValue: [
      { from: "2000-01-01", evaluate: () => ({ id: "NZ-60", duty: "charge", tax: "border", waiveTotalBelow: 6000, note: "duty and GST not collected when together under NZD 60", source: "NZ Customs, 'Examples of how to calculate Customs charges' (fyi.org.nz request 657)" }) },
      { from: "2019-12-01", evaluate: (c) => (c.goodsValue <= c.toLocal("1000", "NZD") ? { id: "NZ-1000", duty: "waive", tax: "at-sale", note: "<= NZD 1,000: GST charged by the offshore supplier at sale", source: "Taxation (Annual Rates 2019-20, GST Offshore Supplier Registration) Act 2019" } : charge("NZ-1000", "> NZD 1,000: duty, GST and fees at the border", "customs.govt.nz")) },
    ],
  },
  JP: {
    country: "JP", name: "Japan", currency: "JPY", valuation: "CIF", valuationSource: "Customs Tariff Act art. 4 (CIF transaction value)",
    duty: { kind: "table", table: "JP" },
    tax: { name: "Consumption tax", rates: [{ from: "2019-10-01", value: "10" }], base: "cv+duty", source: "Consumption Tax Act art. 28(4) (CIF + duty + excise)" },
    rounding: { truncateBaseTo: 1000, truncateAmountsTo: 100, source: "Act on General Rules for National Taxes art. 118-119 (base below 1,000 yen and tax below 100 yen discarded)" },
    lowValue: [{ from: "2010-01-01", evaluate: (c) => (c.customsValue <= 10000 ? { id: "JP-10000", duty: "waive", tax: "waive", note: "taxable value <= JPY 10,000: duty and consumption tax exempt", source: "Customs Tariff Temporary Measures Act art. 10; customs.go.jp 1006" } : charge("JP-10000", "> JPY 10,000: duty and consumption tax", "customs.go.jp")) }],
  },
  KR: {
    country: "KR", name: "South Korea", currency: "KRW", valuation: "CIF", valuationSource: "Customs Act art. 30",
    duty: { kind: "override-only" },
    tax: { name: "VAT", rates: [{ from: "1988-01-01", value: "10" }], base: "cv+duty", source: "VAT Act art. 29(2)" },
    lowValue: [{ from: "2016-01-01", evaluate: (c) => (c.goodsValue <= c.toLocal(c.shipFrom === "US" ? "200" : "150", "USD") ? { id: "KR-150", duty: "waive", tax: "waive", note: "personal-use goods <= USD 150 (USD 200 from the US): exempt", source: "Customs Act art. 94; KCS notice on list clearance" } : charge("KR-150", "above the personal-use limit: duty and VAT", "Customs Act art. 94")) }],
  },
  SG: {
    country: "SG", name: "Singapore", currency: "SGD", valuation: "CIF", valuationSource: "Singapore Customs: customs value is the CIF value",
    duty: { kind: "free-except", from: "2000-01-01", dutiableChapters: ["22", "24"], source: "Singapore Customs: duty only on intoxicating liquors, tobacco, motor vehicles and petroleum (the last two are excise)" },
    tax: { name: "GST", rates: [{ from: "2007-07-01", value: "7" }, { from: "2023-01-01", value: "8" }, { from: "2024-01-01", value: "9" }], base: "cv+duty", source: "GST Act s.18 (CIF + duty); customs.gov.sg 'Payment of duties and GST'" },
    lowValue: [
      { from: "2000-01-01", evaluate: (c) => (c.customsValue <= c.toLocal("400", "SGD") ? { id: "SG-400", duty: "waive", tax: "waive", note: "<= SGD 400 by air/post: GST relief", source: "GST (Imports Relief) Order" } : charge("SG-400", "> SGD 400: GST at the border", "customs.gov.sg")) },
      { from: "2023-01-01", evaluate: (c) => (c.customsValue <= c.toLocal("400", "SGD") ? { id: "SG-OVR", duty: "waive", tax: "at-sale", note: "<= SGD 400: GST charged by the OVR-registered vendor at sale", source: "IRAS e-Tax Guide 'Taxing imported low-value goods by way of the overseas vendor registration regime'" } : charge("SG-400", "> SGD 400: GST at the border", "customs.gov.sg")) },
    ],
  },
  HK: {
    country: "HK", name: "Hong Kong", currency: "HKD", valuation: "CIF", valuationSource: "Dutiable Commodities Ordinance (Cap. 109)",
    duty: { kind: "free-except", from: "2000-01-01", dutiableChapters: ["22", "24", "27"], source: "Cap. 109: duty only on liquor > 30% vol, tobacco, hydrocarbon oil and methyl alcohol" },
    lowValue: [],
  },
  AE: {
    country: "AE", name: "United Arab Emirates", currency: "AED", valuation: "CIF", valuationSource: "GCC Common Customs Law art. 3",
    duty: { kind: "override-only" },
    tax: { name: "VAT", rates: [{ from: "2018-01-01", value: "5" }], base: "cv+duty", source: "Federal Decree-Law No. 8 of 2017 art. 52" },
    lowValue: [{ from: "2018-01-01", evaluate: (c) => (c.goodsValue <= c.toLocal("1000", "AED") ? { id: "AE-1000", duty: "waive", tax: "border", note: "<= AED 1,000: duty free, VAT due", source: "GCC Common Customs Law; FCA notice" } : charge("AE-1000", "> AED 1,000: duty and VAT", "GCC Common Customs Law")) }],
  },
  SA: {
    country: "SA", name: "Saudi Arabia", currency: "SAR", valuation: "CIF", valuationSource: "GCC Common Customs Law art. 3",
    duty: { kind: "override-only" },
    tax: { name: "VAT", rates: [{ from: "2018-01-01", value: "5" }, { from: "2020-07-01", value: "15" }], base: "cv+duty", source: "KSA VAT Implementing Regulations art. 48; rate 15% from 1 Jul 2020" },
    lowValue: [{ from: "2018-01-01", evaluate: (c) => (c.goodsValue <= c.toLocal("1000", "SAR") ? { id: "SA-1000", duty: "waive", tax: "border", note: "<= SAR 1,000: duty free, VAT due", source: "ZATCA customs exemptions" } : charge("SA-1000", "> SAR 1,000: duty and VAT", "ZATCA")) }],
  },
  IN: {
    country: "IN", name: "India", currency: "INR", valuation: "CIF", valuationSource: "Customs Valuation Rules 2007 rule 10(2)",
    duty: { kind: "override-only" },
    tax: { name: "IGST", rates: [{ from: "2017-07-01", value: "18" }], base: "cv+duty", source: "Customs Tariff Act s.3(7)-(8); standard IGST rate (goods-specific rates via override)" },
    lowValue: [],
  },
  CN: {
    country: "CN", name: "China", currency: "CNY", valuation: "CIF", valuationSource: "Customs Law art. 55",
    duty: { kind: "override-only" },
    tax: { name: "Import VAT", rates: [{ from: "2019-04-01", value: "13" }], base: "cv+duty", source: "Import VAT 13% (Cai Shui 2019 No. 39)" },
    lowValue: [{ from: "2019-01-01", evaluate: (c) => (c.goodsValue <= c.toLocal("5000", "CNY") ? { id: "CN-CBEC", duty: "waive", tax: "border", statutoryTaxShare: "0.7", note: "cross-border e-commerce retail <= CNY 5,000: no duty, import VAT at 70% of the statutory rate", source: "Cai Guan Shui [2018] No. 49" } : charge("CN-CBEC", "> CNY 5,000: general trade duty and tax", "Cai Guan Shui [2018] No. 49")) }],
  },
  ZA: {
    country: "ZA", name: "South Africa", currency: "ZAR", valuation: "FOB", valuationSource: "Customs and Excise Act s.66 (FOB transaction value)",
    duty: { kind: "override-only" },
    tax: { name: "VAT", rates: [{ from: "2018-04-01", value: "15" }], base: "cv*1.1+duty", source: "VAT Act s.13(2)(a): customs value + 10% + duty" },
    lowValue: [],
  },
  IL: {
    country: "IL", name: "Israel", currency: "ILS", valuation: "CIF", valuationSource: "Customs Ordinance s.130",
    duty: { kind: "override-only" },
    tax: { name: "VAT", rates: [{ from: "2015-10-01", value: "17" }, { from: "2025-01-01", value: "18" }], base: "cv+duty", source: "VAT Law; rate 18% from 1 Jan 2025" },
    lowValue: [{ from: "2013-01-01", evaluate: (c) => (c.goodsValue <= c.toLocal("75", "USD") ? { id: "IL-75", duty: "waive", tax: "waive", note: "<= USD 75: duty and VAT exempt", source: "Israel Tax Authority personal import exemptions" } : c.goodsValue <= c.toLocal("500", "USD") ? { id: "IL-500", duty: "waive", tax: "border", note: "USD 75-500: duty exempt, VAT due", source: "Israel Tax Authority personal import exemptions" } : charge("IL-500", "> USD 500: duty and VAT", "Israel Tax Authority")) }],
  },
};

/** The rule for a destination (EU members share the EU rule with their own VAT rate). */
export function destinationRule(country: string): { rule: DestinationRule; vatRates?: readonly Dated<string>[] } | undefined {
  const eu = EU_MEMBERS[country];
  if (eu) return { rule: DESTINATIONS.EU!, vatRates: eu };
  const rule = DESTINATIONS[country];
  return rule && country !== "EU" ? { rule } : undefined;
}

export function inForce<T>(versions: readonly Dated<T>[], date: string): T | undefined {
  let value: T | undefined;
  for (const v of versions) if (v.from <= date) value = v.value;
  return value;
}

export function regimeInForce(regimes: readonly LowValueRegime[], date: string): LowValueRegime | undefined {
  let found: LowValueRegime | undefined;
  for (const r of regimes) if (r.from <= date) found = r;
  return found;
}

/** Members of the EU for the UK-EU TCA preference. */
export const EU_COUNTRIES = new Set(Object.keys(EU_MEMBERS));
