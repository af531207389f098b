import type { WarehouseInput } from "../../app/integrations/routing/setup.server";
import type { Gql } from "../../app/integrations/shopify/fulfillment.server";

/** Two warehouses for routing tests: a bonded 3PL in Venlo and the merchant's own in New Jersey, at the given Shopify locations. */
export function venloAndNewJersey(venloLocation: string, newJerseyLocation: string): { venlo: WarehouseInput; newJersey: WarehouseInput } {
  const venlo: WarehouseInput = {
    code: "nl-venlo", name: "Venlo", kind: "3pl", countryCode: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1,
    handlingPerOrderMinor: 320, handlingPerUnitMinor: 55, currency: "USD", carriers: [], capacityPerDay: 250, shopifyLocationId: venloLocation,
  };
  const newJersey: WarehouseInput = {
    ...venlo, code: "us-nj", name: "New Jersey", kind: "own", countryCode: "US", timeZone: "America/New_York", cutoff: "14:00", shopifyLocationId: newJerseyLocation,
  };
  return { venlo, newJersey };
}

/** Shopify's inventory levels of the earbuds (SKU EARBUDS): `inVenlo` available at `venloLocation`, `elsewhere` at any other location. */
export function earbudsStock(venloLocation: string, inVenlo: number, elsewhere: number): Gql {
  return (async (_query: string, variables?: Record<string, unknown>) => ({
    location: {
      id: variables?.id,
      inventoryLevels: {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [{ item: { sku: "EARBUDS" }, quantities: [{ name: "available", quantity: variables?.id === venloLocation ? inVenlo : elsewhere }, { name: "committed", quantity: 0 }] }],
      },
    },
  })) as Gql;
}
