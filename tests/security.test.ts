import { createHash, createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { SignJWT } from "jose";

const EASYPOST_SECRET = vi.hoisted(() => {
  // Read once by the app's configuration at import, like the app at start-up.
  process.env.EASYPOST_WEBHOOK_SECRET = "security-easypost-secret";
  return "security-easypost-secret";
});

import db from "../app/db.server";
import { mintCustomerAccountToken } from "../app/demo/customer-token.server";
import { saveConnection } from "../app/integrations/3pl/connections.server";
import { signMessage } from "../app/integrations/3pl/generic/signature";
import { carrierCallbackUrl } from "../app/integrations/shopify/carrier-service.server";
import { easyPostSignature } from "../app/integrations/tracking/easypost-webhook.server";
import { upsertShipment } from "../app/integrations/tracking/shipments.server";
import { createWorker } from "../app/jobs/worker.server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { TEST_API_KEY, TEST_API_SECRET } from "./support/app-env";
import { setUpCarrierShop } from "./support/carrier-shop";
import { emulatorAdmin, findOrder, seedReturnNetwork, type FoundOrder } from "./support/returns";
import { exampleBody, signedWebhook } from "./support/webhooks";

/**
 * Every public entry point, called in-process as Remix calls it, with malformed and hostile input
 * and with one shop's credentials against another shop's data. Shop A is the emulator's seeded
 * store (installed, with orders, customers and a return network); shop B is a second installed
 * shop with its own order, parcel and carrier settings.
 */
const A = DEMO_SHOP;
const B = "tenant-b.myshopify.com";
const NOW = new Date();
const emulator: RunningEmulator = await startEmulator({ seed: { now: NOW } });
process.env.SHOPIFY_EMULATOR_URL = emulator.url;

const routes = {
  orders: await import("../app/routes/webhooks.orders"),
  compliance: await import("../app/routes/webhooks.compliance"),
  products: await import("../app/routes/webhooks.products"),
  fulfillmentOrders: await import("../app/routes/webhooks.fulfillment_orders"),
  fulfillments: await import("../app/routes/webhooks.fulfillments"),
  inventoryLevels: await import("../app/routes/webhooks.inventory_levels"),
  returnsHook: await import("../app/routes/webhooks.returns"),
  uninstalled: await import("../app/routes/webhooks.app.uninstalled"),
  scopesUpdate: await import("../app/routes/webhooks.app.scopes_update"),
  easypost: await import("../app/routes/webhooks.easypost.$shop"),
  thirdParty: await import("../app/routes/webhooks.3pl.$connection"),
  carrier: await import("../app/routes/carrier.rates"),
  quote: await import("../app/routes/api.checkout-quote"),
  returnsOrder: await import("../app/routes/api.returns.order"),
  orderLandedCost: await import("../app/routes/api.order-landed-cost"),
  returnsRequest: await import("../app/routes/api.returns.request"),
  track: await import("../app/routes/track.$token"),
  proxy: await import("../app/routes/proxy.tracking.$token"),
  label: await import("../app/routes/returns.labels.$token"),
};

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => unknown;

async function call(fn: Handler, request: Request, params: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  try {
    const result = await fn({ request, params, context: {} });
    if (result instanceof Response) return { status: result.status, body: await result.text() };
    return { status: 200, body: JSON.stringify(result) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    // Anything else reaches Remix's error boundary as a 500.
    return { status: 500, body: thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown) };
  }
}

/** A hash of every row of every table, sorted: any insert, update or delete changes it. */
async function databaseHash(where?: { shop: string }): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`);
  const hash = createHash("sha256");
  for (const { name } of tables) {
    let rows: Record<string, unknown>[];
    if (where) {
      const columns = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${name}')`);
      if (!columns.some((c) => c.name === "shop")) continue;
      rows = await db.$queryRawUnsafe(`SELECT * FROM "${name}" WHERE shop = ?`, where.shop);
    } else rows = await db.$queryRawUnsafe(`SELECT * FROM "${name}"`);
    const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).sort();
    hash.update(`${name}\n${lines.join("\n")}\n`);
  }
  return hash.digest("hex");
}

