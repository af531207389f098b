import type { Prisma, PrismaClient } from "@prisma/client";
import { join } from "node:path";
import { carrierIdOf, costPerOrder, orderCost, percentileFromHistogram, volumeTierProgress, type CostPerOrder, type TierProgress } from "../engine/analytics/dashboard";
import type { RateCard } from "../engine/carriers/rate-card";
import { quoteLandedCost } from "../engine/customs/quote";
import { regionOf } from "../engine/inventory/positions";
import { loadRateCards } from "../integrations/carriers/rate-cards.server";
import { calculatorTables } from "../integrations/customs/landed-cost.server";

const DAY = 86_400_000;

interface AdminGraphql {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
}

export const PRODUCT_TYPES_QUERY = `#graphql
  query DashboardProductTypes($after: String) {
    productVariants(first: 250, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        product {
          productType
        }
      }
    }
  }
`;

/** Product type per variant id, read through the Admin API (the synced orders do not carry it). */
export async function loadProductTypes(admin: AdminGraphql, maxPages = 40): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const response = await admin.graphql(PRODUCT_TYPES_QUERY, { variables: { after } });
    const body = (await response.json()) as {
      data?: { productVariants: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string; product: { productType: string } }> } };
      errors?: Array<{ message: string }>;
    };
    if (!body.data) throw new Error(`Shopify did not return product types: ${body.errors?.map((e) => e.message).join("; ") ?? "no data"}`);
    for (const node of body.data.productVariants.nodes) types.set(node.id, node.product.productType || "Other");
    if (!body.data.productVariants.pageInfo.hasNextPage) break;
    after = body.data.productVariants.pageInfo.endCursor;
  }
  return types;
}

/** When a parcel reached the buyer and the window promised, if known. */
export type DeliveryOf = (order: { shopifyId: string; createdAt: Date; shippedAt: Date | null; fulfilled: boolean; lane: string }) => { deliveredAt: Date; promisedDays: number | null } | null;

/**
 * Writes a cost fact for every synced order that has none yet (at most `limit` per call, oldest
 * first), so the dashboards aggregate in SQL. Returns how many were written.
 */
