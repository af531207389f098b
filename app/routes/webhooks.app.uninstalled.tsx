import type { ActionFunctionArgs } from "@remix-run/node";
import { verifiedAppWebhook } from "../integrations/shopify/app-webhook.server";
import db from "../db.server";
import { forgetShopQuotes } from "../services/checkout-quoter.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, session } = await verifiedAppWebhook(request);
  // Webhooks can arrive more than once, and after the app was uninstalled: both must be harmless.
  if (session) await db.session.deleteMany({ where: { shop } });
  await db.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: new Date() } });
  forgetShopQuotes(shop);
  return new Response();
};

