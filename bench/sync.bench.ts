import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { loadavg } from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import path from "node:path";
import type { BenchFigures } from "./run";

const SECRET = "bench-api-secret";
const SHOP = "borderless-demo.myshopify.com";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Order sync figures. (1) Webhook acknowledgement: a real HTTP server in front of the orders
 * webhook route (HMAC check + inbox insert on SQLite), driven by autocannon at a steady rate, each
 * request a distinct delivery; afterwards the inbox must hold exactly one row per 2xx answer.
 * (2) Backfill of 100,000 orders from the emulator's bulk operation: time and the app process's
 * RSS at start, peak and end, and its live heap at each quarter (the emulator runs in a child process, so its copy of the store is not counted).
 * The 1-minute load average before each part says how busy the machine was.
 */
export default async function (): Promise<BenchFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "borderless-bench-sync-"));
  process.env.SHOPIFY_API_KEY = "bench-api-key";
  process.env.SHOPIFY_API_SECRET = SECRET;
  process.env.SHOPIFY_APP_URL = "https://borderless.bench";
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
  process.env.NODE_ENV = "test";
  const { migrateDatabase } = await import("../app/db/migrate.server");
  await migrateDatabase(process.env.DATABASE_URL);
  const { default: db } = await import("../app/db.server");
  const { action } = await import("../app/routes/webhooks.orders");
  try {
    const load_before_webhooks = Number(loadavg()[0]!.toFixed(1));
    const verify = await verificationCost();
    const ack = await acknowledgement(db, action);
    const load_before_backfill = Number(loadavg()[0]!.toFixed(1));
    const backfill = await backfill100k(db);
    return { cpus: (await import("node:os")).cpus().length, load_before_webhooks, ...verify, ...ack, load_before_backfill, ...backfill };
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What checking one delivery costs: `authenticate.webhook` (HMAC, headers, and a read of the
 * shop's offline session from the database) against the route's `verifyWebhook` (HMAC and headers).
 */
async function verificationCost(): Promise<BenchFigures> {
  const { authenticate, verifyWebhook } = await import("../app/shopify.server");
  const { default: db } = await import("../app/db.server");
  const { exampleBodyText } = await import("./support-example");
  const body = exampleBodyText();
  const hmac = createHmac("sha256", SECRET).update(body).digest("base64");
  await db.session.upsert({ where: { id: `offline_${SHOP}` }, create: { id: `offline_${SHOP}`, shop: SHOP, state: "x", isOnline: false, accessToken: "t" }, update: {} });
  const request = () => new Request("https://borderless.bench/webhooks/orders", {
    method: "POST", body,
    headers: { "content-type": "application/json", "x-shopify-topic": "orders/create", "x-shopify-shop-domain": SHOP, "x-shopify-api-version": "2026-10", "x-shopify-hmac-sha256": hmac, "x-shopify-webhook-id": randomUUID() },
  });
  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await fn();
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) await fn();
    return Number(((performance.now() - started) / 2_000).toFixed(3));
  };
  const authenticate_webhook_ms = await time(() => authenticate.webhook(request()));
  const verify_webhook_ms = await time(async () => {
    const r = request();
    await verifyWebhook(await r.text(), r);
  });
  await db.session.delete({ where: { id: `offline_${SHOP}` } });
  return { authenticate_webhook_ms, verify_webhook_ms };
}

interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  max: number;
}

const ORDER_ID_MARK = "987654321987654";

