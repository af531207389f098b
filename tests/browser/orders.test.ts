import { describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { emulatorAdmin } from "../support/emulator-admin";
import { openAdmin, useDesktopPage } from "../support/browser";

/** An order's fulfillments' tracking info as the emulator holds it. */
async function trackingInfoInShopify(emulatorUrl: string, orderId: string): Promise<{ number: string; url: string | null }[]> {
  const data = await emulatorAdmin(emulatorUrl)<{ order: { fulfillments: { trackingInfo: { number: string; url: string | null }[] }[] } }>(
    "query($id: ID!) { order(id: $id) { fulfillments(first: 5) { trackingInfo(first: 5) { number url } } } }", { id: orderId });
  return data.order.fulfillments.flatMap((f) => f.trackingInfo);
}

async function trackingInShopify(emulatorUrl: string, orderId: string): Promise<string[]> {
  return (await trackingInfoInShopify(emulatorUrl, orderId)).map((t) => t.number);
}

describe("Orders admin pages", () => {
  let page: Page;
  let app: FrameLocator;
  const demoUrl = inject("demoUrl");
  const emulatorUrl = inject("emulatorUrl");

  useDesktopPage((p) => (page = p));

  const open = async () => {
    app = await openAdmin(page, demoUrl, "/app/orders");
    await app.getByTestId("order-link").first().waitFor({ timeout: 30_000 });
  };
  const rowOf = (status: string) => app.locator("tbody tr", { has: app.getByTestId("order-status").getByText(status, { exact: true }) });

  it("lists routed orders with their warehouse and service, and the two seeded shipments with labels and tracking", async () => {
    await open();
    await expect(rowOf("routed").count()).resolves.toBeGreaterThan(3);
    await expect(rowOf("fulfilled").count()).resolves.toBe(2);
    const shipped = rowOf("fulfilled").first();
    await expect(shipped.textContent()).resolves.toMatch(/label/);
    await expect(shipped.textContent()).resolves.toMatch(/SBX\d{12}/);
  });

  it("shows an order's routing decision with every candidate, its costs and the reason", async () => {
    await open();
    await rowOf("routed").first().getByTestId("order-link").click();
    await app.getByTestId("decision-reason").waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("decision-reason").textContent()).resolves.toMatch(/ via .* at \d+\.\d{2} USD \(shipping/);
    const candidates = app.getByTestId("candidates").locator("tbody tr");
    await expect(candidates.count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(app.getByTestId("candidates").getByText("chosen").count()).resolves.toBe(1);
  });

  it("bulk-fulfils a selected order with progress, and the tracking number reaches the order in Shopify", async () => {
    await open();
    const row = rowOf("routed").first();
    const name = (await row.getByTestId("order-link").textContent())!;
    const href = (await row.getByTestId("order-link").getAttribute("href"))!;
    const orderId = decodeURIComponent(href.split("/app/orders/")[1]!.split("?")[0]!);
    await row.locator('input[type="checkbox"]').first().click({ force: true });
    await app.getByRole("button", { name: "Fulfil" }).click();
    await app.getByText(/Fulfilling 1 of 1 - done/).waitFor({ timeout: 60_000 });
    const tracking = app.getByTestId(`tracking-${name}`);
    await expect.poll(async () => (await tracking.textContent()) ?? "", { timeout: 20_000 }).toMatch(/^SBX\d{12}$/);
    await expect(trackingInShopify(emulatorUrl, orderId)).resolves.toEqual([await tracking.textContent()]);
    // Shopify's tracking link for the parcel leads to the shop's branded tracking page.
    const [info] = await trackingInfoInShopify(emulatorUrl, orderId);
    expect(info!.url).toMatch(/\/track\/[A-Za-z0-9_-]{20,}$/);
    const trackingPage = await fetch(info!.url!.replace(/^https?:\/\/[^/]+/, demoUrl));
    expect(trackingPage.status).toBe(200);
    expect(await trackingPage.text()).toContain(info!.number);
  });

  it("re-plans the open orders together with the optimiser and says what it cost", async () => {
    await open();
    await app.getByRole("button", { name: "Re-plan open orders" }).click();
    await expect(app.getByTestId("replan-result").textContent({ timeout: 60_000 })).resolves.toMatch(/^Re-planned \d+ open orders together: \d+\.\d{2} in total, was \d+\.\d{2}$/);
    await rowOf("routed").first().getByTestId("order-link").click();
    await expect(app.getByTestId("decision-reason").textContent({ timeout: 20_000 })).resolves.toMatch(/^re-planned with \d+ open orders \(HiGHS optimum\)/);
  });
});
