import type { Store } from "./store";
import type {
  FulfillmentOrderLineItemRecord, FulfillmentOrderRecord, FulfillmentRecord, FulfillmentLineItemRecord, LineItemRecord,
  MailingAddressRecord, OrderRecord, ShippingLineRecord, TrackingInfo,
} from "./records";
import { deriveFulfillmentStatus } from "./derive";

export interface PlaceOrderInput {
  customerId: string | null;
  email: string | null;
  shippingAddress: Omit<MailingAddressRecord, "id" | "__typename">;
  lines: { variantId: string; quantity: number }[];
  shippingLine: { title: string; code: string; price: string; carrierIdentifier?: string | null };
  /** Which location fulfils the order (Shopify's order routing, decided by the caller). */
  locationId: string;
  createdAt: string;
  financialStatus?: OrderRecord["displayFinancialStatus"];
  totalTax?: string;
  tags?: string[];
  note?: string | null;
  customerLocale?: string;
}

/** Creates an order with its line items, shipping line and one fulfillment order, as checkout does. */
export function placeOrder(store: Store, shop: string, input: PlaceOrderInput): OrderRecord {
  const state = store.requireShop(shop);
  const number = store.count(shop, "Order") + 1001;
  const orderId = store.newId(shop, "Order");
  const lineItems = input.lines.map((line) => {
    const variant = store.get(shop, line.variantId, "ProductVariant");
    if (!variant) throw new Error(`unknown variant ${line.variantId}`);
    const product = store.get(shop, variant.productId, "Product")!;
    const item = store.get(shop, variant.inventoryItemId, "InventoryItem")!;
    const weight = item.measurement.weight;
    const grams = Math.round(weight.unit === "KILOGRAMS" ? weight.value * 1000 : weight.unit === "POUNDS" ? weight.value * 453.59237 : weight.unit === "OUNCES" ? weight.value * 28.349523125 : weight.value);
    return store.insert<LineItemRecord>(shop, {
      __typename: "LineItem", orderId, productId: product.id, variantId: variant.id, title: product.title,
      variantTitle: variant.title === "Default Title" ? null : variant.title,
      name: variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`,
      sku: variant.sku, vendor: product.vendor, quantity: line.quantity, unitPrice: variant.price,
      requiresShipping: item.requiresShipping, taxable: variant.taxable, grams,
    });
  });
  const shippingLine = store.insert<ShippingLineRecord>(shop, {
    __typename: "ShippingLine", title: input.shippingLine.title, code: input.shippingLine.code, source: "shopify",
    carrierIdentifier: input.shippingLine.carrierIdentifier ?? null, price: input.shippingLine.price,
  });
  const address = store.insert<MailingAddressRecord>(shop, { __typename: "MailingAddress", ...input.shippingAddress });
  const order = store.insert<OrderRecord>(shop, {
    __typename: "Order", id: orderId, name: `#${number}`, number, email: input.email, phone: input.shippingAddress.phone ?? null,
    customerId: input.customerId, currencyCode: state.shop.currencyCode, presentmentCurrencyCode: state.shop.currencyCode,
    lineItemIds: lineItems.map((item) => item.id), shippingLineIds: [shippingLine.id],
    shippingAddress: address, billingAddress: address, totalTax: input.totalTax ?? "0.00", totalDiscounts: "0.00",
    displayFinancialStatus: input.financialStatus ?? "PAID", displayFulfillmentStatus: "UNFULFILLED",
    cancelledAt: null, cancelReason: null, closedAt: null, note: input.note ?? null, tags: input.tags ?? [], test: false,
    sourceName: "web", customerLocale: input.customerLocale ?? "en", createdAt: input.createdAt, processedAt: input.createdAt, updatedAt: input.createdAt,
  });
  const fulfillmentOrderId = store.newId(shop, "FulfillmentOrder");
  const foLines = lineItems.filter((item) => item.requiresShipping).map((item) =>
    store.insert<FulfillmentOrderLineItemRecord>(shop, {
      __typename: "FulfillmentOrderLineItem", fulfillmentOrderId, lineItemId: item.id, totalQuantity: item.quantity, remainingQuantity: item.quantity,
    }),
  );
  store.insert<FulfillmentOrderRecord>(shop, {
    __typename: "FulfillmentOrder", id: fulfillmentOrderId, orderId, assignedLocationId: input.locationId, status: "OPEN",
    requestStatus: "UNSUBMITTED", lineItemIds: foLines.map((line) => line.id), fulfillmentIds: [], createdAt: input.createdAt, updatedAt: input.createdAt,
  });
  for (const line of lineItems) adjustLevel(store, shop, line, input.locationId, { committed: line.quantity, available: -line.quantity }, input.createdAt);
  store.emit(shop, "orders/create", order.id);
  return order;
}

function adjustLevel(store: Store, shop: string, line: LineItemRecord, locationId: string, deltas: Record<string, number>, at: string): void {
  const variant = store.get(shop, line.variantId, "ProductVariant");
  if (!variant) return;
  const level = store.list(shop, "InventoryLevel").find((l) => l.inventoryItemId === variant.inventoryItemId && l.locationId === locationId);
  if (!level) return;
  const quantities = level.quantities as Record<string, number>;
  for (const [name, delta] of Object.entries(deltas)) quantities[name] = (quantities[name] ?? 0) + delta;
  level.updatedAt = at;
}

export interface FulfillInput {
  fulfillmentOrderId: string;
  /** FO line item id -> quantity; absent = everything remaining. */
  quantities?: Map<string, number>;
  tracking?: TrackingInfo[];
  at: string;
}

/** Fulfils (part of) fulfillment orders: reduces what remains, records the fulfillment, updates stock. */
export function fulfill(store: Store, shop: string, inputs: FulfillInput[]): FulfillmentRecord {
  const first = store.get(shop, inputs[0]!.fulfillmentOrderId, "FulfillmentOrder")!;
  const order = store.get(shop, first.orderId, "Order")!;
  const at = inputs[0]!.at;
  const fulfillmentId = store.newId(shop, "Fulfillment");
  const fulfillmentLineItemIds: string[] = [];
  for (const input of inputs) {
    const fo = store.get(shop, input.fulfillmentOrderId, "FulfillmentOrder")!;
    for (const foliId of fo.lineItemIds) {
      const foli = store.get(shop, foliId, "FulfillmentOrderLineItem")!;
      const quantity = input.quantities ? input.quantities.get(foli.id) ?? 0 : foli.remainingQuantity;
      if (quantity <= 0) continue;
      foli.remainingQuantity -= quantity;
      const fli = store.insert<FulfillmentLineItemRecord>(shop, { __typename: "FulfillmentLineItem", fulfillmentId, lineItemId: foli.lineItemId, quantity });
      fulfillmentLineItemIds.push(fli.id);
      adjustLevel(store, shop, store.get(shop, foli.lineItemId, "LineItem")!, fo.assignedLocationId, { committed: -quantity, on_hand: -quantity }, at);
    }
    const done = fo.lineItemIds.every((id) => (store.get(shop, id, "FulfillmentOrderLineItem")?.remainingQuantity ?? 0) === 0);
    fo.status = done ? "CLOSED" : "IN_PROGRESS";
    if (done && fo.requestStatus !== "UNSUBMITTED") fo.requestStatus = "CLOSED";
    fo.fulfillmentIds.push(fulfillmentId);
    fo.updatedAt = at;
  }
  const count = store.list(shop, "Fulfillment").filter((f) => f.orderId === order.id).length;
  const fulfillment = store.insert<FulfillmentRecord>(shop, {
    __typename: "Fulfillment", id: fulfillmentId, orderId: order.id, name: `${order.name}-F${count + 1}`, status: "SUCCESS",
    displayStatus: "FULFILLED", locationId: first.assignedLocationId, fulfillmentOrderIds: inputs.map((i) => i.fulfillmentOrderId),
    fulfillmentLineItemIds, trackingInfo: inputs[0]!.tracking ?? [], createdAt: at, updatedAt: at, deliveredAt: null,
  });
  order.displayFulfillmentStatus = deriveFulfillmentStatus(store, shop, order);
  order.updatedAt = at;
  store.emit(shop, "fulfillments/create", fulfillment.id);
  store.emit(shop, order.displayFulfillmentStatus === "FULFILLED" ? "orders/fulfilled" : "orders/partially_fulfilled", order.id);
  store.emit(shop, "orders/updated", order.id);
  return fulfillment;
}
