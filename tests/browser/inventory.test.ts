import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";

async function openPage(page: Page, demoUrl: string, path: string, heading: string): Promise<FrameLocator> {
  const app = await openAdmin(page, demoUrl, path);
  await app.getByRole("heading", { name: heading, exact: true }).first().waitFor({ timeout: 30_000 });
  return app;
}

describe("inventory and dashboards admin pages", () => {
  let page: Page;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));
  beforeAll(async () => {
    page.setViewportSize({ width: 1366, height: 1000 });
    // Forecasts and dashboards read the synced orders: wait for the install's backfill.
    const sync = await openPage(page, demoUrl, "/app/sync", "Order sync");
    await sync.getByTestId("backfill-status").getByText("completed").waitFor({ timeout: 90_000 });
  }, 120_000);

  it("shows stock per warehouse, refreshes forecasts with progress, charts one with its interval, and approves a reallocation plan into in-transit stock", async () => {
    const app = await openPage(page, demoUrl, "/app/inventory", "Inventory");
    await expect(app.getByTestId("stock-matrix").locator("tbody tr").count()).resolves.toBeGreaterThan(20);
    await expect(app.getByTestId("stock-matrix").textContent()).resolves.toContain("Venlo 3PL (EU)");

    await app.getByRole("button", { name: "Refresh forecasts" }).click();
    await app.getByTestId("forecast-run-status").getByText("done").waitFor({ timeout: 60_000 });
    await expect(app.getByTestId("forecast-method").textContent()).resolves.toMatch(/^(naive|ses|croston|sba|tsb|holt-winters|holt-winters-log|seasonal-naive)$/);
    // Polaris Viz draws the history, the forecast and both interval bounds as SVG lines.
    await app.getByTestId("forecast-chart").locator("svg path").first().waitFor({ state: "attached", timeout: 15_000 });
    await expect(app.getByTestId("forecast-chart").locator("svg path").count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(app.getByTestId("cover-EU").textContent()).resolves.toMatch(/^\d+|–$/);

    await app.getByRole("button", { name: "Propose plan" }).click();
    await app.getByTestId("plan-status").getByText("proposed").waitFor({ timeout: 60_000 });
    await expect(app.getByTestId("plan-lines").textContent()).resolves.toContain("Venlo 3PL (EU)");
    await expect(app.getByTestId("plan-lines").textContent()).resolves.toContain("on approval");

    await app.getByRole("button", { name: "Approve transfers" }).click();
    await app.getByTestId("plan-status").getByText("approved").waitFor({ timeout: 30_000 });
    await expect(app.getByTestId("plan-lines").textContent()).resolves.not.toContain("on approval");
    // Approved units show as in transit at their destination.
    await expect(app.getByTestId("stock-matrix").textContent()).resolves.toMatch(/[1-9]\d* in transit/);
  }, 180_000);

  it("shows delivery time by lane, cost per order by region with charts, volume-tier progress, and filters by market", async () => {
    const app = await openPage(page, demoUrl, "/app/dashboards", "Dashboards");
    const orders = Number((await app.getByTestId("kpi-orders").textContent())!.replace(/,/g, ""));
    expect(orders).toBeGreaterThan(100);
    await expect(app.getByTestId("lanes").locator("tbody tr").count()).resolves.toBeGreaterThan(3);
    await expect(app.getByTestId("cost-by-region").textContent()).resolves.toContain("EU");
    await app.getByTestId("chart-cost-region").locator("svg").first().waitFor({ timeout: 15_000 });
    await app.getByTestId("chart-delivery").locator("svg").first().waitFor({ timeout: 15_000 });
    // Forecasts were refreshed on the inventory page: the cover by region is charted.
    await expect(app.getByTestId("cover").textContent()).resolves.toContain("EU");
    await app.getByTestId("chart-cover").locator("svg").first().waitFor({ timeout: 15_000 });
    await expect(app.getByTestId("tier-dhl-express").textContent()).resolves.toMatch(/^\d+ more parcels this month to reach the next discount \(5% from 250\)\.$/);
    // The README's screenshot, refreshed on demand: UPDATE_SCREENSHOTS=1 npx vitest run --project browser tests/browser/inventory.test.ts
    if (process.env.UPDATE_SCREENSHOTS === "1") await page.screenshot({ path: "docs/images/dashboards.png", fullPage: false });

    await app.getByLabel("Market").selectOption("GB");
    await app.getByRole("button", { name: "Apply" }).click();
    await expect.poll(async () => app.getByTestId("cost-by-market").locator("tbody tr").count(), { timeout: 30_000 }).toBe(1);
    await expect(app.getByTestId("cost-by-market").textContent()).resolves.toContain("GB");
  }, 120_000);
});
