/**
 * The landed-cost calculator's server side: turns what a person typed (amounts in major units,
 * countries, codes) into a quote input, refusing anything malformed with the field it concerns,
 * and quotes it with the shipped customs tables and the reference FX table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CustomsError } from "../../engine/customs/errors";
import { quoteLandedCost, type CustomsTables, type LandedCostQuote, type QuoteInput, type QuoteLineInput } from "../../engine/customs/quote";
import { parsePercentDuty } from "../../engine/customs/duty";
import { normaliseHsCode } from "../../engine/customs/hs";
import { destinationRule, DESTINATIONS, EU_COUNTRIES } from "../../engine/customs/rules";
import type { RateOverride } from "../../engine/customs/tariff";
import { currencyExponent, isCurrencyCode, type FxTable } from "../../engine/money";
import { loadCustomsTables } from "./tables.server";

let tables: CustomsTables | undefined;
/** The customs tables and the reference FX table, read once per process. */
export function calculatorTables(): CustomsTables {
  if (!tables) {
    const fx = JSON.parse(readFileSync(join(process.cwd(), "data", "fx", "reference-rates.json"), "utf8")) as FxTable;
    tables = loadCustomsTables(fx);
  }
  return tables;
}

/** Every destination a quote can be made for: the supported countries and each EU member. */
export function calculatorDestinations(): { code: string; name: string }[] {
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const codes = [...Object.keys(DESTINATIONS).filter((c) => c !== "EU"), ...EU_COUNTRIES];
  return [...new Set(codes)].map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name));
}

export interface CalculatorLine {
  description?: string;
  hsCode?: string;
  originCountry?: string;
  quantity?: string;
  unitValue?: string;
  weightGrams?: string;
  proofOfOrigin?: boolean;
  /** The merchant's (or broker's) ad valorem rate for this line's code, e.g. "18" or "Free". */
  dutyRate?: string;
}

export interface CalculatorInput {
  destination?: string;
  region?: string;
  shipFrom?: string;
  currency?: string;
  date?: string;
  incoterm?: string;
  mode?: string;
  shipping?: string;
  insurance?: string;
  ddpFee?: string;
  brokerage?: string;
  lines?: CalculatorLine[];
}

/** "12.50" in `currency` to minor units; the field is named when the text is not an amount. */
export function parseAmount(text: string | undefined, currency: string, field: string, optional = false): number {
  const t = (text ?? "").trim().replace(/,/g, "");
  if (t === "") {
    if (optional) return 0;
    throw new CustomsError("invalid_input", field, "an amount is required");
  }
  if (/^-/.test(t)) throw new CustomsError("invalid_input", field, `must not be negative (got ${t})`);
  const digits = currencyExponent(currency);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) throw new CustomsError("invalid_input", field, `"${text}" is not an amount`);
  if ((m[2] ?? "").length > digits) throw new CustomsError("invalid_input", field, `${currency} has ${digits} decimal places; "${text}" has more`);
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || 0);
}

function parseCount(text: string | undefined, field: string, optional = false): number | undefined {
  const t = (text ?? "").trim();
  if (t === "" && optional) return undefined;
  if (!/^\d+$/.test(t) || Number(t) <= 0) throw new CustomsError("invalid_input", field, `must be a positive whole number (got "${text ?? ""}")`);
  return Number(t);
}

/** The calculator's form as a quote input, with every amount in minor units of the chosen currency. */
export function toQuoteInput(form: CalculatorInput): QuoteInput {
  const currency = (form.currency ?? "").trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw new CustomsError("unsupported_currency", "currency", `"${form.currency ?? ""}" is not an ISO 4217 currency`);
  if (!Array.isArray(form.lines) || form.lines.length === 0) throw new CustomsError("invalid_input", "lines", "at least one line is required");
  const lines = form.lines.map((l, i): QuoteLineInput => {
    const f = `lines[${i}]`;
    const weight = parseCount(l.weightGrams, `${f}.weightGrams`, true);
    return {
      description: l.description,
      hsCode: (l.hsCode ?? "").trim(),
      originCountry: (l.originCountry ?? "").trim().toUpperCase(),
      quantity: parseCount(l.quantity, `${f}.quantity`)!,
      unitValue: parseAmount(l.unitValue, currency, `${f}.unitValue`),
      ...(weight ? { netWeightGrams: weight } : {}),
      proofOfOrigin: l.proofOfOrigin === true,
    };
  });
  const incoterm = form.incoterm === "DAP" ? "DAP" : form.incoterm === "DDP" ? "DDP" : (form.incoterm as "DDP");
  return {
    date: (form.date ?? "").trim(),
    destination: { country: (form.destination ?? "").trim().toUpperCase(), ...(form.region ? { region: form.region.trim().toUpperCase() } : {}) },
    shipFrom: (form.shipFrom ?? "").trim().toUpperCase(),
    currency,
    incoterm,
    mode: form.mode === "postal" ? "postal" : "courier",
    lines,
    shipping: parseAmount(form.shipping, currency, "shipping", true),
    insurance: parseAmount(form.insurance, currency, "insurance", true),
    fees: { ddpFee: parseAmount(form.ddpFee, currency, "fees.ddpFee", true), brokerage: parseAmount(form.brokerage, currency, "fees.brokerage", true) },
    // A 6-digit code often covers national lines with different rates; the calculator shows the highest, marked as an estimate.
    dutyEstimate: "highest",
  };
}

export type CalculatorResult = { ok: true; quote: LandedCostQuote } | { ok: false; error: { field: string; code: string; message: string } };

/**
 * Rates typed beside the lines, as merchant overrides for the destination's tariff: they win over
 * the shipped tables and fill in destinations whose schedule is not shipped.
 */
export function lineOverrides(form: CalculatorInput): RateOverride[] {
  const dest = destinationRule((form.destination ?? "").trim().toUpperCase())?.rule.country;
  if (!dest) return [];
  return (form.lines ?? []).flatMap((l, i): RateOverride[] => {
    const text = (l.dutyRate ?? "").trim();
    if (!text) return [];
    if (!/^(free|\d{1,3}(\.\d{1,4})?\s*%?)$/i.test(text)) throw new CustomsError("invalid_input", `lines[${i}].dutyRate`, `"${text}" is not a duty rate (a percentage such as 4.5, or Free)`);
    const code = normaliseHsCode(l.hsCode, `lines[${i}].hsCode`);
    return [{ country: dest, code, rate: parsePercentDuty(text.replace(/\s+/g, "")), note: `rate entered for line ${i + 1}` }];
  });
}

export function calculateLandedCost(form: CalculatorInput, customs: CustomsTables = calculatorTables()): CalculatorResult {
  try {
    const entered = lineOverrides(form);
    const tablesWithRates = entered.length ? { ...customs, overrides: [...(customs.overrides ?? []), ...entered] } : customs;
    return { ok: true, quote: quoteLandedCost(toQuoteInput(form), tablesWithRates) };
  } catch (e) {
    if (e instanceof CustomsError) return { ok: false, error: { field: e.field, code: e.code, message: e.message } };
    throw e;
  }
}
