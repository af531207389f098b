import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import autocannon from "autocannon";
import { startPostgres, freePort } from "../tests/support/postgres";
import { exampleBody } from "../tests/support/webhooks";
import type { BenchFigures } from "./run";

/**
 * Scale-out on PostgreSQL, through the production server (server.ts on the built app):
 * - webhook throughput end to end (HTTP acknowledged, then applied by the instances' workers),
 *   2,000 orders/create deliveries at 32 connections, with one instance and with two sharing the
 *   database (the ratio shows what a second instance adds on this machine);
 * - the carrier callback (the rate request Shopify sends at checkout) p99 at 50 requests/s, idle
 *   and while 2,000 webhooks arrive and are applied on the same instance.
 * BORDERLESS_BUILD_DIR reuses a build; otherwise one is made in a scratch directory.
 */
const SECRET = "bench-api-secret";
const N = 2_000;

export default async function (): Promise<BenchFigures> {
  const given = process.env.BORDERLESS_BUILD_DIR;
  mkdirSync(path.join(process.cwd(), ".cache"), { recursive: true });
  const buildDir = given ? path.resolve(given) : mkdtempSync(path.join(process.cwd(), ".cache", "build-bench-"));
  const [pg] = await Promise.all([
    startPostgres(),
    given ? Promise.resolve() : promisify(execFile)("npx", ["remix", "vite:build"], { env: { ...process.env, BORDERLESS_BUILD_DIR: buildDir, NODE_ENV: "production" }, maxBuffer: 64 * 1024 * 1024 }),
  ]);
  const children: ChildProcess[] = [];
  try {
    const { migrateDatabase } = await import("../app/db/migrate.server");
    const { createPrismaClient } = await import("../app/db.server");
    const one = await pg.createDatabase("one");
    const two = await pg.createDatabase("two");
    const carrierDb = await pg.createDatabase("carrier");
    for (const url of [one, two, carrierDb]) await migrateDatabase(url);

    const start = async (url: string) => {
      const port = await freePort();
      const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
        env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, BORDERLESS_BUILD_DIR: buildDir, SHOPIFY_API_KEY: "bench-api-key", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://borderless.test", RATE_LIMIT_WEBHOOK_BURST: "100000", RATE_LIMIT_WEBHOOK_PER_SECOND: "100000" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.push(child);
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 300; i++) {
        if ((await fetch(`${base}/readyz`).then((r) => r.status, () => 0)) === 200) return base;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error("server not ready");
    };

    const template = JSON.parse(exampleBody("orders/create"));
    const deliveries = (shop: string) => Array.from({ length: N }, (_, i) => {
      const body = JSON.stringify({ ...template, id: 1_000_000 + i, admin_graphql_api_id: `gid://shopify/Order/${1_000_000 + i}`, name: `#B${i}` });
      return { body, headers: { "Content-Type": "application/json", "X-Shopify-Topic": "orders/create", "X-Shopify-Shop-Domain": shop, "X-Shopify-API-Version": "2026-10", "X-Shopify-Webhook-Id": randomUUID(), "X-Shopify-Event-Id": randomUUID(), "X-Shopify-Triggered-At": new Date().toISOString(), "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64") } };
    });
    /** Sends every delivery over `connections` connections round-robin over `bases`, then waits until all are applied. */
    const load = async (url: string, bases: string[], shop: string) => {
      const db = createPrismaClient(url);
      const list = deliveries(shop);
      let next = 0;
      let failed = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: 32 }, async (_, c) => {
        for (let i = next++; i < list.length; i = next++) {
          const d = list[i]!;
          const res = await fetch(`${bases[(i + c) % bases.length]}/webhooks/orders`, { method: "POST", body: d.body, headers: d.headers });
          await res.arrayBuffer();
          if (res.status !== 200) failed++;
        }
      }));
      const acknowledged = performance.now() - started;
      while ((await db.webhookDelivery.count({ where: { shop, state: "done" } })) < N - failed) await new Promise((r) => setTimeout(r, 50));
      const applied = performance.now() - started;
      await db.$disconnect();
      return { failed, ack_per_s: Math.round((N / acknowledged) * 1000), applied_per_s: Math.round(((N - failed) / applied) * 1000) };
    };

    const single = await load(one, [await start(one)], "bench-one.myshopify.com");
    const pair = await load(two, await Promise.all([start(two), start(two)]), "bench-two.myshopify.com");
    for (const c of children.splice(0)) c.kill("SIGTERM");

    // The carrier callback, idle and under webhook load on the same instance.
    const shop = "bench-carrier.myshopify.com";
    const db = createPrismaClient(carrierDb);
    const { setUpCarrierShop } = await import("../tests/support/carrier-shop");
    await setUpCarrierShop(db, shop, null);
    await db.$disconnect();
    const base = await start(carrierDb);
    const { carrierCallbackUrl } = await import("../app/integrations/shopify/carrier-service.server");
    const callback = carrierCallbackUrl(base, shop, SECRET);
    const rateBody = JSON.stringify({ rate: { origin: { country: "US", postal_code: "07094", province: "NJ", city: "Secaucus", address1: "600 Meadowlands Pkwy" }, destination: { country: "DE", postal_code: "10115", city: "Berlin", address1: "Invalidenstraße 1" }, items: [{ name: "Sweater", sku: "SW-1", quantity: 1, grams: 400, price: 12800, vendor: "x", requires_shipping: true, taxable: true, fulfillment_service: "manual", product_id: 1, variant_id: 1 }], currency: "USD", locale: "en" } });
    const check = await fetch(callback, { method: "POST", body: rateBody, headers: { "Content-Type": "application/json" } });
    const rates = ((await check.json()) as { rates?: unknown[] }).rates?.length ?? 0;
    const quote = (seconds: number) => autocannon({ url: callback, method: "POST", body: rateBody, headers: { "content-type": "application/json" }, connections: 10, duration: seconds, overallRate: 50 });
    await quote(2);
    const idle = await quote(8);
    const [busy, webhooks] = await Promise.all([quote(8), load(carrierDb, [base], "bench-busy.myshopify.com")]);
    return {
      deliveries: N,
      one_instance_ack_per_s: single.ack_per_s,
      one_instance_applied_per_s: single.applied_per_s,
      two_instances_ack_per_s: pair.ack_per_s,
      two_instances_applied_per_s: pair.applied_per_s,
      applied_two_over_one_ratio: Math.round((pair.applied_per_s / single.applied_per_s) * 100) / 100,
      webhook_failures: single.failed + pair.failed + webhooks.failed,
      carrier_rates_returned: rates,
      carrier_idle_p99_ms: idle.latency.p99,
      carrier_under_webhooks_p99_ms: busy.latency.p99,
      carrier_under_webhooks_non_2xx: busy.non2xx + busy.errors + busy.timeouts,
      webhooks_applied_during_quotes_per_s: webhooks.applied_per_s,
    };
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await pg.stop();
    if (!given) rmSync(buildDir, { recursive: true, force: true });
  }
}
