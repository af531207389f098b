/**
 * `npx tsx scripts/soak.ts`: a bounded soak of the production server on loopback. Starts
 * PostgreSQL (from npm), one instance of server.ts on the built app, and for SOAK_SECONDS
 * (default 600) sends a steady mix: signed orders/create webhooks (applied by the worker), carrier
 * rate callbacks, tracking page look-ups and health checks. Samples the server's resident memory
 * every 5 s and prints one JSON line: requests by kind, unexpected answers, error log lines, and
 * memory (median of the first minute after warm-up against the last minute).
 * BORDERLESS_BUILD_DIR reuses a build.
 */
import { execFile, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, BORDERLESS_BUILD_DIR: buildDir, SHOPIFY_API_KEY: "soak-api-key", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://borderless.test", RATE_LIMIT_PUBLIC_PER_SECOND: "1000" },
  stdio: ["ignore", "ignore", "pipe"],
});
let errorLines = 0;
child.stderr!.on("data", (c: Buffer) => {
  for (const line of c.toString().split("\n")) if (line.includes('"level":"error"') || /\bError\b/.test(line)) errorLines++;
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/readyz`).then((r) => r.status, () => 0)) === 200) break;
  if (i > 300) throw new Error("server not ready");
  await new Promise((r) => setTimeout(r, 200));
}

const template = JSON.parse(exampleBody("orders/create"));
const rateBody = JSON.stringify({ rate: { origin: { country: "US", postal_code: "07094", province: "NJ", city: "Secaucus", address1: "600 Meadowlands Pkwy" }, destination: { country: "DE", postal_code: "10115", city: "Berlin", address1: "Invalidenstraße 1" }, items: [{ name: "Sweater", sku: "SW-1", quantity: 1, grams: 400, price: 12800, vendor: "x", requires_shipping: true, taxable: true, fulfillment_service: "manual", product_id: 1, variant_id: 1 }], currency: "USD", locale: "en" } });
const callback = carrierCallbackUrl(base, SHOP, SECRET);
const counts = { webhook: 0, carrier: 0, tracking: 0, health: 0, unexpected: 0 };
let n = 0;
const send = async (kind: keyof typeof counts, request: () => Promise<Response>, expected: number) => {
  counts[kind]++;
  try {
    const res = await request();
    await res.arrayBuffer();
    if (res.status !== expected) counts.unexpected++;
  } catch {
    counts.unexpected++;
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
const samples: { at: number; mb: number }[] = [];
const started = Date.now();
const load = setInterval(tick, 100);
const sampler = setInterval(() => samples.push({ at: (Date.now() - started) / 1000, mb: rss() }), 5_000);
await new Promise((r) => setTimeout(r, seconds * 1000));
clearInterval(load);
clearInterval(sampler);
await new Promise((r) => setTimeout(r, 3_000));
const applied = await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } });
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const window = Math.min(60, seconds / 4);
const first = median(samples.filter((s) => s.at > window && s.at <= 2 * window).map((s) => s.mb));
const last = median(samples.filter((s) => s.at > seconds - window).map((s) => s.mb));
child.kill("SIGTERM");
const code = await new Promise((r) => child.once("exit", r));
console.log(JSON.stringify({
  soak_seconds: seconds, ...counts, webhooks_applied: applied, error_log_lines: errorLines, exit_code_on_sigterm: code,
  rss_first_window_mb: Math.round(first), rss_last_window_mb: Math.round(last), rss_growth_pct: Math.round(((last - first) / first) * 1000) / 10,
  rss_max_mb: Math.round(Math.max(...samples.map((s) => s.mb))),
}));
await db.$disconnect();
await pg.stop();
if (!given) rmSync(buildDir, { recursive: true, force: true });
process.exit(counts.unexpected || errorLines ? 1 : 0);
