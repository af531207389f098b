import type { PrismaClient } from "@prisma/client";
import { measureServiceLevel, type HandoverOrder, type ServiceLevel } from "~/engine/fulfillment/third-party";

/** What the warehouse page shows about a 3PL: connection health, last sync, backlog, errors, service level. */
export type Health = "not-connected" | "waiting" | "healthy" | "stale" | "errors";

export interface ThirdPartyOverview {
  warehouse: { code: string; name: string; kind: string; countryCode: string; timeZone: string; cutoff: string; handlingDays: number };
  connection: null | { id: string; connector: string; endpointUrl: string | null; lastSyncAt: string | null; lastError: string | null; lastErrorAt: string | null };
  health: Health;
  healthReason: string;
  backlog: { waiting: number; overdue: number; oldestSubmittedAt: string | null; failed: number };
  serviceLevel: ServiceLevel;
  recentOrders: { orderName: string; status: string; submittedAt: string; shippedAt: string | null; hours: number | null; carrier: string | null; trackingNumber: string | null; error: string | null }[];
  messages: { id: string; direction: string; type: string; source: string; status: string; error: string | null; createdAt: string; messageId: string }[];
  discrepancies: { id: string; sku: string; expected: number; reported: number; note: string; reportedAt: string }[];
  errorCount24h: number;
}

const DAY = 86_400_000;

export async function loadThirdPartyOverview(db: PrismaClient, shop: string, code: string, now: Date): Promise<ThirdPartyOverview | null> {
  const w = await db.warehouse.findUnique({ where: { shop_code: { shop, code } } });
  if (!w) return null;
  const [connection, orders, messages, discrepancies, errorCount24h] = await Promise.all([
    db.thirdPartyConnection.findUnique({ where: { shop_warehouseCode: { shop, warehouseCode: code } } }),
    db.thirdPartyOrder.findMany({ where: { shop, warehouseCode: code, submittedAt: { gte: new Date(now.getTime() - 90 * DAY) } }, orderBy: { submittedAt: "desc" }, take: 500 }),
    db.thirdPartyMessage.findMany({ where: { shop, warehouseCode: code }, orderBy: { createdAt: "desc" }, take: 20 }),
    db.stockDiscrepancy.findMany({ where: { shop, warehouseCode: code, status: "open" }, orderBy: { createdAt: "desc" }, take: 100 }),
    db.thirdPartyMessage.count({ where: { shop, warehouseCode: code, status: "failed", createdAt: { gte: new Date(now.getTime() - DAY) } } }),
  ]);
  const live = orders.filter((o) => o.status !== "failed" && o.status !== "cancelled");
  const serviceLevel = measureServiceLevel(live.map((o) => ({ orderedAt: o.orderedAt, shippedAt: o.shippedAt })), { id: w.code, country: w.countryCode, timeZone: w.timeZone, cutoff: w.cutoff, handlingDays: w.handlingDays }, now);
  const waiting = live.filter((o) => !o.shippedAt);
  const oldest = waiting.reduce<Date | null>((a, o) => (!a || o.submittedAt < a ? o.submittedAt : a), null);

  let health: Health, healthReason: string;
  if (!connection) [health, healthReason] = ["not-connected", "No 3PL connection yet"];
  else if (errorCount24h > 0 || (connection.lastErrorAt && (!connection.lastSyncAt || connection.lastErrorAt > connection.lastSyncAt))) [health, healthReason] = ["errors", connection.lastError ?? `${errorCount24h} message(s) failed in the last 24 hours`];
  else if (!connection.lastSyncAt) [health, healthReason] = ["waiting", "Connected; no message from the 3PL yet"];
  else if (waiting.length && now.getTime() - connection.lastSyncAt.getTime() > DAY) [health, healthReason] = ["stale", "Orders are waiting and the 3PL has sent nothing for over a day"];
  else [health, healthReason] = ["healthy", "Messages arriving and applied"];

  return {
    warehouse: { code: w.code, name: w.name, kind: w.kind, countryCode: w.countryCode, timeZone: w.timeZone, cutoff: w.cutoff, handlingDays: w.handlingDays },
    connection: connection && { id: connection.id, connector: connection.connector, endpointUrl: connection.endpointUrl, lastSyncAt: connection.lastSyncAt?.toISOString() ?? null, lastError: connection.lastError, lastErrorAt: connection.lastErrorAt?.toISOString() ?? null },
    health, healthReason,
    backlog: { waiting: waiting.length, overdue: serviceLevel.overdue, oldestSubmittedAt: oldest?.toISOString() ?? null, failed: orders.filter((o) => o.status === "failed").length },
    serviceLevel,
    recentOrders: orders.slice(0, 15).map((o) => ({
      orderName: o.orderName, status: o.status, submittedAt: o.submittedAt.toISOString(), shippedAt: o.shippedAt?.toISOString() ?? null,
      hours: o.shippedAt ? Math.round((o.shippedAt.getTime() - o.orderedAt.getTime()) / 36e5 * 10) / 10 : null, carrier: o.carrier, trackingNumber: o.trackingNumber, error: o.error,
    })),
    messages: messages.map((m) => ({ id: m.id, direction: m.direction, type: m.type, source: m.source, status: m.status, error: m.error, createdAt: m.createdAt.toISOString(), messageId: m.messageId })),
    discrepancies: discrepancies.map((d) => ({ id: d.id, sku: d.sku, expected: d.expected, reported: d.reported, note: d.note, reportedAt: d.reportedAt.toISOString() })),
    errorCount24h,
  };
}

/** The orders handed over and still waiting, as the file a files-only 3PL imports. */
export async function waitingHandovers(db: PrismaClient, shop: string, code: string): Promise<HandoverOrder[]> {
  const rows = await db.thirdPartyMessage.findMany({ where: { shop, warehouseCode: code, direction: "out", type: "order.submitted" }, orderBy: { createdAt: "asc" } });
  const waiting = new Set((await db.thirdPartyOrder.findMany({ where: { shop, warehouseCode: code, status: { in: ["submitted", "failed"] } }, select: { fulfillmentOrderId: true } })).map((o) => o.fulfillmentOrderId));
  const byRef = new Map<string, HandoverOrder>();
  for (const r of rows) {
    const order = JSON.parse(r.payload) as HandoverOrder;
    if (waiting.has(order.reference)) byRef.set(order.reference, order);
  }
  return [...byRef.values()];
}

/** Orders routed to this warehouse whose current decision has not been handed over yet. */
export async function routedNotHandedOver(db: PrismaClient, shop: string, code: string): Promise<string[]> {
  const decisions = await db.routingDecision.findMany({ where: { shop, current: true, status: "routed" }, select: { orderShopifyId: true, shipments: true } });
  const mine = decisions.filter((d) => (JSON.parse(d.shipments) as { warehouseId: string }[]).some((s) => s.warehouseId === code)).map((d) => d.orderShopifyId);
  const handed = new Set((await db.thirdPartyOrder.findMany({ where: { shop, warehouseCode: code, orderShopifyId: { in: mine }, status: { not: "failed" } }, select: { orderShopifyId: true } })).map((o) => o.orderShopifyId));
  const shipped = new Set((await db.fulfillmentStep.findMany({ where: { shop, orderShopifyId: { in: mine }, step: { startsWith: "fulfillment:" }, status: "done" }, select: { orderShopifyId: true } })).map((s) => s.orderShopifyId));
  return mine.filter((id) => !handed.has(id) && !shipped.has(id));
}
