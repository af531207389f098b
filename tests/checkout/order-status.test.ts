// @vitest-environment happy-dom

import { h, render, type ComponentChild } from "preact";
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import db from "../../app/db.server";
import { upsertShipment, type NewShipment } from "../../app/integrations/tracking/shipments.server";
import { OrderStatusDuties } from "../../extensions/checkout-landed-cost/src/OrderStatusDuties";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app-env";
import { mountExtension, shownTexts } from "./support";

/**
 * The order status block rendered against a scripted customer account page (the `shopify` global
 * with the order as a signal), its fetch answered by the app's real /api/order-landed-cost route
 * over a database holding the order and its parcels as the fulfillment and tracking steps save them.
 */
const SHOP = "borderless-demo.myshopify.com";
const OTHER_SHOP = "other-shop.myshopify.com";
const NOW = new Date("2026-11-24T15:00:00Z");
const locales = Object.fromEntries(["en.default", "fr", "de", "es", "ja"].map((l) => [l.slice(0, 2), JSON.parse(readFileSync(`extensions/checkout-landed-cost/locales/${l}.json`, "utf8")) as Record<string, string>]));

let route: typeof import("../../app/routes/api.order-landed-cost");
let requests: { url: string; authorization: string | null }[];
let fetchMode: "app" | "hang" | "network";
let customer: string | null;

async function saveOrder(shop: string, n: number, customerId: string | null) {
  const at = new Date("2026-11-20T10:00:00Z");
  await db.order.create({
    data: { shop, shopifyId: `gid://shopify/Order/${n}`, name: `#${n}`, customerId, currency: "GBP", subtotalMinor: 24000, shippingMinor: 3000, taxMinor: 0, discountMinor: 0, totalMinor: 27000, totalWeightGrams: 900, shopifyCreatedAt: at, shopifyUpdatedAt: at, source: "webhook" },
  });
}
function parcel(shop: string, n: number, trackingNumber: string, saved: Partial<NewShipment>): Promise<unknown> {
  return upsertShipment(db, { shop, carrier: "dhl-express", trackingNumber, orderShopifyId: `gid://shopify/Order/${n}`, orderName: `#${n}`, originCountry: "US", ...saved }, NOW);
}

/** A customer account session token as Shopify documents it: HS256 with the app secret, dest = the shop, sub = the customer. */
async function customerToken(shop = SHOP, sub: string | null = customer, secret = TEST_API_SECRET) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ dest: `https://${shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience(TEST_API_KEY).setIssuedAt(now).setNotBefore(now - 5).setExpirationTime(now + 60).setJti(randomUUID());
  return (sub ? jwt.setSubject(sub) : jwt).sign(new TextEncoder().encode(secret));
}

async function get(order: string | null, token?: string | null, method = "GET") {
  const headers: Record<string, string> = { Origin: "https://shopify.com" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const url = `https://borderless.test/api/order-landed-cost${order === null ? "" : `?order=${encodeURIComponent(order)}`}`;
  const request = new Request(url, { method, headers });
  const response = method === "GET" ? await route.loader({ request, params: {}, context: {} }) : await route.action({ request, params: {}, context: {} });
  return { status: response.status, headers: response.headers, json: response.status === 204 ? null : await response.json() };
}

beforeAll(async () => {
  route = await import("../../app/routes/api.order-landed-cost");
  await saveOrder(SHOP, 1001, "gid://shopify/Customer/7");
  // DDP to the UK: duties and VAT were folded into the shipping price at checkout.
  await parcel(SHOP, 1001, "DDP1001", { destinationCountry: "GB", incoterm: "DDP", dutiesMinor: 4412, dutiesCurrency: "GBP", promisedFrom: "2026-11-27", promisedBy: "2026-12-01" });
  await saveOrder(SHOP, 1002, "gid://shopify/Customer/7");
  // DAP to Germany in two parcels: the carrier collects both parcels' duties at the door.
  await parcel(SHOP, 1002, "DAP1002A", { destinationCountry: "DE", incoterm: "DAP", dutiesMinor: 3150, dutiesCurrency: "EUR", promisedFrom: "2026-11-26", promisedBy: "2026-11-30" });
  await parcel(SHOP, 1002, "DAP1002B", { destinationCountry: "DE", incoterm: "DAP", dutiesMinor: 1275, dutiesCurrency: "EUR", promisedFrom: "2026-11-27", promisedBy: "2026-12-02" });
  await saveOrder(SHOP, 1003, "gid://shopify/Customer/7");
  // Under Australia's low-value threshold: nothing at the door; the carrier has since given a date.
  await parcel(SHOP, 1003, "LVG1003", { destinationCountry: "AU", incoterm: "DAP", dutiesMinor: 0, dutiesCurrency: "AUD", promisedFrom: "2026-11-28", promisedBy: "2026-12-03" });
  await db.shipment.update({ where: { shop_carrier_trackingNumber: { shop: SHOP, carrier: "dhl-express", trackingNumber: "LVG1003" } }, data: { estimatedDelivery: "2026-11-29" } });
  await saveOrder(SHOP, 1004, "gid://shopify/Customer/7"); // not shipped yet: nothing saved
  await saveOrder(SHOP, 1005, "gid://shopify/Customer/8"); // another customer's order
  await parcel(SHOP, 1005, "DDP1005", { destinationCountry: "GB", incoterm: "DDP", dutiesMinor: 999, dutiesCurrency: "GBP" });
  // The same order id in another shop, for customer 7 of that shop.
  await saveOrder(OTHER_SHOP, 1001, "gid://shopify/Customer/7");
  await parcel(OTHER_SHOP, 1001, "OTHER1001", { destinationCountry: "GB", incoterm: "DAP", dutiesMinor: 123, dutiesCurrency: "GBP" });
});

