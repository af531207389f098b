import { createHmac, randomUUID } from "node:crypto";
import type { Store, StoreChange } from "./store";
import { webhookPayload } from "./webhook-payloads";
import { ADMIN_API_VERSION } from "./schema";

export interface WebhookDelivery {
  url: string;
  topic: string;
  shop: string;
  body: string;
  headers: Record<string, string>;
}

export interface WebhookDispatcherOptions {
  apiSecret: string;
  /**
   * Where deliveries go. `{topic}` in it is replaced by the topic ("orders/create"); otherwise
   * `/webhooks/<topic>` is appended, the path Shopify's app template gives each topic's route.
   * A function gives each topic's full URL (the app's shopify.app.toml groups topics under paths).
   */
  target: string | ((topic: string) => string);
  /** Attempts per delivery (Shopify retries 8 times over 4 h; locally a few quick ones do). */
  attempts?: number;
  backoffMs?: number;
  /** Only these topics are sent when set. */
  topics?: readonly string[];
  fetch?: typeof fetch;
}

export function signWebhookBody(body: string, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(body, "utf8").digest("base64");
}

export function webhookUrl(target: string | ((topic: string) => string), topic: string): string {
  if (typeof target === "function") return target(topic);
  return target.includes("{topic}") ? target.replace("{topic}", topic) : `${target.replace(/\/$/, "")}/webhooks/${topic}`;
}

/** Sends Shopify-shaped, signed webhook deliveries for store changes, without blocking the change. */
export class WebhookDispatcher {
  enabled = true;
  readonly delivered: WebhookDelivery[] = [];
  readonly failed: (WebhookDelivery & { error: string })[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: Store, private readonly options: WebhookDispatcherOptions) {
    this.unsubscribe = store.onChange((change) => this.onChange(change));
  }

  private onChange(change: StoreChange): void {
    if (!this.enabled) return;
    if (this.options.topics && !this.options.topics.includes(change.topic)) return;
    // Built now, sent later: Shopify delivers the payload as it was when the event happened.
    const payload = webhookPayload(this.store, change);
    if (!payload) return;
    this.send(change.shop, change.topic, payload, change.triggeredAt);
  }

  /** Queues one delivery; returns at once. `idle()` waits for it. */
  send(shop: string, topic: string, payload: unknown, triggeredAt = this.store.now().toISOString()): void {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": signWebhookBody(body, this.options.apiSecret),
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": ADMIN_API_VERSION,
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-event-id": randomUUID(),
      "x-shopify-triggered-at": triggeredAt,
    };
    const delivery: WebhookDelivery = { url: webhookUrl(this.options.target, topic), topic, shop, body, headers };
    const task = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.deliver(delivery));
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const attempts = this.options.attempts ?? 4;
    const backoff = this.options.backoffMs ?? 200;
    const doFetch = this.options.fetch ?? fetch;
    let lastError = "";
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoff * 2 ** (attempt - 1)));
      try {
        const response = await doFetch(delivery.url, {
          method: "POST", headers: delivery.headers, body: delivery.body, redirect: "manual", signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer().catch(() => undefined);
        // Shopify counts only 2xx as delivered.
        if (response.status >= 200 && response.status < 300) {
          this.delivered.push(delivery);
          return;
        }
        lastError = `HTTP ${response.status}`;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    this.failed.push({ ...delivery, error: lastError });
  }

  /** Resolves when every queued delivery has succeeded or used up its retries. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.unsubscribe();
  }
}
