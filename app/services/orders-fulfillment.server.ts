import type { PrismaClient } from "@prisma/client";
import type { PlannedShipment, RoutingCandidate } from "~/engine/routing/model";
import { env, isDemo } from "~/env.server";
import { followFulfillment } from "~/integrations/shopify/tracking-url.server";
import { createSandboxCarrier, type LabelCarrier } from "~/integrations/carriers/sandbox-outbound/adapter";
import { loadMilpSolver } from "~/integrations/routing/highs.server";
import { orderFromDb, orderFromShopify, replanBacklog, routeOrders, type NamedOrder } from "~/integrations/routing/route-orders.server";
import { fulfilOrder, FulfillmentFlowError, type FulfilledShipment } from "~/integrations/shopify/fulfillment.server";
import { quoteDependencies } from "./shipping-quote.server";

/** The Remix admin client, and the data-returning GraphQL function over it. */
export { adminGraphqlOf as gqlFromAdmin, type AdminApiClient as AdminClient } from "~/integrations/shopify/admin-graphql.server";
import { adminGraphqlOf as gqlFromAdmin, type AdminApiClient as AdminClient, type AdminGraphql as Gql } from "~/integrations/shopify/admin-graphql.server";

let sandbox: ReturnType<typeof createSandboxCarrier> | undefined;
/**
 * The carrier account labels are bought on. Only the demo has one out of the box (a sandbox that
 * issues specimen labels); a shop buys real labels once a live carrier with label support is
 * connected, and until then bulk-fulfil says so instead of pretending.
 */
export function labelCarrier(): LabelCarrier {
  if (!isDemo && process.env.NODE_ENV !== "test") throw new FulfillmentFlowError(501, "Connect a carrier account that can buy labels before fulfilling orders");
  sandbox ??= createSandboxCarrier();
  return sandbox.adapter;
}

/** The order from the order-sync tables, or from Shopify when the sync has not stored it yet. */
export async function routableOrder(db: PrismaClient, shop: string, graphql: Gql, orderShopifyId: string): Promise<NamedOrder | { name: string; problem: string }> {
  const stored = await db.order.findUnique({ where: { shop_shopifyId: { shop, shopifyId: orderShopifyId } }, include: { lines: true, shippingLines: true } });
  if (stored) return orderFromDb(stored);
  return orderFromShopify(graphql, orderShopifyId);
}

export async function routeOne(db: PrismaClient, shop: string, admin: AdminClient, orderShopifyId: string, trigger: "new" | "reroute" | "batch", now: Date) {
  const found = await routableOrder(db, shop, gqlFromAdmin(admin), orderShopifyId);
  if (!("order" in found)) throw new FulfillmentFlowError(422, `${found.name} cannot be routed: ${found.problem}`);
  const [decision] = await routeOrders(db, shop, gqlFromAdmin(admin), [found], { now, ...quoteDependencies(), trigger });
  return decision!;
}

const TRACKING_COMPANY: Record<string, string> = { "dhl-express": "DHL Express", ups: "UPS" };

export async function fulfilOne(db: PrismaClient, shop: string, admin: AdminClient, orderShopifyId: string, now: Date, shopName: string): Promise<FulfilledShipment[]> {
  const carrier = labelCarrier();
  const shipments = await fulfilOrder({ db, graphql: gqlFromAdmin(admin), shop, carrier, today: now.toISOString().slice(0, 10), seller: { name: shopName } }, orderShopifyId);
  // Each parcel is followed for tracking and its Shopify tracking link points at the branded page.
  // The fulfillment stands either way: a failure here is reported, never undone.
  const order = await db.order.findUnique({ where: { shop_shopifyId: { shop, shopifyId: orderShopifyId } } });
  for (const shipment of shipments) {
    try {
      const { errors } = await followFulfillment(
        admin,
        db,
        {
          shop,
          carrier: carrier.carrierId,
          company: TRACKING_COMPANY[carrier.carrierId] ?? "Other",
          trackingNumber: shipment.trackingNumber,
          fulfillmentShopifyId: shipment.fulfillmentId,
          orderShopifyId,
          orderName: order?.name ?? null,
          buyerName: order?.destName ?? null,
          buyerEmail: order?.email ?? null,
          buyerPhone: order?.phone ?? null,
          destinationCountry: order?.destCountryCode ?? null,
        },
        { appUrl: env.SHOPIFY_APP_URL, now },
      );
      if (errors.length) console.error(JSON.stringify({ level: "warn", shop, order: orderShopifyId, message: `tracking link not set: ${errors.join("; ")}` }));
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", shop, order: orderShopifyId, message: `parcel not followed: ${error instanceof Error ? error.message : String(error)}` }));
    }
  }
  return shipments;
}

export interface OrderRow {
  id: string;
  name: string;
  country: string | null;
  createdAt: string | null;
  route: string | null;
  service: string | null;
  totalMinor: number | null;
  currency: string | null;
  status: "unrouted" | "routed" | "unroutable" | "fulfilling" | "fulfilled" | "failed";
  tracking: string[];
  label: boolean;
  invoice: boolean;
  error: string | null;
}

