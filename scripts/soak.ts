/**
 * `npx tsx scripts/soak.ts`: a bounded soak of the production server on loopback. Starts
 * PostgreSQL (from npm), one instance of server.ts on the built app, and for SOAK_SECONDS
 * (default 600) sends a steady mix: signed orders/create webhooks (applied by the worker), carrier
 * rate callbacks, tracking page look-ups and health checks. Every 5 s it samples the server's
 * resident memory and, through the inspector on a loopback port, its JS heap right after a full
 * garbage collection (what is still referenced: growth there is a leak, growth of RSS alone may be
 * allocator warm-up). Prints one JSON line: requests by kind, unexpected answers, error log lines,
 * memory (median of the first window after warm-up against the last one), the heap-after-GC slope
 * over the run's second half and the median heap of the second half against the first.
 * BORDERLESS_BUILD_DIR reuses a build; SOAK_SAMPLES_FILE writes every sample as CSV; SOAK_CPU_PROFILE
 * records the server's CPU profile over the run (.cpuprofile, for Chrome DevTools).
 */
import { execFile, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, startPostgres } from "../tests/support/postgres";
import { migrateDatabase } from "../app/db/migrate.server";
import { createPrismaClient } from "../app/db.server";
import { carrierCallbackUrl } from "../app/integrations/shopify/carrier-service.server";
import { setUpCarrierShop } from "../tests/support/carrier-shop";
import { exampleBody } from "../tests/support/webhooks";

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const SECRET = "soak-api-secret";
const SHOP = "soak.myshopify.com";

const given = process.env.BORDERLESS_BUILD_DIR;
mkdirSync(path.join(process.cwd(), ".cache"), { recursive: true });
const buildDir = given ? path.resolve(given) : mkdtempSync(path.join(process.cwd(), ".cache", "build-soak-"));
const [pg] = await Promise.all([
  startPostgres(),
  given ? Promise.resolve() : promisify(execFile)("npx", ["remix", "vite:build"], { env: { ...process.env, BORDERLESS_BUILD_DIR: buildDir, NODE_ENV: "production" }, maxBuffer: 64 * 1024 * 1024 }),
]);
const url = await pg.createDatabase("soak");
await migrateDatabase(url);
const db = createPrismaClient(url);
await setUpCarrierShop(db, SHOP, null);

