import type { Money } from "../money";
import type { Dimensions, Grams } from "../units";
import type { CalendarRef, IsoDate } from "../calendar";

/** How fast a service is sold, whatever the carrier calls it. */
export type ServiceLevel = "express" | "standard" | "economy";
export const SERVICE_LEVELS: readonly ServiceLevel[] = ["express", "standard", "economy"];

export type Incoterm = "DDP" | "DAP";

export interface CarrierService {
  /** Stable code, unique within the carrier (e.g. DHL product "P", UPS service "07"). */
  readonly code: string;
  readonly name: string;
  readonly level: ServiceLevel;
}

export interface Carrier {
  readonly id: string;
  readonly name: string;
  readonly services: readonly CarrierService[];
}

/** What it takes to get from an origin country into one zone of a service: transit and clearance. */
export interface Lane {
  readonly carrierId: string;
  readonly serviceCode: string;
  readonly originCountry: string;
  readonly zone: string;
  readonly transitDays: { readonly min: number; readonly max: number };
  /** Business days allowed for customs clearance at destination (0 inside a customs union). */
  readonly customsDays: number;
}

export interface Destination {
  readonly country: string;
  readonly postcode?: string;
  readonly residential?: boolean;
}

/** One box as the carrier sees it: weight, optional outer size, and what is inside is worth. */
export interface Parcel {
  readonly weight: Grams;
  readonly dimensions?: Dimensions;
  readonly value: Money;
}

/** A warehouse as the delivery window needs it. */
export interface Warehouse {
  readonly id: string;
  readonly country: string;
  readonly region?: string;
  /** IANA time zone of the building, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  /** Local time after which an order ships the next business day, "HH:MM". */
  readonly cutoff: string;
  /** Business days of picking and packing before the parcel is handed over. */
  readonly handlingDays: number;
}

export interface ChargeLine {
  readonly kind: "base" | "per-kg" | "fuel" | "remote-area" | "residential" | "ddp-handling" | "volume-discount";
  readonly amount: Money;
  readonly note: string;
}

export interface DeliveryWindow {
  /** The day the parcel leaves the warehouse. */
  readonly shipDate: IsoDate;
  readonly earliest: IsoDate;
  readonly latest: IsoDate;
  /** Where the transit days came from: the rate card's lane, or the lane's delivered history. */
  readonly basis: "lane" | "history";
  /** Share of past deliveries on this lane that arrived inside such a window, when known. */
  readonly confidence: number | null;
  readonly samples: number;
  readonly reasons: readonly string[];
}

/** A priced service for one parcel and destination, before selection. */
export interface ServiceQuote {
  readonly carrierId: string;
  readonly carrierName: string;
  readonly service: CarrierService;
  readonly shipping: Money;
  readonly charges: readonly ChargeLine[];
  readonly chargeableWeight: Grams;
  readonly window: DeliveryWindow;
  readonly source: "rate-card" | "live";
}

export type { CalendarRef };
