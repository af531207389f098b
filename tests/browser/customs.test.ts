import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { openAdmin, useDesktopPage } from "../support/browser";
import { emulatorAdmin } from "../support/emulator-admin";

/** The HS codes and origins Shopify holds for a product's variants, asked from the emulator's Admin API. */
async function shopifyCodes(emulatorUrl: string, title: string) {
  const data = await emulatorAdmin(emulatorUrl)<{ products: { nodes: { title: string; variants: { nodes: { inventoryItem: { harmonizedSystemCode: string | null; countryCodeOfOrigin: string | null } }[] } }[] } }>(
    "query ($q: String) { products(first: 5, query: $q) { nodes { title variants(first: 20) { nodes { inventoryItem { harmonizedSystemCode countryCodeOfOrigin } } } } } }",
    { q: `title:"${title}"` },
  );
  const product = data.products.nodes.find((p) => p.title === title)!;
  return product.variants.nodes.map((v) => [v.inventoryItem.harmonizedSystemCode, v.inventoryItem.countryCodeOfOrigin]);
}

describe("Customs admin page", () => {
  let page: Page;
  let app: FrameLocator;
  const demoUrl = inject("demoUrl");
  const emulatorUrl = inject("emulatorUrl");

  useDesktopPage((p) => (page = p));
  beforeAll(async () => {
    app = await openAdmin(page, demoUrl, "/app/customs");
    await app.getByText("Soy Wax Candle", { exact: true }).waitFor({ timeout: 30_000 });
  });

  it("shows a product with no code on Shopify, its suggestion with a confidence, and after Confirm the emulator's inventory item has that code", async () => {
    expect(await shopifyCodes(emulatorUrl, "Soy Wax Candle")).toEqual([[null, "US"]]);
    const select = app.getByLabel("HS code for Soy Wax Candle");
    const code = await select.inputValue();
    expect(code).toMatch(/^\d{6}$/);
    const label = await select.locator(`option[value="${code}"]`).textContent();
    expect(label).toMatch(new RegExp(`^${code} · .+ \\(\\d+%`));
    await app.getByRole("button", { name: "Confirm Soy Wax Candle" }).click();
    await app.getByTestId("customs-confirmed").filter({ hasText: `Soy Wax Candle: ${code} (1 inventory item updated on Shopify)` }).waitFor({ timeout: 20_000 });
    expect(await shopifyCodes(emulatorUrl, "Soy Wax Candle")).toEqual([[code, "US"]]);
    const row = app.getByRole("row").filter({ hasText: "Soy Wax Candle" });
    await row.getByText("Confirmed", { exact: true }).waitFor({ timeout: 20_000 });
  });

  it("confirms several selected products at once with the chosen code and origin", async () => {
    expect(await shopifyCodes(emulatorUrl, "Full-Grain Leather Wallet")).toEqual([[null, "IT"]]);
    await app.getByLabel("HS code for Full-Grain Leather Wallet").selectOption("420231");
    await app.getByLabel("Origin of Full-Grain Leather Wallet").fill("ES");
    for (const title of ["Full-Grain Leather Wallet", "Argan Repair Shampoo"]) {
      await app.getByRole("row").filter({ hasText: title }).getByRole("checkbox").check({ force: true });
    }
    const shampooCode = await app.getByLabel("HS code for Argan Repair Shampoo").inputValue();
    await app.getByRole("button", { name: "Confirm selected codes" }).click();
    const banner = app.getByTestId("customs-confirmed").filter({ hasText: "Full-Grain Leather Wallet: 420231" });
    await banner.waitFor({ timeout: 20_000 });
    await expect(banner.textContent()).resolves.toContain(`Argan Repair Shampoo: ${shampooCode}`);
    expect(await shopifyCodes(emulatorUrl, "Full-Grain Leather Wallet")).toEqual([["420231", "ES"]]);
    expect(await shopifyCodes(emulatorUrl, "Argan Repair Shampoo")).toEqual([[shampooCode, "US"]]);
  });

  it("refuses an unknown country of origin with a message naming the field, and leaves Shopify as it was", async () => {
    const before = await shopifyCodes(emulatorUrl, "Wooden Building Blocks (50 pcs)");
    await app.getByLabel("Origin of Wooden Building Blocks (50 pcs)").fill("XX");
    await app.getByRole("button", { name: "Confirm Wooden Building Blocks (50 pcs)" }).click();
    await expect(app.getByTestId("customs-error").textContent({ timeout: 20_000 })).resolves.toBe('items[0].originCountry: "XX" is not an ISO 3166 country code');
    expect(await shopifyCodes(emulatorUrl, "Wooden Building Blocks (50 pcs)")).toEqual(before);
  });

  it("lists the labelling rules of the shop's markets for a product, each with its source", async () => {
    await app.getByLabel("Product", { exact: true }).selectOption({ label: await app.getByLabel("Product", { exact: true }).locator("option", { hasText: "Organic Cotton Tee" }).textContent() ?? "" });
    await expect(app.getByText("us-textile-label").count()).resolves.toBe(1);
    await expect(app.getByText("Source: Textile Fiber Products Identification Act", { exact: false }).count()).resolves.toBe(1);
  });
});
