import {
  convertExact, currencyExponent, divideRounded, fxRatio, isCurrencyCode, money, MoneyError, mulRatio, ratioOf,
  type FxTable, type Money, type Ratio,
} from "../money";
import { FREE, type DutyRate, type DutyUnit } from "./duty";
import { CustomsError } from "./errors";
import { normaliseHsCode, requireSubheading, type Nomenclature } from "./hs";
import {
  destinationRule, EU_COUNTRIES, inForce, regimeInForce,
  type DestinationRule, type LowValueContext, type LowValueOutcome, type SellerRegistrations,
} from "./rules";
import { extraDutyFor, findOverride, lookupDuty, preferentialRate, type ExtraDutyTable, type RateOverride, type TariffTable } from "./tariff";

export interface QuoteLineInput {
  readonly sku?: string;
  readonly description?: string;
  readonly hsCode: string;
  readonly originCountry: string;
  readonly quantity: number;
  /** Price of one unit in minor units of `QuoteInput.currency`. */
  readonly unitValue: number;
  /** Net weight of one unit, grams (needed by duties per kg). */
  readonly netWeightGrams?: number;
  /** Volume of one unit, millilitres (needed by duties per litre). */
  readonly volumeMl?: number;
  /** The merchant holds proof of preferential origin (USMCA certification, TCA statement...). */
  readonly proofOfOrigin?: boolean;
}

export interface QuoteInput {
  /** The day the goods are imported, YYYY-MM-DD: the rules in force that day apply. */
  readonly date: string;
  readonly destination: { readonly country: string; readonly region?: string };
  /** Country the parcel is shipped from (place of direct shipment). */
  readonly shipFrom: string;
  /** Currency of every amount in the input (the checkout's presentment currency). */
  readonly currency: string;
  readonly lines: readonly QuoteLineInput[];
  /** International shipping charged or paid, minor units. */
  readonly shipping: number;
  readonly insurance?: number;
  /** Transport after entry to the final address (part of the EU/UK/CH VAT base, not of customs value). */
  readonly onwardTransport?: number;
  readonly incoterm: "DDP" | "DAP";
  readonly mode?: "courier" | "postal";
  readonly seller?: SellerRegistrations;
  readonly fees?: { readonly ddpFee?: number; readonly brokerage?: number };
  /** When a 6-digit code covers national lines with different duties: refuse (default) or take the highest. */
  readonly dutyEstimate?: "error" | "highest";
}

export interface CustomsTables {
  readonly nomenclature: Nomenclature;
  /** National tariffs by the code destination rules name them with (US, GB, EU, JP, AU...). */
  readonly tariffs: Readonly<Partial<Record<string, TariffTable>>>;
  readonly usSection301?: ExtraDutyTable;
  readonly fx: FxTable;
  readonly overrides?: readonly RateOverride[];
}

export interface TraceEntry {
  readonly rule: string;
  readonly detail: string;
  readonly source: string;
  readonly line?: number;
}

export interface QuoteLineResult {
  readonly index: number;
  readonly hsCode: string;
  readonly tariffLine?: string;
  readonly dutyRate: string;
  readonly estimate: boolean;
  /** The tariff table the duty rate was read from: which edition, in force from when. */
  readonly dutyTable?: { readonly country: string; readonly edition: string; readonly validFrom: string; readonly source: string };
  readonly customsValue: Money;
  readonly duty: Money;
  readonly tax: Money;
}

