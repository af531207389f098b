import Decimal from "decimal.js";

/** An amount of money in integer minor units (cents, pence, yen) of an ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export type Rounding = "half-up" | "half-even" | "down" | "up";

// ISO 4217 minor-unit exponents that differ from 2. Shopify sends JPY/KRW "subunits" x100 in the
// CarrierService API; that quirk belongs to the Shopify adapter, not here.
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

const CURRENCY_CODE = /^[A-Z]{3}$/;

export class MoneyError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = "MoneyError";
  }
}

// Intl.supportedValuesOf allocates the whole list on each call; the answer never changes in a process.
let SUPPORTED: ReadonlySet<string> | undefined;

export function isCurrencyCode(code: string): boolean {
  // Asked for every amount a quote makes: a code already known needs no pattern test.
  if (SUPPORTED?.has(code)) return true;
  if (!CURRENCY_CODE.test(code)) return false;
  if (typeof Intl.supportedValuesOf !== "function") return true;
  SUPPORTED ??= new Set(Intl.supportedValuesOf("currency"));
  return SUPPORTED.has(code);
}

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`amount must be an integer number of minor units, got ${amount}`, "amount");
  if (!isCurrencyCode(currency)) throw new MoneyError(`unsupported currency "${currency}"`, "currency");
  return { amount, currency };
}

export const zero = (currency: string): Money => money(0, currency);

/** Parses a decimal string in major units ("12.50" USD) into minor units, exactly. */
export function fromMajor(value: string | number, currency: string, rounding: Rounding = "half-up"): Money {
  const d = new Decimal(value).mul(Decimal.pow(10, currencyExponent(currency)));
  return money(roundDecimal(d, rounding), currency);
}

export function toMajorString(m: Money): string {
  // Minor units are a safe integer: the digits only need a decimal point (no Decimal on this path,
  // which every rate description and ranking reason takes).
  const exponent = currencyExponent(m.currency);
  if (!Number.isSafeInteger(m.amount)) return new Decimal(m.amount).div(Decimal.pow(10, exponent)).toFixed(exponent);
  const sign = m.amount < 0 ? "-" : "";
  const digits = String(Math.abs(m.amount));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, "0");
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new MoneyError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce((acc, m) => add(acc, m), zero(currency));
}

export function roundDecimal(d: Decimal, rounding: Rounding): number {
  const mode = {
    "half-up": Decimal.ROUND_HALF_UP,
    "half-even": Decimal.ROUND_HALF_EVEN,
    down: Decimal.ROUND_DOWN,
    up: Decimal.ROUND_UP,
  }[rounding];
  return d.toDecimalPlaces(0, mode).toNumber();
}

/** Multiplies by a rate given as a decimal string or number (e.g. a duty of "0.12"), rounding once. */
export function multiply(m: Money, factor: Decimal.Value, rounding: Rounding = "half-up"): Money {
  return money(roundDecimal(new Decimal(m.amount).mul(factor), rounding), m.currency);
}

export function format(m: Money, locale = "en"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: m.currency }).format(
    Number(toMajorString(m)),
  );
}

