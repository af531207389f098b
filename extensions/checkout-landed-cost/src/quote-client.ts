import { APP_URL } from "./config";
import type { OrderLandedCost, QuoteResponse } from "./describe";

/** The cart as /api/checkout-quote takes it. */
export interface QuoteRequestBody {
  currency: string;
  destination: { countryCode: string; provinceCode?: string | null; zip?: string | null };
  lines: { variantId: string; quantity: number; total: number }[];
  option: { code?: string | null; title?: string | null; cost?: number | null } | null;
}

interface Money { amount: number; currencyCode: string }
interface Line { merchandise: { id: string }; quantity: number; cost: { totalAmount: Money } }
interface Address { countryCode?: string; provinceCode?: string; zip?: string }
interface Option { handle?: string; code?: string; title?: string; cost?: Money }

/** Builds the request from what the checkout API shows; null while something needed is missing. */
export function requestBody(lines: readonly Line[] | undefined, address: Address | undefined, option: Option | null | undefined): QuoteRequestBody | null {
  const physical = (lines ?? []).filter((l) => l.merchandise?.id?.startsWith("gid://shopify/ProductVariant/"));
  if (physical.length === 0 || !address?.countryCode) return null;
  return {
    currency: physical[0]!.cost.totalAmount.currencyCode,
    destination: { countryCode: address.countryCode, provinceCode: address.provinceCode ?? null, zip: address.zip ?? null },
    lines: physical.map((l) => ({ variantId: l.merchandise.id, quantity: l.quantity, total: l.cost.totalAmount.amount })),
    option: option ? { code: option.code ?? null, title: option.title ?? null, cost: option.cost?.amount ?? null } : null,
  };
}

/** Asks the app; any failure (network, status, time) rejects, and the caller then shows nothing. */
export function fetchQuote(body: QuoteRequestBody, token: string, timeoutMs = 4000): Promise<QuoteResponse> {
  return ask<QuoteResponse>("/api/checkout-quote", token, timeoutMs, { method: "POST", body: JSON.stringify(body) });
}

/** The figures the app saved for an order (order status page); rejects like fetchQuote. */
export function fetchOrderLandedCost(orderId: string, token: string, timeoutMs = 4000): Promise<OrderLandedCost> {
  return ask<OrderLandedCost>(`/api/order-landed-cost?order=${encodeURIComponent(orderId)}`, token, timeoutMs, { method: "GET" });
}

async function ask<T>(path: string, token: string, timeoutMs: number, init: { method: string; body?: string }): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${APP_URL}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.body ? { "Content-Type": "application/json" } : {}) },
      signal: controller.signal,
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return (await response.json()) as T;
  } finally {
    clearTimeout(timer);
  }
}
