import { createHash } from "node:crypto";
import type { TrackingDetails } from "~/engine/carriers";
import { stageForCheckpoint, type Stage } from "~/engine/tracking";

/** A carrier checkpoint ready for the status machine, with the key that makes it idempotent. */
export interface Checkpoint {
  readonly key: string;
  /** ISO 8601; a carrier's local time without offset is kept as sent and read as UTC. */
  readonly at: string;
  readonly stage: Stage;
  readonly code: string;
  readonly description: string;
  readonly location?: string;
}

/**
 * Carriers give checkpoints no id of their own (DHL, UPS and EasyPost alike), so the key is a
 * digest of what identifies the scan: code, time and place. The same scan polled twice, or
 * delivered by a webhook and then a poll, gets the same key.
 */
export function checkpointKey(carrier: string, code: string, at: string, location?: string): string {
  return createHash("sha256").update(`${carrier}|${code}|${at}|${location ?? ""}`).digest("base64url").slice(0, 22);
}

/** The adapters' parsed tracking (app/integrations/carriers/<carrier>/tracking.ts) as checkpoints. */
export function checkpointsFromDetails(carrier: string, details: TrackingDetails): Checkpoint[] {
  return details.events.map((event) => ({
    key: checkpointKey(carrier, event.code, event.at, event.location),
    at: event.at,
    stage: stageForCheckpoint(carrier, { code: event.code, description: event.description, status: event.status }),
    code: event.code,
    description: event.description,
    ...(event.location ? { location: event.location } : {}),
  }));
}
