import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { startPostgres, type RunningPostgres } from "./support/postgres";
import { exampleBody, signedWebhook } from "./support/webhooks";

/**
 * Order sync on PostgreSQL, the scale-out database: the webhook route's inbox writes and two
 * workers, each with its own Prisma client (its own connection pool, as two app instances have),
 * claiming from one inbox with `FOR UPDATE SKIP LOCKED`.
 */
const SHOP = "pg-sync.myshopify.com";

let pg: RunningPostgres;
let db: PrismaClient;
let createPrismaClient: typeof import("../app/db.server").createPrismaClient;
let createWorker: typeof import("../app/jobs/worker.server").createWorker;
let ordersRoute: typeof import("../app/routes/webhooks.orders").action;

beforeAll(async () => {
  pg = await startPostgres();
  const url = await pg.createDatabase("sync");
  const { migrateDatabase } = await import("../app/db/migrate.server");
  await migrateDatabase(url);
  // The app's own client (the one the routes use) is made from DATABASE_URL when first imported.
  process.env.DATABASE_URL = url;
  globalThis.prismaGlobal = undefined;
  ({ default: db, createPrismaClient } = await import("../app/db.server"));
  ({ createWorker } = await import("../app/jobs/worker.server"));
  ({ action: ordersRoute } = await import("../app/routes/webhooks.orders"));
});

afterAll(async () => {
  await db?.$disconnect();
  await pg?.stop();
});

const post = async (request: Request) => (await ordersRoute({ request, params: {}, context: {} })).status;

function orderBody(i: number): string {
  const base = JSON.parse(exampleBody("orders/create"));
  return JSON.stringify({ ...base, id: 70_000 + i, admin_graphql_api_id: `gid://shopify/Order/${70_000 + i}`, name: `#P${i}`, updated_at: "2026-11-25T10:00:00Z" });
}

describe("the webhook route on PostgreSQL", () => {
  it("GIVEN deliveries posted concurrently, each also redelivered, and one with a bad signature WHEN answered THEN each valid one is stored once, the bad one not at all", async () => {
    const hooks = Array.from({ length: 40 }, (_, i) => ({ topic: "orders/create", shop: SHOP, body: orderBody(i), webhookId: `pg-wh-${i}`, eventId: `pg-ev-${i}` }));
    // Concurrent requests share group-commit batches; a redelivery may land in the same batch as its first copy.
    const statuses = await Promise.all([...hooks, ...hooks].map((h) => post(signedWebhook({ ...h, path: "/webhooks/orders" }))));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await post(signedWebhook({ topic: "orders/create", shop: SHOP, body: orderBody(99), path: "/webhooks/orders", secret: "wrong" }))).toBe(401);
    const stored = await db.webhookDelivery.findMany({ where: { shop: SHOP }, select: { dedupeKey: true, state: true, body: true, triggeredAt: true, receivedAt: true } });
    expect(stored.map((d) => d.dedupeKey).sort()).toEqual(hooks.map((h) => h.eventId).sort());
    expect(stored.every((d) => d.state === "pending" && d.triggeredAt?.toISOString() === "2026-11-25T10:00:00.000Z" && d.receivedAt instanceof Date)).toBe(true);
    expect(JSON.parse(stored[0]!.body).name).toMatch(/^#P\d+$/);

    // A worker on the same database applies them: one order each.
    await createWorker({ db, dialect: "postgres" }).drain();
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(40);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } })).toBe(40);
  });
});

