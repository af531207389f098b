// @vitest-environment happy-dom

import { signal, type Signal } from "@preact/signals";
import { h, render, type ComponentChild } from "preact";
import { act } from "preact/test-utils";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ShippingOptionDuties } from "../../extensions/checkout-landed-cost/src/ShippingOptionDuties";
import { ThankYouDuties } from "../../extensions/checkout-landed-cost/src/ThankYouDuties";
import type { QuoteRequestBody } from "../../extensions/checkout-landed-cost/src/quote-client";
import { demoCheckoutQuoter, mountExtension, shownTexts, variantGid } from "./support";

/**
 * The extension rendered against a scripted checkout: the `shopify` global with the cart lines,
 * the delivery address and the shipping option as signals, the way checkout hands them over, and
 * fetch answered by the app's real quote service (same rate cards, customs tables and catalogue).
 */
const quoter = demoCheckoutQuoter();
const locales = Object.fromEntries(["en.default", "fr", "de", "es", "ja"].map((l) => [l.slice(0, 2), JSON.parse(readFileSync(`extensions/checkout-landed-cost/locales/${l}.json`, "utf8")) as Record<string, string>]));

interface Scripted {
  lines: Signal<unknown[]>;
  shippingAddress: Signal<unknown>;
  target: Signal<unknown>;
  isTargetSelected: Signal<boolean>;
  deliveryGroups: Signal<unknown[]>;
  requests: { body: QuoteRequestBody; authorization: string | null }[];
}

function line(title: string, quantity: number, unit: number, currencyCode: string) {
  return { id: `gid://shopify/CartLine/${title.length}`, merchandise: { type: "variant", id: variantGid(title), title }, quantity, cost: { totalAmount: { amount: unit * quantity, currencyCode } } };
}
function option(code: string, title: string, amount: number, currencyCode: string) {
  return { type: "shipping", handle: `handle-${code}`, code, title, carrier: { name: "USPS" }, cost: { amount, currencyCode }, costAfterDiscounts: { amount, currencyCode }, metafields: [], deliveryEstimate: {} };
}

let scripted: Scripted;
let fetchMode: "service" | "hang" | "fail" | "network";

function installCheckout(locale: string, cart: { lines: unknown[]; address: unknown; option: unknown }) {
  const lang = locale.slice(0, 2);
  scripted = {
    lines: signal(cart.lines), shippingAddress: signal(cart.address), target: signal(cart.option), isTargetSelected: signal(true),
    deliveryGroups: signal([{ id: "g1", groupType: "oneTimePurchase", isDeliveryRequired: true, targetedCartLines: [], deliveryOptions: [cart.option], selectedDeliveryOption: { handle: (cart.option as { handle: string }).handle } }]),
    requests: [],
  };
  (globalThis as any).shopify = {
    extension: { target: "purchase.checkout.shipping-option-item.render-after" },
    lines: scripted.lines, shippingAddress: scripted.shippingAddress, target: scripted.target, isTargetSelected: scripted.isTargetSelected,
    deliveryGroups: scripted.deliveryGroups, renderMode: { overlay: false },
    sessionToken: { get: async () => "header.payload.signature" },
    i18n: {
      translate: (key: string, values: Record<string, string> = {}) => (locales[lang]![key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? ""),
      formatCurrency: (amount: number, o: { currencyCode?: string } = {}) => new Intl.NumberFormat(locale, { style: "currency", currency: o.currencyCode ?? "USD" }).format(amount),
      formatDate: (d: Date, o?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...o, timeZone: "UTC" }).format(d),
    },
  };
}

beforeEach(() => {
  fetchMode = "service";
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as QuoteRequestBody;
    scripted.requests.push({ body, authorization: new Headers(init.headers).get("Authorization") });
    if (fetchMode === "hang") return new Promise(() => {});
    if (fetchMode === "network") throw new TypeError("Failed to fetch");
    if (fetchMode === "fail") return new Response(JSON.stringify({ error: "boom" }), { status: 500 });
    expect(url).toMatch(/\/api\/checkout-quote$/);
    return Response.json(await quoter.quote("borderless-demo.myshopify.com", body));
  });
});
afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

// Lets the token, fetch and JSON promises settle.
const mount = (node: ComponentChild) => mountExtension(node, 10, 0);
const text = shownTexts;
const quoteFor = (body: QuoteRequestBody) => quoter.quote("borderless-demo.myshopify.com", body);

