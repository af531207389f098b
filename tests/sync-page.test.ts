import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { mintSessionToken } from "../app/demo/session-token.server";
import { ACCESS_SCOPES } from "../app/integrations/shopify/scopes";
import { action, loader } from "../app/routes/app.sync";
import { TEST_API_KEY, TEST_API_SECRET } from "./support/app-env";

const A = "isolation-a.myshopify.com";
const B = "isolation-b.myshopify.com";

async function adminRequest(shop: string, form?: Record<string, string>): Promise<Request> {
  const token = await mintSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
  return new Request(`https://borderless.test/app/sync?embedded=1&shop=${shop}`, {
    method: form ? "POST" : "GET",
    headers: { Authorization: `Bearer ${token}`, ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
  });
}

async function outcome(fn: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    return { status: 200, body: await fn() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    throw thrown;
  }
}

describe("the order sync page is scoped to the session's shop", () => {
  it("GIVEN two shops with their own inbox, orders and backfill WHEN each opens the page THEN each sees only its own, and B cannot retry A's dead letter", async () => {
    for (const shop of [A, B]) {
      await db.session.create({ data: { id: `offline_${shop}`, shop, state: "x", isOnline: false, accessToken: `token-${shop}`, scope: ACCESS_SCOPES.join(",") } });
    }
    const deadOfA = await db.webhookDelivery.create({ data: { shop: A, topic: "orders/updated", dedupeKey: "a-1", webhookId: "a-1", body: "{}", state: "dead", attempts: 8, lastError: "secret error of A" } });
    await db.webhookDelivery.create({ data: { shop: A, topic: "orders/create", dedupeKey: "a-2", webhookId: "a-2", body: "", state: "done" } });
    await db.webhookDelivery.create({ data: { shop: B, topic: "orders/create", dedupeKey: "b-1", webhookId: "b-1", body: "{}" } });
    await db.order.create({ data: { shop: A, shopifyId: "gid://shopify/Order/1", name: "#A1", currency: "USD", subtotalMinor: 1, shippingMinor: 0, taxMinor: 0, discountMinor: 0, totalMinor: 1, totalWeightGrams: 1, shopifyCreatedAt: new Date(), shopifyUpdatedAt: new Date(), source: "webhook" } });
    await db.backfillRun.create({ data: { shop: A, status: "completed", ordersImported: 1 } });

    const a = (await outcome(async () => loader({ request: await adminRequest(A), params: {}, context: {} }))) as { status: number; body: Awaited<ReturnType<typeof loader>> };
    const b = (await outcome(async () => loader({ request: await adminRequest(B), params: {}, context: {} }))) as { status: number; body: Awaited<ReturnType<typeof loader>> };
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.counts).toEqual({ pending: 0, processing: 0, done: 1, dead: 1 });
    expect(a.body.dead.map((d) => d.lastError)).toEqual(["secret error of A"]);
    expect([a.body.orders, a.body.backfill?.status]).toEqual([1, "completed"]);
    expect(b.body.counts).toEqual({ pending: 1, processing: 0, done: 0, dead: 0 });
    expect([b.body.dead, b.body.orders, b.body.backfill]).toEqual([[], 0, null]);
    expect(JSON.stringify(b.body)).not.toContain("secret error of A");

    // B tries A's dead letter by id: refused, and A's row is untouched.
    const retry = await outcome(async () => action({ request: await adminRequest(B, { intent: "retry", id: deadOfA.id }), params: {}, context: {} }));
    expect(retry.status).toBe(404);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deadOfA.id } })).state).toBe("dead");

    // A may retry its own.
    expect((await outcome(async () => action({ request: await adminRequest(A, { intent: "retry", id: deadOfA.id }), params: {}, context: {} }))).status).toBe(200);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deadOfA.id } })).state).toBe("pending");

    // Requesting a backfill creates one for the session's shop only, once.
    await action({ request: await adminRequest(B, { intent: "backfill" }), params: {}, context: {} });
    await action({ request: await adminRequest(B, { intent: "backfill" }), params: {}, context: {} });
    expect(await db.backfillRun.count({ where: { shop: B } })).toBe(1);
    expect(await db.backfillRun.count({ where: { shop: A } })).toBe(1);
  });

  it("GIVEN an unknown action WHEN posted THEN 400 naming it", async () => {
    const result = await outcome(async () => action({ request: await adminRequest(A, { intent: "explode" }), params: {}, context: {} }));
    expect(result).toEqual({ status: 400, body: 'Unknown action "explode": expected "backfill" or "retry"' });
  });
});
