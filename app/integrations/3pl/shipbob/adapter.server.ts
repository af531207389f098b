import type { ThirdPartyResult, ThirdPartyShipment, ThirdPartyWarehouse } from "~/engine/fulfillment/third-party";
import { createShipBobClient, type ShipBobClientOptions } from "./client.server";
import { parseError } from "./errors";
import { parseStock, type ShipBobProduct } from "./inventory";
import { buildCreateOrder, parseCreatedOrder, type ShipBobOrder } from "./orders";
import { parseReturns } from "./returns";
import { parseShipments } from "./shipments";

export interface ShipBobConnectorOptions extends ShipBobClientOptions {
  /** Count stock at this ShipBob fulfillment center only (the one the warehouse stands for). */
  readonly fulfillmentCenterId?: number;
  readonly now?: () => Date;
}

/** ShipBob through its REST API (1.0): we submit and cancel orders, and poll shipments, stock and returns. */
export function createShipBobConnector(options: ShipBobConnectorOptions): ThirdPartyWarehouse {
  const call = createShipBobClient(options);
  const now = options.now ?? (() => new Date());
  const json = (body: string): unknown => (body ? JSON.parse(body) : null);
  const transport = <T>(error: unknown): ThirdPartyResult<T> => ({ data: null, messages: [{ code: "unreachable", message: `ShipBob did not answer: ${error instanceof Error ? error.message : String(error)}`, level: "error" }] });

  return {
    connector: "shipbob",
    capabilities: { submitOrder: true, cancelOrder: true, fetchShipments: true, fetchStock: true, fetchReturns: true, pushesMessages: false, files: false },

    async submitOrder(order) {
      try {
        const r = await call("POST", "/1.0/order", buildCreateOrder(order));
        if (r.ok) return parseCreatedOrder(json(r.body));
        if (r.status === 422) {
          // Submitted before (the answer was lost): the order ShipBob holds under our reference is ours.
          const found = await call("GET", `/1.0/order?ReferenceIds=${encodeURIComponent(order.reference)}`);
          const existing = found.ok ? (json(found.body) as ShipBobOrder[] | null)?.find((o) => o.reference_id === order.reference) : undefined;
          if (existing) return { data: { externalId: String(existing.id) }, messages: [{ code: "already-submitted", message: `ShipBob already had ${order.orderName} (order ${existing.id})`, level: "warning" }] };
        }
        return { data: null, messages: parseError(r.status, r.body) };
      } catch (error) {
        return transport(error);
      }
    },

    async cancelOrder(_reference, externalId) {
      if (!externalId) return { data: null, messages: [{ code: "unknown-order", message: "ShipBob never confirmed this order, so there is nothing to cancel there", level: "error" }] };
      try {
        const r = await call("POST", `/1.0/order/${encodeURIComponent(externalId)}/cancel`);
        return r.ok ? { data: { cancelled: true }, messages: [] } : { data: null, messages: parseError(r.status, r.body) };
      } catch (error) {
        return transport(error);
      }
    },

    async fetchShipments(references) {
      const shipments: ThirdPartyShipment[] = [];
      const messages = [];
      for (const ref of references) {
        if (!ref.externalId) continue;
        try {
          const r = await call("GET", `/1.0/order/${encodeURIComponent(ref.externalId)}/shipment`);
          if (!r.ok) {
            messages.push(...parseError(r.status, r.body).map((m) => ({ ...m, message: `${ref.reference}: ${m.message}` })));
            continue;
          }
          shipments.push(...parseShipments(json(r.body)).shipments.map((s) => ({ ...s, reference: ref.reference })));
        } catch (error) {
          return { data: shipments, messages: [...messages, ...transport(error).messages] };
        }
      }
      return { data: shipments, messages };
    },

    async fetchStock() {
      try {
        const [products, inventory] = [await call("GET", "/1.0/product"), await call("GET", "/1.0/inventory")];
        if (!products.ok) return { data: null, messages: parseError(products.status, products.body) };
        if (!inventory.ok) return { data: null, messages: parseError(inventory.status, inventory.body) };
        return { data: parseStock(json(products.body), json(inventory.body), now(), options.fulfillmentCenterId), messages: [] };
      } catch (error) {
        return transport(error);
      }
    },

    async fetchReturns(since) {
      try {
        const [products, returns] = [await call("GET", "/1.0/product"), await call("GET", `/1.0/return?StartDate=${encodeURIComponent(since)}`)];
        if (!returns.ok) return { data: null, messages: parseError(returns.status, returns.body) };
        const skuOf = new Map<number, string>();
        // A returned unit is an inventory item; its SKU is the single-item product made of it, not a bundle.
        for (const p of products.ok ? ((json(products.body) as ShipBobProduct[] | null) ?? []) : []) if (p.fulfillable_inventory_items.length === 1) skuOf.set(p.fulfillable_inventory_items[0]!.id, p.reference_id);
        return { data: parseReturns(json(returns.body), skuOf), messages: [] };
      } catch (error) {
        return transport(error);
      }
    },
  };
}
