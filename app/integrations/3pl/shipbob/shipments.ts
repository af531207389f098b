import type { ThirdPartyShipment } from "~/engine/fulfillment/third-party";

/**
 * ShipBob shipments (GET /1.0/order/{orderId}/shipment). A shipment is ours to record once it has
 * tracking (status "Completed", or a tracking number on an "LabeledCreated" parcel); the SKUs are
 * the products' `reference_id`s and the units their inventory items' quantities.
 */
export interface ShipBobShipment {
  id: number;
  order_id: number;
  reference_id: string;
  status: string;
  actual_fulfillment_date: string | null;
  tracking: { carrier: string | null; tracking_number: string | null; carrier_service: string | null; tracking_url: string | null; shipping_date: string | null } | null;
  products: { reference_id: string; sku: string | null; inventory_items: { quantity: number }[] }[];
}

const SHIPPED = new Set(["Completed", "LabeledCreated"]);

export function parseShipments(json: unknown): { shipments: ThirdPartyShipment[]; waiting: { id: number; status: string }[] } {
  const list = Array.isArray(json) ? (json as ShipBobShipment[]) : [];
  const shipments: ThirdPartyShipment[] = [];
  const waiting: { id: number; status: string }[] = [];
  for (const s of list) {
    const number = s.tracking?.tracking_number;
    if (!SHIPPED.has(s.status) || !number) {
      waiting.push({ id: s.id, status: s.status });
      continue;
    }
    shipments.push({
      reference: s.reference_id, externalId: String(s.id),
      shippedAt: new Date(s.actual_fulfillment_date ?? s.tracking?.shipping_date ?? "").toISOString(),
      carrier: s.tracking?.carrier ?? "Other", trackingNumber: number,
      ...(s.tracking?.tracking_url ? { trackingUrl: s.tracking.tracking_url } : {}),
      lines: s.products.map((p) => ({ sku: p.reference_id, quantity: p.inventory_items.reduce((a, i) => a + i.quantity, 0) })),
    });
  }
  return { shipments, waiting };
}
