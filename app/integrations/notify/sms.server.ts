import { buildMessageRequest, parseMessageResponse, type SmsResult, type TwilioConfig } from "./twilio";

export interface SmsSender {
  send(to: string, body: string): Promise<SmsResult>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Twilio over its REST API; the only place SMS touches the network. Transport failures are retryable results. */
export function createTwilioSender(config: TwilioConfig, fetchImpl: FetchLike = (url, init) => fetch(url, init), timeoutMs = 10_000): SmsSender {
  return {
    async send(to, body) {
      const req = buildMessageRequest(config, to, body);
      try {
        const res = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        return parseMessageResponse(res.status, json);
      } catch (error) {
        return { ok: false, retryable: true, code: "transport", message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
