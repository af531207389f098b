import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { orderFromDb, promisedBy } from "../app/integrations/routing/route-orders.server";
import { loadRoutingSetup, saveMarketPolicy, saveWarehouse, SetupError, type WarehouseInput } from "../app/integrations/routing/setup.server";

const venlo: WarehouseInput = {
  code: "nl-venlo", name: "Venlo", kind: "bonded", countryCode: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1,
  handlingPerOrderMinor: 320, handlingPerUnitMinor: 55, currency: "USD", carriers: [], capacityPerDay: 250, shopifyLocationId: "gid://shopify/Location/2",
};

describe("warehouse and market settings", () => {
  it("stores a warehouse per shop and hands the router its engine form", async () => {
    await saveWarehouse(db, "a.myshopify.com", venlo);
    await saveWarehouse(db, "b.myshopify.com", { ...venlo, name: "Venlo for B", capacityPerDay: 10 });
    const a = await loadRoutingSetup(db, "a.myshopify.com");
    expect(a.warehouses).toEqual([expect.objectContaining({ id: "nl-venlo", name: "Venlo", kind: "bonded", country: "NL", capacityPerDay: 250, handlingPerOrder: 320, shopifyLocationId: "gid://shopify/Location/2" })]);
    expect((await loadRoutingSetup(db, "b.myshopify.com")).warehouses[0]!.name).toBe("Venlo for B");
  });

  it.each([
    [{ cutoff: "25:00" }, "cutoff: must be HH:MM"],
    [{ kind: "warehouse" }, "kind: must be one of own, 3pl, bonded"],
    [{ timeZone: "Europe/Venlo" }, 'timeZone: "Europe/Venlo" is not an IANA time zone'],
    [{ capacityPerDay: -1 }, "capacityPerDay: must be a whole number, 0 or more"],
    [{ currency: "EURO" }, 'currency: "EURO" is not an ISO 4217 currency'],
  ])("refuses %o with a message and leaves the stored warehouse as it was", async (change, message) => {
    await saveWarehouse(db, "c.myshopify.com", venlo);
    await expect(saveWarehouse(db, "c.myshopify.com", { ...venlo, ...change } as WarehouseInput)).rejects.toBeInstanceOf(SetupError);
    await expect(saveWarehouse(db, "c.myshopify.com", { ...venlo, ...change } as WarehouseInput)).rejects.toThrow(message);
    expect((await loadRoutingSetup(db, "c.myshopify.com")).warehouses[0]).toMatchObject({ cutoff: "15:00", kind: "bonded", capacityPerDay: 250 });
  });

  it("refuses a market policy naming a warehouse of another shop", async () => {
    await saveWarehouse(db, "d.myshopify.com", { ...venlo, code: "d-only" });
    await expect(saveMarketPolicy(db, "e.myshopify.com", { market: "DE", model: "3pl", warehouseCodes: ["d-only"] })).rejects.toThrow("warehouseCodes: no warehouse d-only in this shop");
    await saveMarketPolicy(db, "d.myshopify.com", { market: "de", model: "3pl", warehouseCodes: ["d-only"] });
    expect((await loadRoutingSetup(db, "d.myshopify.com")).policies).toEqual([{ market: "DE", model: "3pl", warehouseIds: ["d-only"] }]);
  });
});

describe("orders as the router sees them", () => {
  it.each([
    ["DHL Express Worldwide", "2026-11-06"],
    ["Standard", "2026-11-11"],
    ["Free economy shipping", "2026-11-22"],
    [null, "2026-11-11"],
  ])("promises delivery by the speed the buyer paid for (%s -> %s)", (title, date) => {
    expect(promisedBy(new Date("2026-11-01T10:00:00Z"), title)).toBe(date);
  });

  it("says which line keeps an order from being routed", () => {
    const base = {
      id: "1", shop: "s", shopifyId: "gid://shopify/Order/1", name: "#1001", currency: "USD", destCountryCode: "DE", destZip: "10115", shopifyCreatedAt: new Date("2026-11-01T10:00:00Z"),
    } as never as Parameters<typeof orderFromDb>[0];
    const line = { requiresShipping: true, quantity: 1, sku: "TEE-M", title: "Organic Cotton Tee", hsCode: "610910", countryOfOrigin: "PT", unitPriceMinor: 3800, grams: 180 };
    expect(orderFromDb({ ...base, lines: [{ ...line, hsCode: null }] as never })).toEqual({ name: "#1001", problem: 'line "Organic Cotton Tee" has no HS code' });
    expect(orderFromDb({ ...base, destCountryCode: null, lines: [line] as never })).toEqual({ name: "#1001", problem: "no shipping address" });
    expect(orderFromDb({ ...base, lines: [line] as never, shippingLines: [{ title: "Express" }] })).toMatchObject({ order: { promisedBy: "2026-11-06", destination: { country: "DE", postcode: "10115" }, lines: [{ sku: "TEE-M", unitValue: 3800, hsCode: "610910" }] } });
  });
});
