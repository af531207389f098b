import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";

describe("Warehouses admin page", () => {
  let page: Page;
  let app: FrameLocator;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));
  beforeAll(async () => {
    app = await openAdmin(page, demoUrl, "/app/warehouses");
    await app.getByTestId("warehouse-nl-venlo").waitFor({ timeout: 30_000 });
  });

  it("lists the seeded warehouses with kind, cutoff, handling, capacity, and the fulfillment model per market", async () => {
    await expect(app.getByTestId("warehouse-us-nj").textContent()).resolves.toBe("New Jersey Warehouse");
    await expect(app.getByTestId("warehouse-nl-venlo").textContent()).resolves.toBe("Venlo 3PL (EU)");
    await expect(app.getByTestId("warehouse-gb-northampton").textContent()).resolves.toBe("Northampton Warehouse (UK)");
    const venloRow = app.locator("tr", { has: app.getByTestId("warehouse-nl-venlo") });
    await expect(venloRow.textContent()).resolves.toMatch(/Bonded.*NL · Europe\/Amsterdam.*15:00, 1 day\(s\).*3\.20 \/ 0\.55 USD.*250/);
    await expect(app.getByTestId("market-*").textContent()).resolves.toBe("Orchestrated (4PL)");
    await expect(app.getByTestId("market-GB").textContent()).resolves.toBe("3PL per region");
  });

  it("saves an edited capacity, and refuses a bad cutoff with a message while keeping what was stored", async () => {
    const row = app.locator("tr", { has: app.getByTestId("warehouse-gb-northampton") });
    await row.getByRole("button", { name: "Edit" }).click();
    // The form is drawn again for this warehouse; type only once it holds its values.
    await app.getByRole("button", { name: "Save Northampton Warehouse (UK)" }).waitFor({ timeout: 10_000 });
    await expect.poll(() => app.getByLabel("Code", { exact: true }).inputValue(), { timeout: 10_000 }).toBe("gb-northampton");
    await app.getByLabel("Capacity per day").fill("180");
    await app.getByRole("button", { name: "Save Northampton Warehouse (UK)" }).click();
    await app.getByText("Saved Northampton Warehouse (UK)").waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await app.locator("tr", { has: app.getByTestId("warehouse-gb-northampton") }).textContent()) ?? "", { timeout: 10_000 }).toMatch(/Europe\/London.*180/);

    // The form stays open on the warehouse just saved.
    await app.getByLabel("Cutoff").fill("25:00");
    await app.getByRole("button", { name: "Save Northampton Warehouse (UK)" }).click();
    await expect(app.getByTestId("warehouse-error").textContent({ timeout: 15_000 })).resolves.toBe("cutoff: must be HH:MM");
    await expect(app.locator("tr", { has: app.getByTestId("warehouse-gb-northampton") }).textContent()).resolves.toMatch(/14:00, 1 day\(s\)/);
  });
});
