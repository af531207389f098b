/**
 * The normalised shipment status machine. Every carrier's checkpoints map onto these stages
 * (carrier-codes.ts); the machine (machine.ts) decides which moves are possible.
 */
export const STAGES = [
  "label_created",
  "picked_up",
  "in_transit",
  "in_customs",
  "customs_held",
  "customs_cleared",
  "out_for_delivery",
  "delivered",
  "delivery_failed",
  "exception",
  "returning",
  "returned",
] as const;

export type Stage = (typeof STAGES)[number];

export const isStage = (value: unknown): value is Stage => typeof value === "string" && (STAGES as readonly string[]).includes(value);

/** Stages after which nothing more can happen to the parcel on this journey. */
export const TERMINAL: ReadonlySet<Stage> = new Set(["delivered", "returned"]);

/**
 * Where each stage sits on the buyer's progress bar (0..100). Side stages (held, failed,
 * exception) sit where the parcel is stuck; the return journey is shown as complete.
 */
export const PROGRESS: Readonly<Record<Stage, number>> = {
  label_created: 5,
  picked_up: 20,
  in_transit: 40,
  in_customs: 55,
  customs_held: 55,
  customs_cleared: 70,
  out_for_delivery: 85,
  delivery_failed: 85,
  delivered: 100,
  exception: 40,
  returning: 100,
  returned: 100,
};

/**
 * The moves the machine accepts, from each stage. A parcel moves forward through the journey;
 * holds, failed attempts and exceptions are detours it can come back from. What is missing is
 * impossible: a delivered parcel is not picked up again, a returned one does not go out for
 * delivery, a customs-cleared parcel is not sent back into customs on the same journey.
 * Staying on a stage (another in-transit scan) is always fine and is not listed.
 */
export const TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  label_created: ["picked_up", "in_transit", "in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivered", "delivery_failed", "exception", "returning"],
  picked_up: ["in_transit", "in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivered", "delivery_failed", "exception", "returning"],
  in_transit: ["in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivered", "delivery_failed", "exception", "returning"],
  in_customs: ["customs_held", "customs_cleared", "in_transit", "out_for_delivery", "exception", "returning"],
  customs_held: ["in_customs", "customs_cleared", "in_transit", "out_for_delivery", "exception", "returning"],
  customs_cleared: ["in_transit", "out_for_delivery", "delivered", "delivery_failed", "exception", "returning"],
  out_for_delivery: ["in_transit", "delivered", "delivery_failed", "exception", "returning"],
  delivery_failed: ["in_transit", "out_for_delivery", "delivered", "exception", "returning"],
  exception: ["picked_up", "in_transit", "in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivered", "delivery_failed", "returning", "returned"],
  returning: ["returned", "exception"],
  delivered: [],
  returned: [],
};

export function canMove(from: Stage, to: Stage): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export type CustomsState = "none" | "in_customs" | "held" | "cleared";

/** What the buyer's page says about customs, from the stages reached so far (in order). */
export function customsState(stagesReached: readonly Stage[]): CustomsState {
  let state: CustomsState = "none";
  for (const stage of stagesReached) {
    if (stage === "in_customs" && state !== "cleared") state = "in_customs";
    else if (stage === "customs_held" && state !== "cleared") state = "held";
    else if (stage === "customs_cleared") state = "cleared";
  }
  return state;
}

/**
 * Whether a parcel from `origin` to `destination` clears customs: a border between two countries
 * that are not both in the EU customs union (its members trade without customs formalities).
 */
export function crossesCustomsBorder(origin: string | null | undefined, destination: string | null | undefined, euMembers: ReadonlySet<string>): boolean {
  if (!origin || !destination || origin === destination) return false;
  return !(euMembers.has(origin) && euMembers.has(destination));
}
