import type { Stage } from "./stages";

/**
 * Carrier checkpoint codes mapped onto the status machine. Sources:
 * - DHL Express: the checkpoint ("event type") codes of the MyDHL / Shipment Tracking - Unified
 *   API, as listed in DHL Express's "Checkpoint codes" reference.
 * - UPS: Track API v1 `activity.status.type` (D, I, X, P, M, MV, O, RS, DO, DD, W, NA). UPS
 *   reports customs steps and failed attempts as ordinary "I"/"X" activities, so the
 *   description decides those (UPS_TEXT below, phrases from UPS's tracking descriptions).
 * - EasyPost: Tracker / TrackingDetail `status` values of the Trackers API; its `message` is
 *   the underlying carrier's text, read for customs steps the way UPS's is.
 */
export const DHL_EXPRESS_CODES: Readonly<Record<string, Stage>> = {
  SA: "label_created", // shipment acceptance / data received
  PU: "picked_up",
  PL: "in_transit", // processed at location
  DF: "in_transit", // departed facility
  AF: "in_transit", // arrived at facility
  AR: "in_transit", // arrived at delivery facility
  TR: "in_transit", // record of transfer
  CU: "in_transit", // confirm uplift
  TD: "in_transit", // transport delay: late, not lost
  WX: "in_transit", // weather delay
  FD: "in_transit", // forwarded for delivery
  IC: "in_customs", // in clearance processing
  BN: "in_customs", // customs broker notified
  RR: "in_customs", // customs status updated
  CD: "customs_held", // clearance delay
  OH: "customs_held", // shipment on hold
  HP: "customs_held", // held for payment of duties and taxes
  CR: "customs_cleared", // clearance release
  BR: "customs_cleared", // broker release
  WC: "out_for_delivery", // with delivery courier
  CC: "out_for_delivery", // awaiting collection by the receiver
  OK: "delivered",
  PD: "delivered", // partial delivery: the first piece arrived
  DD: "delivered", // delivered damaged
  NH: "delivery_failed", // receiver not home
  CA: "delivery_failed", // closed on arrival
  BA: "delivery_failed", // bad address
  CM: "delivery_failed", // receiver moved
  RD: "delivery_failed", // refused delivery
  MD: "delivery_failed", // missed delivery cycle
  ND: "delivery_failed", // not delivered
  MS: "exception", // mis-sort
  MC: "exception", // miscode
  DM: "exception", // damaged
  SS: "exception", // shipment stopped
  DS: "exception", // destroyed / disposal
  RT: "returning", // returned to shipper
};

export const UPS_TYPES: Readonly<Record<string, Stage>> = {
  M: "label_created",
  MV: "exception", // billing information voided: the label was cancelled
  P: "picked_up",
  I: "in_transit",
  W: "in_transit",
  DO: "in_transit",
  O: "out_for_delivery",
  D: "delivered",
  DD: "delivered",
  X: "exception",
  RS: "returning",
  NA: "in_transit",
};

/** Phrases in UPS (and carrier-through-EasyPost) descriptions that say more than the type. Order matters. */
const TEXT_RULES: readonly { readonly pattern: RegExp; readonly stage: Stage }[] = [
  { pattern: /returned to (the )?(sender|shipper)|delivered to (the )?(sender|shipper|origin)/i, stage: "returned" },
  { pattern: /return(ing)? to (the )?(sender|shipper)|being returned|will be returned/i, stage: "returning" },
  { pattern: /(customs|clearance|import|brokerage).*(released|cleared|complete)|(released|cleared) (by|from|through) (the )?customs/i, stage: "customs_cleared" },
  { pattern: /(customs|clearance|brokerage).*(held|hold|delay|pending|additional information|awaiting payment|duties)|held (by|in|at) (the )?customs/i, stage: "customs_held" },
  { pattern: /customs|clearance (process|in progress)|import scan/i, stage: "in_customs" },
  { pattern: /delivery attempt|not available|receiver was not|could not be delivered|refused|address (was )?(incorrect|incomplete)/i, stage: "delivery_failed" },
];

function stageFromText(text: string): Stage | undefined {
  return TEXT_RULES.find((rule) => rule.pattern.test(text))?.stage;
}

export const EASYPOST_STATUSES: Readonly<Record<string, Stage>> = {
  pre_transit: "label_created",
  in_transit: "in_transit",
  out_for_delivery: "out_for_delivery",
  available_for_pickup: "out_for_delivery",
  delivered: "delivered",
  return_to_sender: "returning",
  failure: "exception",
  cancelled: "exception",
  error: "exception",
  unknown: "in_transit",
};

export interface CarrierCheckpoint {
  readonly code: string;
  readonly description: string;
  /** UPS activity `status.type`, when the checkpoint comes straight from UPS's payload. */
  readonly type?: string;
  /** The adapter's coarse status (TrackingEvent.status), used when the raw type is not at hand. */
  readonly status?: string;
}

/** The carrier adapters' coarse statuses (engine/carriers TrackingStatus) as stages. */
const FROM_ADAPTER_STATUS: Readonly<Record<string, Stage>> = {
  label_created: "label_created", picked_up: "picked_up", in_transit: "in_transit", customs_hold: "customs_held",
  customs_cleared: "customs_cleared", out_for_delivery: "out_for_delivery", delivered: "delivered", exception: "exception", returned: "returning",
};

/** The stage of one carrier checkpoint; unknown codes count as "in transit", the carriers' own default. */
export function stageForCheckpoint(carrier: string, checkpoint: CarrierCheckpoint): Stage {
  switch (carrier) {
    case "dhl-express":
      return DHL_EXPRESS_CODES[checkpoint.code] ?? stageFromText(checkpoint.description) ?? "in_transit";
    case "ups": {
      const byType = checkpoint.type !== undefined ? UPS_TYPES[checkpoint.type] : checkpoint.status !== undefined ? FROM_ADAPTER_STATUS[checkpoint.status] : undefined;
      const byText = stageFromText(checkpoint.description);
      // "X" with "released by the customs agency" is good news, not an exception.
      if (byText && byType !== "delivered" && byType !== "label_created") return byText;
      return byType ?? byText ?? "in_transit";
    }
    case "easypost": {
      const byStatus = EASYPOST_STATUSES[checkpoint.code] ?? "in_transit";
      const byText = stageFromText(checkpoint.description);
      if (byText && (byStatus === "in_transit" || byStatus === "exception" || byStatus === "returning")) return byText;
      return byStatus;
    }
    default:
      return (checkpoint.status !== undefined ? FROM_ADAPTER_STATUS[checkpoint.status] : undefined) ?? stageFromText(checkpoint.description) ?? "in_transit";
  }
}
