/**
 * `npm start`: the production server. Serves the built app (build/, or BORDERLESS_BUILD_DIR) with
 * express and Remix, plus:
 * - `GET /healthz`: liveness, answered by the process itself;
 * - `GET /readyz`: 200 when the database answers and every committed migration is applied, 503
 *   otherwise and while shutting down (so a load balancer stops sending new requests);
 * - one JSON log line per request with a request id (X-Request-Id, taken from the load balancer
 *   when it sends a sane one) and the shop when the request names one;
 * - rate limits on the public endpoints (429 with Retry-After);
 * - graceful shutdown on SIGTERM/SIGINT: stop accepting, let in-flight requests and the
 *   background worker's current batch finish within SHUTDOWN_TIMEOUT_MS, then exit.
 * Migrations are applied by `npm run setup` before the first start (and on each deploy).
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { databaseUrl } from "./app/db/url.server";
import { isPostgresUrl, migrationsDir, readMigrations } from "./app/db/migrate.server";
import { createRateLimiter, rateLimitKey } from "./server/rate-limit";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const buildDir = path.resolve(root, process.env.BORDERLESS_BUILD_DIR || "build");
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 20_000);
const numberEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  (level === "info" ? process.stdout : process.stderr).write(line + "\n");
}

process.env.NODE_ENV ??= "production";
const url = databaseUrl();

// Importing the build reads and checks the configuration, and starts the background worker.
const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);

/** Database reachable and every committed migration applied, on one small connection of its own. */
const readiness = await (async () => {
  const expected = readMigrations(migrationsDir(isPostgresUrl(url) ? "postgres" : "sqlite", root)).map((m) => m.name);
  const query = `SELECT name FROM "_borderless_migrations"`;
  let run: () => Promise<string[]>;
  let close: () => Promise<void>;
  if (isPostgresUrl(url)) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2_000, statement_timeout: 2_000 });
    pool.on("error", () => {});
    run = async () => (await pool.query<{ name: string }>(query)).rows.map((r) => r.name);
    close = () => pool.end();
  } else {
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url });
    run = async () => (await client.execute(query)).rows.map((r) => String(r.name));
    close = async () => client.close();
  }
  return {
    async check(): Promise<{ ok: boolean; reason?: string }> {
      try {
        const applied = new Set(await run());
        const missing = expected.filter((name) => !applied.has(name));
        return missing.length ? { ok: false, reason: `migrations not applied: ${missing.join(", ")}` } : { ok: true };
      } catch (error) {
        return { ok: false, reason: `database: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    close,
  };
})();

const shopLimiter = createRateLimiter({ capacity: numberEnv("RATE_LIMIT_WEBHOOK_BURST", 1_000), refillPerSecond: numberEnv("RATE_LIMIT_WEBHOOK_PER_SECOND", 200) });
const publicLimiter = createRateLimiter({ capacity: numberEnv("RATE_LIMIT_PUBLIC_BURST", 60), refillPerSecond: numberEnv("RATE_LIMIT_PUBLIC_PER_SECOND", 5) });

let shuttingDown = false;
let inFlight = 0;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, req.ip is the client's address from X-Forwarded-For (TRUST_PROXY hops).
if (process.env.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);

app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  const given = req.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const shopCandidate = (req.get("x-shopify-shop-domain") ?? (typeof req.query.shop === "string" ? req.query.shop : "")).toLowerCase();
  const shop = SHOP.test(shopCandidate) ? shopCandidate : undefined;
  res.setHeader("X-Request-Id", requestId);
  inFlight++;
  let counted = true;
  const done = () => {
    if (!counted) return;
    counted = false;
    inFlight--;
    if (req.path === "/healthz" || req.path === "/readyz") return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // The path only: query strings carry signatures and tokens.
    log(res.statusCode >= 500 ? "error" : "info", "request", { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10, ...(shop ? { shop } : {}) });
  };
  res.once("finish", done);
  res.once("close", done);
  if (shuttingDown) res.setHeader("Connection", "close");
  next();
});

app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});

app.get("/readyz", async (_req, res) => {
  if (shuttingDown) {
    res.status(503).json({ ok: false, reason: "shutting down" });
    return;
  }
  const state = await readiness.check();
  res.status(state.ok ? 200 : 503).json(state);
});

app.use((req, res, next) => {
  const key = rateLimitKey(req);
  if (!key) return next();
  // Per shop (webhooks, the carrier callback Shopify calls at every checkout): the high limit; per buyer address: the low one.
  const verdict = (key.startsWith("public:") ? publicLimiter : shopLimiter).take(key);
  if (verdict.allowed) return next();
  res.setHeader("Retry-After", String(verdict.retryAfterSeconds));
  res.status(429).type("text/plain").send("Too many requests");
});

app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = app.listen(port, host, () => {
  log("info", "listening", { port, pid: process.pid, database: isPostgresUrl(url) ? "postgresql" : "sqlite" });
});
server.keepAliveTimeout = numberEnv("KEEP_ALIVE_TIMEOUT_MS", 65_000);

async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log("info", "shutting down", { signal, inFlight });
  const deadline = Date.now() + shutdownTimeoutMs;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Keep-alive connections close as their current response finishes (Connection: close above).
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const worker = (globalThis as { borderlessWorker?: { stop(): Promise<void> } }).borderlessWorker;
  const tracking = (globalThis as { borderlessTracking?: { stop(): void } }).borderlessTracking;
  tracking?.stop();
  const finished = Promise.all([closed, worker?.stop()]);
  const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), Math.max(0, deadline - Date.now())).unref())]);
  clearInterval(idle);
  if (timedOut) {
    log("warn", "shutdown timed out; closing what is left", { inFlight });
    server.closeAllConnections();
  }
  const prisma = (globalThis as { prismaGlobal?: { $disconnect(): Promise<void> } }).prismaGlobal;
  await Promise.allSettled([readiness.close(), prisma?.$disconnect()]);
  log("info", "stopped", { timedOut });
  process.exit(timedOut ? 1 : 0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));


