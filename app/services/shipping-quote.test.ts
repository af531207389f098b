import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { CarrierTransportError, type CarrierAdapter, type LiveRate } from "~/engine/carriers";
import { money } from "~/engine/money";
import { emulatorFetch } from "~/integrations/shopify/emulator-fetch.server";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../../emulator/seed";
import { DEFAULT_SETTINGS, saveCarrierSettings, type CarrierSettings } from "./carrier-settings.server";
import { loadProductCustoms, offlineAdminGraphql, syncProductCustoms } from "./product-customs.server";
import {
  createShippingQuoter, invalidateShippingQuotes, loadShopQuoteData, quoteDependencies, quoteShippingOptions,
  ShippingQuoteInputError, type ShippingQuoteRequest,
} from "./shipping-quote.server";
import { importShopRateCard, sampleRateCardFiles } from "./shop-rate-cards.server";

const SECRET = "test-api-secret";
let emulator: RunningEmulator;
const settings: CarrierSettings = {
  ...DEFAULT_SETTINGS,
  ddpMarkets: ["GB", "DE", "FR"],
  warehouses: [
    { id: "venlo", country: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1 },
    { id: "secaucus", country: "US", region: "NJ", timeZone: "America/New_York", cutoff: "14:00", handlingDays: 1 },
  ],
};

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
  const graphql = offlineAdminGraphql({ shop: DEMO_SHOP, accessToken: DEMO_ACCESS_TOKEN, apiVersion: "2026-10", fetch: emulatorFetch(emulator.url) });
  await syncProductCustoms(db, DEMO_SHOP, graphql);
  for (const { cardId, csv } of sampleRateCardFiles(["US", "NL"])) {
    expect((await importShopRateCard(db, DEMO_SHOP, cardId, csv, { sample: true })).ok).toBe(true);
  }
  await saveCarrierSettings(db, DEMO_SHOP, settings);
});
afterAll(async () => {
  await emulator?.close();
});

/** Two variants of the seeded catalogue, as a rate request names them. */
async function cart() {
  const products = await loadProductCustoms(db, DEMO_SHOP);
  const sweater = [...products.byVariant.values()].find((p) => p.title.startsWith("Merino Crew Sweater"))!;
  const earbuds = [...products.byVariant.values()].find((p) => p.title.startsWith("Wireless Earbuds"))!;
  return { sweater, earbuds, items: [
    { variantId: sweater.variantId, sku: sweater.sku, grams: 380, price: 12800, quantity: 1 },
    { variantId: earbuds.variantId, sku: earbuds.sku, grams: 160, price: 9900, quantity: 2 },
  ] };
}

const FRIDAY_MORNING = new Date("2026-11-20T09:00:00Z");

