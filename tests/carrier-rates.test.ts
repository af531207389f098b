import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import type { AdminGraphql } from "../app/integrations/shopify/admin-graphql.server";
import { carrierCallbackUrl, CARRIER_SERVICE_NAME, ensureCarrierService } from "../app/integrations/shopify/carrier-service.server";
import { emulatorFetch } from "../app/integrations/shopify/emulator-fetch.server";
import { action, loader } from "../app/routes/carrier.rates";
import { loadProductCustoms, offlineAdminGraphql } from "../app/services/product-customs.server";
import { quoteShippingOptions } from "../app/services/shipping-quote.server";
import { setUpCarriersOnInstall } from "../app/services/carrier-install.server";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import { TEST_API_SECRET } from "./support/app-env";
import { setUpCarrierShop } from "./support/carrier-shop";

/** Shopify's documented example rate request (DeliveryCarrierService reference), verbatim. */
const DOCUMENTED = readFileSync("app/integrations/shopify/__fixtures__/carrier-rate-request.json", "utf8");
const APP_URL = "https://borderless.test";
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
  await setUpCarrierShop(db, DEMO_SHOP, emulator.url);
});
afterAll(async () => {
  await emulator?.close();
});

const post = (url: string, body: string) =>
  action({ request: new Request(url, { method: "POST", body, headers: { "Content-Type": "application/json" } }), params: {}, context: {} });

async function answer(url: string, body: string): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
  const response = await post(url, body);
  return { status: response.status, type: response.headers.get("Content-Type"), json: (await response.json()) as Record<string, unknown> };
}

/** The documented request with the demo store's origin, a destination and two of its variants. */
async function demoRequest(destination: Record<string, unknown>, currency = "USD", priceFactor = 1): Promise<string> {
  const products = await loadProductCustoms(db, DEMO_SHOP);
  const pick = (title: string) => [...products.byVariant.values()].find((p) => p.title.startsWith(title))!;
  const doc = JSON.parse(DOCUMENTED) as { rate: Record<string, any> };
  const item = doc.rate.items[0];
  doc.rate.origin = { ...doc.rate.origin, country: "US", postal_code: "07094", province: "NJ", city: "Secaucus", address1: "600 Meadowlands Pkwy", company_name: "Borderless Demo Store" };
  doc.rate.destination = { ...doc.rate.destination, ...destination };
  doc.rate.items = [
    { ...item, name: "Merino Crew Sweater - M", sku: pick("Merino Crew Sweater").sku, grams: 380, price: 12800 * priceFactor, quantity: 1, vendor: "Northfold", product_id: Number(pick("Merino Crew Sweater").productId), variant_id: Number(pick("Merino Crew Sweater").variantId) },
    { ...item, name: "Wireless Earbuds", sku: pick("Wireless Earbuds").sku, grams: 160, price: 9900 * priceFactor, quantity: 2, vendor: "Volt Goods", product_id: Number(pick("Wireless Earbuds").productId), variant_id: Number(pick("Wireless Earbuds").variantId) },
  ];
  doc.rate.currency = currency;
  return JSON.stringify(doc);
}

const BERLIN = { country: "DE", postal_code: "10115", province: null, city: "Berlin", name: "Lea Fischer", address1: "Invalidenstraße 1" };
const AMSTERDAM = { country: "NL", postal_code: "1012 AB", province: null, city: "Amsterdam", name: "Emma de Vries", address1: "Dam 1" };
const RATE_KEYS = ["currency", "description", "max_delivery_date", "min_delivery_date", "service_code", "service_name", "total_price"] as const;
const SHOPIFY_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
type Rate = Record<(typeof RATE_KEYS)[number], string>;

