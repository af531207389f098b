import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient, Shipment } from "@prisma/client";
import { applyEvents, customsState, isStage, plannedNotifications, type Stage, type StageEvent } from "~/engine/tracking";
import { pickLocale } from "~/engine/tracking";
import type { Checkpoint } from "./checkpoints";
import { loadShopSettings, type ShopTrackingSettings } from "./settings.server";

/** 24 random bytes: 192 bits, base64url. The token is the only key to a buyer's tracking page. */
export function newTrackingToken(): string {
  return randomBytes(24).toString("base64url");
}

export const isWellFormedToken = (token: string) => /^[A-Za-z0-9_-]{32}$/.test(token);

/** The standalone tracking page; the fulfillment step sends this URL to Shopify with the tracking number. */
export function trackingPageUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, "")}/track/${token}`;
}

/** The same page inside the shop's theme, through the app proxy (shopify.app.toml [app_proxy]). */
export function storefrontTrackingUrl(shop: string, token: string): string {
  return `https://${shop}/apps/track/${token}`;
}

export interface NewShipment {
  readonly shop: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly orderShopifyId?: string | null;
  readonly orderName?: string | null;
  readonly fulfillmentShopifyId?: string | null;
  readonly buyerName?: string | null;
  readonly buyerEmail?: string | null;
  readonly buyerPhone?: string | null;
  readonly buyerLocale?: string | null;
  readonly originCountry?: string | null;
  readonly destinationCountry?: string | null;
  readonly promisedFrom?: string | null;
  readonly promisedBy?: string | null;
  readonly incoterm?: "DDP" | "DAP" | null;
  readonly dutiesMinor?: number | null;
  readonly dutiesCurrency?: string | null;
}

/**
 * Registers a parcel to follow (idempotent on shop + carrier + tracking number, so a retried
 * fulfillment step does not create a second one). Returns the row with its tracking token.
 */
export async function upsertShipment(db: PrismaClient, input: NewShipment, now: Date): Promise<Shipment> {
  const { shop, carrier, trackingNumber, buyerLocale, ...rest } = input;
  const data = { ...rest, buyerLocale: pickLocale(buyerLocale) };
  return db.shipment.upsert({
    where: { shop_carrier_trackingNumber: { shop, carrier, trackingNumber } },
    create: { shop, carrier, trackingNumber, trackingToken: newTrackingToken(), nextPollAt: now, ...data },
    update: data,
  });
}

export interface TrackingUpdate {
  readonly shop: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly checkpoints: readonly Checkpoint[];
  readonly estimatedDelivery?: string;
}

export interface IngestOutcome {
  readonly shop: string;
  readonly trackingNumber: string;
  readonly found: boolean;
  readonly status?: Stage;
  readonly applied: number;
  readonly repeated: number;
  readonly late: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly notifications: number;
}

export interface IngestOptions {
  readonly now: Date;
  readonly source: "webhook" | "poll" | "simulator" | "manual";
  /** False for history (seeding, backfill): the state moves but nobody is written to. */
  readonly notify?: boolean;
}

const toStageEvent = (row: { eventKey: string; occurredAt: Date; stage: string }): StageEvent => ({ key: row.eventKey, at: row.occurredAt.toISOString(), stage: isStage(row.stage) ? row.stage : "in_transit" });

const toInstant = (at: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(at) ? at : `${at}Z`);

/**
 * Applies carrier checkpoints to shipments in one batch: one read of the shipments, one of their
 * known events, then one transaction writing the new events, the new states and the notification
 * outbox rows. Repeated checkpoints are skipped by key; every update belongs to its own shop.
 */
export async function ingestTrackingUpdates(db: PrismaClient, updates: readonly TrackingUpdate[], options: IngestOptions): Promise<IngestOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestOnce(db, updates, options);
    } catch (error) {
      // Two deliveries of the same scan racing each other: the loser re-reads and finds it known.
      // (Checked by code: the PostgreSQL client is a separate generated package with its own error classes.)
      if (attempt < 5 && (error as { code?: unknown } | null)?.code === "P2002") continue;
      throw error;
    }
  }
}

