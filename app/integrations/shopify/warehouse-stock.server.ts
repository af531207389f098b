import type { Gql } from "./fulfillment.server";

export const LOCATION_STOCK_QUERY = `#graphql
  query BorderlessLocationStock($id: ID!, $after: String) {
    location(id: $id) {
      id
      inventoryLevels(first: 250, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { item { sku } quantities(names: ["available", "committed"]) { name quantity } }
      }
    }
  }
`;

/**
 * Units on the shelf per SKU at one Shopify location: available plus committed, because units an
 * open order already holds are still there and may be re-routed with it.
 */
export async function locationStock(graphql: Gql, locationId: string, maxPages = 40): Promise<Record<string, number>> {
  const stock: Record<string, number> = {};
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const data: { location: { inventoryLevels: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { item: { sku: string | null } | null; quantities: { name: string; quantity: number }[] }[] } } | null } =
      await graphql(LOCATION_STOCK_QUERY, { id: locationId, after });
    if (!data.location) throw new Error(`Shopify has no location ${locationId}`);
    for (const n of data.location.inventoryLevels.nodes) {
      const sku = n.item?.sku;
      if (!sku) continue;
      stock[sku] = (stock[sku] ?? 0) + Math.max(0, n.quantities.reduce((a, q) => a + q.quantity, 0));
    }
    if (!data.location.inventoryLevels.pageInfo.hasNextPage) break;
    after = data.location.inventoryLevels.pageInfo.endCursor;
  }
  return stock;
}
