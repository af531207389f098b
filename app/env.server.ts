import { z } from "zod";

/**
 * The app's configuration, read once from the environment. Secrets come only from here.
 * Missing values fail at start-up with the variable's name, not later with an obscure error.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "SHOPIFY_API_KEY is required (the app's client id)"),
  SHOPIFY_API_SECRET: z.string().min(1, "SHOPIFY_API_SECRET is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.string().url("SHOPIFY_APP_URL must be the app's public URL"),
  SCOPES: z.string().optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  /** Set only by `npm run demo` and the tests: where the local Shopify emulator listens. */
  SHOPIFY_EMULATOR_URL: z.string().url().optional(),
  BORDERLESS_DEMO: z.enum(["0", "1"]).default("0"),
  /** "0" keeps the background worker out of this process (when `scripts/worker.ts` runs it apart). */
  BORDERLESS_WORKER: z.enum(["0", "1"]).default("1"),
  /** How long the worker's claim on a batch lasts, in ms: after a crash, its deliveries wait this long. */
  WORKER_LEASE_MS: z.string().regex(/^\d+$/).optional(),
  /** Tracking notifications: SMTP relay (smtp[s]://user:pass@host:port) and the From address. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("tracking@borderless.app"),
  /** SMS through Twilio's Messages API; unset = SMS notifications are skipped and logged as such. */
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  /** The secret set on the EasyPost webhook (X-Hmac-Signature). */
  EASYPOST_WEBHOOK_SECRET: z.string().optional(),
  /** How often the tracking work (carrier polls, notification outbox) runs, in ms. */
  TRACKING_TICK_MS: z.string().regex(/^\d+$/).optional(),
  /** Overrides every carrier poll interval, in ms (the demo's simulated journeys move in minutes). */
  TRACKING_POLL_MS: z.string().regex(/^\d+$/).optional(),
  /** Set only by `npm run demo`: the demo's carrier simulator, answering DHL Express and UPS tracking calls. */
  TRACKING_CARRIER_SANDBOX_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && (env.BORDERLESS_DEMO === "1" || env.SHOPIFY_EMULATOR_URL || env.TRACKING_CARRIER_SANDBOX_URL)) {
    throw new Error("Demo mode and the Shopify emulator cannot be enabled when NODE_ENV=production");
  }
  return env;
}

export const env = readEnv();
export const isDemo = env.BORDERLESS_DEMO === "1";
