import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import type { RoutingDecision } from "../app/engine/routing/model";
import { reservedStock, routeOrders, storeDecision, type NamedOrder } from "../app/integrations/routing/route-orders.server";
import { saveWarehouse } from "../app/integrations/routing/setup.server";
import { quoteDependencies } from "../app/services/shipping-quote.server";
import { earbudsStock, venloAndNewJersey } from "./support/routing";

const NOW = new Date("2026-11-25T09:00:00Z");
const VENLO_LOCATION = "gid://shopify/Location/11";
const NJ_LOCATION = "gid://shopify/Location/12";
const { venlo, newJersey } = venloAndNewJersey(VENLO_LOCATION, NJ_LOCATION);

/** Shopify's inventory levels (available + committed) at the two locations: 3 earbuds in Venlo, 10 in New Jersey. */
const shopifyStock = earbudsStock(VENLO_LOCATION, 3, 10);

const earbudsTo = (id: string, quantity: number): NamedOrder => ({
  name: `#${id.split("/").pop()}`,
  order: {
    id, currency: "USD", destination: { country: "DE", postcode: "10115" }, promisedBy: "2026-12-05",
    lines: [{ sku: "EARBUDS", quantity, unitValue: 9_900, unitGrams: 160, hsCode: "851830", originCountry: "CN", description: "Wireless Earbuds" }],
  },
});

/** A decision already stored for an order: `quantity` earbuds from Venlo. */
async function routedFromVenlo(shop: string, orderId: string, quantity: number) {
  const decision: RoutingDecision = {
    orderId, status: "routed", currency: "USD", candidates: [], reason: "routed earlier",
    cost: { shipping: 900, duties: 0, handling: 375, lateness: 0, total: 1275 },
    shipments: [{
      warehouseId: "nl-venlo", lines: [{ sku: "EARBUDS", quantity }], carrierId: "post", serviceCode: "STD", serviceName: "Postal Standard (tracked)",
      latestDelivery: "2026-12-01", cost: { shipping: 900, duties: 0, handling: 375, lateness: 0, total: 1275 }, dutyReason: "no border",
    }],
  };
  await storeDecision(db, shop, `#${orderId.split("/").pop()}`, decision, "new");
}

async function setUpShop(shop: string) {
  await saveWarehouse(db, shop, venlo);
  await saveWarehouse(db, shop, newJersey);
}

const route = async (shop: string, order: NamedOrder) =>
  (await routeOrders(db, shop, shopifyStock, [order], { now: NOW, ...quoteDependencies(), trigger: "new" }))[0]!;
const warehousesOf = (row: { shipments: string }) => (JSON.parse(row.shipments) as { warehouseId: string }[]).map((s) => s.warehouseId);

describe("stock held by orders routed but not yet shipped", () => {
  it("GIVEN 2 of Venlo's 3 earbuds promised to an open order WHEN a German order for 2 more is routed THEN it ships from New Jersey, and Venlo's candidate says why", async () => {
    const shop = "reserve-a.myshopify.com";
    await setUpShop(shop);
    // A lone German order for 2 earbuds goes to Venlo when nothing else holds its stock.
    expect(warehousesOf(await route(shop, earbudsTo("gid://shopify/Order/100", 2)))).toEqual(["nl-venlo"]);

    const next = await route(shop, earbudsTo("gid://shopify/Order/101", 2));

    expect(warehousesOf(next)).toEqual(["us-nj"]);
    const venloCandidate = (JSON.parse(next.candidates) as { warehouseIds: string[]; note: string }[]).find((c) => c.warehouseIds[0] === "nl-venlo")!;
    expect(venloCandidate.note).toBe("out of stock: EARBUDS: needs 2, 1 in stock");
  });

  it("leaves out other shops' decisions", async () => {
    const shop = "reserve-b.myshopify.com";
    await setUpShop(shop);
    await routedFromVenlo("reserve-other.myshopify.com", "gid://shopify/Order/200", 3);

    expect(await reservedStock(db, shop)).toEqual({});
    expect(warehousesOf(await route(shop, earbudsTo("gid://shopify/Order/201", 2)))).toEqual(["nl-venlo"]);
  });

  it("gives the units back once the shipment's fulfillment exists, and counts an order being re-routed as not holding its own", async () => {
    const shop = "reserve-c.myshopify.com";
    await setUpShop(shop);
    await routedFromVenlo(shop, "gid://shopify/Order/300", 2);
    await routedFromVenlo(shop, "gid://shopify/Order/301", 1);
    expect(await reservedStock(db, shop)).toEqual({ "nl-venlo": { EARBUDS: 3 } });
    expect(await reservedStock(db, shop, ["gid://shopify/Order/300"])).toEqual({ "nl-venlo": { EARBUDS: 1 } });

    // Order 300's shipment was moved into its own fulfillment order and fulfilled; order 301's was moved only.
    await db.fulfillmentStep.createMany({
      data: [
        { shop, orderShopifyId: "gid://shopify/Order/300", step: "move:nl-venlo", status: "done", result: JSON.stringify("gid://shopify/FulfillmentOrder/30") },
        { shop, orderShopifyId: "gid://shopify/Order/300", step: "fulfillment:gid://shopify/FulfillmentOrder/30", status: "done", result: JSON.stringify("gid://shopify/Fulfillment/1") },
        { shop, orderShopifyId: "gid://shopify/Order/301", step: "move:nl-venlo", status: "done", result: JSON.stringify("gid://shopify/FulfillmentOrder/31") },
      ],
    });
    expect(await reservedStock(db, shop)).toEqual({ "nl-venlo": { EARBUDS: 1 } });

    // A 3PL's own shipment notice fulfils order 301 too.
    await db.fulfillmentStep.create({ data: { shop, orderShopifyId: "gid://shopify/Order/301", step: "3pl-fulfillment:gid://shopify/FulfillmentOrder/31:1Z999", status: "done" } });
    expect(await reservedStock(db, shop)).toEqual({});
  });
});
