import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { ingestTrackingUpdates, upsertShipment } from "../tracking/shipments.server";
import type { EmailMessage, EmailSender } from "./email.server";
import { sendDueNotifications } from "./send.server";
import { createTwilioSender } from "./sms.server";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const SHOP = "nihon-goods.myshopify.com";

async function outForDelivery(trackingNumber: string, buyer: { buyerEmail?: string; buyerPhone?: string; buyerLocale: string }, now: Date) {
  const shipment = await upsertShipment(db, { shop: SHOP, carrier: "dhl-express", trackingNumber, orderName: "#77", ...buyer }, now);
  await ingestTrackingUpdates(db, [{ shop: SHOP, carrier: "dhl-express", trackingNumber, checkpoints: [{ key: `${trackingNumber}-wc`, at: "2026-11-20T07:00:00Z", stage: "out_for_delivery", code: "WC", description: "With delivery courier" }] }], { now, source: "poll" });
  return shipment;
}

describe("notification outbox", () => {
  it("GIVEN a Japanese buyer with a phone WHEN the parcel is out for delivery THEN one SMS in Japanese goes through Twilio's Messages API", async () => {
    const now = new Date("2026-11-20T08:00:00Z");
    await db.shop.create({ data: { domain: SHOP, name: "Nihon Goods" } });
    const shipment = await outForDelivery("JP1", { buyerPhone: "+81312345678", buyerLocale: "ja-JP" }, now);
    const sent: URLSearchParams[] = [];
    const sms = createTwilioSender({ accountSid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", authToken: "t", from: "+15557122661" }, async (_url, init) => {
      sent.push(new URLSearchParams(String(init?.body)));
      return new Response(fixture("twilio-message-created.json"), { status: 201 });
    });
    const deps = { db, email: null, sms, fromAddress: "t@borderless.test", appUrl: "https://borderless.test", now: () => now };
    expect(await sendDueNotifications(deps)).toEqual({ sent: 1, failed: 0, dead: 0, skipped: 0 });
    expect(await sendDueNotifications(deps)).toEqual({ sent: 0, failed: 0, dead: 0, skipped: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.get("To")).toBe("+81312345678");
    expect(sent[0]!.get("Body")).toBe(`Nihon Goods: お荷物は配達中です (#77). https://borderless.test/track/${shipment.trackingToken}`);
    expect(await db.notification.findFirstOrThrow({ where: { shipmentId: shipment.id } })).toMatchObject({ state: "sent", providerId: "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" });
  });

  it("GIVEN Twilio refuses the number (21211) THEN the message is dead at once, with Twilio's reason, not retried", async () => {
    const now = new Date("2026-11-20T08:00:00Z");
    const shipment = await outForDelivery("JP2", { buyerPhone: "+1555867531XX", buyerLocale: "en" }, now);
    let calls = 0;
    const sms = createTwilioSender({ accountSid: "AC1", authToken: "t", from: "+15557122661" }, async () => {
      calls++;
      return new Response(fixture("twilio-error-21211.json"), { status: 400 });
    });
    const later = new Date(now.getTime() + 3 * 3_600_000);
    expect(await sendDueNotifications({ db, email: null, sms, fromAddress: "t@b.test", appUrl: "https://b.test", now: () => now })).toMatchObject({ dead: 1 });
    expect(await sendDueNotifications({ db, email: null, sms, fromAddress: "t@b.test", appUrl: "https://b.test", now: () => later })).toMatchObject({ dead: 0, sent: 0 });
    expect(calls).toBe(1);
    expect((await db.notification.findFirstOrThrow({ where: { shipmentId: shipment.id } })).lastError).toBe("21211: Invalid 'To' Phone Number: +1555867531XX");
  });

  it("GIVEN the merchant's own French template WHEN the email goes out THEN it uses their wording with the placeholders filled", async () => {
    const now = new Date("2026-11-20T08:00:00Z");
    await db.notificationTemplate.create({ data: { shop: SHOP, stage: "out_for_delivery", channel: "email", locale: "fr", subject: "{{order}} arrive aujourd'hui !", body: "Bonjour {{name}}, {{headline}}. {{url}}" } });
    const shipment = await outForDelivery("FR1", { buyerEmail: "lea@example.fr", buyerLocale: "fr" }, now);
    const mails: EmailMessage[] = [];
    const email: EmailSender = { send: async (m) => (mails.push(m), { providerId: m.messageId }) };
    await sendDueNotifications({ db, email, sms: null, fromAddress: "t@borderless.test", appUrl: "https://borderless.test", now: () => now });
    expect(mails.map((m) => [m.subject, m.text, m.language])).toEqual([["#77 arrive aujourd'hui !", `Bonjour, Votre colis est en cours de livraison. https://borderless.test/track/${shipment.trackingToken}`, "fr"]]);
  });

  it("GIVEN the merchant switched the stage off after the message was queued THEN it is skipped and logged, not sent", async () => {
    const now = new Date("2026-11-20T08:00:00Z");
    const shipment = await outForDelivery("OFF1", { buyerEmail: "x@example.com", buyerLocale: "en" }, now);
    await db.trackingSettings.upsert({ where: { shop: SHOP }, create: { shop: SHOP, emailStages: "[]" }, update: { emailStages: "[]" } });
    const email: EmailSender = { send: async () => { throw new Error("must not send"); } };
    expect(await sendDueNotifications({ db, email, sms: null, fromAddress: "t@b.test", appUrl: "https://b.test", now: () => now })).toMatchObject({ skipped: 1, sent: 0 });
    expect(await db.notification.findFirstOrThrow({ where: { shipmentId: shipment.id } })).toMatchObject({ state: "skipped", lastError: "email for out_for_delivery was switched off before sending" });
  });
});
