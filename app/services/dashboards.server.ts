import type { Prisma, PrismaClient } from "@prisma/client";
import { join } from "node:path";
import { carrierIdOf, costPerOrder, orderCost, percentileFromHistogram, volumeTierProgress, type CostPerOrder, type TierProgress } from "../engine/analytics/dashboard";
import type { RateCard } from "../engine/carriers/rate-card";
import { quoteLandedCost } from "../engine/customs/quote";
import { regionOf } from "../engine/inventory/positions";
import { loadRateCards } from "../integrations/carriers/rate-cards.server";
import { calculatorTables } from "../integrations/customs/landed-cost.server";
import { adminQuery, type AdminApiClient } from "../integrations/shopify/admin-graphql.server";

const DAY = 86_400_000;

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
export async function loadProductTypes(admin: AdminApiClient, maxPages = 40): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const { productVariants }: { productVariants: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; product: { productType: string } }[] } } =
      await adminQuery(admin, PRODUCT_TYPES_QUERY, { after });
    for (const node of productVariants.nodes) types.set(node.id, node.product.productType || "Other");
    if (!productVariants.pageInfo.hasNextPage) break;
    after = productVariants.pageInfo.endCursor;
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
  // An anti-join in the database: only the orders still without a fact come back (plain SQL that
  // SQLite and PostgreSQL both read; Prisma names the tables after the models).
  const pending = (
    await db.$queryRaw<Array<{ shopifyId: string }>>`
      SELECT o."shopifyId" FROM "Order" o
      LEFT JOIN "OrderCostFact" f ON f."shop" = o."shop" AND f."orderShopifyId" = o."shopifyId"
      WHERE o."shop" = ${shop} AND o."cancelledAt" IS NULL AND f."id" IS NULL
      ORDER BY o."shopifyCreatedAt" ASC
      LIMIT ${limit}`
  ).map((o) => o.shopifyId);
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
  await rebuildCostRollups(db, shop, [...new Set(facts.map((f) => monthOf(new Date(f.orderedAt))))]);
  return facts.length;
}

export const monthOf = (date: Date) => date.toISOString().slice(0, 7);

type RollupRow = Prisma.CostRollupCreateManyInput;

/**
 * Recomputes the roll-ups of whole months from the facts: a month is replaced at once, so a fact
 * written twice or late can never be counted twice.
 */
export async function rebuildCostRollups(db: PrismaClient, shop: string, months: string[]): Promise<void> {
  for (const month of months) {
    const start = new Date(`${month}-01T00:00:00Z`);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const facts = await db.orderCostFact.findMany({
      where: { shop, orderedAt: { gte: start, lt: end } },
      select: {
        market: true, region: true, productType: true, carrier: true, lane: true, shippingMinor: true, dutiesMinor: true, dutiesCollectedMinor: true,
        handlingMinor: true, storageMinor: true, returnsMinor: true, returned: true, deliveryDays: true, onTime: true,
      },
    });
    const rows = new Map<string, RollupRow>();
    const add = (market: string, dimension: string, key: string, f: (typeof facts)[number], money: boolean) => {
      const id = `${market}|${dimension}|${key}`;
      const row = rows.get(id) ?? {
        shop, month, market, dimension, key, orders: 0, shippingMinor: 0, dutiesMinor: 0, dutiesCollectedMinor: 0, handlingMinor: 0, storageMinor: 0, returnsMinor: 0, returned: 0, onTime: 0, judged: 0,
      };
      row.orders++;
      if (money) {
        row.shippingMinor += f.shippingMinor; row.dutiesMinor += f.dutiesMinor; row.dutiesCollectedMinor += f.dutiesCollectedMinor;
        row.handlingMinor += f.handlingMinor; row.storageMinor += f.storageMinor; row.returnsMinor += f.returnsMinor;
        if (f.returned) row.returned++;
      }
      if (f.onTime !== null) {
        row.judged++;
        if (f.onTime) row.onTime++;
      }
      rows.set(id, row);
    };
    for (const f of facts) {
      add(f.market, "region", f.region, f, true);
      add(f.market, "productType", f.productType, f, true);
      add(f.market, "carrier", f.carrier, f, true);
      add(f.market, "lane", f.lane, f, false);
      if (f.deliveryDays !== null) add(f.market, "delivery", `${f.lane}|${f.deliveryDays}`, f, false);
    }
    await db.$transaction([
      db.costRollup.deleteMany({ where: { shop, month } }),
      db.costRollup.createMany({ data: [...rows.values()] }),
    ]);
  }
}

