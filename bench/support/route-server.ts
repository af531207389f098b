/**
 * What the route benchmarks' servers (carrier-callback-server.ts, checkout-quote-server.ts) share:
 * a temporary SQLite database under the bench's own app secret, the demo shop's 5-item cart, and
 * a plain node:http server handing the route a Fetch Request the way the Remix adapter does, with
 * `/echo` (the same server answering a fixed body) as the HTTP baseline, and `/stats` telling the
 * server's CPU time and garbage-collection pauses since the previous `/stats` (see `serverStats`):
 * on a shared machine CPU time per request says more than wall-clock latency.
 *
 * BENCH_CPU_PROFILE=<file.cpuprofile> records a V8 CPU profile of the server from the moment it
 * listens until it is stopped (setup and in-process figures left out), for Chrome DevTools or
 * `node --cpu-prof`-style reading.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { createInterface } from "node:readline";
import type { PrismaClient } from "@prisma/client";
import type autocannon from "autocannon";

export const BENCH_APP_URL = "https://borderless.bench";

/** Points the app at a fresh SQLite database and the bench's credentials, migrates it, and returns the app's client. */
export async function benchDatabase(name: string): Promise<PrismaClient> {
  const dir = mkdtempSync(path.join(tmpdir(), `borderless-bench-${name}-`));
  process.env.SHOPIFY_API_KEY = "bench-api-key";
  process.env.SHOPIFY_API_SECRET = "bench-api-secret";
  process.env.SHOPIFY_APP_URL = BENCH_APP_URL;
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
  process.env.NODE_ENV = "test";
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase(process.env.DATABASE_URL);
  const { default: db } = await import("../../app/db.server");
  return db;
}

/** The demo catalogue's products in the benchmark cart: clothing, electronics, ceramics and a perfume. */
const CART_TITLES = ["Merino Crew Sweater", "Selvedge Denim Jeans", "Wireless Earbuds", "Stoneware Coffee Mug", "Eau de Parfum 50ml"];

/** Quantity of the cart's i-th line: 1, 2, 1, 2, 1. */
export const cartQuantity = (i: number) => 1 + (i % 2);

/** The five products of the benchmark cart, from the shop's synced catalogue customs data. */
export async function benchCartProducts(db: PrismaClient, shop: string) {
  const { loadProductCustoms } = await import("../../app/services/product-customs.server");
  const products = [...(await loadProductCustoms(db, shop)).byVariant.values()];
  return CART_TITLES.map((t) => {
    const found = products.find((p) => p.title.startsWith(t));
    if (!found) throw new Error(`the demo catalogue has no "${t}"`);
    return found;
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The server process since the previous `/stats`: CPU time (user + system) and pauses for garbage collection. */
export interface ServerStats {
  readonly cpuMs: number;
  readonly gcCount: number;
  readonly gcTotalMs: number;
  readonly gcMaxMs: number;
  /** Mark-compact collections of the whole heap, and their time. */
  readonly gcMajor: number;
  readonly gcMajorMs: number;
  readonly heapUsedMb: number;
}

/** Reads and restarts the server's counters (`origin` as `serveRoute` gave it). */
export async function serverStats(origin: string): Promise<ServerStats> {
  return (await (await fetch(`${origin}/stats`)).json()) as ServerStats;
}

export interface Served {
  /** http://127.0.0.1:<port>: append the route's path. */
  readonly origin: string;
  /** The baseline: the same server answering `echoBody`, nothing else. */
  readonly echo: string;
}

/**
 * Serves `handle` over HTTP on a free loopback port; SIGTERM closes it (and writes the CPU profile
 * if one is being recorded).
 */
export function serveRoute(handle: (request: Request) => Promise<Response>, echoBody: string): Promise<Served> {
  let gc = { count: 0, totalMs: 0, maxMs: 0, major: 0, majorMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major++;
        gc.majorMs += entry.duration;
      }
    }
  }).observe({ entryTypes: ["gc"] });
  let cpuFrom = process.cpuUsage();
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    if (req.url?.startsWith("/echo")) {
      res.writeHead(200, { "Content-Type": "application/json" }).end(echoBody);
      return;
    }
    if (req.url === "/stats") {
      const cpu = process.cpuUsage(cpuFrom);
      const stats: ServerStats = { cpuMs: (cpu.user + cpu.system) / 1000, gcCount: gc.count, gcTotalMs: gc.totalMs, gcMaxMs: gc.maxMs, gcMajor: gc.major, gcMajorMs: gc.majorMs, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 };
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(stats));
      cpuFrom = process.cpuUsage();
      gc = { count: 0, totalMs: 0, maxMs: 0, major: 0, majorMs: 0 };
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await handle(new Request(`${BENCH_APP_URL}${req.url}`, { method: req.method, headers, ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: text }) }));
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  const profileFile = process.env.BENCH_CPU_PROFILE;
  const session = profileFile ? new Session() : null;
  process.on("SIGTERM", async () => {
    if (session && profileFile) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", async () => {
      if (session) {
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
      }
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ origin, echo: `${origin}/echo` });
    });
  });
}

/**
 * Runs a route server script (`bench/<name>-server.ts`) in its own process and resolves with the
 * line it prints once serving (`{"url": …}`), and how to stop it.
 */
export async function startRouteServer<T extends { url: string }>(script: string): Promise<{ served: T; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
  const stop = () => void child.kill("SIGTERM");
  try {
    const served = await new Promise<T>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before serving`)));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (line.startsWith("{\"url\"")) resolve(JSON.parse(line) as T);
      });
    });
    return { served, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

const round3 = (n: number) => Number(n.toFixed(3));

/**
 * The steady run both route benches report: after a 2 s warm-up (caches loaded, JIT warm), the
 * route at `rate` requests/s for 10 s, then the echo baseline for 5 s, each with the server's CPU
 * time per request and garbage-collection pauses, and the 1-minute load average before the run.
 */
export async function steadyRun(
  served: { url: string; echo: string; origin: string },
  run: (url: string, seconds: number, overallRate?: number) => Promise<autocannon.Result>,
  rate = 200,
): Promise<{ steady: autocannon.Result; figures: Record<string, number> }> {
  await run(served.url, 2, rate);
  await serverStats(served.origin);
  const load = loadavg()[0]!;
  const steady = await run(served.url, 10, rate);
  const steadyStats = await serverStats(served.origin);
  const baseline = await run(served.echo, 5, rate);
  const baselineStats = await serverStats(served.origin);
  return {
    steady,
    figures: {
      achieved_rate_per_s: Math.round(steady.requests.average),
      non_2xx: steady.non2xx + steady.errors + steady.timeouts,
      baseline_http_p99_ms: baseline.latency.p99,
      server_cpu_ms_per_request: round3(steadyStats.cpuMs / steady.requests.total),
      baseline_cpu_ms_per_request: round3(baselineStats.cpuMs / baseline.requests.total),
      server_gc_pauses: steadyStats.gcCount,
      server_gc_max_ms: round3(steadyStats.gcMaxMs),
      server_gc_total_ms: round3(steadyStats.gcTotalMs),
      server_gc_major: steadyStats.gcMajor,
      load_average_1m: Number(load.toFixed(2)),
    },
  };
}