export interface LandedCostQuote {
  readonly destination: string;
  readonly currency: string;
  readonly regime: string;
  readonly lines: readonly QuoteLineResult[];
  readonly totals: { readonly goods: Money; readonly customsValue: Money; readonly duty: Money; readonly tax: Money; readonly fees: Money; readonly total: Money };
  readonly taxName: string;
  readonly taxCollectedAtSale: boolean;
  readonly collectedAtCheckout: Money;
  readonly collectedAtDoor: Money;
  /** The same two amounts in the input (presentment) currency. */
  readonly presentment: { readonly collectedAtCheckout: Money; readonly collectedAtDoor: Money };
  readonly trace: readonly TraceEntry[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;

function requireAmount(value: number | undefined, field: string, optional = false): number {
  if (value === undefined && optional) return 0;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new CustomsError("invalid_input", field, "must be an integer amount in minor units");
  if (value < 0) throw new CustomsError("invalid_input", field, `must not be negative (got ${value})`);
  return value;
}

/** Splits `total` over `weights` in proportion, the remainders going to the largest fractions. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  if (left === 0) return shares;
  if (total > 0 && left < weights.length && weights.every((w) => w >= 0)) {
    // The units left go to the largest remainders, the earlier line first on a tie: what the
    // stable sort below gives, without sorting (a quote allocates several times per service).
    const remainders = weights.map((w) => (total * w) % sum);
    for (; left > 0; left--) {
      let best = 0;
      for (let i = 1; i < remainders.length; i++) if (remainders[i]! > remainders[best]!) best = i;
      shares[best]! += 1;
      remainders[best] = -1;
    }
    return shares;
  }
  const order = weights.map((w, i) => ({ i, r: (total * w) % sum })).sort((a, b) => b.r - a.r);
  for (let k = 0; left > 0; k++, left--) shares[order[k % order.length]!.i]! += 1;
  return shares;
}

const PER_UNIT: Record<DutyUnit, { need: "weight" | "volume" | "count"; den: number }> = {
  kg: { need: "weight", den: 1000 }, "100kg": { need: "weight", den: 100_000 }, tonne: { need: "weight", den: 1_000_000 },
  l: { need: "volume", den: 1000 }, hl: { need: "volume", den: 100_000 },
  item: { need: "count", den: 1 }, "1000items": { need: "count", den: 1000 }, pair: { need: "count", den: 1 }, dozen: { need: "count", den: 12 },
};

/** What a landed-cost quote needs of the shipment: each carrier service of a cart prices it differently. */
export type ShipmentInput = Pick<QuoteInput, "shipping" | "insurance" | "onwardTransport" | "incoterm" | "mode" | "fees">;
/** Everything else: the cart, where it goes, when, in which currency. */
export type CartInput = Omit<QuoteInput, keyof ShipmentInput>;

export interface PreparedLandedCost {
  /** The landed cost of the cart shipped this way: the same answer as `quoteLandedCost({ ...cart, ...shipment })`. */
  quote(shipment: ShipmentInput): LandedCostQuote;
}

export function quoteLandedCost(input: QuoteInput, tables: CustomsTables): LandedCostQuote {
  return prepareLandedCost(input, tables).quote(input);
}

/**
 * The part of a landed-cost quote that does not depend on the shipment, worked out once per cart:
 * validation, the lines' values in the destination's currency, the low-value regime in force and
 * each line's duty rate (looked up the first time a shipment needs it). Checkout prices one cart
 * with every carrier service; each of them then redoes only what the freight changes: CIF values,
 * the low-value outcome, duties on those values, the tax base and the fees.
 */
export function prepareLandedCost(cart: CartInput, tables: CustomsTables): PreparedLandedCost {
  const prepared = prepareCart(cart, tables);
  return { quote: (shipment) => landedCostOf(prepared, shipment) };
}

function prepareCart(cart: CartInput, tables: CustomsTables) {
  if (typeof cart.date !== "string" || !DATE.test(cart.date)) throw new CustomsError("invalid_input", "date", "must be YYYY-MM-DD");
  const country = cart.destination?.country;
  const found = typeof country === "string" ? destinationRule(country) : undefined;
  if (!found) throw new CustomsError("unknown_country", "destination.country", `"${country}" is not a supported destination`);
  const { rule, vatRates } = found;
  if (typeof cart.currency !== "string" || !isCurrencyCode(cart.currency)) throw new CustomsError("unsupported_currency", "currency", `"${cart.currency}" is not an ISO 4217 currency`);
  if (typeof cart.shipFrom !== "string" || !COUNTRY.test(cart.shipFrom)) throw new CustomsError("unknown_country", "shipFrom", `"${cart.shipFrom}" is not an ISO 3166 country code`);
  if (!Array.isArray(cart.lines) || cart.lines.length === 0) throw new CustomsError("invalid_input", "lines", "at least one line is required");

  const D = rule.currency;
  const rates = new Map<string, Ratio>();
  const ratioTo = (from: string, to: string, field: string): Ratio => {
    const key = `${from}>${to}`;
    let r = rates.get(key);
    if (!r) {
      try {
        r = fxRatio(tables.fx, from, to);
      } catch (e) {
        if (e instanceof MoneyError) throw new CustomsError("unsupported_currency", field, `no ${from}->${to} rate in the FX table of ${tables.fx.date}`);
        throw e;
      }
      rates.set(key, r);
    }
    return r;
  };
  const inRate = ratioTo(cart.currency, D, "currency");
  const toD = (amount: number) => convertExact(money(amount, cart.currency), D, inRate).amount;
  const toLocal = (major: string, currency: string) => {
    const r = ratioOf(major);
    const minor = Number(divideRounded(r.num * 10n ** BigInt(currencyExponent(currency)), r.den));
    return currency === D ? minor : convertExact(money(minor, currency), D, ratioTo(currency, D, "currency")).amount;
  };

  const lines = cart.lines.map((l, i) => {
    const f = `lines[${i}]`;
    const hs = normaliseHsCode(l?.hsCode, `${f}.hsCode`);
    requireSubheading(tables.nomenclature, hs, `${f}.hsCode`);
    if (typeof l.originCountry !== "string" || !COUNTRY.test(l.originCountry)) throw new CustomsError("unknown_country", `${f}.originCountry`, `"${l.originCountry}" is not an ISO 3166 country code`);
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new CustomsError("invalid_input", `${f}.quantity`, "must be a positive integer");
    const unit = requireAmount(l.unitValue, `${f}.unitValue`);
    return { input: l, hs, value: toD(unit * l.quantity), unitD: toD(unit) };
  });
  const values = lines.map((l) => l.value);
  const cif = rule.valuation === "CIF";

  // A line's duty rate and US section 301 duty, with the trace they leave: looked up once per cart.
  const tariffRates: { resolved: ReturnType<typeof resolveDuty>; extra: ReturnType<typeof extraDutyFor>; trace: TraceEntry[]; extraTrace: TraceEntry | null }[] = [];
  const tariffRateOf = (i: number) => {
    let rate = tariffRates[i];
    if (!rate) {
      const l = lines[i]!;
      const trace: TraceEntry[] = [];
      const resolved = resolveDuty(rule, l.hs, l.input, cart.date, tables, cart.dutyEstimate ?? "error", `lines[${i}]`, trace, i);
      const extra = rule.country === "US" ? extraDutyFor(tables.usSection301, l.input.originCountry, l.hs, cart.date) : undefined;
      const extraTrace = extra ? { rule: "us-section-301", line: i, detail: `+${extra.rate.raw}% under ${extra.heading} (origin CN)`, source: `${tables.usSection301!.meta.source}; ${tables.usSection301!.meta.asOf}` } : null;
      tariffRates[i] = rate = { resolved, extra, trace, extraTrace };
    }
    return rate;
  };

  return {
    cart, rule, vatRates, D, ratioTo, toD, toLocal, lines, values, cif, tariffRateOf,
    goods: values.reduce((a, b) => a + b, 0),
    maxItemValue: Math.max(...lines.map((l) => l.unitD)),
    regime: regimeInForce(rule.lowValue, cart.date),
    valuationTrace: { rule: `valuation-${rule.valuation}`, detail: `${rule.name} values goods ${rule.valuation}${cif ? " (freight and insurance added)" : " (freight and insurance excluded)"}`, source: rule.valuationSource } as TraceEntry,
    fxTrace: cart.currency !== D ? { rule: "fx", detail: `${cart.currency} converted to ${D} with the ${tables.fx.date} table`, source: tables.fx.source } as TraceEntry : null,
  };
}

function landedCostOf(c: ReturnType<typeof prepareCart>, input: ShipmentInput): LandedCostQuote {
  const { cart, rule, vatRates, D, ratioTo, toD, toLocal, lines, values, cif, goods } = c;
  if (input.incoterm !== "DDP" && input.incoterm !== "DAP") throw new CustomsError("invalid_input", "incoterm", "must be DDP or DAP");
  const trace: TraceEntry[] = [];
  const shipping = toD(requireAmount(input.shipping, "shipping"));
  const insurance = toD(requireAmount(input.insurance, "insurance", true));
  const onward = toD(requireAmount(input.onwardTransport, "onwardTransport", true));
  const freightAlloc = allocate(shipping + insurance, values);
  const onwardAlloc = allocate(onward, values);
  const customsValues = lines.map((l, i) => l.value + (cif ? freightAlloc[i]! : 0));
  trace.push(c.valuationTrace);
  if (c.fxTrace) trace.push(c.fxTrace);

  const ctx: LowValueContext = {
    date: cart.date, goodsValue: goods, consignmentValue: goods + shipping + insurance, customsValue: customsValues.reduce((a, b) => a + b, 0),
    maxItemValue: c.maxItemValue, shipFrom: cart.shipFrom, mode: input.mode ?? "courier", seller: cart.seller ?? {}, toLocal,
  };
  const outcome: LowValueOutcome = c.regime ? c.regime.evaluate(ctx) : { id: "none", duty: "charge", tax: "border", note: "no low-value regime", source: "" };
  trace.push({ rule: outcome.id, detail: outcome.note, source: outcome.source });

  // Duties, line by line.
  const duties: number[] = [];
  const results: { tariffLine?: string; dutyRate: string; estimate: boolean; dutyTable?: QuoteLineResult["dutyTable"] }[] = [];
  const categories = new Set<string>();
  lines.forEach((l, i) => {
    const f = `lines[${i}]`;
    if (outcome.globalRatePct) {
      duties.push(0);
      results.push({ dutyRate: `global ${outcome.globalRatePct}%`, estimate: false });
      return;
    }
    if (outcome.importDuty) {
      duties.push(mulRatio(customsValues[i]!, pct(outcome.importDuty.pct)));
      results.push({ dutyRate: `${outcome.importDuty.pct}%`, estimate: false });
      return;
    }
    if (outcome.duty === "waive") {
      duties.push(0);
      results.push({ dutyRate: "relieved", estimate: false });
      return;
    }
    if (outcome.duty === "flat-per-category") {
      const first = !categories.has(l.hs.slice(0, 6));
      categories.add(l.hs.slice(0, 6));
      duties.push(first ? toLocal(outcome.flatDutyPerCategory!.major, outcome.flatDutyPerCategory!.currency) : 0);
      results.push({ dutyRate: `flat ${outcome.flatDutyPerCategory!.major} ${outcome.flatDutyPerCategory!.currency} per category`, estimate: false });
      return;
    }
    const { resolved, extra, trace: rateTrace, extraTrace } = c.tariffRateOf(i);
    trace.push(...rateTrace);
    let duty = dutyAmount(resolved.rate, customsValues[i]!, l.input, D, f, (cur) => ratioTo(cur, D, `${f}.hsCode`));
    if (extra) {
      duty += mulRatio(customsValues[i]!, extra.rate.adValorem);
      trace.push(extraTrace!);
    }
    duties.push(duty);
    results.push({ tariffLine: resolved.line, dutyRate: resolved.rate.raw + (extra ? ` + ${extra.rate.raw}% s.301` : ""), estimate: resolved.estimate, dutyTable: resolved.table });
  });
  if (outcome.importDuty?.deductMajor) {
    const deduct = Math.min(toLocal(outcome.importDuty.deductMajor, outcome.importDuty.currency ?? D), duties.reduce((a, b) => a + b, 0));
    allocate(deduct, duties).forEach((d, i) => (duties[i]! -= d));
  }
  if (outcome.waiveDutyUpTo !== undefined && duties.reduce((a, b) => a + b, 0) <= outcome.waiveDutyUpTo) duties.fill(0);

  // Import tax.
  const taxes = new Array<number>(lines.length).fill(0);
  let taxName = rule.tax?.name ?? "none";
  if (outcome.globalRatePct) {
    taxName = "Global rate (duty and IVA)";
    const total = mulRatio(customsValues.reduce((a, b) => a + b, 0), pct(outcome.globalRatePct));
    allocate(total, customsValues).forEach((t, i) => (taxes[i] = t));
  } else if (rule.tax && outcome.tax !== "waive") {
    const region = cart.destination.region ? rule.tax.regions?.[cart.destination.region] : undefined;
    const rateText = inForce(region?.rates ?? vatRates ?? rule.tax.rates, cart.date);
    if (rateText === undefined) throw new CustomsError("invalid_input", "date", `no ${rule.tax.name} rate in force on ${cart.date}`);
    if (region) taxName = region.name;
    let rate = pct(rateText);
    if (outcome.statutoryTaxShare) rate = { num: rate.num * ratioOf(outcome.statutoryTaxShare).num, den: rate.den * ratioOf(outcome.statutoryTaxShare).den };
    const bases = lines.map((_, i) => {
      if (outcome.tax === "at-sale") return values[i]! + freightAlloc[i]!;
      switch (rule.tax!.base) {
        case "cv+duty": return customsValues[i]! + duties[i]! + onwardAlloc[i]!;
        case "cv+duty+freight": return customsValues[i]! + duties[i]! + (cif ? 0 : freightAlloc[i]!);
        case "vfd+duty": return customsValues[i]! + duties[i]!;
        case "cv*1.1+duty": return mulRatio(customsValues[i]!, { num: 11n, den: 10n }) + duties[i]!;
        case "por-dentro": return Number(divideRounded(BigInt(customsValues[i]! + duties[i]!) * rate.den, rate.den - rate.num));
        case "none": return 0;
      }
    });
    let base = bases.reduce((a, b) => a + b, 0);
    if (rule.rounding?.truncateBaseTo) base -= base % rule.rounding.truncateBaseTo;
    let total = mulRatio(base, rate);
    if (rule.rounding?.truncateAmountsTo) total -= total % rule.rounding.truncateAmountsTo;
    if (outcome.waiveTaxUpTo !== undefined && total <= outcome.waiveTaxUpTo) {
      trace.push({ rule: `${outcome.id}-tax-waived`, detail: `${taxName} of ${total} minor units not levied (at or under the threshold)`, source: outcome.source });
      total = 0;
    }
    allocate(total, bases).forEach((t, i) => (taxes[i] = t));
    trace.push({ rule: `tax-${rule.tax.base}`, detail: `${taxName} ${rateText}%${outcome.statutoryTaxShare ? ` x ${outcome.statutoryTaxShare}` : ""} on ${outcome.tax === "at-sale" ? "the sale price incl. delivery (collected by the seller)" : `base ${rule.tax.base}`}`, source: rule.tax.source });
  }
  if (rule.rounding?.truncateAmountsTo) {
    const step = rule.rounding.truncateAmountsTo;
    const dutyTotal = duties.reduce((a, b) => a + b, 0);
    allocate(dutyTotal - (dutyTotal % step), duties).forEach((d, i) => (duties[i] = d));
    trace.push({ rule: "rounding", detail: `amounts truncated to ${step} minor units`, source: rule.rounding.source ?? "" });
  }
  if (outcome.waiveTotalBelow !== undefined) {
    const sum = duties.reduce((a, b) => a + b, 0) + taxes.reduce((a, b) => a + b, 0);
    if (sum < outcome.waiveTotalBelow) {
      duties.fill(0);
      taxes.fill(0);
      trace.push({ rule: `${outcome.id}-waived`, detail: "duty and tax together under the collection threshold: not collected", source: outcome.source });
    }
  }

  const ddpFee = input.incoterm === "DDP" ? toD(requireAmount(input.fees?.ddpFee, "fees.ddpFee", true)) : 0;
  const brokerage = toD(requireAmount(input.fees?.brokerage, "fees.brokerage", true));
  const dutyTotal = duties.reduce((a, b) => a + b, 0);
  const taxTotal = taxes.reduce((a, b) => a + b, 0);
  const atSale = outcome.tax === "at-sale" ? taxTotal : 0;
  const border = dutyTotal + taxTotal - atSale + brokerage;
  const checkout = atSale + ddpFee + (input.incoterm === "DDP" ? border : 0);
  const door = input.incoterm === "DAP" ? border : 0;
  trace.push({ rule: `incoterm-${input.incoterm}`, detail: input.incoterm === "DDP" ? "duties, border taxes and fees collected at checkout" : "duties and border taxes paid by the buyer at the door", source: "Incoterms 2020" });
  const back = (amount: number) => (D === cart.currency ? money(amount, D) : convertExact(money(amount, D), cart.currency, ratioTo(D, cart.currency, "currency")));

  return {
    destination: cart.destination.country,
    currency: D,
    regime: outcome.id,
    lines: lines.map((l, i) => ({
      index: i, hsCode: l.hs, tariffLine: results[i]!.tariffLine, dutyRate: results[i]!.dutyRate, estimate: results[i]!.estimate, dutyTable: results[i]!.dutyTable,
      customsValue: money(customsValues[i]!, D), duty: money(duties[i]!, D), tax: money(taxes[i]!, D),
    })),
    totals: {
      goods: money(goods, D), customsValue: money(ctx.customsValue, D), duty: money(dutyTotal, D), tax: money(taxTotal, D),
      fees: money(ddpFee + brokerage, D), total: money(dutyTotal + taxTotal + ddpFee + brokerage, D),
    },
    taxName,
    taxCollectedAtSale: outcome.tax === "at-sale",
    collectedAtCheckout: money(checkout, D),
    collectedAtDoor: money(door, D),
    presentment: { collectedAtCheckout: back(checkout), collectedAtDoor: back(door) },
    trace,
  };
}

function pct(text: string): Ratio {
  const r = ratioOf(text);
  return { num: r.num, den: r.den * 100n };
}

function resolveDuty(rule: DestinationRule, hs: string, line: QuoteLineInput, date: string, tables: CustomsTables, ambiguous: "error" | "highest", field: string, trace: TraceEntry[], index: number): { rate: DutyRate; line?: string; estimate: boolean; table?: QuoteLineResult["dutyTable"] } {
  const dest = rule.country;
  const override = findOverride(tables.overrides, dest, hs, date);
  if (override) {
    trace.push({ rule: "merchant-override", line: index, detail: `${override.rate.raw} for ${override.code}`, source: override.note ?? "merchant rate table" });
    return { rate: override.rate, line: override.code, estimate: false };
  }
  if (line.proofOfOrigin && ((dest === "GB" && EU_COUNTRIES.has(line.originCountry)) || (dest === "EU" && line.originCountry === "GB"))) {
    if (date >= "2021-01-01") {
      trace.push({ rule: "pref-uk-eu-tca", line: index, detail: `originating goods of ${line.originCountry} with proof of origin: duty free`, source: "EU-UK Trade and Cooperation Agreement art. 21 (in force 1 Jan 2021)" });
      return { rate: FREE, estimate: false };
    }
  }
  const byRule = line.proofOfOrigin ? rule.preferences?.find((p) => p.origins.includes(line.originCountry) && date >= p.from && p.freeChapters.includes(hs.slice(0, 2))) : undefined;
  if (byRule) {
    trace.push({ rule: byRule.id, line: index, detail: `originating goods of ${line.originCountry} with proof of origin under ${byRule.name}: duty free`, source: byRule.source });
    return { rate: FREE, estimate: false };
  }
  const d = rule.duty;
  if (d.kind === "table") {
    const table = tables.tariffs[d.table];
    if (!table) throw new CustomsError("no_duty_rate", `${field}.hsCode`, `the ${d.table} tariff is not loaded`);
    const found = lookupDuty(table, hs, `${field}.hsCode`, ambiguous);
    const { meta } = table;
    const ref = { country: meta.country, edition: meta.edition, validFrom: meta.validFrom, source: meta.source };
    const pref = line.proofOfOrigin ? preferentialRate(table, found.line, line.originCountry, date) : undefined;
    if (pref) {
      trace.push({ rule: `pref-${dest.toLowerCase()}-${pref.program}`, line: index, detail: `${found.line}: preferential rate ${pref.rate.raw} (${pref.name}) instead of ${found.rate.raw}`, source: `${pref.source}; ${meta.source}, ${meta.edition} (in force from ${meta.validFrom})` });
      return { rate: pref.rate, line: found.line, estimate: found.estimate, table: ref };
    }
    trace.push({ rule: `mfn-${d.table}`, line: index, detail: `${found.line}: ${found.rate.raw}${found.estimate ? " (highest of the national lines: estimate)" : ""}`, source: `${meta.source}, ${meta.edition} (in force from ${meta.validFrom})` });
    return { ...found, table: ref };
  }
  if (d.kind === "free-except" && date >= d.from) {
    const dutiable = d.dutiableChapters.includes(hs.slice(0, 2)) || (d.dutiableHeadings ?? []).includes(hs.slice(0, 4));
    if (!dutiable) {
      trace.push({ rule: `mfn-${dest}-free`, line: index, detail: `${hs.slice(0, 4)} is duty free`, source: d.source });
      return { rate: FREE, estimate: false };
    }
  }
  throw new CustomsError("no_duty_rate", `${field}.hsCode`, `no ${dest} duty rate is shipped for ${hs}; add a merchant rate for it`);
}

function dutyAmount(rate: DutyRate, customsValue: number, line: QuoteLineInput, D: string, field: string, fx: (currency: string) => Ratio): number {
  if (rate.unsupported) throw new CustomsError("unsupported_duty", `${field}.hsCode`, `duty "${rate.unsupported}" needs a merchant rate`);
  let duty = mulRatio(customsValue, rate.adValorem);
  for (const s of rate.specific) {
    const unit = PER_UNIT[s.per];
    let qty: number;
    if (unit.need === "weight") {
      if (!line.netWeightGrams || line.netWeightGrams <= 0) throw new CustomsError("missing_quantity", `${field}.netWeightGrams`, `duty ${rate.raw} is charged by weight`);
      qty = line.netWeightGrams * line.quantity;
    } else if (unit.need === "volume") {
      if (!line.volumeMl || line.volumeMl <= 0) throw new CustomsError("missing_quantity", `${field}.volumeMl`, `duty ${rate.raw} is charged by volume`);
      qty = line.volumeMl * line.quantity;
    } else qty = line.quantity;
    // micros x qty / unit.den is an amount in millionths of the tariff currency.
    const scale = 10n ** BigInt(currencyExponent(s.currency));
    const minor = divideRounded(BigInt(s.micros) * BigInt(qty) * scale, BigInt(unit.den) * 1_000_000n);
    duty += s.currency === D ? Number(minor) : convertExact(money(Number(minor), s.currency), D, fx(s.currency)).amount;
  }
  return duty;
}
