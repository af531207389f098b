import type { ServiceLevel, TrackingStatus } from "~/engine/carriers";

export const CARRIER_ID = "easypost";

/** EasyPost service names are the underlying carrier's; the level is ours. Unknown names default to standard. */
export const SERVICE_LEVELS: Readonly<Record<string, ServiceLevel>> = {
  Express: "express", Priority: "standard", GroundAdvantage: "economy", FirstClassPackageInternationalService: "economy",
  PriorityMailInternational: "standard", ExpressMailInternational: "express", ExpressWorldwideNonDoc: "express", ExpressSaver: "express", Expedited: "standard", UPSStandard: "economy",
};

/** Tracker.status values (EasyPost Trackers API). */
export const TRACKER_STATUS: Readonly<Record<string, TrackingStatus>> = {
  pre_transit: "label_created", in_transit: "in_transit", out_for_delivery: "out_for_delivery", delivered: "delivered",
  available_for_pickup: "out_for_delivery", return_to_sender: "returned", failure: "exception", cancelled: "exception", error: "exception", unknown: "in_transit",
};
