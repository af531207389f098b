import { describe, expect, it } from "vitest";
import { addBusinessDays } from "../calendar";
import { deliveryWindow, learnTransit, MIN_HISTORY, shipDate } from "./eta";
import type { Warehouse } from "./model";

const london: Warehouse = { id: "lon", country: "GB", timeZone: "Europe/London", cutoff: "14:00", handlingDays: 0 };
const newark: Warehouse = { id: "ewr", country: "US", timeZone: "America/New_York", cutoff: "15:00", handlingDays: 1 };
const berlin: Warehouse = { id: "ber", country: "DE", timeZone: "Europe/Berlin", cutoff: "12:00", handlingDays: 0 };

describe("cutoff and holidays", () => {
  it("a quote on a Friday after cutoff before a public holiday ships on Tuesday and lands on the right day", () => {
    // Friday 22 May 2026, 16:30 in London; Monday 25 May is the Spring bank holiday in England and Whit Monday in Germany.
    const w = deliveryWindow({
      now: new Date("2026-05-22T15:30:00Z"),
      warehouse: london,
      destination: { country: "DE" },
      lane: { min: 1, max: 2, customsDays: 1 },
    });
    expect(w.shipDate).toBe("2026-05-26");
    expect(w.earliest).toBe("2026-05-27");
    expect(w.latest).toBe("2026-05-29");
    expect(w.basis).toBe("lane");
    expect(w.confidence).toBeNull();
    expect(w.reasons[0]).toBe("ordered after the 14:00 cutoff (Europe/London); picking starts 2026-05-26");
  });

  it("the same Friday before cutoff ships that day, and transit still skips the holiday", () => {
    const w = deliveryWindow({ now: new Date("2026-05-22T12:30:00Z"), warehouse: london, destination: { country: "DE" }, lane: { min: 1, max: 2, customsDays: 1 } });
    expect([w.shipDate, w.earliest, w.latest]).toEqual(["2026-05-22", "2026-05-26", "2026-05-28"]);
  });

  it("a holiday only at destination (Thanksgiving) delays delivery, not dispatch", () => {
    const w = deliveryWindow({ now: new Date("2026-11-25T08:00:00Z"), warehouse: berlin, destination: { country: "US" }, lane: { min: 1, max: 1, customsDays: 0 } });
    expect(w.shipDate).toBe("2026-11-25");
    expect(w.earliest).toBe("2026-11-27");
  });

  it("adds handling days in the origin's calendar after the cutoff decision", () => {
    // Wednesday 23 Dec 2026 10:00 in New Jersey: picked that day, handed over after 1 handling day (Christmas Eve).
    expect(shipDate(new Date("2026-12-23T15:00:00Z"), newark).date).toBe("2026-12-24");
  });
});

describe("learning from delivered history", () => {
  const monday = "2026-03-02";
  const transit = [...Array(10).fill(2), ...Array(6).fill(3), 4, 4, 6, 6] as number[];
  const history = transit.map((d) => ({ shippedOn: monday, deliveredOn: addBusinessDays(monday, d, [{ country: "DE" }, { country: "FR" }]) }));

  it("computes p50/p90 transit business days and the share delivered within p90", () => {
    expect(learnTransit(history, [{ country: "DE" }, { country: "FR" }])).toEqual({ p50: 2, p90: 4, samples: 20, onTimeShare: 0.9 });
  });

  it("replaces the lane's transit once the lane has enough deliveries, with a confidence", () => {
    const learned = learnTransit(history, [{ country: "DE" }, { country: "FR" }]);
    const w = deliveryWindow({ now: new Date("2026-06-01T08:00:00Z"), warehouse: berlin, destination: { country: "FR" }, lane: { min: 1, max: 2, customsDays: 0 }, learned });
    expect(w).toMatchObject({ basis: "history", confidence: 0.9, samples: 20, shipDate: "2026-06-01", earliest: "2026-06-03", latest: "2026-06-05" });
  });

  it("keeps the lane's transit while history is thin", () => {
    const learned = learnTransit(history.slice(0, MIN_HISTORY - 1), [{ country: "DE" }, { country: "FR" }]);
    const w = deliveryWindow({ now: new Date("2026-06-01T08:00:00Z"), warehouse: berlin, destination: { country: "FR" }, lane: { min: 1, max: 2, customsDays: 0 }, learned });
    expect(w).toMatchObject({ basis: "lane", confidence: null, samples: 19, earliest: "2026-06-02", latest: "2026-06-03" });
  });
});