function installOrderStatus(locale: string, orderId: string | undefined) {
  const lang = locale.slice(0, 2);
  (globalThis as any).shopify = {
    extension: { target: "customer-account.order-status.block.render" },
    order: { value: orderId ? { id: orderId, name: `#${orderId.split("/").pop()}` } : undefined },
    sessionToken: { get: () => customerToken() },
    i18n: {
      translate: (key: string, values: Record<string, string> = {}) => (locales[lang]![key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? ""),
      formatCurrency: (amount: number, o: { currencyCode?: string } = {}) => new Intl.NumberFormat(locale, { style: "currency", currency: o.currencyCode ?? "USD" }).format(amount),
      formatDate: (d: Date, o?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...o, timeZone: "UTC" }).format(d),
    },
  };
}

beforeEach(() => {
  fetchMode = "app";
  customer = "gid://shopify/Customer/7";
  requests = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    requests.push({ url, authorization: new Headers(init.headers).get("Authorization") });
    if (fetchMode === "hang") return new Promise(() => {});
    if (fetchMode === "network") throw new TypeError("Failed to fetch");
    const request = new Request(url, { method: init.method, headers: init.headers });
    return route.loader({ request, params: {}, context: {} });
  });
});
afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

// Lets the token, the route's database reads and the JSON promises settle.
const mount = (node: ComponentChild) => mountExtension(node, 20, 5);
const text = shownTexts;
const money = (locale: string, currency: string, minor: number) => new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);

describe("order status block (customer accounts)", () => {
  it("GIVEN a DDP order WHEN its status page shows THEN it restates the duties paid with the order, that nothing is due, and the promised window", async () => {
    installOrderStatus("en-GB", "gid://shopify/Order/1001");
    await mount(h(OrderStatusDuties, {}));
    expect(text()).toEqual([`Duties and import taxes paid with your order: ${money("en-GB", "GBP", 4412)}`, "Nothing to pay on delivery.", "Arrives 27 Nov – 1 Dec"]);
    expect(requests).toEqual([{ url: "https://localhost:3000/api/order-landed-cost?order=gid%3A%2F%2Fshopify%2FOrder%2F1001", authorization: expect.stringMatching(/^Bearer ey/) }]);
  });

  it("GIVEN a DAP order in two parcels WHEN shown in French THEN it says what the carrier will collect for both, in euros the French way, and the whole order's window", async () => {
    installOrderStatus("fr-FR", "gid://shopify/Order/1002");
    await mount(h(OrderStatusDuties, {}));
    expect(text()).toEqual([`Environ ${money("fr-FR", "EUR", 3150 + 1275)} de droits et taxes d'importation seront perçus à la livraison`, "Livraison du 26 nov. au 2 déc."]);
  });

  it("GIVEN a DAP order WHEN shown in German, Spanish and Japanese THEN each language has its sentence", async () => {
    for (const [locale, due] of [
      ["de-DE", (a: string) => `Bei Zustellung werden etwa ${a} an Zöllen und Einfuhrsteuern erhoben`],
      ["es-ES", (a: string) => `Se cobrarán unos ${a} en aranceles e impuestos de importación en la entrega`],
      ["ja-JP", (a: string) => `配達時に関税・輸入税として約${a}が徴収されます`],
    ] as const) {
      installOrderStatus(locale, "gid://shopify/Order/1002");
      await mount(h(OrderStatusDuties, {}));
      expect(text()[0], locale).toBe(due(money(locale, "EUR", 4425)));
      render(null, document.body);
    }
  });

  it("GIVEN an order under the low-value threshold with a carrier estimate WHEN shown THEN nothing is due and the carrier's date replaces the promise", async () => {
    installOrderStatus("en-AU", "gid://shopify/Order/1003");
    await mount(h(OrderStatusDuties, {}));
    expect(text()).toEqual(["No duties or import taxes to pay on delivery.", "The carrier expects it on 29 Nov"]);
  });

  it("GIVEN the app has not answered yet WHEN rendered THEN a skeleton shows and no text", async () => {
    fetchMode = "hang";
    installOrderStatus("en-GB", "gid://shopify/Order/1001");
    await mount(h(OrderStatusDuties, {}));
    expect(document.body.querySelectorAll("s-skeleton-paragraph")).toHaveLength(1);
    expect(text()).toEqual([]);
  });

  it.each([
    ["the network fails", "network", "gid://shopify/Order/1001"],
    ["the order has no saved figures yet (404)", "app", "gid://shopify/Order/1004"],
    ["the order is another customer's (404)", "app", "gid://shopify/Order/1005"],
  ] as const)("GIVEN %s WHEN rendered THEN the block shows nothing at all", async (_label, mode, order) => {
    fetchMode = mode;
    installOrderStatus("en-GB", order);
    await mount(h(OrderStatusDuties, {}));
    expect(requests).toHaveLength(1);
    expect(document.body.innerHTML).toBe("");
  });

  it("GIVEN the page has no order yet WHEN rendered THEN nothing shows and the app is not called", async () => {
    installOrderStatus("en-GB", undefined);
    await mount(h(OrderStatusDuties, {}));
    expect(requests).toHaveLength(0);
    expect(document.body.innerHTML).toBe("");
  });
});

