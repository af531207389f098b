import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, session } = await authenticate.webhook(request);
  // Webhooks can arrive more than once, and after the app was uninstalled: both must be harmless.
  if (session) await db.session.deleteMany({ where: { shop } });
  await db.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: new Date() } });
  return new Response();
};