async function ingestOnce(db: PrismaClient, updates: readonly TrackingUpdate[], options: IngestOptions): Promise<IngestOutcome[]> {
  const byShop = new Map<string, TrackingUpdate[]>();
  for (const u of updates) byShop.set(u.shop, [...(byShop.get(u.shop) ?? []), u]);

  const shipments: Shipment[] = [];
  const settings = new Map<string, ShopTrackingSettings>();
  for (const [shop, list] of byShop) {
    const found = await db.shipment.findMany({ where: { shop, trackingNumber: { in: [...new Set(list.map((u) => u.trackingNumber))] } } });
    shipments.push(...found);
    if (options.notify !== false && found.length > 0) settings.set(shop, await loadShopSettings(db, shop));
  }
  const shipmentFor = (u: TrackingUpdate) => shipments.find((s) => s.shop === u.shop && s.carrier === u.carrier && s.trackingNumber === u.trackingNumber);
  const known = await db.shipmentEvent.findMany({ where: { shipmentId: { in: shipments.map((s) => s.id) } }, select: { shipmentId: true, eventKey: true, occurredAt: true, stage: true } });
  const knownBy = new Map<string, StageEvent[]>();
  for (const row of known) knownBy.set(row.shipmentId, [...(knownBy.get(row.shipmentId) ?? []), toStageEvent(row)]);

  const eventRows: Prisma.ShipmentEventCreateManyInput[] = [];
  const notificationRows: Prisma.NotificationCreateManyInput[] = [];
  const shipmentWrites: Prisma.PrismaPromise<unknown>[] = [];
  const outcomes: IngestOutcome[] = [];
  const nowIso = options.now.toISOString();

  for (const update of updates) {
    const shipment = shipmentFor(update);
    if (!shipment) {
      outcomes.push({ shop: update.shop, trackingNumber: update.trackingNumber, found: false, applied: 0, repeated: 0, late: 0, rejected: 0, duplicates: update.checkpoints.length, notifications: 0 });
      continue;
    }
    const held = knownBy.get(shipment.id) ?? [];
    const incoming: StageEvent[] = update.checkpoints.map((c) => ({ key: c.key, at: toInstant(c.at).toISOString(), stage: c.stage }));
    const result = applyEvents(held, incoming);
    const counts = { applied: 0, repeated: 0, late: 0, rejected: 0 };
    for (const outcome of result.outcomes) {
      counts[outcome.disposition]++;
      const checkpoint = update.checkpoints.find((c) => c.key === outcome.key)!;
      const occurredAt = toInstant(checkpoint.at);
      if (Number.isNaN(occurredAt.getTime())) continue; // unreadable time: reported, not stored
      eventRows.push({
        shop: shipment.shop, shipmentId: shipment.id, eventKey: checkpoint.key, occurredAt, stage: checkpoint.stage, carrierCode: checkpoint.code,
        description: checkpoint.description, location: checkpoint.location ?? null, source: options.source, disposition: outcome.disposition, note: outcome.note ?? null,
      });
    }
    knownBy.set(shipment.id, [...held, ...result.fresh]);
    const after = result.after;
    const changed = JSON.stringify(result.before) !== JSON.stringify(after) || (update.estimatedDelivery && update.estimatedDelivery !== shipment.estimatedDelivery);
    if (changed) {
      shipmentWrites.push(
        // updateMany: no row to read back, one statement per parcel inside the batch's transaction.
        db.shipment.updateMany({
          where: { id: shipment.id, shop: shipment.shop },
          data: {
            status: after.status,
            statusAt: after.statusAt ? new Date(after.statusAt) : null,
            stagesReached: JSON.stringify(after.stagesReached),
            customsState: customsState(after.stagesReached),
            lastEventAt: after.lastEventAt ? new Date(after.lastEventAt) : null,
            deliveredAt: after.deliveredAt ? new Date(after.deliveredAt) : null,
            ...(update.estimatedDelivery ? { estimatedDelivery: update.estimatedDelivery } : {}),
          },
        }),
      );
    }
    let planned = 0;
    const shopSettings = settings.get(shipment.shop);
    if (shopSettings) {
      for (const n of plannedNotifications({ before: result.before, after, settings: shopSettings.notify, contact: { email: shipment.buyerEmail, phone: shipment.buyerPhone }, now: nowIso })) {
        notificationRows.push({ shop: shipment.shop, shipmentId: shipment.id, stage: n.stage, channel: n.channel, recipient: n.recipient, locale: shipment.buyerLocale, runAfter: options.now });
        planned++;
      }
    }
    outcomes.push({ shop: shipment.shop, trackingNumber: shipment.trackingNumber, found: true, status: after.status, ...counts, duplicates: update.checkpoints.length - result.fresh.length, notifications: planned });
  }

  if (eventRows.length || shipmentWrites.length || notificationRows.length) {
    const existingNotifications = notificationRows.length
      ? await db.notification.findMany({ where: { OR: notificationRows.map((n) => ({ shipmentId: n.shipmentId, stage: n.stage, channel: n.channel })) }, select: { shipmentId: true, stage: true, channel: true } })
      : [];
    // The outbox key (shipment, stage, channel) is unique: a stage already announced stays announced.
    const newNotifications = notificationRows.filter((n) => !existingNotifications.some((e) => e.shipmentId === n.shipmentId && e.stage === n.stage && e.channel === n.channel));
    await db.$transaction([
      ...(eventRows.length ? [db.shipmentEvent.createMany({ data: eventRows })] : []),
      ...shipmentWrites,
      ...(newNotifications.length ? [db.notification.createMany({ data: newNotifications })] : []),
    ]);
  }
  return outcomes;
}