describe("GET /api/order-landed-cost", () => {
  it("GIVEN the order's customer's token WHEN asked THEN the saved figures come back with CORS headers and are not cached", async () => {
    const { status, headers, json } = await get("gid://shopify/Order/1002", await customerToken());
    expect(status).toBe(200);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(headers.get("Cache-Control")).toBe("private, no-store");
    expect(json).toEqual({ order: "gid://shopify/Order/1002", duties: [{ incoterm: "DAP", currency: "EUR", exponent: 2, amount: 4425 }], delivery: { earliest: "2026-11-26", latest: "2026-12-02", estimated: false } });
  });

  it.each([
    ["no token", null],
    ["a token signed with another secret", "forged"],
  ] as const)("GIVEN %s WHEN asked THEN 401 and no figures", async (_label, kind) => {
    const token = kind === "forged" ? await customerToken(SHOP, customer, "not-the-app-secret") : null;
    const { status, json } = await get("gid://shopify/Order/1001", token);
    expect(status).toBe(401);
    expect(json).toEqual({ error: expect.stringMatching(/session token is required/) });
  });

  it("GIVEN a token naming no customer WHEN asked THEN 403: the order id alone does not open an order", async () => {
    const { status, json } = await get("gid://shopify/Order/1001", await customerToken(SHOP, null));
    expect(status).toBe(403);
    expect(json.error).toMatch(/names no customer/);
  });

  it("GIVEN another customer's order, or an order of another shop WHEN asked THEN the same 404 as for an unknown order", async () => {
    const other = await get("gid://shopify/Order/1005", await customerToken());
    const unknown = await get("gid://shopify/Order/424242", await customerToken());
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(other.json.error).toBe("no order gid://shopify/Order/1005 for this customer");
    // Shop B's token for its order 1001 gets shop B's figures, never shop A's (and the reverse).
    const b = await get("gid://shopify/Order/1001", await customerToken(OTHER_SHOP));
    expect(b.json.duties).toEqual([{ incoterm: "DAP", currency: "GBP", exponent: 2, amount: 123 }]);
  });

  it.each([
    ["no order parameter", null, /order: the order's GID is required/],
    ["a product id", "gid://shopify/Product/1", /order: must be an Order GID/],
    ["a bare number", "1001", /order: must be an Order GID/],
  ] as const)("GIVEN %s WHEN asked THEN 400 naming the parameter", async (_label, order, message) => {
    const { status, json } = await get(order, await customerToken());
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  it("GIVEN the browser's preflight WHEN OPTIONS arrives THEN 204 with the CORS headers the GET needs", async () => {
    const { status, headers } = await get("gid://shopify/Order/1001", null, "OPTIONS");
    expect(status).toBe(204);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
  });
});
