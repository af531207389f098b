/**
 * Duties, import taxes and delivery dates for a checkout cart, per shipping service: what the
 * checkout extension shows beside the shipping options. It asks the same shipping quote service
 * as the CarrierService callback (`quoteShippingOptions`), so the breakdown under an option and
 * the option's price always come from one calculation. Everything it reads is in memory after a
 * shop's first quote.
 */
import type { QuoteAddress, ShippingOption, ShippingQuote, ShippingQuoteRequest } from "./shipping-quote.server";
import { ShippingQuoteInputError } from "./shipping-quote.server";
import { currencyExponent, fromMajor, isCurrencyCode } from "../engine/money";

export interface CheckoutCart {
  /** The buyer's (presentment) currency; line totals and the option's cost are in it. */
  readonly currency: string;
  readonly destination: { readonly countryCode: string; readonly provinceCode?: string | null; readonly zip?: string | null };
  /** Line totals in major units, as the checkout API gives them (`cost.totalAmount.amount`). */
  readonly lines: readonly { readonly variantId: string; readonly quantity: number; readonly total: number }[];
  /** The delivery option the buyer selected, when one is. */
  readonly option?: { readonly code?: string | null; readonly title?: string | null; readonly cost?: number | null } | null;
}

export interface OptionQuote {
  /** The CarrierService rate's `service_code`, which checkout gives back as the option's `code`. */
  readonly code: string;
  readonly title: string;
  readonly incoterm: "DDP" | "DAP";
  /** Amounts in minor units of the cart's currency. */
  readonly shipping: number;
  /** What the shipping option costs at checkout: shipping, plus duties, taxes and fees under DDP. */
  readonly price: number;
  readonly duties: number;
  /** Import tax collected at the border (tax the seller charges at sale is in `chargedAtSale`). */
  readonly taxes: number;
  readonly fees: number;
  /** Duties, border taxes and fees folded into the price (DDP). */
  readonly includedInPrice: number;
  /** What the carrier will collect from the buyer at the door (DAP). */
  readonly dueOnDelivery: number;
  /** Import tax the seller charges with the order under a low-value regime (UK, AU, EU IOSS...). */
  readonly chargedAtSale: number;
  readonly taxName: string;
  /** The customs rule that decided (e.g. "GB-135", "AU-LVIG"), for the merchant's audit. */
  readonly regime: string;
  readonly delivery: { readonly earliest: string; readonly latest: string };
}

export interface CheckoutQuote {
  readonly currency: string;
  /** Decimal places of the currency, so a client can turn minor units into an amount. */
  readonly exponent: number;
  readonly country: string;
  /** The selected option's quote; null when none is selected or it is not one of ours. */
  readonly selected: OptionQuote | null;
  readonly options: readonly OptionQuote[];
}

/** A request the service cannot answer: the status and message the route returns. */
export class CheckoutQuoteError extends Error {
  constructor(readonly status: number, readonly field: string | null, message: string) {
    super(message);
  }
}

export interface CheckoutQuoterDeps {
  /** The shipping quote service the CarrierService callback uses. */
  readonly quoteShippingOptions: (shop: string, request: ShippingQuoteRequest) => Promise<ShippingQuote>;
  /**
   * Where the shop ships from. Shopify's rate request names the origin; the checkout extension
   * does not see it, so the shop's first configured warehouse stands for it.
   */
  readonly originFor: (shop: string) => Promise<QuoteAddress | null>;
  readonly now?: () => Date;
}

export interface CheckoutQuoter {
  quote(shop: string, cart: CheckoutCart): Promise<CheckoutQuote>;
}

/** The title checkout shows for a CarrierService rate (its `service_name`). */
export function rateTitle(o: Pick<ShippingOption, "carrierName" | "serviceName">): string {
  return o.serviceName.startsWith(o.carrierName) ? o.serviceName : `${o.carrierName} ${o.serviceName}`;
}

function optionQuote(o: ShippingOption): OptionQuote {
  const d = o.dutiesAndTaxes;
  return {
    code: o.code,
    title: rateTitle(o),
    incoterm: o.incoterm,
    shipping: o.shipping.amount,
    price: o.price.amount,
    duties: d?.duty.amount ?? 0,
    taxes: d?.tax.amount ?? 0,
    fees: d?.fees.amount ?? 0,
    includedInPrice: o.incoterm === "DDP" ? d?.total.amount ?? 0 : 0,
    dueOnDelivery: o.dueOnDelivery?.amount ?? 0,
    chargedAtSale: d?.taxAtSale?.amount ?? 0,
    taxName: d?.taxName ?? "",
    regime: d?.regime ?? "domestic",
    delivery: { earliest: o.window.earliest, latest: o.window.latest },
  };
}

export function createCheckoutQuoter(deps: CheckoutQuoterDeps): CheckoutQuoter {
  const now = deps.now ?? (() => new Date());
  return {
    async quote(shop, cart) {
      if (!isCurrencyCode(cart.currency)) throw new CheckoutQuoteError(400, "currency", `"${cart.currency}" is not an ISO 4217 currency`);
      const origin = await deps.originFor(shop);
      if (!origin) throw new CheckoutQuoteError(422, null, `${shop} has no warehouse to ship from yet (Carriers page)`);
      const request: ShippingQuoteRequest = {
        currency: cart.currency,
        origin,
        destination: {
          country: cart.destination.countryCode,
          ...(cart.destination.zip ? { postalCode: cart.destination.zip } : {}),
          ...(cart.destination.provinceCode ? { province: cart.destination.provinceCode } : {}),
        },
        // Checkout gives line totals; the rate request's unit price is the total over the quantity,
        // rounded to the minor unit (as Shopify's own rate request rounds it).
        items: cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, price: Math.round(fromMajor(l.total, cart.currency).amount / l.quantity) })),
        at: now(),
      };
      let quote: ShippingQuote;
      try {
        quote = await deps.quoteShippingOptions(shop, request);
      } catch (e) {
        if (e instanceof ShippingQuoteInputError) throw new CheckoutQuoteError(400, e.field, e.message);
        throw e;
      }
      if (quote.warehouse.country !== cart.destination.countryCode) {
        // Without an HS code and origin for every line the duties are unknown: say so rather than
        // let the extension claim there is nothing to pay.
        const unknown = quote.lines.findIndex((l) => !l.hsCode || !l.originCountry);
        if (unknown >= 0) throw new CheckoutQuoteError(422, `lines[${unknown}].variantId`, `${cart.lines[unknown]!.variantId} has no HS code and country of origin in ${shop}'s catalogue`);
        const failed = quote.warnings.find((w) => w.startsWith("duties and taxes not estimated"));
        if (failed) throw new CheckoutQuoteError(422, null, failed);
      }
      const options = quote.options.map(optionQuote);
      const wanted = cart.option;
      const selected = wanted
        ? options.find((o) => wanted.code && o.code === wanted.code) ?? options.find((o) => wanted.title && o.title === wanted.title) ?? null
        : null;
      return { currency: quote.currency, exponent: currencyExponent(quote.currency), country: cart.destination.countryCode, selected, options };
    },
  };
}