describe("CarrierService callback: Shopify's rate request in, Shopify's rate response out", () => {
  const url = () => carrierCallbackUrl(APP_URL, DEMO_SHOP, TEST_API_SECRET);

  it("GIVEN the documented request to a DDP market WHEN posted THEN every rate has exactly Shopify's fields, prices in subunits include duties and taxes and the description says so", async () => {
    const body = await demoRequest(BERLIN);
    const { status, type, json } = await answer(url(), body);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(Object.keys(json)).toEqual(["rates"]);
    const rates = json.rates as Rate[];
    // From Secaucus: DHL Express, UPS and USPS cards, 3 services each; USPS First-Class stops at 1.8 kg (this parcel is 0.7 kg).
    expect(rates).toHaveLength(9);
    for (const rate of rates) {
      expect(Object.keys(rate).sort()).toEqual([...RATE_KEYS]);
      expect(rate.service_name).toMatch(/\S/);
      expect(rate.service_code).toMatch(/^[a-z0-9-]+$/);
      expect(rate.total_price).toMatch(/^\d+$/);
      expect(rate.currency).toBe("USD");
      expect(rate.description).toMatch(/^Duties and import taxes included \(\$[\d,]+\.\d{2}\): nothing more to pay on delivery\.$/);
      expect(rate.min_delivery_date).toMatch(SHOPIFY_DATE);
      expect(rate.max_delivery_date).toMatch(SHOPIFY_DATE);
      expect(rate.min_delivery_date <= rate.max_delivery_date).toBe(true);
    }
    expect(new Set(rates.map((r) => r.service_code)).size).toBe(9);
    // The shopper sees the carrier in every name.
    expect(rates.map((r) => r.service_name).sort()).toEqual([
      "DHL Express 12:00", "DHL Express DHL Economy Select", "DHL Express Worldwide",
      "UPS Standard", "UPS Worldwide Expedited", "UPS Worldwide Express",
      "USPS First-Class Package International Service", "USPS Priority Mail Express International", "USPS Priority Mail International",
    ]);
  });

  it("GIVEN the same DDP request WHEN compared with the shipping-quote service THEN each total_price is the service's price (shipping + duties and taxes) and the order is the ranking", async () => {
    const body = await demoRequest(BERLIN);
    const rates = (await answer(url(), body)).json.rates as Rate[];
    const parsed = JSON.parse(body).rate;
    const quote = await quoteShippingOptions(DEMO_SHOP, {
      currency: "USD", origin: { country: "US", postalCode: "07094" }, destination: { country: "DE", postalCode: "10115" },
      items: parsed.items.map((i: any) => ({ variantId: i.variant_id, sku: i.sku, grams: i.grams, price: i.price, quantity: i.quantity })),
    });
    expect(rates.map((r) => r.service_code)).toEqual(quote.options.map((o) => o.code));
    quote.options.forEach((o, i) => {
      expect(o.incoterm).toBe("DDP");
      expect(o.dutiesAndTaxes!.duty.amount).toBeGreaterThan(0); // EU duty on the earbuds and the sweater
      expect(rates[i]!.total_price).toBe(String(o.shipping.amount + o.dutiesAndTaxes!.total.amount));
      expect(rates[i]!.min_delivery_date).toBe(`${o.window.earliest} 12:00:00 +0000`);
      expect(rates[i]!.max_delivery_date).toBe(`${o.window.latest} 12:00:00 +0000`);
    });
  });

  it("GIVEN the documented request to a DAP market WHEN posted THEN the price is shipping only and the description names the amount due on delivery", async () => {
    const body = await demoRequest(AMSTERDAM);
    const rates = (await answer(url(), body)).json.rates as Rate[];
    expect(rates.length).toBeGreaterThan(0);
    const parsed = JSON.parse(body).rate;
    const quote = await quoteShippingOptions(DEMO_SHOP, {
      currency: "USD", origin: { country: "US" }, destination: { country: "NL", postalCode: "1012 AB" },
      items: parsed.items.map((i: any) => ({ variantId: i.variant_id, grams: i.grams, price: i.price, quantity: i.quantity })),
    });
    quote.options.forEach((o, i) => {
      const rate = rates[i]!;
      expect(o.incoterm).toBe("DAP");
      expect(rate.total_price).toBe(String(o.shipping.amount));
      const due = (o.dueOnDelivery!.amount / 100).toLocaleString("en", { style: "currency", currency: "USD" });
      expect(rate.description).toBe(`About ${due} in duties and import taxes due on delivery.`);
    });
  });

  it("GIVEN a zero-decimal currency WHEN posted THEN prices come back in Shopify's subunits (x100 for JPY)", async () => {
    const rates = (await answer(url(), await demoRequest(BERLIN, "JPY", 154))).json.rates as Rate[];
    expect(rates.length).toBe(9);
    for (const r of rates) {
      expect(r.currency).toBe("JPY");
      expect(Number(r.total_price) % 100).toBe(0);
      expect(r.description).toMatch(/¥/);
    }
  });

  it("GIVEN Shopify's documented example verbatim (a Canadian domestic cart) WHEN posted THEN it is read, and with no card from CA the answer is 200 with no rates", async () => {
    const { status, json } = await answer(url(), DOCUMENTED);
    expect(status).toBe(200);
    expect(json).toEqual({ rates: [] });
  });

  it.each([
    ["not JSON", "rate=1", "the body is not JSON"],
    ["no rate object", "{}", "rate: "],
    ["items missing", JSON.stringify({ rate: { ...JSON.parse(DOCUMENTED).rate, items: undefined } }), "rate.items: "],
    ["a price in major units", JSON.stringify({ rate: { ...JSON.parse(DOCUMENTED).rate, items: [{ ...JSON.parse(DOCUMENTED).rate.items[0], price: "19.99" }] } }), "rate.items[0].price: "],
    ["a country name instead of a code", JSON.stringify({ rate: { ...JSON.parse(DOCUMENTED).rate, destination: { country: "Canada" } } }), "rate.destination.country: must be an ISO 3166 alpha-2 country code"],
    ["an unknown currency", JSON.stringify({ rate: { ...JSON.parse(DOCUMENTED).rate, currency: "XYZ1" } }), "rate.currency: must be an ISO 4217 currency code"],
  ])("GIVEN a malformed body (%s) WHEN posted THEN 400 with a message naming what is wrong", async (_name, body, message) => {
    const { status, json } = await answer(url(), body);
    expect(status).toBe(400);
    expect(String(json.error)).toContain("malformed rate request: ");
    expect(String(json.error)).toContain(message);
  });

  it("GIVEN a callback URL not signed for the shop WHEN posted THEN no rates, never the demo shop's", async () => {
    const body = await demoRequest(BERLIN);
    const signed = new URL(url());
    const unsigned = `${APP_URL}/carrier/rates?shop=${DEMO_SHOP}`;
    const forged = `${APP_URL}/carrier/rates?shop=${DEMO_SHOP}&sig=${"A".repeat(43)}`;
    const otherShopsSig = new URL(carrierCallbackUrl(APP_URL, "other-shop.myshopify.com", TEST_API_SECRET));
    const swapped = `${APP_URL}/carrier/rates?shop=${DEMO_SHOP}&sig=${otherShopsSig.searchParams.get("sig")}`;
    const wrongSecret = carrierCallbackUrl(APP_URL, DEMO_SHOP, "not-the-app-secret");
    for (const u of [unsigned, forged, swapped, wrongSecret, `${APP_URL}/carrier/rates`]) {
      expect(await answer(u, body)).toMatchObject({ status: 200, json: { rates: [] } });
    }
    // A shop that signs correctly but has nothing set up gets none either.
    expect((await answer(otherShopsSig.toString(), body)).json).toEqual({ rates: [] });
    expect(((await answer(signed.toString(), body)).json.rates as Rate[]).length).toBe(9);
  });

  it("GIVEN a GET WHEN requested THEN 405 saying to POST", async () => {
    const response = loader();
    expect(response.status).toBe(405);
  });
});

