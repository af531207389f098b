import Holidays from "date-holidays";

/**
 * Business-day arithmetic on calendar dates ("2026-05-22"), in the calendars of the countries a
 * parcel passes through. Dates are plain ISO strings so nothing here depends on the machine's
 * time zone; the only clock is the `now` a caller passes in.
 */
export type IsoDate = string;

export interface CalendarRef {
  /** ISO 3166-1 alpha-2 country. */
  readonly country: string;
  /** Optional subdivision as date-holidays names it (e.g. "BY" for Bavaria, "ENG" for England). */
  readonly region?: string;
}

export interface LocalDateTime {
  readonly date: IsoDate;
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** 1 = Monday ... 7 = Sunday. */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time at an instant in an IANA time zone (e.g. "Europe/London"). */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, minutes: Number(parts.hour) * 60 + Number(parts.minute), weekday: weekdayOf(date) };
}

export function weekdayOf(date: IsoDate): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "HH:MM" to minutes since midnight. */
export function parseClock(clock: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clock);
  if (!m) throw new Error(`time of day must be HH:MM, got "${clock}"`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes >= 24 * 60 || Number(m[2]) >= 60) throw new Error(`time of day out of range: "${clock}"`);
  return minutes;
}

// date-holidays computes a whole year of rules per call; a quote touches the same few countries
// and years over and over, so the closed days are kept per country, region and year.
const closedDays = new Map<string, ReadonlySet<IsoDate>>();

/**
 * Public holidays only: "bank" and "optional" days (Christmas Eve in Germany, in the US) are
 * working days for carriers and warehouses, who run at least a reduced network then.
 */
export function publicHolidays(ref: CalendarRef, year: number): ReadonlySet<IsoDate> {
  const key = `${ref.country}:${ref.region ?? ""}:${year}`;
  let set = closedDays.get(key);
  if (!set) {
    const hd = ref.region ? new Holidays(ref.country, ref.region) : new Holidays(ref.country);
    const list = hd.getHolidays(year) || [];
    set = new Set(list.filter((h) => h.type === "public").map((h) => h.date.slice(0, 10)));
    closedDays.set(key, set);
  }
  return set;
}

export function isWeekend(date: IsoDate): boolean {
  return weekdayOf(date) >= 6;
}

export function isPublicHoliday(date: IsoDate, ref: CalendarRef): boolean {
  return publicHolidays(ref, Number(date.slice(0, 4))).has(date);
}

/** A business day is a weekday that is not a public holiday in any of the given calendars. */
export function isBusinessDay(date: IsoDate, calendars: readonly CalendarRef[]): boolean {
  if (isWeekend(date)) return false;
  return !calendars.some((c) => isPublicHoliday(date, c));
}

/** The first business day on or after `date`. */
export function onOrNextBusinessDay(date: IsoDate, calendars: readonly CalendarRef[]): IsoDate {
  let d = date;
  for (let guard = 0; !isBusinessDay(d, calendars); guard++) {
    if (guard > 30) throw new Error(`no business day within 30 days of ${date}`);
    d = addDays(d, 1);
  }
  return d;
}

/** Moves `days` business days forward from `date` (0 returns `date` itself). */
export function addBusinessDays(date: IsoDate, days: number, calendars: readonly CalendarRef[]): IsoDate {
  if (!Number.isInteger(days) || days < 0) throw new Error(`business days must be a non-negative integer, got ${days}`);
  let d = date;
  for (let left = days; left > 0; ) {
    d = addDays(d, 1);
    if (isBusinessDay(d, calendars)) left--;
  }
  return d;
}

/** Business days from `from` (exclusive) to `to` (inclusive): the transit days a delivery took. */
export function businessDaysBetween(from: IsoDate, to: IsoDate, calendars: readonly CalendarRef[]): number {
  if (to < from) throw new Error(`${to} is before ${from}`);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d, calendars)) n++;
  return n;
}
