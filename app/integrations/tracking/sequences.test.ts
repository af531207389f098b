import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldEvents } from "~/engine/tracking";
import { parseTrackingResponse as dhlTracking } from "../carriers/dhl-express/tracking";
import { parseTracker } from "../carriers/easypost/tracking";
import { parseTrackingResponse as upsTracking } from "../carriers/ups/tracking";
import { checkpointsFromDetails, type Checkpoint } from "./checkpoints";
import { parseEasyPostEvent } from "./easypost-webhook.server";

const json = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as unknown;
const fold = (checkpoints: readonly Checkpoint[]) => foldEvents(checkpoints.map((c) => ({ key: c.key, at: c.at, stage: c.stage })));

/** Every carrier's documented tracking sample, through its adapter's parser and the status machine. */
describe("documented carrier tracking samples through the status machine", () => {
  it("DHL Express (MyDHL API sample, checkpoints newest first): picked up, processed, delivered", () => {
    const details = dhlTracking(200, json("../carriers/dhl-express/__fixtures__/tracking-response.json")).data!;
    const checkpoints = checkpointsFromDetails("dhl-express", details);
    expect(checkpoints.map((c) => [c.code, c.stage])).toEqual([["PU", "picked_up"], ["PL", "in_transit"], ["OK", "delivered"]]);
    expect(fold(checkpoints).state).toMatchObject({ status: "delivered", stagesReached: ["picked_up", "in_transit", "delivered"], deliveredAt: "2024-11-07T18:00:00" });
  });

  it("UPS (Track API sample): an exception-type activity whose text says customs released the parcel counts as customs cleared", () => {
    const details = upsTracking(200, json("../carriers/ups/__fixtures__/tracking-response.json")).data!;
    const checkpoints = checkpointsFromDetails("ups", details);
    expect(checkpoints.map((c) => [c.code, c.stage])).toEqual([["SR", "customs_cleared"]]);
    expect(fold(checkpoints).state.status).toBe("customs_cleared");
  });

  it("EasyPost (Trackers API sample): two pre-transit details leave the parcel at label created, the second a repeat", () => {
    const details = parseTracker(200, json("../carriers/easypost/__fixtures__/tracker-response.json")).data!;
    const { state, outcomes } = fold(checkpointsFromDetails("easypost", details));
    expect(state.status).toBe("label_created");
    expect(outcomes.map((o) => o.disposition)).toEqual(["applied", "repeated"]);
  });

  it("EasyPost (webhook Event): reversed, shuffled and repeated deliveries of the same details fold to the same state", () => {
    const event = parseEasyPostEvent(readFileSync(new URL("./__fixtures__/easypost-event-tracker-updated.json", import.meta.url), "utf8"));
    if (event.kind !== "tracker") throw new Error("fixture did not parse");
    const checkpoints = event.update.checkpoints;
    const inOrder = fold(checkpoints).state;
    expect(inOrder).toMatchObject({ status: "out_for_delivery", stagesReached: ["label_created", "in_transit", "out_for_delivery"] });
    expect(fold([...checkpoints].reverse()).state).toEqual(inOrder);
    expect(fold([checkpoints[3]!, checkpoints[0]!, checkpoints[3]!, checkpoints[2]!, checkpoints[1]!, checkpoints[0]!]).state).toEqual(inOrder);
  });

  it("gives a scan the same key whichever way it arrives (webhook now, poll later), so it is stored once", () => {
    const event = parseEasyPostEvent(readFileSync(new URL("./__fixtures__/easypost-event-tracker-updated.json", import.meta.url), "utf8"));
    if (event.kind !== "tracker") throw new Error("fixture did not parse");
    const tracker = (json("./__fixtures__/easypost-event-tracker-updated.json") as { result: unknown }).result;
    const polled = checkpointsFromDetails("easypost", parseTracker(200, tracker).data!);
    expect(polled.map((c) => c.key)).toEqual(event.update.checkpoints.map((c) => c.key));
    expect(new Set(polled.map((c) => c.key)).size).toBe(polled.length);
  });
});
