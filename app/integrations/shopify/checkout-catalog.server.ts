/**
 * What a checkout quote needs to know about a shop, read from the Admin API once and then kept in
 * memory: each variant's weight, HS code and country of origin (the checkout extension only sees
 * variant ids and prices), the locations that ship, and the shop's currency and time zone.
 */

export interface CatalogVariant {
  readonly variantId: string;
  readonly title: string;
  readonly grams: number;
  readonly hsCode: string | null;
  readonly originCountry: string | null;
}

export interface ShipFromLocation {
  readonly id: string;
  readonly name: string;
  readonly countryCode: string;
  readonly provinceCode: string | null;
  readonly isPrimary: boolean;
}

export interface ShopCatalog {
  readonly currency: string;
  readonly timeZone: string;
  readonly variants: ReadonlyMap<string, CatalogVariant>;
  readonly locations: readonly ShipFromLocation[];
}

/** The one call this module makes: an Admin GraphQL request for the shop (offline token). */
export type AdminGraphql = (query: string, variables?: Record<string, unknown>) => Promise<unknown>;

const SHOP_AND_LOCATIONS = `#graphql
  query CheckoutQuoteShop {
    shop { currencyCode ianaTimezone }
    locations(first: 50) {
      nodes { id name isActive isPrimary shipsInventory address { countryCode provinceCode } }
    }
  }
`;

const VARIANTS = `#graphql
  query CheckoutQuoteVariants($after: String) {
    productVariants(first: 250, after: $after) {
      nodes {
        id
        displayName
        inventoryItem { harmonizedSystemCode countryCodeOfOrigin measurement { weight { value unit } } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const GRAMS_PER: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };

interface ShopData {
  shop: { currencyCode: string; ianaTimezone: string };
  locations: { nodes: { id: string; name: string; isActive: boolean; isPrimary: boolean; shipsInventory: boolean; address: { countryCode: string | null; provinceCode: string | null } }[] };
}
interface VariantPage {
  productVariants: {
    nodes: { id: string; displayName: string; inventoryItem: { harmonizedSystemCode: string | null; countryCodeOfOrigin: string | null; measurement: { weight: { value: number; unit: string } | null } | null } | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

function dataOf<T>(body: unknown): T {
  const b = body as { data?: T; errors?: unknown };
  if (!b?.data) throw new Error(`Admin API answered without data: ${JSON.stringify(b?.errors ?? b).slice(0, 300)}`);
  return b.data;
}

export async function loadShopCatalog(graphql: AdminGraphql): Promise<ShopCatalog> {
  const shop = dataOf<ShopData>(await graphql(SHOP_AND_LOCATIONS));
  const variants = new Map<string, CatalogVariant>();
  let after: string | null = null;
  // A catalogue of a few thousand variants is a handful of pages; the cache keeps it for later quotes.
  for (let page = 0; page < 100; page++) {
    const data: VariantPage = dataOf<VariantPage>(await graphql(VARIANTS, { after }));
    for (const v of data.productVariants.nodes) {
      const weight = v.inventoryItem?.measurement?.weight;
      variants.set(v.id, {
        variantId: v.id,
        title: v.displayName,
        grams: weight ? Math.round(weight.value * (GRAMS_PER[weight.unit] ?? 0)) : 0,
        hsCode: v.inventoryItem?.harmonizedSystemCode || null,
        originCountry: v.inventoryItem?.countryCodeOfOrigin || null,
      });
    }
    if (!data.productVariants.pageInfo.hasNextPage) break;
    after = data.productVariants.pageInfo.endCursor;
  }
  return {
    currency: shop.shop.currencyCode,
    timeZone: shop.shop.ianaTimezone,
    variants,
    locations: shop.locations.nodes
      .filter((l) => l.isActive && l.shipsInventory && l.address.countryCode)
      .map((l) => ({ id: l.id, name: l.name, countryCode: l.address.countryCode!, provinceCode: l.address.provinceCode, isPrimary: l.isPrimary })),
  };
}
