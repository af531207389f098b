import db from "../db.server";
import { loadCarrierSettings } from "./carrier-settings.server";
import { CheckoutQuoteError, createCheckoutQuoter } from "./checkout-quote.server";
import { invalidateShippingQuotes, quoteShippingOptions, type QuoteAddress } from "./shipping-quote.server";

const ORIGIN_TTL_MS = 60_000;
const origins = new Map<string, { at: number; origin: Promise<QuoteAddress> }>();

/**
 * Where a shop's checkout quotes ship from: its first warehouse on the Carriers page, else the
 * shop's own country. Kept in memory for a minute, so quotes do not wait on the database.
 */
async function loadOrigin(shop: string): Promise<QuoteAddress> {
  const row = await db.shop.findUnique({ where: { domain: shop } });
  if (!row || row.uninstalledAt) throw new CheckoutQuoteError(404, null, `${shop} has not installed the app`);
  const first = (await loadCarrierSettings(db, shop)).warehouses[0];
  if (first) return { country: first.country, ...(first.postcodePrefix ? { postalCode: first.postcodePrefix } : {}) };
  if (row.countryCode) return { country: row.countryCode };
  throw new CheckoutQuoteError(422, null, `${shop} has no warehouse to ship from yet (Carriers page)`);
}

function originFor(shop: string): Promise<QuoteAddress> {
  const cached = origins.get(shop);
  if (cached && Date.now() - cached.at < ORIGIN_TTL_MS) return cached.origin;
  const origin = loadOrigin(shop);
  origins.set(shop, { at: Date.now(), origin });
  origin.catch(() => origins.delete(shop));
  return origin;
}

/**
 * After app/uninstalled or shop/redact: nothing of the shop stays in this process's quote caches
 * (its rate cards, settings and catalogue data, its warehouse), rather than for up to a minute.
 */
export function forgetShopQuotes(shop: string): void {
  invalidateShippingQuotes(shop);
  origins.delete(shop);
}

/** The process's checkout quoter, on the shipping quote service the CarrierService callback uses. */
export const checkoutQuoter = createCheckoutQuoter({ quoteShippingOptions, originFor });
