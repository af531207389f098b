import type { IsoDate } from "../calendar";
import { TERMINAL, type Stage } from "./stages";

export type AttentionReason = "exception" | "customs_held" | "delivery_failed" | "late" | "quiet";

export interface AttentionInput {
  readonly status: Stage;
  readonly promisedBy?: IsoDate | null;
  readonly estimatedDelivery?: IsoDate | null;
  /** ISO instant of the last carrier event. */
  readonly lastEventAt?: string | null;
}

/** Most urgent first: a merchant acts on exceptions and holds before lateness. */
const RANK: Readonly<Record<AttentionReason, number>> = { exception: 0, customs_held: 1, delivery_failed: 2, late: 3, quiet: 4 };

/**
 * Why a shipment needs the merchant: it is in an exception, held in customs, a delivery failed,
 * it is late against the window promised at checkout (or the carrier now expects it after that
 * window), or the carrier has said nothing for `quietDays`. Delivered and returned parcels need
 * nothing.
 */
export function attentionReasons(shipment: AttentionInput, today: IsoDate, quietDays = 5): AttentionReason[] {
  if (TERMINAL.has(shipment.status)) return [];
  const reasons: AttentionReason[] = [];
  if (shipment.status === "exception") reasons.push("exception");
  if (shipment.status === "customs_held") reasons.push("customs_held");
  if (shipment.status === "delivery_failed") reasons.push("delivery_failed");
  const promised = shipment.promisedBy ?? null;
  if (promised && (today > promised || (shipment.estimatedDelivery && shipment.estimatedDelivery > promised))) reasons.push("late");
  if (shipment.lastEventAt && shipment.status !== "returning") {
    const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(shipment.lastEventAt)) / 86_400_000;
    if (days > quietDays) reasons.push("quiet");
  }
  return reasons;
}

/** Sort key: shipments needing attention first, the most urgent reason first, then the rest. */
export function attentionRank(reasons: readonly AttentionReason[]): number {
  return reasons.length === 0 ? 99 : Math.min(...reasons.map((r) => RANK[r]));
}
