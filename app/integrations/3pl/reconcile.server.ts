import { Prisma, type PrismaClient, type ThirdPartyConnection, type Warehouse } from "@prisma/client";
import type { ShippingAddress } from "~/engine/carriers/adapter";
import { compareStock, shortShipped, type HandoverOrder, type ReturnReceipt, type StockSnapshot, type ThirdPartyShipment, type ThirdPartyWarehouse } from "~/engine/fulfillment/third-party";
import type { PlannedShipment } from "~/engine/routing/model";
import { userErrorMessages, type UserError } from "~/integrations/shopify/admin-graphql.server";
// Each side effect once per (shop, order, step), in the fulfillment flow's own step table; the
// move, request and accept steps are the fulfillment flow's own, under the same names.
import { acceptAtServiceLocation, ensureFulfillmentService, FULFILLMENT_CREATE, loadOrder, step, type FoNode, type Gql } from "~/integrations/shopify/fulfillment.server";
import type { InboundMessage } from "./generic/messages";
import { INVENTORY_ADJUST, INVENTORY_SET_ON_HAND, locationLevels, ORDER_CREATED_AT } from "./shopify.server";

/**
 * Hand-over and reconciliation with 3PL warehouses. Handing over moves the fulfillment order to
 * the warehouse's fulfillment-service location and accepts it there (our own fulfillment flow's
 * steps, `acceptAtServiceLocation`), then submits it to the 3PL. What the 3PL reports back
 * (shipments, stock counts, return receipts) is applied to Shopify once per message.
 */
type Db = PrismaClient;

export class ReconcileError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "ReconcileError";
  }
}

export interface ReconcileDeps {
  readonly db: Db;
  readonly graphql: Gql;
  readonly shop: string;
  readonly now: () => Date;
}

function refuse(what: string, errors: UserError[]): never {
  throw new ReconcileError(422, `Shopify refused to ${what}: ${userErrorMessages(errors)}`);
}

export interface HandedOver { warehouseCode: string; fulfillmentOrderId: string; externalId: string | null }

/**
 * Hands each shipment of an order's current routing decision that goes to a connected 3PL over to
 * it. Shipments for warehouses without a connection are left to the ordinary fulfillment flow.
 */
export async function handOverOrder(deps: ReconcileDeps & { connectorFor: (c: ThirdPartyConnection) => ThirdPartyWarehouse }, orderShopifyId: string): Promise<HandedOver[]> {
  const { db, graphql, shop } = deps;
  const decision = await db.routingDecision.findFirst({ where: { shop, orderShopifyId, current: true } });
  if (!decision) throw new ReconcileError(409, "The order has not been routed yet");
  if (decision.status !== "routed") throw new ReconcileError(409, `The order could not be routed: ${decision.reason}`);
  const out: HandedOver[] = [];
  for (const planned of JSON.parse(decision.shipments) as PlannedShipment[]) {
    const connection = await db.thirdPartyConnection.findUnique({ where: { shop_warehouseCode: { shop, warehouseCode: planned.warehouseId } } });
    if (!connection) continue;
    let warehouse = await db.warehouse.findUnique({ where: { shop_code: { shop, code: planned.warehouseId } } });
    if (!warehouse) throw new ReconcileError(409, `Warehouse ${planned.warehouseId} no longer exists; re-route the order`);
    warehouse = await ensureFulfillmentService(db, graphql, shop, warehouse);
    const foId = await acceptAtServiceLocation(deps, orderShopifyId, warehouse, planned, decision.reason);

    const existing = await db.thirdPartyOrder.findUnique({ where: { shop_fulfillmentOrderId: { shop, fulfillmentOrderId: foId } } });
    if (existing && existing.status !== "failed") {
      out.push({ warehouseCode: warehouse.code, fulfillmentOrderId: foId, externalId: existing.externalId });
      continue;
    }
    const order = await loadOrder(graphql, orderShopifyId);
    const fo = order.fulfillmentOrders.nodes.find((f) => f.id === foId)!;
    const { order: placed } = await graphql<{ order: { createdAt: string } | null }>(ORDER_CREATED_AT, { id: orderShopifyId });
    const handover = handoverOf(order, fo, planned, placed?.createdAt ?? deps.now().toISOString());
    const connector = deps.connectorFor(connection);
    // A files-only 3PL takes the order from the next order export instead of a message.
    const result = connector.capabilities.submitOrder ? await connector.submitOrder(handover)
      : { data: { externalId: null }, messages: [{ code: "files", message: "waiting in the order export file", level: "warning" as const }] };
    const at = deps.now();
    const error = result.data ? null : result.messages.map((m) => m.message).join("; ");
    const row = {
      warehouseCode: warehouse.code, orderShopifyId, orderName: order.name, externalId: result.data?.externalId ?? null,
      status: result.data ? "submitted" : "failed", orderedAt: new Date(handover.orderedAt), submittedAt: at,
      lines: JSON.stringify(handover.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }))), error,
    };
    await db.thirdPartyOrder.upsert({ where: { shop_fulfillmentOrderId: { shop, fulfillmentOrderId: foId } }, create: { shop, fulfillmentOrderId: foId, ...row }, update: row });
    await db.thirdPartyMessage.create({ data: { shop, warehouseCode: warehouse.code, direction: "out", messageId: `order.submitted:${foId}:${at.getTime()}`, type: "order.submitted", source: connection.connector === "shipbob" ? "api" : connector.capabilities.submitOrder ? "webhook" : "csv", status: result.data ? "sent" : "failed", error, payload: JSON.stringify(handover) } });
    if (!result.data) {
      await db.thirdPartyConnection.update({ where: { id: connection.id }, data: { lastError: error, lastErrorAt: at } });
      throw new ReconcileError(502, `${warehouse.name} did not take ${order.name}: ${error}`);
    }
    out.push({ warehouseCode: warehouse.code, fulfillmentOrderId: foId, externalId: result.data.externalId });
  }
  return out;
}

