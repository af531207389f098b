import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { mintCustomerAccountToken } from "../app/demo/customer-token.server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { TEST_API_KEY, TEST_API_SECRET } from "./support/app-env";
import { emulatorAdmin, findOrder, seedReturnNetwork, type FoundOrder } from "./support/returns";

// The app reaches the emulator through the fetch seam, configured before shopify.server loads.
const NOW = new Date();
const emulator: RunningEmulator = await startEmulator({ seed: { now: NOW } });
process.env.SHOPIFY_EMULATOR_URL = emulator.url;
const orderRoute = await import("../app/routes/api.returns.order");
const requestRoute = await import("../app/routes/api.returns.request");
const labelRoute = await import("../app/routes/returns.labels.$token");

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const token = (customerId: string | null, secret = TEST_API_SECRET) => mintCustomerAccountToken({ shop: DEMO_SHOP, customerId, apiKey: TEST_API_KEY, apiSecret: secret });
const get = async (path: string, bearer?: string) => orderRoute.loader(args(new Request(`https://borderless.test${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} })));
const post = async (body: unknown, bearer?: string) => requestRoute.action(args(new Request("https://borderless.test/api/returns/request", {
  method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "Content-Type": "application/json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
})));

let order: FoundOrder;
let other: FoundOrder;

beforeAll(async () => {
  await db.session.upsert({ where: { id: `offline_${DEMO_SHOP}` }, create: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "test", accessToken: DEMO_ACCESS_TOKEN, scope: "read_orders,write_returns" }, update: {} });
  await seedReturnNetwork(db, emulatorAdmin(emulator));
  order = findOrder(emulator, { countries: ["FR", "DE", "NL", "IT", "ES", "GB", "US"], now: NOW, withinDays: 25, productTypes: ["Footwear", "Knitwear", "Trousers", "Accessories", "Bedding", "Toys"] });
  other = findOrder(emulator, { countries: ["FR", "DE", "NL", "IT", "ES", "GB", "US"], now: NOW, withinDays: 60, skip: new Set([order.orderId]) });
});
afterAll(async () => {
  await emulator.close();
});

describe("returns portal endpoints authenticate the customer account session token", () => {
  it("GIVEN no token WHEN the order is asked for THEN 401 saying a token is needed", async () => {
    const response = await get(`/api/returns/order?orderId=${order.orderId}`);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/session token is required/);
  });

  it("GIVEN a token signed with another secret THEN 401", async () => {
    expect((await get(`/api/returns/order?orderId=${order.orderId}`, await token(order.customerId, "not-the-secret"))).status).toBe(401);
  });

  it("GIVEN a token of a visitor who is not signed in (no sub) THEN 401 asking to sign in", async () => {
    const response = await get(`/api/returns/order?orderId=${order.orderId}`, await token(null));
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/sign in/);
  });

  it("GIVEN the preflight THEN 204 with CORS headers", async () => {
    const response = await requestRoute.action(args(new Request("https://borderless.test/api/returns/request", { method: "OPTIONS", headers: { Origin: "https://extensions.shopifycdn.com", "Access-Control-Request-Method": "POST" } })));
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe("returns portal endpoints answer the signed-in customer", () => {
  it("GIVEN the buyer's own order THEN its lines and policy", async () => {
    const response = await get(`/api/returns/order?orderId=${encodeURIComponent(order.orderId)}`, await token(order.customerId));
    expect(response.status).toBe(200);
    const view = await response.json();
    expect(view.order.name).toBe(order.name);
    expect(view.lines.length).toBeGreaterThan(0);
  });

  it("GIVEN another buyer's order THEN 404 and no hint it exists", async () => {
    const stranger = other.customerId === order.customerId ? "gid://shopify/Customer/1" : other.customerId;
    const response = await get(`/api/returns/order?orderId=${encodeURIComponent(order.orderId)}`, await token(stranger));
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatch(/No order .* for this customer/);
  });

  it.each([
    ["not JSON", "{nope", /the body must be JSON/],
    ["a quantity of 0", { orderId: "ORDER", lines: [{ lineItemId: "LINE", quantity: 0, reason: "UNWANTED", condition: "new_unopened" }], preview: true }, /lines\.0\.quantity: must be at least 1/],
    ["an unknown reason", { orderId: "ORDER", lines: [{ lineItemId: "LINE", quantity: 1, reason: "BORED", condition: "new_unopened" }], preview: true }, /lines\.0\.reason/],
    ["an exchange asked through the portal", { orderId: "ORDER", lines: [{ lineItemId: "LINE", quantity: 1, reason: "UNWANTED", condition: "new_unopened" }], preview: true, resolution: "exchange" }, /resolution: must be refund or store_credit/],
    ["no idempotency key on submit", { orderId: "ORDER", lines: [{ lineItemId: "LINE", quantity: 1, reason: "UNWANTED", condition: "new_unopened" }] }, /idempotencyKey is required/],
  ])("GIVEN %s THEN 400 with the field named", async (_label, body, message) => {
    const filled = typeof body === "string" ? body : JSON.parse(JSON.stringify(body).replace("ORDER", order.orderId).replace("LINE", order.lines[0]!.lineItemId));
    const response = await post(filled, await token(order.customerId));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(message);
    expect(await db.returnCase.count({ where: { shop: DEMO_SHOP } })).toBe(0);
  });

  it("GIVEN a valid request THEN a preview, then 201 with a label the buyer can open", async () => {
    const lines = [{ lineItemId: order.lines[0]!.lineItemId, quantity: 1, reason: "SIZE_TOO_LARGE", condition: "new_unopened" }];
    const preview = await post({ orderId: order.orderId, lines, preview: true }, await token(order.customerId));
    expect(preview.status).toBe(200);
    const previewed = await preview.json();
    expect(previewed.items[0].destination?.address?.length ?? 0).toBeGreaterThan(0);
    const submitted = await post({ orderId: order.orderId, lines, idempotencyKey: `routes-${order.orderId}` }, await token(order.customerId));
    expect(submitted.status).toBe(201);
    const created = await submitted.json();
    expect(created.status).toBe("label_attached");
    const tokenPart = new URL(created.labels[0].url).pathname.split("/").pop()!;
    const pdf = await labelRoute.loader(args(new Request(created.labels[0].url), { token: tokenPart }));
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await labelRoute.loader(args(new Request("https://borderless.test/returns/labels/x"), { token: "A".repeat(32) }))).status).toBe(404);
  });
});
