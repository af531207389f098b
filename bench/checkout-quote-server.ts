/**
 * The server side of bench/checkout-quote.bench.ts, in its own process so its configuration (app
 * secret, database) cannot leak into the other benchmarks: a temporary SQLite database, the demo
 * shop set up as the demo sets it up (catalogue customs data from the emulator, sample rate cards,
 * New Jersey warehouse, DDP to GB), then /api/checkout-quote served over real HTTP. Prints one
 * JSON line with the URLs, the request body and a session token the way checkout sends them.
 */
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";

const dir = mkdtempSync(path.join(tmpdir(), "borderless-bench-checkout-"));
process.env.SHOPIFY_API_KEY = "bench-api-key";
process.env.SHOPIFY_API_SECRET = "bench-api-secret";
process.env.SHOPIFY_APP_URL = "https://borderless.bench";
process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
process.env.NODE_ENV = "test";

const { migrateDatabase } = await import("../app/db/migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { default: db } = await import("../app/db.server");
const { startEmulator } = await import("../emulator/server");
const { DEMO_SHOP } = await import("../emulator/seed");
const { seedCheckoutDemo } = await import("../scripts/checkout-demo");
const { loadProductCustoms } = await import("../app/services/product-customs.server");
const { action } = await import("../app/routes/api.checkout-quote");

const emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
await db.shop.create({ data: { domain: DEMO_SHOP, countryCode: "US", currency: "USD" } });
await seedCheckoutDemo(db, emulator.url);
await emulator.close();

// A 5-item cart of the demo catalogue to London, as the extension posts it (line totals in GBP).
const products = [...(await loadProductCustoms(db, DEMO_SHOP)).byVariant.values()];
const titles = ["Merino Crew Sweater", "Selvedge Denim Jeans", "Wireless Earbuds", "Stoneware Coffee Mug", "Eau de Parfum 50ml"];
const body = JSON.stringify({
  currency: "GBP",
  destination: { countryCode: "GB", provinceCode: null, zip: "EC1A 1BB" },
  lines: titles.map((t, i) => ({ variantId: `gid://shopify/ProductVariant/${products.find((p) => p.title.startsWith(t))!.variantId}`, quantity: 1 + (i % 2), total: [120, 135, 92, 26, 110][i]! * (1 + (i % 2)) })),
  option: { code: "ups-08", title: null, cost: null },
});

// A checkout session token as Shopify signs it, valid for the length of the run.
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ dest: `https://${DEMO_SHOP}`, sid: randomUUID() })
  .setProtectedHeader({ alg: "HS256", typ: "JWT" })
  .setIssuer(`https://${DEMO_SHOP}/admin`).setAudience(process.env.SHOPIFY_API_KEY).setSubject("gid://shopify/Customer/1")
  .setIssuedAt(now).setNotBefore(now - 5).setExpirationTime(now + 900).setJti(randomUUID())
  .sign(new TextEncoder().encode(process.env.SHOPIFY_API_SECRET));

// In process: the route alone (token check, validation, quote), no HTTP.
const ask = () => action({ request: new Request("https://borderless.bench/api/checkout-quote", { method: "POST", body, headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } }), params: {}, context: {} });
const first = await ask();
if (first.status !== 200) throw new Error(`quote endpoint answered ${first.status}: ${await first.text()}`);
for (let i = 0; i < 200; i++) await ask();
const latencies: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t = performance.now();
  await (await ask()).text();
  latencies.push(performance.now() - t);
}
latencies.sort((a, b) => a - b);
const inProcessP99 = Number(latencies[Math.floor(latencies.length * 0.99)]!.toFixed(3));
const inProcessPerS = Math.round(1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// The route behind a plain node:http server, as the Remix adapter hands it a Fetch Request.
// `/echo` answers the same body-reading server with a fixed body: the HTTP baseline.
const server = createServer(async (req, res) => {
  const text = await readBody(req);
  if (req.url?.startsWith("/echo")) {
    res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const response = await action({ request: new Request(`https://borderless.bench${req.url}`, { method: "POST", body: text, headers }), params: {}, context: {} });
  res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
});
server.listen(0, "127.0.0.1", () => {
  const port = (server.address() as AddressInfo).port;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/api/checkout-quote`, echo: `http://127.0.0.1:${port}/echo`, body, token, in_process_p99_ms: inProcessP99, in_process_per_s: inProcessPerS }));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
