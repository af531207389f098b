import type { StockSnapshot } from "~/engine/fulfillment/third-party";

/**
 * ShipBob keeps stock per inventory item (GET /1.0/inventory), not per SKU; products
 * (GET /1.0/product) say which inventory items make a SKU. A bundle's stock is its components',
 * so only single-item products are counted here.
 */
export interface ShipBobProduct { id: number; reference_id: string; sku: string | null; fulfillable_inventory_items: { id: number; name: string; quantity: number }[] }
export interface ShipBobInventory {
  id: number;
  name: string;
  is_active: boolean;
  total_onhand_quantity: number;
  fulfillable_quantity_by_fulfillment_center: { id: number; name: string; fulfillable_quantity: number; onhand_quantity: number; committed_quantity: number }[];
}

/** On-hand units per SKU, at one fulfillment center when `fulfillmentCenterId` is given, else across ShipBob's network. */
export function parseStock(products: unknown, inventory: unknown, countedAt: Date, fulfillmentCenterId?: number): StockSnapshot {
  const items = new Map((Array.isArray(inventory) ? (inventory as ShipBobInventory[]) : []).map((i) => [i.id, i]));
  const counts: { sku: string; onHand: number }[] = [];
  for (const p of Array.isArray(products) ? (products as ShipBobProduct[]) : []) {
    if (p.fulfillable_inventory_items.length !== 1) continue;
    const [component] = p.fulfillable_inventory_items;
    const item = items.get(component!.id);
    if (!item || !item.is_active) continue;
    const units = fulfillmentCenterId === undefined ? item.total_onhand_quantity
      : item.fulfillable_quantity_by_fulfillment_center.find((fc) => fc.id === fulfillmentCenterId)?.onhand_quantity ?? 0;
    counts.push({ sku: p.reference_id, onHand: Math.floor(units / component!.quantity) });
  }
  return { countedAt: countedAt.toISOString(), counts };
}
