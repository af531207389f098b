import { beforeEach, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { createWorker } from "../app/jobs/worker.server";
import { applyDelivery } from "../app/jobs/handlers.server";
import { SUBSCRIBED_TOPICS, WEBHOOK_ROUTES, webhookPathFor } from "../app/integrations/shopify/webhook-topics";
import { action as ordersRoute } from "../app/routes/webhooks.orders";
import { action as complianceRoute } from "../app/routes/webhooks.compliance";
import { action as fulfillmentOrdersRoute } from "../app/routes/webhooks.fulfillment_orders";
import { action as fulfillmentsRoute } from "../app/routes/webhooks.fulfillments";
import { action as inventoryRoute } from "../app/routes/webhooks.inventory_levels";
import { action as productsRoute } from "../app/routes/webhooks.products";
import { action as returnsRoute } from "../app/routes/webhooks.returns";
import { exampleBody, signedWebhook, type SignedWebhook } from "./support/webhooks";

const SHOP = "sync-a.myshopify.com";
const OTHER = "sync-b.myshopify.com";
const ROUTES: Record<string, (args: { request: Request; params: {}; context: {} }) => Promise<Response>> = {
  "/webhooks/orders": ordersRoute, "/webhooks/compliance": complianceRoute, "/webhooks/fulfillment_orders": fulfillmentOrdersRoute,
  "/webhooks/fulfillments": fulfillmentsRoute, "/webhooks/inventory_levels": inventoryRoute, "/webhooks/products": productsRoute,
  "/webhooks/returns": returnsRoute,
};

async function deliver(hook: SignedWebhook): Promise<{ status: number; body: string }> {
  const path = hook.path ?? webhookPathFor(hook.topic)!;
  const response = await ROUTES[path]!({ request: signedWebhook({ ...hook, path }), params: {}, context: {} });
  return { status: response.status, body: await response.text() };
}

const worker = () => createWorker({ db, dialect: "sqlite", backoffMs: 1, maxBackoffMs: 1 });

function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...JSON.parse(exampleBody("orders/create")), ...overrides };
}

async function storedEverything(shop: string) {
  return {
    deliveries: await db.webhookDelivery.count({ where: { shop } }),
    orders: await db.order.count({ where: { shop } }),
    events: await db.orderEvent.count({ where: { shop } }),
  };
}

beforeEach(async () => {
  for (const shop of [SHOP, OTHER]) {
    await db.orderEvent.deleteMany({ where: { shop } });
    await db.order.deleteMany({ where: { shop } });
    await db.webhookDelivery.deleteMany({ where: { shop } });
    await db.dataRequest.deleteMany({ where: { shop } });
  }
});

describe("webhook routes: verify, store, answer", () => {
  it("GIVEN a delivery signed with the wrong secret WHEN posted THEN 401 with a message and nothing is stored", async () => {
    const result = await deliver({ topic: "orders/create", shop: SHOP, body: exampleBody("orders/create"), secret: "not-the-secret" });
    expect(result.status).toBe(401);
    expect(result.body).toMatch(/signature does not match/);
    expect(await storedEverything(SHOP)).toEqual({ deliveries: 0, orders: 0, events: 0 });
  });

  it("GIVEN a correctly signed body that is not JSON WHEN posted THEN 400 with a message and nothing is stored", async () => {
    const result = await deliver({ topic: "orders/create", shop: SHOP, body: '{"id": 1, "line_items": [' });
    expect(result.status).toBe(400);
    expect(result.body).toMatch(/not valid JSON/);
    expect(await storedEverything(SHOP)).toEqual({ deliveries: 0, orders: 0, events: 0 });
  });

  it("GIVEN a topic delivered to another topic's path WHEN posted THEN 400 naming the topic and nothing is stored", async () => {
    const result = await deliver({ topic: "products/update", shop: SHOP, body: exampleBody("products/update"), path: "/webhooks/orders" });
    expect(result.status).toBe(400);
    expect(result.body).toMatch(/products\/update/);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(0);
  });

  it("GIVEN the same delivery three times WHEN posted and processed THEN each is acknowledged, stored once and applied once", async () => {
    const hook = { topic: "orders/create", shop: SHOP, body: exampleBody("orders/create"), webhookId: "wh-1", eventId: "ev-1" };
    for (let i = 0; i < 3; i++) expect((await deliver(hook)).status).toBe(200);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(1);
    await worker().drain();
    // And once more after it was applied: still acknowledged, still applied once.
    expect((await deliver(hook)).status).toBe(200);
    await worker().drain();
    expect(await storedEverything(SHOP)).toEqual({ deliveries: 1, orders: 1, events: 1 });
  });

  it("GIVEN a newer version applied WHEN an older updated_at arrives after it THEN the newer stays", async () => {
    const newer = order({ updated_at: "2026-11-25T12:00:00Z", note: null, tags: "newer", financial_status: "refunded" });
    const older = order({ updated_at: "2026-11-25T09:00:00Z", tags: "older", financial_status: "paid" });
    await deliver({ topic: "orders/updated", shop: SHOP, body: JSON.stringify(newer) });
    await worker().drain();
    await deliver({ topic: "orders/updated", shop: SHOP, body: JSON.stringify(older) });
    await worker().drain();
    const stored = await db.order.findFirstOrThrow({ where: { shop: SHOP } });
    expect(stored.tags).toBe("newer");
    expect(stored.financialStatus).toBe("refunded");
    expect(stored.shopifyUpdatedAt.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } })).toBe(2);
  });

  it("GIVEN both versions waiting WHEN the worker takes the older last THEN the newer still stays", async () => {
    await deliver({ topic: "orders/updated", shop: SHOP, body: JSON.stringify(order({ updated_at: "2026-11-25T12:00:00Z", tags: "newer" })) });
    await deliver({ topic: "orders/updated", shop: SHOP, body: JSON.stringify(order({ updated_at: "2026-11-25T09:00:00Z", tags: "older" })) });
    await worker().drain();
    expect((await db.order.findFirstOrThrow({ where: { shop: SHOP } })).tags).toBe("newer");
  });
});

