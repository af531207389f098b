import { z } from "zod";
import type { HandoverOrder, ReturnReceipt, StockSnapshot, ThirdPartyShipment } from "~/engine/fulfillment/third-party";

/**
 * The generic connector's JSON messages. Every message is an envelope
 * `{ id, type, createdAt, data }`; `id` is the sender's and is unique per message, so a
 * redelivery carries the same id and is applied once.
 *
 * Out (we send): order.submitted, order.cancelled.
 * In (the 3PL sends): shipment, stock.snapshot, return.received.
 */
export const INBOUND_TYPES = ["shipment", "stock.snapshot", "return.received"] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 time");
const sku = z.string().trim().min(1, "must not be empty");
const quantity = z.number().int().min(0);

const shipment = z.object({
  reference: z.string().min(1),
  externalId: z.string().optional(),
  shippedAt: isoTime,
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  trackingUrl: z.string().url().optional(),
  lines: z.array(z.object({ sku, quantity: quantity.min(1) })).min(1),
});
const stock = z.object({ countedAt: isoTime, counts: z.array(z.object({ sku, onHand: quantity })).min(1) });
const receipt = z.object({
  externalId: z.string().min(1), reference: z.string().optional(), receivedAt: isoTime,
  lines: z.array(z.object({ sku, quantity: quantity.min(1), condition: z.string().optional() })).min(1),
});

const envelope = z.discriminatedUnion("type", [
  z.object({ id: z.string().min(1), type: z.literal("shipment"), createdAt: isoTime, data: shipment }),
  z.object({ id: z.string().min(1), type: z.literal("stock.snapshot"), createdAt: isoTime, data: stock }),
  z.object({ id: z.string().min(1), type: z.literal("return.received"), createdAt: isoTime, data: receipt }),
]);

export type InboundMessage =
  | { id: string; type: "shipment"; createdAt: string; data: ThirdPartyShipment }
  | { id: string; type: "stock.snapshot"; createdAt: string; data: StockSnapshot }
  | { id: string; type: "return.received"; createdAt: string; data: ReturnReceipt };

/** A message from a 3PL, or what is wrong with it (field paths as `data.lines[0].sku`). */
export function parseInbound(raw: string): { ok: true; message: InboundMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "the body is not JSON" };
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
    return { ok: false, reason: `${where || "message"}: ${issue.message}` };
  }
  return { ok: true, message: parsed.data as InboundMessage };
}

export interface OutboundMessage {
  id: string;
  type: "order.submitted" | "order.cancelled";
  createdAt: string;
  data: HandoverOrder | { reference: string; reason: string };
}

export function orderSubmitted(order: HandoverOrder, at: Date): OutboundMessage {
  return { id: `order.submitted:${order.reference}`, type: "order.submitted", createdAt: at.toISOString(), data: order };
}

export function orderCancelled(reference: string, reason: string, at: Date): OutboundMessage {
  return { id: `order.cancelled:${reference}`, type: "order.cancelled", createdAt: at.toISOString(), data: { reference, reason } };
}
