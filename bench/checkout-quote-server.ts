/**
 * The server side of bench/checkout-quote.bench.ts, in its own process so its configuration (app
 * secret, database) cannot leak into the other benchmarks: a temporary SQLite database, the demo
 * shop set up as the demo sets it up (catalogue customs data from the emulator, sample rate cards,
 * New Jersey warehouse, DDP to GB), then /api/checkout-quote served over real HTTP. Prints one
 * JSON line with the URLs, the request body and a session token the way checkout sends them.
 */
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { benchCartProducts, benchDatabase, cartQuantity, serveRoute } from "./support/route-server";

const db = await benchDatabase("checkout");
const { startEmulator } = await import("../emulator/server");
const { DEMO_SHOP } = await import("../emulator/seed");
const { seedCheckoutDemo } = await import("../scripts/checkout-demo");
const { action } = await import("../app/routes/api.checkout-quote");

const emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
await db.shop.create({ data: { domain: DEMO_SHOP, countryCode: "US", currency: "USD" } });
await seedCheckoutDemo(db, emulator.url);
await emulator.close();

// A 5-item cart of the demo catalogue to London, as the extension posts it (line totals in GBP).
const body = JSON.stringify({
  currency: "GBP",
  destination: { countryCode: "GB", provinceCode: null, zip: "EC1A 1BB" },
  lines: (await benchCartProducts(db, DEMO_SHOP)).map((p, i) => ({ variantId: `gid://shopify/ProductVariant/${p.variantId}`, quantity: cartQuantity(i), total: [120, 135, 92, 26, 110][i]! * cartQuantity(i) })),
  option: { code: "ups-08", title: null, cost: null },
});

// A checkout session token as Shopify signs it, valid for the length of the run.
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ dest: `https://${DEMO_SHOP}`, sid: randomUUID() })
  .setProtectedHeader({ alg: "HS256", typ: "JWT" })
  .setIssuer(`https://${DEMO_SHOP}/admin`).setAudience(process.env.SHOPIFY_API_KEY!).setSubject("gid://shopify/Customer/1")
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

const served = await serveRoute((req) => action({ request: req, params: {}, context: {} }), "{}");
console.log(JSON.stringify({ url: `${served.origin}/api/checkout-quote`, origin: served.origin, echo: served.echo, body, token, in_process_p99_ms: inProcessP99, in_process_per_s: inProcessPerS }));