describe("the normalised order from a webhook", () => {
  it("keeps money in integer minor units, the destination, lines with SKU, weight and price, and shipping lines", async () => {
    await deliver({ topic: "orders/create", shop: SHOP, body: exampleBody("orders/create") });
    await worker().drain();
    const stored = await db.order.findFirstOrThrow({ where: { shop: SHOP }, include: { lines: true, shippingLines: true } });
    const example = JSON.parse(exampleBody("orders/create"));
    expect(stored.shopifyId).toBe(example.admin_graphql_api_id);
    expect(stored.currency).toBe("USD");
    expect(stored.totalMinor).toBe(Math.round(Number(example.current_total_price) * 100));
    expect(stored.destCountryCode).toBe(example.shipping_address.country_code);
    expect(stored.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.grams])).toEqual(
      example.line_items.map((l: { sku: string | null; current_quantity: number; quantity: number; price: string; grams: number }) => [l.sku || null, l.current_quantity ?? l.quantity, Math.round(Number(l.price) * 100), l.grams]),
    );
    expect(stored.shippingLines.length).toBe(example.shipping_lines.length);
  });
});

describe("contract: Shopify's example payload for every subscribed topic", () => {
  const topics = SUBSCRIBED_TOPICS.filter((t) => !t.startsWith("app/"));

  it("covers every topic in shopify.app.toml except the app/* ones handled in place", () => {
    expect(topics.length).toBe(Object.values(WEBHOOK_ROUTES).flat().length - 2);
  });

  it.each(topics)("%s is acknowledged, stored and applied", async (topic) => {
    const body = exampleBody(topic).replaceAll("{shop}.myshopify.com", SHOP);
    expect((await deliver({ topic, shop: SHOP, body })).status).toBe(200);
    const stored = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP, topic } });
    await worker().drain();
    const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: stored.id } });
    if (topic === "returns/process") {
      // Shopify's documented example for returns/process is `{}`: it names no return, so it cannot apply.
      expect(after.state).toBe("dead");
      expect(after.lastError).toMatch(/names no return/);
    } else {
      expect({ state: after.state, error: after.lastError }).toEqual({ state: "done", error: null });
      expect(after.body).toBe("");
    }
  });
});