function handoverOf(order: Awaited<ReturnType<typeof loadOrder>>, fo: FoNode, planned: PlannedShipment, orderedAt: string): HandoverOrder {
  const a = order.shippingAddress;
  if (!a?.countryCodeV2) throw new ReconcileError(422, `${order.name} has no shipping address`);
  const recipient: ShippingAddress = {
    ...(a.name ? { name: a.name } : {}), ...(a.company ? { company: a.company } : {}), ...(a.phone ? { phone: a.phone } : {}), ...(a.provinceCode ? { province: a.provinceCode } : {}),
    lines: [a.address1, a.address2].filter((x): x is string => !!x), city: a.city ?? "", postcode: a.zip ?? "", country: a.countryCodeV2,
  };
  return {
    reference: fo.id, orderName: order.name, orderedAt, recipient, shippingMethod: `${planned.carrierId}:${planned.serviceCode}`,
    lines: fo.lineItems.nodes.filter((l) => l.remainingQuantity > 0 && l.lineItem.sku).map((l) => ({ sku: l.lineItem.sku!, name: l.lineItem.name, quantity: l.remainingQuantity })),
  };
}

// ---------------------------------------------------------------------------------------------
// What comes back

export interface ShipmentOutcome { fulfillmentId: string; short: { sku: string; ordered: number; shipped: number }[] }

