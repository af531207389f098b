import type { PrismaClient, TrackingSettings } from "@prisma/client";
import { DEFAULT_EMAIL_STAGES, DEFAULT_SMS_STAGES, parseStageList, type Branding, type NotificationSettings } from "~/engine/tracking";

export interface ShopTrackingSettings {
  readonly notify: NotificationSettings;
  readonly branding: Branding;
  readonly senderName: string | null;
  readonly replyTo: string | null;
  readonly returnsUrl: string | null;
}

/** A shop's settings, the defaults when it never saved any. */
export function toShopSettings(shop: string, row: TrackingSettings | null, shopName?: string | null): ShopTrackingSettings {
  const name = row?.brandName || shopName || shop.replace(/\.myshopify\.com$/, "");
  return {
    notify: { email: parseStageList(row?.emailStages, DEFAULT_EMAIL_STAGES), sms: parseStageList(row?.smsStages, DEFAULT_SMS_STAGES) },
    branding: { name, color: row?.brandColor ?? "#1f5f99", logoUrl: row?.logoUrl ?? null },
    senderName: row?.senderName ?? null,
    replyTo: row?.replyTo ?? null,
    returnsUrl: row?.returnsUrl ?? null,
  };
}

export async function loadShopSettings(db: PrismaClient, shop: string): Promise<ShopTrackingSettings> {
  const [row, shopRow] = await Promise.all([db.trackingSettings.findUnique({ where: { shop } }), db.shop.findUnique({ where: { domain: shop }, select: { name: true } })]);
  return toShopSettings(shop, row, shopRow?.name);
}
