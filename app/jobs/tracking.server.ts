import type { PrismaClient } from "@prisma/client";
import type { Env } from "../env.server";
import { createDhlExpressAdapter } from "../integrations/carriers/dhl-express/client.server";
import { adapterFromCredentials } from "../integrations/carriers/registry.server";
import { createUpsAdapter } from "../integrations/carriers/ups/client.server";
import { createSmtpSender } from "../integrations/notify/email.server";
import { sendDueNotifications, type SendDeps } from "../integrations/notify/send.server";
import { createTwilioSender } from "../integrations/notify/sms.server";
import { pollDueShipments } from "../integrations/tracking/poll.server";
import { loadCredentials } from "../services/carrier-settings.server";

declare global {
  // eslint-disable-next-line no-var
  var borderlessTracking: { stop(): void } | undefined;
}

/** The email and SMS senders the environment configures (either may be absent: those messages are logged as skipped). */
export function notificationSenders(env: Env): Pick<SendDeps, "email" | "sms" | "fromAddress" | "appUrl"> {
  return {
    email: env.SMTP_URL ? createSmtpSender(env.SMTP_URL) : null,
    sms: env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM ? createTwilioSender({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM }) : null,
    fromAddress: env.MAIL_FROM,
    appUrl: env.SHOPIFY_APP_URL,
  };
}

/**
 * Background tracking work, once per process: polls carriers without webhooks through the shop's
 * own carrier credentials, and sends the notification outbox. Both claim their rows, so several
 * instances can run it side by side.
 */
export function startTrackingWork(db: PrismaClient, env: Env, intervalMs = Number(env.TRACKING_TICK_MS ?? 15_000)): { stop(): void } {
  if (globalThis.borderlessTracking) return globalThis.borderlessTracking;
  const senders = notificationSenders(env);
  const credentials = new Map<string, { at: number; values: Map<string, Record<string, string>> }>();
  const sandbox = env.TRACKING_CARRIER_SANDBOX_URL;
  const adapterFor = async (shop: string, carrier: string) => {
    // The demo's carrier simulator stands in for DHL's and UPS's APIs, like the emulator for Shopify's.
    if (sandbox && carrier === "dhl-express") return createDhlExpressAdapter({ username: "demo", password: "demo", accountNumber: "demo", baseUrl: `${sandbox}/dhl` });
    if (sandbox && carrier === "ups") return createUpsAdapter({ clientId: "demo", clientSecret: "demo", accountNumber: "demo", baseUrl: `${sandbox}/ups` });
    let cached = credentials.get(shop);
    if (!cached || Date.now() - cached.at > 60_000) {
      cached = { at: Date.now(), values: await loadCredentials(db, shop, env.SHOPIFY_API_SECRET) };
      credentials.set(shop, cached);
    }
    const values = cached.values.get(carrier);
    return values ? adapterFromCredentials(carrier, values) : null;
  };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await pollDueShipments({ db, adapterFor, now: () => new Date(), ...(env.TRACKING_POLL_MS ? { delayFor: () => Number(env.TRACKING_POLL_MS) } : {}) });
      await sendDueNotifications({ db, ...senders, now: () => new Date() });
    } catch (error) {
      console.error("tracking work failed; retrying on the next tick", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  globalThis.borderlessTracking = { stop: () => clearInterval(timer) };
  return globalThis.borderlessTracking;
}
