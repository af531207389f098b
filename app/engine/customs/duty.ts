import { ratioOf, type Ratio } from "../money";

/** The quantity a specific duty is charged on. */
export type DutyUnit = "kg" | "100kg" | "tonne" | "l" | "hl" | "item" | "1000items" | "pair" | "dozen";

export interface SpecificDuty {
  /** Amount per unit in millionths of the currency's major unit (6.3 US cents = 63,000). */
  readonly micros: number;
  readonly currency: string;
  readonly per: DutyUnit;
}

/**
 * A duty as the tariff writes it: ad valorem (a share of the customs value), specific (an amount
 * per kg, litre, item...) or compound (both, added). Text the engine cannot price exactly (entry
 * prices, agricultural components, duties per % vol) is kept as `unsupported` so a quote refuses
 * it instead of guessing.
 */
export interface DutyRate {
  readonly raw: string;
  readonly adValorem: Ratio;
  readonly specific: readonly SpecificDuty[];
  readonly unsupported?: string;
}

const ZERO: Ratio = { num: 0n, den: 1n };
const NUM = String.raw`(\d+(?:[.,]\d+)?)`;

const UNITS: Record<string, DutyUnit> = {
  kg: "kg", "100kg": "100kg", "100 kg": "100kg", tonne: "tonne", t: "tonne",
  liter: "l", litre: "l", l: "l", hl: "hl",
  each: "item", item: "item", items: "item", "no.": "item", "1000items": "1000items", "1000 items": "1000items", "1,000 items": "1000items",
  pr: "pair", "pr.": "pair", pair: "pair", doz: "dozen", "doz.": "dozen", dozen: "dozen",
};

function percent(text: string): Ratio {
  const r = ratioOf(text.replace(",", "."));
  return { num: r.num, den: r.den * 100n };
}

function micros(major: string): number {
  const r = ratioOf(major.replace(",", ""));
  return Number((r.num * 1_000_000n) / r.den);
}

function unitOf(text: string): DutyUnit | undefined {
  return UNITS[text.trim().toLowerCase().replace(/\s+/g, " ")] ?? UNITS[text.trim().toLowerCase().replace(/\s+/g, "")];
}

function specificComponent(part: string, currency: string): SpecificDuty | undefined {
  let m = new RegExp(String.raw`^${NUM}\s*¢\s*(?:/\s*|\s+)(.+)$`).exec(part);
  if (m && currency === "USD") {
    const per = unitOf(m[2]!);
    return per && { micros: micros(m[1]!) / 100, currency, per };
  }
  m = new RegExp(String.raw`^\$${NUM}\s*(?:/\s*|\s+)(.+)$`).exec(part);
  if (m && currency === "USD") {
    const per = unitOf(m[2]!);
    return per && { micros: micros(m[1]!), currency, per };
  }
  // "77.00 GBP/100kg", "4300 JPY/pair", "0.526 AUD/l": amounts in the tariff's own currency only.
  m = new RegExp(String.raw`^(\d[\d,]*(?:\.\d+)?)\s*([A-Z]{3})\s*/\s*(.+)$`).exec(part);
  if (m && m[2] === currency) {
    const per = unitOf(m[3]!);
    return per && { micros: micros(m[1]!), currency, per };
  }
  return undefined;
}

/** Parses one duty expression of a tariff whose amounts are in `currency`. */
export function parseDuty(raw: string, currency: string): DutyRate {
  const text = raw.trim();
  if (/^free$/i.test(text) || text === "") return { raw, adValorem: ZERO, specific: [] };
  let adValorem = ZERO;
  const specific: SpecificDuty[] = [];
  for (const part of text.split("+").map((p) => p.trim())) {
    const pct = new RegExp(String.raw`^${NUM}\s*%$`).exec(part);
    if (pct) {
      if (adValorem !== ZERO) return { raw, adValorem: ZERO, specific: [], unsupported: text };
      adValorem = percent(pct[1]!);
      continue;
    }
    if (/^free$/i.test(part)) continue;
    const s = specificComponent(part, currency);
    if (!s) return { raw, adValorem: ZERO, specific: [], unsupported: text };
    specific.push(s);
  }
  return { raw, adValorem, specific };
}

/** A percentage written by a person or a CSV ("12", "12.5%", "Free"). */
export function parsePercentDuty(text: string): DutyRate {
  const t = text.trim().replace(/%$/, "");
  if (/^free$/i.test(t)) return { raw: text, adValorem: ZERO, specific: [] };
  return { raw: text, adValorem: percent(t), specific: [] };
}

export const FREE: DutyRate = { raw: "Free", adValorem: ZERO, specific: [] };
