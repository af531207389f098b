import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { forgetShopQuotes } from "../services/checkout-quoter.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, session } = await verifiedWebhook(request);
  // Webhooks can arrive more than once, and after the app was uninstalled: both must be harmless.
  if (session) await db.session.deleteMany({ where: { shop } });
  await db.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: new Date() } });
  forgetShopQuotes(shop);
  return new Response();
};

/**
 * Shopify's check; its own refusals (401, 405) pass through. A delivery it cannot read (a signed
 * body that is not JSON, a shop header that is not a shop domain) is a 400, not a server error.
 */
async function verifiedWebhook(request: Request) {
  try {
    return await authenticate.webhook(request);
  } catch (thrown) {
    if (thrown instanceof Response) throw thrown;
    throw new Response("Bad Request: not a webhook this route can read; nothing was changed", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
