import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { payload, session } = await verifiedWebhook(request);
  const current = (payload as { current?: unknown }).current;
  if (session && Array.isArray(current)) {
    await db.session.update({ where: { id: session.id }, data: { scope: current.map(String).join(",") } });
  }
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
