import { adminQuery, type AdminApiClient } from "./admin-graphql.server";

/** Stock per SKU per location, read from Shopify's inventory levels through the Admin API. */
export const INVENTORY_LEVELS_QUERY = `#graphql
  query InventoryLevels($after: String) {
    locations(first: 50) {
      nodes {
        id
        name
        isActive
        isPrimary
        address {
          countryCode
        }
      }
    }
    inventoryItems(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        sku
        harmonizedSystemCode
        countryCodeOfOrigin
        unitCost {
          amount
          currencyCode
        }
        measurement {
          weight {
            unit
            value
          }
        }
        variant {
          displayName
          product {
            productType
          }
        }
        inventoryLevels(first: 50) {
          nodes {
            location {
              id
            }
            quantities(names: ["available", "committed", "reserved", "incoming"]) {
              name
              quantity
            }
          }
        }
      }
    }
  }
`;

export interface InventoryLocation {
  id: string;
  name: string;
  countryCode: string;
  isPrimary: boolean;
}

export interface InventoryItemStock {
  inventoryItemId: string;
  sku: string;
  title: string;
  productType: string;
  hsCode: string | null;
  originCountry: string | null;
  /** Unit cost in minor units of `currency`; null when the merchant has not entered one. */
  unitCostMinor: number | null;
  currency: string | null;
  grams: number;
  levels: Array<{ locationId: string; available: number; committed: number; reserved: number; incoming: number }>;
}

export interface InventorySnapshot {
  locations: InventoryLocation[];
  items: InventoryItemStock[];
}

interface InventoryPage {
  locations: { nodes: Array<{ id: string; name: string; isActive: boolean; isPrimary: boolean; address: { countryCode: string | null } }> };
  inventoryItems: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      sku: string | null;
      harmonizedSystemCode: string | null;
      countryCodeOfOrigin: string | null;
      unitCost: { amount: string; currencyCode: string } | null;
      measurement: { weight: { unit: string; value: number } | null } | null;
      variant: { displayName: string; product: { productType: string } } | null;
      inventoryLevels: { nodes: Array<{ location: { id: string }; quantities: Array<{ name: string; quantity: number }> }> };
    }>;
  };
}

const GRAMS_PER: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };

function minor(amount: string): number {
  const [whole, fraction = ""] = amount.split(".");
  return Number(whole) * 100 + Number((fraction + "00").slice(0, 2)) * (amount.startsWith("-") ? -1 : 1);
}

/** Every tracked inventory item with its levels at active locations (pages through the items). */
export async function loadInventory(admin: AdminApiClient, maxPages = 50): Promise<InventorySnapshot> {
  const items: InventoryItemStock[] = [];
  let locations: InventoryLocation[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const data: InventoryPage = await adminQuery<InventoryPage>(admin, INVENTORY_LEVELS_QUERY, { after });
    locations = data.locations.nodes
      .filter((l) => l.isActive)
      .map((l) => ({ id: l.id, name: l.name, countryCode: l.address.countryCode ?? "", isPrimary: l.isPrimary }));
    const active = new Set(locations.map((l) => l.id));
    for (const node of data.inventoryItems.nodes) {
      if (!node.sku) continue;
      const weight = node.measurement?.weight;
      items.push({
        inventoryItemId: node.id,
        sku: node.sku,
        title: node.variant?.displayName ?? node.sku,
        productType: node.variant?.product.productType || "Other",
        hsCode: node.harmonizedSystemCode,
        originCountry: node.countryCodeOfOrigin,
        unitCostMinor: node.unitCost ? minor(node.unitCost.amount) : null,
        currency: node.unitCost?.currencyCode ?? null,
        grams: weight ? Math.round(weight.value * (GRAMS_PER[weight.unit] ?? 1)) : 0,
        levels: node.inventoryLevels.nodes
          .filter((l) => active.has(l.location.id))
          .map((l) => {
            const q = Object.fromEntries(l.quantities.map((x) => [x.name, x.quantity]));
            return { locationId: l.location.id, available: q.available ?? 0, committed: q.committed ?? 0, reserved: q.reserved ?? 0, incoming: q.incoming ?? 0 };
          }),
      });
    }
    if (!data.inventoryItems.pageInfo.hasNextPage) break;
    after = data.inventoryItems.pageInfo.endCursor;
  }
  return { locations, items };
}
