import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import type { BenchFigures } from "./run";

interface Served { url: string; echo: string; body: string; options: number; considered: number; carriers: number; incoterm: string; quotes_per_s: number; repeat_cart_quotes_per_s: number; rater_quotes_per_s: number }

/**
 * The CarrierService callback under load: a real HTTP server (its own process, see
 * carrier-callback-server.ts) in front of the /carrier/rates route; a 5-item cart from Venlo to
 * London, 3 carriers x 3 services (DHL Express, UPS, PostNL sample cards), DDP with the customs
 * engine's duties and UK VAT; autocannon at a steady 200 requests/s for 10 s after a warm-up.
 * Baseline: the same server answering a fixed body at the same rate (what HTTP alone costs).
 * Also, in process: full quotes per second on distinct carts, on the same cart again (served by the
 * landed-cost cache), and the rater alone (cards, windows, ranking; no customs).
 */
export default async function (): Promise<BenchFigures> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/carrier-callback-server.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const served = await new Promise<Served>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`callback server exited (${code}) before serving`)));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (line.startsWith("{\"url\"")) resolve(JSON.parse(line) as Served);
      });
    });
    // autocannon paces each connection on its own timer and starts them together, so N connections
    // at 200/s send bursts of N requests every N/200 s. Four keep the arrivals close to steady (what a
    // shop's checkouts look like) while still overlapping; BENCH_CONNECTIONS changes it.
    const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
    // Every request a different cart (the first line's price moves by a cent), so no answer is
    // served from the quote's landed-cost cache: this measures the full work of each rate request.
    const template = JSON.parse(served.body) as { rate: { items: { price: number }[] } };
    let n = 0;
    const distinct = () => {
      const doc = structuredClone(template);
      doc.rate.items[0]!.price += ++n;
      return JSON.stringify(doc);
    };
    const run = (url: string, seconds: number, overallRate?: number) => autocannon({
      url, method: "POST", headers: { "content-type": "application/json" }, connections, duration: seconds, ...(overallRate ? { overallRate } : {}),
      requests: [{ setupRequest: (req) => ({ ...req, body: distinct() }) }],
    });
    await run(served.url, 2, 200); // warm-up: caches loaded, JIT warm
    const steady = await run(served.url, 10, 200);
    const baseline = await run(served.echo, 5, 200);
    const max = await run(served.url, 3);
    return {
      carriers: served.carriers,
      services_considered: served.considered,
      services_offered: served.options,
      incoterm: served.incoterm,
      cart_items: 5,
      target_rate_per_s: 200,
      connections,
      distinct_carts: true,
      achieved_rate_per_s: Math.round(steady.requests.average),
      non_2xx: steady.non2xx + steady.errors + steady.timeouts,
      callback_p50_ms: steady.latency.p50,
      callback_p99_ms: steady.latency.p99,
      callback_max_ms: steady.latency.max,
      baseline_http_p99_ms: baseline.latency.p99,
      max_throughput_per_s: Math.round(max.requests.average),
      quotes_per_s: served.quotes_per_s,
      repeat_cart_quotes_per_s: served.repeat_cart_quotes_per_s,
      rater_quotes_per_s: served.rater_quotes_per_s,
    };
  } finally {
    child.kill("SIGTERM");
  }
}
