import { authenticate } from "../../shopify.server";

/**
 * Shopify's check of an app/* webhook, handled in place rather than through the inbox; its own
 * refusals (401, 405) pass through. A delivery it cannot read (a signed body that is not JSON, a
 * shop header that is not a shop domain) is a 400, not a server error.
 */
export async function verifiedAppWebhook(request: Request) {
  try {
    return await authenticate.webhook(request);
  } catch (thrown) {
    if (thrown instanceof Response) throw thrown;
    throw new Response("Bad Request: not a webhook this route can read; nothing was changed", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
