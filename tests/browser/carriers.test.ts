import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";

describe("Carriers admin page", () => {
  let page: Page;
  let app: FrameLocator;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));
  beforeAll(async () => {
    app = await openAdmin(page, demoUrl, "/app/carriers");
    await app.getByRole("heading", { name: "Test a quote" }).waitFor({ timeout: 30_000 });
  });

  it("lists the seeded sample cards as samples, and every carrier and service with its origins", async () => {
    await expect(app.getByText("dhl-express-worldwide-nl", { exact: true }).count()).resolves.toBe(1);
    await expect(app.getByText("sample", { exact: true }).count()).resolves.toBe(27); // 9 per warehouse: US, NL, GB
    for (const name of ["DHL Express", "UPS", "USPS", "PostNL", "Royal Mail"]) {
      await expect(app.getByRole("checkbox", { name, exact: true }).isChecked()).resolves.toBe(true);
    }
    await expect(app.getByRole("checkbox", { name: "DHL Express Worldwide (express, from GB, NL, US)" }).isChecked()).resolves.toBe(true);
  });

  it("quotes a cart from Venlo to London under DDP: every candidate with price, window and why it ranks there", async () => {
    await app.getByLabel("Ships from").selectOption("venlo");
    await app.getByLabel("Destination country").fill("GB");
    await app.getByRole("button", { name: "Quote", exact: true }).click();
    const table = app.getByTestId("quote-table");
    await table.waitFor({ timeout: 30_000 });
    await expect(app.getByTestId("quote-summary").textContent()).resolves.toMatch(/^\d+ option\(s\) from venlo \(NL\), \d+ g worth [\d.]+ USD, DDP: duties and taxes collected at checkout\.$/);
    const rows = table.locator("tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(6);
    // The best score need not be the cheapest (speed and on-time history weigh in), but one row is the cheapest and the others say how far above it they are.
    await expect(table.getByText(/^lowest landed total \([\d.]+ USD\)$/).count()).resolves.toBe(1);
    await expect(table.getByText(/^landed total [\d.]+ USD, \d+% above the lowest$/).count()).resolves.toBe(count - 1);
    for (let i = 0; i < count; i++) {
      const text = (await rows.nth(i).textContent())!;
      expect(text).toMatch(new RegExp(`^${i + 1}`));
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/); // delivery window
      expect(text).toMatch(/delivered by \d{4}-\d{2}-\d{2}/); // speed reason
      expect(text).toMatch(/included|—/); // DDP: duties folded into the price
    }
  });

  it("switches a service off, and the next quote no longer offers it", async () => {
    await app.getByRole("checkbox", { name: "UPS Standard (economy, from GB, NL, US)" }).uncheck({ force: true });
    await app.getByRole("button", { name: "Save carriers and services" }).click();
    await expect(app.getByTestId("result-enabled").textContent({ timeout: 20_000 })).resolves.toBe("Carriers and services saved");
    await app.getByLabel("Ships from").selectOption("venlo");
    await app.getByRole("button", { name: "Quote", exact: true }).click();
    await app.getByTestId("quote-table").waitFor({ timeout: 30_000 });
    await expect(app.getByTestId("quote-table").getByText("UPS Standard", { exact: true }).count()).resolves.toBe(0);
    await expect(app.getByTestId("quote-table").getByText("UPS Worldwide Express", { exact: true }).count()).resolves.toBe(1);
    // The demo server is shared by every browser test: put the service back as the demo seeded it.
    await app.getByRole("checkbox", { name: "UPS Standard (economy, from GB, NL, US)" }).check({ force: true });
    await app.getByRole("button", { name: "Save carriers and services" }).click();
    await expect(app.getByTestId("result-enabled").textContent({ timeout: 20_000 })).resolves.toBe("Carriers and services saved");
  });

  it("imports a rate card with row-level errors and lists each error with its line, storing nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "borderless-card-"));
    const file = path.join(dir, "broken-card.csv");
    const good = [
      "record,key,value,zone,country,postcode_from,postcode_to,up_to_kg,price,transit_min,transit_max,customs_days",
      "setting,carrier_id,dhl-express,,,,,,,,,",
      "setting,carrier_name,DHL Express,,,,,,,,,",
      "setting,service_code,P,,,,,,,,,",
      "setting,service_name,DHL Express Worldwide,,,,,,,,,",
      "setting,level,express,,,,,,,,,",
      "setting,origin_country,NL,,,,,,,,,",
      "setting,currency,EUR,,,,,,,,,",
      "setting,dim_divisor,5000,,,,,,,,,",
      "zone,,,1,DE,,,,,1,2,0",
      "zone,,,1,XX1,,,,,1,2,0",
      "rate,,,1,,,,0.5,29.90,,,",
      "rate,,,1,,,,1,thirty,,,",
    ].join("\n");
    writeFileSync(file, good);
    await app.getByLabel("Rate-card file").setInputFiles(file);
    await app.getByRole("button", { name: "Import", exact: true }).click();
    await expect(app.getByTestId("import-result").textContent({ timeout: 20_000 })).resolves.toMatch(/^broken-card\.csv was not imported: \d+ error\(s\)$/);
    const errors = app.getByTestId("import-errors").locator("tbody tr");
    await expect(errors.count()).resolves.toBeGreaterThanOrEqual(2);
    const text = (await app.getByTestId("import-errors").textContent())!;
    expect(text).toContain("11"); // the zone row with a bad country
    expect(text).toContain("13"); // the rate row with a word for a price
    await expect(app.getByText("broken-card", { exact: true }).count()).resolves.toBe(0);
  });

  it("stores carrier credentials and shows back only a hint, never the secret", async () => {
    await app.getByLabel("Carrier", { exact: true }).selectOption("ups");
    await app.getByLabel("Client ID").fill("ups-client-7781");
    await app.getByLabel("Client secret").fill("s3cr3t-never-shown");
    await app.getByLabel("Shipper number").fill("A1B2C3");
    await app.getByRole("button", { name: "Save credentials" }).click();
    await expect(app.getByTestId("result-credentials").textContent({ timeout: 20_000 })).resolves.toBe("Credentials for ups saved: Client ID …7781, Shipper number …B2C3, 1 secret stored");
    // The page reloads its data after the save; the carrier's line then shows the same hint.
    await app.getByTestId("credentials-ups").filter({ hasText: "Client ID …7781, Shipper number …B2C3, 1 secret stored" }).waitFor({ timeout: 20_000 });
    const html = await page.frame({ url: /\/app\/carriers/ })!.content();
    expect(html).not.toContain("s3cr3t-never-shown");
    expect(html).not.toContain("ups-client-7781");
    await expect(app.getByLabel("Client secret").inputValue()).resolves.toBe("");
  });
});
