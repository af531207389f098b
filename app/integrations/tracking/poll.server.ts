import type { PrismaClient } from "@prisma/client";
import type { CarrierAdapter } from "~/engine/carriers";
import { checkpointsFromDetails } from "./checkpoints";
import { ingestTrackingUpdates, type IngestOutcome, type TrackingUpdate } from "./shipments.server";

/** Carriers that push tracking to us (webhooks); the rest are polled. */
export const PUSH_CARRIERS: ReadonlySet<string> = new Set(["easypost"]);

export interface PollDeps {
  readonly db: PrismaClient;
  /** The shop's adapter for a carrier, or null when the shop has no credentials for it. */
  readonly adapterFor: (shop: string, carrier: string) => Promise<CarrierAdapter | null> | CarrierAdapter | null;
  readonly now: () => Date;
  readonly notify?: boolean;
  /** The wait before the next look at a parcel in a status (default nextPollDelayMs). */
  readonly delayFor?: (status: string) => number;
}

/** Out for delivery changes by the hour; a parcel crossing an ocean does not. */
export function nextPollDelayMs(status: string): number {
  if (status === "out_for_delivery" || status === "delivery_failed") return 30 * 60_000;
  if (status === "customs_held" || status === "exception") return 60 * 60_000;
  return 3 * 60 * 60_000;
}

export interface PollReport {
  readonly polled: number;
  readonly skipped: number;
  readonly errors: readonly string[];
  readonly outcomes: readonly IngestOutcome[];
}

/**
 * Asks the carriers without webhooks about the parcels due for a look. Each shipment is claimed
 * by moving its `nextPollAt` forward first (a conditional update), so two instances never poll the
 * same one; a carrier error reschedules it for later and the rest go on.
 */
export async function pollDueShipments(deps: PollDeps, limit = 25): Promise<PollReport> {
  const { db } = deps;
  const now = deps.now();
  const delayFor = deps.delayFor ?? nextPollDelayMs;
  const due = await db.shipment.findMany({
    where: { nextPollAt: { lte: now }, status: { notIn: ["delivered", "returned"] }, carrier: { notIn: [...PUSH_CARRIERS] } },
    orderBy: { nextPollAt: "asc" },
    take: limit,
    select: { id: true, shop: true, carrier: true, trackingNumber: true, status: true, nextPollAt: true },
  });
  const updates: TrackingUpdate[] = [];
  const errors: string[] = [];
  let skipped = 0;
  for (const s of due) {
    const claimed = await db.shipment.updateMany({ where: { id: s.id, nextPollAt: s.nextPollAt }, data: { nextPollAt: new Date(now.getTime() + delayFor(s.status)) } });
    if (claimed.count !== 1) continue;
    const adapter = await deps.adapterFor(s.shop, s.carrier);
    if (!adapter || !adapter.capabilities.tracking) {
      skipped++;
      continue;
    }
    try {
      const result = await adapter.track(s.trackingNumber);
      if (result.data) {
        updates.push({ shop: s.shop, carrier: s.carrier, trackingNumber: s.trackingNumber, checkpoints: checkpointsFromDetails(s.carrier, result.data), ...(result.data.estimatedDelivery ? { estimatedDelivery: result.data.estimatedDelivery } : {}) });
      } else if (result.messages.length) {
        errors.push(`${s.carrier} ${s.trackingNumber}: ${result.messages.map((m) => m.message).join("; ")}`);
      }
    } catch (error) {
      errors.push(`${s.carrier} ${s.trackingNumber}: ${error instanceof Error ? error.message : String(error)}`);
      await db.shipment.update({ where: { id: s.id }, data: { nextPollAt: new Date(now.getTime() + 60 * 60_000) } });
    }
  }
  const outcomes = updates.length ? await ingestTrackingUpdates(deps.db, updates, { now, source: "poll", notify: deps.notify ?? true }) : [];
  // The status may have changed: the next look follows the new status's pace.
  for (const o of outcomes) {
    if (o.status) await db.shipment.updateMany({ where: { shop: o.shop, trackingNumber: o.trackingNumber, carrier: { notIn: [...PUSH_CARRIERS] } }, data: { nextPollAt: new Date(now.getTime() + delayFor(o.status)) } });
  }
  return { polled: updates.length, skipped, errors, outcomes };
}
