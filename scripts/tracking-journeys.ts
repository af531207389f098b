import { EU_COUNTRIES } from "../app/engine/customs/rules";
import { crossesCustomsBorder } from "../app/engine/tracking";

/**
 * Realistic parcel journeys for the demo's carrier simulator, in each carrier's own codes:
 * DHL Express checkpoint codes, EasyPost tracker statuses with the underlying carrier's words.
 * Deterministic from the tracking number, so a restarted demo replays the same journey.
 */
export interface JourneyStep {
  /** Hours after the parcel was handed over. */
  readonly afterHours: number;
  /** DHL: checkpoint typeCode. EasyPost: TrackingDetail status. */
  readonly code: string;
  readonly description: string;
  readonly city: string;
  readonly country: string;
}

export type JourneyKind = "smooth" | "customs_hold" | "failed_attempt" | "exception";

export interface Journey {
  readonly carrier: "dhl-express" | "easypost";
  readonly kind: JourneyKind;
  readonly steps: readonly JourneyStep[];
}

const WAREHOUSE: Record<string, { city: string; hub: string }> = {
  US: { city: "NEWARK, NJ", hub: "CINCINNATI HUB" },
  NL: { city: "VENLO", hub: "LEIPZIG HUB" },
  GB: { city: "NORTHAMPTON", hub: "EAST MIDLANDS HUB" },
};

export function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Which journey a parcel takes: mostly smooth; some customs holds, failed attempts and exceptions. */
export function journeyKind(trackingNumber: string, crossBorder: boolean): JourneyKind {
  const n = hashOf(trackingNumber) % 10;
  if (crossBorder && n < 2) return "customs_hold";
  if (n === 2) return "failed_attempt";
  if (n === 3) return "exception";
  return "smooth";
}

export function buildJourney(input: { carrier: "dhl-express" | "easypost"; trackingNumber: string; origin: string; destination: string; destinationCity: string; kind?: JourneyKind }): Journey {
  const from = WAREHOUSE[input.origin] ?? { city: input.origin, hub: `${input.origin} HUB` };
  const cross = crossesCustomsBorder(input.origin, input.destination, EU_COUNTRIES);
  const abroad = input.origin !== input.destination;
  const kind = input.kind === "customs_hold" && !cross ? "smooth" : (input.kind ?? journeyKind(input.trackingNumber, cross));
  const dest = { city: input.destinationCity.toUpperCase(), country: input.destination };
  const at = (city: string, country: string) => ({ city, country });
  const steps: JourneyStep[] = [];
  const add = (afterHours: number, code: string, description: string, place: { city: string; country: string }) => steps.push({ afterHours, code, description, ...place });
  if (input.carrier === "dhl-express") {
    add(0, "SA", "Shipment information received", at(from.city, input.origin));
    add(5, "PU", "Shipment picked up", at(from.city, input.origin));
    add(8, "PL", "Processed at " + from.city, at(from.city, input.origin));
    add(12, "DF", "Departed Facility in " + from.hub, at(from.hub, input.origin));
    let t = abroad ? 30 : 20;
    add(t, "AF", `Arrived at DHL Sort Facility ${dest.city}`, dest);
    if (cross) {
      add(t + 2, "IC", "Clearance processing underway", dest);
      if (kind === "customs_hold") {
        add(t + 6, "CD", "Clearance delay - Import: awaiting duty payment confirmation", dest);
        t += 168; // a week at customs: long enough to need the merchant
      }
      add(t + 8, "CR", "Clearance processing complete", dest);
      t += 8;
    }
    if (kind === "exception") {
      add(t + 4, "MS", "Shipment mis-sorted; being forwarded to the correct facility", dest);
      t += 240; // found again ten days later
    }
    add(t + 6, "AR", `Arrived at Delivery Facility in ${dest.city}`, dest);
    add(t + 20, "WC", "Shipment is out with courier for delivery", dest);
    if (kind === "failed_attempt") {
      add(t + 26, "NH", "Delivery attempted; recipient not home", dest);
      add(t + 44, "WC", "Shipment is out with courier for delivery", dest);
      t += 24;
    }
    add(t + 26, "OK", "Delivered", dest);
  } else {
    // Postal services abroad take days between countries: international standard is a week or more.
    add(0, "pre_transit", "Shipping Label Created", at(from.city, input.origin));
    add(6, "in_transit", "Accepted at Origin Facility", at(from.city, input.origin));
    add(20, "in_transit", "Departed Origin Facility", at(from.hub, input.origin));
    if (abroad) add(70, "in_transit", "Departed international exchange office", at(from.hub, input.origin));
    let t = abroad ? 130 : 30;
    if (cross) {
      add(t, "in_transit", "Arrived in destination country - customs clearance in progress", dest);
      if (kind === "customs_hold") {
        add(t + 6, "in_transit", "Held in customs - additional information required", dest);
        t += 168;
      }
      add(t + 12, "in_transit", "Released from customs", dest);
      t += 12;
    }
    if (kind === "exception") {
      add(t + 4, "failure", "Package damaged in transit - carrier investigating", dest);
      t += 240;
    }
    add(t + 8, "in_transit", "Arrived at Post Office", dest);
    add(t + 18, "out_for_delivery", "Out for Delivery", dest);
    if (kind === "failed_attempt") {
      add(t + 24, "failure", "Delivery Attempted - No Access to Delivery Location", dest);
      add(t + 42, "out_for_delivery", "Out for Delivery", dest);
      t += 24;
    }
    add(t + 24, "delivered", "Delivered, In/At Mailbox", dest);
  }
  return { carrier: input.carrier, kind, steps };
}
