import type { AnyRecord, FulfillmentLineItemRecord, InventoryLevelRecord, LineItemRecord, OrderRecord, RecordOf } from "./records";
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

const indexes = new WeakMap<Store, Map<string, { count: number; groups: Map<string, unknown[]> }>>();

/**
 * Records of a type grouped by a link field (`orderId`, `lineItemId`), rebuilt when the number of
 * records changes. Links never change once set, so the groups stay right between rebuilds; without
 * it, a bulk query over 100,000 orders would scan every fulfillment order once per order.
 */
export function groupedBy<K extends AnyRecord["__typename"]>(store: Store, shop: string, type: K, key: keyof RecordOf<K> & string): Map<string, RecordOf<K>[]> {
  let perStore = indexes.get(store);
  if (!perStore) indexes.set(store, (perStore = new Map()));
  const cacheKey = `${shop}|${type}|${key}`;
  const count = store.count(shop, type);
  let entry = perStore.get(cacheKey);
  if (!entry || entry.count !== count) {
    const groups = new Map<string, unknown[]>();
    for (const record of store.list(shop, type)) {
      const value = String((record as unknown as Record<string, unknown>)[key]);
      const group = groups.get(value);
      if (group) group.push(record);
      else groups.set(value, [record]);
    }
    entry = { count, groups };
    perStore.set(cacheKey, entry);
  }
  return entry.groups as Map<string, RecordOf<K>[]>;
}

export function fulfilledQuantity(store: Store, shop: string, lineItemId: string): number {
  return (groupedBy(store, shop, "FulfillmentLineItem", "lineItemId").get(lineItemId) ?? [])
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
  const fos = groupedBy(store, shop, "FulfillmentOrder", "orderId").get(order.id) ?? [];
  if (fos.some((fo) => fo.status === "IN_PROGRESS")) return "IN_PROGRESS";
  if (fos.some((fo) => fo.status === "ON_HOLD")) return "ON_HOLD";
  return "UNFULFILLED";
}

export function levelQuantity(level: InventoryLevelRecord, name: string): number {
  return (level.quantities as Record<string, number | undefined>)[name] ?? 0;
}