describe("the worker", () => {
  it("GIVEN an apply that fails twice WHEN retried THEN it backs off exponentially and applies on the third attempt", async () => {
    await deliver({ topic: "orders/create", shop: SHOP, body: exampleBody("orders/create") });
    let clock = Date.now() + 3_600_000;
    let failures = 2;
    // A transient failure: the database refuses the first two writes.
    const w = createWorker({
      db, dialect: "sqlite", backoffMs: 1000, maxBackoffMs: 60_000, now: () => new Date(clock),
      apply: async (tx, delivery, at) => {
        if (failures-- > 0) throw new Error("database is locked");
        await applyDelivery(tx, delivery, at);
      },
    });
    {
      expect(await w.drainOnce()).toBe(1);
      let row = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
      expect([row.state, row.attempts, row.lastError, row.runAfter.getTime() - clock]).toEqual(["pending", 1, "database is locked", 1000]);
      expect(await w.drainOnce()).toBe(0); // not due yet
      clock += 1000;
      expect(await w.drainOnce()).toBe(1);
      row = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
      expect([row.state, row.attempts, row.runAfter.getTime() - clock]).toEqual(["pending", 2, 2000]);
      clock += 2000;
      expect(await w.drainOnce()).toBe(1);
      row = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
      expect([row.state, row.attempts, row.lastError]).toEqual(["done", 3, null]);
      expect(await db.order.count({ where: { shop: SHOP } })).toBe(1);
      expect(await db.orderEvent.count({ where: { shop: SHOP } })).toBe(1);
    }
  });

  it("GIVEN a failure that persists WHEN the attempts run out THEN the delivery is dead-lettered with its error", async () => {
    await deliver({ topic: "orders/create", shop: SHOP, body: exampleBody("orders/create") });
    let clock = Date.now() + 3_600_000;
    const w = createWorker({
      db, dialect: "sqlite", maxAttempts: 3, backoffMs: 10, now: () => new Date(clock),
      apply: async (tx, delivery, at) => {
        await applyDelivery(tx, delivery, at); // the order is written, then the transaction fails
        throw new Error("disk I/O error");
      },
    });
    for (let i = 0; i < 3; i++) {
      await w.drainOnce();
      clock += 60_000;
    }
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
    expect([row.state, row.attempts, row.lastError]).toEqual(["dead", 3, "disk I/O error"]);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(0); // the failed transactions left nothing behind
  });

  it("GIVEN a payload that can never apply WHEN processed THEN it is dead-lettered at once with the reason", async () => {
    await deliver({ topic: "orders/updated", shop: SHOP, body: JSON.stringify({ id: 5, currency: "USD" }) });
    await worker().drain();
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
    expect([row.state, row.attempts]).toEqual(["dead", 1]);
    expect(row.lastError).toMatch(/orders\/updated: the order has no valid updated_at/);
    expect(row.body).not.toBe(""); // kept for a retry after a fix
  });

  it("GIVEN a group of deliveries with two versions of one order, an older third, the other shop's order of the same id and a body that can never apply WHEN drained in groups THEN each has the effect it has alone and only the bad one is dead-lettered", async () => {
    const version = (name: string, updatedAt: string) => JSON.stringify(order({ id: 8_800, admin_graphql_api_id: "gid://shopify/Order/8800", name, updated_at: updatedAt }));
    await deliver({ topic: "orders/create", shop: SHOP, body: version("#first", "2026-11-25T10:00:00Z") });
    await deliver({ topic: "orders/create", shop: OTHER, body: version("#other-shop", "2026-11-25T10:00:00Z") });
    await deliver({ topic: "orders/updated", shop: SHOP, body: version("#second", "2026-11-25T11:00:00Z") });
    await deliver({ topic: "orders/updated", shop: SHOP, body: version("#late-and-older", "2026-11-25T10:30:00Z") });
    await deliver({ topic: "orders/updated", shop: SHOP, body: JSON.stringify({ id: 8_801, currency: "USD" }) });
    const outcomes: string[] = [];
    await createWorker({ db, dialect: "sqlite", groupSize: 10, afterDelivery: (_, outcome) => void outcomes.push(outcome) }).drain();

    const stored = await db.order.findMany({ where: { shop: { in: [SHOP, OTHER] } }, select: { shop: true, name: true } });
    expect(stored.map((o) => [o.shop, o.name]).sort()).toEqual([[SHOP, "#second"], [OTHER, "#other-shop"]]);
    expect(outcomes.sort()).toEqual(["dead", "done", "done", "done", "done"]);
    const dead = await db.webhookDelivery.findMany({ where: { shop: SHOP, state: "dead" } });
    expect(dead.map((d) => JSON.parse(d.body).id)).toEqual([8_801]);
    expect(await db.orderEvent.count({ where: { shop: { in: [SHOP, OTHER] } } })).toBe(4);
  });

  it("GIVEN a group of valid deliveries WHEN drained THEN one transaction applies the group, not one per delivery", async () => {
    for (let i = 0; i < 10; i++) await deliver({ topic: "orders/create", shop: SHOP, body: JSON.stringify(order({ id: 8_900 + i, admin_graphql_api_id: `gid://shopify/Order/${8_900 + i}`, name: `#G${i}` })) });
    let transactions = 0;
    const counted = new Proxy(db, { get: (target, key, receiver) => (key === "$transaction" ? (...args: unknown[]) => (transactions++, (target.$transaction as (...a: unknown[]) => unknown)(...args)) : Reflect.get(target, key, receiver)) });
    expect(await createWorker({ db: counted, dialect: "sqlite", groupSize: 10 }).drain()).toBe(10);
    expect(transactions).toBe(1);
    expect(await storedEverything(SHOP)).toEqual({ deliveries: 10, orders: 10, events: 10 });
  });

  it("GIVEN a worker that died holding a claim WHEN its lease expires THEN another worker takes the delivery and applies it once", async () => {
    await deliver({ topic: "orders/create", shop: SHOP, body: exampleBody("orders/create") });
    let clock = Date.now() + 3_600_000;
    const now = () => new Date(clock);
    // The first worker claims and "dies": its claim is stamped, nothing is applied.
    await db.webhookDelivery.updateMany({ where: { shop: SHOP }, data: { state: "processing", leaseOwner: "dead-worker#1", leaseUntil: new Date(clock + 30_000), attempts: 1 } });
    const second = createWorker({ db, dialect: "sqlite", now });
    expect(await second.drainOnce()).toBe(0); // the lease still holds
    clock += 30_001;
    expect(await second.drainOnce()).toBe(1);
    expect(await storedEverything(SHOP)).toEqual({ deliveries: 1, orders: 1, events: 1 });
  });

  it("GIVEN a delivery whose lease was taken over WHEN the slow worker finishes THEN its writes are rolled back", async () => {
    await deliver({ topic: "orders/create", shop: SHOP, body: exampleBody("orders/create") });
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
    // Another worker holds the lease now; applying under a stale lease must not mark it done.
    await db.webhookDelivery.update({ where: { id: row.id }, data: { state: "processing", leaseOwner: "other#1", leaseUntil: new Date(Date.now() + 60_000) } });
    await expect(db.$transaction(async (tx) => {
      await applyDelivery(tx, { ...row }, new Date());
      const marked = await tx.webhookDelivery.updateMany({ where: { id: row.id, leaseOwner: "stale#1" }, data: { state: "done" } });
      if (marked.count !== 1) throw new Error("lease lost");
    })).rejects.toThrow("lease lost");
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(0);
  });
});

