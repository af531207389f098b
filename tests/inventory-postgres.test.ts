import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../app/db.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { dashboardFigures, syncCostFacts } from "../app/services/dashboards.server";
import { startPostgres, type RunningPostgres } from "./support/postgres";

describe("cost facts and roll-ups on PostgreSQL", () => {
  let pg: RunningPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it("GIVEN synced orders, one cancelled and one already counted WHEN facts sync THEN only the missing live order gets one, of this shop only, and the figures read it", async () => {
    const url = await pg.createDatabase("inventory_costs");
    await migrateDatabase(url);
    const db = createPrismaClient(url);
    try {
      const order = (shop: string, n: number, cancelled = false) => ({
        shop, shopifyId: `gid://shopify/Order/${n}`, name: `#${n}`, currency: "USD", subtotalMinor: 5000, shippingMinor: 1995, taxMinor: 0, discountMinor: 0, totalMinor: 6995,
        totalWeightGrams: 400, destCountryCode: "US", shopifyCreatedAt: new Date(`2026-10-0${n}T10:00:00Z`), shopifyUpdatedAt: new Date(`2026-10-0${n}T10:00:00Z`), source: "backfill",
        cancelledAt: cancelled ? new Date(`2026-10-0${n}T12:00:00Z`) : null,
      });
      await db.order.createMany({ data: [order("a.myshopify.com", 1), order("a.myshopify.com", 2), order("a.myshopify.com", 3, true), order("b.myshopify.com", 4)] });
      await db.orderCostFact.create({
        data: {
          shop: "a.myshopify.com", orderShopifyId: "gid://shopify/Order/1", orderName: "#1", orderedAt: new Date("2026-10-01T10:00:00Z"), market: "US", region: "NA", productType: "Home",
          carrier: "USPS", lane: "US-US", currency: "USD", revenueMinor: 6995, shippingMinor: 1995, dutiesMinor: 0, dutiesCollectedMinor: 0, handlingMinor: 150, storageMinor: 30, returnsMinor: 0,
        },
      });
      expect(await syncCostFacts(db, "a.myshopify.com", { productTypes: new Map() })).toBe(1);
      expect((await db.orderCostFact.findMany({ where: { shop: "a.myshopify.com" }, orderBy: { orderShopifyId: "asc" } })).map((f) => f.orderShopifyId)).toEqual(["gid://shopify/Order/1", "gid://shopify/Order/2"]);
      expect(await db.orderCostFact.count({ where: { shop: "b.myshopify.com" } })).toBe(0);
      const figures = await dashboardFigures(db, "a.myshopify.com", { fromMonth: "2026-10", toMonth: "2026-10" }, new Date("2026-10-20T00:00:00Z"));
      // Order 1's fact was written before any roll-up: the sync rebuilt October from all facts.
      expect(figures.orders).toBe(2);
      expect(figures.byMarket).toEqual([expect.objectContaining({ key: "US", orders: 2, shipping: 1995, handling: 150 })]);
    } finally {
      await db.$disconnect();
    }
  }, 60_000);
});
