import { CustomsError } from "./errors";
import { FREE, parseDuty, parsePercentDuty, type DutyRate } from "./duty";
import { EU_COUNTRIES } from "./rules";

export interface TariffMeta {
  readonly country: string;
  readonly currency: string;
  readonly nomenclature: string;
  readonly edition: string;
  readonly validFrom: string;
  readonly source: string;
  readonly licence: string;
}

/** A national tariff: duty per national line (8 to 10 digits), with an index by HS subheading. */
export interface TariffTable {
  readonly meta: TariffMeta;
  readonly lines: ReadonlyMap<string, DutyRate>;
  readonly byHs6: ReadonlyMap<string, readonly string[]>;
  /** Preferential rates by programme code (US special column: "S" = USMCA, "AU", "KR"...; JP EPA columns: "EU", "GB", "CPTPP"...). */
  readonly special: ReadonlyMap<string, Readonly<Record<string, DutyRate>>>;
}

/**
 * The shipped JSON: rates as the tariff writes them. `special` maps a line to its preferential
 * rates, or to the index of a shared set in `specialSets` (most lines of a tariff share one set).
 */
export interface TariffData {
  readonly meta: TariffMeta;
  readonly lines: Record<string, string>;
  readonly special?: Record<string, Record<string, string> | number>;
  readonly specialSets?: readonly Record<string, string>[];
}

export function buildTariff(data: TariffData): TariffTable {
  const currency = data.meta.currency;
  const lines = new Map<string, DutyRate>();
  const byHs6 = new Map<string, string[]>();
  const parsedByText = new Map<string, DutyRate>();
  for (const [code, raw] of Object.entries(data.lines)) {
    if (!/^\d{8,10}$/.test(code)) throw new CustomsError("invalid_data", `tariff-${data.meta.country} ${code}`, "national line must be 8-10 digits");
    let rate = parsedByText.get(raw);
    if (!rate) parsedByText.set(raw, (rate = parseDuty(raw, currency)));
    lines.set(code, rate);
    const hs6 = code.slice(0, 6);
    const list = byHs6.get(hs6);
    if (list) list.push(code);
    else byHs6.set(hs6, [code]);
  }
  const parseSet = (programs: Record<string, string>): Record<string, DutyRate> => {
    const parsed: Record<string, DutyRate> = {};
    for (const [p, r] of Object.entries(programs)) parsed[p] = /^(free|\d+(\.\d+)?%?)$/i.test(r.trim()) ? parsePercentDuty(r) : parseDuty(r, currency);
    return parsed;
  };
  const sets = (data.specialSets ?? []).map(parseSet);
  const special = new Map<string, Record<string, DutyRate>>();
  for (const [code, programs] of Object.entries(data.special ?? {})) {
    if (typeof programs === "number") {
      const set = sets[programs];
      if (!set) throw new CustomsError("invalid_data", `tariff-${data.meta.country} ${code}`, `preferential rate set ${programs} is missing`);
      special.set(code, set);
    } else special.set(code, parseSet(programs));
  }
  return { meta: data.meta, lines, byHs6, special };
}

export interface TariffLookup {
  readonly line: string;
  readonly rate: DutyRate;
  /** True when a 6-digit code matched several national lines and the highest rate was taken. */
  readonly estimate: boolean;
}

function ratePct(rate: DutyRate): number {
  return Number(rate.adValorem.num) / Number(rate.adValorem.den);
}

/**
 * Finds the duty of an HS code in a national tariff: the exact national line, else the national
 * line the code is a prefix of when there is one rate under it. When the lines under a 6-digit
 * code differ, `ambiguous` decides: "error" asks for the national code, "highest" takes the
 * highest ad valorem rate and marks the result as an estimate.
 */
export function lookupDuty(table: TariffTable, code: string, field: string, ambiguous: "error" | "highest"): TariffLookup {
  // The carrier callback quotes the same codes again and again: found lines are kept per table
  // (at most one entry per code and policy, so bounded by the codes merchants use).
  let memo = lookups.get(table);
  if (!memo) lookups.set(table, (memo = new Map()));
  const key = ambiguous === "error" ? code : `${code}+`;
  const known = memo.get(key);
  if (known) return known;
  const found = findLine(table, code, field, ambiguous);
  memo.set(key, found);
  return found;
}

const lookups = new WeakMap<TariffTable, Map<string, TariffLookup>>();