const port = await freePort();
const inspectorPort = await freePort();
const child = spawn(process.execPath, [`--inspect=127.0.0.1:${inspectorPort}`, "--import", "tsx", "server.ts"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, BORDERLESS_BUILD_DIR: buildDir, SHOPIFY_API_KEY: "soak-api-key", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://borderless.test", RATE_LIMIT_PUBLIC_PER_SECOND: "1000" },
  stdio: ["ignore", "ignore", "pipe"],
});
let errorLines = 0;
const firstErrors: string[] = [];
child.stderr!.on("data", (c: Buffer) => {
  for (const line of c.toString().split("\n")) {
    if (!line.includes('"level":"error"') && !/\bError\b/.test(line)) continue;
    errorLines++;
    if (firstErrors.length < 3) firstErrors.push(line.slice(0, 300));
  }
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/readyz`).then((r) => r.status, () => 0)) === 200) break;
  if (i > 300) throw new Error("server not ready");
  await new Promise((r) => setTimeout(r, 200));
}

/** The server's inspector (DevTools protocol over a loopback WebSocket): a full GC, then the heap still in use. */
const inspector = await (async () => {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  };
  const call = (method: string, params: Record<string, unknown> = {}) => new Promise<unknown>((resolve) => {
    pending.set(++id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });
  return {
    async heapAfterGcMb(): Promise<number> {
      await call("HeapProfiler.collectGarbage");
      const result = (await call("Runtime.evaluate", { expression: "process.memoryUsage().heapUsed", returnByValue: true })) as { result: { value: number } };
      return result.result.value / 1024 / 1024;
    },
    async startProfile() {
      await call("Profiler.enable");
      await call("Profiler.start");
    },
    async stopProfile(): Promise<unknown> {
      return ((await call("Profiler.stop")) as { profile: unknown }).profile;
    },
    close: () => socket.close(),
  };
})();
await inspector.heapAfterGcMb(); // the first collection also enables the heap profiler domain

const template = JSON.parse(exampleBody("orders/create"));
const rateBody = JSON.stringify({ rate: { origin: { country: "US", postal_code: "07094", province: "NJ", city: "Secaucus", address1: "600 Meadowlands Pkwy" }, destination: { country: "DE", postal_code: "10115", city: "Berlin", address1: "Invalidenstraße 1" }, items: [{ name: "Sweater", sku: "SW-1", quantity: 1, grams: 400, price: 12800, vendor: "x", requires_shipping: true, taxable: true, fulfillment_service: "manual", product_id: 1, variant_id: 1 }], currency: "USD", locale: "en" } });
const callback = carrierCallbackUrl(base, SHOP, SECRET);
const counts = { webhook: 0, carrier: 0, tracking: 0, health: 0, unexpected: 0 };
const unexpectedAnswers = new Map<string, number>();
let n = 0;
const send = async (kind: keyof typeof counts, request: () => Promise<Response>, expected: number) => {
  counts[kind]++;
  try {
    const res = await request();
    await res.arrayBuffer();
    if (res.status !== expected) {
      counts.unexpected++;
      unexpectedAnswers.set(`${kind} ${res.status}`, (unexpectedAnswers.get(`${kind} ${res.status}`) ?? 0) + 1);
    }
  } catch (error) {
    counts.unexpected++;
    const reason = `${kind} ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : "failed"}`;
    unexpectedAnswers.set(reason, (unexpectedAnswers.get(reason) ?? 0) + 1);
  }
};
const tick = () => {
  // Per 100 ms: 2 webhooks, 1 carrier callback, 1 tracking page (= 20, 10 and 10 per second), a health check each second.
  for (let k = 0; k < 2; k++) {
    const i = n++;
    const body = JSON.stringify({ ...template, id: 2_000_000 + i, admin_graphql_api_id: `gid://shopify/Order/${2_000_000 + i}`, name: `#K${i}` });
    void send("webhook", () => fetch(`${base}/webhooks/orders`, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Shopify-Topic": "orders/create", "X-Shopify-Shop-Domain": SHOP, "X-Shopify-API-Version": "2026-10", "X-Shopify-Webhook-Id": randomUUID(), "X-Shopify-Event-Id": randomUUID(), "X-Shopify-Triggered-At": new Date().toISOString(), "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64") } }), 200);
  }
  void send("carrier", () => fetch(callback, { method: "POST", body: rateBody, headers: { "Content-Type": "application/json" } }), 200);
  void send("tracking", () => fetch(`${base}/track/${"x".repeat(32)}`), 404);
  if (n % 20 === 0) void send("health", () => fetch(`${base}/healthz`), 200);
};
const rss = () => {
  const m = readFileSync(`/proc/${child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
};
const profileFile = process.env.SOAK_CPU_PROFILE;
if (profileFile) await inspector.startProfile();
const samples: { at: number; mb: number; heapMb: number }[] = [];
const started = Date.now();
const load = setInterval(tick, 100);
let sampling = false;
const sampler = setInterval(async () => {
  if (sampling) return;
  sampling = true;
  try {
    const heapMb = await inspector.heapAfterGcMb();
    samples.push({ at: (Date.now() - started) / 1000, mb: rss(), heapMb });
  } finally {
    sampling = false;
  }
}, 5_000);
await new Promise((r) => setTimeout(r, seconds * 1000));
clearInterval(load);
clearInterval(sampler);
await new Promise((r) => setTimeout(r, 3_000));
const applied = await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const window = Math.min(60, seconds / 4);
const first = median(samples.filter((s) => s.at > window && s.at <= 2 * window).map((s) => s.mb));
const last = median(samples.filter((s) => s.at > seconds - window).map((s) => s.mb));
// Heap after GC: least-squares slope over the second half (MB per minute), and medians of the halves.
const secondHalf = samples.filter((s) => s.at > seconds / 2);
const firstHalf = samples.filter((s) => s.at > window && s.at <= seconds / 2);
const slope = (points: { at: number; heapMb: number }[]) => {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.at, 0) / n;
  const my = points.reduce((a, p) => a + p.heapMb, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.at - mx) * (p.heapMb - my), 0);
  const sxx = points.reduce((a, p) => a + (p.at - mx) ** 2, 0);
  return sxx ? (sxy / sxx) * 60 : NaN;
};
const heapFirst = median(firstHalf.map((s) => s.heapMb));
const heapSecond = median(secondHalf.map((s) => s.heapMb));
if (process.env.SOAK_SAMPLES_FILE) writeFileSync(process.env.SOAK_SAMPLES_FILE, ["seconds,rss_mb,heap_after_gc_mb", ...samples.map((s) => `${s.at.toFixed(1)},${s.mb.toFixed(1)},${s.heapMb.toFixed(2)}`)].join("\n") + "\n");
if (profileFile) writeFileSync(profileFile, JSON.stringify(await inspector.stopProfile()));
inspector.close();
child.kill("SIGTERM");
const code = await new Promise((r) => child.once("exit", r));
const round1 = (x: number) => Math.round(x * 10) / 10;
console.log(JSON.stringify({
  soak_seconds: seconds, ...counts, unexpected_answers: Object.fromEntries(unexpectedAnswers), webhooks_applied: applied, error_log_lines: errorLines,
  first_error_lines: firstErrors, exit_code_on_sigterm: code,
  rss_first_window_mb: Math.round(first), rss_last_window_mb: Math.round(last), rss_growth_pct: Math.round(((last - first) / first) * 1000) / 10,
  rss_max_mb: Math.round(Math.max(...samples.map((s) => s.mb))),
  heap_after_gc_samples: samples.length,
  heap_after_gc_first_half_median_mb: round1(heapFirst), heap_after_gc_second_half_median_mb: round1(heapSecond),
  heap_after_gc_second_half_vs_first_pct: round1(((heapSecond - heapFirst) / heapFirst) * 100),
  heap_after_gc_second_half_slope_mb_per_min: Math.round(slope(secondHalf) * 1000) / 1000,
  heap_after_gc_min_mb: round1(Math.min(...samples.map((s) => s.heapMb))), heap_after_gc_max_mb: round1(Math.max(...samples.map((s) => s.heapMb))),
}));
await db.$disconnect();
await pg.stop();
if (!given) rmSync(buildDir, { recursive: true, force: true });
process.exit(counts.unexpected || errorLines ? 1 : 0);
