import type { ThirdPartyMessage } from "~/engine/fulfillment/third-party";

/**
 * ShipBob's errors (developer.shipbob.com/errors): 400 with the invalid fields (an ASP.NET
 * validation body, `{ "<Field.Path>": ["message"] }` or a problem-details `errors` object), 401
 * without a valid token, 403 without the scope, 404, 422 when the reference_id was used before,
 * 429 when rate limited, 5xx on ShipBob's side. Each becomes messages a merchant can act on.
 */
export function parseError(status: number, body: string): ThirdPartyMessage[] {
  let json: unknown = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    json = null;
  }
  const text = typeof json === "string" ? json : body.trim();
  if (status === 400) {
    const fields = (json && typeof json === "object" && "errors" in json ? (json as { errors: unknown }).errors : json) as Record<string, string[] | string> | null;
    if (fields && typeof fields === "object") {
      const entries = Object.entries(fields).filter(([k]) => !["type", "title", "status", "traceId"].includes(k));
      if (entries.length) return entries.map(([field, m]) => ({ code: "invalid", message: `${field}: ${Array.isArray(m) ? m.join("; ") : String(m)}`, level: "error" as const }));
    }
    return [{ code: "invalid", message: `ShipBob refused the request: ${text || "bad request"}`, level: "error" }];
  }
  if (status === 401) return [{ code: "unauthorized", message: "ShipBob did not accept the API token: enter a valid personal access token", level: "error" }];
  if (status === 403) return [{ code: "forbidden", message: "The ShipBob token lacks the scope for this call (orders_write, orders_read, inventory_read, returns_read)", level: "error" }];
  if (status === 404) return [{ code: "not-found", message: `ShipBob has no such resource${text ? `: ${text}` : ""}`, level: "error" }];
  if (status === 422) return [{ code: "duplicate-reference", message: `ShipBob already has an order with this reference${text ? `: ${text}` : ""}`, level: "error" }];
  if (status === 429) return [{ code: "rate-limited", message: "ShipBob is rate limiting us; the call will be retried later", level: "error" }];
  return [{ code: `http-${status}`, message: `ShipBob failed (HTTP ${status})${text ? `: ${text.slice(0, 200)}` : ""}`, level: "error" }];
}
