import { describe, expect, it } from "vitest";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP, seedDemoStore } from "./seed";
import { Store } from "./store";

const NOW = new Date("2026-11-25T12:00:00Z");

function seeded(now = NOW): Store {
  const store = new Store();
  seedDemoStore(store, { now });
  return store;
}

describe("seedDemoStore", () => {
  it("is deterministic: same now, same store", () => {
    const a = seeded();
    const b = seeded();
    for (const type of ["Product", "ProductVariant", "InventoryItem", "InventoryLevel", "Customer", "Order", "LineItem", "FulfillmentOrder", "Fulfillment", "Return"] as const) {
      expect(JSON.stringify(a.list(DEMO_SHOP, type))).toBe(JSON.stringify(b.list(DEMO_SHOP, type)));
    }
    expect(a.requireShop(DEMO_SHOP).accessToken).toBe(DEMO_ACCESS_TOKEN);
  });

  it("has about 24 products, each with a 6-digit HS code, an origin and a weight", () => {
    const store = seeded();
    expect(store.count(DEMO_SHOP, "Product")).toBe(24);
    for (const item of store.list(DEMO_SHOP, "InventoryItem")) {
      expect(item.harmonizedSystemCode).toMatch(/^\d{6}$/);
      expect(item.countryCodeOfOrigin).toMatch(/^[A-Z]{2}$/);
      expect(item.measurement.weight.value).toBeGreaterThan(0);
    }
  });

  it("has three locations on two continents, each stocking inventory", () => {
    const store = seeded();
    const locations = store.list(DEMO_SHOP, "Location");
    expect(locations.map((l) => l.address.countryCode).sort()).toEqual(["GB", "NL", "US"]);
    for (const location of locations) {
      expect(store.list(DEMO_SHOP, "InventoryLevel").filter((l) => l.locationId === location.id).length).toBeGreaterThan(10);
    }
  });

  it("has customers in at least 12 countries", () => {
    const countries = new Set(seeded().list(DEMO_SHOP, "Customer").map((c) => c.defaultAddress.countryCode));
    expect(countries.size).toBeGreaterThanOrEqual(12);
  });

  it("has a few hundred orders spread over six months, busiest in Q4, with varied statuses and returns", () => {
    const store = seeded();
    const orders = store.list(DEMO_SHOP, "Order");
    expect(orders.length).toBeGreaterThan(200);
    expect(orders.length).toBeLessThan(500);
    const byMonth = new Map<string, number>();
    for (const order of orders) byMonth.set(order.createdAt.slice(0, 7), (byMonth.get(order.createdAt.slice(0, 7)) ?? 0) + 1);
    expect(byMonth.size).toBeGreaterThanOrEqual(6);
    expect(byMonth.get("2026-11")! / 25).toBeGreaterThan(byMonth.get("2026-07")! / 31);
    const statuses = new Set(orders.map((o) => o.displayFulfillmentStatus));
    expect(statuses.has("FULFILLED") && statuses.has("UNFULFILLED")).toBe(true);
    expect(orders.some((o) => o.cancelledAt)).toBe(true);
    expect(new Set(orders.map((o) => o.shippingAddress?.countryCode)).size).toBeGreaterThanOrEqual(12);
    expect(store.list(DEMO_SHOP, "Fulfillment").every((f) => f.trackingInfo[0]?.number)).toBe(true);
    expect(store.count(DEMO_SHOP, "Return")).toBeGreaterThanOrEqual(3);
    expect(orders.every((o) => Date.parse(o.createdAt) <= NOW.getTime())).toBe(true);
  });

  it("leaves other shops empty and separate", () => {
    const store = seeded();
    store.createShop({ domain: "second-shop.myshopify.com" });
    expect(store.count("second-shop.myshopify.com", "Order")).toBe(0);
    expect(store.shopDomains()).toEqual([DEMO_SHOP, "second-shop.myshopify.com"]);
  });
});
