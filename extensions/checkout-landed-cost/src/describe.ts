/**
 * What the extension says about a quote or an order's saved figures, as translation keys with their values. Pure, so the
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

/** One order's saved figures as /api/order-landed-cost returns them (amounts in minor units). */
export interface OrderLandedCost {
  readonly order: string;
  readonly duties: readonly { readonly incoterm: "DDP" | "DAP"; readonly currency: string; readonly exponent: number; readonly amount: number }[];
  readonly delivery: { readonly earliest: string; readonly latest: string; readonly estimated: boolean } | null;
}

/** The order status page: what was paid with the order, what the carrier will collect, and when it arrives. */
export function describeOrder(order: OrderLandedCost, f: Omit<Formatters, "money" | "taxName"> & { money(amount: number, currency: string): string }): Sentence[] {
  const out: Sentence[] = [];
  for (const d of order.duties) {
    if (d.amount > 0) out.push({ key: d.incoterm === "DDP" ? "thankYou.paid" : "thankYou.due", values: { amount: f.money(d.amount / 10 ** d.exponent, d.currency) } });
  }
  const due = order.duties.some((d) => d.incoterm === "DAP" && d.amount > 0);
  if (out.length === 0) out.push({ key: "lowValue", values: {} });
  else if (!due) out.push({ key: "nothingDue", values: {} });
  const w = order.delivery;
  if (w) {
    const values = { earliest: f.day(w.earliest), latest: f.day(w.latest) };
    out.push(w.earliest === w.latest ? { key: w.estimated ? "orderStatus.expectedOn" : "orderStatus.arrivesOn", values } : { key: w.estimated ? "orderStatus.expected" : "delivery", values });
  }
  return out;
}