/** A dated table of exchange rates: how many units of `quote` one unit of `base` buys. */
export interface FxTable {
  readonly date: string;
  readonly source: string;
  /** rates[base][quote] as decimal strings, e.g. rates.EUR.USD = "1.0834" */
  readonly rates: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export function fxRate(table: FxTable, from: string, to: string): Decimal {
  if (from === to) return new Decimal(1);
  const direct = table.rates[from]?.[to];
  if (direct) return new Decimal(direct);
  const inverse = table.rates[to]?.[from];
  if (inverse) return new Decimal(1).div(inverse);
  // Cross through any common base the table has (typically EUR or USD).
  for (const [base, quotes] of Object.entries(table.rates)) {
    const a = quotes[from];
    const b = quotes[to];
    if (a && b) return new Decimal(b).div(a);
  }
  throw new MoneyError(`no exchange rate from ${from} to ${to} in the ${table.date} table`, "currency");
}

export function convert(m: Money, to: string, table: FxTable, rounding: Rounding = "half-up"): Money {
  if (!isCurrencyCode(to)) throw new MoneyError(`unsupported currency "${to}"`, "currency");
  const rate = fxRate(table, m.currency, to);
  const major = new Decimal(m.amount).div(Decimal.pow(10, currencyExponent(m.currency))).mul(rate);
  return money(roundDecimal(major.mul(Decimal.pow(10, currencyExponent(to))), rounding), to);
}

// ---------------------------------------------------------------------------------------------
// Exact integer path for hot loops (checkout quotes). Decimal.js allocates on every operation;
// here a rate is a rational of two BigInts and an amount is multiplied once and rounded once,
// so the result equals `multiply`/`convert` to the unit while running an order of magnitude faster.

/** A rate as an exact fraction num/den (den > 0). */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** "1.0834" -> 10834/10000, exactly. Throws on anything that is not a plain decimal. */
export function ratioOf(value: string | number): Ratio {
  const text = typeof value === "number" ? String(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new MoneyError(`not a decimal rate: "${text}"`, "rate");
  const fraction = m[3] ?? "";
  const num = BigInt(`${m[2]}${fraction}`) * (m[1] === "-" ? -1n : 1n);
  return { num, den: 10n ** BigInt(fraction.length) };
}

export function ratioTimes(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function ratioInverse(a: Ratio): Ratio {
  if (a.num === 0n) throw new MoneyError("cannot invert a zero rate", "rate");
  return a.num < 0n ? { num: -a.den, den: -a.num } : { num: a.den, den: a.num };
}

/** Divides num by den (den > 0) and rounds once. */
export function divideRounded(num: bigint, den: bigint, rounding: Rounding = "half-up"): bigint {
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const negative = num < 0n;
  const away = negative ? q - 1n : q + 1n;
  switch (rounding) {
    case "down":
      return q;
    case "up":
      return away;
    case "half-up": {
      const twice = (r < 0n ? -r : r) * 2n;
      return twice >= den ? away : q;
    }
    case "half-even": {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > den) return away;
      if (twice < den) return q;
      return q % 2n === 0n ? q : away;
    }
  }
}

/** amount x ratio, rounded once to an integer (minor units). */
export function mulRatio(amount: number, ratio: Ratio, rounding: Rounding = "half-up"): number {
  return divideRoundedSafe(amount * Number(ratio.num), Number(ratio.den), rounding)
    ?? Number(divideRounded(BigInt(amount) * ratio.num, ratio.den, rounding));
}

/**
 * `divideRounded` in doubles, for the common case where numerator and denominator are safe
 * integers: `%` and the division of the exact multiple are then exact, so the answer is the
 * BigInt one without its allocations (a quote converts and multiplies hundreds of amounts). Null
 * when a value is not a safe integer; a product that overflowed 2^53 on the way is not one either,
 * as rounding never brings a double back under 2^53.
 */
function divideRoundedSafe(num: number, den: number, rounding: Rounding): number | null {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) return null;
  const r = num % den;
  const q = (num - r) / den;
  if (r === 0) return q;
  const away = num < 0 ? q - 1 : q + 1;
  switch (rounding) {
    case "down":
      return q;
    case "up":
      return away;
    case "half-up":
      return Math.abs(r) * 2 >= den ? away : q;
    case "half-even": {
      const twice = Math.abs(r) * 2;
      if (twice > den) return away;
      if (twice < den) return q;
      return q % 2 === 0 ? q : away;
    }
  }
}

/** Same answer as `multiply`, through the integer path. */
export function multiplyExact(m: Money, factor: string | Ratio, rounding: Rounding = "half-up"): Money {
  const ratio = typeof factor === "string" ? ratioOf(factor) : factor;
  return money(mulRatio(m.amount, ratio, rounding), m.currency);
}

/** The rate of `fxRate` as an exact fraction (direct, inverse or crossed through a common base). */
export function fxRatio(table: FxTable, from: string, to: string): Ratio {
  if (from === to) return { num: 1n, den: 1n };
  const direct = table.rates[from]?.[to];
  if (direct) return ratioOf(direct);
  const inverse = table.rates[to]?.[from];
  if (inverse) return ratioInverse(ratioOf(inverse));
  for (const quotes of Object.values(table.rates)) {
    const a = quotes[from];
    const b = quotes[to];
    if (a && b) return ratioTimes(ratioOf(b), ratioInverse(ratioOf(a)));
  }
  throw new MoneyError(`no exchange rate from ${from} to ${to} in the ${table.date} table`, "currency");
}

/** Converts minor units of one currency into minor units of another with an exact rate, rounding once. */
export function convertExact(m: Money, to: string, rate: Ratio, rounding: Rounding = "half-up"): Money {
  const fast = divideRoundedSafe(m.amount * Number(rate.num) * 10 ** currencyExponent(to), Number(rate.den) * 10 ** currencyExponent(m.currency), rounding);
  if (fast !== null) return money(fast, to);
  const scaleFrom = 10n ** BigInt(currencyExponent(m.currency));
  const scaleTo = 10n ** BigInt(currencyExponent(to));
  const amount = divideRounded(BigInt(m.amount) * rate.num * scaleTo, rate.den * scaleFrom, rounding);
  return money(Number(amount), to);
}
