import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";

describe("3PL connection page (Venlo 3PL, simulated through the generic connector)", () => {
  let page: Page;
  let app: FrameLocator;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));
  beforeAll(async () => {
    app = await openAdmin(page, demoUrl, "/app/warehouses");
    await app.getByTestId("warehouse-nl-venlo").waitFor({ timeout: 30_000 });
  });

  it("opens from the warehouses list and shows health, last sync, backlog, the webhook address and the flagged stock difference", async () => {
    await app.locator("tr", { has: app.getByTestId("warehouse-nl-venlo") }).getByRole("link", { name: "3PL connection" }).click();
    await app.getByRole("heading", { name: "Venlo 3PL (EU)" }).waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("3pl-health").textContent()).resolves.toMatch(/Healthy|Waiting for first message/);
    await expect(app.getByTestId("3pl-last-sync").textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await expect(app.getByTestId("3pl-backlog").textContent()).resolves.toMatch(/^\d+ waiting$/);
    await expect(app.getByTestId("3pl-webhook-url").textContent()).resolves.toMatch(/\/webhooks\/3pl\/\w+$/);
    // The seeded count found two units fewer of one SKU than Shopify had.
    const difference = app.locator("tr", { has: app.locator('[data-testid^="discrepancy-"]') }).first();
    await expect(difference.textContent()).resolves.toMatch(/2 fewer than expected/);
  });

  it("orders handed to the simulated 3PL come back shipped, with tracking and a measured order-to-shipped time", async () => {
    await expect.poll(async () => {
      await openAdmin(page, demoUrl, "/app/warehouses/nl-venlo");
      await app.getByRole("heading", { name: "Venlo 3PL (EU)" }).waitFor({ timeout: 20_000 });
      return (await app.locator('[data-testid^="3pl-order-"]').allTextContents()).some((t) => /shipped/.test(t));
    }, { timeout: 50_000, interval: 2_000 }).toBe(true);
    const shippedRow = app.locator("tr", { has: app.locator('[data-testid^="3pl-order-"]', { hasText: /shipped/ }) }).first();
    await expect(shippedRow.textContent()).resolves.toMatch(/DHL Express JD0146/);
    await expect(app.getByTestId("3pl-speed").textContent()).resolves.toMatch(/^p50 [\d.]+ h · p90 [\d.]+ h$/);
    await expect(app.getByTestId("3pl-on-time").textContent()).resolves.toMatch(/^\d+ of \d+ shipped on promise$/);
  });

  it("imports a stock file: good rows applied, each bad row named by its line and reason", async () => {
    const stockForm = app.locator("form", { has: app.getByRole("button", { name: "Import stock count" }) });
    await stockForm.locator('input[type="file"]').setInputFiles({ name: "venlo-stock.csv", mimeType: "text/csv", buffer: Buffer.from("sku,on_hand\nNO-SUCH-SKU,4\nBAD-ROW,-1\n") });
    await stockForm.getByRole("button", { name: "Import stock count" }).click();
    await app.getByText(/Stock rows: 1 applied, 0 already applied, 1 difference\(s\) flagged, 1 row\(s\) with errors/).waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("row-errors").textContent()).resolves.toBe('Line 3: on_hand "-1" is not a whole number of units (0 or more)');
    // The flagged difference is listed once the page has reloaded its data after the import.
    await app.getByTestId("discrepancy-NO-SUCH-SKU").waitFor({ state: "visible", timeout: 10_000 });
  });
});
