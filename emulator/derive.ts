import type { FulfillmentLineItemRecord, InventoryLevelRecord, LineItemRecord, OrderRecord } from "./records";
import type { Store } from "./store";
import { toCents } from "./amounts";

/** Figures Shopify derives from an order's parts, computed the same way for GraphQL and webhooks. */
export function lineItemsOf(store: Store, shop: string, order: OrderRecord): LineItemRecord[] {
  return order.lineItemIds.map((id) => store.get(shop, id, "LineItem")).filter((x): x is LineItemRecord => !!x);
}

export function orderSubtotalCents(store: Store, shop: string, order: OrderRecord): number {
  return lineItemsOf(store, shop, order).reduce((sum, item) => sum + toCents(item.unitPrice) * item.quantity, 0);
}

export function orderShippingCents(store: Store, shop: string, order: OrderRecord): number {
  return order.shippingLineIds.reduce((sum, id) => sum + toCents(store.get(shop, id, "ShippingLine")?.price ?? "0"), 0);
}

export function orderTotalCents(store: Store, shop: string, order: OrderRecord): number {
  return orderSubtotalCents(store, shop, order) + orderShippingCents(store, shop, order) + toCents(order.totalTax) - toCents(order.totalDiscounts);
}

export function orderWeightGrams(store: Store, shop: string, order: OrderRecord): number {
  return lineItemsOf(store, shop, order).reduce((sum, item) => sum + item.grams * item.quantity, 0);
}

export function fulfilledQuantity(store: Store, shop: string, lineItemId: string): number {
  return store
    .list(shop, "FulfillmentLineItem")
    .filter((fli: FulfillmentLineItemRecord) => fli.lineItemId === lineItemId)
    .filter((fli) => store.get(shop, fli.fulfillmentId, "Fulfillment")?.status === "SUCCESS")
    .reduce((sum, fli) => sum + fli.quantity, 0);
}

/** UNFULFILLED / PARTIALLY_FULFILLED / FULFILLED from what fulfillments cover; IN_PROGRESS when a FO is. */
export function deriveFulfillmentStatus(store: Store, shop: string, order: OrderRecord): OrderRecord["displayFulfillmentStatus"] {
  const items = lineItemsOf(store, shop, order).filter((item) => item.requiresShipping);
  const total = items.reduce((sum, item) => sum + item.quantity, 0);
  const done = items.reduce((sum, item) => sum + Math.min(item.quantity, fulfilledQuantity(store, shop, item.id)), 0);
  if (total > 0 && done >= total) return "FULFILLED";
  if (done > 0) return "PARTIALLY_FULFILLED";
  const fos = store.list(shop, "FulfillmentOrder").filter((fo) => fo.orderId === order.id);
  if (fos.some((fo) => fo.status === "IN_PROGRESS")) return "IN_PROGRESS";
  if (fos.some((fo) => fo.status === "ON_HOLD")) return "ON_HOLD";
  return "UNFULFILLED";
}

export function levelQuantity(level: InventoryLevelRecord, name: string): number {
  return (level.quantities as Record<string, number | undefined>)[name] ?? 0;
}
