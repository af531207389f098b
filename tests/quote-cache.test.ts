import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { createWorker } from "../app/jobs/worker.server";
import { action as complianceRoute } from "../app/routes/webhooks.compliance";
import { action as uninstalledRoute } from "../app/routes/webhooks.app.uninstalled";
import { quoteShippingOptions, type ShippingQuoteRequest } from "../app/services/shipping-quote.server";
import { setUpCarrierShop } from "./support/carrier-shop";
import { signedWebhook } from "./support/webhooks";

// Quotes answer from a per-shop copy of the rate cards and settings, reloaded a minute after it was
// made. Uninstalling the app, or Shopify's shop/redact, must not leave that copy answering.

const args = (request: Request) => ({ request, params: {}, context: {} });

/** A parcel from Northampton to Paris: the sample cards price it (duties left out: no catalogue data here). */
const PARCEL: ShippingQuoteRequest = {
  currency: "GBP",
  origin: { country: "GB", postalCode: "NN4 7YE" },
  destination: { country: "FR", postalCode: "75001" },
  items: [{ sku: "MUG", grams: 450, price: 2600, quantity: 2 }],
};

/** GIVEN a shop quoted once, and its rate cards then deleted behind the quote service's back. */
async function quotedShopWithCardsDeleted(shop: string): Promise<void> {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  await setUpCarrierShop(db, shop, null);
  expect((await quoteShippingOptions(shop, PARCEL)).options.length).toBeGreaterThan(0);
  await db.shopRateCard.deleteMany({ where: { shop } });
  // Still answered from the copy in memory: what the webhooks below must put an end to.
  expect((await quoteShippingOptions(shop, PARCEL)).options.length).toBeGreaterThan(0);
}

describe("quotes forget a shop when it leaves", () => {
  it("GIVEN a quoted shop WHEN app/uninstalled is delivered THEN the next quote reads the database again", async () => {
    const shop = "cache-uninstall.myshopify.com";
    await quotedShopWithCardsDeleted(shop);
    const response = await uninstalledRoute(args(signedWebhook({ topic: "app/uninstalled", shop, body: JSON.stringify({ id: 1, domain: shop }), path: "/webhooks/app/uninstalled" })));
    expect(response.status).toBe(200);
    const quote = await quoteShippingOptions(shop, PARCEL);
    expect(quote.options).toEqual([]);
    expect(quote.warnings).toEqual(["no enabled rate card ships from GB"]);
  });

  it("GIVEN a quoted shop WHEN shop/redact is applied THEN the next quote reads the (emptied) database", async () => {
    const shop = "cache-redact.myshopify.com";
    await quotedShopWithCardsDeleted(shop);
    const response = await complianceRoute(args(signedWebhook({ topic: "shop/redact", shop, body: JSON.stringify({ shop_id: 2, shop_domain: shop }), path: "/webhooks/compliance" })));
    expect(response.status).toBe(200);
    await createWorker({ db, dialect: "sqlite" }).drain();
    expect(await db.carrierSettings.count({ where: { shop } })).toBe(0);
    const quote = await quoteShippingOptions(shop, PARCEL);
    expect(quote.options).toEqual([]);
    expect(quote.warnings).toEqual(["no enabled rate card ships from GB"]);
  });

  it("GIVEN two quoted shops WHEN one uninstalls THEN the other's quotes still come from memory", async () => {
    const leaving = "cache-leaving.myshopify.com";
    const staying = "cache-staying.myshopify.com";
    await quotedShopWithCardsDeleted(leaving);
    await quotedShopWithCardsDeleted(staying);
    await uninstalledRoute(args(signedWebhook({ topic: "app/uninstalled", shop: leaving, body: JSON.stringify({ id: 3, domain: leaving }), path: "/webhooks/app/uninstalled" })));
    expect((await quoteShippingOptions(leaving, PARCEL)).options).toEqual([]);
    expect((await quoteShippingOptions(staying, PARCEL)).options.length).toBeGreaterThan(0);
  });
});
