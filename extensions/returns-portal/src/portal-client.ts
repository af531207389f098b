import { APP_URL } from "./config";

/** What /api/returns/order answers (app/services/returns/flow.server.ts, PortalOrderView). */
export interface PortalOrder {
  order: { id: string; name: string; country: string };
  policy: { market: string; name: string; windowDays: number; windowEndsOn: string | null; labelPaidBy: string; restockingFeePercent: number; resolutions: string[] };
  eligible: boolean;
  reasons: string[];
  lines: { lineItemId: string; title: string; sku: string | null; quantity: number; returnableQuantity: number; eligible: boolean; reasons: string[]; unitPrice: string }[];
  returnReasons: string[];
  conditions: string[];
  returns: SubmittedReturn[];
}

export interface RequestedLine {
  lineItemId: string;
  quantity: number;
  reason: string;
  condition: string;
}

export interface ReturnPreview {
  order: { id: string; name: string };
  items: { lineItemId: string; title: string; quantity: number; disposition: string; destination: { name: string; address: string[] } | null; label: string | null; reason: string }[];
  refund: { merchandise: string; restockingFee: string; labelCharge: string; total: string; currency: string; notes: string[] };
}

export interface SubmittedReturn {
  id: string;
  returnName: string | null;
  status: string;
  refundEstimate: string;
  currency: string;
  labels: { trackingNumber: string; url: string; invoiceUrl: string | null; carrier: string }[];
}

export class PortalError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(path: string, token: string, init: RequestInit = {}, timeoutMs = 15_000): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${APP_URL}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, signal: controller.signal });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) throw new PortalError(response.status, body.error ?? `the returns service answered ${response.status}`);
    return body as T;
  } catch (error) {
    if (error instanceof PortalError) throw error;
    throw new PortalError(0, "The returns service could not be reached. Please try again.");
  } finally {
    clearTimeout(timer);
  }
}

export const fetchOrder = (orderId: string, token: string) => call<PortalOrder>(`/api/returns/order?orderId=${encodeURIComponent(orderId)}`, token);
export type Resolution = "refund" | "store_credit";
export const previewReturn = (orderId: string, lines: RequestedLine[], resolution: Resolution, token: string) =>
  call<ReturnPreview>("/api/returns/request", token, { method: "POST", body: JSON.stringify({ orderId, lines, resolution, preview: true }) });
export const submitReturn = (orderId: string, lines: RequestedLine[], resolution: Resolution, idempotencyKey: string, token: string) =>
  call<SubmittedReturn>("/api/returns/request", token, { method: "POST", body: JSON.stringify({ orderId, lines, resolution, idempotencyKey }) });
