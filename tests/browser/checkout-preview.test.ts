import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { useDesktopPage } from "../support/browser";

const LOCALES = Object.fromEntries(["en.default", "fr", "de", "es", "ja"].map((l) => [l.slice(0, 2), JSON.parse(readFileSync(`extensions/checkout-landed-cost/locales/${l}.json`, "utf8")) as Record<string, string>]));

/** A sentence of the extension in `locale`, any value in the placeholders. */
function sentence(locale: string, key: string): RegExp {
  const template = (LOCALES[locale.slice(0, 2)] ?? LOCALES.en!)[key]!;
  return new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\{\w+\}\}/g, ".+")}$`);
}

describe("demo checkout preview", () => {
  let page: Page;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));

  async function output(cart: string) {
    const section = page.getByTestId(`cart-${cart}`);
    await section.getByTestId("extension-output").waitFor({ timeout: 30_000 });
    return {
      lines: await section.getByTestId("extension-output").locator("div").allTextContents(),
      selected: await section.locator("li[data-selected]").textContent(),
      options: await section.locator("li").count(),
    };
  }

  it("is linked from the demo admin and shows, per seeded cart, what the extension says in the buyer's language and currency", async () => {
    await page.goto(`${demoUrl}/demo`);
    await page.getByRole("link", { name: "Checkout preview" }).click();
    await page.waitForURL(/\/demo\/checkout-preview$/);
    expect(await page.locator("header").textContent()).toContain("Local emulator · demo data");

    const gb = await output("gb-ddp");
    expect(gb.options).toBeGreaterThan(3);
    expect(gb.lines[0]).toMatch(/^Duties and import taxes included: £\d+\.\d\d$/);
    expect(gb.lines[1]).toMatch(/^Duties £\d+\.\d\d · VAT £\d+\.\d\d$/);
    expect(gb.lines[2]).toBe("Nothing to pay on delivery.");
    expect(gb.lines[3]).toMatch(/^Arrives \d{1,2} \w{3} – \d{1,2} \w{3}$/);
    expect(gb.selected).toContain("UPS Worldwide Expedited");

    const de = await output("de-dap");
    expect(de.lines[0]).toMatch(/^Bei Zustellung fallen etwa \d+,\d\d\s€ an Zöllen und Einfuhrsteuern an$/);
    expect(de.lines[1]).toMatch(/^Zoll \d+,\d\d\s€ · MwSt\. \d+,\d\d\s€$/);

    const au = await output("au-low-value");
    expect(au.lines.slice(0, 2)).toEqual(["No duties or import taxes to pay on delivery.", expect.stringMatching(/^GST of \$\d+\.\d\d is charged with your order\.$/)]);

    const ch = await output("ch-duty-free");
    // Swiss industrial goods are duty free since 2024; the VAT is still due at the door.
    expect(ch.lines[0]).toMatch(/^Environ \d+\.\d\d\sCHF de droits et taxes d'importation à payer à la livraison$/);
    expect(ch.lines[1]).toMatch(/^Droits 0\.00\sCHF · TVA \d+\.\d\d\sCHF$/);

    const es = await output("es-flat-duty");
    expect(es.lines[0]).toMatch(/^Unos \d+,\d\d\s€ en aranceles e impuestos de importación a pagar en la entrega$/);
  });

  async function orderStatus(kind: string) {
    const section = page.getByTestId(`order-${kind}`);
    await section.getByTestId("extension-output").waitFor({ timeout: 30_000 });
    const locale = (await section.locator("div").first().textContent())!.split(" · ")[1]!;
    return { locale, lines: await section.getByTestId("extension-output").locator("div").allTextContents() };
  }

  it("shows the order status block for shipped demo orders: duties paid (DDP) with the delivery window, and nothing due, in the buyer's language", async () => {
    await page.goto(`${demoUrl}/demo/checkout-preview`);
    const windowKeys = ["delivery", "orderStatus.arrivesOn", "orderStatus.expected", "orderStatus.expectedOn"];

    // A parcel still on its way (the tracking demo ships DHL Express DDP): paid, nothing due, the window.
    const ddp = await orderStatus("ddp");
    expect(ddp.lines[0]).toMatch(sentence(ddp.locale, "thankYou.paid"));
    expect(ddp.lines[1]).toMatch(sentence(ddp.locale, "nothingDue"));
    expect(windowKeys.some((k) => sentence(ddp.locale, k).test(ddp.lines[2]!)), ddp.lines[2]).toBe(true);
    expect(ddp.lines).toHaveLength(3);

    // Nothing at the door; a delivered order has no window left to restate.
    const none = await orderStatus("nothing-due");
    expect(none.lines[0]).toMatch(sentence(none.locale, "lowValue"));
    expect(none.lines.slice(1).every((l) => windowKeys.some((k) => sentence(none.locale, k).test(l)))).toBe(true);
  });
});