function findLine(table: TariffTable, code: string, field: string, ambiguous: "error" | "highest"): TariffLookup {
  // National lines are 8 digits (US, AU), 9 (JP) or 10 (UK, EU statistical lines).
  for (let len = Math.min(code.length, 10); len >= 8; len--) {
    const rate = table.lines.get(code.slice(0, len));
    if (rate) return { line: code.slice(0, len), rate, estimate: false };
  }
  const under = table.byHs6.get(code.slice(0, 6)) ?? [];
  const candidates = under.filter((c) => c.startsWith(code) || code.startsWith(c));
  // Digits past the sixth belong to one country's nomenclature (a US 8-digit code sent to Japan):
  // when they match no line here, the code is read as its HS subheading.
  if (candidates.length === 0 && code.length > 6) return findLine(table, code.slice(0, 6), field, ambiguous);
  if (candidates.length === 0) {
    throw new CustomsError("no_duty_rate", field, `${table.meta.country} tariff (${table.meta.edition}) has no line for ${code}`);
  }
  const rates = candidates.map((c) => ({ line: c, rate: table.lines.get(c)! }));
  const distinct = new Set(rates.map((r) => r.rate.raw));
  if (distinct.size === 1) return { line: candidates.length === 1 ? candidates[0]! : code, rate: rates[0]!.rate, estimate: false };
  if (ambiguous === "error") {
    throw new CustomsError("ambiguous_duty_rate", field, `${code} covers ${candidates.length} ${table.meta.country} lines with different duties (${[...distinct].slice(0, 4).join("; ")}); give the national code`);
  }
  const priced = rates.filter((r) => !r.rate.unsupported && r.rate.specific.length === 0);
  if (priced.length === 0) throw new CustomsError("unsupported_duty", field, `${code}: the ${table.meta.country} lines carry duties that need the national code`);
  const highest = priced.reduce((a, b) => (ratePct(b.rate) > ratePct(a.rate) ? b : a));
  return { line: highest.line, rate: highest.rate, estimate: true };
}

/** A preferential programme of a tariff's special columns: who may claim it, from when. */
export interface PreferenceProgram {
  readonly name: string;
  /** Origin countries, each with the day the agreement took effect for it (YYYY-MM-DD). */
  readonly origins: Readonly<Record<string, string>>;
  readonly source: string;
}

const from = (date: string, countries: Iterable<string>) => Object.fromEntries([...countries].map((c) => [c, date]));

/**
 * The programmes of each shipped tariff's special columns, with their partners and dates of entry
 * into force. Programme codes are the column codes of the table (US HTS "special" column, Japan's
 * EPA columns as named in the build script).
 */
