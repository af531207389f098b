import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP_USER_AGENT, appFrame, useDesktopPage } from "../support/browser";
import { emulatorAdmin } from "../support/emulator-admin";

/** What the emulator holds for the demo shop, asked through its Admin API like any client would. */
async function emulatorCounts(emulatorUrl: string) {
  const data = await emulatorAdmin(emulatorUrl)<{ productsCount: { count: number }; ordersCount: { count: number }; locations: { nodes: { name: string; fulfillmentService: { id: string } | null }[] } }>(
    "{ productsCount { count } ordersCount(limit: null) { count } locations(first: 25) { nodes { name fulfillmentService { id } } } }",
  );
  // Locations the app registered as fulfillment services stand for warehouses already listed.
  return { ...data, locations: { nodes: data.locations.nodes.filter((l) => !l.fulfillmentService) } };
}

describe("demo admin home page", () => {
  let page: Page;
  const demoUrl = inject("demoUrl");
  const emulatorUrl = inject("emulatorUrl");

  useDesktopPage((p) => (page = p));

  it("opens in the admin frame, says it is demo data, and shows the seeded store's figures", async () => {
    const expected = await emulatorCounts(emulatorUrl);
    await page.goto(`${demoUrl}/demo`);
    expect(await page.locator("header").textContent()).toContain("Local emulator · demo data");
    const app = appFrame(page);
    await expect(app.getByText("this is demo data from the local Shopify emulator").first().waitFor({ timeout: 30_000 })).resolves.toBeUndefined();
    await expect(app.getByTestId("metric-products").textContent()).resolves.toBe(expected.productsCount.count.toLocaleString("en"));
    await expect(app.getByTestId("metric-orders").textContent()).resolves.toBe(expected.ordersCount.count.toLocaleString("en"));
    await expect(app.getByTestId("metric-warehouses").textContent()).resolves.toBe(String(expected.locations.nodes.length));
    for (const location of expected.locations.nodes) {
      await expect(app.getByText(location.name, { exact: true }).count()).resolves.toBeGreaterThan(0);
    }
    await expect(app.getByRole("table").locator("tbody tr").count()).resolves.toBe(8);
    // The frame's menu is drawn from the app's own <NavMenu>, reported by the App Bridge shim.
    await page.getByRole("navigation", { name: "App menu" }).getByText("Home").waitFor({ timeout: 10_000 });
    // The README's screenshot, refreshed on demand: UPDATE_SCREENSHOTS=1 npx vitest run --project browser
    if (process.env.UPDATE_SCREENSHOTS === "1") await page.screenshot({ path: "docs/images/demo-home.png" });
  });

  it("answers an unknown page with a 404 and a message, not a stack trace", async () => {
    const res = await fetch(`${demoUrl}/no-such-page`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("No page at /no-such-page");
    expect(html).not.toMatch(/at \w+ \(.*:\d+:\d+\)/);
  });

  it("refuses an admin page without a session token", async () => {
    const res = await fetch(`${demoUrl}/app`, { headers: { Authorization: "Bearer forged", "User-Agent": DESKTOP_USER_AGENT } });
    expect(res.status).toBe(401);
  });
});
