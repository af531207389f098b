import type { ShipmentState } from "./machine";
import { isStage, type Stage } from "./stages";

export type Channel = "email" | "sms";

/** Stages a merchant can notify on. Label-created and plain in-transit scans would only be noise. */
export const NOTIFIABLE_STAGES: readonly Stage[] = [
  "picked_up", "in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivered", "delivery_failed", "exception", "returning", "returned",
];

export const DEFAULT_EMAIL_STAGES: readonly Stage[] = ["picked_up", "customs_held", "out_for_delivery", "delivered", "delivery_failed", "exception"];
export const DEFAULT_SMS_STAGES: readonly Stage[] = ["out_for_delivery", "delivered"];

export interface NotificationSettings {
  readonly email: readonly Stage[];
  readonly sms: readonly Stage[];
}

export interface Contact {
  readonly email?: string | null;
  readonly phone?: string | null;
}

export interface PlannedNotification {
  readonly stage: Stage;
  readonly channel: Channel;
  readonly recipient: string;
}

/** Reads the stored JSON list of stages, keeping only notifiable ones (an old or edited row never breaks sending). */
export function parseStageList(json: string | null | undefined, fallback: readonly Stage[]): Stage[] {
  if (!json) return [...fallback];
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((s): s is Stage => isStage(s) && NOTIFIABLE_STAGES.includes(s)) : [...fallback];
  } catch {
    return [...fallback];
  }
}

/**
 * Which messages a change of state calls for: the stage the parcel is in now, if it was never in
 * it before (a second "out for delivery" after a failed attempt does not write again), the
 * merchant enabled it for the channel and the buyer can be reached on it. Stages the parcel
 * passed through inside one batch of events are not announced after the fact, and nothing is
 * sent for news older than `staleAfterHours` (a backfilled journey stays silent). The outbox's
 * unique key (shipment, stage, channel) makes "at most once" hold even across processes.
 */
export function plannedNotifications(input: {
  before: ShipmentState;
  after: ShipmentState;
  settings: NotificationSettings;
  contact: Contact;
  now: string;
  staleAfterHours?: number;
}): PlannedNotification[] {
  const { before, after, settings, contact } = input;
  const stage = after.status;
  if (after.statusAt === null || stage === before.status || before.stagesReached.includes(stage)) return [];
  if (!NOTIFIABLE_STAGES.includes(stage)) return [];
  const ageHours = (Date.parse(input.now) - Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(after.statusAt) ? after.statusAt : `${after.statusAt}Z`)) / 3_600_000;
  if (ageHours > (input.staleAfterHours ?? 72)) return [];
  const planned: PlannedNotification[] = [];
  if (contact.email && settings.email.includes(stage)) planned.push({ stage, channel: "email", recipient: contact.email });
  if (contact.phone && settings.sms.includes(stage)) planned.push({ stage, channel: "sms", recipient: contact.phone });
  return planned;
}
