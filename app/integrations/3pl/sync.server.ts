import type { PrismaClient, ThirdPartyConnection } from "@prisma/client";
import type { ThirdPartyWarehouse } from "~/engine/fulfillment/third-party";
import type { Gql } from "~/integrations/shopify/fulfillment.server";
import { applyInbound } from "./reconcile.server";

export interface SyncResult { shipments: number; duplicates: number; stock: boolean; errors: string[] }

/**
 * For 3PLs we ask rather than being told (ShipBob): fetch shipments of the orders still waiting and
 * a stock count, and apply each through the same once-per-message path as pushed messages; the
 * 3PL's own shipment id keys the message, so polling twice applies a shipment once.
 */
export async function syncFromApi(deps: { db: PrismaClient; graphql: Gql; now: () => Date }, connection: ThirdPartyConnection, connector: ThirdPartyWarehouse): Promise<SyncResult> {
  const { db } = deps;
  const shop = connection.shop;
  const result: SyncResult = { shipments: 0, duplicates: 0, stock: false, errors: [] };
  const ctx = { db, graphql: deps.graphql, shop, now: deps.now };
  if (connector.capabilities.fetchShipments) {
    const waiting = await db.thirdPartyOrder.findMany({ where: { shop, warehouseCode: connection.warehouseCode, status: "submitted" }, select: { fulfillmentOrderId: true, externalId: true } });
    const fetched = await connector.fetchShipments(waiting.map((w) => ({ reference: w.fulfillmentOrderId, externalId: w.externalId })));
    result.errors.push(...fetched.messages.filter((m) => m.level === "error").map((m) => m.message));
    for (const s of fetched.data ?? []) {
      const outcome = await applyInbound(ctx, connection, { id: `api-shipment:${s.externalId ?? `${s.reference}:${s.trackingNumber}`}`, type: "shipment", createdAt: deps.now().toISOString(), data: s }, "api");
      if (outcome.status === "applied") result.shipments++;
      else if (outcome.status === "duplicate") result.duplicates++;
      else result.errors.push(outcome.error);
    }
  }
  if (connector.capabilities.fetchStock) {
    const stock = await connector.fetchStock();
    result.errors.push(...stock.messages.filter((m) => m.level === "error").map((m) => m.message));
    if (stock.data?.counts.length) {
      const outcome = await applyInbound(ctx, connection, { id: `api-stock:${stock.data.countedAt}`, type: "stock.snapshot", createdAt: stock.data.countedAt, data: stock.data }, "api");
      if (outcome.status === "failed") result.errors.push(outcome.error);
      else result.stock = true;
    }
  }
  const at = deps.now();
  await db.thirdPartyConnection.update({ where: { id: connection.id }, data: result.errors.length ? { lastError: result.errors.join("; ").slice(0, 1000), lastErrorAt: at } : { lastSyncAt: at } });
  return result;
}
