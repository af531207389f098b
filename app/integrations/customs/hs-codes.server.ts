/**
 * The Customs page's data: the shop's products as Shopify holds them (each variant's inventory item
 * carries `harmonizedSystemCode` and `countryCodeOfOrigin`), the classifier's suggestions for each,
 * and the codes the merchant confirmed. Confirming writes the code to every variant's inventory item
 * with `inventoryItemUpdate`, stores it for the shop and teaches the shop's classifier.
 */
import type { PrismaClient } from "@prisma/client";
import { createClassifier, type ClassifierData, type HsClassifier, type HsSuggestion, type ProductText } from "../../engine/customs/classifier";
import { CustomsError } from "../../engine/customs/errors";
import { normaliseHsCode, requireSubheading, type Nomenclature } from "../../engine/customs/hs";
import { labellingWarnings, type LabellingWarning } from "../../engine/customs/labelling";
import { loadNationalText, loadSearchReferences, loadSearchTerms, loadTrainingRulings } from "./hs-text.server";
import { loadNomenclature } from "./tables.server";
import { adminQuery, userErrorMessages, type AdminApiClient, type UserError } from "../shopify/admin-graphql.server";

/** The Remix admin client (`authenticate.admin`), as the customs pages hand it over. */
export type AdminGraphql = AdminApiClient;

export const CUSTOMS_PRODUCTS_QUERY = `#graphql
  query CustomsProducts($after: String) {
    products(first: 100, after: $after) {
      nodes {
        id
        title
        productType
        vendor
        tags
        description
        variants(first: 100) {
          nodes {
            id
            inventoryItem {
              id
              harmonizedSystemCode
              countryCodeOfOrigin
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const CUSTOMS_PRODUCT_QUERY = `#graphql
  query CustomsProduct($id: ID!) {
    product(id: $id) {
      id
      title
      productType
      vendor
      tags
      description
      variants(first: 100) {
        nodes {
          inventoryItem {
            id
          }
        }
      }
    }
  }
`;

export const HS_CODE_UPDATE_MUTATION = `#graphql
  mutation CustomsInventoryItemUpdate($id: ID!, $input: InventoryItemInput!) {
    inventoryItemUpdate(id: $id, input: $input) {
      inventoryItem {
        id
        harmonizedSystemCode
        countryCodeOfOrigin
      }
      userErrors {
        field
        message
      }
    }
  }
