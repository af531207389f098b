import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { attentionRank, attentionReasons, defaultTemplate, isStage, LOCALES, NOTIFIABLE_STAGES, pickLocale, type AttentionReason, type Channel, type Locale, type Stage } from "~/engine/tracking";
import { carrierName, deliveryWindowText } from "../notify/content.server";
import { loadShopSettings } from "./settings.server";
import { trackingPageUrl } from "./shipments.server";

export interface ShipmentRow {
  readonly id: string;
  readonly orderName: string | null;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly destination: string | null;
  readonly status: Stage;
  readonly reasons: readonly AttentionReason[];
  readonly lastEventAt: string | null;
  readonly lastEvent: string | null;
  readonly promisedBy: string | null;
  readonly trackingUrl: string;
}

/** The Shipments page: attention first (most urgent reason first), then the most recently active. */
export async function loadShipmentsPage(db: PrismaClient, shop: string, appUrl: string, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const [shipments, settings, templates, log, counts] = await Promise.all([
    db.shipment.findMany({ where: { shop }, orderBy: { lastEventAt: "desc" }, take: 400, include: { events: { orderBy: { occurredAt: "desc" }, take: 1, where: { disposition: { not: "rejected" } } } } }),
    loadShopSettings(db, shop),
    db.notificationTemplate.findMany({ where: { shop } }),
    db.notification.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take: 25 }),
    db.notification.groupBy({ by: ["state"], where: { shop }, _count: { _all: true } }),
  ]);
  const rows: ShipmentRow[] = shipments.map((s) => {
    const status: Stage = isStage(s.status) ? s.status : "in_transit";
    return {
      id: s.id,
      orderName: s.orderName,
      carrier: carrierName(s.carrier),
      trackingNumber: s.trackingNumber,
      destination: s.destinationCountry,
      status,
      reasons: attentionReasons({ status, promisedBy: s.promisedBy, estimatedDelivery: s.estimatedDelivery, lastEventAt: s.lastEventAt?.toISOString() ?? null }, today),
      lastEventAt: s.lastEventAt?.toISOString() ?? null,
      lastEvent: s.events[0]?.description ?? null,
      promisedBy: s.promisedBy,
      trackingUrl: trackingPageUrl(appUrl, s.trackingToken),
    };
  });
  rows.sort((a, b) => attentionRank(a.reasons) - attentionRank(b.reasons) || (b.lastEventAt ?? "").localeCompare(a.lastEventAt ?? ""));
  const sample = shipments.find((s) => s.buyerName) ?? shipments[0];
  return {
    rows,
    metrics: {
      inFlight: rows.filter((r) => r.status !== "delivered" && r.status !== "returned").length,
      attention: rows.filter((r) => r.reasons.length > 0).length,
      delivered: rows.filter((r) => r.status === "delivered").length,
      sent: counts.find((c) => c.state === "sent")?._count._all ?? 0,
    },
    settings: {
      emailStages: settings.notify.email,
      smsStages: settings.notify.sms,
      brandName: settings.branding.name,
      brandColor: settings.branding.color,
      logoUrl: settings.branding.logoUrl ?? "",
      senderName: settings.senderName ?? "",
      replyTo: settings.replyTo ?? "",
      returnsUrl: settings.returnsUrl ?? "",
    },
    templates: templates.map((t) => ({ stage: t.stage, channel: t.channel, locale: t.locale, subject: t.subject, body: t.body })),
    /** What the preview fills the placeholders with: a real shipment of the shop when there is one. */
    sample: {
      order: sample?.orderName ?? "#1001",
      name: sample?.buyerName?.split(" ")[0] ?? "Alex",
      carrier: carrierName(sample?.carrier ?? "dhl-express"),
      tracking_number: sample?.trackingNumber ?? "1234567890",
      window: sample ? deliveryWindowText(sample, pickLocale(sample.buyerLocale)) : "—",
      url: trackingPageUrl(appUrl, sample?.trackingToken ?? "preview-token-preview-token-prev"),
    },
    log: log.map((n) => ({ id: n.id, stage: n.stage, channel: n.channel, recipient: maskRecipient(n.recipient), state: n.state, attempts: n.attempts, lastError: n.lastError, createdAt: n.createdAt.toISOString(), sentAt: n.sentAt?.toISOString() ?? null })),
  };
}

/** The admin shows who was written to without spelling out a buyer's address in full. */
function maskRecipient(recipient: string): string {
  const at = recipient.indexOf("@");
  if (at > 0) return `${recipient.slice(0, 1)}•••${recipient.slice(at)}`;
  return recipient.length > 4 ? `•••${recipient.slice(-4)}` : "•••";
}

const stageList = z.array(z.string()).transform((list, ctx) => {
  const bad = list.filter((s) => !isStage(s) || !NOTIFIABLE_STAGES.includes(s));
  if (bad.length) ctx.addIssue({ code: "custom", message: `not a stage you can notify on: ${bad.join(", ")}` });
  return list as Stage[];
});
const optionalUrl = z.string().trim().refine((v) => v === "" || /^https:\/\/[^\s]+$/.test(v), "must be an https:// URL").transform((v) => v || null);

export const settingsSchema = z.object({
  emailStages: stageList,
  smsStages: stageList,
  brandName: z.string().trim().max(80, "at most 80 characters").transform((v) => v || null),
  brandColor: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1f5f99"),
  logoUrl: optionalUrl,
  senderName: z.string().trim().max(80, "at most 80 characters").refine((v) => !/[\r\n"<>]/.test(v), "must not contain quotes, angle brackets or line breaks").transform((v) => v || null),
  replyTo: z.string().trim().refine((v) => v === "" || z.email().safeParse(v).success, "must be an email address").transform((v) => v || null),
  returnsUrl: optionalUrl,
});

export const templateSchema = z
  .object({
    stage: z.string().refine((s) => isStage(s) && NOTIFIABLE_STAGES.includes(s), "not a stage you can notify on"),
    channel: z.enum(["email", "sms"]),
    locale: z.enum(LOCALES),
    subject: z.string().max(200, "at most 200 characters"),
    body: z.string().trim().min(1, "cannot be empty").max(4000, "at most 4,000 characters"),
  })
  .refine((t) => t.channel === "sms" || t.subject.trim().length > 0, { path: ["subject"], message: "an email needs a subject" })
  .refine((t) => t.channel === "email" || t.body.length <= 480, { path: ["body"], message: "an SMS is at most 480 characters (3 segments)" });

export type SettingsInput = z.infer<typeof settingsSchema>;

export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  return { field: issue.path.join("."), message: issue.message };
}

export async function saveSettings(db: PrismaClient, shop: string, input: SettingsInput): Promise<void> {
  const data = { ...input, emailStages: JSON.stringify(input.emailStages), smsStages: JSON.stringify(input.smsStages) };
  await db.trackingSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

export async function saveTemplate(db: PrismaClient, shop: string, t: { stage: string; channel: Channel; locale: Locale; subject: string; body: string }): Promise<void> {
  const key = { shop, stage: t.stage, channel: t.channel, locale: t.locale };
  await db.notificationTemplate.upsert({ where: { shop_stage_channel_locale: key }, create: { ...key, subject: t.subject, body: t.body }, update: { subject: t.subject, body: t.body } });
}

export async function resetTemplate(db: PrismaClient, shop: string, t: { stage: string; channel: Channel; locale: Locale }) {
  await db.notificationTemplate.deleteMany({ where: { shop, stage: t.stage, channel: t.channel, locale: t.locale } });
  return isStage(t.stage) ? defaultTemplate(t.stage, t.channel, t.locale) : null;
}