async function checkoutToken(shop: string, secret = TEST_API_SECRET) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`).setAudience(TEST_API_KEY).setSubject("gid://shopify/Customer/1")
    .setIssuedAt(now).setNotBefore(now - 5).setExpirationTime(now + 600).setJti(randomUUID())
    .sign(new TextEncoder().encode(secret));
}

/** An app proxy URL signed as Shopify signs one (sorted key=value pairs, concatenated, HMAC-SHA256 hex). */
function proxyUrl(token: string, params: Record<string, string>, secret = TEST_API_SECRET): URL {
  const message = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join("");
  const url = new URL(`https://borderless.test/proxy/tracking/${encodeURIComponent(token)}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set("signature", createHmac("sha256", secret).update(message).digest("hex"));
  return url;
}
const proxyParams = (shop: string, extra: Record<string, string> = {}) => ({ shop, logged_in_customer_id: "", path_prefix: "/apps/track", timestamp: String(Math.floor(Date.now() / 1000)), ...extra });

let order: FoundOrder;
let bOrderGid: string;
let aShipment: { trackingToken: string; trackingNumber: string };
let bShipment: { trackingToken: string; trackingNumber: string };
/** Each shop's 3PL connection (generic connector), with its own shared secret. */
const connections = { a: "", b: "" };
const THREE_PL_SECRET = { a: "shop-a-3pl-shared-secret", b: "shop-b-3pl-shared-secret" };

