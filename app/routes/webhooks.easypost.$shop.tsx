import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { env } from "~/env.server";
import { parseEasyPostEvent, verifyEasyPostSignature } from "~/integrations/tracking/easypost-webhook.server";
import { ingestTrackingUpdates } from "~/integrations/tracking/shipments.server";

/**
 * EasyPost tracker webhooks, one URL per shop (/webhooks/easypost/<shop>.myshopify.com), signed
 * with the webhook secret (X-Hmac-Signature). Only that shop's shipments can be touched. EasyPost
 * retries on any non-2xx, so a tracker we do not follow is acknowledged, not refused.
 */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return new Response("Use POST", { status: 405 });
  const secret = env.EASYPOST_WEBHOOK_SECRET;
  if (!secret) return new Response("EasyPost webhooks are not configured (EASYPOST_WEBHOOK_SECRET)", { status: 503 });
  const shop = params.shop ?? "";
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) return new Response("Unknown shop in the webhook URL", { status: 404 });
  const raw = await request.text();
  if (!verifyEasyPostSignature(raw, request.headers.get("x-hmac-signature"), secret)) return new Response("Invalid or missing X-Hmac-Signature", { status: 401 });
  const event = parseEasyPostEvent(raw);
  if (event.kind === "invalid") return new Response(`Not an EasyPost tracker event: ${event.reason}`, { status: 400 });
  if (event.kind === "ignored") return Response.json({ ok: true, ignored: event.reason });
  const [outcome] = await ingestTrackingUpdates(db, [{ shop, carrier: "easypost", trackingNumber: event.update.trackingNumber, checkpoints: event.update.checkpoints, ...(event.update.estimatedDelivery ? { estimatedDelivery: event.update.estimatedDelivery } : {}) }], { now: new Date(), source: "webhook" });
  return Response.json({ ok: true, ...outcome });
};

export const loader = () => new Response("Use POST", { status: 405 });
