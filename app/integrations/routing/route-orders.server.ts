import type { Order, OrderLine, PrismaClient } from "@prisma/client";
import type { CustomsTables } from "~/engine/customs/quote";
import type { FxTable } from "~/engine/money";
import { planBatch, planCost, type MilpSolver } from "~/engine/routing/batch";
import { customsDuties } from "~/engine/routing/duties";
import type { RoutingDecision, RoutingOrder, RoutingWarehouse } from "~/engine/routing/model";
import { commitDecision, createRouter, createRoutingState, type RouterOptions } from "~/engine/routing/router";
import { sampleRateCards } from "~/engine/routing/sample-network";
import { rateCardShipping } from "~/engine/routing/shipping";
import { loadOrder, type Gql } from "~/integrations/shopify/fulfillment.server";
import { locationStock } from "~/integrations/shopify/warehouse-stock.server";
import { bidPricesFor } from "./demand-forecast.server";
import { loadRoutingSetup } from "./setup.server";

type Db = Pick<PrismaClient, "warehouse" | "marketFulfillment" | "routingDecision" | "fulfillmentStep" | "order" | "$transaction">;

/** Origins the sample network has cards for; a warehouse elsewhere gets no service until cards are imported. */
const SAMPLE_ORIGINS = ["US", "CA", "NL", "GB", "AU", "DE"];
/** What a day past the promised date costs the merchant, minor units (goodwill, tickets, refunds). */
export const LATENESS_PER_DAY = 500;

export function routerOptionsFor(
  warehouses: readonly RoutingWarehouse[],
  policies: RouterOptions["policies"],
  deps: { now: Date; fx: FxTable; customs: CustomsTables; ddpMarkets?: readonly string[] },
): RouterOptions {
  const origins = [...new Set(warehouses.map((w) => w.country))].filter((c) => SAMPLE_ORIGINS.includes(c));
  return {
    warehouses, policies,
    shipping: rateCardShipping({ cards: sampleRateCards(origins), fx: deps.fx, now: () => deps.now, ddpMarkets: deps.ddpMarkets }),
    duties: customsDuties(deps.customs, { date: deps.now.toISOString().slice(0, 10), ddpMarkets: deps.ddpMarkets }),
    latenessPerDay: LATENESS_PER_DAY,
  };
}

/**
 * The delivery date an order was sold with, from the shipping option the buyer chose: checkout
 * promised express, standard or economy speed, and routing must not quietly downgrade it. Days
 * are calendar days from the order, generous enough for cutoffs and weekends.
 */
