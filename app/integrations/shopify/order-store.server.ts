import { randomFillSync } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { SqlTransaction } from "../../db.server";
import { isNewerVersion, type FulfillmentOrder, type Order } from "../../engine/orders";

let counter = 0;
/**
 * A new row id that sorts by creation time (like a cuid): time, a per-process counter, then
 * randomness. Rows of one batch land at the end of the primary-key index instead of at random
 * places in it, which keeps a 100,000-order backfill's inserts cheap.
 */
export function sortableId(): string {
  counter = (counter + 1) % 36 ** 5;
  return `c${Date.now().toString(36).padStart(9, "0")}${counter.toString(36).padStart(5, "0")}${randomHex10()}`;
}

// Random bytes drawn from a pool refilled 1,024 ids at a time: one `randomBytes` call per id cost
// about 10 us, several seconds over the 600,000 rows of a 100,000-order backfill.
const pool = Buffer.alloc(5 * 1024);
let poolAt = pool.length;
function randomHex10(): string {
  if (poolAt + 5 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 5;
  return pool.toString("hex", poolAt - 5, poolAt);
}

/** A Prisma client or the client of an open transaction. */
export type Db = Prisma.TransactionClient | PrismaClient;

export type ApplyResult = "created" | "updated" | "stale";

function orderRow(shop: string, order: Order, source: string, redacted: boolean) {
  const d = order.destination;
  const personal = !redacted;
  return {
    shop, shopifyId: order.shopifyId, name: order.name,
    email: personal ? order.email : null, phone: personal ? order.phone : null, customerId: personal ? order.customerId : null,
    currency: order.currency, presentmentCurrency: order.presentmentCurrency,
    subtotalMinor: order.subtotal.amount, shippingMinor: order.shipping.amount, taxMinor: order.tax.amount,
    discountMinor: order.discount.amount, totalMinor: order.total.amount, totalWeightGrams: order.totalWeightGrams,
    financialStatus: order.financialStatus, fulfillmentStatus: order.fulfillmentStatus, tags: order.tags.join(", "),
    destName: personal ? d?.name ?? null : null, destCompany: personal ? d?.company ?? null : null,
    destAddress1: personal ? d?.address1 ?? null : null, destAddress2: personal ? d?.address2 ?? null : null,
    destCity: personal ? d?.city ?? null : null, destZip: personal ? d?.zip ?? null : null, destPhone: personal ? d?.phone ?? null : null,
    destProvinceCode: d?.provinceCode ?? null, destCountryCode: d?.countryCode ?? null,
    cancelledAt: order.cancelledAt ? new Date(order.cancelledAt) : null, closedAt: order.closedAt ? new Date(order.closedAt) : null,
    processedAt: order.processedAt ? new Date(order.processedAt) : null,
    shopifyCreatedAt: new Date(order.createdAt), shopifyUpdatedAt: new Date(order.updatedAt), source,
  };
}

function lineRows(shop: string, orderId: string, order: Order) {
  return order.lines.map((l) => ({
    id: sortableId(), shop, orderId, shopifyId: l.shopifyId, productId: l.productId, variantId: l.variantId, inventoryItemId: l.inventoryItemId,
    sku: l.sku, title: l.title, variantTitle: l.variantTitle, quantity: l.quantity, unitPriceMinor: l.unitPrice.amount, grams: l.grams,
    hsCode: l.hsCode, countryOfOrigin: l.countryOfOrigin, requiresShipping: l.requiresShipping,
  }));
}

function shippingRows(shop: string, orderId: string, order: Order) {
  return order.shippingLines.map((s) => ({
    id: sortableId(), shop, orderId, title: s.title, code: s.code, source: s.source, carrierIdentifier: s.carrierIdentifier, priceMinor: s.price.amount,
  }));
}

function fulfillmentOrderRows(shop: string, orderId: string, fos: FulfillmentOrder[]) {
  const orders = fos.map((fo) => ({
    id: sortableId(), shop, orderId, shopifyId: fo.shopifyId, status: fo.status, requestStatus: fo.requestStatus,
    assignedLocationId: fo.assignedLocation?.id ?? null, assignedLocationName: fo.assignedLocation?.name ?? null,
    assignedCountryCode: fo.assignedLocation?.countryCode ?? null, shopifyUpdatedAt: fo.updatedAt ? new Date(fo.updatedAt) : null,
  }));
  const lines = fos.flatMap((fo, i) => fo.lines.map((l) => ({
    id: sortableId(), shop, fulfillmentOrderId: orders[i]!.id, shopifyId: l.shopifyId, lineItemId: l.lineItemId,
    totalQuantity: l.totalQuantity, remainingQuantity: l.remainingQuantity,
  })));
  return { orders, lines };
}

/**
 * Writes one order version, unless the stored one is as new or newer (webhooks arrive late, twice,
 * and out of order; `updated_at` decides). Lines and shipping lines are replaced with the version's;
 * fulfillment orders only when the source carries them. HS codes and origins known from a
 * backfill are kept when a webhook (which lacks them) replaces the lines.
 */
export async function applyOrder(db: Db, shop: string, order: Order, source: string): Promise<ApplyResult> {
  const existing = await db.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: order.shopifyId } },
    select: { id: true, shopifyUpdatedAt: true, redactedAt: true },
  });
  if (existing && !isNewerVersion(order.updatedAt, existing.shopifyUpdatedAt)) return "stale";
  if (!existing) {
    const id = sortableId();
    await db.order.create({ data: { id, ...orderRow(shop, order, source, false) } });
    await writeChildren(db, shop, id, order, new Map());
    return "created";
  }
  const known = new Map(
    (await db.orderLine.findMany({ where: { shop, orderId: existing.id }, select: { shopifyId: true, hsCode: true, countryOfOrigin: true, inventoryItemId: true } }))
      .map((l) => [l.shopifyId, l]),
  );
  await db.order.update({ where: { id: existing.id }, data: orderRow(shop, order, source, !!existing.redactedAt) });
  await db.orderLine.deleteMany({ where: { shop, orderId: existing.id } });
  await db.orderShippingLine.deleteMany({ where: { shop, orderId: existing.id } });
  if (order.fulfillmentOrders) await db.fulfillmentOrder.deleteMany({ where: { shop, orderId: existing.id } });
  await writeChildren(db, shop, existing.id, order, known);
  return "updated";
}

