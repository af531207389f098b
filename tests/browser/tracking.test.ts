import { describe, expect, inject, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { DESKTOP_USER_AGENT, appFrame, newDesktopContext, openAdmin, useDesktopPage } from "../support/browser";

/** The shipments table's rows as the merchant reads them: parcel link, status and attention badges. */
async function shipmentRows(app: FrameLocator) {
  const rows = app.getByTestId("shipments-table").locator("tbody tr");
  await rows.first().waitFor({ timeout: 30_000 });
  const out: { parcel: string; href: string; status: string; attention: string }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator("td, th");
    const link = cells.nth(1).locator("a");
    out.push({ parcel: (await link.textContent()) ?? "", href: (await link.getAttribute("href")) ?? "", status: (await cells.nth(2).textContent()) ?? "", attention: (await cells.nth(3).textContent()) ?? "" });
  }
  return out;
}

describe("tracking in the demo", () => {
  let page: Page;
  const demoUrl = inject("demoUrl");

  useDesktopPage((p) => (page = p));

  it("lists shipments needing attention first, with the seeded customs holds, exceptions and late parcels", async () => {
    const app = await openAdmin(page, demoUrl, "/app/shipments");
    await app.getByText("Demo data: shipments from the emulator's seeded fulfillments").waitFor({ timeout: 30_000 });
    const rows = await shipmentRows(app);
    expect(rows.length).toBeGreaterThan(20);
    const flagged = rows.map((r) => r.attention.length > 0);
    // Every flagged row comes before every unflagged one.
    expect(flagged.indexOf(false)).toBeGreaterThan(0);
    expect(flagged.slice(flagged.indexOf(false)).some(Boolean)).toBe(false);
    const reasons = rows.map((r) => r.attention).join(" ");
    expect(reasons).toMatch(/Held in customs|Exception|Late against promise|Delivery failed/);
    expect(Number(await app.getByTestId("metric-attention").textContent())).toBe(flagged.filter(Boolean).length);
    for (const r of rows) expect(r.href).toMatch(/\/track\/[A-Za-z0-9_-]{32}$/);
  });

  it("edits a template with a live preview in the buyer's language, and refuses a bad brand colour with a message", async () => {
    const app = appFrame(page);
    await app.getByLabel("Language").selectOption("fr");
    await expect(app.getByTestId("preview-subject").textContent()).resolves.toContain("Votre colis est en cours de livraison");
    const message = app.getByLabel("Message");
    await message.fill("Bonjour {{name}} — {{headline}}. Suivi : {{url}}");
    const preview = app.frameLocator('iframe[title="Email preview"]');
    await preview.getByText("Votre colis est en cours de livraison.").first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await expect(preview.locator("body").textContent()).resolves.toContain("Votre colis est en cours de livraison. Suivi");
    await app.getByRole("button", { name: "Save template" }).click();
    await app.getByText("Template saved").waitFor({ timeout: 10_000 });
    await app.getByLabel("Brand colour").fill("blue");
    await app.getByRole("button", { name: "Save settings" }).click();
    await app.getByText("brandColor: must be a colour like #1f5f99").waitFor({ timeout: 10_000 });
  });

  it("shows the branded tracking page: timeline, progress, window, customs and duties; and moves as the carrier simulator scans", async () => {
    const rows = await shipmentRows(await openAdmin(page, demoUrl, "/app/shipments"));
    const held = rows.find((r) => r.attention.includes("Held in customs")) ?? rows.find((r) => !r.status.includes("Delivered")) ?? rows[0]!;
    const trackingPage = await (await newDesktopContext(page.context().browser()!)).newPage();
    await trackingPage.goto(`${held.href}?lang=en`);
    await trackingPage.getByTestId("tracking-page").waitFor();
    expect(await trackingPage.getByTestId("tracking-headline").textContent()).toBeTruthy();
    expect(await trackingPage.getByRole("progressbar").getAttribute("aria-valuenow")).toMatch(/^\d+$/);
    expect(await trackingPage.getByTestId("timeline").locator("li").count()).toBeGreaterThan(2);
    expect(await trackingPage.getByTestId("delivery-window").textContent()).not.toBe("");
    // Duties as the checkout quoted them (the route tests pin the amounts); absent only when nothing is known.
    if (await trackingPage.getByTestId("duties").count()) expect(await trackingPage.getByTestId("duties").textContent()).toMatch(/^(Paid at checkout|Due on delivery): .*\d|^None on this parcel$/);
    // A held parcel may be released by the simulator between the list and the page: either is a customs state.
    if (held.attention.includes("Held in customs")) expect(await trackingPage.getByTestId("customs-status").textContent()).toMatch(/Held|Cleared|Retenu|Dédouané|Zurückgehalten|Verzollt|Retenido|Despachado|保留|通関済み/);
    // The README's screenshot, refreshed on demand: UPDATE_SCREENSHOTS=1 npx vitest run --project browser
    if (process.env.UPDATE_SCREENSHOTS === "1") await trackingPage.screenshot({ path: "docs/images/tracking-page.png", fullPage: true });

    // A parcel in flight gains scans while the demo runs (simulator -> EasyPost webhook or DHL poll -> status machine).
    const moving = rows.filter((r) => !/Delivered|Returned/.test(r.status));
    const before = new Map<string, number>();
    for (const r of moving) {
      await trackingPage.goto(r.href);
      before.set(r.href, await trackingPage.getByTestId("timeline").locator("li").count());
    }
    let moved = false;
    for (let i = 0; i < 18 && !moved; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      for (const r of moving) {
        const res = await fetch(r.href, { headers: { "User-Agent": DESKTOP_USER_AGENT } });
        const count = ((await res.text()).match(/<li data-stage=/g) ?? []).length;
        if (count > before.get(r.href)!) moved = true;
      }
    }
    expect(moved).toBe(true);
  }, 150_000);

  it("answers an unknown or malformed token with 404 and a message", async () => {
    for (const token of ["A".repeat(32), "short"]) {
      const res = await fetch(`${demoUrl}/track/${token}`, { headers: { "User-Agent": DESKTOP_USER_AGENT } });
      expect(res.status).toBe(404);
      expect(await res.text()).toMatch(/could not find a parcel|not valid/);
    }
  });
});
