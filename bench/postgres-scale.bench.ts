import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import autocannon from "autocannon";
import { SignJWT } from "jose";
import { startPostgres, freePort } from "../tests/support/postgres";
import { exampleBody } from "../tests/support/webhooks";
import type { BenchFigures } from "./run";
import { benchCartProducts, cartQuantity } from "./support/route-server";

/**
 * Scale-out on PostgreSQL, through the production server (server.ts on the built app):
 * - webhook throughput end to end (HTTP acknowledged, then applied by the instances' workers),
 *   2,000 orders/create deliveries at 32 connections, with one instance and with two sharing the
 *   database (the ratio shows what a second instance adds on this machine);
 * - CPU time per delivery, split between the app instances, PostgreSQL (its server and backends)
 *   and this process (the load generator): on a machine of a few shared cores the instances can
 *   only scale as far as the cores left to them, and these figures say how far that is (the
 *   CPU-bound ceilings: deliveries per second the cores allow at those costs, one and two instances);
 * - the checkout paths' p99 at 50 requests/s each, idle and while 2,000 webhooks arrive and are
 *   applied on the same instance: the carrier callback (the rate request Shopify sends at
 *   checkout) and the checkout extension's quote (POST /api/checkout-quote with a session token).
 * BORDERLESS_BUILD_DIR reuses a build; otherwise one is made in a scratch directory.
 */
const SECRET = "bench-api-secret";
const API_KEY = "bench-api-key";
const N = 2_000;
const TICKS_PER_S = 100;

/** CPU seconds a process has used, with those of its children it has waited for. */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime, stime, cutime, cstime: fields 14-17 of proc(5), 12-15 after the command name.
    return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** CPU seconds of a PostgreSQL server: the postmaster (with the backends that exited) and its live backends. */
function postgresCpu(port: number): number {
  const procs = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  const stat = (pid: number) => {
    try {
      return { cmd: readFileSync(`/proc/${pid}/cmdline`, "utf8"), ppid: Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]) };
    } catch {
      return null;
    }
  };
  const postmaster = procs.find((pid) => {
    const cmd = stat(pid)?.cmd.split("\0") ?? [];
    return cmd.some((a) => a.endsWith("postgres")) && cmd.includes(String(port));
  });
  if (!postmaster) return 0;
  const backends = procs.filter((pid) => stat(pid)?.ppid === postmaster);
  // A backend that exits in between is counted by the postmaster once reaped.
  return processCpu(postmaster) + backends.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return sum + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    } catch {
      return sum;
    }
  }, 0);
}

