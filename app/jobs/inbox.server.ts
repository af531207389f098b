import { Prisma } from "@prisma/client";
import db from "../db.server";
import { authenticate } from "../shopify.server";

/**
 * Receives a webhook the way Shopify needs it answered: verify the HMAC, write the delivery to the
 * inbox, answer at once (Shopify waits 5 s at most). Applying it is the worker's job (worker.server.ts).
 * A delivery seen before (same event id, else same webhook id) is acknowledged and not stored again.
 */
export async function receiveWebhook(request: Request, accepts: (topic: string) => boolean): Promise<Response> {
  const body = await request.clone().text();
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    context = await authenticate.webhook(request);
  } catch (thrown) {
    if (thrown instanceof SyntaxError) return text(400, "Bad Request: the webhook body is not valid JSON; nothing was stored");
    if (thrown instanceof Response && thrown.status === 401) return text(401, "Unauthorized: the X-Shopify-Hmac-Sha256 signature does not match the body; nothing was stored");
    if (thrown instanceof Response && thrown.status === 400) return text(400, "Bad Request: the webhook lacks Shopify's headers (topic, shop domain, API version, webhook id); nothing was stored");
    throw thrown;
  }
  const topic = (request.headers.get("x-shopify-topic") ?? "").toLowerCase();
  if (!accepts(topic)) return text(400, `Bad Request: ${new URL(request.url).pathname} does not handle the topic "${topic}"; nothing was stored`);
  const webhookId = context.webhookId;
  const eventId = "eventId" in context && context.eventId ? context.eventId : null;
  const triggeredAt = context.triggeredAt ? new Date(context.triggeredAt) : null;
  try {
    await db.webhookDelivery.create({
      data: {
        shop: context.shop, topic, dedupeKey: eventId ?? webhookId, webhookId, apiVersion: context.apiVersion ?? null,
        triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null, body,
      },
    });
  } catch (error) {
    // Shopify redelivers the same event (retries, several subscriptions): acknowledge, store once.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return new Response(null, { status: 200 });
    throw error;
  }
  return new Response(null, { status: 200 });
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
