import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { loadDemandForecast, remainingShare } from "../app/integrations/routing/demand-forecast.server";
import { routeOrders, type NamedOrder } from "../app/integrations/routing/route-orders.server";
import { saveWarehouse } from "../app/integrations/routing/setup.server";
import { quoteDependencies } from "../app/services/shipping-quote.server";
import { earbudsStock, venloAndNewJersey } from "./support/routing";

const NOW = new Date("2026-11-25T09:00:00Z");
const MIDNIGHT = Date.UTC(2026, 10, 25);
const VENLO_LOCATION = "gid://shopify/Location/21";
const { venlo, newJersey } = venloAndNewJersey(VENLO_LOCATION, "gid://shopify/Location/22");

/** Shopify's inventory levels: 3 earbuds in Venlo, 50 in New Jersey. */
const shopifyStock = earbudsStock(VENLO_LOCATION, 3, 50);

const earbudsTo = (id: string, country: string): NamedOrder => ({
  name: `#${id}`,
  order: {
    id: `gid://shopify/Order/${id}`, currency: "USD", destination: { country }, promisedBy: "2026-12-05",
    lines: [{ sku: "EARBUDS", quantity: 1, unitValue: 9_900, unitGrams: 160, hsCode: "851830", originCountry: "CN", description: "Wireless Earbuds" }],
  },
});

let orderNo = 1000;
/** A past order as the order sync stores it: one pair of earbuds to `country`, placed at `at`. */
async function pastOrder(shop: string, country: string, at: Date) {
  const id = `gid://shopify/Order/${orderNo++}`;
  await db.order.create({
    data: {
      shop, shopifyId: id, name: `#${orderNo}`, currency: "USD", subtotalMinor: 9_900, shippingMinor: 0, taxMinor: 0, discountMinor: 0, totalMinor: 9_900,
      totalWeightGrams: 160, destCountryCode: country, shopifyCreatedAt: at, shopifyUpdatedAt: at, source: "webhook",
      lines: { create: [{ shop, shopifyId: `${id}/line`, sku: "EARBUDS", title: "Wireless Earbuds", quantity: 1, unitPriceMinor: 9_900, grams: 160, hsCode: "851830", countryOfOrigin: "CN" }] },
    },
  });
}

/** GIVEN each of the last three days brought four German buyers of earbuds, every one in the evening. */
async function shopWithGermanEvenings(shop: string) {
  await saveWarehouse(db, shop, venlo);
  await saveWarehouse(db, shop, newJersey);
  for (let day = 1; day <= 3; day++) {
    for (let i = 0; i < 4; i++) await pastOrder(shop, "DE", new Date(MIDNIGHT - day * 86_400_000 + (18 + i * 0.25) * 3_600_000));
  }
}

const route = async (shop: string, order: NamedOrder, now = NOW) =>
  (await routeOrders(db, shop, shopifyStock, [order], { now, ...quoteDependencies(), trigger: "new" }))[0]!;
const warehousesOf = (row: { shipments: string }) => (JSON.parse(row.shipments) as { warehouseId: string }[]).map((s) => s.warehouseId);

describe("live routing keeps scarce stock for the buyers the rest of the day is expected to bring", () => {
  it("reads the shop's last days of orders as one scenario per day, and what share of a day's orders comes after a time", async () => {
    const shop = "bids-a.myshopify.com";
    await shopWithGermanEvenings(shop);
    await pastOrder("bids-other.myshopify.com", "GB", new Date(NOW.getTime() - 86_400_000));
    const forecast = (await loadDemandForecast(db, shop, NOW))!;
    expect(forecast.scenarios.map((day) => day.map((o) => o.destination.country))).toEqual([["DE", "DE", "DE", "DE"], ["DE", "DE", "DE", "DE"], ["DE", "DE", "DE", "DE"]]);
    expect(forecast.scale).toEqual([1, 1, 1]);
    expect(remainingShare(forecast, NOW)).toBe(1);
    expect(remainingShare(forecast, new Date("2026-11-25T18:10:00Z"))).toBe(0.75);
    expect(remainingShare(forecast, new Date("2026-11-25T18:40:00Z"))).toBe(0.25);
    expect(remainingShare(forecast, new Date("2026-11-25T18:50:00Z"))).toBe(0);
    // Two days of history are not enough to go on.
    await saveWarehouse(db, "bids-short.myshopify.com", venlo);
    await pastOrder("bids-short.myshopify.com", "DE", new Date(NOW.getTime() - 86_400_000));
    await pastOrder("bids-short.myshopify.com", "DE", new Date(NOW.getTime() - 2 * 86_400_000));
    expect(await loadDemandForecast(db, "bids-short.myshopify.com", NOW)).toBeNull();
  });

  it("GIVEN 3 earbuds in Venlo and 4 German buyers expected this evening WHEN a British buyer orders in the morning THEN the order ships from New Jersey; in the evening, once they are covered, from Venlo", async () => {
    const shop = "bids-b.myshopify.com";
    await shopWithGermanEvenings(shop);
    // A shop without history routes the same order to Venlo, the cheaper for it alone.
    await saveWarehouse(db, "bids-none.myshopify.com", venlo);
    await saveWarehouse(db, "bids-none.myshopify.com", newJersey);
    expect(warehousesOf(await route("bids-none.myshopify.com", earbudsTo("1", "GB")))).toEqual(["nl-venlo"]);

    const morning = await route(shop, earbudsTo("2", "GB"));
    expect(warehousesOf(morning)).toEqual(["us-nj"]);
    expect(morning.reason).toMatch(/Venlo is .* cheaper but its stock or slots are worth more to orders still to come/);

    const evening = await route(shop, earbudsTo("3", "GB"), new Date("2026-11-25T19:00:00Z"));
    expect(warehousesOf(evening)).toEqual(["nl-venlo"]);
  });
});