export const PREFERENCE_PROGRAMS: Readonly<Record<string, Readonly<Record<string, PreferenceProgram>>>> = {
  US: {
    S: { name: "USMCA", origins: from("2020-07-01", ["CA", "MX"]), source: "USMCA Implementation Act; HTSUS General Note 11" },
    AU: { name: "US-Australia FTA", origins: { AU: "2005-01-01" }, source: "HTSUS General Note 28" },
    KR: { name: "US-Korea FTA", origins: { KR: "2012-03-15" }, source: "HTSUS General Note 33" },
    SG: { name: "US-Singapore FTA", origins: { SG: "2004-01-01" }, source: "HTSUS General Note 25" },
    IL: { name: "US-Israel FTA", origins: { IL: "1985-09-01" }, source: "HTSUS General Note 8" },
    CL: { name: "US-Chile FTA", origins: { CL: "2004-01-01" }, source: "HTSUS General Note 26" },
    CO: { name: "US-Colombia TPA", origins: { CO: "2012-05-15" }, source: "HTSUS General Note 34" },
    PE: { name: "US-Peru TPA", origins: { PE: "2009-02-01" }, source: "HTSUS General Note 32" },
    PA: { name: "US-Panama TPA", origins: { PA: "2012-10-31" }, source: "HTSUS General Note 35" },
    JO: { name: "US-Jordan FTA", origins: { JO: "2001-12-17" }, source: "HTSUS General Note 18" },
    MA: { name: "US-Morocco FTA", origins: { MA: "2006-01-01" }, source: "HTSUS General Note 27" },
    OM: { name: "US-Oman FTA", origins: { OM: "2009-01-01" }, source: "HTSUS General Note 31" },
    BH: { name: "US-Bahrain FTA", origins: { BH: "2006-08-01" }, source: "HTSUS General Note 30" },
  },
  JP: {
    EU: { name: "Japan-EU EPA", origins: from("2019-02-01", EU_COUNTRIES), source: "Japan-EU Economic Partnership Agreement (in force 1 Feb 2019)" },
    GB: { name: "Japan-UK CEPA", origins: { GB: "2021-01-01" }, source: "Japan-UK Comprehensive Economic Partnership Agreement (in force 1 Jan 2021)" },
    CPTPP: {
      name: "CPTPP",
      origins: { AU: "2018-12-30", CA: "2018-12-30", MX: "2018-12-30", NZ: "2018-12-30", SG: "2018-12-30", VN: "2019-01-14", PE: "2021-09-19", MY: "2022-11-29", CL: "2023-02-21", BN: "2023-07-12", GB: "2024-12-15" },
      source: "Comprehensive and Progressive Agreement for Trans-Pacific Partnership (Japan: 30 Dec 2018; later parties from their entry into force)",
    },
    AU: { name: "Japan-Australia EPA", origins: { AU: "2015-01-15" }, source: "Japan-Australia Economic Partnership Agreement (in force 15 Jan 2015)" },
    CH: { name: "Japan-Switzerland EPA", origins: { CH: "2009-09-01" }, source: "Japan-Switzerland Free Trade and Economic Partnership Agreement (in force 1 Sep 2009)" },
    SG: { name: "Japan-Singapore EPA", origins: { SG: "2002-11-30" }, source: "Japan-Singapore Economic Partnership Agreement (in force 30 Nov 2002)" },
    MX: { name: "Japan-Mexico EPA", origins: { MX: "2005-04-01" }, source: "Japan-Mexico Economic Partnership Agreement (in force 1 Apr 2005)" },
    IN: { name: "Japan-India CEPA", origins: { IN: "2011-08-01" }, source: "Japan-India Comprehensive Economic Partnership Agreement (in force 1 Aug 2011)" },
    US: { name: "US-Japan Trade Agreement", origins: { US: "2020-01-01" }, source: "Trade Agreement between Japan and the United States (in force 1 Jan 2020)" },
    "RCEP-CN": { name: "RCEP (China)", origins: { CN: "2022-01-01" }, source: "Regional Comprehensive Economic Partnership (Japan: 1 Jan 2022)" },
    "RCEP-KR": { name: "RCEP (Korea)", origins: { KR: "2022-02-01" }, source: "Regional Comprehensive Economic Partnership (Korea: 1 Feb 2022)" },
    "RCEP-ASEAN-AU-NZ": {
      name: "RCEP (ASEAN, Australia, New Zealand)",
      origins: { ...from("2022-01-01", ["AU", "NZ", "BN", "KH", "LA", "SG", "TH", "VN"]), MY: "2022-03-18", ID: "2023-01-02", PH: "2023-06-02" },
      source: "Regional Comprehensive Economic Partnership (Japan: 1 Jan 2022; later parties from their entry into force)",
    },
  },
};

export interface PreferentialRate {
  readonly program: string;
  readonly name: string;
  readonly rate: DutyRate;
  readonly source: string;
}

const adValoremPct = (r: DutyRate) => Number(r.adValorem.num) / Number(r.adValorem.den);

/** The special rates of a line; for a shorter code, the rates its lines share programme by programme. */
function specialOf(table: TariffTable, line: string): Readonly<Record<string, DutyRate>> | undefined {
  const exact = table.special.get(line);
  if (exact) return exact;
  const lines = (table.byHs6.get(line.slice(0, 6)) ?? []).filter((c) => c.startsWith(line));
  if (lines.length === 0) return undefined;
  const sets = lines.map((c) => table.special.get(c) ?? {});
  const shared: Record<string, DutyRate> = {};
  for (const [program, rate] of Object.entries(sets[0]!)) if (sets.every((s) => s[program]?.raw === rate.raw)) shared[program] = rate;
  return shared;
}

/**
 * The lowest preferential rate an originating good of `origin` may claim on `line` on `date`
 * (the caller checks the merchant holds proof of origin). Rates the engine cannot price are
 * skipped, so the general rate applies rather than a guess.
 */
export function preferentialRate(table: TariffTable, line: string, origin: string, date: string): PreferentialRate | undefined {
  const programs = programsByOrigin(table.meta.country).get(origin);
  if (!programs) return undefined;
  const rates = specialOf(table, line);
  if (!rates) return undefined;
  let best: PreferentialRate | undefined;
  for (const { code, since, program } of programs) {
    const rate = rates[code];
    if (since > date || !rate || rate.unsupported) continue;
    const better = !best || (rate.specific.length === 0 && (best.rate.specific.length > 0 || adValoremPct(rate) < adValoremPct(best.rate)));
    if (better) best = { program: code, name: program.name, rate, source: program.source };
  }
  return best;
}

