import { CATALOG } from "../../emulator/seed-catalog";
import type { ShopCatalog } from "../../app/integrations/shopify/checkout-catalog.server";

/** The demo shop's catalogue as the checkout quoter sees it: variant n is CATALOG[n - 1], shipped from New Jersey. */
export function demoCatalog(): ShopCatalog {
  return {
    currency: "USD",
    timeZone: "America/New_York",
    variants: new Map(CATALOG.map((p, i) => {
      const id = variantGid(p.title);
      return [id, { variantId: id, title: p.title, grams: p.grams, hsCode: p.hsCode, originCountry: p.origin }];
    })),
    locations: [
      { id: "gid://shopify/Location/1", name: "New Jersey Warehouse", countryCode: "US", provinceCode: "NJ", isPrimary: true },
      { id: "gid://shopify/Location/2", name: "Venlo 3PL (EU)", countryCode: "NL", provinceCode: "LI", isPrimary: false },
    ],
  };
}

export function variantGid(title: string): string {
  const index = CATALOG.findIndex((p) => p.title === title);
  if (index < 0) throw new Error(`no product "${title}" in the demo catalogue`);
  return `gid://shopify/ProductVariant/${9_000_001 + index}`;
}
