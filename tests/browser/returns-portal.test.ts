import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { useDesktopPage } from "../support/browser";

describe("demo returns portal preview", () => {
  let page: Page;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));

  it("is linked from the demo admin; a buyer picks an item, sees the local return address, label and refund, submits and gets a label PDF", async () => {
    await page.goto(`${demoUrl}/demo`);
    await page.getByRole("link", { name: "Returns portal preview" }).click();
    await page.waitForURL(/\/demo\/returns-portal$/);
    expect(await page.locator("header").textContent()).toContain("Local emulator · demo data");

    const portal = page.getByTestId("portal");
    await portal.waitFor({ timeout: 60_000 }).catch(async (e) => {
      throw new Error(`${e.message}; the page shows: ${(await page.locator("main").textContent())?.slice(0, 400)}`);
    });
    expect(await portal.textContent()).toMatch(/European Union: returns within 30 days of delivery until \d{4}-\d\d-\d\d\. The return label is free\./);
    const quantity = portal.getByRole("spinbutton").first();
    await quantity.fill("1");
    await portal.getByRole("button", { name: "Review return" }).click();
    const review = page.getByTestId("portal-review");
    await review.waitFor({ timeout: 60_000 });
    const reviewed = (await review.textContent()) ?? "";
    // An EU buyer's parcel goes to the EU hub in Venlo (or, when the item is better kept, nowhere).
    expect(reviewed).toMatch(/send to Venlo 3PL \(EU\), Columbusweg 11, 5928 LA Venlo, NL\. Prepaid label \d+\.\d\d USD\.|keep it: no need to send it back\./);
    expect(reviewed).toMatch(/Refund estimate: \d+\.\d\d USD/);

    await portal.getByRole("button", { name: "Request return" }).click();
    const done = page.getByTestId("portal-done");
    await done.waitFor({ timeout: 60_000 }).catch(async (e) => {
      throw new Error(`${e.message}; the page shows: ${(await page.locator("main").textContent())?.slice(0, 600)}`);
    });
    expect(await done.textContent()).toMatch(/Return #\d+-R\d requested/);
    const link = done.getByRole("link", { name: /Download return label/ });
    if (await link.count()) {
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.headers()["content-type"]).toBe("application/pdf");
      expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  it("refuses another buyer's order with the app's message", async () => {
    const response = await page.request.get(`${demoUrl}/api/returns/order?orderId=gid://shopify/Order/1`, { headers: { Authorization: "Bearer not.a.token" } });
    expect(response.status()).toBe(401);
    expect((await response.json()).error).toMatch(/session token is required/);
  });
});
