import autocannon from "autocannon";
import type { BenchFigures } from "./run";
import { startRouteServer, steadyRun } from "./support/route-server";

interface Served {
  origin: string; url: string; echo: string; body: string; options: number; considered: number; carriers: number; incoterm: string;
  quotes_per_s: number; quote_cpu_us: number; repeat_cart_quotes_per_s: number; repeat_cart_quote_cpu_us: number; rater_quotes_per_s: number; rater_quote_cpu_us: number;
}

/**
 * The CarrierService callback under load: a real HTTP server (its own process, see
 * carrier-callback-server.ts) in front of the /carrier/rates route; a 5-item cart from Venlo to
 * London, 3 carriers x 3 services (DHL Express, UPS, PostNL sample cards), DDP with the customs
 * engine's duties and UK VAT; autocannon at a steady 200 requests/s for 10 s after a warm-up.
 * Baseline: the same server answering a fixed body at the same rate (what HTTP alone costs).
 * Also, in process: full quotes per second on distinct carts, on the same cart again (served by the
 * landed-cost cache), and the rater alone (cards, windows, ranking; no customs), each with its CPU
 * microseconds. The server's CPU time per request and its garbage-collection pauses during the
 * steady run and the baseline, and the 1-minute load average, say how much of the latency is ours
 * on a machine shared with other work.
 */
export default async function (): Promise<BenchFigures> {
  const { served, stop } = await startRouteServer<Served>("bench/carrier-callback-server.ts");
  try {
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
    const { steady, figures } = await steadyRun(served, run);
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
      callback_p50_ms: steady.latency.p50,
      callback_p99_ms: steady.latency.p99,
      callback_max_ms: steady.latency.max,
      ...figures,
      max_throughput_per_s: Math.round(max.requests.average),
      quotes_per_s: served.quotes_per_s,
      quote_cpu_us: served.quote_cpu_us,
      repeat_cart_quotes_per_s: served.repeat_cart_quotes_per_s,
      repeat_cart_quote_cpu_us: served.repeat_cart_quote_cpu_us,
      rater_quotes_per_s: served.rater_quotes_per_s,
      rater_quote_cpu_us: served.rater_quote_cpu_us,
    };
  } finally {
    stop();
  }
}

