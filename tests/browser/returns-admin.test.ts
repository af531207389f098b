import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";

describe("admin Returns page", () => {
  let page: Page;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));

  it("lists the seeded returns with their routing decision, reason, label and status, and money recovered against origin-only", async () => {
    const app = await openAdmin(page, demoUrl, "/app/returns");
    const table = app.getByTestId("returns-table");
    await table.waitFor({ timeout: 60_000 });
    const text = (await table.textContent()) ?? "";
    expect(text).toMatch(/Venlo 3PL \(EU\) \(regional hub, NL\): resell, nets \$[\d,.]+/);
    expect(text).toContain("back to origin New Jersey Warehouse would net");
    expect(text).toMatch(/Keep it: returning costs more than it recovers/);
    expect(text).toMatch(/refurbish/);
    expect(text).toMatch(/RT\d{10}[A-Z]{2}/);
    expect(text).toMatch(/refunded/);
    expect(Number(await app.getByTestId("returns-count").textContent())).toBeGreaterThanOrEqual(5);
    const money = (s: string | null) => Number((s ?? "").replace(/[^\d.-]/g, ""));
    expect(money(await app.getByTestId("returns-recovered").textContent())).toBeGreaterThan(money(await app.getByTestId("returns-origin").textContent()));
    await app.getByText("Return policies per market").waitFor();
    await app.getByRole("navigation").count(); // the page renders inside the admin frame
  });

  it("receives a return: graded, restocked where it landed, refunded", async () => {
    const app = await openAdmin(page, demoUrl, "/app/returns");
    await app.getByTestId("returns-table").waitFor({ timeout: 60_000 });
    await app.getByRole("button", { name: "Mark received" }).first().click();
    const result = app.getByTestId("returns-result");
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(/received: 1 item\(s\) graded, refunded \d+\.\d\d USD/);
  });

  it("refuses a policy with a nonsense window and names the problem", async () => {
    const app = await openAdmin(page, demoUrl, "/app/returns");
    await app.getByText("Return policies per market").waitFor({ timeout: 60_000 });
    const window = app.getByLabel("Return window (days)").first();
    await window.fill("900");
    await app.getByRole("button", { name: /^Save \w+ policy$/ }).first().click();
    const result = app.getByTestId("returns-result");
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(/policy not saved: window must be 0-365 days/);
  });
});
