import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { DEMO_SHOP } from "../../emulator/seed";
import { seedCheckoutDemo } from "../../scripts/checkout-demo";
import { action as carrierRates } from "../../app/routes/carrier.rates";
import { carrierCallbackUrl } from "../../app/integrations/shopify/carrier-service.server";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app-env";

let emulator: RunningEmulator;
let route: typeof import("../../app/routes/api.checkout-quote");

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
  // Installed as the demo is: shop row, catalogue customs data copied from Shopify, sample cards, settings.
  await db.shop.create({ data: { domain: DEMO_SHOP, countryCode: "US", currency: "USD" } });
  await seedCheckoutDemo(db, emulator.url);
  route = await import("../../app/routes/api.checkout-quote");
});
afterAll(async () => {
  await emulator?.close();
});

/** A checkout session token as Shopify documents it: HS256 with the app secret, dest = the shop. */
async function checkoutToken(shop = DEMO_SHOP, secret = TEST_API_SECRET) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`).setAudience(TEST_API_KEY).setSubject("gid://shopify/Customer/1")
    .setIssuedAt(now).setNotBefore(now - 5).setExpirationTime(now + 60).setJti(randomUUID())
    .sign(new TextEncoder().encode(secret));
}

async function post(body: unknown, token?: string | null) {
  const headers: Record<string, string> = { "Content-Type": "application/json", Origin: "https://checkout.borderless-demo.test" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const request = new Request("https://borderless.test/api/checkout-quote", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const response = await route.action({ request, params: {}, context: {} });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

const product = (title: string) => {
  const p = emulator.store.list(DEMO_SHOP, "Product").find((r) => (r as { title?: string }).title === title) as { id: string } | undefined;
  const v = (emulator.store.list(DEMO_SHOP, "ProductVariant") as unknown as { id: string; productId: string; inventoryItemId: string }[]).find((r) => r.productId === p?.id);
  if (!v) throw new Error(`no seeded variant of ${title}`);
  return v.id;
};
const gbCart = () => ({ currency: "GBP", destination: { countryCode: "GB", zip: "SW1A 1AA" }, lines: [{ variantId: product("Merino Crew Sweater"), quantity: 2, total: 240 }], option: { code: "usps-pmi", title: "USPS Priority Mail International", cost: 137.66 } });

describe("POST /api/checkout-quote", () => {
  it("GIVEN a valid checkout session token WHEN a GB cart is posted THEN every service is quoted, the selected one DDP with duty and VAT folded into its price, with CORS headers", async () => {
    const { status, headers, json } = await post(gbCart(), await checkoutToken());
    expect(status).toBe(200);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    // The New Jersey warehouse's services: USPS, DHL Express and UPS sample cards from the US.
    expect(json.options.map((o: { code: string }) => o.code)).toEqual(expect.arrayContaining(["usps-fcpis", "usps-pmei", "usps-pmi", "dhl-express-p", "ups-07"]));
    for (const o of json.options) expect(o.price).toBe(o.shipping + o.includedInPrice);
    const selected = json.selected;
    expect(selected).toMatchObject({ code: "usps-pmi", incoterm: "DDP", dueOnDelivery: 0, taxName: "VAT", regime: "GB-135" });
    expect(selected.price).toBe(selected.shipping + selected.includedInPrice);
    expect(selected.includedInPrice).toBe(selected.duties + selected.taxes + selected.fees);
    expect(selected.delivery.earliest <= selected.delivery.latest).toBe(true);
  });

  it("GIVEN the same cart WHEN Shopify asks the CarrierService callback THEN every rate's price is the endpoint's price for that service", async () => {
    const { json } = await post(gbCart(), await checkoutToken());
    // Shopify's documented rate request for the same cart, from the New Jersey warehouse.
    const rateRequest = { rate: {
      origin: { country: "US", postal_code: "07094", province: "NJ", city: "Secaucus", name: null, address1: "600 Meadowlands Pkwy", address2: null, address3: null, phone: null, fax: null, email: null, address_type: null, company_name: null },
      destination: { country: "GB", postal_code: "SW1A 1AA", province: null, city: "London", name: "Ada Lovelace", address1: "10 Downing St", address2: null, address3: null, phone: null, fax: null, email: null, address_type: null, company_name: null },
      items: [{ name: "Merino Crew Sweater - M", sku: null, quantity: 2, grams: 380, price: 12000, vendor: "Northfold", requires_shipping: true, taxable: true, fulfillment_service: "manual", properties: null, product_id: 1, variant_id: Number(product("Merino Crew Sweater").split("/").pop()) }],
      currency: "GBP", locale: "en-GB",
    } };
    const callback = new Request(carrierCallbackUrl("https://borderless.test", DEMO_SHOP, TEST_API_SECRET), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(rateRequest) });
    const rates = (await (await carrierRates({ request: callback, params: {}, context: {} })).json()) as { rates: { service_code: string; service_name: string; total_price: string }[] };
    expect(rates.rates.length).toBe(json.options.length);
    for (const rate of rates.rates) {
      const option = json.options.find((o: { code: string }) => o.code === rate.service_code);
      expect({ code: rate.service_code, title: rate.service_name, price: Number(rate.total_price) }).toEqual({ code: option.code, title: option.title, price: option.price });
    }
  });

  it("GIVEN a German address WHEN quoted THEN the service is DAP and what the carrier collects is stated, nothing folded into the price", async () => {
    const cart = { ...gbCart(), currency: "EUR", destination: { countryCode: "DE", zip: "10115" }, option: { code: "usps-pmei", title: null, cost: 60 } };
    const { status, json } = await post(cart, await checkoutToken());
    expect(status).toBe(200);
    expect(json.selected).toMatchObject({ code: "usps-pmei", incoterm: "DAP", includedInPrice: 0 });
    expect(json.selected.dueOnDelivery).toBeGreaterThan(0);
    expect(json.selected.price).toBe(json.selected.shipping);
  });

  it("GIVEN a merchant's own rate that is not one of our services WHEN selected THEN no option is selected, so the extension shows nothing", async () => {
    const { status, json } = await post({ ...gbCart(), option: { code: "Standard", title: "Standard shipping", cost: 9.5 } }, await checkoutToken());
    expect(status).toBe(200);
    expect(json.selected).toBeNull();
    expect(json.options.length).toBeGreaterThan(0);
  });

  it("GIVEN the checkout's preflight WHEN OPTIONS is sent THEN 204 allowing the Authorization header from any origin", async () => {
    const request = new Request("https://borderless.test/api/checkout-quote", { method: "OPTIONS", headers: { Origin: "https://checkout.borderless-demo.test", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" } });
    const response = await route.loader({ request, params: {}, context: {} });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
  });

  it.each([
    ["no token", async () => null],
    ["a token signed with another secret", async () => checkoutToken(DEMO_SHOP, "not-the-app-secret")],
    ["a token that is not a JWT", async () => "not.a.token"],
  ])("GIVEN %s WHEN a cart is posted THEN 401 with a message and CORS headers", async (_, token) => {
    const { status, headers, json } = await post(gbCart(), await token());
    expect(status).toBe(401);
    expect(json.error).toMatch(/session token/);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it.each([
    [() => "{not json", "body", /the body must be JSON/],
    [() => ({ ...gbCart(), destination: { zip: "SW1A 1AA" } }), "destination.countryCode", /destination\.countryCode/],
    [() => ({ ...gbCart(), currency: "pounds" }), "currency", /currency: must be an ISO 4217 currency code/],
    [() => ({ ...gbCart(), lines: [] }), "lines", /lines: at least one line is required/],
    [() => ({ ...gbCart(), lines: [{ variantId: "123", quantity: 1, total: 10 }] }), "lines[0].variantId", /lines\[0\]\.variantId: must be a ProductVariant GID/],
    [() => ({ ...gbCart(), lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: -1, total: 10 }] }), "lines[0].quantity", /lines\[0\]\.quantity/],
  ])("GIVEN a malformed body (%#) WHEN posted THEN 400 naming the field", async (body, field, message) => {
    const { status, json } = await post(body(), await checkoutToken());
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
    if (field !== "body") expect(json.field).toBe(field);
  });

  it("GIVEN a variant that is not the shop's WHEN posted THEN 422 naming the line", async () => {
    const { status, json } = await post({ ...gbCart(), lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1, total: 10 }] }, await checkoutToken());
    expect(status).toBe(422);
    expect(json).toEqual({ error: `lines[0].variantId: gid://shopify/ProductVariant/1 has no HS code and country of origin in ${DEMO_SHOP}'s catalogue`, field: "lines[0].variantId" });
  });

  it("GIVEN a valid token for a shop that never installed the app WHEN posted THEN 404 and no other shop's data is used", async () => {
    const { status, json } = await post(gbCart(), await checkoutToken("someone-else.myshopify.com"));
    expect(status).toBe(404);
    expect(json.error).toBe("someone-else.myshopify.com has not installed the app");
  });
});

describe("demo checkout preview", () => {
  it("GIVEN the app outside demo mode WHEN the preview page is asked for THEN 404", async () => {
    const { loader } = await import("../../app/routes/demo.checkout-preview");
    const thrown = await Promise.resolve(loader({ request: new Request("https://borderless.test/demo/checkout-preview"), params: {}, context: {} })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
