import { describe, expect, it } from "vitest";
import { foldEvents, INITIAL_STATE, type StageEvent } from "./machine";
import { parseStageList, plannedNotifications, DEFAULT_EMAIL_STAGES } from "./notify";
import { defaultTemplate, pickLocale, renderMessage, stageVars } from "./templates";
import { attentionRank, attentionReasons } from "./attention";

const settings = { email: ["picked_up", "customs_held", "out_for_delivery", "delivered"] as const, sms: ["out_for_delivery"] as const };
const contact = { email: "aiko@example.jp", phone: "+81312345678" };
const state = (events: StageEvent[]) => foldEvents(events).state;
const ofd: StageEvent = { key: "3", at: "2026-11-20T08:00:00Z", stage: "out_for_delivery" };
const base: StageEvent[] = [
  { key: "1", at: "2026-11-18T08:00:00Z", stage: "picked_up" },
  { key: "2", at: "2026-11-19T08:00:00Z", stage: "in_transit" },
];

describe("notification rules", () => {
  it("notifies the stage the parcel entered on each enabled channel", () => {
    expect(plannedNotifications({ before: state(base), after: state([...base, ofd]), settings, contact, now: "2026-11-20T09:00:00Z" })).toEqual([
      { stage: "out_for_delivery", channel: "email", recipient: "aiko@example.jp" },
      { stage: "out_for_delivery", channel: "sms", recipient: "+81312345678" },
    ]);
  });

  it("stays silent for stages the merchant did not enable, for repeats and for a second visit to a stage", () => {
    expect(plannedNotifications({ before: state([base[0]!]), after: state(base), settings, contact, now: "2026-11-20T09:00:00Z" })).toEqual([]);
    const failed: StageEvent = { key: "4", at: "2026-11-20T12:00:00Z", stage: "delivery_failed" };
    const again: StageEvent = { key: "5", at: "2026-11-21T08:00:00Z", stage: "out_for_delivery" };
    expect(plannedNotifications({ before: state([...base, ofd, failed]), after: state([...base, ofd, failed, again]), settings, contact, now: "2026-11-21T09:00:00Z" })).toEqual([]);
  });

  it("does not announce old news (a backfilled journey) or reach a buyer without contact details", () => {
    expect(plannedNotifications({ before: state(base), after: state([...base, ofd]), settings, contact, now: "2026-12-20T09:00:00Z" })).toEqual([]);
    expect(plannedNotifications({ before: INITIAL_STATE, after: state([base[0]!]), settings, contact: {}, now: "2026-11-18T09:00:00Z" })).toEqual([]);
  });

  it("reads stored stage lists defensively", () => {
    expect(parseStageList('["delivered","label_created","nonsense"]', [])).toEqual(["delivered"]);
    expect(parseStageList("not json", DEFAULT_EMAIL_STAGES)).toEqual([...DEFAULT_EMAIL_STAGES]);
  });
});

describe("templates", () => {
  it.each([
    ["fr-CA", "fr", "Votre colis est en cours de livraison"],
    ["de", "de", "Ihr Paket ist in Zustellung"],
    ["es-MX", "es", "Tu paquete está en reparto"],
    ["ja-JP", "ja", "お荷物は配達中です"],
    ["pt-BR", "en", "Your parcel is out for delivery"],
    [null, "en", "Your parcel is out for delivery"],
  ] as const)("writes to a %s buyer in %s", (buyerLocale, locale, headline) => {
    expect(pickLocale(buyerLocale)).toBe(locale);
    const vars = { ...stageVars("out_for_delivery", locale), shop: "Maison Nord", order: "#1042", name: "Aiko", url: "https://borderless.test/track/abc", window: "2026-11-20", carrier: "DHL Express", tracking_number: "1234567890" };
    const message = renderMessage({ template: defaultTemplate("out_for_delivery", "email", locale), channel: "email", locale, vars, branding: { name: "Maison Nord", color: "#aa3300" } });
    const order = { en: "Order", fr: "Commande", de: "Bestellung", es: "Pedido", ja: "ご注文" }[locale];
    expect(message.subject).toBe(`Maison Nord · ${headline} (${order} #1042)`);
    expect(message.text).toContain(headline);
    expect(message.html).toContain('href="https://borderless.test/track/abc"');
    expect(message.html).toContain("background:#aa3300");
    expect(message.html).toContain(`lang="${locale}"`);
  });

  it("escapes what the merchant typed in the HTML part and leaves unknown placeholders visible", () => {
    const message = renderMessage({ template: { subject: "{{shop}}", body: "<b>{{headline}}</b> {{typo}}" }, channel: "email", locale: "en", vars: { shop: "A&B", headline: "Here" }, branding: { name: "A&B", color: "red;background:url(x)" } });
    expect(message.html).toContain("&lt;b&gt;Here&lt;/b&gt; {{typo}}");
    expect(message.html).not.toContain("url(x)");
  });

  it("keeps the SMS short: one line with the link", () => {
    const sms = renderMessage({ template: defaultTemplate("delivered", "sms", "de"), channel: "sms", locale: "de", vars: { ...stageVars("delivered", "de"), shop: "Nord", order: "#7", url: "https://b.test/track/x" }, branding: { name: "Nord", color: "#000" } });
    expect(sms).toEqual({ subject: "", text: "Nord: Ihr Paket wurde zugestellt (#7). https://b.test/track/x" });
  });
});

describe("attention", () => {
  it("puts exceptions before customs holds, holds before lateness, and nothing on delivered parcels", () => {
    const today = "2026-11-25";
    const exception = attentionReasons({ status: "exception", lastEventAt: "2026-11-24T10:00:00Z" }, today);
    const held = attentionReasons({ status: "customs_held", promisedBy: "2026-11-20", lastEventAt: "2026-11-24T10:00:00Z" }, today);
    const late = attentionReasons({ status: "in_transit", promisedBy: "2026-11-24", lastEventAt: "2026-11-24T10:00:00Z" }, today);
    const expectedLate = attentionReasons({ status: "in_transit", promisedBy: "2026-11-27", estimatedDelivery: "2026-11-29" }, today);
    const quiet = attentionReasons({ status: "in_transit", lastEventAt: "2026-11-10T10:00:00Z" }, today);
    expect([exception, held, late, expectedLate, quiet]).toEqual([["exception"], ["customs_held", "late"], ["late"], ["late"], ["quiet"]]);
    expect(attentionReasons({ status: "delivered", promisedBy: "2026-11-01" }, today)).toEqual([]);
    expect([attentionRank(exception), attentionRank(held), attentionRank(late), attentionRank([])]).toEqual([0, 1, 3, 99]);
  });
});