type OriginPrograms = Map<string, { code: string; since: string; program: PreferenceProgram }[]>;
const byOrigin = new Map<string, OriginPrograms>();

/** The programmes of a tariff each origin may claim, indexed once per country. */
function programsByOrigin(country: string): OriginPrograms {
  let index = byOrigin.get(country);
  if (index) return index;
  index = new Map();
  for (const [code, program] of Object.entries(PREFERENCE_PROGRAMS[country] ?? {})) {
    for (const [origin, since] of Object.entries(program.origins)) {
      const list = index.get(origin);
      if (list) list.push({ code, since, program });
      else index.set(origin, [{ code, since, program }]);
    }
  }
  byOrigin.set(country, index);
  return index;
}

/** A rate the merchant (or their broker) sets; it wins over every table. */
export interface RateOverride {
  readonly country: string;
  /** HS or national code prefix, 2 to 10 digits. */
  readonly code: string;
  readonly rate: DutyRate;
  readonly validFrom?: string;
  readonly note?: string;
}

export function findOverride(overrides: readonly RateOverride[] | undefined, country: string, code: string, date: string): RateOverride | undefined {
  let best: RateOverride | undefined;
  for (const o of overrides ?? []) {
    if (o.country !== country || !code.startsWith(o.code) || (o.validFrom && o.validFrom > date)) continue;
    if (!best || o.code.length > best.code.length) best = o;
  }
  return best;
}

export interface OverrideRowError {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

/**
 * Reads merchant overrides from CSV text with the header `country,hs_code,rate[,valid_from][,note]`
 * (rate "12%", "Free" or a tariff expression such as "10% + 77.00 GBP/100kg"). Good rows are
 * returned with the errors of the bad ones, so one typo does not discard the file.
 */
export function parseOverridesCsv(text: string, currencyOf: (country: string) => string | undefined): { overrides: RateOverride[]; errors: OverrideRowError[] } {
  const overrides: RateOverride[] = [];
  const errors: OverrideRowError[] = [];
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (rows[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col("country") < 0 || col("hs_code") < 0 || col("rate") < 0) {
    return { overrides, errors: [{ row: 1, field: "header", message: "expected columns country,hs_code,rate[,valid_from][,note]" }] };
  }
  rows.slice(1).forEach((line, i) => {
    const row = i + 2;
    const cells = line.split(",").map((c) => c.trim());
    const country = (cells[col("country")] ?? "").toUpperCase();
    const code = (cells[col("hs_code")] ?? "").replace(/[.\s]/g, "");
    const rateText = cells[col("rate")] ?? "";
    const validFrom = col("valid_from") >= 0 ? cells[col("valid_from")] || undefined : undefined;
    const currency = currencyOf(country);
    if (!currency) return errors.push({ row, field: "country", message: `unknown destination "${country}"` });
    if (!/^\d{2,10}$/.test(code)) return errors.push({ row, field: "hs_code", message: `"${code}" is not 2-10 digits` });
    if (validFrom && !/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) return errors.push({ row, field: "valid_from", message: `"${validFrom}" is not YYYY-MM-DD` });
    let rate: DutyRate;
    try {
      rate = /^(free|\d+(\.\d+)?%?)$/i.test(rateText) ? parsePercentDuty(rateText) : parseDuty(rateText, currency);
    } catch {
      return errors.push({ row, field: "rate", message: `"${rateText}" is not a duty rate` });
    }
    if (rate.unsupported) return errors.push({ row, field: "rate", message: `"${rateText}" is not a duty the engine can price` });
    overrides.push({ country, code, rate, validFrom, note: col("note") >= 0 ? cells[col("note")] : undefined });
  });
  return { overrides, errors };
}

/** US Section 301 additional duties on goods of Chinese origin, per HTS 8-digit line, dated. */
export interface ExtraDutyTable {
  readonly meta: { program: string; origin: string; asOf: string; source: string; licence: string };
  readonly headings: Readonly<Record<string, readonly { from: string; ratePct: number }[]>>;
  readonly lines: Readonly<Record<string, string>>;
}

export function extraDutyFor(table: ExtraDutyTable | undefined, origin: string, code: string, date: string): { heading: string; rate: DutyRate } | undefined {
  if (!table || origin !== table.meta.origin) return undefined;
  const heading = table.lines[code.slice(0, 8)];
  if (!heading) return undefined;
  const periods = table.headings[heading] ?? [];
  let pct: number | undefined;
  for (const p of periods) if (p.from <= date) pct = p.ratePct;
  if (pct === undefined || pct === 0) return undefined;
  return { heading, rate: parsePercentDuty(String(pct)) };
}

export { FREE };