async function acknowledgement(db: import("@prisma/client").PrismaClient, action: (args: { request: Request; params: {}; context: {} }) => Promise<Response>): Promise<BenchFigures> {
  const { exampleBodyText } = await import("./support-example");
  const { createWorker } = await import("../app/jobs/worker.server");
  // Shopify's example order, its id replaced per delivery so the worker applies distinct orders.
  const example = JSON.parse(exampleBodyText()) as Record<string, unknown>;
  const body = JSON.stringify({ ...example, id: Number(ORDER_ID_MARK), admin_graphql_api_id: `gid://shopify/Order/${ORDER_ID_MARK}` });
  const server = createServer(async (req, res) => {
    const request = new Request(`https://borderless.bench${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: new Uint8Array(await readBody(req)) });
    try {
      const response = await action({ request, params: {}, context: {} });
      res.writeHead(response.status);
      res.end(await response.text());
    } catch (error) {
      res.writeHead(error instanceof Response ? error.status : 500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/orders`;
  const headers = {
    "content-type": "application/json", "x-shopify-topic": "orders/create", "x-shopify-shop-domain": SHOP, "x-shopify-api-version": "2026-10",
    "x-shopify-triggered-at": new Date().toISOString(),
  };
  const rate = Number(process.env.BENCH_WEBHOOK_RATE ?? 500);
  const seconds = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);
  let firstOrderId = 1;
  // The load generator runs in its own process (on the other core), as Shopify's senders do: in
  // this one it would take the server's event loop for its own work and add that to every latency.
  const run = async (overallRate: number | undefined, duration: number): Promise<LoadResult> => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/webhook-load.ts"], { stdio: ["pipe", "pipe", "inherit"] });
    const output = new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the load generator exited (${code}) without figures`)));
      createInterface({ input: child.stdout! }).once("line", resolve);
    });
    child.stdin!.end(`${JSON.stringify({ url, body, secret: SECRET, orderIdMark: ORDER_ID_MARK, firstOrderId, headers, overallRate, seconds: duration })}\n`);
    firstOrderId += 1_000_000;
    return JSON.parse(await output) as LoadResult;
  };
  const inbox = () => db.webhookDelivery.count();
  await run(undefined, 2); // warm-up
  await db.webhookDelivery.deleteMany({});
  const cpuBefore = process.cpuUsage();
  const steady = await run(rate, seconds);
  const cpu = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => setTimeout(resolve, 500)); // let answers in flight land
  const stored = await inbox();
  const max = await run(undefined, 5);

  // The same steady load with the worker applying deliveries in this process, as the app runs.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await db.webhookDelivery.deleteMany({});
  const worker = createWorker({ db, dialect: "sqlite", idleMs: 50 });
  worker.start();
  const withWorker = await run(rate, seconds);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const storedWithWorker = await inbox();
  const appliedWhileSending = await db.webhookDelivery.count({ where: { state: "done" } });
  await worker.stop();
  const failed = await db.webhookDelivery.count({ where: { state: { in: ["dead"] } } });
  server.close();
  return {
    webhook_steady_target_per_s: rate,
    webhook_steady_acked_per_s: Math.round(steady.ok / seconds),
    webhook_steady_p99_ms: steady.p99,
    webhook_steady_p50_ms: steady.p50,
    // The server process's CPU time per acknowledged delivery: what the load average cannot blur.
    webhook_steady_cpu_ms_per_ack: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, steady.ok)).toFixed(3)),
    webhook_steady_non2xx: steady.non2xx + steady.errors + steady.timeouts,
    webhook_max_acked_per_s: Math.round(max.ok / 5),
    webhook_max_p99_ms: max.p99,
    webhook_acked: steady.ok,
    // Answers still in flight when the generator stops are stored but not counted as acknowledged.
    webhook_lost: Math.max(0, steady.ok - stored),
    webhook_with_worker_acked_per_s: Math.round(withWorker.ok / seconds),
    webhook_with_worker_p99_ms: withWorker.p99,
    webhook_with_worker_p50_ms: withWorker.p50,
    webhook_with_worker_non2xx: withWorker.non2xx + withWorker.errors + withWorker.timeouts,
    webhook_with_worker_lost: Math.max(0, withWorker.ok - storedWithWorker),
    webhook_worker_applied_per_s: Math.round(appliedWhileSending / (seconds + 0.5)),
    webhook_worker_dead: failed,
  };
}

/** A full garbage collection, without starting Node with --expose-gc. */
function forceGc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

async function backfill100k(db: import("@prisma/client").PrismaClient): Promise<BenchFigures> {
  const { DEMO_ACCESS_TOKEN } = await import("../emulator/seed");
  const { requestBackfill, runBackfills } = await import("../app/jobs/backfill.server");
  const { backfillDeps } = await import("../app/jobs/runtime.server");
  const orders = Number(process.env.BENCH_BACKFILL_ORDERS ?? 100_000);
  const child = spawn(process.execPath, ["--import", "tsx", "bench/sync-emulator.ts"], { env: { ...process.env, BENCH_BACKFILL_ORDERS: String(orders) }, stdio: ["pipe", "pipe", "inherit"] });
  try {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const ready = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the emulator process exited (${code}) before it was ready`)));
      void lines.next().then((r) => resolve(r.value as string));
    });
    const emulatorCpu = async () => {
      child.stdin!.write("cpu\n");
      return (JSON.parse((await lines.next()).value as string) as { cpu_s: number }).cpu_s;
    };
    const emulatorUrl = (JSON.parse(ready) as { url: string }).url;
    await db.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "x", isOnline: false, accessToken: DEMO_ACCESS_TOKEN } });
    const deps = { ...backfillDeps(db, { apiVersion: "2026-10", emulatorUrl }), pollMs: 100 };
    const mb = (bytes: number) => Math.round(bytes / 1_048_576);
    // The live heap: used heap right after a full collection (garbage not yet collected says
    // nothing about what the import keeps). Four collections of a ~100 MB heap cost well under 1 s.
    const liveHeap = () => {
      forceGc();
      return mb(process.memoryUsage().heapUsed);
    };
    const heapAtStart = liveHeap();
    const rssAtStart = process.memoryUsage().rss;
    let peak = rssAtStart;
    let heapPeak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.rss);
      heapPeak = Math.max(heapPeak, usage.heapUsed);
    }, 50);
    const { id } = await requestBackfill(db, SHOP);
    const started = performance.now();
    let importStarted = 0;
    // RSS and live heap as the import passes each quarter of the orders: flat memory shows as flat numbers.
    const rssByQuarter: number[] = [];
    const heapByQuarter: number[] = [];
    let sampling = false;
    const timer = setInterval(async () => {
      if (sampling) return;
      sampling = true;
      const state = await db.backfillRun.findUnique({ where: { id }, select: { status: true, ordersImported: true } });
      if (!importStarted && state?.status === "importing") importStarted = performance.now();
      while (state && rssByQuarter.length < 3 && state.ordersImported >= (orders * (rssByQuarter.length + 1)) / 4) {
        rssByQuarter.push(mb(process.memoryUsage().rss));
        heapByQuarter.push(liveHeap());
      }
      sampling = false;
    }, 50);
    const cpuBefore = process.cpuUsage();
    const emulatorCpuBefore = await emulatorCpu();
    await runBackfills({ db, owner: "bench", leaseMs: 120_000, now: () => new Date(), deps, isRunning: () => true });
    const finished = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const emulatorCpuSpent = (await emulatorCpu()) - emulatorCpuBefore;
    clearInterval(sampler);
    clearInterval(timer);
    const rssAtEnd = process.memoryUsage().rss;
    const heapAtEnd = liveHeap();
    const run = await db.backfillRun.findUniqueOrThrow({ where: { id } });
    return {
      backfill_orders: run.ordersImported,
      backfill_status: run.status,
      backfill_error: run.error,
      // From the bulk operation's start to the last batch written (the emulator running the query
      // in its own process included), and the import alone (download, parse, write).
      backfill_total_s: Number(((finished - started) / 1000).toFixed(2)),
      backfill_import_s: importStarted ? Number(((finished - importStarted) / 1000).toFixed(2)) : null,
      // CPU time, which the load average does not change: the app's, and the emulator's (running the
      // bulk query, serving the file) standing in for Shopify's.
      backfill_app_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      backfill_emulator_cpu_s: Number(emulatorCpuSpent.toFixed(2)),
      backfill_orders_per_s: Math.round(run.ordersImported / ((finished - started) / 1000)),
      backfill_rows_written: (await db.orderLine.count()) + (await db.order.count()) + (await db.fulfillmentOrder.count()) + (await db.fulfillmentOrderLine.count()) + (await db.orderShippingLine.count()),
      backfill_app_rss_start_mb: mb(rssAtStart),
      backfill_app_rss_peak_mb: mb(peak),
      backfill_app_rss_end_mb: mb(rssAtEnd),
      backfill_app_rss_mb_at_25_50_75_pct: rssByQuarter.join("/"),
      // The JavaScript heap: live (after a full collection) at start, each quarter and end, and
      // the most it held, garbage included, between collections.
      backfill_app_live_heap_mb_at_0_25_50_75_100_pct: [heapAtStart, ...heapByQuarter, heapAtEnd].join("/"),
      backfill_app_heap_used_peak_mb: mb(heapPeak),
    };
  } finally {
    child.stdin!.end();
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  }
}
