import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import type { BenchFigures } from "./run";
import { startRouteServer, steadyRun } from "./support/route-server";

interface Served { origin: string; url: string; echo: string; body: string; token: string; in_process_p99_ms: number; in_process_per_s: number }

/**
 * The checkout extension's quote endpoint under load: a real HTTP server (its own process, see
 * checkout-quote-server.ts) in front of /api/checkout-quote; each request carries a checkout
 * session token (verified every time) and a 5-item cart to London, quoted through the shipping
 * service with the customs engine's duties and VAT; autocannon at a steady 200 requests/s for
 * 10 s after a warm-up. Baseline: the same server answering a fixed body at the same rate.
 * The server's CPU time per request and garbage-collection pauses in both runs, and the 1-minute
 * load average, say how much of the latency is ours on a shared machine.
 * Also the route alone in process (no HTTP): p99 and requests per second.
 * And the extension's bundle: `shopify app build`'s own compressed size, and gzip of the file.
 */
export default async function (): Promise<BenchFigures> {
  const bundle = await extensionBundle();
  const { served, stop } = await startRouteServer<Served>("bench/checkout-quote-server.ts");
  try {
    const headers = { "content-type": "application/json", authorization: `Bearer ${served.token}`, origin: "https://checkout.shopify.test", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" };
    // As in the callback bench: autocannon paces each connection on its own timer and starts them
    // together, so N connections at 200/s send bursts of N requests every N/200 s; four keep the
    // arrivals close to a steady stream of buyers while still overlapping. BENCH_CONNECTIONS changes it.
    const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
    const run = (url: string, seconds: number, overallRate?: number) => autocannon({ url, method: "POST", body: served.body, headers, connections, duration: seconds, ...(overallRate ? { overallRate } : {}) });
    const check = await fetch(served.url, { method: "POST", body: served.body, headers });
    if (!check.ok) throw new Error(`quote endpoint answered ${check.status}: ${await check.text()}`);
    const quote = (await check.json()) as { options: unknown[]; selected: { incoterm: string } | null };
    const { steady, figures } = await steadyRun(served, run);
    return {
      cart_items: 5,
      services_quoted: quote.options.length,
      selected_incoterm: quote.selected?.incoterm ?? null,
      target_rate_per_s: 200,
      connections,
      endpoint_p50_ms: steady.latency.p50,
      endpoint_p99_ms: steady.latency.p99,
      endpoint_max_ms: steady.latency.max,
      ...figures,
      in_process_p99_ms: served.in_process_p99_ms,
      in_process_per_s: served.in_process_per_s,
      ...bundle,
    };
  } finally {
    stop();
  }
}

/** Builds the extensions with the Shopify CLI and reads the size it reports for ours. */
async function extensionBundle(): Promise<BenchFigures> {
  const { stdout, stderr } = await promisify(execFile)("npx", ["shopify", "app", "build"], { env: { ...process.env, SHOPIFY_CLI_NO_ANALYTICS: "1" }, timeout: 180_000 });
  const out = (stdout + stderr).replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
  const reported = out.match(/checkout-landed-cost successfully built[^\n]*\n?\s*\(([\d.]+) KB original, ~([\d.]+) KB compressed\)/);
  const file = readFileSync("extensions/checkout-landed-cost/dist/checkout-landed-cost.js");
  return {
    extension_bundle_kb: Number((file.length / 1024).toFixed(1)),
    extension_cli_compressed_kb: reported ? Number(reported[2]) : null,
    extension_gzip_kb: Number((gzipSync(file, { level: 9 }).length / 1024).toFixed(1)),
  };
}