describe("the route's webhook check agrees with authenticate.webhook", () => {
  it("GIVEN valid, tampered, wrongly signed and header-less deliveries WHEN checked both ways THEN both accept and reject the same ones with the same ids", async () => {
    const { authenticate, verifyWebhook } = await import("../app/shopify.server");
    const body = exampleBody("orders/create");
    const valid = () => signedWebhook({ topic: "orders/create", shop: SHOP, body, webhookId: "wh-agree", eventId: "ev-agree", path: "/webhooks/orders" });
    const tampered = () => new Request(valid(), { body: body.replace('"id":', '"id" :') });
    const wrongSecret = () => signedWebhook({ topic: "orders/create", shop: SHOP, body, secret: "other", path: "/webhooks/orders" });
    const noTopic = () => {
      const r = valid();
      const headers = new Headers(r.headers);
      headers.delete("X-Shopify-Topic");
      return new Request(r.url, { method: "POST", headers, body });
    };
    const viaLibrary = async (request: Request) => {
      try {
        const c = await authenticate.webhook(request);
        return { status: 200, shop: c.shop, webhookId: c.webhookId, eventId: "eventId" in c ? c.eventId : undefined, apiVersion: c.apiVersion };
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown;
        return { status: thrown.status };
      }
    };
    const viaRoute = async (request: Request) => {
      const check = await verifyWebhook(await request.text(), request);
      if (check.valid) return { status: 200, shop: check.domain, webhookId: check.webhookId, eventId: check.eventId, apiVersion: check.apiVersion };
      return { status: check.reason === "invalid_hmac" ? 401 : 400 };
    };
    const outcomes = [];
    for (const make of [valid, tampered, wrongSecret, noTopic]) {
      const [library, route] = [await viaLibrary(make()), await viaRoute(make())];
      expect(route).toEqual(library);
      outcomes.push(route.status);
    }
    expect(outcomes).toEqual([200, 401, 401, 400]);
  });
});
