import { CarrierAuthError, CarrierTransportError, type CarrierAdapter, type CarrierMessage, type LiveRate, type RateRequest } from "~/engine/carriers";

export interface FallbackResult {
  readonly rates: readonly LiveRate[];
  readonly source: "live" | "rate-card";
  readonly messages: readonly CarrierMessage[];
}

/**
 * Asks the live API, but never waits past `budgetMs`: a carrier that has not answered by then, or
 * that fails in transport or authentication, is dropped for the rate-card prices the caller
 * supplies. Shopper-facing callers (the CarrierService callback) keep the budget well under
 * Shopify's 3 s read timeout.
 */
export async function rateWithFallback(adapter: CarrierAdapter, request: RateRequest, budgetMs: number, fallback: () => readonly LiveRate[]): Promise<FallbackResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<"expired">((resolve) => { timer = setTimeout(() => { resolve("expired"); controller.abort(); }, budgetMs); });
  try {
    // "expired" settles before the abort makes the call reject, so the race reports a timeout.
    const asked = adapter.rate(request, { signal: controller.signal });
    // Once the budget has won the race, the aborted call still rejects; nobody awaits it any more,
    // and an unhandled rejection would take the whole server down.
    asked.catch(() => undefined);
    const outcome = await Promise.race([asked, expired]);
    if (outcome === "expired") {
      return { rates: fallback(), source: "rate-card", messages: [{ carrierId: adapter.carrierId, code: "timeout", message: `no answer within ${budgetMs} ms; rate-card prices used`, level: "warning" }] };
    }
    if (outcome.data.length === 0) return { rates: fallback(), source: "rate-card", messages: outcome.messages };
    return { rates: outcome.data, source: "live", messages: outcome.messages };
  } catch (error) {
    if (error instanceof CarrierTransportError || error instanceof CarrierAuthError) {
      return { rates: fallback(), source: "rate-card", messages: [{ carrierId: adapter.carrierId, code: error.name, message: `${error.message}; rate-card prices used`, level: "warning" }] };
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
