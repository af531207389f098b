import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DHL_EXPRESS_CODES, stageForCheckpoint } from "./carrier-codes";
import { applyEvents, foldEvents, type StageEvent } from "./machine";
import { canMove, customsState, STAGES, type Stage } from "./stages";

/** A DHL Express journey Prague -> New York with a customs hold, as DHL's checkpoint codes report it. */
const DHL_JOURNEY: readonly [string, string, string][] = [
  ["2024-11-05T09:12:00", "SA", "Shipment information received"],
  ["2024-11-05T17:40:00", "PU", "Shipment picked up"],
  ["2024-11-05T22:05:00", "PL", "Processed at PRAGUE - CZECH REPUBLIC"],
  ["2024-11-06T01:30:00", "DF", "Departed Facility in LEIPZIG - GERMANY"],
  ["2024-11-06T14:10:00", "AF", "Arrived at DHL Sort Facility NEW YORK - USA"],
  ["2024-11-06T15:02:00", "IC", "Clearance processing underway"],
  ["2024-11-06T18:44:00", "CD", "Clearance delay - Import"],
  ["2024-11-07T11:20:00", "CR", "Clearance processing complete at NEW YORK - USA"],
  ["2024-11-07T13:00:00", "AR", "Arrived at Delivery Facility in NEW YORK - USA"],
  ["2024-11-08T08:31:00", "WC", "Shipment is out with courier for delivery"],
  ["2024-11-08T12:45:00", "NH", "Delivery attempted; recipient not home"],
  ["2024-11-09T08:15:00", "WC", "Shipment is out with courier for delivery"],
  ["2024-11-09T14:02:00", "OK", "Delivered - Signed for by: J SMITH"],
];

const dhlEvents = (): StageEvent[] =>
  DHL_JOURNEY.map(([at, code, description], i) => ({ key: `dhl-${i}-${code}`, at, stage: stageForCheckpoint("dhl-express", { code, description }) }));

