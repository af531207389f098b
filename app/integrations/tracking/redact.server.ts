import type { Db } from "../shopify/order-store.server";

/**
 * customers/redact for tracking: the buyer's name, email and phone leave the shop's shipments of
 * the redacted orders (or with that email/phone); parcels keep their carrier, status and timeline,
 * and pending messages to that buyer are dropped.
 */
export async function redactShipmentBuyers(db: Db, shop: string, who: { email?: string | null; phone?: string | null; orderIds?: readonly string[] }): Promise<number> {
  const or = [
    ...(who.email ? [{ buyerEmail: who.email }] : []),
    ...(who.phone ? [{ buyerPhone: who.phone }] : []),
    ...(who.orderIds?.length ? [{ orderShopifyId: { in: [...who.orderIds] } }] : []),
  ];
  if (or.length === 0) return 0;
  const shipments = await db.shipment.findMany({ where: { shop, OR: or }, select: { id: true } });
  const ids = shipments.map((s) => s.id);
  if (ids.length === 0) return 0;
  // Callers run this inside the redaction's own transaction (the worker applies each delivery in one).
  await db.shipment.updateMany({ where: { shop, id: { in: ids } }, data: { buyerName: null, buyerEmail: null, buyerPhone: null } });
  await db.notification.deleteMany({ where: { shop, shipmentId: { in: ids }, state: { in: ["pending", "failed"] } } });
  await db.notification.updateMany({ where: { shop, shipmentId: { in: ids } }, data: { recipient: "(redacted)" } });
  return ids.length;
}
