/**
 * The objects the emulator keeps, named and shaped after Shopify's Admin GraphQL types.
 * Scalar fields carry the GraphQL field names so the default resolver serves them; links to
 * other objects are stored as GIDs (`productId`, `locationId`...) and resolved in resolvers.ts.
 */
export interface Address {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  address1: string;
  address2?: string | null;
  city: string;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  country: string;
  countryCode: string;
  phone?: string | null;
}

export interface WeightValue {
  unit: "GRAMS" | "KILOGRAMS" | "OUNCES" | "POUNDS";
  value: number;
}

export interface ShopRecord {
  __typename: "Shop";
  id: string;
  name: string;
  email: string;
  contactEmail: string;
  myshopifyDomain: string;
  currencyCode: string;
  ianaTimezone: string;
  weightUnit: WeightValue["unit"];
  billingAddress: Address & { id: string };
  createdAt: string;
  updatedAt: string;
}

export interface ProductRecord {
  __typename: "Product";
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  tags: string[];
  descriptionHtml: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProductVariantRecord {
  __typename: "ProductVariant";
  id: string;
  productId: string;
  inventoryItemId: string;
  title: string;
  sku: string;
  price: string;
  barcode: string | null;
  position: number;
  inventoryPolicy: "DENY" | "CONTINUE";
  taxable: boolean;
  selectedOptions: { name: string; value: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface InventoryItemRecord {
  __typename: "InventoryItem";
  id: string;
  variantId: string;
  sku: string;
  tracked: boolean;
  requiresShipping: boolean;
  harmonizedSystemCode: string | null;
  countryCodeOfOrigin: string | null;
  provinceCodeOfOrigin: string | null;
  measurement: { id: string; weight: WeightValue };
  unitCost: { amount: string; currencyCode: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** Quantity names as Shopify spells them: available, on_hand, committed, incoming, reserved... */
export type QuantityName = "available" | "on_hand" | "committed" | "incoming" | "reserved" | "damaged" | "safety_stock" | "quality_control";

export interface InventoryLevelRecord {
  __typename: "InventoryLevel";
  id: string;
  inventoryItemId: string;
  locationId: string;
  quantities: Partial<Record<QuantityName, number>>;
  createdAt: string;
  updatedAt: string;
}

export interface LocationRecord {
  __typename: "Location";
  id: string;
  name: string;
  address: Address;
  isActive: boolean;
  isPrimary: boolean;
  fulfillsOnlineOrders: boolean;
  shipsInventory: boolean;
  fulfillmentServiceId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MailingAddressRecord extends Address {
  __typename: "MailingAddress";
  id: string;
}

export interface CustomerRecord {
  __typename: "Customer";
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  locale: string;
  tags: string[];
  defaultAddress: MailingAddressRecord;
  createdAt: string;
  updatedAt: string;
}

export interface LineItemRecord {
  __typename: "LineItem";
  id: string;
  orderId: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  name: string;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  /** Unit price in shop currency, decimal string. */
  unitPrice: string;
  requiresShipping: boolean;
  taxable: boolean;
  grams: number;
}

export interface ShippingLineRecord {
  __typename: "ShippingLine";
  id: string;
  title: string;
  code: string;
  source: string;
  carrierIdentifier: string | null;
  price: string;
}

export type OrderFinancialStatus = "PENDING" | "AUTHORIZED" | "PAID" | "PARTIALLY_PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "VOIDED" | "EXPIRED";
export type OrderFulfillmentStatus = "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED" | "IN_PROGRESS" | "ON_HOLD" | "OPEN" | "PENDING_FULFILLMENT" | "RESTOCKED" | "SCHEDULED" | "REQUEST_DECLINED";

export interface OrderRecord {
  __typename: "Order";
  id: string;
  name: string;
  number: number;
  email: string | null;
  phone: string | null;
  customerId: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string;
  lineItemIds: string[];
  shippingLineIds: string[];
  shippingAddress: MailingAddressRecord | null;
  billingAddress: MailingAddressRecord | null;
  totalTax: string;
  totalDiscounts: string;
  displayFinancialStatus: OrderFinancialStatus;
  displayFulfillmentStatus: OrderFulfillmentStatus;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  note: string | null;
  tags: string[];
  test: boolean;
  sourceName: string;
  customerLocale: string;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
}

export type FulfillmentOrderStatus = "OPEN" | "IN_PROGRESS" | "CLOSED" | "CANCELLED" | "INCOMPLETE" | "ON_HOLD" | "SCHEDULED";
export type FulfillmentOrderRequestStatus =
  | "UNSUBMITTED" | "SUBMITTED" | "ACCEPTED" | "REJECTED"
  | "CANCELLATION_REQUESTED" | "CANCELLATION_ACCEPTED" | "CANCELLATION_REJECTED" | "CLOSED";

export interface FulfillmentOrderLineItemRecord {
  __typename: "FulfillmentOrderLineItem";
  id: string;
  fulfillmentOrderId: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrderRecord {
  __typename: "FulfillmentOrder";
  id: string;
  orderId: string;
  assignedLocationId: string;
  status: FulfillmentOrderStatus;
  requestStatus: FulfillmentOrderRequestStatus;
  lineItemIds: string[];
  fulfillmentIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface FulfillmentLineItemRecord {
  __typename: "FulfillmentLineItem";
  id: string;
  fulfillmentId: string;
  lineItemId: string;
  quantity: number;
}

export interface TrackingInfo {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface FulfillmentRecord {
  __typename: "Fulfillment";
  id: string;
  orderId: string;
  name: string;
  status: "SUCCESS" | "CANCELLED" | "ERROR" | "FAILURE" | "OPEN" | "PENDING";
  displayStatus: string | null;
  locationId: string | null;
  fulfillmentOrderIds: string[];
  fulfillmentLineItemIds: string[];
  trackingInfo: TrackingInfo[];
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface ReturnLineItemRecord {
  __typename: "ReturnLineItem";
  id: string;
  returnId: string;
  fulfillmentLineItemId: string;
  quantity: number;
  returnReason: string;
  returnReasonNote: string;
  customerNote: string | null;
  /** Units processed by returnProcess (restocked or not, refunded or not). */
  processedQuantity?: number;
}

export interface ReturnRecord {
  __typename: "Return";
  id: string;
  orderId: string;
  name: string;
  status: "REQUESTED" | "OPEN" | "CLOSED" | "DECLINED" | "CANCELED";
  returnLineItemIds: string[];
  reverseFulfillmentOrderIds: string[];
  createdAt: string;
  requestApprovedAt: string | null;
  closedAt: string | null;
}

export interface ReverseFulfillmentOrderLineItemRecord {
  __typename: "ReverseFulfillmentOrderLineItem";
  id: string;
  reverseFulfillmentOrderId: string;
  fulfillmentLineItemId: string;
  totalQuantity: number;
  dispositions?: { id: string; type: "MISSING" | "NOT_RESTOCKED" | "PROCESSING_REQUIRED" | "RESTOCKED"; quantity: number; locationId: string | null }[];
}

export interface ReverseFulfillmentOrderRecord {
  __typename: "ReverseFulfillmentOrder";
  id: string;
  returnId: string;
  orderId: string;
  status: "OPEN" | "CLOSED" | "CANCELED";
  lineItemIds: string[];
  reverseDeliveryIds: string[];
}

export interface ReverseDeliveryRecord {
  __typename: "ReverseDelivery";
  id: string;
  reverseFulfillmentOrderId: string;
  lineItems: { reverseFulfillmentOrderLineItemId: string; quantity: number }[];
  tracking: { number: string | null; url: string | null; carrierName: string | null } | null;
  labelFileUrl: string | null;
  createdAt: string;
}

export interface FulfillmentServiceRecord {
  __typename: "FulfillmentService";
  id: string;
  serviceName: string;
  handle: string;
  callbackUrl: string | null;
  inventoryManagement: boolean;
  trackingSupport: boolean;
  requiresShippingMethod: boolean;
  fulfillmentOrdersOptIn: boolean;
  locationId: string;
  type: "THIRD_PARTY";
}

export interface DeliveryCarrierServiceRecord {
  __typename: "DeliveryCarrierService";
  id: string;
  name: string;
  formattedName: string;
  callbackUrl: string;
  active: boolean;
  supportsServiceDiscovery: boolean;
}

export interface WebhookSubscriptionRecord {
  __typename: "WebhookSubscription";
  id: string;
  topic: string;
  uri: string;
  format: "JSON" | "XML";
  filter: string | null;
  includeFields: string[];
  metafieldNamespaces: string[];
  name: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BulkOperationRecord {
  __typename: "BulkOperation";
  id: string;
  type: "QUERY" | "MUTATION";
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED" | "CANCELING" | "EXPIRED";
  query: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: null;
  createdAt: string;
  completedAt: string | null;
}

/** A refund issued by returnProcess: the money back for processed return lines. */
export interface RefundRecord {
  __typename: "Refund";
  id: string;
  orderId: string;
  returnId: string | null;
  amountCents: number;
  note: string | null;
  createdAt: string;
}

export type AnyRecord =
  | ShopRecord | ProductRecord | ProductVariantRecord | InventoryItemRecord | InventoryLevelRecord
  | LocationRecord | CustomerRecord | MailingAddressRecord | LineItemRecord | ShippingLineRecord | OrderRecord
  | FulfillmentOrderRecord | FulfillmentOrderLineItemRecord | FulfillmentRecord | FulfillmentLineItemRecord
  | ReturnRecord | ReturnLineItemRecord | ReverseFulfillmentOrderRecord | ReverseFulfillmentOrderLineItemRecord
  | ReverseDeliveryRecord | FulfillmentServiceRecord | DeliveryCarrierServiceRecord | WebhookSubscriptionRecord
  | BulkOperationRecord | RefundRecord;

export type RecordOf<T extends AnyRecord["__typename"]> = Extract<AnyRecord, { __typename: T }>;
