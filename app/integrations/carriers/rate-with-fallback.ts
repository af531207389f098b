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
  const expired = new Promise<"expired">((resolve) => { timer = setTimeout(() => { controller.abort(); resolve("expired"); }, budgetMs); });
  try {
    const outcome = await Promise.race([adapter.rate(request, { signal: controller.signal }), expired]);
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
