/**
 * Twilio Programmable Messaging, "Create a Message resource":
 * POST https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded
 * To / From (or MessagingServiceSid) / Body, HTTP basic auth with the Account SID and Auth Token.
 * 201 returns the Message resource (sid, status "queued"...); errors return
 * { code, message, more_info, status }. Pure build and parse; the HTTP is in twilio.server.ts.
 */
export interface TwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  /** A Twilio phone number in E.164, or a Messaging Service SID (MG...). */
  readonly from: string;
  readonly baseUrl?: string;
}

export interface HttpRequestSpec {
  readonly url: string;
  readonly method: "POST";
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function buildMessageRequest(config: TwilioConfig, to: string, body: string): HttpRequestSpec {
  const form = new URLSearchParams();
  form.set("To", to);
  if (config.from.startsWith("MG")) form.set("MessagingServiceSid", config.from);
  else form.set("From", config.from);
  form.set("Body", body);
  return {
    url: `${config.baseUrl ?? "https://api.twilio.com"}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`,
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: form.toString(),
  };
}

export type SmsResult =
  | { readonly ok: true; readonly providerId: string; readonly status: string }
  | { readonly ok: false; readonly retryable: boolean; readonly code: string; readonly message: string };

export function parseMessageResponse(status: number, body: unknown): SmsResult {
  const b = (body ?? {}) as { sid?: string; status?: string; code?: number; message?: string; error_code?: number | null; error_message?: string | null };
  if (status >= 200 && status < 300 && b.sid) {
    if (b.status === "failed" || b.status === "undelivered") return { ok: false, retryable: false, code: String(b.error_code ?? "failed"), message: b.error_message ?? `message ${b.status}` };
    return { ok: true, providerId: b.sid, status: b.status ?? "queued" };
  }
  const code = typeof b.code === "number" ? b.code : status;
  // 400 (bad number, unsubscribed 21610...), 401 and 404 will not get better by retrying; rate limits and outages will.
  const retryable = status === 429 || status >= 500;
  return { ok: false, retryable, code: String(code), message: b.message ?? `Twilio answered HTTP ${status}` };
}