export async function syncCostFacts(
  db: PrismaClient,
  shop: string,
  options: { productTypes: Map<string, string>; deliveryOf?: DeliveryOf; limit?: number },
): Promise<number> {
  const limit = options.limit ?? 2000;
  const have = await db.orderCostFact.count({ where: { shop } });
  const orders = await db.order.count({ where: { shop, cancelledAt: null } });
  if (have >= orders) return 0;
  const known = new Set((await db.orderCostFact.findMany({ where: { shop }, select: { orderShopifyId: true } })).map((f) => f.orderShopifyId));
  const pending = (await db.order.findMany({ where: { shop, cancelledAt: null }, select: { shopifyId: true }, orderBy: { shopifyCreatedAt: "asc" } }))
    .filter((o) => !known.has(o.shopifyId))
    .slice(0, limit)
    .map((o) => o.shopifyId);
  if (pending.length === 0) return 0;
  const [rows, fulfillments, returns, shipments] = await Promise.all([
    db.order.findMany({ where: { shop, shopifyId: { in: pending } }, include: { lines: true, shippingLines: true, fulfillmentOrders: true } }),
    db.fulfillment.findMany({ where: { shop, orderShopifyId: { in: pending } } }),
    db.return.findMany({ where: { shop, orderShopifyId: { in: pending } }, select: { orderShopifyId: true } }),
    db.shipment.findMany({ where: { shop, orderShopifyId: { in: pending }, deliveredAt: { not: null } }, select: { orderShopifyId: true, deliveredAt: true, promisedBy: true, carrier: true } }),
  ]);
  const returned = new Set(returns.map((r) => r.orderShopifyId));
  const tables = calculatorTables();
  const facts: Prisma.OrderCostFactCreateManyInput[] = [];
  for (const order of rows) {
    const fulfillment = fulfillments.find((f) => f.orderShopifyId === order.shopifyId);
    const shipment = shipments.find((s) => s.orderShopifyId === order.shopifyId);
    const origin = order.fulfillmentOrders[0]?.assignedCountryCode ?? "US";
    const market = order.destCountryCode ?? origin;
    const lane = `${origin}-${market}`;
    const units = order.lines.reduce((s, l) => s + l.quantity, 0);
    const topLine = [...order.lines].sort((a, b) => b.unitPriceMinor * b.quantity - a.unitPriceMinor * a.quantity)[0];
    const productType = (topLine?.variantId && options.productTypes.get(topLine.variantId)) || "Other";
    const carrier = fulfillment?.trackingCompany ?? shipment?.carrier ?? order.shippingLines[0]?.carrierIdentifier ?? order.shippingLines[0]?.title ?? "Unassigned";
    const crossBorder = regionOf(origin) !== regionOf(market) || (regionOf(market) === "EU" && origin !== market && !isEu(origin));
    let dutiesPaid = 0;
    if (crossBorder && order.lines.every((l) => l.hsCode && l.countryOfOrigin)) {
      try {
        const quote = quoteLandedCost(
          {
            date: order.shopifyCreatedAt.toISOString().slice(0, 10), destination: { country: market }, shipFrom: origin, currency: order.currency, incoterm: "DAP",
            shipping: order.shippingMinor, dutyEstimate: "highest",
            lines: order.lines.map((l) => ({ hsCode: l.hsCode!, originCountry: l.countryOfOrigin!, quantity: l.quantity, unitValue: l.unitPriceMinor, netWeightGrams: l.grams })),
          },
          tables,
        );
        dutiesPaid = quote.totals.duty.amount + quote.totals.tax.amount + quote.totals.fees.amount;
      } catch {
        // No tariff for this market (data/SOURCES.md lists them): the order counts without duties.
      }
    }
    const cost = orderCost({ units, shippingPaid: order.shippingMinor, dutiesPaid, returned: returned.has(order.shopifyId) });
    const delivery = shipment?.deliveredAt
      ? { deliveredAt: shipment.deliveredAt, promisedDays: shipment.promisedBy ? Math.ceil((Date.parse(shipment.promisedBy) - order.shopifyCreatedAt.getTime()) / DAY) : null }
      : options.deliveryOf?.({
          shopifyId: order.shopifyId, createdAt: order.shopifyCreatedAt, shippedAt: fulfillment?.shopifyUpdatedAt ?? null, lane,
          fulfilled: /FULFILLED/i.test(order.fulfillmentStatus ?? "") && !/UNFULFILLED/i.test(order.fulfillmentStatus ?? ""),
        });
    const deliveryDays = delivery ? Math.max(0, Math.ceil((delivery.deliveredAt.getTime() - order.shopifyCreatedAt.getTime()) / DAY)) : null;
    facts.push({
      shop, orderShopifyId: order.shopifyId, orderName: order.name, orderedAt: order.shopifyCreatedAt, market, region: regionOf(market), productType, carrier, lane,
      currency: order.currency, revenueMinor: order.totalMinor, shippingMinor: cost.shipping, dutiesMinor: cost.duties,
      dutiesCollectedMinor: crossBorder ? order.taxMinor : 0, handlingMinor: cost.handling, storageMinor: cost.storage, returnsMinor: cost.returns,
      returned: returned.has(order.shopifyId), deliveryDays, promisedDays: delivery?.promisedDays ?? null,
      onTime: deliveryDays !== null && delivery?.promisedDays != null ? deliveryDays <= delivery.promisedDays : null,
    });
  }
  for (let i = 0; i < facts.length; i += 500) await db.orderCostFact.createMany({ data: facts.slice(i, i + 500) });
  return facts.length;
}

