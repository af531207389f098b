import { createHmac, randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";
import { emulatorAdmin } from "../support/emulator-admin";

// The demo's app secret (scripts/demo.ts), unless the environment gives it another.
const SECRET = process.env.SHOPIFY_API_SECRET ?? "borderless-demo-api-secret";
const SHOP = "borderless-demo.myshopify.com";

async function emulatorOrderCount(emulatorUrl: string): Promise<number> {
  return (await emulatorAdmin(emulatorUrl, SHOP)<{ ordersCount: { count: number } }>("{ ordersCount(limit: null) { count } }")).ordersCount.count;
}

describe("order sync admin page", () => {
  let page: Page;
  const demoUrl = inject("demoUrl");
  const emulatorUrl = inject("emulatorUrl");

  useDesktopPage((p) => (page = p));

  it("shows the backfill of the seeded store completed, and a dead-lettered delivery with its error and a working retry", async () => {
    // A signed delivery that can never apply: an order without updated_at. Unique ids, so other files' deliveries do not matter.
    const marker = `#dead-${randomUUID().slice(0, 8)}`;
    const body = JSON.stringify({ id: 1, name: marker, currency: "USD" });
    const res = await fetch(`${demoUrl}/webhooks/orders`, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json", "X-Shopify-Topic": "orders/updated", "X-Shopify-Shop-Domain": SHOP, "X-Shopify-API-Version": "2026-10",
        "X-Shopify-Webhook-Id": randomUUID(), "X-Shopify-Event-Id": randomUUID(), "X-Shopify-Triggered-At": new Date().toISOString(),
        "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
      },
    });
    expect(res.status).toBe(200);

    const orders = await emulatorOrderCount(emulatorUrl);
    const app = await openAdmin(page, demoUrl, "/app/sync");
    await app.getByRole("heading", { name: "Order sync" }).waitFor({ timeout: 30_000 });
    // The page refreshes itself while work is under way.
    await app.getByTestId("backfill-status").getByText("completed").waitFor({ timeout: 60_000 });
    await expect.poll(async () => app.getByTestId("orders-synced").textContent(), { timeout: 30_000 }).toBe(orders.toLocaleString("en"));
    const error = app.getByTestId("dead-letter-error").filter({ hasText: "the order has no valid updated_at" }).first();
    await error.waitFor({ timeout: 30_000 });
    const deadBefore = Number(await app.getByTestId("inbox-dead").textContent());
    expect(deadBefore).toBeGreaterThan(0);
    await page.getByRole("navigation", { name: "App menu" }).getByText("Order sync").waitFor({ timeout: 10_000 });

    // Retry puts it back in the queue; it cannot apply, so it returns to the dead letters.
    await app.getByRole("row").filter({ has: app.getByText("the order has no valid updated_at") }).first().getByRole("button", { name: "Retry" }).click();
    await expect.poll(async () => Number(await app.getByTestId("inbox-dead").textContent()), { timeout: 30_000 }).toBe(deadBefore);
  });
});
