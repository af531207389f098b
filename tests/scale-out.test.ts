import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { startPostgres, type RunningPostgres } from "./support/postgres";
import { buildApp, startAppServer, type AppServer } from "./support/app-server";
import { exampleBody, signedWebhook } from "./support/webhooks";

/**
 * Scale-out as deployed: the production server (server.ts on the built app) twice, on one
 * PostgreSQL database, behind no shared memory. One instance is killed with SIGKILL in the middle
 * of a webhook load (its answered deliveries sit in the inbox, some claimed by its dead worker);
 * the sender keeps going against the survivor and redelivers what got no answer, as Shopify does.
 */
const SHOP = "scale-out.myshopify.com";

let pg: RunningPostgres;
let build: { dir: string; remove(): void };
let url: string;
let db: PrismaClient;
const servers: AppServer[] = [];

beforeAll(async () => {
  const [running, built] = await Promise.all([startPostgres(), buildApp()]);
  pg = running;
  build = built;
  url = await pg.createDatabase("scaleout");
  const { migrateDatabase } = await import("../app/db/migrate.server");
  await migrateDatabase(url);
  const { createPrismaClient } = await import("../app/db.server");
  db = createPrismaClient(url);
});

afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.kill("SIGKILL");
  await db?.$disconnect();
  await pg?.stop();
  build?.remove();
});

function orderBody(i: number): string {
  const base = JSON.parse(exampleBody("orders/create"));
  return JSON.stringify({ ...base, id: 90_000 + i, admin_graphql_api_id: `gid://shopify/Order/${90_000 + i}`, name: `#S${i}`, updated_at: "2026-11-25T10:00:00Z" });
}

interface Delivery {
  body: string;
  webhookId: string;
  eventId: string;
}

