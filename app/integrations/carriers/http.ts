import { CarrierAuthError, CarrierTransportError } from "~/engine/carriers";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpReply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One carrier call under a time budget. Returns status and parsed body for any answer the carrier
 * gave (4xx/5xx included: their bodies carry the carrier's reasons, which callers turn into
 * messages); throws CarrierAuthError on 401/403 and CarrierTransportError on timeout, network
 * failure or a body that is not JSON.
 */
export async function callCarrier(carrierId: string, fetchImpl: FetchLike, url: string, init: RequestInit, budgetMs: number, outer?: AbortSignal): Promise<HttpReply> {
  const timeout = AbortSignal.timeout(budgetMs);
  const signal = outer ? AbortSignal.any([timeout, outer]) : timeout;
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, signal });
  } catch (error) {
    const timedOut = timeout.aborted;
    throw new CarrierTransportError(carrierId, timedOut ? `no answer within ${budgetMs} ms` : `request failed: ${(error as Error).message}`, error);
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new CarrierAuthError(carrierId, `credentials refused (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
  try {
    return { status: response.status, body: text ? JSON.parse(text) : null };
  } catch (error) {
    throw new CarrierTransportError(carrierId, `HTTP ${response.status} with a body that is not JSON`, error);
  }
}

/** Decimal carrier amounts ("12.50", 12.5) to minor units via a string, never float arithmetic. */
export function asString(v: unknown): string {
  return typeof v === "number" ? String(v) : typeof v === "string" ? v : "";
}

/** UPS and others send an object where the schema says array when there is exactly one. */
export function asArray<T>(v: T | readonly T[] | undefined | null): readonly T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}