export const PROMISE_DAYS = { express: 5, standard: 10, economy: 21 } as const;
export function promisedBy(createdAt: Date, shippingTitle: string | null | undefined): string {
  const t = (shippingTitle ?? "").toLowerCase();
  const days = /express|priority|next|overnight|1-2|2-day/.test(t) ? PROMISE_DAYS.express : /economy|saver|slow|free/.test(t) ? PROMISE_DAYS.economy : PROMISE_DAYS.standard;
  return new Date(createdAt.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export interface NamedOrder {
  readonly order: RoutingOrder;
  readonly name: string;
}

/** An order from the order-sync tables; null when it has no address to ship to or nothing to ship. */
export function orderFromDb(order: Order & { lines: OrderLine[]; shippingLines?: { title: string }[] }): NamedOrder | { name: string; problem: string } {
  if (!order.destCountryCode) return { name: order.name, problem: "no shipping address" };
  const lines = order.lines.filter((l) => l.requiresShipping && l.quantity > 0);
  if (lines.length === 0) return { name: order.name, problem: "nothing to ship" };
  const missing = lines.find((l) => !l.hsCode || !l.countryOfOrigin || !l.sku);
  if (missing) return { name: order.name, problem: `line "${missing.title}" has no ${!missing.sku ? "SKU" : !missing.hsCode ? "HS code" : "country of origin"}` };
  return {
    name: order.name,
    order: {
      id: order.shopifyId, currency: order.currency,
      destination: { country: order.destCountryCode, ...(order.destZip ? { postcode: order.destZip } : {}) },
      promisedBy: promisedBy(order.shopifyCreatedAt, order.shippingLines?.[0]?.title),
      lines: lines.map((l) => ({ sku: l.sku!, quantity: l.quantity, unitValue: l.unitPriceMinor, unitGrams: l.grams, hsCode: l.hsCode!, originCountry: l.countryOfOrigin!, description: l.title })),
    },
  };
}

/** Units on the shelf per warehouse code and SKU, from Shopify's inventory levels at each warehouse's location. */
export async function stockByWarehouse(graphql: Gql, warehouses: readonly RoutingWarehouse[]): Promise<Record<string, Record<string, number>>> {
  const stock: Record<string, Record<string, number>> = {};
  for (const w of warehouses) stock[w.id] = w.shopifyLocationId ? await locationStock(graphql, w.shopifyLocationId) : {};
  return stock;
}

/** Shipments already planned today per warehouse (current decisions only), against the daily capacity. */
export async function shippedToday(db: Db, shop: string, now: Date): Promise<Record<string, number>> {
  const start = new Date(now);
  start.setUTCHours(0, 0, 0, 0);
  const rows = await db.routingDecision.findMany({ where: { shop, current: true, status: "routed", createdAt: { gte: start } }, select: { shipments: true } });
  const used: Record<string, number> = {};
  for (const r of rows) for (const s of JSON.parse(r.shipments) as { warehouseId: string }[]) used[s.warehouseId] = (used[s.warehouseId] ?? 0) + 1;
  return used;
}

/**
 * Units that orders already routed but not yet shipped will take from each warehouse, per SKU:
 * the shop's current routed decisions, less the shipments whose fulfillment exists (Shopify has
 * taken those units off the shelf) and the orders cancelled or closed since. Shopify's figure
 * for a location counts these units as available, or as committed once the fulfillment order
 * has moved there, so without this two orders could be promised the same last unit. Orders being
 * routed again now are left out: their own units are theirs to re-route.
 */
export async function reservedStock(db: Db, shop: string, except: readonly string[] = []): Promise<Record<string, Record<string, number>>> {
  const decisions = await db.routingDecision.findMany({
    where: { shop, current: true, status: "routed", ...(except.length ? { orderShopifyId: { notIn: [...except] } } : {}) },
    select: { orderShopifyId: true, shipments: true },
  });
  if (decisions.length === 0) return {};
  const ids = decisions.map((d) => d.orderShopifyId);
  const [ended, steps] = await Promise.all([
    db.order.findMany({ where: { shop, shopifyId: { in: ids }, OR: [{ cancelledAt: { not: null } }, { closedAt: { not: null } }] }, select: { shopifyId: true } }),
    db.fulfillmentStep.findMany({
      where: { shop, orderShopifyId: { in: ids }, status: "done", OR: [{ step: { startsWith: "move:" } }, { step: { startsWith: "fulfillment:" } }, { step: { startsWith: "3pl-fulfillment:" } }] },
      select: { orderShopifyId: true, step: true, result: true },
    }),
  ]);
  const over = new Set(ended.map((o) => o.shopifyId));
  // A shipment is out of the building once the fulfillment order it was moved into is fulfilled.
  const movedTo = new Map<string, string>();
  const fulfilled = new Set<string>();
  for (const s of steps) {
    if (s.step.startsWith("move:")) {
      const fo = s.result ? (JSON.parse(s.result) as unknown) : null;
      if (typeof fo === "string") movedTo.set(`${s.orderShopifyId}|${s.step.slice("move:".length)}`, fo);
    } else {
      // "fulfillment:<fulfillment order gid>", or "3pl-fulfillment:<gid>:<tracking number>".
      const rest = s.step.slice(s.step.indexOf(":") + 1);
      const fo = s.step.startsWith("fulfillment:") ? rest : rest.slice(0, rest.lastIndexOf(":"));
      fulfilled.add(`${s.orderShopifyId}|${fo}`);
    }
  }
  const reserved: Record<string, Record<string, number>> = {};
  for (const d of decisions) {
    if (over.has(d.orderShopifyId)) continue;
    for (const s of JSON.parse(d.shipments) as { warehouseId: string; lines: { sku: string; quantity: number }[] }[]) {
      const fo = movedTo.get(`${d.orderShopifyId}|${s.warehouseId}`);
      if (fo && fulfilled.has(`${d.orderShopifyId}|${fo}`)) continue;
      const at = (reserved[s.warehouseId] ??= {});
      for (const l of s.lines) at[l.sku] = (at[l.sku] ?? 0) + l.quantity;
    }
  }
  return reserved;
}

/** Shelf stock less what open routing decisions hold, never below zero. */
export function unreservedStock(
  stock: Readonly<Record<string, Readonly<Record<string, number>>>>, reserved: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [w, skus] of Object.entries(stock)) {
    out[w] = {};
    for (const [sku, qty] of Object.entries(skus)) out[w]![sku] = Math.max(0, qty - (reserved[w]?.[sku] ?? 0));
  }
  return out;
}

export async function storeDecision(db: Db, shop: string, name: string, decision: RoutingDecision, trigger: "new" | "reroute" | "batch") {
  return db.$transaction(async (tx) => {
    await tx.routingDecision.updateMany({ where: { shop, orderShopifyId: decision.orderId, current: true }, data: { current: false } });
    return tx.routingDecision.create({
      data: {
        shop, orderShopifyId: decision.orderId, orderName: name, status: decision.status, trigger, currency: decision.currency,
        totalMinor: decision.cost?.total ?? null, shippingMinor: decision.cost?.shipping ?? null, dutiesMinor: decision.cost?.duties ?? null,
        handlingMinor: decision.cost?.handling ?? null, latenessMinor: decision.cost?.lateness ?? null,
        reason: decision.reason, shipments: JSON.stringify(decision.shipments), candidates: JSON.stringify(decision.candidates),
      },
    });
  });
}

/**
 * Routes orders one by one against live stock and today's remaining capacity, storing each
 * decision (a re-route supersedes the order's current decision and gives its units back first).
 */
export async function routeOrders(
  db: Db, shop: string, graphql: Gql, orders: readonly NamedOrder[],
  deps: { now: Date; fx: FxTable; customs: CustomsTables; trigger: "new" | "reroute" | "batch"; ddpMarkets?: readonly string[] },
) {
  const setup = await loadRoutingSetup(db, shop);
  if (setup.warehouses.length === 0) throw new Response("Set up at least one warehouse before routing orders", { status: 409 });
  const ids = orders.map((o) => o.order.id);
  const stock = unreservedStock(await stockByWarehouse(graphql, setup.warehouses), await reservedStock(db, shop, ids));
  const used = await shippedToday(db, shop, deps.now);
  // A re-routed order's own current shipments give their slots back.
  const previous = await db.routingDecision.findMany({ where: { shop, current: true, orderShopifyId: { in: orders.map((o) => o.order.id) }, createdAt: { gte: new Date(deps.now.toISOString().slice(0, 10)) } }, select: { shipments: true } });
  for (const p of previous) for (const s of JSON.parse(p.shipments) as { warehouseId: string }[]) used[s.warehouseId] = Math.max(0, (used[s.warehouseId] ?? 0) - 1);
  const state = createRoutingState(setup.warehouses, stock, used);
  const options = routerOptionsFor(setup.warehouses, setup.policies, deps);
  const router = createRouter(options);
  // Scarce stock is kept for the buyers the rest of the day is expected to bring, when the shop
  // has the history to say who they are (decision 022).
  const prices = await bidPricesFor(db, shop, deps.now, state, options);
  const opportunity = prices?.(deps.now);
  const stored = [];
  for (const { order, name } of orders) {
    const decision = router.route(order, state, opportunity);
    commitDecision(state, decision);
    stored.push(await storeDecision(db, shop, name, decision, deps.trigger));
  }
  return stored;
}

/** An order as Shopify holds it now: the open fulfillment orders' lines, for orders the sync has not stored yet. */
export async function orderFromShopify(graphql: Gql, id: string): Promise<NamedOrder | { name: string; problem: string }> {
  const order = await loadOrder(graphql, id);
  const country = order.shippingAddress?.countryCodeV2;
  if (!country) return { name: order.name, problem: "no shipping address" };
  const lines = order.fulfillmentOrders.nodes
    .filter((fo) => ["OPEN", "IN_PROGRESS", "SCHEDULED"].includes(fo.status))
    .flatMap((fo) => fo.lineItems.nodes.filter((l) => l.remainingQuantity > 0))
    .map((l) => {
      const item = l.lineItem.variant?.inventoryItem;
      const w = item?.measurement?.weight;
      return {
        sku: l.lineItem.sku ?? "", quantity: l.remainingQuantity, unitValue: Math.round(Number(l.lineItem.originalUnitPriceSet.shopMoney.amount) * 100),
        unitGrams: w ? Math.round(w.value * ({ GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 }[w.unit] ?? 1)) : 0,
        hsCode: item?.harmonizedSystemCode ?? "", originCountry: item?.countryCodeOfOrigin ?? "", description: l.lineItem.name,
      };
    });
  if (lines.length === 0) return { name: order.name, problem: "nothing left to ship" };
  const missing = lines.find((l) => !l.sku || !l.hsCode || !l.originCountry);
  if (missing) return { name: order.name, problem: `line "${missing.description}" has no ${!missing.sku ? "SKU" : !missing.hsCode ? "HS code" : "country of origin"}` };
  return { name: order.name, order: {
    id: order.id, currency: order.currencyCode, destination: { country, ...(order.shippingAddress?.zip ? { postcode: order.shippingAddress.zip } : {}) },
    promisedBy: promisedBy(new Date(order.createdAt), order.shippingLine?.title), lines,
  } };
}

/**
 * Re-plans open, not yet shipped orders together with the batch optimiser (HiGHS): the cheapest
 * assignment of all of them at once under shared stock and capacity. Each order gets a new
 * decision (trigger "batch") keeping the candidates the order would see alone, and the reason
 * saying what the joint plan changed.
 */
export async function replanBacklog(
  db: Db, shop: string, graphql: Gql, orders: readonly NamedOrder[],
  deps: { now: Date; fx: FxTable; customs: CustomsTables; solver: MilpSolver; ddpMarkets?: readonly string[] },
) {
  if (orders.length === 0) return { decisions: [], before: 0, after: 0 };
  const setup = await loadRoutingSetup(db, shop);
  const stock = unreservedStock(await stockByWarehouse(graphql, setup.warehouses), await reservedStock(db, shop, orders.map((o) => o.order.id)));
  const used = await shippedToday(db, shop, deps.now);
  const previous = await db.routingDecision.findMany({ where: { shop, current: true, orderShopifyId: { in: orders.map((o) => o.order.id) } }, select: { orderShopifyId: true, shipments: true, totalMinor: true, createdAt: true } });
  const today = deps.now.toISOString().slice(0, 10);
  for (const p of previous) {
    if (p.createdAt.toISOString().slice(0, 10) !== today) continue;
    for (const s of JSON.parse(p.shipments) as { warehouseId: string }[]) used[s.warehouseId] = Math.max(0, (used[s.warehouseId] ?? 0) - 1);
  }
  const state = createRoutingState(setup.warehouses, stock, used);
  const options = routerOptionsFor(setup.warehouses, setup.policies, deps);
  const plan = planBatch(deps.solver, { orders: orders.map((o) => o.order), state, options, unservedPenalty: 100_000, timeLimitSeconds: 20 });
  if (plan.status !== "Optimal") throw new Response(`The optimiser stopped without an optimum (${plan.status}); decisions left as they were`, { status: 503 });
  const router = createRouter(options);
  const decisions = [];
  let after = 0;
  for (const { order, name } of orders) {
    const alone = router.route(order, state);
    const chosen = plan.assignments.get(order.id) ?? null;
    const ids = chosen ? chosen.shipments.map((s) => s.warehouseId).join("+") : "";
    const cost = chosen ? planCost(chosen) : null;
    after += cost?.total ?? 0;
    const same = alone.shipments.map((s) => s.warehouseId).join("+") === ids;
    const decision: RoutingDecision = chosen
      ? {
        ...alone, status: "routed", shipments: chosen.shipments, cost,
        candidates: alone.candidates.map((c) => ({ ...c, chosen: c.warehouseIds.join("+") === ids && c.cost !== null })),
        reason: `re-planned with ${orders.length} open orders (HiGHS optimum): ${ids.split("+").map((id) => setup.warehouses.find((w) => w.id === id)?.name ?? id).join(" + ")} at ${(cost!.total / 100).toFixed(2)} ${order.currency}`
          + (same ? `; the same route as alone: ${alone.reason}` : `; alone it would take ${alone.shipments.map((s) => s.warehouseId).join(" + ") || "nothing"}, but that stock or capacity serves other orders better`),
      }
      : { ...alone, status: "unroutable", shipments: [], cost: null, reason: `re-planned with ${orders.length} open orders: no stock or capacity left for this one` };
    decisions.push(await storeDecision(db, shop, name, decision, "batch"));
  }
  const before = previous.reduce((a, p) => a + (p.totalMinor ?? 0), 0);
  return { decisions, before, after };
}
