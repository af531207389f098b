import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../../emulator/seed";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app-env";
import { quoteLandedCost } from "../../app/engine/customs/quote";
import { shippedQuotingData } from "../../app/services/checkout-quote.server";

let emulator: RunningEmulator;
let route: typeof import("../../app/routes/api.checkout-quote");

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
  // The app reaches the emulator through the same fetch seam as the demo.
  process.env.SHOPIFY_EMULATOR_URL = emulator.url;
  await db.session.create({ data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "x", isOnline: false, accessToken: DEMO_ACCESS_TOKEN } });
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
const gbCart = () => ({ currency: "GBP", destination: { countryCode: "GB", zip: "SW1A 1AA" }, lines: [{ variantId: product("Merino Crew Sweater"), quantity: 2, total: 240 }], option: { code: "usps-PMI", title: "USPS Priority Mail International", cost: 137.66 } });

describe("POST /api/checkout-quote", () => {
  it("GIVEN a valid checkout session token WHEN a GB cart is posted THEN every service is quoted, the selected one DDP with the engine's duty and VAT folded into its price, with CORS headers", async () => {
    const { status, headers, json } = await post(gbCart(), await checkoutToken());
    expect(status).toBe(200);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    // The New Jersey warehouse's services: USPS, DHL Express and UPS sample cards from the US.
    expect(json.options.map((o: { code: string }) => o.code)).toEqual(expect.arrayContaining(["usps-FCPIS", "usps-PMEI", "usps-PMI", "dhl-express-P", "ups-07"]));
    for (const o of json.options) expect(o.price).toBe(o.shipping + o.includedInPrice);
    const selected = json.selected;
    expect(selected).toMatchObject({ code: "usps-PMI", matched: true, incoterm: "DDP", dueOnDelivery: 0, taxName: "VAT", regime: { id: "GB-135" } });
    expect(selected.price).toBe(selected.shipping + selected.includedInPrice);
    expect(selected.includedInPrice).toBe(selected.duties + selected.taxes + selected.fees);
    expect(selected.delivery.earliest <= selected.delivery.latest).toBe(true);
    // The same numbers straight from the customs engine: sweater 6110.11 from Portugal, GBP 240 of goods plus the service's freight, UK CIF.
    const engine = quoteLandedCost({ date: new Date().toISOString().slice(0, 10), destination: { country: "GB" }, shipFrom: "US", currency: "GBP", lines: [{ hsCode: "611011", originCountry: "PT", quantity: 2, unitValue: 12000, netWeightGrams: 380 }], shipping: selected.shipping, incoterm: "DDP", mode: "postal", dutyEstimate: "highest" }, shippedQuotingData().customs);
    expect(selected.duties).toBe(engine.totals.duty.amount);
    expect(selected.taxes).toBe(engine.totals.tax.amount);
    expect(selected.includedInPrice).toBe(engine.presentment.collectedAtCheckout.amount);
  });

  it("GIVEN a German address WHEN quoted THEN the service is DAP and what the carrier collects is stated, nothing folded into the price", async () => {
    const cart = { ...gbCart(), currency: "EUR", destination: { countryCode: "DE", zip: "10115" }, option: { code: "usps-PMEI", title: null, cost: 60 } };
    const { status, json } = await post(cart, await checkoutToken());
    expect(status).toBe(200);
    expect(json.selected).toMatchObject({ code: "usps-PMEI", incoterm: "DAP", includedInPrice: 0 });
    expect(json.selected.dueOnDelivery).toBeGreaterThan(0);
    expect(json.selected.price).toBe(json.selected.shipping);
  });

  it("GIVEN a merchant's own rate that is not one of our services WHEN selected THEN it is quoted DAP on its own freight, without a delivery window", async () => {
    const { json } = await post({ ...gbCart(), option: { code: "Standard", title: "Standard shipping", cost: 9.5 } }, await checkoutToken());
    expect(json.selected).toMatchObject({ code: "Standard", matched: false, incoterm: "DAP", shipping: 950, delivery: null });
    expect(json.selected.dueOnDelivery).toBe(json.selected.duties + json.selected.taxes + json.selected.fees);
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
    [() => ({ ...gbCart(), lines: [{ variantId: "123", quantity: 1, total: 10 }] }), "lines.0.variantId", /lines\.0\.variantId: must be a ProductVariant GID/],
    [() => ({ ...gbCart(), lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: -1, total: 10 }] }), "lines.0.quantity", /lines\.0\.quantity/],
  ])("GIVEN a malformed body (%#) WHEN posted THEN 400 naming the field", async (body, field, message) => {
    const { status, json } = await post(body(), await checkoutToken());
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
    if (field !== "body") expect(json.field).toBe(field);
  });

  it("GIVEN a variant that is not the shop's WHEN posted THEN 422 naming the line", async () => {
    const { status, json } = await post({ ...gbCart(), lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1, total: 10 }] }, await checkoutToken());
    expect(status).toBe(422);
    expect(json).toEqual({ error: `lines[0].variantId: gid://shopify/ProductVariant/1 is not a variant of ${DEMO_SHOP}`, field: "lines[0].variantId" });
  });

  it("GIVEN a valid token for a shop that never installed the app WHEN posted THEN 404 and no other shop's catalogue is used", async () => {
    const { status, json } = await post(gbCart(), await checkoutToken("someone-else.myshopify.com"));
    expect(status).toBe(404);
    expect(json.error).toBe("someone-else.myshopify.com has not installed the app");
  });
});
