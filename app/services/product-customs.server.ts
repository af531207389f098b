import type { PrismaClient } from "@prisma/client";
import { adminGraphqlWithToken, type AdminGraphql } from "../integrations/shopify/admin-graphql.server";

/**
 * Each variant's HS code, country of origin and weight, as a shipping quote needs them. Shopify
 * keeps them on the variant's inventory item; a rate request only carries variant and product ids,
 * so they are copied into ProductCustoms (by `syncProductCustoms`, at install and from the
 * Carriers page) and read from memory at quote time. A code the merchant confirmed on the Customs
 * page (HsConfirmation) wins over the copy.
 */

export interface ProductCustomsData {
  readonly variantId: string;
  readonly productId: string;
  readonly sku: string | null;
  readonly title: string;
  readonly hsCode: string | null;
  readonly originCountry: string | null;
  readonly grams: number | null;
}

/** Sends one Admin GraphQL document and resolves to its JSON body (`{ data, errors }`). */
export type { AdminGraphql } from "../integrations/shopify/admin-graphql.server";

const VARIANT_CUSTOMS = `#graphql
  query ShippingQuoteVariantCustoms($after: String) {
    productVariants(first: 250, after: $after) {
      nodes {
        id
        sku
        displayName
        product { id }
        inventoryItem { harmonizedSystemCode countryCodeOfOrigin measurement { weight { value unit } } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface VariantPage {
  productVariants: {
    nodes: {
      id: string; sku: string | null; displayName: string; product: { id: string };
      inventoryItem: { harmonizedSystemCode: string | null; countryCodeOfOrigin: string | null; measurement: { weight: { value: number; unit: string } | null } | null } | null;
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const GRAMS_PER: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };

/** "gid://shopify/ProductVariant/123" -> "123": the id form a rate request uses. */
export function legacyId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

/** Copies every variant's customs data from Shopify into ProductCustoms; returns how many. */
export async function syncProductCustoms(db: PrismaClient, shop: string, graphql: AdminGraphql): Promise<number> {
  const rows: ProductCustomsData[] = [];
  let after: string | null = null;
  for (let page = 0; page < 400; page++) {
    const data: VariantPage = await graphql<VariantPage>(VARIANT_CUSTOMS, { after });
    for (const v of data.productVariants.nodes) {
      const weight = v.inventoryItem?.measurement?.weight;
      rows.push({
        variantId: legacyId(v.id), productId: legacyId(v.product.id), sku: v.sku || null, title: v.displayName,
        hsCode: v.inventoryItem?.harmonizedSystemCode || null, originCountry: v.inventoryItem?.countryCodeOfOrigin || null,
        grams: weight ? Math.round(weight.value * (GRAMS_PER[weight.unit] ?? 1)) : null,
      });
    }
    if (!data.productVariants.pageInfo.hasNextPage) break;
    after = data.productVariants.pageInfo.endCursor;
  }
  // One transaction: a quote never sees half a catalogue.
  await db.$transaction([
    db.productCustoms.deleteMany({ where: { shop } }),
    db.productCustoms.createMany({ data: rows.map((r) => ({ shop, ...r })) }),
  ]);
  return rows.length;
}

export interface ProductCustomsIndex {
  readonly byVariant: ReadonlyMap<string, ProductCustomsData>;
  readonly bySku: ReadonlyMap<string, ProductCustomsData>;
}

export async function loadProductCustoms(db: PrismaClient, shop: string): Promise<ProductCustomsIndex> {
  const [rows, confirmed] = await Promise.all([
    db.productCustoms.findMany({ where: { shop } }),
    db.hsConfirmation.findMany({ where: { shop } }),
  ]);
  const confirmedByProduct = new Map(confirmed.map((c) => [legacyId(c.productId), c]));
  const byVariant = new Map<string, ProductCustomsData>();
  const bySku = new Map<string, ProductCustomsData>();
  for (const row of rows) {
    const c = confirmedByProduct.get(row.productId);
    const data: ProductCustomsData = {
      variantId: row.variantId, productId: row.productId, sku: row.sku, title: row.title,
      hsCode: c?.hsCode ?? row.hsCode, originCountry: c?.originCountry ?? row.originCountry, grams: row.grams,
    };
    byVariant.set(row.variantId, data);
    if (row.sku) bySku.set(row.sku, data);
  }
  return { byVariant, bySku };
}

/** Admin GraphQL with a stored offline token, outside a Remix request (install, demo seeding, jobs). */
export function offlineAdminGraphql(options: { shop: string; accessToken: string; apiVersion: string; fetch?: typeof fetch }): AdminGraphql {
  return adminGraphqlWithToken(`https://${options.shop}/admin/api/${options.apiVersion}/graphql.json`, options.accessToken, options.fetch);
}