const EU = new Set(["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]);
const isEu = (country: string) => EU.has(country);

let cards: RateCard[] | undefined;
function rateCards(): RateCard[] {
  cards ??= loadRateCards(join(process.cwd(), "data", "rate-cards")).cards;
  return cards;
}

export interface DashboardFilters {
  /** First and last month shown, YYYY-MM (the roll-ups are monthly). */
  fromMonth: string;
  toMonth: string;
  market?: string;
}

export interface GroupRow extends CostPerOrder {
  key: string;
}

export interface DashboardFigures {
  filters: { fromMonth: string; toMonth: string; market: string | null };
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

type Sums = { orders: number; shipping: number; duties: number; collected: number; handling: number; storage: number; returns: number; returned: number };
const zero = (): Sums => ({ orders: 0, shipping: 0, duties: 0, collected: 0, handling: 0, storage: 0, returns: 0, returned: 0 });

/**
 * Every figure of the dashboards page from the monthly roll-ups: one indexed read of a few
 * thousand rows whatever the number of orders, summed here.
 */
export async function dashboardFigures(db: PrismaClient, shop: string, filters: DashboardFilters, now: Date): Promise<DashboardFigures> {
  const thisMonth = monthOf(now);
  const unfiltered = !filters.market;
  const where = { shop, month: { gte: filters.fromMonth, lte: filters.toMonth }, ...(filters.market ? { market: filters.market } : {}) };
  const sums = { orders: true, shippingMinor: true, dutiesMinor: true, dutiesCollectedMinor: true, handlingMinor: true, storageMinor: true, returnsMinor: true, returned: true, onTime: true, judged: true } as const;
  // Summed in the database: a few hundred rows come back whatever the range.
  const [byKey, byMarket, monthRows, marketRows, shopRow] = await Promise.all([
    db.costRollup.groupBy({ by: ["dimension", "key"], where, _sum: sums }),
    db.costRollup.groupBy({ by: ["market"], where: { ...where, dimension: "region" }, _sum: sums }),
    db.costRollup.findMany({ where: { shop, month: thisMonth, dimension: "carrier" }, select: { key: true, orders: true } }),
    unfiltered ? Promise.resolve(null) : db.costRollup.groupBy({ by: ["market"], where: { shop, dimension: "region" } }),
    db.shop.findUnique({ where: { domain: shop }, select: { currency: true } }),
  ]);
  const flat = (g: { _sum: Partial<Record<keyof typeof sums, number | null>> }) => ({
    orders: g._sum.orders ?? 0, shippingMinor: g._sum.shippingMinor ?? 0, dutiesMinor: g._sum.dutiesMinor ?? 0, dutiesCollectedMinor: g._sum.dutiesCollectedMinor ?? 0,
    handlingMinor: g._sum.handlingMinor ?? 0, storageMinor: g._sum.storageMinor ?? 0, returnsMinor: g._sum.returnsMinor ?? 0, returned: g._sum.returned ?? 0, onTime: g._sum.onTime ?? 0, judged: g._sum.judged ?? 0,
  });
  const rollups = [
    ...byKey.map((g) => ({ market: "", dimension: g.dimension, key: g.key, ...flat(g) })),
    ...byMarket.map((g) => ({ market: g.market, dimension: "market", key: g.market, ...flat(g) })),
  ];
  const month = monthRows;
  const markets = marketRows ?? byMarket.map((m) => ({ market: m.market }));
  const currency = shopRow;
  const groups = { region: new Map<string, Sums>(), productType: new Map<string, Sums>(), carrier: new Map<string, Sums>(), market: new Map<string, Sums>() };
  const lanesOnTime = new Map<string, { onTime: number; judged: number }>();
  const histogram = new Map<string, Array<{ value: number; count: number }>>();
  const returnsByRegion = new Map<string, Sums>();
  const bump = (map: Map<string, Sums>, key: string, r: (typeof rollups)[number]) => {
    const g = map.get(key) ?? zero();
    g.orders += r.orders; g.shipping += r.shippingMinor; g.duties += r.dutiesMinor; g.collected += r.dutiesCollectedMinor;
    g.handling += r.handlingMinor; g.storage += r.storageMinor; g.returns += r.returnsMinor; g.returned += r.returned;
    map.set(key, g);
  };
  for (const r of rollups) {
    if (r.dimension === "region") {
      bump(groups.region, r.key, r);
      bump(returnsByRegion, r.key, r);
    } else if (r.dimension === "market") {
      bump(groups.market, r.key, r);
    } else if (r.dimension === "productType" || r.dimension === "carrier") {
      bump(groups[r.dimension], r.key, r);
    } else if (r.dimension === "lane") {
      const l = lanesOnTime.get(r.key) ?? { onTime: 0, judged: 0 };
      l.onTime += r.onTime; l.judged += r.judged;
      lanesOnTime.set(r.key, l);
    } else if (r.dimension === "delivery") {
      const cut = r.key.lastIndexOf("|");
      const lane = r.key.slice(0, cut);
      if (!histogram.has(lane)) histogram.set(lane, []);
      histogram.get(lane)!.push({ value: Number(r.key.slice(cut + 1)), count: r.orders });
    }
  }
  const rows = (map: Map<string, Sums>): GroupRow[] =>
    [...map].map(([key, g]) => ({ key, ...costPerOrder(g) })).sort((a, b) => b.orders - a.orders || a.key.localeCompare(b.key));
  const total = [...groups.region.values()].reduce((acc, g) => {
    for (const k of Object.keys(acc) as Array<keyof Sums>) acc[k] += g[k];
    return acc;
  }, zero());

  const lanes = [...histogram]
    .map(([lane, bins]) => {
      const judged = lanesOnTime.get(lane);
      return {
        lane,
        parcels: bins.reduce((s, b) => s + b.count, 0),
        p50: percentileFromHistogram(bins, 0.5),
        p90: percentileFromHistogram(bins, 0.9),
        onTimeRate: judged?.judged ? judged.onTime / judged.judged : null,
      };
    })
    .sort((a, b) => b.parcels - a.parcels || a.lane.localeCompare(b.lane));

  const tiersByCarrier = new Map<string, RateCard["volumeTiers"]>();
  for (const card of rateCards()) if (card.volumeTiers.length && !tiersByCarrier.has(card.carrierId)) tiersByCarrier.set(card.carrierId, card.volumeTiers);
  const parcels = new Map<string, number>();
  for (const m of month) {
    const id = carrierIdOf(m.key);
    if (id) parcels.set(id, (parcels.get(id) ?? 0) + m.orders);
  }

  return {
    filters: { fromMonth: filters.fromMonth, toMonth: filters.toMonth, market: filters.market ?? null },
    orders: total.orders,
    costPerOrder: costPerOrder(total),
    byRegion: rows(groups.region),
    byMarket: rows(groups.market),
    byProductType: rows(groups.productType),
    byCarrier: rows(groups.carrier),
    lanes,
    duties: [...groups.market].map(([market, g]) => ({ market, collected: g.collected, paid: g.duties })).filter((d) => d.paid || d.collected).sort((a, b) => b.paid - a.paid),
    returns: [...returnsByRegion].map(([region, g]) => ({ region, orders: g.orders, returned: g.returned, rate: g.orders ? g.returned / g.orders : 0, cost: g.returns })),
    tiers: [...tiersByCarrier].map(([carrierId, tiers]) => volumeTierProgress(carrierId, tiers, parcels.get(carrierId) ?? 0)),
    markets: markets.map((m) => m.market).sort(),
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