/** Posts one delivery over HTTP, with the headers Shopify signs it with; the status, or 0 when the connection failed. */
async function deliver(base: string, d: Delivery, shop = SHOP): Promise<number> {
  const request = signedWebhook({ topic: "orders/create", shop, body: d.body, path: "/webhooks/orders", webhookId: d.webhookId, eventId: d.eventId });
  try {
    const res = await fetch(`${base}/webhooks/orders`, { method: "POST", headers: request.headers, body: d.body, signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return true;
}

describe("two production instances on one PostgreSQL database", () => {
  it("GIVEN a webhook load spread over two instances WHEN one is killed with SIGKILL mid-run and the sender keeps going against the survivor THEN every delivery is applied exactly once (one order and one order event each)", async () => {
    const env = { WORKER_LEASE_MS: "3000" };
    const [a, b] = await Promise.all([startAppServer({ buildDir: build.dir, databaseUrl: url, env }), startAppServer({ buildDir: build.dir, databaseUrl: url, env })]);
    servers.push(a!, b!);
    const N = 400;
    const deliveries: Delivery[] = Array.from({ length: N }, (_, i) => ({ body: orderBody(i), webhookId: `so-wh-${i}`, eventId: `so-ev-${i}` }));
    const answeredBy = new Map<number, "a" | "b">();
    const redelivered: number[] = [];
    let killed = false;
    let next = 0;

    const sender = async () => {
      for (;;) {
        const i = next++;
        if (i >= N) return;
        // Kill instance A once 40% of the load is out, while its worker is still applying.
        if (i === Math.floor(N * 0.4) && !killed) {
          killed = true;
          a!.kill("SIGKILL");
        }
        const target = !killed && i % 2 === 0 ? "a" : "b";
        let status = await deliver(target === "a" ? a!.url : b!.url, deliveries[i]!);
        if (status === 200) {
          answeredBy.set(i, target);
          continue;
        }
        // No answer (A died holding the connection) or a refusal: Shopify redelivers, same ids.
        redelivered.push(i);
        status = await deliver(b!.url, deliveries[i]!);
        expect(status).toBe(200);
        answeredBy.set(i, "b");
      }
    };
    await Promise.all(Array.from({ length: 12 }, sender));
    expect(await a!.exited).toBeNull(); // killed by a signal, not exited
    expect(a!.child.signalCode).toBe("SIGKILL");
    expect(answeredBy.size).toBe(N);
    expect([...answeredBy.values()].filter((t) => t === "a").length).toBeGreaterThan(50);

    // The survivor's worker takes over A's claims once their leases lapse, and applies the rest.
    const settled = await waitFor(async () => (await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } })) === N, 40_000);
    const states = await db.webhookDelivery.groupBy({ by: ["state"], where: { shop: SHOP }, _count: { _all: true } });
    expect(settled, JSON.stringify(states)).toBe(true);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(N);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(N);
    const orderIds = (await db.order.findMany({ where: { shop: SHOP }, select: { name: true } })).map((o) => o.name).sort();
    expect(orderIds).toEqual(deliveries.map((_, i) => `#S${i}`).sort());
    // One order event per delivery: a delivery applied twice (by A before it died and again by B) would leave two.
    const events = await db.orderEvent.groupBy({ by: ["deliveryId"], where: { shop: SHOP }, _count: { _all: true } });
    expect(events.length).toBe(N);
    expect(events.every((e) => e._count._all === 1)).toBe(true);
    expect(b!.output()).not.toMatch(/"level":"error"/);
  }, 120_000);

  it("GIVEN requests in flight WHEN the instance gets SIGTERM THEN it answers what it accepted, finishes the worker's batch and exits 0; its log lines are JSON with a request id and the shop", async () => {
    const c = await startAppServer({ buildDir: build.dir, databaseUrl: url, env: { WORKER_LEASE_MS: "3000" } });
    servers.push(c);
    const health = await fetch(`${c.url}/healthz`);
    expect(health.status).toBe(200);
    const shop = "graceful.myshopify.com";
    const deliveries: Delivery[] = Array.from({ length: 60 }, (_, i) => ({ body: orderBody(10_000 + i), webhookId: `gr-wh-${i}`, eventId: `gr-ev-${i}` }));
    const inFlight = deliveries.map((d) => deliver(c.url, d, shop));
    // Let the requests reach the server, then ask it to stop.
    await new Promise((r) => setTimeout(r, 30));
    c.kill("SIGTERM");
    const statuses = await Promise.all(inFlight);
    const accepted = statuses.filter((s) => s === 200).length;
    // Whatever it accepted was answered 200; nothing accepted was dropped with a 5xx.
    expect(statuses.every((s) => s === 200 || s === 0)).toBe(true);
    expect(accepted).toBeGreaterThan(0);
    expect(await c.exited).toBe(0);
    expect(c.output()).toMatch(/"msg":"stopped","timedOut":false/);
    // Answered deliveries are durable in the inbox; another instance's worker applies any left pending.
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(accepted);
    const lines = c.output().split("\n").filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.shop).toBe(shop);
      expect(line.path).toBe("/webhooks/orders");
    }
  }, 60_000);

  it("GIVEN a database without migrations WHEN an instance starts THEN /healthz is 200 and /readyz is 503 naming what is missing", async () => {
    const bare = await pg.createDatabase("bare");
    const port = await import("./support/postgres").then((m) => m.freePort());
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: bare, BORDERLESS_BUILD_DIR: build.dir, BORDERLESS_WORKER: "0", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://borderless.test" },
      stdio: "ignore",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(await waitFor(() => fetch(`${base}/healthz`).then((r) => r.ok, () => false), 30_000)).toBe(true);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).reason).toMatch(/database|migrations not applied/);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);

  it("GIVEN a small public limit WHEN one client floods the tracking page THEN 429 with Retry-After once its burst is spent, while another client (X-Forwarded-For behind the load balancer) and the health checks still pass", async () => {
    const d = await startAppServer({ buildDir: build.dir, databaseUrl: url, env: { BORDERLESS_WORKER: "0", TRUST_PROXY: "1", RATE_LIMIT_PUBLIC_BURST: "5", RATE_LIMIT_PUBLIC_PER_SECOND: "0.2" } });
    servers.push(d);
    try {
      const hit = (ip: string) => fetch(`${d.url}/track/not-a-token`, { headers: { "X-Forwarded-For": ip } });
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 8; i++) {
        const res = await hit("198.51.100.1");
        statuses.push(res.status);
        if (res.status === 429) limited = res;
        else await res.arrayBuffer();
      }
      expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(limited!.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      expect((await hit("198.51.100.2")).status).toBe(404);
      expect((await fetch(`${d.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${d.url}/readyz`)).status).toBe(200);
    } finally {
      d.kill("SIGKILL");
    }
  }, 60_000);
});
