import type { ServiceLevel, TrackingStatus } from "~/engine/carriers";

export const CARRIER_ID = "dhl-express";

/** MyDHL API global product codes (Reference Data "products"); the ones a parcel shipper meets. */
export const PRODUCTS: Readonly<Record<string, { name: string; level: ServiceLevel }>> = {
  P: { name: "DHL Express Worldwide", level: "express" },
  U: { name: "DHL Express Worldwide (EU)", level: "express" },
  D: { name: "DHL Express Worldwide (documents)", level: "express" },
  K: { name: "DHL Express 9:00", level: "express" },
  T: { name: "DHL Express 12:00", level: "express" },
  Y: { name: "DHL Express 12:00 (documents)", level: "express" },
  H: { name: "DHL Economy Select", level: "economy" },
  W: { name: "DHL Economy Select", level: "economy" },
  N: { name: "DHL Express Domestic", level: "express" },
};

/** Tracking event type codes of DHL Express checkpoints mapped to our status machine. */
export const EVENT_STATUS: Readonly<Record<string, TrackingStatus>> = {
  PU: "picked_up",
  PL: "in_transit",
  DF: "in_transit",
  AF: "in_transit",
  AR: "in_transit",
  RR: "customs_hold", // "Customs status updated"
  OH: "customs_hold",
  CR: "customs_cleared",
  WC: "out_for_delivery",
  OK: "delivered",
  RT: "returned",
  CA: "exception",
  NH: "exception",
  BA: "exception",
};

/** Invoice line types in totalPriceBreakdown. */
export const CHARGE_NAMES: Readonly<Record<string, string>> = {
  SPRQT: "weight charge",
  STTXA: "tax",
  FUEL: "fuel surcharge",
  FF: "fuel surcharge",
};