/** A 3PL shipment becomes a Shopify fulfillment with its tracking; its units leave the warehouse's stock. */
export async function applyShipment(deps: ReconcileDeps, warehouse: Warehouse, shipment: ThirdPartyShipment): Promise<ShipmentOutcome> {
  const { db, graphql, shop } = deps;
  const handed = await db.thirdPartyOrder.findUnique({ where: { shop_fulfillmentOrderId: { shop, fulfillmentOrderId: shipment.reference } } });
  if (!handed || handed.warehouseCode !== warehouse.code) throw new ReconcileError(422, `No order handed to ${warehouse.name} has reference ${shipment.reference}`);
  const orderId = handed.orderShopifyId;
  const order = await loadOrder(graphql, orderId);
  const fo = order.fulfillmentOrders.nodes.find((f) => f.id === shipment.reference);
  if (!fo) throw new ReconcileError(409, `Fulfillment order ${shipment.reference} is gone from ${order.name}`);
  const bySku = new Map(fo.lineItems.nodes.filter((l) => l.lineItem.sku).map((l) => [l.lineItem.sku!, l]));
  const unknown = shipment.lines.filter((l) => !bySku.has(l.sku)).map((l) => l.sku);
  if (unknown.length) throw new ReconcileError(422, `${order.name} at ${warehouse.name} has no line for SKU ${unknown.join(", ")}`);
  const tn = shipment.trackingNumber;

  const fulfillmentId = await step(db, shop, orderId, `3pl-fulfillment:${fo.id}:${tn}`, async () => {
    // Shopify may have created it already when its answer was lost.
    const existing = fo.fulfillments.nodes.find((f) => f.trackingInfo.some((t) => t.number === tn));
    if (existing) return existing.id;
    const lines = shipment.lines.map((l) => {
      const foli = bySku.get(l.sku)!;
      if (l.quantity > foli.remainingQuantity) throw new ReconcileError(422, `${warehouse.name} reports ${l.quantity} x ${l.sku} shipped for ${order.name}; only ${foli.remainingQuantity} are still to ship`);
      return { id: foli.id, quantity: l.quantity };
    });
    const r = await graphql<{ fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: UserError[] } }>(FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: lines }],
        notifyCustomer: true,
        trackingInfo: { company: shipment.carrier, number: tn, ...(shipment.trackingUrl ? { url: shipment.trackingUrl } : {}) },
      },
    });
    if (!r.fulfillmentCreate.fulfillment) refuse(`record ${order.name}'s shipment from ${warehouse.name}`, r.fulfillmentCreate.userErrors);
    return r.fulfillmentCreate.fulfillment.id;
  });

  // Shopify takes the units off the fulfillment-service location; the stock routing reads is the
  // warehouse's own location, so the shipped units leave that one too.
  const stockLocation = warehouse.shopifyLocationId;
  if (stockLocation && stockLocation !== fo.assignedLocation?.location?.id) {
    await step(db, shop, orderId, `3pl-stock:${fo.id}:${tn}`, async () => {
      const changes = shipment.lines.map((l) => ({ inventoryItemId: bySku.get(l.sku)!.lineItem.variant?.inventoryItem.id, locationId: stockLocation, delta: -l.quantity })).filter((c) => c.inventoryItemId);
      const r = await graphql<{ inventoryAdjustQuantities: { userErrors: UserError[] } }>(INVENTORY_ADJUST, { input: { name: "available", reason: "correction", referenceDocumentUri: `borderless://3pl/${warehouse.code}/shipment/${encodeURIComponent(tn)}`, changes } });
      if (r.inventoryAdjustQuantities.userErrors.length) refuse(`take ${order.name}'s units off ${warehouse.name}'s stock`, r.inventoryAdjustQuantities.userErrors);
      return { adjusted: changes.length };
    });
  }

  const short = shortShipped(JSON.parse(handed.lines) as { sku: string; quantity: number }[], shipment);
  await db.thirdPartyOrder.update({
    where: { id: handed.id },
    data: {
      status: short.length ? "short" : "shipped", shippedAt: new Date(shipment.shippedAt), carrier: shipment.carrier, trackingNumber: tn, externalId: shipment.externalId ?? handed.externalId,
      error: short.length ? `Short-shipped: ${short.map((s) => `${s.sku} ${s.shipped} of ${s.ordered}`).join(", ")}` : null,
    },
  });
  return { fulfillmentId, short };
}

export interface StockOutcome { matched: number; applied: number; flagged: { sku: string; expected: number; reported: number; note: string }[] }

/**
 * A 3PL's stock count: where it agrees with Shopify nothing changes; where it differs the count
 * is written to Shopify at the warehouse's location (compare-and-set against the quantity we
 * compared with, so a change made meanwhile is not overwritten) and each difference is kept as an
 * open flag for the merchant. SKUs Shopify does not stock there are flagged and not applied.
 */
