import { CustomsError } from "./errors";
import { FREE, parseDuty, parsePercentDuty, type DutyRate } from "./duty";

export interface TariffMeta {
  readonly country: string;
  readonly currency: string;
  readonly nomenclature: string;
  readonly edition: string;
  readonly validFrom: string;
  readonly source: string;
  readonly licence: string;
}

/** A national tariff: duty per national line (8 or 10 digits), with an index by HS subheading. */
export interface TariffTable {
  readonly meta: TariffMeta;
  readonly lines: ReadonlyMap<string, DutyRate>;
  readonly byHs6: ReadonlyMap<string, readonly string[]>;
  /** Preferential rates by programme code (US special column: "S" = USMCA, "AU", "KR"...). */
  readonly special: ReadonlyMap<string, Readonly<Record<string, DutyRate>>>;
}

export function buildTariff(data: { meta: TariffMeta; lines: Record<string, string>; special?: Record<string, Record<string, string>> }): TariffTable {
  const lines = new Map<string, DutyRate>();
  const byHs6 = new Map<string, string[]>();
  for (const [code, raw] of Object.entries(data.lines)) {
    if (!/^\d{8,10}$/.test(code)) throw new CustomsError("invalid_data", `tariff-${data.meta.country} ${code}`, "national line must be 8-10 digits");
    lines.set(code, parseDuty(raw, data.meta.currency));
    const hs6 = code.slice(0, 6);
    const list = byHs6.get(hs6);
    if (list) list.push(code);
    else byHs6.set(hs6, [code]);
  }
  const special = new Map<string, Record<string, DutyRate>>();
  for (const [code, programs] of Object.entries(data.special ?? {})) {
    const parsed: Record<string, DutyRate> = {};
    for (const [p, r] of Object.entries(programs)) parsed[p] = parsePercentDuty(r);
    special.set(code, parsed);
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
  for (let len = Math.min(code.length, 10); len >= 8; len -= 2) {
    const rate = table.lines.get(code.slice(0, len));
    if (rate) return { line: code.slice(0, len), rate, estimate: false };
  }
  const candidates = (table.byHs6.get(code.slice(0, 6)) ?? []).filter((c) => c.startsWith(code) || code.startsWith(c));
  if (candidates.length === 0) {
    throw new CustomsError("no_duty_rate", field, `${table.meta.country} tariff (${table.meta.edition}) has no line for ${code}`);
  }
  const rates = candidates.map((c) => ({ line: c, rate: table.lines.get(c)! }));
  const distinct = new Set(rates.map((r) => r.rate.raw));
  if (distinct.size === 1) return { line: code, rate: rates[0]!.rate, estimate: false };
  if (ambiguous === "error") {
    throw new CustomsError("ambiguous_duty_rate", field, `${code} covers ${candidates.length} ${table.meta.country} lines with different duties (${[...distinct].slice(0, 4).join("; ")}); give the national code`);
  }
  const priced = rates.filter((r) => !r.rate.unsupported && r.rate.specific.length === 0);
  if (priced.length === 0) throw new CustomsError("unsupported_duty", field, `${code}: the ${table.meta.country} lines carry duties that need the national code`);
  const highest = priced.reduce((a, b) => (ratePct(b.rate) > ratePct(a.rate) ? b : a));
  return { line: highest.line, rate: highest.rate, estimate: true };
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
