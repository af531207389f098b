import type { Store } from "../emulator/store";

/**
 * Demo scenario for the inventory page: the EU's best-selling SKU is nearly sold out in the Venlo
 * 3PL while New Jersey holds plenty, so a reallocation plan has something worth moving.
 */
export function lowerStockForDemo(store: Store, shop: string): { sku: string; locationId: string } {
  const venlo = store.list(shop, "Location").find((l) => l.address.countryCode === "NL")!;
  const sold = new Map<string, number>();
  for (const order of store.list(shop, "Order")) {
    if (order.cancelledAt) continue;
    const fo = store.list(shop, "FulfillmentOrder").find((f) => f.orderId === order.id);
    if (fo?.assignedLocationId !== venlo.id) continue;
    for (const lineId of order.lineItemIds) {
      const line = store.get(shop, lineId, "LineItem");
      if (line?.variantId) sold.set(line.variantId, (sold.get(line.variantId) ?? 0) + line.quantity);
    }
  }
  const [variantId] = [...sold].sort((a, b) => b[1] - a[1])[0]!;
  const variant = store.get(shop, variantId, "ProductVariant")!;
  const level = store.list(shop, "InventoryLevel").find((l) => l.inventoryItemId === variant.inventoryItemId && l.locationId === venlo.id)!;
  const quantities = level.quantities as Record<string, number>;
  quantities.on_hand = (quantities.on_hand ?? 0) - (quantities.available ?? 0) + 1;
  quantities.available = 1;
  quantities.incoming = 0;
  return { sku: variant.sku!, locationId: venlo.id };
}
