import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysBetween, isBusinessDay, localDateTime, onOrNextBusinessDay } from "./calendar";

const GB = { country: "GB" };
const DE = { country: "DE" };
const US = { country: "US" };

describe("business-day calendar", () => {
  it("reads the wall clock of the warehouse's time zone, not the server's", () => {
    // 23:30 UTC on Friday 22 May 2026 is already Saturday 01:30 in Berlin.
    expect(localDateTime(new Date("2026-05-22T23:30:00Z"), "Europe/Berlin")).toEqual({ date: "2026-05-23", minutes: 90, weekday: 6 });
    expect(localDateTime(new Date("2026-05-22T23:30:00Z"), "America/New_York")).toEqual({ date: "2026-05-22", minutes: 19 * 60 + 30, weekday: 5 });
  });

  it("skips weekends and public holidays from the holiday library", () => {
    expect(isBusinessDay("2026-05-25", [GB])).toBe(false); // Spring bank holiday
    expect(isBusinessDay("2026-05-25", [US])).toBe(false); // Memorial Day
    expect(isBusinessDay("2026-11-26", [DE])).toBe(true);
    expect(isBusinessDay("2026-11-26", [DE, US])).toBe(false); // Thanksgiving closes the US end
    expect(onOrNextBusinessDay("2026-05-23", [GB])).toBe("2026-05-26");
  });

  it("treats bank and optional days (Christmas Eve) as working days", () => {
    expect(isBusinessDay("2026-12-24", [DE, US])).toBe(true);
  });

  it("adds and counts business days across a holiday week", () => {
    expect(addBusinessDays("2026-12-23", 2, [US, DE])).toBe("2026-12-28");
    expect(businessDaysBetween("2026-12-23", "2026-12-28", [US, DE])).toBe(2);
    expect(addBusinessDays("2026-12-23", 2, [GB])).toBe("2026-12-29"); // 28 Dec is the Boxing Day substitute in England
  });
});