async function writeChildren(db: Db, shop: string, orderId: string, order: Order, known: Map<string, { hsCode: string | null; countryOfOrigin: string | null; inventoryItemId: string | null }>) {
  const lines = lineRows(shop, orderId, order).map((l) => {
    const before = known.get(l.shopifyId);
    return before ? { ...l, hsCode: l.hsCode ?? before.hsCode, countryOfOrigin: l.countryOfOrigin ?? before.countryOfOrigin, inventoryItemId: l.inventoryItemId ?? before.inventoryItemId } : l;
  });
  if (lines.length) await db.orderLine.createMany({ data: lines });
  const shipping = shippingRows(shop, orderId, order);
  if (shipping.length) await db.orderShippingLine.createMany({ data: shipping });
  if (order.fulfillmentOrders?.length) {
    const fos = fulfillmentOrderRows(shop, orderId, order.fulfillmentOrders);
    await db.fulfillmentOrder.createMany({ data: fos.orders });
    if (fos.lines.length) await db.fulfillmentOrderLine.createMany({ data: fos.lines });
  }
}

/**
 * Writes a batch of orders (a backfill's, or a run of webhooks) in one go: new orders with
 * createMany, orders already stored only when the batch's version is newer. Each order at most
 * once per call. Call it inside a transaction.
 */
export async function applyOrderBatch(db: Db, shop: string, orders: Order[], source = "backfill"): Promise<{ created: number; updated: number; stale: number }> {
  const existing = new Map(
    (await db.order.findMany({ where: { shop, shopifyId: { in: orders.map((o) => o.shopifyId) } }, select: { shopifyId: true } })).map((o) => [o.shopifyId, o]),
  );
  const fresh = orders.filter((o) => !existing.has(o.shopifyId));
  const result = { created: fresh.length, updated: 0, stale: 0 };
  if (fresh.length) {
    const rows = fresh.map((o) => ({ id: sortableId(), ...orderRow(shop, o, source, false) }));
    await db.order.createMany({ data: rows });
    const lines = fresh.flatMap((o, i) => lineRows(shop, rows[i]!.id, o));
    const shipping = fresh.flatMap((o, i) => shippingRows(shop, rows[i]!.id, o));
    const fos = fresh.map((o, i) => fulfillmentOrderRows(shop, rows[i]!.id, o.fulfillmentOrders ?? []));
    if (lines.length) await db.orderLine.createMany({ data: lines });
    if (shipping.length) await db.orderShippingLine.createMany({ data: shipping });
    const foOrders = fos.flatMap((f) => f.orders);
    const foLines = fos.flatMap((f) => f.lines);
    if (foOrders.length) await db.fulfillmentOrder.createMany({ data: foOrders });
    if (foLines.length) await db.fulfillmentOrderLine.createMany({ data: foLines });
  }
  for (const order of orders.filter((o) => existing.has(o.shopifyId))) {
    const outcome = await applyOrder(db, shop, order, source);
    if (outcome === "stale") result.stale++;
    else result.updated++;
  }
  return result;
}

/**
 * The backfill's write on SQLite: orders not stored yet, with their lines, shipping lines and
 * fulfillment orders, as multi-row INSERTs inside the caller's transaction (thousands of rows per
 * statement rather than a query-engine round trip per row). Returns the orders that turned out
 * to be stored already; the caller applies those by version (`applyOrder`).
 */
export async function insertNewOrders(tx: SqlTransaction, shop: string, orders: Order[], now = new Date()): Promise<Order[]> {
  const stored = new Set<string>();
  const ids = orders.map((o) => o.shopifyId);
  for (let start = 0; start < ids.length; start += 5_000) {
    const chunk = ids.slice(start, start + 5_000);
    const rows = await tx.query(`SELECT "shopifyId" FROM "Order" WHERE "shop" = ? AND "shopifyId" IN (${chunk.map(() => "?").join(", ")})`, [shop, ...chunk]);
    for (const row of rows) stored.add(String(row.shopifyId));
  }
  const fresh = orders.filter((o) => !stored.has(o.shopifyId));
  const rows = fresh.map((o) => ({ id: sortableId(), ...orderRow(shop, o, "backfill", false), redactedAt: null, syncedAt: now }));
  await tx.insert("Order", rows);
  await tx.insert("OrderLine", fresh.flatMap((o, i) => lineRows(shop, rows[i]!.id, o)));
  await tx.insert("OrderShippingLine", fresh.flatMap((o, i) => shippingRows(shop, rows[i]!.id, o)));
  const fos = fresh.map((o, i) => fulfillmentOrderRows(shop, rows[i]!.id, o.fulfillmentOrders ?? []));
  await tx.insert("FulfillmentOrder", fos.flatMap((f) => f.orders));
  await tx.insert("FulfillmentOrderLine", fos.flatMap((f) => f.lines));
  return orders.filter((o) => stored.has(o.shopifyId));
}