describe("CarrierService registration on install", () => {
  it("GIVEN a shop without our carrier service WHEN installed, installed again and the app URL changes THEN one service exists, created once then updated", async () => {
    const graphql = offlineAdminGraphql({ shop: DEMO_SHOP, accessToken: DEMO_ACCESS_TOKEN, apiVersion: "2026-10", fetch: emulatorFetch(emulator.url) });
    const first = await ensureCarrierService(db, DEMO_SHOP, graphql, { appUrl: APP_URL, appSecret: TEST_API_SECRET });
    expect(first).toMatchObject({ status: "created", callbackUrl: carrierCallbackUrl(APP_URL, DEMO_SHOP, TEST_API_SECRET) });
    expect(await ensureCarrierService(db, DEMO_SHOP, graphql, { appUrl: APP_URL, appSecret: TEST_API_SECRET })).toMatchObject({ status: "unchanged" });
    const moved = await ensureCarrierService(db, DEMO_SHOP, graphql, { appUrl: "https://rates.borderless.test", appSecret: TEST_API_SECRET });
    expect(moved).toMatchObject({ status: "updated", callbackUrl: carrierCallbackUrl("https://rates.borderless.test", DEMO_SHOP, TEST_API_SECRET) });
    const services = emulator.store.list(DEMO_SHOP, "DeliveryCarrierService");
    expect(services.map((s) => [s.name, s.callbackUrl, s.active])).toEqual([[CARRIER_SERVICE_NAME, carrierCallbackUrl("https://rates.borderless.test", DEMO_SHOP, TEST_API_SECRET), true]]);
    expect(await db.carrierServiceRegistration.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({ carrierServiceId: services[0]!.id });
  });

  it("GIVEN the merchant deactivated the service WHEN installed again THEN it is switched back on, not duplicated", async () => {
    const graphql = offlineAdminGraphql({ shop: DEMO_SHOP, accessToken: DEMO_ACCESS_TOKEN, apiVersion: "2026-10", fetch: emulatorFetch(emulator.url) });
    const [service] = emulator.store.list(DEMO_SHOP, "DeliveryCarrierService");
    service!.active = false;
    expect(await ensureCarrierService(db, DEMO_SHOP, graphql, { appUrl: "https://rates.borderless.test", appSecret: TEST_API_SECRET })).toMatchObject({ status: "updated" });
    expect(emulator.store.list(DEMO_SHOP, "DeliveryCarrierService").map((s) => s.active)).toEqual([true]);
  });

  it("GIVEN the install hook WHEN it runs THEN the service is registered and the catalogue's customs data copied, and a refusal does not throw", async () => {
    const graphql = offlineAdminGraphql({ shop: DEMO_SHOP, accessToken: DEMO_ACCESS_TOKEN, apiVersion: "2026-10", fetch: emulatorFetch(emulator.url) });
    await setUpCarriersOnInstall(db, DEMO_SHOP, graphql, { appUrl: "https://rates.borderless.test", appSecret: TEST_API_SECRET });
    const done = await setUpCarriersOnInstall(db, DEMO_SHOP, graphql, { appUrl: "https://rates.borderless.test", appSecret: TEST_API_SECRET });
    expect(done.carrierService.status).toBe("unchanged");
    expect(emulator.store.list(DEMO_SHOP, "DeliveryCarrierService")).toHaveLength(1);
    expect(done.variants).toBe(emulator.store.list(DEMO_SHOP, "ProductVariant").length);
    const refusing: AdminGraphql = async (query, variables) => (query.includes("carrierServiceCreate")
      ? { carrierServiceCreate: { carrierService: null, userErrors: [{ field: null, message: "Carrier calculated shipping is not available on this plan" }] } }
      : query.includes("BorderlessCarrierServices") ? { carrierServices: { nodes: [] } } : graphql(query, variables)) as never;
    const refused = await setUpCarriersOnInstall(db, "plan-without-rates.myshopify.com", refusing, { appUrl: APP_URL, appSecret: TEST_API_SECRET });
    expect(refused.carrierService).toEqual({ status: "refused", message: "Carrier calculated shipping is not available on this plan" });
    expect(await db.carrierServiceRegistration.count({ where: { shop: "plan-without-rates.myshopify.com" } })).toBe(0);
  });
});