describe("checkout extension beside the selected shipping option", () => {
  it("GIVEN a GB address and a DDP service WHEN the option is selected THEN it says the duties and VAT are included and nothing is due on delivery", async () => {
    installCheckout("en-GB", { lines: [line("Merino Crew Sweater", 2, 120, "GBP")], address: { countryCode: "GB", zip: "SW1A 1AA" }, option: option("usps-pmi", "USPS Priority Mail International", 137.66, "GBP") });
    await mount(h(ShippingOptionDuties, {}));
    const q = (await quoteFor(scripted.requests[0]!.body)).selected!;
    expect(q.incoterm).toBe("DDP");
    expect(q.includedInPrice).toBeGreaterThan(0);
    const gbp = (minor: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format(minor / 100);
    expect(text()).toEqual([
      `Duties and import taxes included: ${gbp(q.includedInPrice)}`,
      `Duties ${gbp(q.duties)} · VAT ${gbp(q.taxes)}`,
      "Nothing to pay on delivery.",
      expect.stringMatching(/^Arrives \d{1,2} Dec – \d{1,2} Dec$/),
    ]);
    expect(scripted.requests[0]).toEqual({
      authorization: "Bearer header.payload.signature",
      body: { currency: "GBP", destination: { countryCode: "GB", provinceCode: null, zip: "SW1A 1AA" }, lines: [{ variantId: variantGid("Merino Crew Sweater"), quantity: 2, total: 240 }], option: { code: "usps-pmi", title: "USPS Priority Mail International", cost: 137.66 } },
    });
  });

  it("GIVEN a German buyer in French WHEN a DAP service is selected THEN it says about how much is due on delivery, in euros formatted the French way", async () => {
    installCheckout("fr-FR", { lines: [line("Leather Court Sneaker", 1, 160, "EUR"), line("Silk Twill Scarf", 1, 90, "EUR")], address: { countryCode: "DE", zip: "10115" }, option: option("usps-pmi", "USPS Priority Mail International", 45, "EUR") });
    await mount(h(ShippingOptionDuties, {}));
    const q = (await quoteFor(scripted.requests[0]!.body)).selected!;
    expect(q.incoterm).toBe("DAP");
    expect(q.dueOnDelivery).toBe(q.duties + q.taxes + q.fees);
    const eur = (minor: number) => new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(minor / 100);
    expect(text().slice(0, 2)).toEqual([
      `Environ ${eur(q.dueOnDelivery)} de droits et taxes d'importation à payer à la livraison`,
      `Droits ${eur(q.duties)} · TVA ${eur(q.taxes)}`,
    ]);
    expect(text().at(-1)).toMatch(/^Livraison du \d{1,2} déc\. au \d{1,2} déc\.$/);
  });

  it("GIVEN an Australian cart under AUD 1,000 WHEN quoted THEN nothing is due at the door and the GST charged with the order is named", async () => {
    installCheckout("en-AU", { lines: [line("Vitamin C Face Serum 30ml", 2, 65, "AUD")], address: { countryCode: "AU", provinceCode: "NSW", zip: "2000" }, option: option("usps-pmi", "USPS Priority Mail International", 60, "AUD") });
    await mount(h(ShippingOptionDuties, {}));
    const quote = await quoteFor(scripted.requests[0]!.body);
    expect(quote.selected!.regime).toBe("AU-LVIG");
    const aud = (minor: number) => new Intl.NumberFormat("en-AU", { style: "currency", currency: "AUD" }).format(minor / 100);
    expect(text().slice(0, 2)).toEqual(["No duties or import taxes to pay on delivery.", `GST of ${aud(quote.selected!.chargedAtSale)} is charged with your order.`]);
  });

  it("GIVEN a UK cart under GBP 135 WHEN quoted THEN no duty is due and the VAT the seller charges at sale is named, not added to the rate", async () => {
    installCheckout("en-GB", { lines: [line("Organic Cotton Tee", 2, 35, "GBP")], address: { countryCode: "GB", zip: "M1 1AE" }, option: option("usps-pmi", "USPS Priority Mail International", 30, "GBP") });
    await mount(h(ShippingOptionDuties, {}));
    const q = (await quoteFor(scripted.requests[0]!.body)).selected!;
    expect(q).toMatchObject({ regime: "GB-135", duties: 0, includedInPrice: 0, dueOnDelivery: 0 });
    expect(q.price).toBe(q.shipping);
    // UK VAT at 20% on goods and delivery, charged by the seller (HMRC low-value rules).
    expect(q.chargedAtSale).toBe(Math.round((7000 + q.shipping) * 0.2));
    const gbp = (minor: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format(minor / 100);
    expect(text().slice(0, 2)).toEqual(["No duties or import taxes to pay on delivery.", `VAT of ${gbp(q.chargedAtSale)} is charged with your order.`]);
  });

  it("GIVEN a Japanese-speaking buyer shipping to the UK WHEN a DDP service is selected THEN the sentences are Japanese and the pounds formatted for ja-JP", async () => {
    installCheckout("ja-JP", { lines: [line("Merino Crew Sweater", 2, 120, "GBP")], address: { countryCode: "GB", zip: "SW1A 1AA" }, option: option("usps-pmi", "USPS Priority Mail International", 137.66, "GBP") });
    await mount(h(ShippingOptionDuties, {}));
    const q = (await quoteFor(scripted.requests[0]!.body)).selected!;
    const gbp = (minor: number) => new Intl.NumberFormat("ja-JP", { style: "currency", currency: "GBP" }).format(minor / 100);
    expect(text().slice(0, 3)).toEqual([`関税・輸入税込み：${gbp(q.includedInPrice)}`, `関税 ${gbp(q.duties)} · 付加価値税 ${gbp(q.taxes)}`, "配達時のお支払いはありません。"]);
  });

  it("GIVEN the app has not answered yet WHEN rendered THEN a skeleton shows and no text", async () => {
    fetchMode = "hang";
    installCheckout("en-GB", { lines: [line("Merino Crew Sweater", 1, 120, "GBP")], address: { countryCode: "GB" }, option: option("usps-pmi", "USPS Priority Mail International", 40, "GBP") });
    await mount(h(ShippingOptionDuties, {}));
    expect(document.body.querySelectorAll("s-skeleton-paragraph")).toHaveLength(1);
    expect(text()).toEqual([]);
  });

  it.each(["fail", "network"] as const)("GIVEN the endpoint fails (%s) WHEN rendered THEN the extension shows nothing at all", async (mode) => {
    fetchMode = mode;
    installCheckout("en-GB", { lines: [line("Merino Crew Sweater", 1, 120, "GBP")], address: { countryCode: "GB" }, option: option("usps-pmi", "USPS Priority Mail International", 40, "GBP") });
    await mount(h(ShippingOptionDuties, {}));
    expect(scripted.requests).toHaveLength(1);
    expect(document.body.innerHTML).toBe("");
  });

  it("GIVEN an option that is not selected WHEN rendered THEN nothing shows and the app is not called", async () => {
    installCheckout("en-GB", { lines: [line("Merino Crew Sweater", 1, 120, "GBP")], address: { countryCode: "GB" }, option: option("usps-fcpis", "USPS First-Class", 20, "GBP") });
    scripted.isTargetSelected.value = false;
    await mount(h(ShippingOptionDuties, {}));
    expect(scripted.requests).toHaveLength(0);
    expect(document.body.innerHTML).toBe("");
  });

  it("GIVEN the buyer changes the address WHEN the signal updates THEN the extension asks again and shows the new country's answer", async () => {
    installCheckout("en-GB", { lines: [line("Merino Crew Sweater", 2, 120, "GBP")], address: { countryCode: "GB" }, option: option("usps-pmi", "USPS Priority Mail International", 137.66, "GBP") });
    await mount(h(ShippingOptionDuties, {}));
    expect(text()[0]).toMatch(/^Duties and import taxes included/);
    await act(async () => { scripted.shippingAddress.value = { countryCode: "FR", zip: "75001" }; });
    for (let i = 0; i < 10; i++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    expect(scripted.requests.map((r) => r.body.destination.countryCode)).toEqual(["GB", "FR"]);
    expect(text()[0]).toMatch(/^About .* in duties and import taxes due on delivery$/);
  });
});

describe("Thank you page block", () => {
  it("GIVEN a DDP order WHEN the Thank you page shows THEN it restates the duties paid and that nothing is due", async () => {
    installCheckout("de-DE", { lines: [line("Merino Crew Sweater", 2, 120, "GBP")], address: { countryCode: "GB" }, option: option("usps-pmi", "USPS Priority Mail International", 137.66, "GBP") });
    await mount(h(ThankYouDuties, {}));
    const q = (await quoteFor(scripted.requests[0]!.body)).selected!;
    const gbp = (minor: number) => new Intl.NumberFormat("de-DE", { style: "currency", currency: "GBP" }).format(minor / 100);
    expect(text()).toEqual([`Mit Ihrer Bestellung bezahlte Zölle und Einfuhrsteuern: ${gbp(q.includedInPrice)}`, `Zoll ${gbp(q.duties)} · MwSt. ${gbp(q.taxes)}`, "Bei Zustellung ist nichts zu zahlen."]);
  });

  it("every locale has every key the extension uses", () => {
    for (const [lang, table] of Object.entries(locales)) expect(Object.keys(table).sort(), lang).toEqual(Object.keys(locales.en!).sort());
  });
});