`;

interface ProductNode {
  id: string;
  title: string;
  productType: string;
  vendor: string;
  tags: string[];
  description: string;
  variants: { nodes: { id?: string; inventoryItem: { id: string; harmonizedSystemCode?: string | null; countryCodeOfOrigin?: string | null } | null }[] };
}

export type HsStatus = "missing" | "suggested" | "confirmed";

export interface HsCandidate extends HsSuggestion {
  /** Where the candidate comes from: the code already on Shopify, or the classifier. */
  readonly from: "shopify" | "classifier";
}

export interface CustomsProductRow {
  readonly id: string;
  readonly title: string;
  readonly productType: string;
  readonly variantCount: number;
  /** Distinct codes on the variants' inventory items (more than one is worth a look). */
  readonly shopifyCodes: readonly string[];
  readonly origin: string | null;
  readonly status: HsStatus;
  readonly confirmed: { readonly hsCode: string; readonly originCountry: string | null; readonly confirmedAt: string } | null;
  /** Confirmed, but a variant on Shopify now carries another code (edited in the Shopify admin since). */
  readonly drifted: boolean;
  /** Codes to choose from, best first. */
  readonly candidates: readonly HsCandidate[];
  readonly labelling: readonly LabellingWarning[];
}

/**
 * Below this share of the top three scores the classifier is guessing between near-equals, so a
 * product with no code on Shopify is shown as missing rather than offered for one-click confirmation.
 */
export const CONFIDENT_SHARE = 0.45;

let nomenclature: Nomenclature | undefined;
export function customsNomenclature(): Nomenclature {
  nomenclature ??= loadNomenclature();
  return nomenclature;
}

let reference: ClassifierData | undefined;
/** What every shop's classifier shares: the US national-line words, HMRC's search terms and references, and CBP's rulings. */
function referenceData(): ClassifierData {
  const nomenclature = customsNomenclature();
  reference ??= {
    national: loadNationalText(),
    terms: [...loadSearchTerms(nomenclature), ...loadSearchReferences(nomenclature)],
    rulings: loadTrainingRulings(nomenclature),
  };
  return reference;
}

export function productText(p: Pick<ProductNode, "title" | "productType" | "tags" | "description">): ProductText {
  return { title: p.title, productType: p.productType || undefined, tags: p.tags, description: p.description || undefined };
}

/** The shop's classifier: the shared HS index plus every code this shop's merchant confirmed. */
export async function shopClassifier(db: PrismaClient, shop: string): Promise<HsClassifier> {
  const classifier = createClassifier(customsNomenclature(), referenceData());
  const rows = await db.hsConfirmation.findMany({ where: { shop }, select: { productText: true, hsCode: true } });
  for (const row of rows) classifier.confirm(JSON.parse(row.productText) as ProductText, row.hsCode);
  return classifier;
}

async function allProducts(admin: AdminGraphql): Promise<ProductNode[]> {
  const products: ProductNode[] = [];
  let after: string | null = null;
  // A page of 100 products with up to 100 variants each stays within Shopify's query cost limit.
  for (let page = 0; page < 50; page++) {
    const data: { products: { nodes: ProductNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await adminQuery(admin, CUSTOMS_PRODUCTS_QUERY, { after });
    products.push(...data.products.nodes);
    if (!data.products.pageInfo.hasNextPage) break;
    after = data.products.pageInfo.endCursor;
  }
  return products;
}

export interface CustomsCatalog {
  readonly products: readonly CustomsProductRow[];
  readonly counts: Readonly<Record<HsStatus, number>>;
}

/** Every product of the shop with its HS status, candidates and labelling warnings. */
export async function loadCustomsCatalog(admin: AdminGraphql, db: PrismaClient, shop: string, markets: readonly string[]): Promise<CustomsCatalog> {
  const [products, confirmations, classifier] = await Promise.all([
    allProducts(admin),
    db.hsConfirmation.findMany({ where: { shop } }),
    shopClassifier(db, shop),
  ]);
  const confirmedBy = new Map(confirmations.map((c) => [c.productId, c]));
  const nomenclatureTable = customsNomenclature();
  const rows = products.map((p): CustomsProductRow => {
    const items = p.variants.nodes.flatMap((v) => (v.inventoryItem ? [v.inventoryItem] : []));
    const shopifyCodes = [...new Set(items.flatMap((i) => (i.harmonizedSystemCode ? [i.harmonizedSystemCode] : [])))];
    const origins = [...new Set(items.flatMap((i) => (i.countryCodeOfOrigin ? [i.countryCodeOfOrigin] : [])))];
    const text = productText(p);
    const suggested = classifier.classify(text, 3);
    const fromClassifier = [suggested.best, ...suggested.alternatives].flatMap((s): HsCandidate[] => (s ? [{ ...s, from: "classifier" }] : []));
    const fromShopify = shopifyCodes.map((code): HsCandidate => {
      const entry = nomenclatureTable.entries.get(code.slice(0, 6));
      return { code, description: entry?.description ?? "not an HS 2022 subheading", confidence: 1, reason: "confirmed", from: "shopify" };
    });
    // A code already on Shopify was put there by someone who knew the product: it leads, and the
    // classifier's same code is not listed twice.
    const candidates = [...fromShopify, ...fromClassifier.filter((c) => !shopifyCodes.includes(c.code))];
    const confirmation = confirmedBy.get(p.id);
    const best = suggested.best;
    const status: HsStatus = confirmation
      ? "confirmed"
      : shopifyCodes.length > 0 || (best && best.confidence >= CONFIDENT_SHARE) ? "suggested" : "missing";
    const hsForChecks = confirmation?.hsCode ?? shopifyCodes[0] ?? best?.code;
    return {
      id: p.id,
      title: p.title,
      productType: p.productType,
      variantCount: p.variants.nodes.length,
      shopifyCodes,
      origin: confirmation?.originCountry ?? origins[0] ?? null,
      status,
      confirmed: confirmation ? { hsCode: confirmation.hsCode, originCountry: confirmation.originCountry, confirmedAt: confirmation.confirmedAt.toISOString() } : null,
      drifted: !!confirmation && items.some((i) => (i.harmonizedSystemCode ?? "") !== confirmation.hsCode),
      candidates,
      labelling: labellingWarnings({ ...text, hsCode: hsForChecks, originCountry: confirmation?.originCountry ?? origins[0] }, markets),
    };
  });
  rows.sort((a, b) => a.title.localeCompare(b.title));
  const counts = { missing: 0, suggested: 0, confirmed: 0 };
  for (const r of rows) counts[r.status]++;
  return { products: rows, counts };
}

export interface HsConfirmationInput {
  readonly productId: string;
  readonly hsCode: string;
  readonly originCountry?: string | null;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
function isCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== code;
}

/** Checks every item before anything is written, so a bad row changes nothing. */
export function validateConfirmations(raw: unknown): HsConfirmationInput[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new CustomsError("invalid_input", "items", "choose at least one product to confirm");
  if (raw.length > 250) throw new CustomsError("invalid_input", "items", "at most 250 products at once");
  const table = customsNomenclature();
  return raw.map((item, i) => {
    const f = `items[${i}]`;
    const productId = typeof item?.productId === "string" ? item.productId : "";
    if (!/^gid:\/\/shopify\/Product\/\d+$/.test(productId)) throw new CustomsError("invalid_input", `${f}.productId`, `"${productId}" is not a Shopify product id`);
    const hsCode = normaliseHsCode(typeof item.hsCode === "string" ? item.hsCode : undefined, `${f}.hsCode`);
    requireSubheading(table, hsCode, `${f}.hsCode`);
    const origin = typeof item.originCountry === "string" && item.originCountry.trim() ? item.originCountry.trim().toUpperCase() : null;
    if (origin !== null && !isCountry(origin)) throw new CustomsError("unknown_country", `${f}.originCountry`, `"${item.originCountry}" is not an ISO 3166 country code`);
    return { productId, hsCode, originCountry: origin };
  });
}

export interface ConfirmResult {
  readonly productId: string;
  readonly title: string;
  readonly hsCode: string;
  readonly inventoryItems: number;
}

/**
 * Writes each confirmed code (and origin) to Shopify, then stores it. A product Shopify does not
 * know for this shop, or a user error from Shopify, stops the run with that product named; the
 * products before it stay confirmed (each is written to Shopify and stored as one step).
 */
export async function confirmHsCodes(admin: AdminGraphql, db: PrismaClient, shop: string, items: readonly HsConfirmationInput[]): Promise<ConfirmResult[]> {
  const results: ConfirmResult[] = [];
  for (const [i, item] of items.entries()) {
    const { product } = await adminQuery<{ product: ProductNode | null }>(admin, CUSTOMS_PRODUCT_QUERY, { id: item.productId });
    if (!product) throw new CustomsError("invalid_input", `items[${i}].productId`, `no product ${item.productId} in ${shop}`);
    const input: Record<string, string> = { harmonizedSystemCode: item.hsCode };
    if (item.originCountry) input.countryCodeOfOrigin = item.originCountry;
    let written = 0;
    for (const variant of product.variants.nodes) {
      if (!variant.inventoryItem) continue;
      const data = await adminQuery<{ inventoryItemUpdate: { userErrors: UserError[] } }>(admin, HS_CODE_UPDATE_MUTATION, {
        id: variant.inventoryItem.id,
        input,
      });
      const errors = data.inventoryItemUpdate.userErrors;
      if (errors.length > 0) throw new CustomsError("invalid_input", `items[${i}].hsCode`, `Shopify refused ${product.title}: ${userErrorMessages(errors)}`);
      written++;
    }
    const text = JSON.stringify(productText(product));
    await db.hsConfirmation.upsert({
      where: { shop_productId: { shop, productId: product.id } },
      create: { shop, productId: product.id, productTitle: product.title, productText: text, hsCode: item.hsCode, originCountry: item.originCountry ?? null },
      update: { productTitle: product.title, productText: text, hsCode: item.hsCode, originCountry: item.originCountry ?? null, confirmedAt: new Date() },
    });
    results.push({ productId: product.id, title: product.title, hsCode: item.hsCode, inventoryItems: written });
  }
  return results;
}