describe("the shipping quote service", () => {
  it("GIVEN the demo catalogue WHEN synced THEN each variant carries the HS code and origin Shopify holds", async () => {
    const { sweater, earbuds } = await cart();
    expect(sweater).toMatchObject({ hsCode: "611011", originCountry: "PT", grams: 380 });
    expect(earbuds).toMatchObject({ hsCode: "851830", originCountry: "CN" });
  });

  it("GIVEN a cart from Venlo to London under DDP WHEN quoted THEN every NL service is priced and ranked, with UK VAT at sale kept out of the rate", async () => {
    const { items } = await cart();
    // One sweater, EUR 128: under GBP 135, so the UK charges no duty and the seller charges VAT at sale.
    const quote = await quoteShippingOptions(DEMO_SHOP, { currency: "EUR", origin: { country: "NL", postalCode: "5928 LA" }, destination: { country: "GB", postalCode: "SW1A 1AA" }, items: items.slice(0, 1), at: FRIDAY_MORNING });
    expect(quote.warehouse.id).toBe("venlo");
    expect(quote.incoterm).toBe("DDP");
    expect(quote.parcel.grams).toBe(380);
    expect(new Set(quote.options.map((o) => o.carrierId))).toEqual(new Set(["dhl-express", "ups", "postnl"]));
    expect(quote.options.length + quote.excluded.length).toBe(9);
    for (const o of quote.options) {
      expect(o.price.currency).toBe("EUR");
      expect(o.dutiesAndTaxes!.regime).toBe("GB-135");
      expect(o.dutiesAndTaxes!.taxAtSale!.amount).toBeGreaterThan(0);
      expect(o.dutiesAndTaxes!.duty.amount).toBe(0);
      expect(o.price).toEqual(o.shipping);
      expect(o.description).toBe("No import duties or taxes due: nothing more to pay on delivery.");
      expect(o.window.earliest >= o.window.shipDate).toBe(true);
      expect(o.reasons.length).toBeGreaterThan(2);
    }
    expect(quote.options.map((o) => o.rank)).toEqual(quote.options.map((_, i) => i + 1));
    expect(quote.options[0]!.reasons[0]).toMatch(/^lowest landed total/);
  });

  it("GIVEN a cart from New Jersey to Berlin WHEN quoted under DDP THEN the EU duty and import VAT are in the price and the description says so", async () => {
    const { items } = await cart();
    const quote = await quoteShippingOptions(DEMO_SHOP, { currency: "USD", origin: { country: "US", postalCode: "07094", province: "NJ" }, destination: { country: "DE", postalCode: "10115" }, items, at: FRIDAY_MORNING });
    const dhl = quote.options.find((o) => o.code === "dhl-express-p")!;
    expect(dhl.incoterm).toBe("DDP");
    const d = dhl.dutiesAndTaxes!;
    expect(d.duty.amount).toBeGreaterThan(0);
    expect(d.tax.amount).toBeGreaterThan(0);
    expect(d.lines.map((l) => l.hsCode.slice(0, 6))).toEqual(["611011", "851830"]);
    expect(dhl.price.amount).toBe(dhl.shipping.amount + d.total.amount);
    expect(dhl.dueOnDelivery).toBeNull();
    expect(dhl.description).toMatch(/^Duties and import taxes included \(\$[\d,.]+\): nothing more to pay on delivery\.$/);
  });

  it("GIVEN a market the shop ships DAP WHEN quoted THEN the price is shipping only and the description names what is due on delivery", async () => {
    const { items } = await cart();
    const quote = await quoteShippingOptions(DEMO_SHOP, { currency: "USD", origin: { country: "US" }, destination: { country: "NL", postalCode: "1012 AB" }, items, at: FRIDAY_MORNING });
    const o = quote.options.find((x) => x.code === "ups-07")!;
    expect(o.incoterm).toBe("DAP");
    expect(o.price).toEqual(o.shipping);
    expect(o.dueOnDelivery!.amount).toBe(o.dutiesAndTaxes!.total.amount);
    expect(o.description).toBe(`About ${(o.dueOnDelivery!.amount / 100).toLocaleString("en", { style: "currency", currency: "USD" })} in duties and import taxes due on delivery.`);
  });

  it("GIVEN a service the merchant switched off WHEN quoted THEN it is not offered, and the cache reloads only when told", async () => {
    const { items } = await cart();
    const request: ShippingQuoteRequest = { currency: "USD", origin: { country: "US" }, destination: { country: "CA" }, items, at: FRIDAY_MORNING };
    expect((await quoteShippingOptions(DEMO_SHOP, request)).options.some((o) => o.carrierId === "ups")).toBe(true);
    await saveCarrierSettings(db, DEMO_SHOP, { ...settings, disabledCarriers: ["ups"] });
    expect((await quoteShippingOptions(DEMO_SHOP, request)).options.some((o) => o.carrierId === "ups")).toBe(true);
    invalidateShippingQuotes(DEMO_SHOP);
    expect((await quoteShippingOptions(DEMO_SHOP, request)).options.some((o) => o.carrierId === "ups")).toBe(false);
    await saveCarrierSettings(db, DEMO_SHOP, settings);
    invalidateShippingQuotes(DEMO_SHOP);
  });

  it("GIVEN a variant with no HS code WHEN quoted across a border THEN options still come, with duties not estimated and a warning", async () => {
    const quote = await quoteShippingOptions(DEMO_SHOP, { currency: "USD", origin: { country: "US" }, destination: { country: "DE" }, items: [{ sku: "NOT-IN-CATALOGUE", grams: 500, price: 5000, quantity: 1 }], at: FRIDAY_MORNING });
    expect(quote.options.length).toBeGreaterThan(0);
    expect(quote.options.every((o) => o.dutiesAndTaxes === null && o.description === "Import duties and taxes may be due on delivery.")).toBe(true);
    expect(quote.warnings[0]).toMatch(/no HS code or origin for NOT-IN-CATALOGUE/);
  });

  it("GIVEN another shop with no cards WHEN quoted THEN it gets no options, never the demo shop's", async () => {
    const { items } = await cart();
    const quote = await quoteShippingOptions("other-shop.myshopify.com", { currency: "USD", origin: { country: "US" }, destination: { country: "DE" }, items, at: FRIDAY_MORNING });
    expect(quote.options).toEqual([]);
  });

  it("GIVEN malformed input WHEN quoted THEN a ShippingQuoteInputError names the field", async () => {
    const bad = { currency: "USD", origin: { country: "US" }, destination: { country: "Germany" }, items: [{ price: 100, quantity: 1 }] } as ShippingQuoteRequest;
    await expect(quoteShippingOptions(DEMO_SHOP, bad)).rejects.toThrow(ShippingQuoteInputError);
    await expect(quoteShippingOptions(DEMO_SHOP, bad)).rejects.toThrow("destination.country: must be an ISO 3166 alpha-2 country code");
    await expect(quoteShippingOptions(DEMO_SHOP, { ...bad, destination: { country: "DE" }, items: [{ price: 1.5, quantity: 1 }] })).rejects.toThrow("items[0].price");
  });

  it("GIVEN a live carrier that does not answer within the budget WHEN quoted THEN its rate-card prices are used and the delay is reported", async () => {
    const data = await loadShopQuoteData(db, DEMO_SHOP, SECRET);
    const slow: CarrierAdapter = {
      carrierId: "dhl-express",
      capabilities: { rates: true, labels: false, tracking: false, returnLabels: false },
      // Like the real adapters: the HTTP call is aborted when the budget runs out and rejects as a transport error.
      rate: (_r, options) => new Promise((_resolve, reject) => options?.signal?.addEventListener("abort", () => reject(new CarrierTransportError("dhl-express", "aborted")))),
      createShipment: () => Promise.reject(new Error("unused")),
      track: () => Promise.reject(new Error("unused")),
    };
    const { items } = await cart();
    const request: ShippingQuoteRequest = { currency: "USD", origin: { country: "US" }, destination: { country: "DE" }, items, at: FRIDAY_MORNING };
    const cardsOnly = await createShippingQuoter(data, quoteDependencies()).quote(request);
    const started = Date.now();
    const withSlow = await createShippingQuoter({ ...data, settings: { ...data.settings, liveBudgetMs: 150 }, live: new Map([["dhl-express", slow]]) }, quoteDependencies()).quote(request);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(withSlow.options.map((o) => [o.code, o.price.amount, o.source])).toEqual(cardsOnly.options.map((o) => [o.code, o.price.amount, "rate-card"]));
    expect(withSlow.warnings).toEqual(["dhl-express: no answer within 150 ms; rate-card prices used"]);
  });

  it("GIVEN a live carrier that answers in time WHEN quoted THEN its price replaces the card's and the ranking is redone", async () => {
    const data = await loadShopQuoteData(db, DEMO_SHOP, SECRET);
    const live: LiveRate = { carrierId: "ups", serviceCode: "11", serviceName: "UPS Standard", level: "economy", total: money(990, "USD"), charges: [{ code: "BASE", name: "Transportation", amount: money(990, "USD") }], negotiated: true };
    const fast: CarrierAdapter = {
      carrierId: "ups", capabilities: { rates: true, labels: false, tracking: false, returnLabels: false },
      rate: async () => ({ data: [live], messages: [] }),
      createShipment: () => Promise.reject(new Error("unused")), track: () => Promise.reject(new Error("unused")),
    };
    const { items } = await cart();
    const quote = await createShippingQuoter({ ...data, live: new Map([["ups", fast]]) }, quoteDependencies())
      .quote({ currency: "USD", origin: { country: "US" }, destination: { country: "CA" }, items, at: FRIDAY_MORNING });
    const ups = quote.options.find((o) => o.code === "ups-11")!;
    expect(ups.source).toBe("live");
    expect(ups.shipping.amount).toBe(990);
    expect(ups.rank).toBe(1);
    expect(ups.reasons).toContain("live price from the carrier's API");
  });

  it("GIVEN a code the merchant confirmed on the Customs page WHEN the shop's data reloads THEN quotes use it instead of Shopify's copy", async () => {
    const { sweater, items } = await cart();
    await db.hsConfirmation.create({ data: { shop: DEMO_SHOP, productId: `gid://shopify/Product/${sweater.productId}`, productTitle: "Merino Crew Sweater", productText: "{}", hsCode: "611020", originCountry: "IT" } });
    invalidateShippingQuotes(DEMO_SHOP);
    const quote = await quoteShippingOptions(DEMO_SHOP, { currency: "USD", origin: { country: "US" }, destination: { country: "DE" }, items: items.slice(0, 1), at: FRIDAY_MORNING });
    expect(quote.lines[0]).toMatchObject({ hsCode: "611020", originCountry: "IT" });
    expect(quote.options[0]!.dutiesAndTaxes!.lines[0]!.hsCode.slice(0, 6)).toBe("611020");
    await db.hsConfirmation.deleteMany({ where: { shop: DEMO_SHOP } });
    invalidateShippingQuotes(DEMO_SHOP);
  });

  it("GIVEN two carts quoted in turn WHEN the first comes back THEN its kept landed costs are its own, never the other cart's", async () => {
    const { items } = await cart();
    const ask = (qty: number) => quoteShippingOptions(DEMO_SHOP, { currency: "USD", origin: { country: "US" }, destination: { country: "DE" }, items: [{ ...items[1]!, quantity: qty }], at: FRIDAY_MORNING });
    const prices = (q: Awaited<ReturnType<typeof ask>>) => q.options.map((o) => [o.code, o.price.amount, o.dutiesAndTaxes?.total.amount]);
    const one = await ask(1);
    const three = await ask(3);
    expect(prices(three)).not.toEqual(prices(one));
    expect(prices(await ask(1))).toEqual(prices(one));
  });
});