const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export default async function (): Promise<BenchFigures> {
  const given = process.env.BORDERLESS_BUILD_DIR;
  mkdirSync(path.join(process.cwd(), ".cache"), { recursive: true });
  const buildDir = given ? path.resolve(given) : mkdtempSync(path.join(process.cwd(), ".cache", "build-bench-"));
  const [pg] = await Promise.all([
    startPostgres(),
    given ? Promise.resolve() : promisify(execFile)("npx", ["remix", "vite:build"], { env: { ...process.env, BORDERLESS_BUILD_DIR: buildDir, NODE_ENV: "production" }, maxBuffer: 64 * 1024 * 1024 }),
  ]);
  const pgPort = Number(new URL(pg.url).port);
  const children: ChildProcess[] = [];
  const load1m = [loadavg()[0]!];
  try {
    const { migrateDatabase } = await import("../app/db/migrate.server");
    const { createPrismaClient } = await import("../app/db.server");
    const one = await pg.createDatabase("one");
    const two = await pg.createDatabase("two");
    const checkoutDb = await pg.createDatabase("checkout");
    for (const url of [one, two, checkoutDb]) await migrateDatabase(url);

    const start = async (url: string) => {
      const port = await freePort();
      const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
        env: {
          ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, BORDERLESS_BUILD_DIR: buildDir, SHOPIFY_API_KEY: API_KEY,
          SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://borderless.test", RATE_LIMIT_WEBHOOK_BURST: "100000", RATE_LIMIT_WEBHOOK_PER_SECOND: "100000",
          RATE_LIMIT_PUBLIC_BURST: "100000", RATE_LIMIT_PUBLIC_PER_SECOND: "100000",
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.push(child);
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 300; i++) {
        if ((await fetch(`${base}/readyz`).then((r) => r.status, () => 0)) === 200) return { base, pid: child.pid! };
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error("server not ready");
    };

    const template = JSON.parse(exampleBody("orders/create"));
    const deliveries = (shop: string) => Array.from({ length: N }, (_, i) => {
      const body = JSON.stringify({ ...template, id: 1_000_000 + i, admin_graphql_api_id: `gid://shopify/Order/${1_000_000 + i}`, name: `#B${i}` });
      return { body, headers: { "Content-Type": "application/json", "X-Shopify-Topic": "orders/create", "X-Shopify-Shop-Domain": shop, "X-Shopify-API-Version": "2026-10", "X-Shopify-Webhook-Id": randomUUID(), "X-Shopify-Event-Id": randomUUID(), "X-Shopify-Triggered-At": new Date().toISOString(), "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64") } };
    });
    /**
     * Sends every delivery over 32 connections round-robin over the instances, then waits until all
     * are applied; CPU milliseconds per delivery of the instances, PostgreSQL and this process.
     */
    const load = async (url: string, instances: { base: string; pid: number }[], shop: string) => {
      const db = createPrismaClient(url);
      const list = deliveries(shop);
      let next = 0;
      let failed = 0;
      const cpuBefore = { app: instances.map((i) => processCpu(i.pid)), pg: postgresCpu(pgPort), own: ownCpu() };
      const started = performance.now();
      await Promise.all(Array.from({ length: 32 }, async (_, c) => {
        for (let i = next++; i < list.length; i = next++) {
          const d = list[i]!;
          const res = await fetch(`${instances[(i + c) % instances.length]!.base}/webhooks/orders`, { method: "POST", body: d.body, headers: d.headers });
          await res.arrayBuffer();
          if (res.status !== 200) failed++;
        }
      }));
      const acknowledged = performance.now() - started;
      while ((await db.webhookDelivery.count({ where: { shop, state: "done" } })) < N - failed) await new Promise((r) => setTimeout(r, 50));
      const applied = performance.now() - started;
      const perDelivery = (seconds: number) => Math.round((seconds * 1000 / N) * 100) / 100;
      const appCpu = instances.map((i, k) => processCpu(i.pid) - cpuBefore.app[k]!);
      load1m.push(loadavg()[0]!);
      await db.$disconnect();
      return {
        failed, ack_per_s: Math.round((N / acknowledged) * 1000), applied_per_s: Math.round(((N - failed) / applied) * 1000),
        app_cpu_ms: perDelivery(appCpu.reduce((a, b) => a + b, 0)), app_cores: Math.round((appCpu.reduce((a, b) => a + b, 0) / (applied / 1000)) * 100) / 100,
        pg_cpu_ms: perDelivery(postgresCpu(pgPort) - cpuBefore.pg), loadgen_cpu_ms: perDelivery(ownCpu() - cpuBefore.own),
      };
    };

    const single = await load(one, [await start(one)], "bench-one.myshopify.com");
    const pair = await load(two, await Promise.all([start(two), start(two)]), "bench-two.myshopify.com");
    for (const c of children.splice(0)) c.kill("SIGTERM");

    // The checkout paths, idle and under webhook load on the same instance: the demo shop with the
    // emulator's catalogue synced (customs data for the quote), sample rate cards and carrier settings.
    const { startEmulator } = await import("../emulator/server");
    const { DEMO_SHOP } = await import("../emulator/seed");
    const { setUpCarrierShop } = await import("../tests/support/carrier-shop");
    const emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
    const db = createPrismaClient(checkoutDb);
    await db.shop.create({ data: { domain: DEMO_SHOP, countryCode: "US", currency: "USD" } });
    await setUpCarrierShop(db, DEMO_SHOP, emulator.url);
    await emulator.close();
    const cart = await benchCartProducts(db, DEMO_SHOP);
    await db.$disconnect();
    const instance = await start(checkoutDb);
    const { carrierCallbackUrl } = await import("../app/integrations/shopify/carrier-service.server");
    const callback = carrierCallbackUrl(instance.base, DEMO_SHOP, SECRET);
    const rateBody = JSON.stringify({ rate: { origin: { country: "US", postal_code: "07094", province: "NJ", city: "Secaucus", address1: "600 Meadowlands Pkwy" }, destination: { country: "DE", postal_code: "10115", city: "Berlin", address1: "Invalidenstraße 1" }, items: [{ name: "Sweater", sku: "SW-1", quantity: 1, grams: 400, price: 12800, vendor: "x", requires_shipping: true, taxable: true, fulfillment_service: "manual", product_id: 1, variant_id: 1 }], currency: "USD", locale: "en" } });
    const check = await fetch(callback, { method: "POST", body: rateBody, headers: { "Content-Type": "application/json" } });
    const rates = ((await check.json()) as { rates?: unknown[] }).rates?.length ?? 0;

    // The extension's request: a 5-item cart to London, with a checkout session token as Shopify signs it.
    const quoteUrl = `${instance.base}/api/checkout-quote`;
    const quoteBody = JSON.stringify({
      currency: "GBP",
      destination: { countryCode: "GB", provinceCode: null, zip: "EC1A 1BB" },
      lines: cart.map((p, i) => ({ variantId: `gid://shopify/ProductVariant/${p.variantId}`, quantity: cartQuantity(i), total: [120, 135, 92, 26, 110][i]! * cartQuantity(i) })),
      option: { code: "ups-08", title: null, cost: null },
    });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ dest: `https://${DEMO_SHOP}`, sid: randomUUID() })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(`https://${DEMO_SHOP}/admin`).setAudience(API_KEY).setSubject("gid://shopify/Customer/1")
      .setIssuedAt(now).setNotBefore(now - 5).setExpirationTime(now + 900).setJti(randomUUID())
      .sign(new TextEncoder().encode(SECRET));
    const quoteHeaders = { "content-type": "application/json", authorization: `Bearer ${token}`, origin: "https://checkout.shopify.test", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" };
    const quoted = await fetch(quoteUrl, { method: "POST", body: quoteBody, headers: quoteHeaders });
    if (!quoted.ok) throw new Error(`checkout quote answered ${quoted.status}: ${await quoted.text()}`);
    const services = ((await quoted.json()) as { options?: unknown[] }).options?.length ?? 0;

    // Each path at 50 requests/s over 4 connections, as in the route benches: autocannon starts its
    // connections together and paces each on its own timer, so N connections send bursts of N.
    const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
    const carrier = (seconds: number) => autocannon({ url: callback, method: "POST", body: rateBody, headers: { "content-type": "application/json" }, connections, duration: seconds, overallRate: 50 });
    const checkout = (seconds: number) => autocannon({ url: quoteUrl, method: "POST", body: quoteBody, headers: quoteHeaders, connections, duration: seconds, overallRate: 50 });
    await Promise.all([carrier(6), checkout(6)]);
    const [carrierIdle, checkoutIdle] = await Promise.all([carrier(8), checkout(8)]);
    const [carrierBusy, checkoutBusy, webhooks] = await Promise.all([carrier(8), checkout(8), load(checkoutDb, [instance], "bench-busy.myshopify.com")]);
    load1m.push(loadavg()[0]!);
    const ms = (x: number) => Math.round(x * 100) / 100;
    // What the machine's cores allow at the measured CPU costs, were nothing else running: an
    // instance's JavaScript runs on one core at most, and the instances, PostgreSQL and the load
    // generator share the cores. The measured ratio can be read against the ratio of these ceilings.
    const cores = availableParallelism();
    const ceiling = (r: typeof single, instances: number) => Math.min((instances * 1000) / r.app_cpu_ms, (cores * 1000) / (r.app_cpu_ms + r.pg_cpu_ms + r.loadgen_cpu_ms));
    return {
      deliveries: N,
      one_instance_ack_per_s: single.ack_per_s,
      one_instance_applied_per_s: single.applied_per_s,
      two_instances_ack_per_s: pair.ack_per_s,
      two_instances_applied_per_s: pair.applied_per_s,
      applied_two_over_one_ratio: ms(pair.applied_per_s / single.applied_per_s),
      one_instance_app_cpu_ms_per_delivery: single.app_cpu_ms,
      two_instances_app_cpu_ms_per_delivery: pair.app_cpu_ms,
      one_instance_app_cores_busy: single.app_cores,
      two_instances_app_cores_busy: pair.app_cores,
      one_instance_postgres_cpu_ms_per_delivery: single.pg_cpu_ms,
      two_instances_postgres_cpu_ms_per_delivery: pair.pg_cpu_ms,
      one_instance_loadgen_cpu_ms_per_delivery: single.loadgen_cpu_ms,
      two_instances_loadgen_cpu_ms_per_delivery: pair.loadgen_cpu_ms,
      machine_cores: cores,
      one_instance_cpu_bound_ceiling_per_s: Math.round(ceiling(single, 1)),
      two_instances_cpu_bound_ceiling_per_s: Math.round(ceiling(pair, 2)),
      ceiling_two_over_one_ratio: ms(ceiling(pair, 2) / ceiling(single, 1)),
      webhook_failures: single.failed + pair.failed + webhooks.failed,
      carrier_rates_returned: rates,
      carrier_idle_p99_ms: carrierIdle.latency.p99,
      carrier_under_webhooks_p99_ms: carrierBusy.latency.p99,
      carrier_under_webhooks_non_2xx: carrierBusy.non2xx + carrierBusy.errors + carrierBusy.timeouts,
      checkout_connections_per_path: connections,
      checkout_quote_services: services,
      checkout_quote_idle_p99_ms: checkoutIdle.latency.p99,
      checkout_quote_under_webhooks_p99_ms: checkoutBusy.latency.p99,
      checkout_quote_under_webhooks_non_2xx: checkoutBusy.non2xx + checkoutBusy.errors + checkoutBusy.timeouts + checkoutIdle.non2xx + checkoutIdle.errors,
      webhooks_applied_during_checkout_load_per_s: webhooks.applied_per_s,
      load_average_1m: load1m.map((l) => l.toFixed(2)).join(" "),
    };
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await pg.stop();
    if (!given) rmSync(buildDir, { recursive: true, force: true });
  }
}
