import type { PrismaClient } from "@prisma/client";
import { confirmHsCodes, type AdminGraphql } from "../app/integrations/customs/hs-codes.server";
import { DEMO_SHOP } from "../app/demo/constants";
import { DEMO_ACCESS_TOKEN } from "../emulator/seed";

/**
 * Products the demo merchant has not classified yet: Shopify holds no HS code for them. None of
 * them is in the checkout preview's carts, whose duties need codes.
 */
export const DEMO_UNCLASSIFIED = ["Soy Wax Candle", "Argan Repair Shampoo", "Full-Grain Leather Wallet", "Stonewashed Linen Sheet Set", "Wooden Building Blocks (50 pcs)"];

/** Products the demo merchant already confirmed on the Customs page (codes as the catalogue has them). */
export const DEMO_CONFIRMED: readonly { title: string; hsCode: string; originCountry: string }[] = [
  { title: "Merino Crew Sweater", hsCode: "611011", originCountry: "PT" },
  { title: "Leather Court Sneaker", hsCode: "640399", originCountry: "PT" },
  { title: "Eau de Parfum 50ml", hsCode: "330300", originCountry: "FR" },
  { title: "Wireless Earbuds", hsCode: "851830", originCountry: "CN" },
];

const CLEAR_HS_CODE = `#graphql
  mutation DemoClearHsCode($id: ID!, $input: InventoryItemInput!) {
    inventoryItemUpdate(id: $id, input: $input) {
      userErrors {
        field
        message
      }
    }
  }
`;

const DEMO_PRODUCTS = `#graphql
  query DemoCustomsProducts {
    products(first: 100) {
      nodes {
        id
        title
        variants(first: 100) {
          nodes {
            inventoryItem {
              id
            }
          }
        }
      }
    }
  }
`;

/** The Admin API of the emulator, called the way the app calls Shopify. */
export function emulatorAdmin(emulatorUrl: string, shop = DEMO_SHOP): AdminGraphql {
  return {
    graphql: (query, options) =>
      fetch(`${emulatorUrl.replace(/\/$/, "")}/${shop}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN },
        body: JSON.stringify({ query, variables: options?.variables }),
      }),
  };
}

/**
 * The Customs page's demo state: a few products with no HS code on Shopify (so the page has
 * suggestions to confirm) and a few the merchant confirmed, through the same code path as the page.
 */
export async function seedCustomsDemo(prisma: PrismaClient, emulatorUrl: string): Promise<void> {
  const admin = emulatorAdmin(emulatorUrl);
  const body = (await (await admin.graphql(DEMO_PRODUCTS)).json()) as {
    data: { products: { nodes: { id: string; title: string; variants: { nodes: { inventoryItem: { id: string } | null }[] } }[] } };
  };
  const products = body.data.products.nodes;
  for (const p of products.filter((x) => DEMO_UNCLASSIFIED.includes(x.title))) {
    for (const v of p.variants.nodes) {
      if (v.inventoryItem) await admin.graphql(CLEAR_HS_CODE, { variables: { id: v.inventoryItem.id, input: { harmonizedSystemCode: null } } });
    }
  }
  const items = DEMO_CONFIRMED.flatMap((c) => {
    const product = products.find((p) => p.title === c.title);
    return product ? [{ productId: product.id, hsCode: c.hsCode, originCountry: c.originCountry }] : [];
  });
  await confirmHsCodes(admin, prisma, DEMO_SHOP, items);
}
