import type { Gql } from "~/integrations/shopify/fulfillment.server";

/** What a 3PL's reports change on Shopify: stock at its location and fulfillments with tracking. */

export const LOCATION_LEVELS_QUERY = `#graphql
  query BorderlessThirdPartyLocationLevels($id: ID!, $after: String) {
    location(id: $id) {
      id
      inventoryLevels(first: 250, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { item { id sku } quantities(names: ["available", "on_hand"]) { name quantity } }
      }
    }
  }
`;

export const INVENTORY_SET_ON_HAND = `#graphql
  mutation BorderlessThirdPartyStockSet($input: InventorySetQuantitiesInput!) {
    inventorySetQuantities(input: $input) {
      inventoryAdjustmentGroup { changes { name delta quantityAfterChange } }
      userErrors { field message code }
    }
  }
`;

export const INVENTORY_ADJUST = `#graphql
  mutation BorderlessThirdPartyStockAdjust($input: InventoryAdjustQuantitiesInput!) {
    inventoryAdjustQuantities(input: $input) {
      inventoryAdjustmentGroup { changes { name delta quantityAfterChange } }
      userErrors { field message code }
    }
  }
`;

export interface LocationLevel { inventoryItemId: string; onHand: number; available: number }

/** On-hand and available per SKU at one Shopify location. */
export async function locationLevels(graphql: Gql, locationId: string, maxPages = 40): Promise<Map<string, LocationLevel>> {
  const out = new Map<string, LocationLevel>();
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const data: { location: { inventoryLevels: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { item: { id: string; sku: string | null } | null; quantities: { name: string; quantity: number }[] }[] } } | null } =
      await graphql(LOCATION_LEVELS_QUERY, { id: locationId, after });
    if (!data.location) throw new Error(`Shopify has no location ${locationId}`);
    for (const n of data.location.inventoryLevels.nodes) {
      if (!n.item?.sku) continue;
      const q = (name: string) => n.quantities.find((x) => x.name === name)?.quantity ?? 0;
      out.set(n.item.sku, { inventoryItemId: n.item.id, onHand: q("on_hand"), available: q("available") });
    }
    if (!data.location.inventoryLevels.pageInfo.hasNextPage) break;
    after = data.location.inventoryLevels.pageInfo.endCursor;
  }
  return out;
}

export const ORDER_CREATED_AT = `#graphql
  query BorderlessThirdPartyOrderCreatedAt($id: ID!) {
    order(id: $id) { id createdAt }
  }
`;