const EU = new Set(["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]);
const isEu = (country: string) => EU.has(country);

let cards: RateCard[] | undefined;
function rateCards(): RateCard[] {
  cards ??= loadRateCards(join(process.cwd(), "data", "rate-cards")).cards;
  return cards;
}

export interface DashboardFilters {
  from: Date;
  to: Date;
  market?: string;
}

export interface GroupRow extends CostPerOrder {
  key: string;
}

export interface DashboardFigures {
  filters: { from: string; to: string; market: string | null };
  orders: number;
  costPerOrder: CostPerOrder;
  byRegion: GroupRow[];
  byMarket: GroupRow[];
  byProductType: GroupRow[];
  byCarrier: GroupRow[];
  lanes: Array<{ lane: string; parcels: number; p50: number | null; p90: number | null; onTimeRate: number | null }>;
  duties: Array<{ market: string; collected: number; paid: number }>;
  returns: Array<{ region: string; orders: number; returned: number; rate: number; cost: number }>;
  tiers: TierProgress[];
  markets: string[];
  currency: string;
}

const SUMS = { shippingMinor: true, dutiesMinor: true, handlingMinor: true, storageMinor: true, returnsMinor: true } as const;

function toRow(key: string, count: number, sum: Partial<Record<keyof typeof SUMS, number | null>>): GroupRow {
  return {
    key,
    ...costPerOrder({ orders: count, shipping: sum.shippingMinor ?? 0, duties: sum.dutiesMinor ?? 0, handling: sum.handlingMinor ?? 0, storage: sum.storageMinor ?? 0, returns: sum.returnsMinor ?? 0 }),
  };
}

/**
 * Every figure of the dashboards page, grouped in the database: one indexed range scan per
 * grouping over the cost facts, never the orders themselves.
 */
export async function dashboardFigures(db: PrismaClient, shop: string, filters: DashboardFilters, now: Date): Promise<DashboardFigures> {
  const where: Prisma.OrderCostFactWhereInput = { shop, orderedAt: { gte: filters.from, lt: filters.to }, ...(filters.market ? { market: filters.market } : {}) };
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const group = <K extends "region" | "market" | "productType" | "carrier">(by: K) =>
    db.orderCostFact.groupBy({ by: [by], where, _count: { _all: true }, _sum: SUMS }) as unknown as Promise<Array<Record<K, string> & { _count: { _all: number }; _sum: Record<keyof typeof SUMS, number | null> }>>;
  const [regions, markets, types, carriers, laneDays, laneOnTime, duties, returns, month, allMarkets, currency] = await Promise.all([
    group("region"),
    group("market"),
    group("productType"),
    group("carrier"),
    db.orderCostFact.groupBy({ by: ["lane", "deliveryDays"], where: { ...where, deliveryDays: { not: null } }, _count: { _all: true } }),
    db.orderCostFact.groupBy({ by: ["lane", "onTime"], where: { ...where, onTime: { not: null } }, _count: { _all: true } }),
    db.orderCostFact.groupBy({ by: ["market"], where, _sum: { dutiesCollectedMinor: true, dutiesMinor: true } }),
    db.orderCostFact.groupBy({ by: ["region", "returned"], where, _count: { _all: true }, _sum: { returnsMinor: true } }),
    db.orderCostFact.groupBy({ by: ["carrier"], where: { shop, orderedAt: { gte: monthStart, lt: now } }, _count: { _all: true } }),
    db.orderCostFact.groupBy({ by: ["market"], where: { shop }, _count: { _all: true } }),
    db.orderCostFact.findFirst({ where: { shop }, select: { currency: true } }),
  ]);
  const rows = <K extends string>(groups: Array<Record<K, string> & { _count: { _all: number }; _sum: Record<keyof typeof SUMS, number | null> }>, key: K) =>
    groups.map((g) => toRow(g[key], g._count._all, g._sum)).sort((a, b) => b.orders - a.orders);
  const total = regions.reduce(
    (acc, g) => ({
      orders: acc.orders + g._count._all, shipping: acc.shipping + (g._sum.shippingMinor ?? 0), duties: acc.duties + (g._sum.dutiesMinor ?? 0),
      handling: acc.handling + (g._sum.handlingMinor ?? 0), storage: acc.storage + (g._sum.storageMinor ?? 0), returns: acc.returns + (g._sum.returnsMinor ?? 0),
    }),
    { orders: 0, shipping: 0, duties: 0, handling: 0, storage: 0, returns: 0 },
  );

  const laneNames = [...new Set(laneDays.map((l) => l.lane))];
  const lanes = laneNames
    .map((lane) => {
      const bins = laneDays.filter((l) => l.lane === lane).map((l) => ({ value: l.deliveryDays!, count: l._count._all }));
      const onTime = laneOnTime.filter((l) => l.lane === lane);
      const judged = onTime.reduce((s, l) => s + l._count._all, 0);
      return {
        lane,
        parcels: bins.reduce((s, b) => s + b.count, 0),
        p50: percentileFromHistogram(bins, 0.5),
        p90: percentileFromHistogram(bins, 0.9),
        onTimeRate: judged ? onTime.filter((l) => l.onTime).reduce((s, l) => s + l._count._all, 0) / judged : null,
      };
    })
    .sort((a, b) => b.parcels - a.parcels);

  const returnRegions = [...new Set(returns.map((r) => r.region))];
  const tiersByCarrier = new Map<string, RateCard["volumeTiers"]>();
  for (const card of rateCards()) if (card.volumeTiers.length && !tiersByCarrier.has(card.carrierId)) tiersByCarrier.set(card.carrierId, card.volumeTiers);
  const parcels = new Map<string, number>();
  for (const m of month) {
    const id = carrierIdOf(m.carrier);
    if (id) parcels.set(id, (parcels.get(id) ?? 0) + m._count._all);
  }

  return {
    filters: { from: filters.from.toISOString(), to: filters.to.toISOString(), market: filters.market ?? null },
    orders: total.orders,
    costPerOrder: costPerOrder(total),
    byRegion: rows(regions, "region"),
    byMarket: rows(markets, "market"),
    byProductType: rows(types, "productType"),
    byCarrier: rows(carriers, "carrier"),
    lanes,
    duties: duties.map((d) => ({ market: d.market, collected: d._sum.dutiesCollectedMinor ?? 0, paid: d._sum.dutiesMinor ?? 0 })).filter((d) => d.paid || d.collected).sort((a, b) => b.paid - a.paid),
    returns: returnRegions.map((region) => {
      const groups = returns.filter((r) => r.region === region);
      const orders = groups.reduce((s, g) => s + g._count._all, 0);
      const back = groups.filter((g) => g.returned).reduce((s, g) => s + g._count._all, 0);
      return { region, orders, returned: back, rate: orders ? back / orders : 0, cost: groups.reduce((s, g) => s + (g._sum.returnsMinor ?? 0), 0) };
    }),
    tiers: [...tiersByCarrier].map(([carrierId, tiers]) => volumeTierProgress(carrierId, tiers, parcels.get(carrierId) ?? 0)),
    markets: allMarkets.map((m) => m.market).sort(),
    currency: currency?.currency ?? "USD",
  };
}

/** The grouped cost table as CSV, one row per group and dimension. */
export function dashboardCsv(figures: DashboardFigures): string {
  const lines = ["dimension,key,orders,shipping,duties_taxes,handling,storage,returns,total_per_order,currency"];
  const major = (minor: number) => (minor / 100).toFixed(2);
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  for (const [dimension, rows] of [["region", figures.byRegion], ["market", figures.byMarket], ["product_type", figures.byProductType], ["carrier", figures.byCarrier]] as const) {
    for (const r of rows) lines.push([dimension, quote(r.key), r.orders, major(r.shipping), major(r.duties), major(r.handling), major(r.storage), major(r.returns), major(r.total), figures.currency].join(","));
  }
  return lines.join("\n") + "\n";
}
