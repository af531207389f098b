import { createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { executeAdminDocument, type GraphqlRequest } from "./execute";
import { adminSchema } from "./schema";
import { DEMO_SHOP, seedDemoStore, type SeedOptions } from "./seed";
import { Store } from "./store";
import { WebhookDispatcher } from "./webhooks";

export interface StartEmulatorOptions {
  port?: number;
  host?: string;
  /** Seeds the demo shop when given; without it the store starts empty. */
  seed?: SeedOptions;
  /** The app's API secret: signs webhooks and checks session tokens in token exchange. */
  apiSecret?: string;
  /** Base URL of the app for webhook deliveries (see WebhookDispatcherOptions.target). */
  webhookTarget?: string | ((topic: string) => string);
  webhookTopics?: readonly string[];
  store?: Store;
}

export interface RunningEmulator {
  url: string;
  store: Store;
  /** Present when `webhookTarget` is set: `enabled = false` turns deliveries off, `idle()` awaits them. */
  webhooks: WebhookDispatcher | undefined;
  sendWebhook(shop: string, topic: string, payload: unknown): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(typeof body === "string" ? body : JSON.stringify(body));
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, { errors: "Bad Request: the body is not valid JSON" });
  }
}

/** Checks an App Bridge session token (HS256 JWT signed with the app secret). */
function verifySessionToken(token: string, secret: string, shop: string): boolean {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return false;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { dest?: string; exp?: number };
    if (claims.exp && claims.exp * 1000 < Date.now() - 5000) return false;
    return !claims.dest || new URL(claims.dest).hostname === shop;
  } catch {
    return false;
  }
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  adminSchema(); // load before the first request, not during it
  const store = options.store ?? new Store();
  if (options.seed && !store.shop(DEMO_SHOP)) seedDemoStore(store, options.seed);
  const webhooks = options.webhookTarget
    ? new WebhookDispatcher(store, { apiSecret: options.apiSecret ?? "emulator-secret", target: options.webhookTarget, topics: options.webhookTopics })
    : undefined;
  let baseUrl = "";

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const parts = url.pathname.split("/").filter(Boolean);
    if (req.method === "GET" && url.pathname === "/health") return sendJson(res, 200, { ok: true, shops: store.shopDomains() });

    const bulk = /^\/bulk\/(\d+)\.jsonl$/.exec(url.pathname);
    if (req.method === "GET" && bulk) {
      const file = store.bulkResults.get(bulk[1]!);
      if (file === undefined || !existsSync(file)) return sendJson(res, 404, { errors: "Not Found" });
      res.writeHead(200, { "content-type": "application/jsonl", "content-length": statSync(file).size });
      // Streamed from disk; a client that stops reading midway just ends the stream.
      await pipeline(createReadStream(file), res).catch(() => undefined);
      return;
    }

    const [shopDomain, admin, ...rest] = parts;
    const state = shopDomain ? store.shop(shopDomain) : undefined;
    if (admin === "admin" && rest[0] === "api" && rest[2] === "graphql.json" && rest.length === 3) {
      if (req.method !== "POST") return sendJson(res, 405, { errors: "Method Not Allowed" }, { allow: "POST" });
      if (!state) return sendJson(res, 404, { errors: "Not Found" });
      if (req.headers["x-shopify-access-token"] !== state.accessToken) {
        return sendJson(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
      }
      const body = parseJson(await readBody(req)) as Partial<GraphqlRequest> | null;
      if (!body || typeof body.query !== "string") {
        return sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } });
      }
      const result = await executeAdminDocument({ store, shop: state.domain, baseUrl, bulk: false }, body as GraphqlRequest);
      return sendJson(res, 200, result, { "x-shopify-api-version": rest[1]! });
    }

    if (admin === "admin" && rest.join("/") === "oauth/access_token" && req.method === "POST") {
      if (!state) return sendJson(res, 400, { error: "invalid_request", error_description: "Unknown shop" });
      const raw = await readBody(req);
      const params: Record<string, string> = (req.headers["content-type"] ?? "").includes("application/json")
        ? (parseJson(raw) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(raw));
      if (params.grant_type !== "urn:ietf:params:oauth:grant-type:token-exchange" || !params.subject_token) {
        return sendJson(res, 400, { error: "invalid_request", error_description: "grant_type must be token-exchange with a subject_token" });
      }
      if (options.apiSecret && !verifySessionToken(params.subject_token, options.apiSecret, state.domain)) {
        return sendJson(res, 400, { error: "invalid_subject_token", error_description: "The session token could not be verified" });
      }
      const online = params.requested_token_type === "urn:shopify:params:oauth:token-type:online-access-token";
      return sendJson(res, 200, {
        access_token: state.accessToken,
        scope: state.scopes.join(","),
        ...(online ? { expires_in: 86399, associated_user_scope: state.scopes.join(","), associated_user: { id: 1, first_name: "Demo", last_name: "Merchant", email: state.shop.email, account_owner: true, locale: "en", collaborator: false, email_verified: true } } : {}),
      });
    }
    return sendJson(res, 404, { errors: "Not Found" });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body);
      sendJson(res, 500, { errors: "Internal Server Error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    store,
    webhooks,
    sendWebhook: (shop, topic, payload) => {
      if (!webhooks) throw new Error("sendWebhook needs startEmulator({ webhookTarget })");
      webhooks.send(shop, topic, payload);
    },
    close: async () => {
      webhooks?.close();
      await webhooks?.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
