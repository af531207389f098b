/**
 * A warehouse run by a third party (a 3PL), in the engine's terms. Each connector (ShipBob's API,
 * the generic signed-webhook/CSV connector...) implements `ThirdPartyWarehouse`; what it cannot do
 * it says in `capabilities`, so callers never guess. The reconciliation rules below are pure.
 */
import type { IsoDate } from "../calendar";
import { shipDate } from "../carriers/eta";
import type { ShippingAddress } from "../carriers/adapter";

export interface ThirdPartyCapabilities {
  /** We can hand an order over (API call or signed webhook). */
  readonly submitOrder: boolean;
  readonly cancelOrder: boolean;
  /** We can ask for shipments; otherwise the 3PL pushes them (webhook) or sends files. */
  readonly fetchShipments: boolean;
  readonly fetchStock: boolean;
  readonly fetchReturns: boolean;
  /** The 3PL pushes shipments, stock snapshots and return receipts to us as signed messages. */
  readonly pushesMessages: boolean;
  /** The 3PL exchanges CSV files (order export; shipment and stock import). */
  readonly files: boolean;
}

export interface HandoverLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
}

/** One fulfillment order as a 3PL receives it; `reference` (our fulfillment order id) comes back on its shipments. */
export interface HandoverOrder {
  readonly reference: string;
  readonly orderName: string;
  readonly orderedAt: string;
  readonly recipient: ShippingAddress;
  readonly lines: readonly HandoverLine[];
  /** The shipping service routing chose, for the 3PL to buy (e.g. "dhl-express:P"). */
  readonly shippingMethod: string;
}

export interface ThirdPartyShipment {
  /** Our reference as the 3PL echoes it (the fulfillment order id). */
  readonly reference: string;
  readonly externalId?: string;
  readonly shippedAt: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly trackingUrl?: string;
  /** What left the building; fewer units than ordered is a short shipment. */
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
}

export interface StockSnapshot {
  readonly countedAt: string;
  /** Units physically on the 3PL's shelf per SKU (on hand, including units promised to open orders). */
  readonly counts: readonly { readonly sku: string; readonly onHand: number }[];
}

export interface ReturnReceipt {
  readonly externalId: string;
  /** Our order reference when the 3PL knows it. */
  readonly reference?: string;
  readonly receivedAt: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly condition?: string }[];
}

export interface ThirdPartyMessage {
  readonly code: string;
  readonly message: string;
  readonly level: "error" | "warning";
}

/** Errors are data: a connector returns what it could read beside what went wrong. */
export interface ThirdPartyResult<T> {
  readonly data: T | null;
  readonly messages: readonly ThirdPartyMessage[];
}

export interface ThirdPartyWarehouse {
  readonly connector: string;
  readonly capabilities: ThirdPartyCapabilities;
  submitOrder(order: HandoverOrder): Promise<ThirdPartyResult<{ externalId: string | null }>>;
  cancelOrder(reference: string, externalId: string | null): Promise<ThirdPartyResult<{ cancelled: boolean }>>;
  fetchShipments(references: readonly { reference: string; externalId: string | null }[]): Promise<ThirdPartyResult<ThirdPartyShipment[]>>;
  fetchStock(): Promise<ThirdPartyResult<StockSnapshot>>;
  fetchReturns(since: string): Promise<ThirdPartyResult<ReturnReceipt[]>>;
}

// ---------------------------------------------------------------------------------------------
// Reconciliation rules

export interface StockDifference {
  readonly sku: string;
  readonly expected: number;
  readonly reported: number;
  readonly note: string;
}

/**
 * Compares the 3PL's count with what we expect on its shelf. Units on orders handed over but not
 * yet reported shipped may already have left the building; the note says so, so the merchant can
 * tell a timing gap from lost or found stock.
 */
export function compareStock(expected: Readonly<Record<string, number>>, snapshot: StockSnapshot, inFlight: Readonly<Record<string, number>>): StockDifference[] {
  const out: StockDifference[] = [];
  for (const { sku, onHand } of snapshot.counts) {
    const want = expected[sku] ?? 0;
    if (want === onHand) continue;
    const gap = onHand - want;
    const waiting = inFlight[sku] ?? 0;
    const note = gap < 0 && waiting >= -gap
      ? `${-gap} fewer than expected; ${waiting} unit(s) on orders not yet reported shipped may explain it`
      : gap < 0 ? `${-gap} fewer than expected` : `${gap} more than expected`;
    out.push({ sku, expected: want, reported: onHand, note });
  }
  return out;
}

export interface ShippedLineCheck {
  readonly sku: string;
  readonly ordered: number;
  readonly shipped: number;
}

/** Lines the 3PL shipped fewer of than we handed over (a short shipment), or did not know. */
export function shortShipped(handedOver: readonly { sku: string; quantity: number }[], shipment: ThirdPartyShipment): ShippedLineCheck[] {
  const shipped = new Map<string, number>();
  for (const l of shipment.lines) shipped.set(l.sku, (shipped.get(l.sku) ?? 0) + l.quantity);
  return handedOver.filter((l) => (shipped.get(l.sku) ?? 0) < l.quantity).map((l) => ({ sku: l.sku, ordered: l.quantity, shipped: shipped.get(l.sku) ?? 0 }));
}

// ---------------------------------------------------------------------------------------------
// Service level: the promise (cutoff + handling days, which also feed delivery windows) against
// what the 3PL actually did.

export interface ServicePromise {
  readonly id: string;
  readonly country: string;
  readonly timeZone: string;
  readonly cutoff: string;
  readonly handlingDays: number;
}

export interface HandoverRecord {
  readonly orderedAt: Date;
  readonly shippedAt: Date | null;
}

export interface ServiceLevel {
  readonly shipped: number;
  /** Still waiting for a shipment (the backlog). */
  readonly waiting: number;
  /** Hours from order to shipped, median and 90th percentile; null before the first shipment. */
  readonly p50Hours: number | null;
  readonly p90Hours: number | null;
  /** Shipped on or before the promised ship date (in the warehouse's own calendar). */
  readonly onTime: number;
  readonly late: number;
  /** Waiting orders already past their promised ship date. */
  readonly overdue: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.max(0, Math.min(sorted.length - 1, rank))]!;
}

const localDay = (instant: Date, timeZone: string): IsoDate =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);

export function measureServiceLevel(records: readonly HandoverRecord[], promise: ServicePromise, now: Date): ServiceLevel {
  const hours: number[] = [];
  let onTime = 0, late = 0, overdue = 0, waiting = 0;
  for (const r of records) {
    const due = shipDate(r.orderedAt, promise).date;
    if (r.shippedAt) {
      hours.push(Math.round(((r.shippedAt.getTime() - r.orderedAt.getTime()) / 36e5) * 10) / 10);
      if (localDay(r.shippedAt, promise.timeZone) <= due) onTime++;
      else late++;
    } else {
      waiting++;
      if (localDay(now, promise.timeZone) > due) overdue++;
    }
  }
  hours.sort((a, b) => a - b);
  return {
    shipped: hours.length, waiting, onTime, late, overdue,
    p50Hours: hours.length ? percentile(hours, 50) : null,
    p90Hours: hours.length ? percentile(hours, 90) : null,
  };
}
