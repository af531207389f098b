import type { PrismaClient } from "@prisma/client";
import { saveMarketPolicy, saveWarehouse, type WarehouseInput } from "../app/integrations/routing/setup.server";
import type { Gql } from "../app/integrations/shopify/fulfillment.server";

export const LOCATIONS_QUERY = `#graphql
  query BorderlessDemoLocations {
    locations(first: 20) { nodes { id name address { address1 city zip countryCode } } }
  }
`;

/** The demo shop's three buildings as warehouses: New Jersey (own), Venlo (bonded 3PL), Northampton (3PL). */
const PROFILES: Record<string, Omit<WarehouseInput, "name" | "address1" | "city" | "postcode" | "countryCode" | "shopifyLocationId">> = {
  US: { code: "us-nj", kind: "own", timeZone: "America/New_York", cutoff: "14:00", handlingDays: 1, handlingPerOrderMinor: 250, handlingPerUnitMinor: 40, currency: "USD", carriers: [], capacityPerDay: 400, latitude: 40.79, longitude: -74.06 },
  NL: { code: "nl-venlo", kind: "bonded", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1, handlingPerOrderMinor: 320, handlingPerUnitMinor: 55, currency: "USD", carriers: [], capacityPerDay: 250, latitude: 51.37, longitude: 6.17 },
  GB: { code: "gb-northampton", kind: "3pl", timeZone: "Europe/London", cutoff: "14:00", handlingDays: 1, handlingPerOrderMinor: 300, handlingPerUnitMinor: 50, currency: "USD", carriers: ["dhl-express", "ups", "post"], capacityPerDay: 200, latitude: 52.2, longitude: -0.88 },
};

export async function seedWarehouses(db: PrismaClient, shop: string, graphql: Gql): Promise<void> {
  const { locations } = await graphql<{ locations: { nodes: { id: string; name: string; address: { address1: string | null; city: string | null; zip: string | null; countryCode: string | null } }[] } }>(LOCATIONS_QUERY);
  for (const l of locations.nodes) {
    const profile = l.address.countryCode ? PROFILES[l.address.countryCode] : undefined;
    if (!profile) continue;
    await saveWarehouse(db, shop, { ...profile, name: l.name, address1: l.address.address1 ?? "", city: l.address.city ?? "", postcode: l.address.zip ?? "", countryCode: l.address.countryCode!, shopifyLocationId: l.id });
  }
  // The 4PL model everywhere, except the UK, which the Northampton 3PL serves alone.
  await saveMarketPolicy(db, shop, { market: "*", model: "orchestrated", warehouseCodes: [] });
  await saveMarketPolicy(db, shop, { market: "GB", model: "3pl", warehouseCodes: ["gb-northampton"] });
}

export const OPEN_ORDERS_QUERY = `#graphql
  query BorderlessDemoOpenOrders {
    orders(first: 16, sortKey: CREATED_AT, reverse: true, query: "fulfillment_status:unfulfilled") { nodes { id } }
  }
`;

/**
 * The demo's fulfillment: the three warehouses and market models, the open orders routed (each
 * with its candidates), and the first two shipped through the whole flow with sandbox labels.
 */
export async function seedFulfillmentDemo(db: PrismaClient, emulatorUrl: string, shop = "borderless-demo.myshopify.com"): Promise<void> {
  const { adminGraphqlWithToken } = await import("../app/integrations/shopify/returns.server");
  const { DEMO_ACCESS_TOKEN } = await import("../emulator/seed");
  const { orderFromShopify, routeOrders } = await import("../app/integrations/routing/route-orders.server");
  const { fulfilOrder } = await import("../app/integrations/shopify/fulfillment.server");
  const { createSandboxCarrier } = await import("../app/integrations/carriers/sandbox-outbound/adapter");
  const { quoteDependencies } = await import("../app/services/shipping-quote.server");
  const graphql = adminGraphqlWithToken(`${emulatorUrl}/${shop}/admin/api/2026-10/graphql.json`, DEMO_ACCESS_TOKEN) as Gql;

  if ((await db.warehouse.count({ where: { shop } })) === 0) await seedWarehouses(db, shop, graphql);
  if ((await db.routingDecision.count({ where: { shop } })) > 0) return;
  const { orders } = await graphql<{ orders: { nodes: { id: string }[] } }>(OPEN_ORDERS_QUERY);
  const routable = [];
  for (const { id } of orders.nodes) {
    const found = await orderFromShopify(graphql, id);
    if ("order" in found) routable.push(found);
  }
  const now = new Date();
  const decisions = await routeOrders(db, shop, graphql, routable, { now, ...quoteDependencies(), trigger: "new" });
  const carrier = createSandboxCarrier().adapter;
  for (const d of decisions.filter((x) => x.status === "routed").slice(0, 2)) {
    await fulfilOrder({ db, graphql, shop, carrier, today: now.toISOString().slice(0, 10), seller: { name: "Borderless Demo Store" } }, d.orderShopifyId);
  }
  // The running demo hands Venlo's orders to its simulated 3PL, which answers with shipments.
  if (process.env.BORDERLESS_DEMO === "1" && process.env.SHOPIFY_APP_URL) {
    await (await import("./third-party-demo")).seedThirdPartyDemo(db, graphql, shop, process.env.SHOPIFY_APP_URL);
  }
}
