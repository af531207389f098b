/**
 * What the extension says about a quote, as translation keys with their values. Pure, so the
 * checkout, the Thank you page and the app's local preview page say exactly the same thing.
 */

/** One shipping service's quote as /api/checkout-quote returns it (amounts in minor units). */
export interface OptionQuote {
  readonly code: string;
  readonly title: string;
  readonly incoterm: "DDP" | "DAP";
  readonly shipping: number;
  readonly price: number;
  readonly duties: number;
  readonly taxes: number;
  readonly fees: number;
  readonly includedInPrice: number;
  readonly dueOnDelivery: number;
  readonly chargedAtSale: number;
  readonly taxName: string;
  /** The customs rule that decided, e.g. "GB-135" or "AU-LVIG". */
  readonly regime: string;
  readonly delivery: { readonly earliest: string; readonly latest: string } | null;
}

export interface QuoteResponse {
  readonly currency: string;
  readonly exponent: number;
  readonly country: string;
  readonly selected: OptionQuote | null;
}

export interface Sentence {
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface Formatters {
  /** An amount in the buyer's currency and locale (given in major units). */
  money(amount: number): string;
  /** A YYYY-MM-DD day in the buyer's locale. */
  day(iso: string): string;
  /** The import tax's name in the buyer's language (VAT, GST...). */
  taxName(name: string): string;
}

export type Page = "checkout" | "thank-you";

export function describeQuote(quote: QuoteResponse, page: Page, f: Formatters): Sentence[] {
  const q = quote.selected;
  if (!q) return [];
  const scale = 10 ** quote.exponent;
  const m = (minor: number) => f.money(minor / scale);
  const say = (key: string, values: Record<string, string> = {}): Sentence => ({ key, values });
  const out: Sentence[] = [];

  if (q.includedInPrice > 0) {
    out.push(say(page === "checkout" ? "ddp.included" : "thankYou.paid", { amount: m(q.includedInPrice) }));
    out.push(say("breakdown", { duties: m(q.duties), taxName: f.taxName(q.taxName), taxes: m(q.taxes) }));
    if (q.fees > 0) out.push(say("fees", { amount: m(q.fees) }));
    out.push(say("nothingDue"));
  } else if (q.dueOnDelivery > 0) {
    out.push(say(page === "checkout" ? "dap.due" : "thankYou.due", { amount: m(q.dueOnDelivery) }));
    out.push(say("breakdown", { duties: m(q.duties), taxName: f.taxName(q.taxName), taxes: m(q.taxes) }));
    if (q.fees > 0) out.push(say("fees", { amount: m(q.fees) }));
  } else {
    // Under the destination's low-value threshold (or duty free): nothing at the door.
    out.push(say(q.duties === 0 ? "lowValue" : "nothingDue"));
  }
  if (q.chargedAtSale > 0) out.push(say("atSale", { taxName: f.taxName(q.taxName), amount: m(q.chargedAtSale) }));
  if (q.delivery && page === "checkout") out.push(say("delivery", { earliest: f.day(q.delivery.earliest), latest: f.day(q.delivery.latest) }));
  return out;
}
