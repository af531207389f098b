import type { HandoverOrder, ThirdPartyMessage } from "~/engine/fulfillment/third-party";

/**
 * ShipBob orders (API 1.0, POST /1.0/order). Our fulfillment order id is the order's
 * `reference_id`: ShipBob refuses a second order with the same reference (422), which makes a
 * retried submission safe. Products are matched by `reference_id` = our SKU.
 */
export interface ShipBobOrderRequest {
  shipping_method: string;
  recipient: { name: string; address: { address1: string; address2: string | null; company_name: string | null; city: string; state: string | null; country: string; zip_code: string }; email: string | null; phone_number: string | null };
  products: { reference_id: string; name: string; quantity: number }[];
  reference_id: string;
  order_number: string;
  type: "DTC";
  purchase_date: string;
}

/** ShipBob ships by the merchant's own shipping-method names, mapped in its dashboard; ours name carrier and service. */
export function buildCreateOrder(order: HandoverOrder): ShipBobOrderRequest {
  const r = order.recipient;
  return {
    shipping_method: order.shippingMethod,
    recipient: {
      name: r.name ?? r.company ?? order.orderName,
      address: { address1: r.lines[0] ?? "", address2: r.lines[1] ?? null, company_name: r.company ?? null, city: r.city, state: r.province ?? null, country: r.country, zip_code: r.postcode },
      email: r.email ?? null, phone_number: r.phone ?? null,
    },
    products: order.lines.map((l) => ({ reference_id: l.sku, name: l.name, quantity: l.quantity })),
    reference_id: order.reference,
    order_number: order.orderName.replace(/^#/, ""),
    type: "DTC",
    purchase_date: order.orderedAt,
  };
}

export interface ShipBobOrder { id: number; reference_id: string; status: string; shipments?: { id: number; status: string }[] }

export function parseCreatedOrder(json: unknown): { data: { externalId: string } | null; messages: ThirdPartyMessage[] } {
  const o = json as Partial<ShipBobOrder> | null;
  if (!o || typeof o.id !== "number") return { data: null, messages: [{ code: "unexpected-response", message: "ShipBob answered without an order id", level: "error" }] };
  return { data: { externalId: String(o.id) }, messages: [] };
}
