import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";

describe("Landed cost calculator page", () => {
  let page: Page;
  let app: FrameLocator;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));
  beforeAll(async () => {
    app = await openAdmin(page, demoUrl, "/app/landed-cost");
    await app.getByRole("button", { name: "Calculate" }).waitFor({ timeout: 30_000 });
  });

  it("quotes the sample cart to Germany: per-line duty and VAT, totals, and the rules applied with their sources", async () => {
    await app.getByRole("button", { name: "Calculate" }).click();
    await app.getByTestId("quote-total").waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("quote-tax").textContent()).resolves.toMatch(/^\d+\.\d{2} EUR$/);
    await expect(app.getByTestId("quote-checkout").textContent()).resolves.toMatch(/EUR \(\d+\.\d{2} USD\)$/);
    const rows = app.getByRole("table").first().locator("tbody tr");
    await expect(rows.count()).resolves.toBe(3);
    await expect(rows.nth(0).textContent()).resolves.toContain("610910");
    const trace = app.getByTestId("trace");
    await expect(trace.textContent()).resolves.toContain("Union Customs Code");
    await expect(trace.textContent()).resolves.toContain("incoterm-DDP");
  });

  it("shows the error naming the field for a negative value and for a missing HS code, and no figures", async () => {
    await app.getByLabel("Line 2 unit value").fill("-5");
    await app.getByRole("button", { name: "Calculate" }).click();
    await expect(app.getByTestId("quote-error").textContent({ timeout: 20_000 })).resolves.toBe("lines[1].unitValue: must not be negative (got -5)");
    await expect(app.getByTestId("quote-total").count()).resolves.toBe(0);
    await app.getByLabel("Line 2 unit value").fill("165.00");
    await app.getByLabel("Line 1 HS code").fill("");
    await app.getByRole("button", { name: "Calculate" }).click();
    await app.getByTestId("quote-error").filter({ hasText: "lines[0].hsCode" }).waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("quote-error").textContent()).resolves.toBe("lines[0].hsCode: an HS code is required");
  });

  it("quotes the same cart to the United Kingdom in GBP, collected at the door under DAP", async () => {
    await app.getByLabel("Line 1 HS code").fill("610910");
    await app.getByLabel("Destination").selectOption("GB");
    await app.getByLabel("Incoterm").selectOption("DAP");
    await app.getByRole("button", { name: "Calculate" }).click();
    await app.getByTestId("quote-door").filter({ hasText: "GBP" }).waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("quote-door").textContent()).resolves.toMatch(/^[1-9]\d*\.\d{2} GBP \(\d+\.\d{2} USD\)$/);
    await expect(app.getByTestId("quote-checkout").textContent()).resolves.toMatch(/^0\.00 GBP/);
    await expect(app.getByTestId("trace").textContent()).resolves.toContain("HMRC");
  });

  it("quotes Canada (Ontario) once the broker's rates are typed beside the lines, and says which line lacks one before", async () => {
    await app.getByLabel("Destination").selectOption("CA");
    await app.getByLabel("Province or state").fill("ON");
    await app.getByRole("button", { name: "Calculate" }).click();
    await app.getByTestId("quote-error").filter({ hasText: "no CA duty rate is shipped" }).waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("quote-error").textContent()).resolves.toMatch(/^lines\[0\]\.hsCode: no CA duty rate is shipped for 610910/);
    for (const [line, rate] of [[1, "18"], [2, "18"], [3, "Free"]] as const) await app.getByLabel(`Line ${line} duty %`).fill(rate);
    await app.getByRole("button", { name: "Calculate" }).click();
    await app.getByTestId("quote-door").filter({ hasText: "CAD" }).waitFor({ timeout: 20_000 });
    await expect(app.getByTestId("quote-tax").textContent()).resolves.toMatch(/^\d+\.\d{2} CAD$/);
    await expect(app.getByTestId("trace").textContent()).resolves.toContain("rate entered for line 1");
  });
});
