import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { parseEasyPostEvent } from "../tracking/easypost-webhook.server";
import { ingestTrackingUpdates, upsertShipment } from "../tracking/shipments.server";
import { createSmtpSender } from "./email.server";
import { sendDueNotifications } from "./send.server";

interface Received { from: string; to: string[]; raw: string }

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= / ?Q?) the way a mail client shows a subject. */
function decodeHeader(value: string): string {
  return value.replace(/\r?\n[ \t]/g, " ").replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}
const header = (raw: string, name: string) => decodeHeader(new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(raw)?.[1] ?? "").trim();
/** The message body with quoted-printable soft breaks and escapes undone, enough to find links. */
const body = (raw: string) => Buffer.from(raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");

const SHOP = "maison-nord.myshopify.com";
const received: Received[] = [];
let rejectNext = 0;
let server: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejectNext > 0) {
        rejectNext--;
        const error = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("latin1") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?ignoreTLS=true`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const appUrl = "https://borderless.test";

describe("tracking email over real SMTP", () => {
  it("GIVEN a French buyer WHEN the out-for-delivery event is delivered twice THEN one email arrives, in French, with the tracking link", async () => {
    const now = new Date("2026-11-20T08:06:00Z");
    await db.shop.create({ data: { domain: SHOP, name: "Maison Nord" } });
    await db.trackingSettings.create({ data: { shop: SHOP, brandColor: "#8a1538", senderName: "Maison Nord", replyTo: "bonjour@maison-nord.fr" } });
    const shipment = await upsertShipment(db, { shop: SHOP, carrier: "easypost", trackingNumber: "EZ3000000003", orderName: "#1042", buyerName: "Camille Martin", buyerEmail: "camille@example.fr", buyerLocale: "fr-FR", promisedBy: "2026-11-21" }, now);

    // EasyPost's documented Event wrapping a Tracker (test tracking code EZ3000000003), received twice.
    const parsed = parseEasyPostEvent(readFileSync(new URL("../tracking/__fixtures__/easypost-event-tracker-updated.json", import.meta.url), "utf8"));
    if (parsed.kind !== "tracker") throw new Error("fixture did not parse");
    const update = { shop: SHOP, carrier: "easypost", trackingNumber: parsed.update.trackingNumber, checkpoints: parsed.update.checkpoints, estimatedDelivery: parsed.update.estimatedDelivery };
    const [first] = await ingestTrackingUpdates(db, [update], { now, source: "webhook" });
    const [second] = await ingestTrackingUpdates(db, [update], { now, source: "webhook" });
    expect(first).toMatchObject({ found: true, status: "out_for_delivery", applied: 3, repeated: 1, notifications: 1 });
    expect(second).toMatchObject({ found: true, status: "out_for_delivery", applied: 0, duplicates: 4, notifications: 0 });

    const email = createSmtpSender(smtpUrl);
    const deps = { db, email, sms: null, fromAddress: "tracking@borderless.test", appUrl, now: () => now };
    expect(await sendDueNotifications(deps)).toEqual({ sent: 1, failed: 0, dead: 0, skipped: 0 });
    expect(await sendDueNotifications(deps)).toEqual({ sent: 0, failed: 0, dead: 0, skipped: 0 });
    email.close();

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual(["camille@example.fr"]);
    expect(mail.from).toBe("tracking@borderless.test");
    expect(header(mail.raw, "Subject")).toBe("Maison Nord · Votre colis est en cours de livraison (Commande #1042)");
    expect(header(mail.raw, "Content-Language")).toBe("fr");
    expect(header(mail.raw, "From")).toBe("Maison Nord <tracking@borderless.test>");
    expect(header(mail.raw, "Reply-To")).toBe("bonjour@maison-nord.fr");
    const text = body(mail.raw);
    expect(text).toContain(`${appUrl}/track/${shipment.trackingToken}`);
    expect(text).toContain(`href="${appUrl}/track/${shipment.trackingToken}"`);
    expect(text).toContain("Bonjour Camille");
    expect(text).toContain("background:#8a1538");
    const log = await db.notification.findMany({ where: { shop: SHOP } });
    expect(log).toMatchObject([{ stage: "out_for_delivery", channel: "email", state: "sent", attempts: 1, recipient: "camille@example.fr", locale: "fr" }]);
  });

  it("GIVEN the mail server refuses for a while WHEN sending THEN the failure is logged, retried after the backoff, and sent once", async () => {
    let now = new Date("2026-11-21T10:00:00Z");
    const shipment = await upsertShipment(db, { shop: SHOP, carrier: "dhl-express", trackingNumber: "1234567890", orderName: "#1043", buyerEmail: "jonas@example.de", buyerLocale: "de" }, now);
    await ingestTrackingUpdates(db, [{ shop: SHOP, carrier: "dhl-express", trackingNumber: "1234567890", checkpoints: [{ key: "k1", at: "2026-11-21T09:30:00Z", stage: "picked_up", code: "PU", description: "Shipment picked up" }] }], { now, source: "poll" });
    rejectNext = 1;
    const email = createSmtpSender(smtpUrl);
    const deps = { db, email, sms: null, fromAddress: "tracking@borderless.test", appUrl, now: () => now };
    expect(await sendDueNotifications(deps)).toEqual({ sent: 0, failed: 1, dead: 0, skipped: 0 });
    const failed = await db.notification.findFirstOrThrow({ where: { shipmentId: shipment.id } });
    expect(failed).toMatchObject({ state: "failed", attempts: 1 });
    expect(failed.lastError).toMatch(/451|busy/i);
    // Not yet: the backoff has not passed.
    expect(await sendDueNotifications(deps)).toEqual({ sent: 0, failed: 0, dead: 0, skipped: 0 });
    now = new Date(now.getTime() + 61_000);
    expect(await sendDueNotifications(deps)).toEqual({ sent: 1, failed: 0, dead: 0, skipped: 0 });
    email.close();
    const german = received.filter((m) => m.to.includes("jonas@example.de"));
    expect(german).toHaveLength(1);
    expect(header(german[0]!.raw, "Subject")).toBe("Maison Nord · Ihr Paket ist unterwegs (Bestellung #1043)");
    expect(await db.notification.findFirstOrThrow({ where: { shipmentId: shipment.id } })).toMatchObject({ state: "sent", attempts: 2 });
  });
});
