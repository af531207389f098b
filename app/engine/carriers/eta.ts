import {
  addBusinessDays,
  businessDaysBetween,
  localDateTime,
  onOrNextBusinessDay,
  parseClock,
  type CalendarRef,
  type IsoDate,
} from "../calendar";
import type { DeliveryWindow, Warehouse } from "./model";

export interface LaneTransit {
  readonly min: number;
  readonly max: number;
  /** Business days allowed for customs clearance at destination. */
  readonly customsDays: number;
}

/** What the lane's delivered shipments teach: transit business days at the 50th and 90th percentile. */
export interface LearnedTransit {
  readonly p50: number;
  readonly p90: number;
  readonly samples: number;
  /** Share of the history delivered within p90 business days (the promise we would have made). */
  readonly onTimeShare: number;
}

export interface DeliveredShipment {
  readonly shippedOn: IsoDate;
  readonly deliveredOn: IsoDate;
}

/** Below this many deliveries a lane's history is too thin to replace the carrier's transit days. */
export const MIN_HISTORY = 20;

/** Nearest-rank percentile of sorted integers. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * Transit business days of each delivered shipment, counted in the calendars of both ends so a
 * holiday week does not read as a slow carrier.
 */
export function learnTransit(history: readonly DeliveredShipment[], calendars: readonly CalendarRef[]): LearnedTransit | null {
  if (history.length === 0) return null;
  const days = history.map((h) => businessDaysBetween(h.shippedOn, h.deliveredOn, calendars)).sort((a, b) => a - b);
  const p50 = percentile(days, 50);
  const p90 = percentile(days, 90);
  return { p50, p90, samples: days.length, onTimeShare: days.filter((d) => d <= p90).length / days.length };
}

export interface WindowInput {
  readonly now: Date;
  readonly warehouse: Warehouse;
  readonly destination: CalendarRef;
  readonly lane: LaneTransit;
  readonly learned?: LearnedTransit | null;
}

/** The day an order placed `now` leaves the warehouse: cutoff in the warehouse's own time zone, then handling days. */
export function shipDate(now: Date, warehouse: Warehouse): { date: IsoDate; reasons: string[] } {
  const origin: CalendarRef[] = [{ country: warehouse.country, ...(warehouse.region ? { region: warehouse.region } : {}) }];
  const local = localDateTime(now, warehouse.timeZone);
  const reasons: string[] = [];
  const afterCutoff = local.minutes >= parseClock(warehouse.cutoff);
  const today = onOrNextBusinessDay(local.date, origin);
  let first: IsoDate;
  if (today !== local.date) {
    first = today;
    reasons.push(`${local.date} is not a working day at ${warehouse.id}; picking starts ${first}`);
  } else if (afterCutoff) {
    first = onOrNextBusinessDay(addBusinessDays(local.date, 1, origin), origin);
    reasons.push(`ordered after the ${warehouse.cutoff} cutoff (${warehouse.timeZone}); picking starts ${first}`);
  } else {
    first = local.date;
    reasons.push(`ordered before the ${warehouse.cutoff} cutoff (${warehouse.timeZone})`);
  }
  const date = addBusinessDays(first, warehouse.handlingDays, origin);
  if (warehouse.handlingDays > 0) reasons.push(`${warehouse.handlingDays} handling day(s); ships ${date}`);
  return { date, reasons };
}

/**
 * Delivery window: ship date, then transit business days that are working days at both origin
 * and destination, then the clearance allowance on the latest date (express clears during
 * transit most of the time; the allowance covers the parcels that are held). With enough history
 * the lane's p50/p90 replace the carrier's published transit days.
 */
export function deliveryWindow(input: WindowInput): DeliveryWindow {
  const { warehouse, destination, lane, learned } = input;
  const origin: CalendarRef = { country: warehouse.country, ...(warehouse.region ? { region: warehouse.region } : {}) };
  const both = [origin, destination];
  const ship = shipDate(input.now, warehouse);
  const reasons = [...ship.reasons];
  const useHistory = !!learned && learned.samples >= MIN_HISTORY;
  const minDays = useHistory ? learned.p50 : lane.min;
  const maxDays = useHistory ? learned.p90 : lane.max + lane.customsDays;
  if (useHistory) {
    reasons.push(`${learned.samples} delivered on this lane: p50 ${learned.p50}, p90 ${learned.p90} business days`);
  } else {
    reasons.push(`lane transit ${lane.min}-${lane.max} business days` + (lane.customsDays ? ` + ${lane.customsDays} for customs` : ""));
  }
  return {
    shipDate: ship.date,
    earliest: addBusinessDays(ship.date, minDays, both),
    latest: addBusinessDays(ship.date, Math.max(minDays, maxDays), both),
    basis: useHistory ? "history" : "lane",
    confidence: useHistory ? learned.onTimeShare : null,
    samples: learned?.samples ?? 0,
    reasons,
  };
}
