import { importRateCardCsv } from "../../app/engine/carriers/rate-card-csv";
import { createCheckoutQuoter } from "../../app/services/checkout-quote.server";
import type { ProductCustomsData } from "../../app/services/product-customs.server";
import { createShippingQuoter, quoteDependencies } from "../../app/services/shipping-quote.server";
import { sampleRateCardFiles } from "../../app/services/shop-rate-cards.server";
import { CATALOG } from "../../emulator/seed-catalog";
import { CHECKOUT_DEMO_SETTINGS } from "../../scripts/checkout-demo";
import { render, type ComponentChild } from "preact";
import { act } from "preact/test-utils";

/** Variant n of the demo catalogue is CATALOG[n - 1] (ids as a rate request names them). */
export function variantGid(title: string): string {
  const index = CATALOG.findIndex((p) => p.title === title);
  if (index < 0) throw new Error(`no product "${title}" in the demo catalogue`);
  return `gid://shopify/ProductVariant/${9_000_001 + index}`;
}

/**
 * The checkout quoter on the real shipping quote service, with the demo shop's data in memory:
 * the seeded catalogue's HS codes, origins and weights, the sample rate cards shipped from the
 * US, and the demo's carrier settings (New Jersey, DDP to the UK).
 */
export function demoCheckoutQuoter(now = () => new Date("2026-11-24T15:00:00Z")) {
  const products = new Map<string, ProductCustomsData>(CATALOG.map((p) => {
    const variantId = variantGid(p.title).split("/").pop()!;
    return [variantId, { variantId, productId: variantId, sku: null, title: p.title, hsCode: p.hsCode, originCountry: p.origin, grams: p.grams }];
  }));
  const cards = sampleRateCardFiles().map((f) => importRateCardCsv(f.csv, f.cardId).card!).filter((c) => c.originCountry === "US");
  const shipping = createShippingQuoter({ shop: "borderless-demo.myshopify.com", settings: CHECKOUT_DEMO_SETTINGS, cards, products: { byVariant: products, bySku: new Map() }, live: new Map() }, quoteDependencies());
  return createCheckoutQuoter({ quoteShippingOptions: (_shop, request) => shipping.quote(request), originFor: async () => ({ country: "US", province: "NJ" }), now });
}

/**
 * Renders an extension target into the page and lets its promises (session token, fetch, JSON)
 * settle: `rounds` turns of the event loop `delayMs` apart.
 */
export async function mountExtension(node: ComponentChild, rounds: number, delayMs: number): Promise<void> {
  await act(async () => {
    render(node, document.body);
  });
  for (let i = 0; i < rounds; i++) await act(async () => { await new Promise((r) => setTimeout(r, delayMs)); });
}

/** The sentences the extension shows (its `s-text` elements), in order. */
export const shownTexts = () => Array.from(document.body.querySelectorAll("s-text")).map((e) => e.textContent);
