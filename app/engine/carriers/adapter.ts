import type { Money } from "../money";
import type { Dimensions, Grams } from "../units";
import type { IsoDate } from "../calendar";
import type { Incoterm, ServiceLevel } from "./model";

/**
 * The one shape every live carrier integration takes (app/integrations/carriers/<carrier>/).
 * The engine owns it so the engine never imports an integration. Carrier-side refusals come back
 * as `messages` beside whatever data there is; only transport and authentication failures throw
 * (CarrierTransportError / CarrierAuthError), because nothing useful can be said about them
 * per request.
 */
export interface CarrierAdapter {
  readonly carrierId: string;
  readonly capabilities: CarrierCapabilities;
  rate(request: RateRequest, options?: CallOptions): Promise<CarrierResult<LiveRate[]>>;
  createShipment(request: ShipmentRequest, options?: CallOptions): Promise<CarrierResult<Label | null>>;
  track(trackingNumber: string, options?: CallOptions): Promise<CarrierResult<TrackingDetails | null>>;
}

export interface CarrierCapabilities {
  readonly rates: boolean;
  readonly labels: boolean;
  readonly tracking: boolean;
  readonly returnLabels: boolean;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface CarrierMessage {
  readonly carrierId: string;
  readonly code: string;
  readonly message: string;
  readonly level: "error" | "warning" | "info";
}

export interface CarrierResult<T> {
  readonly data: T;
  readonly messages: readonly CarrierMessage[];
}

export interface ShippingAddress {
  readonly name?: string;
  readonly company?: string;
  readonly lines: readonly string[];
  readonly city: string;
  readonly province?: string;
  readonly postcode: string;
  readonly country: string;
  readonly phone?: string;
  readonly email?: string;
  readonly residential?: boolean;
}

export interface PackageSpec {
  readonly weight: Grams;
  readonly dimensions?: Dimensions;
}

export interface RateRequest {
  readonly shipper: ShippingAddress;
  readonly recipient: ShippingAddress;
  readonly packages: readonly PackageSpec[];
  /** Declared value of the goods; makes the shipment dutiable across a customs border. */
  readonly declaredValue: Money;
  readonly shipDate: IsoDate;
  readonly incoterm: Incoterm;
  /** Restrict to one carrier service code; absent = every service the carrier offers ("shop"). */
  readonly serviceCode?: string;
}

export interface LiveRate {
  readonly carrierId: string;
  readonly serviceCode: string;
  readonly serviceName: string;
  readonly level: ServiceLevel;
  readonly total: Money;
  /** Carrier's own breakdown (fuel, remote area...), amounts in the same currency as `total`. */
  readonly charges: readonly { readonly code: string; readonly name: string; readonly amount: Money }[];
  readonly transitDays?: number;
  readonly estimatedDelivery?: IsoDate;
  /** True when the price is the account's negotiated rate rather than the published one. */
  readonly negotiated: boolean;
}

export interface ShipmentRequest extends RateRequest {
  readonly serviceCode: string;
  readonly reference: string;
  /** A return label: shipper and recipient swap roles on the carrier's side. */
  readonly isReturn?: boolean;
  readonly contents?: readonly { readonly description: string; readonly hsCode?: string; readonly originCountry: string; readonly quantity: number; readonly value: Money; readonly weight: Grams }[];
}

export interface Label {
  readonly trackingNumber: string;
  readonly packageTrackingNumbers: readonly string[];
  readonly format: string;
  /** Base64 of the label document as the carrier sent it; or a URL when the carrier hosts it. */
  readonly content?: string;
  readonly url?: string;
  readonly charge?: Money;
}

/** The normalised shipment status machine of the design (tracking engine maps events onto it). */
export type TrackingStatus =
  | "label_created"
  | "picked_up"
  | "in_transit"
  | "customs_hold"
  | "customs_cleared"
  | "out_for_delivery"
  | "delivered"
  | "exception"
  | "returned";

export interface TrackingEvent {
  /** ISO 8601 instant or local date-time as the carrier reports it. */
  readonly at: string;
  readonly code: string;
  readonly description: string;
  readonly location?: string;
  readonly status: TrackingStatus;
}

export interface TrackingDetails {
  readonly trackingNumber: string;
  readonly status: TrackingStatus;
  readonly events: readonly TrackingEvent[];
  readonly estimatedDelivery?: IsoDate;
  readonly deliveredAt?: string;
}

export class CarrierTransportError extends Error {
  constructor(readonly carrierId: string, message: string, readonly cause?: unknown) {
    super(`${carrierId}: ${message}`);
    this.name = "CarrierTransportError";
  }
}

export class CarrierAuthError extends Error {
  constructor(readonly carrierId: string, message: string) {
    super(`${carrierId}: ${message}`);
    this.name = "CarrierAuthError";
  }
}
