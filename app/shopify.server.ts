import "@shopify/shopify-app-remix/adapters/node";
import { createHmac, timingSafeEqual } from "node:crypto";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "./env.server";
import { emulatorFetch } from "./integrations/shopify/emulator-fetch.server";
import { ACCESS_SCOPES } from "./integrations/shopify/scopes";
import { requestInitialBackfill } from "./jobs/backfill.server";
import { adminGraphqlOf } from "./integrations/shopify/admin-graphql.server";
import { setUpCarriersOnInstall } from "./services/carrier-install.server";

if (env.SHOPIFY_EMULATOR_URL) {
  setAbstractFetchFunc(emulatorFetch(env.SHOPIFY_EMULATOR_URL));
}

export const API_VERSION = ApiVersion.October26;

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: env.SCOPES ? env.SCOPES.split(",") : [...ACCESS_SCOPES],
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  hooks: {
    // A newly installed shop gets its order history copied in by a bulk-operation backfill.
    afterAuth: async ({ session, admin }) => {
      await requestInitialBackfill(prisma, session.shop);
      // The checkout rates callback, and the catalogue's customs data its quotes need.
      await setUpCarriersOnInstall(prisma, session.shop, adminGraphqlOf(admin), { appUrl: env.SHOPIFY_APP_URL, appSecret: env.SHOPIFY_API_SECRET });
    },
  },
  // Shopify-managed installation and token exchange instead of the OAuth redirect dance.
  future: { unstable_newEmbeddedAuthStrategy: true },
  // The library logs every authenticated request at INFO ("Authenticating checkout request"): a
  // console write on each checkout quote and admin load, a sixth of the quote endpoint's CPU time.
  logger: { level: LogSeverity.Warning },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;

/**
 * Shopify's own webhook check (HMAC over the raw body, then the required headers), as
 * `authenticate.webhook` runs it, but without the offline-session read from the database it adds
 * for every delivery: the inbox needs only the shop, topic and ids, and that read was a database
 * round trip per webhook on the acknowledgement path.
 */
const webhookApi = shopifyApi({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: [],
  hostName: new URL(env.SHOPIFY_APP_URL).host,
  hostScheme: new URL(env.SHOPIFY_APP_URL).protocol === "http:" ? "http" : "https",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

export type WebhookCheck =
  | { valid: true; domain: string; topic: string; apiVersion: string; webhookId: string; triggeredAt?: string; eventId?: string }
  | { valid: false; reason: string };

/**
 * Verifies a webhook. A classic webhook (`X-Shopify-Hmac-Sha256`) is checked here with Node's
 * HMAC-SHA256 over the raw body and a constant-time comparison, then the same required headers
 * Shopify's library requires; anything else goes to Shopify's `webhooks.validate`. Measured on
 * the acknowledgement path (bench/sync.bench.ts), the library's check costs several times more
 * (Web Crypto round trip, header canonicalisation) for the same answer.
 */
export async function verifyWebhook(rawBody: string, request: Request): Promise<WebhookCheck> {
  const h = request.headers;
  const hmac = h.get("x-shopify-hmac-sha256");
  if (!hmac) return (await webhookApi.webhooks.validate({ rawBody, rawRequest: request })) as WebhookCheck;
  if (!rawBody) return { valid: false, reason: "missing_body" };
  const expected = createHmac("sha256", env.SHOPIFY_API_SECRET).update(rawBody, "utf8").digest();
  const given = Buffer.from(hmac, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "invalid_hmac" };
  const topic = h.get("x-shopify-topic");
  const domain = h.get("x-shopify-shop-domain");
  const apiVersion = h.get("x-shopify-api-version");
  const webhookId = h.get("x-shopify-webhook-id");
  if (!topic || !domain || !apiVersion || !webhookId) return { valid: false, reason: "missing_headers" };
  const triggeredAt = h.get("x-shopify-triggered-at") ?? undefined;
  const eventId = h.get("x-shopify-event-id") ?? undefined;
  return { valid: true, domain, topic, apiVersion, webhookId, ...(triggeredAt ? { triggeredAt } : {}), ...(eventId ? { eventId } : {}) };
}