export async function applyStockSnapshot(deps: ReconcileDeps, warehouse: Warehouse, snapshot: StockSnapshot): Promise<StockOutcome> {
  const { db, graphql, shop } = deps;
  const locationId = warehouse.shopifyLocationId ?? warehouse.fulfillmentServiceLocationId;
  if (!locationId) throw new ReconcileError(409, `${warehouse.name} has no Shopify location to hold its stock`);
  const levels = await locationLevels(graphql, locationId);
  const expected = Object.fromEntries([...levels].map(([sku, l]) => [sku, l.onHand]));
  const inFlight: Record<string, number> = {};
  for (const o of await db.thirdPartyOrder.findMany({ where: { shop, warehouseCode: warehouse.code, status: "submitted" }, select: { lines: true } })) {
    for (const l of JSON.parse(o.lines) as { sku: string; quantity: number }[]) inFlight[l.sku] = (inFlight[l.sku] ?? 0) + l.quantity;
  }
  const differences = compareStock(expected, snapshot, inFlight);
  const known = differences.filter((d) => levels.has(d.sku));
  if (known.length) {
    const r = await graphql<{ inventorySetQuantities: { userErrors: UserError[] } }>(INVENTORY_SET_ON_HAND, {
      input: {
        name: "on_hand", reason: "cycle_count_available", referenceDocumentUri: `borderless://3pl/${warehouse.code}/stock/${encodeURIComponent(snapshot.countedAt)}`,
        quantities: known.map((d) => ({ inventoryItemId: levels.get(d.sku)!.inventoryItemId, locationId, quantity: d.reported, changeFromQuantity: d.expected })),
      },
    });
    if (r.inventorySetQuantities.userErrors.length) refuse(`set ${warehouse.name}'s counted stock`, r.inventorySetQuantities.userErrors);
  }
  const flagged = differences.map((d) => (levels.has(d.sku) ? d : { ...d, note: `${d.note}; Shopify does not stock ${d.sku} at ${warehouse.name}, so it was not applied` }));
  if (flagged.length) {
    await db.stockDiscrepancy.createMany({ data: flagged.map((d) => ({ shop, warehouseCode: warehouse.code, sku: d.sku, expected: d.expected, reported: d.reported, note: d.note, reportedAt: new Date(snapshot.countedAt) })) });
  }
  return { matched: snapshot.counts.length - differences.length, applied: known.length, flagged };
}

/** A return the 3PL received: kept with the message log; matched to the order it came from when the 3PL knows it. */
export async function applyReturnReceipt(deps: ReconcileDeps, warehouse: Warehouse, receipt: ReturnReceipt): Promise<{ orderName: string | null }> {
  if (!receipt.reference) return { orderName: null };
  const handed = await deps.db.thirdPartyOrder.findUnique({ where: { shop_fulfillmentOrderId: { shop: deps.shop, fulfillmentOrderId: receipt.reference } } });
  return { orderName: handed?.warehouseCode === warehouse.code ? handed.orderName : null };
}

// ---------------------------------------------------------------------------------------------
// Inbound messages: each applied once, whatever way it arrives (webhook, file, API poll)

export type InboundOutcome =
  | { status: "applied"; detail: unknown }
  | { status: "duplicate" }
  | { status: "failed"; httpStatus: number; error: string };

export async function applyInbound(deps: ReconcileDeps, connection: ThirdPartyConnection, message: InboundMessage, source: "webhook" | "csv" | "api"): Promise<InboundOutcome> {
  const { db, shop } = deps;
  const key = { shop_warehouseCode_direction_messageId: { shop, warehouseCode: connection.warehouseCode, direction: "in", messageId: message.id } };
  try {
    await db.thirdPartyMessage.create({ data: { shop, warehouseCode: connection.warehouseCode, direction: "in", messageId: message.id, type: message.type, source, status: "applying", payload: JSON.stringify(message) } });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const seen = await db.thirdPartyMessage.findUnique({ where: key });
    // A failed message may be sent again once its cause is fixed; anything else was applied (or is being applied).
    if (seen?.status !== "failed") return { status: "duplicate" };
    await db.thirdPartyMessage.update({ where: key, data: { status: "applying", error: null, payload: JSON.stringify(message) } });
  }
  const at = deps.now();
  try {
    const warehouse = await db.warehouse.findUnique({ where: { shop_code: { shop, code: connection.warehouseCode } } });
    if (!warehouse) throw new ReconcileError(404, `Warehouse ${connection.warehouseCode} no longer exists`);
    const detail = message.type === "shipment" ? await applyShipment(deps, warehouse, message.data)
      : message.type === "stock.snapshot" ? await applyStockSnapshot(deps, warehouse, message.data)
      : await applyReturnReceipt(deps, warehouse, message.data);
    await db.thirdPartyMessage.update({ where: key, data: { status: "applied" } });
    await db.thirdPartyConnection.update({ where: { id: connection.id }, data: { lastSyncAt: at } });
    return { status: "applied", detail };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await db.thirdPartyMessage.update({ where: key, data: { status: "failed", error: text } });
    await db.thirdPartyConnection.update({ where: { id: connection.id }, data: { lastError: text, lastErrorAt: at } });
    return { status: "failed", httpStatus: error instanceof ReconcileError ? error.status : 500, error: text };
  }
}