describe("two workers on one PostgreSQL inbox", () => {
  it("GIVEN 300 deliveries WHEN two workers with separate clients drain them at once THEN both take part, none is claimed by both, and each is applied exactly once", async () => {
    const shop = "pg-two.myshopify.com";
    const N = 300;
    for (let start = 0; start < N; start += 50) {
      const statuses = await Promise.all(Array.from({ length: 50 }, (_, k) => post(signedWebhook({ topic: "orders/create", shop, body: orderBody(1_000 + start + k), path: "/webhooks/orders" }))));
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    const clients = [createPrismaClient(process.env.DATABASE_URL!), createPrismaClient(process.env.DATABASE_URL!)];
    const applied = new Map<string, string[]>();
    const inFlight = new Map<string, string>();
    const overlaps: string[] = [];
    const outcomes: string[] = [];
    try {
      const workers = clients.map((client, w) => {
        const name = `w${w}`;
        return createWorker({
          db: client, dialect: "postgres", owner: name, batchSize: 10,
          apply: async (tx, delivery, at) => {
            // A delivery claimed by the other worker at the same time would show up here.
            const other = inFlight.get(delivery.id);
            if (other && other !== name) overlaps.push(delivery.id);
            inFlight.set(delivery.id, name);
            applied.set(delivery.id, [...(applied.get(delivery.id) ?? []), name]);
            const { applyDelivery } = await import("../app/jobs/handlers.server");
            await applyDelivery(tx, delivery, at);
            // Hold the claim a moment so the two workers' batches overlap in time.
            await new Promise((resolve) => setTimeout(resolve, 2));
          },
          afterDelivery: (delivery, outcome) => {
            inFlight.delete(delivery.id);
            outcomes.push(outcome);
          },
        });
      });
      const drained = await Promise.all(workers.map((w) => w.drain()));
      expect(drained[0]! + drained[1]!).toBe(N);
      expect(drained[0]).toBeGreaterThan(0);
      expect(drained[1]).toBeGreaterThan(0);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    expect(overlaps).toEqual([]);
    expect(outcomes.filter((o) => o !== "done")).toEqual([]);
    expect(applied.size).toBe(N);
    expect([...applied.values()].every((by) => by.length === 1)).toBe(true);
    expect(await db.webhookDelivery.count({ where: { shop, state: "done", attempts: 1 } })).toBe(N);
    expect(await db.order.count({ where: { shop } })).toBe(N);
    // One order event per applied delivery: a delivery applied twice would leave two.
    const events = await db.orderEvent.groupBy({ by: ["deliveryId"], where: { shop }, _count: { _all: true } });
    expect(events.length).toBe(N);
    expect(events.every((e) => e._count._all === 1)).toBe(true);
  }, 120_000);
});

describe("a batch applied in one transaction on PostgreSQL", () => {
  it("GIVEN one batch with two versions of one order, an older third version, another shop's order with the same id, an orders/edited and a body that can never apply WHEN drained THEN each delivery has the effect it has alone: newest version kept, one event per applied delivery, the bad one dead-lettered", async () => {
    const shop = "pg-batch.myshopify.com";
    const other = "pg-batch-other.myshopify.com";
    const { insertDeliveries } = await import("../app/jobs/inbox.server");
    const version = (name: string, updatedAt: string) => JSON.stringify({ ...JSON.parse(orderBody(5_000)), name, updated_at: updatedAt });
    const rows: { shop: string; topic: string; body: string }[] = [
      { shop, topic: "orders/create", body: version("#first", "2026-11-25T10:00:00Z") },
      { shop: other, topic: "orders/create", body: version("#other-shop", "2026-11-25T10:00:00Z") },
      { shop, topic: "orders/updated", body: version("#second", "2026-11-25T11:00:00Z") },
      { shop, topic: "orders/updated", body: version("#late-and-older", "2026-11-25T10:30:00Z") },
      { shop, topic: "orders/edited", body: JSON.stringify({ order_edit: { id: 1, order_id: 5_000, committed_at: "2026-11-25T11:05:00Z" } }) },
      { shop, topic: "orders/updated", body: JSON.stringify({ id: 6_000, currency: "USD" }) },
    ];
    const start = Date.parse("2026-11-25T12:00:00Z");
    for (const [i, r] of rows.entries()) {
      await insertDeliveries(db, [{ ...r, dedupeKey: `batch-${i}`, webhookId: `batch-${i}`, apiVersion: "2026-10", triggeredAt: null }], new Date(start + i));
    }
    const outcomes: string[] = [];
    await createWorker({ db, dialect: "postgres", batchSize: 50, afterDelivery: (_, outcome) => void outcomes.push(outcome) }).drain();

    const stored = await db.order.findMany({ where: { shop: { in: [shop, other] } }, select: { shop: true, name: true, shopifyId: true } });
    expect(stored.map((o) => [o.shop, o.name]).sort()).toEqual([[other, "#other-shop"], [shop, "#second"]]);
    const deliveries = await db.webhookDelivery.findMany({ where: { shop: { in: [shop, other] } }, orderBy: { dedupeKey: "asc" }, select: { dedupeKey: true, state: true, lastError: true } });
    expect(deliveries.map((d) => d.state)).toEqual(["done", "done", "done", "done", "done", "dead"]);
    expect(deliveries[5]!.lastError).toMatch(/orders\/updated: .*updated_at/);
    expect(outcomes.sort()).toEqual(["dead", "done", "done", "done", "done", "done"]);
    const events = await db.orderEvent.findMany({ where: { shop: { in: [shop, other] } }, select: { shop: true, topic: true, deliveryId: true } });
    expect(events.length).toBe(5);
    expect(new Set(events.map((e) => e.deliveryId)).size).toBe(5);
    expect(events.filter((e) => e.shop === shop).map((e) => e.topic).sort()).toEqual(["orders/create", "orders/edited", "orders/updated", "orders/updated"]);
  });

  it("GIVEN a batch of new orders WHEN drained THEN it takes about one statement per two deliveries, not eight per delivery", async () => {
    const shop = "pg-batch-count.myshopify.com";
    for (let start = 0; start < 40; start += 20) {
      const statuses = await Promise.all(Array.from({ length: 20 }, (_, k) => post(signedWebhook({ topic: "orders/create", shop, body: orderBody(8_000 + start + k), path: "/webhooks/orders" }))));
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    const client = createPrismaClient(process.env.DATABASE_URL!);
    let statements = 0;
    const counted = client.$extends({ query: { $allOperations: ({ args, query }) => (statements++, query(args)) } }) as unknown as PrismaClient;
    try {
      expect(await createWorker({ db: counted, dialect: "postgres", batchSize: 40 }).drain()).toBe(40);
    } finally {
      await client.$disconnect();
    }
    expect(await db.order.count({ where: { shop } })).toBe(40);
    expect(await db.orderLine.count({ where: { shop } })).toBeGreaterThanOrEqual(40);
    expect(await db.orderEvent.count({ where: { shop } })).toBe(40);
    // The claim; per ten orders the stored ones, orders, lines and shipping lines; the events; the
    // done marks; the empty claim that ends the drain: 20, where one transaction per delivery took about 320.
    expect(statements).toBeGreaterThanOrEqual(10);
    expect(statements).toBeLessThanOrEqual(24);
  });
});
