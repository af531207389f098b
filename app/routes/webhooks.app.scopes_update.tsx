import type { ActionFunctionArgs } from "@remix-run/node";
import { verifiedAppWebhook } from "../integrations/shopify/app-webhook.server";
import db from "../db.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { payload, session } = await verifiedAppWebhook(request);
  const current = (payload as { current?: unknown }).current;
  if (session && Array.isArray(current)) {
    await db.session.update({ where: { id: session.id }, data: { scope: current.map(String).join(",") } });
  }
  return new Response();
};

