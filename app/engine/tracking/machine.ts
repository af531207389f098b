import { canMove, isStage, TERMINAL, type Stage } from "./stages";

/** One checkpoint as the machine sees it, whatever carrier or route it came through. */
export interface StageEvent {
  /** Carrier event id, or a digest of code + time + location when the carrier gives none. */
  readonly key: string;
  /** ISO 8601 instant. Carriers that send local times without offset are read as UTC. */
  readonly at: string;
  readonly stage: Stage;
}

export type Disposition = "applied" | "repeated" | "late" | "rejected";

export interface EventOutcome {
  readonly key: string;
  readonly disposition: Disposition;
  readonly note?: string;
}

export interface ShipmentState {
  readonly status: Stage;
  /** Instant of the event that set `status`; null before any event. */
  readonly statusAt: string | null;
  /** Each stage the parcel has been in, first time reached, in order. */
  readonly stagesReached: readonly Stage[];
  readonly lastEventAt: string | null;
  readonly deliveredAt: string | null;
}

export const INITIAL_STATE: ShipmentState = { status: "label_created", statusAt: null, stagesReached: [], lastEventAt: null, deliveredAt: null };

const instant = (at: string) => {
  // Date.parse is pure; a date-time without zone is taken as UTC so every host reads it alike.
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(at) ? at : `${at}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/** Orders events by time, then by key so two events at the same second always fold alike. */
export function compareEvents(a: StageEvent, b: StageEvent): number {
  return (instant(a.at) ?? 0) - (instant(b.at) ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The stage a parcel moves to when `stage` arrives while it is in `from`. A "delivered" scan on a
 * parcel that is on its way back means it reached the sender; in-transit scans on the way back
 * keep it "returning" rather than looking like the outbound journey again.
 */
function effectiveStage(from: Stage, stage: Stage): Stage {
  if (from === "returning" && stage === "delivered") return "returned";
  if (from === "returning" && (stage === "in_transit" || stage === "picked_up" || stage === "out_for_delivery")) return "returning";
  return stage;
}

/**
 * Folds a shipment's events into its state. The events are deduplicated by key and replayed in
 * time order, so the result does not depend on the order or the number of times they arrived:
 * a late scan slots into the timeline where it belongs, a repeated one counts once. Impossible
 * moves (delivered -> in transit) are rejected: kept in the timeline, never in the status.
 */
export function foldEvents(events: readonly StageEvent[]): { state: ShipmentState; outcomes: EventOutcome[] } {
  const seen = new Set<string>();
  const unique: StageEvent[] = [];
  const outcomes: EventOutcome[] = [];
  for (const event of events) {
    if (seen.has(event.key)) continue;
    seen.add(event.key);
    if (!isStage(event.stage) || instant(event.at) === null) {
      outcomes.push({ key: event.key, disposition: "rejected", note: `unreadable event (${event.stage} at ${event.at})` });
      continue;
    }
    unique.push(event);
  }
  unique.sort(compareEvents);
  let status: Stage = "label_created";
  let statusAt: string | null = null;
  let deliveredAt: string | null = null;
  let lastEventAt: string | null = null;
  const reached: Stage[] = [];
  for (const event of unique) {
    lastEventAt = event.at;
    const to = effectiveStage(status, event.stage);
    if (statusAt !== null && to === status) {
      outcomes.push({ key: event.key, disposition: "repeated" });
      continue;
    }
    if (statusAt !== null && !canMove(status, to)) {
      outcomes.push({ key: event.key, disposition: "rejected", note: TERMINAL.has(status) ? `already ${status}` : `${status} cannot move to ${to}` });
      continue;
    }
    status = to;
    statusAt = event.at;
    if (!reached.includes(to)) reached.push(to);
    if (to === "delivered") deliveredAt = event.at;
    outcomes.push({ key: event.key, disposition: "applied" });
  }
  return { state: { status, statusAt, stagesReached: reached, lastEventAt, deliveredAt }, outcomes };
}

/**
 * What new events did to a shipment already holding `known` events: the new state and, for each
 * new event, whether it moved the status, repeated it, arrived late (older than the status it
 * found, so it only fills in the timeline) or was rejected. Keys already known are skipped.
 */
export function applyEvents(known: readonly StageEvent[], incoming: readonly StageEvent[]): { before: ShipmentState; after: ShipmentState; fresh: StageEvent[]; outcomes: EventOutcome[] } {
  const before = foldEvents(known).state;
  const knownKeys = new Set(known.map((e) => e.key));
  const fresh: StageEvent[] = [];
  for (const event of incoming) {
    if (knownKeys.has(event.key)) continue;
    knownKeys.add(event.key);
    fresh.push(event);
  }
  const { state: after, outcomes: all } = foldEvents([...known, ...fresh]);
  const freshKeys = new Set(fresh.map((e) => e.key));
  const beforeAt = before.statusAt === null ? null : instant(before.statusAt);
  const outcomes = all
    .filter((o) => freshKeys.has(o.key))
    .map((o): EventOutcome => {
      const event = fresh.find((e) => e.key === o.key)!;
      const at = instant(event.at);
      if (o.disposition === "applied" && beforeAt !== null && at !== null && at < beforeAt) return { key: o.key, disposition: "late", note: "older than the status it arrived after; added to the timeline" };
      return o;
    });
  return { before, after, fresh, outcomes };
}