beforeAll(async () => {
  await db.session.upsert({ where: { id: `offline_${A}` }, create: { id: `offline_${A}`, shop: A, state: "test", accessToken: DEMO_ACCESS_TOKEN, scope: "read_orders,write_returns" }, update: {} });
  await db.session.upsert({ where: { id: `offline_${B}` }, create: { id: `offline_${B}`, shop: B, state: "test", accessToken: "shpat_tenant_b", scope: "read_orders" }, update: {} });
  await seedReturnNetwork(db, emulatorAdmin(emulator));
  await setUpCarrierShop(db, A, emulator.url);
  await setUpCarrierShop(db, B, null);
  order = findOrder(emulator, { countries: ["FR", "DE", "NL", "IT", "ES", "GB", "US"], now: NOW, withinDays: 25 });
  // Shop B's order, through its own signed webhook and the worker.
  const base = JSON.parse(exampleBody("orders/create"));
  const bOrder = { ...base, id: 5_550_001, admin_graphql_api_id: "gid://shopify/Order/5550001", name: "#B1", updated_at: "2026-11-25T10:00:00Z" };
  bOrderGid = bOrder.admin_graphql_api_id;
  expect((await call(routes.orders.action as Handler, signedWebhook({ topic: "orders/create", shop: B, body: JSON.stringify(bOrder), path: "/webhooks/orders" }))).status).toBe(200);
  await createWorker({ db, dialect: "sqlite" }).drain();
  expect(await db.order.count({ where: { shop: B } })).toBe(1);
  aShipment = await upsertShipment(db, { shop: A, carrier: "easypost", trackingNumber: "EZA000000001", orderName: "#A1", destinationCountry: "DE" }, NOW);
  bShipment = await upsertShipment(db, { shop: B, carrier: "easypost", trackingNumber: "EZB000000001", orderName: "#B1", destinationCountry: "FR" }, NOW);
  for (const [key, shop] of [["a", A], ["b", B]] as const) {
    await db.warehouse.create({ data: { shop, code: `tenant-3pl-${key}`, name: `3PL ${key}`, kind: "3pl", countryCode: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", currency: "EUR", capacityPerDay: 100 } });
    connections[key] = (await saveConnection(db, shop, TEST_API_SECRET, { warehouseCode: `tenant-3pl-${key}`, connector: "generic", credentials: { secret: THREE_PL_SECRET[key] } })).id;
  }
}, 120_000);

afterAll(async () => {
  await emulator.close();
});

// ---------------------------------------------------------------------------------------------
// Hostile input

const NASTY = [
  "' OR '1'='1", "'; DROP TABLE \"Order\"; --", "\" OR 1=1 --", "1; SELECT * FROM Session", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
  "{{ shop.metafields }}", "{% raw %}{% endraw %}", "${7*7}", "../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "\u0000", "\uFFFF\uD800",
  "__proto__", "constructor", "prototype", "gid://shopify/Order/5550001", "gid://shopify/Order/-1", "gid://shopify/Order/99999999999999999999999",
  "NaN", "Infinity", "-0", "1e309", "true", "null", "[]", "{}", "a".repeat(5000), "💥".repeat(500), "tenant-b.myshopify.com", "x.myshopify.com.evil.test",
];
const nastyString = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 60 }), fc.string({ unit: "binary", maxLength: 60 }));
const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: "small", withCrossShrink: true }, nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(nastyString, tie("v"), { maxKeys: 4 })),
})).v;
/** Known field names with values of the wrong type, so validation is reached rather than a missing-field answer. */
const shapedBody = (keys: string[]) => fc.record(Object.fromEntries(keys.map((k) => [k, nastyValue])), { requiredKeys: [] });
const KNOWN_KEYS = ["rate", "origin", "destination", "items", "currency", "lines", "option", "orderId", "preview", "lineItemId", "quantity", "reason", "condition", "resolution", "object", "description", "result", "tracking_code", "tracking_details", "id", "type", "shop"];
const hostileBody = fc.oneof(
  nastyString,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  shapedBody(KNOWN_KEYS).map((v) => JSON.stringify(v)),
  fc.record({ rate: shapedBody(["origin", "destination", "items", "currency", "locale"]) }).map((v) => JSON.stringify(v)),
  fc.record({ object: fc.constant("Event"), description: fc.constantFrom("tracker.updated", "tracker.created"), result: shapedBody(["tracking_code", "carrier", "status", "tracking_details", "id"]) }).map((v) => JSON.stringify(v)),
  fc.constantFrom("[".repeat(20_000) + "]".repeat(20_000), '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000), "x".repeat(2_000_000), JSON.stringify({ lines: Array.from({ length: 20_000 }, () => ({ quantity: 1 })) })),
);

type Credential = "none" | "forged" | "valid";
const credential = fc.constantFrom<Credential>("none", "forged", "valid");

interface Case {
  endpoint: string;
  credential: Credential;
  body: string;
  text: string;
  text2: string;
}

/** What can travel in an HTTP header (visible ASCII): the rest cannot reach the app. */
const headerSafe = (v: string) => v.replace(/[^\x20-\x7e]/g, "");
/** A URL path segment as Remix hands it to the route: decoded, and well-formed (a lone surrogate cannot be sent). */
const segment = (v: string) => v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const WEBHOOK_ROUTES = { orders: "/webhooks/orders", compliance: "/webhooks/compliance", products: "/webhooks/products", fulfillmentOrders: "/webhooks/fulfillment_orders", fulfillments: "/webhooks/fulfillments", inventoryLevels: "/webhooks/inventory_levels", returnsHook: "/webhooks/returns", uninstalled: "/webhooks/app/uninstalled", scopesUpdate: "/webhooks/app/scopes_update" } as const;

/** Builds the request a case stands for and calls its route. */
async function run(c: Case): Promise<{ status: number; body: string }> {
  switch (c.endpoint) {
    case "orders": case "compliance": case "products": case "fulfillmentOrders": case "fulfillments": case "inventoryLevels": case "returnsHook": case "uninstalled": case "scopesUpdate": {
      const path = WEBHOOK_ROUTES[c.endpoint];
      // A correctly signed delivery is Shopify's word: hostile only in its topic, or a body that is not JSON.
      const valid = c.credential === "valid";
      const body = valid ? `${c.body}\u0000not-json` : c.body;
      const request = signedWebhook({ topic: headerSafe(valid ? `x/${c.text}` : c.text), shop: headerSafe(c.text2), body, path, secret: valid ? TEST_API_SECRET : "forged-secret" });
      if (c.credential === "none") request.headers.delete("X-Shopify-Hmac-Sha256");
      return call(routes[c.endpoint].action as Handler, request);
    }
    case "easypost": {
      const shop = c.credential === "valid" ? A : c.text2;
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (c.credential !== "none") headers["X-Hmac-Signature"] = c.credential === "valid" ? easyPostSignature(c.body, EASYPOST_SECRET) : headerSafe(c.text.length % 2 ? c.text : easyPostSignature(c.body, c.text || "x"));
      return call(routes.easypost.action as Handler, new Request(`https://borderless.test/webhooks/easypost/${encodeURIComponent(segment(shop))}`, { method: "POST", body: c.body, headers }), { shop: segment(shop) });
    }
    case "thirdParty": {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      // A real connection's address (shop A's) with a forged or missing signature, or an address that is no connection.
      const connection = c.credential === "valid" ? segment(c.text2) : connections.a;
      if (c.credential !== "none") headers["X-Borderless-Signature"] = headerSafe(c.text.length % 2 ? c.text : signMessage(c.body, c.text || "x", new Date()));
      return call(routes.thirdParty.action as Handler, new Request(`https://borderless.test/webhooks/3pl/${encodeURIComponent(connection)}`, { method: "POST", body: c.body, headers }), { connection });
    }
    case "carrier": {
      let url = carrierCallbackUrl("https://borderless.test", A, TEST_API_SECRET);
      if (c.credential === "forged") url = `https://borderless.test/carrier/rates?shop=${encodeURIComponent(segment(c.text2))}&sig=${encodeURIComponent(segment(c.text))}`;
      if (c.credential === "none") url = "https://borderless.test/carrier/rates";
      return call(routes.carrier.action as Handler, new Request(url, { method: "POST", body: c.body, headers: { "Content-Type": "application/json" } }));
    }
    case "quote": {
      const headers: Record<string, string> = { "Content-Type": "application/json", Origin: "https://checkout.test" };
      if (c.credential === "valid") headers.Authorization = `Bearer ${await checkoutToken(A)}`;
      if (c.credential === "forged") headers.Authorization = `Bearer ${c.text.length % 2 ? headerSafe(c.text) : await checkoutToken(A, c.text || "x")}`;
      return call(routes.quote.action as Handler, new Request("https://borderless.test/api/checkout-quote", { method: "POST", body: c.body, headers }));
    }
    case "returnsOrder": case "returnsRequest": {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (c.credential === "valid") headers.Authorization = `Bearer ${await mintCustomerAccountToken({ shop: A, customerId: order.customerId, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
      if (c.credential === "forged") headers.Authorization = `Bearer ${c.text.length % 2 ? headerSafe(c.text) : await mintCustomerAccountToken({ shop: A, customerId: order.customerId, apiKey: TEST_API_KEY, apiSecret: c.text || "x" })}`;
      if (c.endpoint === "returnsOrder") {
        const url = new URL("https://borderless.test/api/returns/order");
        url.searchParams.set("orderId", c.text2);
        return call(routes.returnsOrder.loader as Handler, new Request(url, { headers }));
      }
      return call(routes.returnsRequest.action as Handler, new Request("https://borderless.test/api/returns/request", { method: "POST", body: c.body, headers }));
    }
    case "orderLandedCost": {
      const headers: Record<string, string> = { Origin: "https://extensions.shopifycdn.com" };
      if (c.credential === "valid") headers.Authorization = `Bearer ${await mintCustomerAccountToken({ shop: A, customerId: order.customerId, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
      if (c.credential === "forged") headers.Authorization = `Bearer ${c.text.length % 2 ? headerSafe(c.text) : await mintCustomerAccountToken({ shop: A, customerId: order.customerId, apiKey: TEST_API_KEY, apiSecret: c.text || "x" })}`;
      const url = new URL("https://borderless.test/api/order-landed-cost");
      url.searchParams.set("order", c.text2);
      return call(routes.orderLandedCost.loader as Handler, new Request(url, { headers }));
    }
    case "track": {
      const url = new URL(`https://borderless.test/track/${encodeURIComponent(segment(c.text))}`);
      url.searchParams.set("lang", c.text2);
      return call(routes.track.loader as Handler, new Request(url), { token: c.credential === "valid" ? aShipment.trackingToken : segment(c.text) });
    }
    case "proxy": {
      const token = c.credential === "valid" && c.text.length % 2 ? aShipment.trackingToken : segment(c.text);
      let url = proxyUrl(token, proxyParams(A, { lang: c.text2 }));
      if (c.credential === "forged") url = proxyUrl(token, proxyParams(A, { lang: c.text2 }), c.text2 || "x");
      if (c.credential === "none") url.searchParams.delete("signature");
      return call(routes.proxy.loader as Handler, new Request(url), { token });
    }
    case "label": {
      const url = new URL(`https://borderless.test/returns/labels/${encodeURIComponent(segment(c.text))}`);
      url.searchParams.set("document", c.text2);
      return call(routes.label.loader as Handler, new Request(url), { token: segment(c.text) });
    }
  }
  throw new Error(`unknown endpoint ${c.endpoint}`);
}

const ENDPOINTS = ["orders", "compliance", "products", "fulfillmentOrders", "fulfillments", "inventoryLevels", "returnsHook", "uninstalled", "scopesUpdate", "easypost", "thirdParty", "carrier", "quote", "returnsOrder", "returnsRequest", "orderLandedCost", "track", "proxy", "label"];

async function assertShort(run: Promise<void>) {
  try {
    await run;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `\ncause: ${error.cause.message}` : "";
    const message = (error instanceof Error ? error.message : String(error)) + cause;
    throw new Error(message.replace(/"[^"]{400,}"/g, (m) => `${m.slice(0, 200)}…(${m.length} chars)"`).slice(0, 6000));
  }
}

describe("hostile input to every public endpoint (property-based)", () => {
  it.each(ENDPOINTS)("GIVEN malformed or hostile input and good, forged or no credentials WHEN %s is called THEN never a 5xx and no stored row changes", async (endpoint) => {
    const before = await databaseHash();
    // fast-check prints the whole counterexample; a 2 MB body would drown the report.
    let runs = 0;
    await assertShort(fc.assert(
      fc.asyncProperty(fc.record({ endpoint: fc.constant(endpoint), credential, body: hostileBody, text: nastyString, text2: nastyString }), async (c) => {
        const result = await run(c);
        runs++;
        expect(result.status, `${c.endpoint} answered ${result.status}: ${result.body.slice(0, 300)}`).toBeLessThan(500);
        expect(await databaseHash()).toBe(before);
      }),
      { numRuns: 40 },
    ));
    expect(runs).toBeGreaterThanOrEqual(40);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Tenant isolation: shop A's credentials, shop B's data

describe("shop A's credentials against shop B's data: all refused", () => {
  let bBefore: string;
  beforeAll(async () => {
    bBefore = await databaseHash({ shop: B });
  });
  afterAll(async () => {
    // Whatever A tried, nothing of B's moved.
    expect(await databaseHash({ shop: B })).toBe(bBefore);
  });

  it("returns portal: A's signed-in buyer asking for B's order THEN 404, and a return for it THEN refused", async () => {
    const token = await mintCustomerAccountToken({ shop: A, customerId: order.customerId, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    const url = new URL("https://borderless.test/api/returns/order");
    url.searchParams.set("orderId", bOrderGid);
    const read = await call(routes.returnsOrder.loader as Handler, new Request(url, { headers: { Authorization: `Bearer ${token}` } }));
    expect(read.status).toBe(404);
    expect(read.body).not.toContain("#B1");
    for (const preview of [true, false]) {
      const body = JSON.stringify({ orderId: bOrderGid, lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reason: "UNWANTED", condition: "new_unopened" }], preview, resolution: "refund" });
      const made = await call(routes.returnsRequest.action as Handler, new Request("https://borderless.test/api/returns/request", { method: "POST", body, headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } }));
      expect(made.status).toBeGreaterThanOrEqual(400);
      expect(made.status).toBeLessThan(500);
    }
  });

  it("app proxy tracking page: a request signed for A naming B's parcel THEN 404, no page", async () => {
    const res = await call(routes.proxy.loader as Handler, new Request(proxyUrl(bShipment.trackingToken, proxyParams(A))), { token: bShipment.trackingToken });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("#B1");
    // The same page for A's own parcel is served, so the refusal is about the shop.
    expect((await call(routes.proxy.loader as Handler, new Request(proxyUrl(aShipment.trackingToken, proxyParams(A))), { token: aShipment.trackingToken })).status).toBe(200);
  });

  it("carrier callback: A's signature with B's shop in the URL THEN no rates", async () => {
    const signedForA = new URL(carrierCallbackUrl("https://borderless.test", A, TEST_API_SECRET));
    signedForA.searchParams.set("shop", B);
    const body = JSON.stringify({ rate: { origin: { country: "US", postal_code: "07094" }, destination: { country: "FR", postal_code: "75001" }, items: [{ name: "x", sku: "x", quantity: 1, grams: 500, price: 5000, requires_shipping: true, taxable: true, fulfillment_service: "manual", product_id: 1, variant_id: 1 }], currency: "USD" } });
    const res = await call(routes.carrier.action as Handler, new Request(signedForA, { method: "POST", body, headers: { "Content-Type": "application/json" } }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ rates: [] });
  });

  it("EasyPost webhook: B's tracker posted to A's address THEN B's parcel is not found and does not move", async () => {
    const event = JSON.stringify({ object: "Event", id: "evt_tenant", description: "tracker.updated", result: { object: "Tracker", id: "trk_tenant", tracking_code: bShipment.trackingNumber, carrier: "USPS", status: "delivered", tracking_details: [{ object: "TrackingDetail", datetime: "2026-11-25T09:00:00Z", status: "delivered", message: "Delivered", tracking_location: { city: "Paris", country: "FR" } }] } });
    const res = await call(routes.easypost.action as Handler, new Request(`https://borderless.test/webhooks/easypost/${A}`, { method: "POST", body: event, headers: { "Content-Type": "application/json", "X-Hmac-Signature": easyPostSignature(event, EASYPOST_SECRET) } }), { shop: A });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ found: false });
  });

  it("Shopify webhook: a delivery signed for A carrying B's order id THEN it becomes A's order; B's order is untouched", async () => {
    const base = JSON.parse(exampleBody("orders/updated"));
    const body = JSON.stringify({ ...base, id: 5_550_001, admin_graphql_api_id: bOrderGid, name: "#HIJACK", cancelled_at: "2026-11-25T11:00:00Z", updated_at: "2026-11-25T11:00:00Z" });
    expect((await call(routes.orders.action as Handler, signedWebhook({ topic: "orders/updated", shop: A, body, path: "/webhooks/orders" }))).status).toBe(200);
    await createWorker({ db, dialect: "sqlite" }).drain();
    const bOrder = await db.order.findFirstOrThrow({ where: { shop: B } });
    expect(bOrder.name).toBe("#B1");
    expect(await db.order.count({ where: { shop: A, name: "#HIJACK" } })).toBe(1);
  });

  it("3PL webhook: a message signed with A's 3PL secret posted to B's connection address THEN 401, nothing applied", async () => {
    const body = JSON.stringify({ id: "msg-tenant-1", type: "shipment", orderId: bOrderGid, lines: [{ sku: "X", quantity: 1 }], trackingNumber: "HIJACK" });
    const res = await call(routes.thirdParty.action as Handler, new Request(`https://borderless.test/webhooks/3pl/${connections.b}`, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Borderless-Signature": signMessage(body, THREE_PL_SECRET.a, new Date()) } }), { connection: connections.b });
    expect(res.status).toBe(401);
  });

  it("order status block: a token of A naming the customer of B's order, asking for B's order THEN 404 and none of B's figures", async () => {
    const bOrder = await db.order.findFirstOrThrow({ where: { shop: B } });
    expect(bOrder.customerId).toBeTruthy();
    const token = await mintCustomerAccountToken({ shop: A, customerId: bOrder.customerId, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    const url = new URL("https://borderless.test/api/order-landed-cost");
    url.searchParams.set("order", bOrderGid);
    const read = await call(routes.orderLandedCost.loader as Handler, new Request(url, { headers: { Authorization: `Bearer ${token}` } }));
    expect(read.status).toBe(404);
    expect(read.body).not.toContain("#B1");
  });

  it("checkout quote: a token for A naming B in the body THEN A's quote, B's settings never read (the shop comes only from the verified token)", async () => {
    const token = await checkoutToken(A);
    const body = (shop?: string) => JSON.stringify({ ...(shop ? { shop } : {}), currency: "EUR", destination: { countryCode: "FR", zip: "75001" }, lines: [{ variantId: "gid://shopify/ProductVariant/9000001", quantity: 1, total: 50 }] });
    const plain = await call(routes.quote.action as Handler, new Request("https://borderless.test/api/checkout-quote", { method: "POST", body: body(), headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } }));
    const named = await call(routes.quote.action as Handler, new Request("https://borderless.test/api/checkout-quote", { method: "POST", body: body(B), headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } }));
    expect(named.status).toBe(plain.status);
    expect(named.status).toBeLessThan(500);
    expect(named.body).toBe(plain.body);
  });
});
