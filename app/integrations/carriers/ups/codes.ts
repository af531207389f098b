import type { ServiceLevel, TrackingStatus } from "~/engine/carriers";

export const CARRIER_ID = "ups";

/** UPS service codes (Rating API Appendix: Service Codes) for international parcels. */
export const SERVICES: Readonly<Record<string, { name: string; level: ServiceLevel }>> = {
  "07": { name: "UPS Worldwide Express", level: "express" },
  "08": { name: "UPS Worldwide Expedited", level: "standard" },
  "11": { name: "UPS Standard", level: "economy" },
  "54": { name: "UPS Worldwide Express Plus", level: "express" },
  "65": { name: "UPS Worldwide Saver", level: "express" },
  "72": { name: "UPS Worldwide Economy DDP", level: "economy" },
  "17": { name: "UPS Worldwide Economy DDU", level: "economy" },
  "14": { name: "UPS Next Day Air Early", level: "express" },
  "03": { name: "UPS Ground", level: "standard" },
};

/** Tracking activity status.type: D delivered, I in transit, X exception, P pickup, M manifest, O out for delivery, RS returned. */
export const ACTIVITY_STATUS: Readonly<Record<string, TrackingStatus>> = {
  D: "delivered", I: "in_transit", X: "exception", P: "picked_up", M: "label_created", MV: "label_created", O: "out_for_delivery", RS: "returned", DO: "in_transit", DD: "delivered",
};
