import type { ReturnReceipt } from "~/engine/fulfillment/third-party";

/**
 * ShipBob returns (GET /1.0/return). A return counts as received once ShipBob has processed it
 * ("Completed"); what it did with each unit is in `action_taken`.
 */
export interface ShipBobReturn {
  id: number;
  reference_id: string | null;
  status: string;
  completed_date: string | null;
  insert_date: string;
  inventory: { id: number; name: string; quantity: number; action_taken: { quantity_processed: number; action: string; action_reason: string | null }[] | null }[];
}

export function parseReturns(json: unknown, skuOfInventory: ReadonlyMap<number, string>): ReturnReceipt[] {
  const out: ReturnReceipt[] = [];
  for (const r of Array.isArray(json) ? (json as ShipBobReturn[]) : []) {
    if (r.status !== "Completed") continue;
    out.push({
      externalId: String(r.id), ...(r.reference_id ? { reference: r.reference_id } : {}),
      receivedAt: new Date(r.completed_date ?? r.insert_date).toISOString(),
      lines: r.inventory.map((i) => ({
        sku: skuOfInventory.get(i.id) ?? i.name, quantity: i.quantity,
        ...(i.action_taken?.[0] ? { condition: i.action_taken[0].action } : {}),
      })),
    });
  }
  return out;
}
