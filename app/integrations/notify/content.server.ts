import type { PrismaClient, Shipment } from "@prisma/client";
import { defaultTemplate, pickLocale, renderMessage, stageVars, type Channel, type Locale, type RenderedMessage, type Stage, type Template } from "~/engine/tracking";
import { trackingPageUrl } from "../tracking/shipments.server";
import type { ShopTrackingSettings } from "../tracking/settings.server";

const CARRIER_NAMES: Readonly<Record<string, string>> = { "dhl-express": "DHL Express", ups: "UPS", easypost: "EasyPost" };
export const carrierName = (carrier: string) => CARRIER_NAMES[carrier] ?? carrier;

/** The merchant's template for a stage, channel and language, or the built-in one. */
export async function templateFor(db: PrismaClient, shop: string, stage: Stage, channel: Channel, locale: Locale): Promise<Template> {
  const row = await db.notificationTemplate.findUnique({ where: { shop_stage_channel_locale: { shop, stage, channel, locale } } });
  return row ? { subject: row.subject, body: row.body } : defaultTemplate(stage, channel, locale);
}

export function deliveryWindowText(shipment: Pick<Shipment, "promisedFrom" | "promisedBy" | "estimatedDelivery">, locale: Locale): string {
  const fmt = (d: string) => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));
  if (shipment.estimatedDelivery) return fmt(shipment.estimatedDelivery);
  if (shipment.promisedFrom && shipment.promisedBy && shipment.promisedFrom !== shipment.promisedBy) return `${fmt(shipment.promisedFrom)} – ${fmt(shipment.promisedBy)}`;
  if (shipment.promisedBy) return fmt(shipment.promisedBy);
  return "—";
}

/** What one notification says, for sending and for the admin's preview alike. */
export function messageFor(input: {
  shipment: Pick<Shipment, "trackingToken" | "orderName" | "buyerName" | "carrier" | "trackingNumber" | "promisedFrom" | "promisedBy" | "estimatedDelivery">;
  stage: Stage;
  channel: Channel;
  locale: string;
  template: Template;
  settings: ShopTrackingSettings;
  appUrl: string;
}): RenderedMessage {
  const locale = pickLocale(input.locale);
  const s = input.shipment;
  return renderMessage({
    template: input.template,
    channel: input.channel,
    locale,
    branding: input.settings.branding,
    vars: {
      ...stageVars(input.stage, locale),
      shop: input.settings.branding.name,
      order: s.orderName ?? "",
      name: s.buyerName?.split(" ")[0] ?? "",
      carrier: carrierName(s.carrier),
      tracking_number: s.trackingNumber,
      window: deliveryWindowText(s, locale),
      url: trackingPageUrl(input.appUrl, s.trackingToken),
    },
  });
}
