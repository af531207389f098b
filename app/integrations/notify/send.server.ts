import type { Notification, PrismaClient } from "@prisma/client";
import { isStage, pickLocale } from "~/engine/tracking";
import { loadShopSettings } from "../tracking/settings.server";
import { messageFor, templateFor } from "./content.server";
import type { EmailSender } from "./email.server";
import type { SmsSender } from "./sms.server";

export interface SendDeps {
  readonly db: PrismaClient;
  readonly email: EmailSender | null;
  readonly sms: SmsSender | null;
  /** The From address for email, e.g. "tracking@borderless.app"; the merchant's sender name goes in front. */
  readonly fromAddress: string;
  readonly appUrl: string;
  readonly now: () => Date;
  readonly maxAttempts?: number;
  readonly leaseMs?: number;
}

/** 1 min, 5 min, 30 min, 2 h: a mail server that is down for an afternoon still gets the message out. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000] as const;

export interface SendReport {
  readonly sent: number;
  readonly failed: number;
  readonly dead: number;
  readonly skipped: number;
}

/**
 * Sends what is due in the notification outbox. Each row is claimed with a conditional update
 * (state + lease), so two workers never send the same row; a worker that dies mid-send leaves a
 * lease that expires and the row is tried again. A failure is logged on the row and retried
 * with backoff until `maxAttempts`, then left "dead" for the admin to see.
 */
export async function sendDueNotifications(deps: SendDeps, limit = 50): Promise<SendReport> {
  const { db } = deps;
  const now = deps.now();
  const due = await db.notification.findMany({
    where: { OR: [{ state: { in: ["pending", "failed"] }, runAfter: { lte: now } }, { state: "sending", leaseUntil: { lt: now } }] },
    orderBy: { runAfter: "asc" },
    take: limit,
  });
  const report = { sent: 0, failed: 0, dead: 0, skipped: 0 };
  for (const row of due) {
    const claimed = await db.notification.updateMany({
      where: { id: row.id, state: row.state, attempts: row.attempts },
      data: { state: "sending", leaseUntil: new Date(now.getTime() + (deps.leaseMs ?? 120_000)), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    const outcome = await sendOne(deps, row);
    const attempts = row.attempts + 1;
    if (outcome.kind === "sent") {
      await db.notification.update({ where: { id: row.id }, data: { state: "sent", sentAt: deps.now(), providerId: outcome.providerId, subject: outcome.subject, lastError: null, leaseUntil: null } });
      report.sent++;
    } else if (outcome.kind === "skipped") {
      await db.notification.update({ where: { id: row.id }, data: { state: "skipped", lastError: outcome.reason, leaseUntil: null } });
      report.skipped++;
    } else {
      const dead = !outcome.retryable || attempts >= (deps.maxAttempts ?? RETRY_DELAYS_MS.length + 1);
      const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)]!;
      await db.notification.update({
        where: { id: row.id },
        data: { state: dead ? "dead" : "failed", lastError: outcome.reason.slice(0, 500), runAfter: new Date(deps.now().getTime() + delay), leaseUntil: null },
      });
      if (dead) report.dead++;
      else report.failed++;
    }
  }
  return report;
}

type Outcome = { kind: "sent"; providerId: string; subject: string | null } | { kind: "failed"; retryable: boolean; reason: string } | { kind: "skipped"; reason: string };

async function sendOne(deps: SendDeps, row: Notification): Promise<Outcome> {
  const { db } = deps;
  const shipment = await db.shipment.findFirst({ where: { id: row.shipmentId, shop: row.shop } });
  if (!shipment || !isStage(row.stage)) return { kind: "skipped", reason: "shipment no longer exists" };
  const channel = row.channel === "sms" ? "sms" : "email";
  const settings = await loadShopSettings(db, row.shop);
  if (!settings.notify[channel].includes(row.stage)) return { kind: "skipped", reason: `${channel} for ${row.stage} was switched off before sending` };
  const locale = pickLocale(row.locale);
  const template = await templateFor(db, row.shop, row.stage, channel, locale);
  const message = messageFor({ shipment, stage: row.stage, channel, locale, template, settings, appUrl: deps.appUrl });
  try {
    if (channel === "email") {
      if (!deps.email) return { kind: "skipped", reason: "no SMTP server configured (SMTP_URL)" };
      const from = `"${(settings.senderName ?? settings.branding.name).replace(/["\\\r\n]/g, "")}" <${deps.fromAddress}>`;
      const domain = deps.fromAddress.split("@")[1] ?? "borderless.app";
      const result = await deps.email.send({ from, to: row.recipient, replyTo: settings.replyTo, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}), language: locale, messageId: `<${row.id}@${domain}>` });
      return { kind: "sent", providerId: result.providerId, subject: message.subject };
    }
    if (!deps.sms) return { kind: "skipped", reason: "no SMS provider configured (TWILIO_ACCOUNT_SID)" };
    const result = await deps.sms.send(row.recipient, message.text);
    return result.ok ? { kind: "sent", providerId: result.providerId, subject: null } : { kind: "failed", retryable: result.retryable, reason: `${result.code}: ${result.message}` };
  } catch (error) {
    return { kind: "failed", retryable: true, reason: error instanceof Error ? error.message : String(error) };
  }
}