describe("status machine", () => {
  it("follows a DHL Express journey through a customs hold and a failed attempt to delivered", () => {
    const { state, outcomes } = foldEvents(dhlEvents());
    expect(state.status).toBe("delivered");
    expect(state.deliveredAt).toBe("2024-11-09T14:02:00");
    expect(state.stagesReached).toEqual(["label_created", "picked_up", "in_transit", "in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivery_failed", "delivered"]);
    expect(customsState(state.stagesReached)).toBe("cleared");
    // The second "with courier" scan is a move back from delivery_failed, not a rejection.
    expect(outcomes.every((o) => o.disposition === "applied" || o.disposition === "repeated")).toBe(true);
  });

  it("gives the same state whatever order the events arrive in, and however often", () => {
    const events = dhlEvents();
    const expected = foldEvents(events).state;
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.array(fc.nat(events.length - 1), { maxLength: 6 }), (shuffled, repeats) => {
        const withDuplicates = [...shuffled, ...repeats.map((i) => events[i]!)];
        expect(foldEvents(withDuplicates).state).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("marks a delivery scan that arrives after the delivered event as late and keeps the parcel delivered", () => {
    const events = dhlEvents();
    const withoutSecondCourier = events.filter((e) => e.key !== "dhl-11-WC");
    const late = events.find((e) => e.key === "dhl-11-WC")!;
    const result = applyEvents(withoutSecondCourier, [late]);
    expect(result.before.status).toBe("delivered");
    expect(result.after.status).toBe("delivered");
    expect(result.outcomes).toEqual([{ key: "dhl-11-WC", disposition: "late", note: expect.stringContaining("timeline") }]);
  });

  it("ignores an event it already holds", () => {
    const events = dhlEvents();
    const result = applyEvents(events, [events[3]!, events[12]!]);
    expect(result.fresh).toEqual([]);
    expect(result.outcomes).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("rejects an impossible move: an in-transit scan after delivery does not reopen the parcel", () => {
    const events = dhlEvents();
    const result = applyEvents(events, [{ key: "dhl-late-AF", at: "2024-11-10T09:00:00", stage: "in_transit" }]);
    expect(result.after.status).toBe("delivered");
    expect(result.outcomes).toEqual([{ key: "dhl-late-AF", disposition: "rejected", note: "already delivered" }]);
  });

  it("rejects customs hold after clearance on the same journey", () => {
    const { state, outcomes } = foldEvents([
      { key: "a", at: "2024-01-01T10:00:00Z", stage: "in_customs" },
      { key: "b", at: "2024-01-01T11:00:00Z", stage: "customs_cleared" },
      { key: "c", at: "2024-01-01T12:00:00Z", stage: "customs_held" },
    ]);
    expect(state.status).toBe("customs_cleared");
    expect(outcomes.at(-1)).toEqual({ key: "c", disposition: "rejected", note: "customs_cleared cannot move to customs_held" });
  });

  it("turns a delivered scan on the way back into returned, and keeps return scans as returning", () => {
    const { state } = foldEvents([
      { key: "1", at: "2024-03-01T08:00:00Z", stage: "picked_up" },
      { key: "2", at: "2024-03-02T08:00:00Z", stage: stageForCheckpoint("dhl-express", { code: "RT", description: "Returned to shipper" }) },
      { key: "3", at: "2024-03-03T08:00:00Z", stage: "in_transit" },
      { key: "4", at: "2024-03-04T08:00:00Z", stage: "delivered" },
    ]);
    expect(state.status).toBe("returned");
    expect(state.stagesReached).toEqual(["picked_up", "returning", "returned"]);
  });

  it("rejects events it cannot read without losing the rest", () => {
    const { state, outcomes } = foldEvents([
      { key: "ok", at: "2024-03-01T08:00:00Z", stage: "picked_up" },
      { key: "bad-time", at: "yesterday", stage: "delivered" },
      { key: "bad-stage", at: "2024-03-01T09:00:00Z", stage: "teleported" as Stage },
    ]);
    expect(state.status).toBe("picked_up");
    expect(outcomes.filter((o) => o.disposition === "rejected").map((o) => o.key)).toEqual(["bad-time", "bad-stage"]);
  });

  it("lets nothing leave a terminal stage and lets every stage repeat", () => {
    for (const from of STAGES) {
      expect(canMove(from, from)).toBe(true);
      for (const to of STAGES) if (from === "delivered" || from === "returned") expect(canMove(from, to)).toBe(from === to);
    }
  });
});

describe("carrier codes", () => {
  it.each([
    ["dhl-express", "OH", "Shipment on hold", "customs_held"],
    ["dhl-express", "HP", "Held for payment", "customs_held"],
    ["dhl-express", "BA", "Bad address", "delivery_failed"],
    ["dhl-express", "ZZ", "Something new", "in_transit"],
    // UPS's documented sample: an "X" activity whose text says customs released it.
    ["ups", "SR", "Your package was released by the customs agency.", "customs_cleared"],
    ["ups", "IP", "Your package is being held by the customs agency.", "customs_held"],
    ["ups", "OF", "Out For Delivery Today", "out_for_delivery"],
    ["ups", "48", "The receiver was not available for delivery. We'll make a second attempt the next business day.", "delivery_failed"],
    ["easypost", "pre_transit", "Shipping Label Created", "label_created"],
    ["easypost", "in_transit", "Held in Customs", "customs_held"],
    ["easypost", "in_transit", "Customs clearance in progress", "in_customs"],
    ["easypost", "in_transit", "Released from customs", "customs_cleared"],
    ["easypost", "available_for_pickup", "Available for Pickup", "out_for_delivery"],
    ["easypost", "return_to_sender", "Return to Sender", "returning"],
    ["easypost", "failure", "Delivery Attempted - No Access to Delivery Location", "delivery_failed"],
  ] as const)("%s %s (%s) -> %s", (carrier, code, description, stage) => {
    const status = carrier === "ups" ? ({ SR: "exception", IP: "in_transit", OF: "out_for_delivery", "48": "exception" } as Record<string, string>)[code] : undefined;
    expect(stageForCheckpoint(carrier, { code, description, ...(status ? { status } : {}) })).toBe(stage);
  });

  it("maps every DHL code onto a known stage", () => {
    for (const stage of Object.values(DHL_EXPRESS_CODES)) expect(STAGES).toContain(stage);
  });
});