/** Open and recently routed orders with their route, flow status, documents and tracking. */
export async function ordersOverview(db: PrismaClient, shop: string, limit = 60): Promise<OrderRow[]> {
  const [orders, decisions] = await Promise.all([
    db.order.findMany({ where: { shop, cancelledAt: null, OR: [{ fulfillmentStatus: null }, { fulfillmentStatus: { notIn: ["fulfilled", "FULFILLED"] } }] }, orderBy: { shopifyCreatedAt: "desc" }, take: limit, select: { shopifyId: true, name: true, destCountryCode: true, shopifyCreatedAt: true } }),
    db.routingDecision.findMany({ where: { shop, current: true }, orderBy: { createdAt: "desc" }, take: limit }),
  ]);
  const ids = [...new Set([...decisions.map((d) => d.orderShopifyId), ...orders.map((o) => o.shopifyId)])];
  const [steps, documents] = await Promise.all([
    db.fulfillmentStep.findMany({ where: { shop, orderShopifyId: { in: ids } }, orderBy: { updatedAt: "asc" } }),
    db.fulfillmentDocument.findMany({ where: { shop, orderShopifyId: { in: ids }, voidedAt: null }, select: { orderShopifyId: true, kind: true, trackingNumber: true } }),
  ]);
  const byOrder = new Map(orders.map((o) => [o.shopifyId, o]));
  const decisionOf = new Map(decisions.map((d) => [d.orderShopifyId, d]));
  return ids.map((id) => {
    const o = byOrder.get(id);
    const d = decisionOf.get(id);
    const s = steps.filter((x) => x.orderShopifyId === id);
    const docs = documents.filter((x) => x.orderShopifyId === id);
    const shipments = d ? (JSON.parse(d.shipments) as PlannedShipment[]) : [];
    const fulfilments = s.filter((x) => x.step.startsWith("fulfillment:") && x.status === "done").length;
    const failed = s.find((x) => x.status === "failed");
    const status: OrderRow["status"] = !d ? "unrouted" : d.status === "unroutable" ? "unroutable" : failed ? "failed"
      : shipments.length > 0 && fulfilments >= shipments.length ? "fulfilled" : s.length > 0 ? "fulfilling" : "routed";
    return {
      id, name: o?.name ?? d?.orderName ?? id, country: o?.destCountryCode ?? null, createdAt: o?.shopifyCreatedAt.toISOString() ?? null,
      route: shipments.length ? shipments.map((x) => x.warehouseId).join(" + ") : null,
      service: shipments.length ? shipments.map((x) => x.serviceName).join(" + ") : null,
      totalMinor: d?.totalMinor ?? null, currency: d?.currency ?? null, status,
      tracking: docs.filter((x) => x.kind === "label" && x.trackingNumber).map((x) => x.trackingNumber!),
      label: docs.some((x) => x.kind === "label"), invoice: docs.some((x) => x.kind === "invoice"),
      error: failed?.error ?? null,
    };
  });
}

export async function orderDetail(db: PrismaClient, shop: string, orderShopifyId: string) {
  const [decision, history, steps, documents, order] = await Promise.all([
    db.routingDecision.findFirst({ where: { shop, orderShopifyId, current: true } }),
    db.routingDecision.findMany({ where: { shop, orderShopifyId }, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true, trigger: true, status: true, totalMinor: true, current: true } }),
    db.fulfillmentStep.findMany({ where: { shop, orderShopifyId }, orderBy: { createdAt: "asc" } }),
    db.fulfillmentDocument.findMany({ where: { shop, orderShopifyId }, orderBy: { createdAt: "asc" } }),
    db.order.findUnique({ where: { shop_shopifyId: { shop, shopifyId: orderShopifyId } }, select: { name: true, destCountryCode: true, destCity: true } }),
  ]);
  return {
    name: order?.name ?? decision?.orderName ?? orderShopifyId,
    destination: order ? [order.destCity, order.destCountryCode].filter(Boolean).join(", ") : null,
    decision: decision && {
      status: decision.status, reason: decision.reason, currency: decision.currency, createdAt: decision.createdAt.toISOString(), trigger: decision.trigger,
      cost: decision.totalMinor === null ? null : { total: decision.totalMinor, shipping: decision.shippingMinor!, duties: decision.dutiesMinor!, handling: decision.handlingMinor!, lateness: decision.latenessMinor! },
      shipments: JSON.parse(decision.shipments) as PlannedShipment[],
      candidates: JSON.parse(decision.candidates) as RoutingCandidate[],
    },
    history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    steps: steps.map((s) => ({ step: s.step, status: s.status, attempts: s.attempts, error: s.error, updatedAt: s.updatedAt.toISOString() })),
    documents: documents.map((d) => ({ kind: d.kind, trackingNumber: d.trackingNumber, voided: d.voidedAt !== null, dataUrl: `data:${d.contentType};base64,${Buffer.from(d.content).toString("base64")}` })),
  };
}

/** Re-plans every routed order nothing has been sent for yet, together, with the batch optimiser. */
export async function replanOpenOrders(db: PrismaClient, shop: string, admin: AdminClient, now: Date) {
  const graphql = gqlFromAdmin(admin);
  const routed = await db.routingDecision.findMany({ where: { shop, current: true, status: "routed" }, select: { orderShopifyId: true } });
  const started = new Set((await db.fulfillmentStep.findMany({ where: { shop, orderShopifyId: { in: routed.map((r) => r.orderShopifyId) } }, select: { orderShopifyId: true } })).map((s) => s.orderShopifyId));
  const orders: NamedOrder[] = [];
  for (const { orderShopifyId } of routed) {
    if (started.has(orderShopifyId)) continue;
    const found = await routableOrder(db, shop, graphql, orderShopifyId);
    if ("order" in found) orders.push(found);
  }
  return replanBacklog(db, shop, graphql, orders, { now, ...quoteDependencies(), solver: await loadMilpSolver() });
}
