import type { ActionFunctionArgs } from "@remix-run/node";
import { env } from "../env.server";
import { verifiedCallbackShop } from "../integrations/shopify/carrier-service.server";
import { parseRateRequest, toShopifyRates } from "../integrations/shopify/rate-request.server";
import { quoteShippingOptions, ShippingQuoteInputError } from "../services/shipping-quote.server";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });

const NO_RATES = { rates: [] };

/**
 * Shopify's CarrierService callback. Shopify does not retry and falls back to backup rates on an
 * error, so this answers 200 with rates (or none) in every case but one: a body that is not a rate
 * request, which gets a 400 saying what is wrong. A URL not signed for a shop gets no rates, so
 * nobody can read one shop's rates through another's callback.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "POST Shopify's rate request here" }, 405);
  const shop = verifiedCallbackShop(request.url, env.SHOPIFY_API_SECRET);
  if (!shop) return json(NO_RATES);
  const parsed = parseRateRequest(await request.text(), new Date());
  if (!parsed.ok) return json({ error: `malformed rate request: ${parsed.message}` }, 400);
  try {
    return json(toShopifyRates(await quoteShippingOptions(shop, parsed.request)));
  } catch (error) {
    if (error instanceof ShippingQuoteInputError) return json({ error: `malformed rate request: ${error.message}` }, 400);
    console.error(`carrier rates for ${shop} failed:`, error);
    return json(NO_RATES);
  }
}

export function loader() {
  return json({ error: "POST Shopify's rate request here" }, 405);
}
