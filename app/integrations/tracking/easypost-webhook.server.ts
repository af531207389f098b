import { createHmac, timingSafeEqual } from "node:crypto";
import { parseTracker } from "../carriers/easypost/tracking";
import { checkpointsFromDetails, type Checkpoint } from "./checkpoints";

/**
 * EasyPost signs each webhook with the secret set on the webhook: header `X-Hmac-Signature`,
 * value `hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>`, the secret NFKD-normalised first
 * (as EasyPost's own client libraries do in `validateWebhook`).
 */
export function easyPostSignature(rawBody: string | Uint8Array, secret: string): string {
  return `hmac-sha256-hex=${createHmac("sha256", Buffer.from(secret.normalize("NFKD"), "utf8")).update(rawBody).digest("hex")}`;
}

export function verifyEasyPostSignature(rawBody: string | Uint8Array, header: string | null, secret: string): boolean {
  if (!header || !secret) return false;
  const expected = Buffer.from(easyPostSignature(rawBody, secret), "utf8");
  const given = Buffer.from(header.trim(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface EasyPostTrackerUpdate {
  readonly eventId: string;
  readonly trackingNumber: string;
  readonly estimatedDelivery?: string;
  readonly checkpoints: Checkpoint[];
}

export type EasyPostWebhookResult = { kind: "tracker"; update: EasyPostTrackerUpdate } | { kind: "ignored"; reason: string } | { kind: "invalid"; reason: string };

/** An EasyPost Event (object "Event"). Only tracker.created / tracker.updated carry tracking; others are acknowledged and ignored. */
export function parseEasyPostEvent(rawBody: string): EasyPostWebhookResult {
  let event: { object?: string; id?: string; description?: string; result?: unknown };
  try {
    event = JSON.parse(rawBody) as typeof event;
  } catch {
    return { kind: "invalid", reason: "body is not JSON" };
  }
  if (event?.object !== "Event" || typeof event.id !== "string") return { kind: "invalid", reason: "not an EasyPost Event" };
  if (event.description !== "tracker.updated" && event.description !== "tracker.created") return { kind: "ignored", reason: `event ${event.description ?? "(none)"} is not about tracking` };
  const parsed = parseTracker(200, event.result);
  if (!parsed.data) return { kind: "invalid", reason: "tracker without a tracking code" };
  return {
    kind: "tracker",
    update: {
      eventId: event.id,
      trackingNumber: parsed.data.trackingNumber,
      ...(parsed.data.estimatedDelivery ? { estimatedDelivery: parsed.data.estimatedDelivery } : {}),
      checkpoints: checkpointsFromDetails("easypost", parsed.data),
    },
  };
}
