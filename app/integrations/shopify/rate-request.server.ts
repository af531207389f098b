import { z } from "zod";
import { currencyExponent, isCurrencyCode } from "~/engine/money";
import type { ShippingQuote, ShippingQuoteRequest } from "~/services/shipping-quote.server";

/**
 * Shopify's CarrierService rate request and response
 * (https://shopify.dev/docs/api/admin-graphql/latest/objects/DeliveryCarrierService).
 * Amounts travel in "subunits": cents for two-decimal currencies, and x100 for zero-decimal ones
 * (Shopify's example: 100000 = 1000 JPY), so they are converted to and from our minor units here.
 */

const address = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 country code"),
  postal_code: z.string().nullish(),
  province: z.string().nullish(),
  city: z.string().nullish(),
  address1: z.string().nullish(),
}).passthrough();

const item = z.object({
  name: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int().positive("must be a positive integer"),
  grams: z.number().int().nonnegative("must be a non-negative integer"),
  price: z.number().int("must be an integer amount in subunits").nonnegative("must not be negative"),
  vendor: z.string().nullish(),
  requires_shipping: z.boolean().nullish(),
  taxable: z.boolean().nullish(),
  fulfillment_service: z.string().nullish(),
  properties: z.unknown().nullish(),
  product_id: z.union([z.number(), z.string()]).nullish(),
  variant_id: z.union([z.number(), z.string()]).nullish(),
}).passthrough();

const rateRequest = z.object({
  rate: z.object({
    origin: address,
    destination: address,
    items: z.array(item).min(1, "at least one item is required").max(500, "more than 500 items"),
    currency: z.string().refine((c) => isCurrencyCode(c), "must be an ISO 4217 currency code"),
    locale: z.string().nullish(),
  }).passthrough(),
});

export type RateRequestBody = z.infer<typeof rateRequest>;

/** Shopify subunits per minor unit of a currency: 100 for JPY (exponent 0), 1 for USD. */
function subunitsPerMinor(currency: string): number {
  const exponent = currencyExponent(currency);
  return exponent < 2 ? 10 ** (2 - exponent) : 1;
}

export type ParsedRateRequest = { ok: true; request: ShippingQuoteRequest } | { ok: false; message: string };

/** Reads a rate request body; a body that is not Shopify's format gets a message naming the field. */
export function parseRateRequest(text: string, at: Date): ParsedRateRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "the body is not JSON; expected Shopify's rate request {\"rate\": {origin, destination, items, currency}}" };
  }
  const parsed = rateRequest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
    return { ok: false, message: `${path || "body"}: ${issue.message}` };
  }
  const rate = parsed.data.rate;
  const per = subunitsPerMinor(rate.currency);
  const bad = rate.items.findIndex((i) => i.price % per !== 0);
  if (bad >= 0) return { ok: false, message: `rate.items[${bad}].price: ${rate.currency} prices come in multiples of ${per} subunits` };
  const addr = (a: z.infer<typeof address>) => ({ country: a.country, postalCode: a.postal_code ?? null, province: a.province ?? null, city: a.city ?? null, address1: a.address1 ?? null });
  return {
    ok: true,
    request: {
      currency: rate.currency,
      locale: rate.locale ?? "en",
      origin: addr(rate.origin),
      destination: addr(rate.destination),
      at,
      items: rate.items.map((i) => ({
        name: i.name ?? null, sku: i.sku ?? null,
        variantId: i.variant_id ?? null, productId: i.product_id ?? null,
        grams: i.grams, price: i.price / per, quantity: i.quantity,
        requiresShipping: i.requires_shipping ?? true,
      })),
    },
  };
}

export interface ShopifyRate {
  service_name: string;
  service_code: string;
  total_price: string;
  description: string;
  currency: string;
  min_delivery_date: string;
  max_delivery_date: string;
}

/**
 * Delivery dates at noon UTC: Shopify shows the calendar date in the buyer's time zone, and noon
 * UTC is the same date everywhere from UTC-11 to UTC+11.
 */
function deliveryDate(date: string): string {
  return `${date} 12:00:00 +0000`;
}

export function toShopifyRates(quote: ShippingQuote): { rates: ShopifyRate[] } {
  const per = subunitsPerMinor(quote.currency);
  return {
    rates: quote.options.map((o) => ({
      service_name: o.title,
      service_code: o.code,
      total_price: String(o.price.amount * per),
      description: o.description,
      currency: o.price.currency,
      min_delivery_date: deliveryDate(o.window.earliest),
      max_delivery_date: deliveryDate(o.window.latest),
    })),
  };
}
