import type { IsoDate } from "../calendar";
import type { Warehouse as WindowWarehouse } from "../carriers/model";

/**
 * own: the merchant's building. 3pl: a contracted warehouse abroad. bonded: stock held under
 * customs suspension, so import duty falls due only when goods are released for the buyer's
 * country, and never in the warehouse's territory when they leave it again.
 */
export type WarehouseKind = "own" | "3pl" | "bonded";
export const WAREHOUSE_KINDS: readonly WarehouseKind[] = ["own", "3pl", "bonded"];

export interface WarehouseAddress {
  readonly lines: readonly string[];
  readonly city: string;
  readonly province?: string;
  readonly postcode: string;
  readonly country: string;
}

export interface RoutingWarehouse extends WindowWarehouse {
  readonly name: string;
  readonly kind: WarehouseKind;
  readonly address?: WarehouseAddress;
  /** Pick-and-pack charge per shipment, minor units of the routing currency. */
  readonly handlingPerOrder: number;
  /** Charge per unit picked, minor units of the routing currency. */
  readonly handlingPerUnit: number;
  /** Carrier ids this building has accounts and pick-ups with; empty = every carrier. */
  readonly carriers: readonly string[];
  /** Shipments the building can dispatch per day. */
  readonly capacityPerDay: number;
  /** The Shopify location the building maps to (gid), when it is one. */
  readonly shopifyLocationId?: string | null;
  /** Coordinates of the building, for "nearest warehouse" comparisons. */
  readonly latitude?: number;
  readonly longitude?: number;
}

/**
 * Who fulfils a market. merchant: only the merchant's own buildings. 3pl: the 3PL(s) contracted
 * for that region. orchestrated: every warehouse competes on cost (the 4PL model).
 */
export type FulfillmentModel = "merchant" | "3pl" | "orchestrated";
export const FULFILLMENT_MODELS: readonly FulfillmentModel[] = ["merchant", "3pl", "orchestrated"];

export interface MarketPolicy {
  /** ISO country code of the buyer, or "*" for every market without its own policy. */
  readonly market: string;
  readonly model: FulfillmentModel;
  /** Warehouses allowed for this market; empty = chosen by the model (own / 3PL+bonded / all). */
  readonly warehouseIds: readonly string[];
}

export interface RoutingLine {
  readonly sku: string;
  readonly quantity: number;
  /** Price of one unit, minor units of the order currency. */
  readonly unitValue: number;
  readonly unitGrams: number;
  readonly hsCode: string;
  readonly originCountry: string;
  readonly description?: string;
}

export interface RoutingDestination {
  readonly country: string;
  readonly postcode?: string;
  readonly residential?: boolean;
  readonly latitude?: number;
  readonly longitude?: number;
}

export interface RoutingOrder {
  readonly id: string;
  /** Currency of the line values; also the currency every cost of the decision is in. */
  readonly currency: string;
  readonly destination: RoutingDestination;
  readonly lines: readonly RoutingLine[];
  /** Latest delivery date promised at checkout; lateness beyond it is penalised. */
  readonly promisedBy?: IsoDate;
}

/** What one shipment from one warehouse would hold. */
export interface ShipmentDraft {
  readonly warehouse: RoutingWarehouse;
  readonly destination: RoutingDestination;
  readonly currency: string;
  readonly lines: readonly RoutingLine[];
  readonly grams: number;
  /** Goods value, minor units of `currency`. */
  readonly value: number;
}

export interface ServiceOption {
  readonly carrierId: string;
  readonly serviceCode: string;
  readonly serviceName: string;
  /** Shipping price, minor units of the draft's currency. */
  readonly shipping: number;
  readonly earliestDelivery: IsoDate;
  readonly latestDelivery: IsoDate;
}

/** Prices every service the warehouse can use for a shipment (rate cards or live rates). */
export type ShippingFn = (draft: ShipmentDraft) => readonly ServiceOption[];

export interface DutyAssessment {
  /** Duties, import taxes and fees that nobody recovers, minor units of the draft's currency. */
  readonly amount: number;
  readonly reason: string;
}

/**
 * Duties and taxes a shipment leaves unrecovered with a given service. Must never fall when
 * shipping rises (true of FOB and CIF valuation): the router relies on it to stop pricing
 * dearer services once they cannot win.
 */
export type DutiesFn = (draft: ShipmentDraft, service: ServiceOption) => DutyAssessment;

export interface CostBreakdown {
  readonly shipping: number;
  readonly duties: number;
  readonly handling: number;
  readonly lateness: number;
  readonly total: number;
}

export interface PlannedShipment {
  readonly warehouseId: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly carrierId: string;
  readonly serviceCode: string;
  readonly serviceName: string;
  readonly latestDelivery: IsoDate;
  readonly cost: CostBreakdown;
  readonly dutyReason: string;
}

export interface RoutingCandidate {
  /** e.g. "NL Venlo" or "US Secaucus + GB Northampton". */
  readonly label: string;
  readonly warehouseIds: readonly string[];
  readonly shipments: readonly PlannedShipment[];
  /** Null when the candidate could not ship (stock, capacity, no service). */
  readonly cost: CostBreakdown | null;
  readonly chosen: boolean;
  readonly note: string;
}

export interface RoutingDecision {
  readonly orderId: string;
  readonly status: "routed" | "unroutable";
  readonly currency: string;
  readonly shipments: readonly PlannedShipment[];
  readonly cost: CostBreakdown | null;
  readonly candidates: readonly RoutingCandidate[];
  readonly reason: string;
}
