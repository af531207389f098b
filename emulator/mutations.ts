import type { GraphQLResolveInfo } from "graphql";
import { startBulkQuery } from "./bulk";
import type { AdminContext } from "./context";
import { fulfill } from "./orders";
import type {
  DeliveryCarrierServiceRecord, FulfillmentOrderLineItemRecord, FulfillmentOrderRecord, FulfillmentServiceRecord,
  InventoryLevelRecord, LocationRecord, RefundRecord, ReturnLineItemRecord, ReturnRecord, ReverseDeliveryRecord,
  ReverseFulfillmentOrderLineItemRecord, ReverseFulfillmentOrderRecord, WebhookSubscriptionRecord,
} from "./records";
import { levelQuantity } from "./derive";

type Resolver = (source: unknown, args: any, ctx: AdminContext, info: GraphQLResolveInfo) => unknown;
interface UserError { field: string[] | null; message: string; code?: string }

const userError = (field: string[] | null, message: string, code?: string): UserError => ({ field, message, ...(code ? { code } : {}) });
const now = (ctx: AdminContext) => ctx.store.now().toISOString();
const get = <K extends Parameters<AdminContext["store"]["get"]>[2] & string>(ctx: AdminContext, id: string | null | undefined, type: K) => ctx.store.get(ctx.shop, id, type);
const emit = (ctx: AdminContext, topic: string, id: string, detail?: Record<string, unknown>) => ctx.store.emit(ctx.shop, topic, id, detail);

function level(ctx: AdminContext, inventoryItemId: string, locationId: string): InventoryLevelRecord | undefined {
  return ctx.store.list(ctx.shop, "InventoryLevel").find((l) => l.inventoryItemId === inventoryItemId && l.locationId === locationId);
}

interface QuantityChange { inventoryItemId: string; locationId: string; delta?: number; quantity?: number; changeFromQuantity?: number | null }

/** Applies inventory changes all-or-nothing, the way inventorySetQuantities/AdjustQuantities do. */
function changeInventory(ctx: AdminContext, name: string, reason: string, referenceDocumentUri: string | null, changes: QuantityChange[], listField: string) {
  const errors: UserError[] = [];
  if (!["available", "on_hand", "damaged", "quality_control", "reserved", "safety_stock", "incoming"].includes(name)) {
    errors.push(userError(["input", "name"], `The quantity name must be either 'available' or 'on_hand'.`, "INVALID_NAME"));
  }
  const targets = changes.map((change, index) => {
    const item = get(ctx, change.inventoryItemId, "InventoryItem");
    const location = get(ctx, change.locationId, "Location");
    if (!item) errors.push(userError(["input", listField, String(index), "inventoryItemId"], "The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM"));
    if (!location) errors.push(userError(["input", listField, String(index), "locationId"], "The specified location could not be found.", "INVALID_LOCATION"));
    const found = item && location ? level(ctx, item.id, location.id) : undefined;
    if (item && location && !found) errors.push(userError(["input", listField, String(index), "locationId"], "The specified inventory item is not stocked at the location.", "ITEM_NOT_STOCKED_AT_LOCATION"));
    if (found && change.changeFromQuantity != null && levelQuantity(found, name) !== change.changeFromQuantity) {
      errors.push(userError(["input", listField, String(index), "changeFromQuantity"], "The specified compare quantity does not match the current quantity.", "CHANGE_FROM_QUANTITY_STALE"));
    }
    return found;
  });
  if (errors.length) return { inventoryAdjustmentGroup: null, userErrors: errors };
  const at = now(ctx);
  const applied = changes.map((change, index) => {
    const target = targets[index]!;
    const quantities = target.quantities as Record<string, number>;
    const before = quantities[name] ?? 0;
    const delta = change.delta ?? (change.quantity ?? before) - before;
    quantities[name] = before + delta;
    // on_hand = available + committed + reserved...: moving one moves the other, as in Shopify.
    if (name === "available") quantities.on_hand = (quantities.on_hand ?? 0) + delta;
    else if (name === "on_hand") quantities.available = (quantities.available ?? 0) + delta;
    target.updatedAt = at;
    emit(ctx, "inventory_levels/update", target.id);
    return {
      name, delta, quantityAfterChange: quantities[name], ledgerDocumentUri: null,
      item: get(ctx, target.inventoryItemId, "InventoryItem"), location: get(ctx, target.locationId, "Location"),
    };
  });
  return {
    inventoryAdjustmentGroup: {
      __typename: "InventoryAdjustmentGroup", id: ctx.store.newId(ctx.shop, "InventoryAdjustmentGroup"), createdAt: at, reason,
      referenceDocumentUri, changes: applied,
    },
    userErrors: [],
  };
}

function assertMovable(fo: FulfillmentOrderRecord): string | null {
  if (fo.status === "CLOSED" || fo.status === "CANCELLED") return "Fulfillment order is not in an open state.";
  if (["SUBMITTED", "ACCEPTED", "CANCELLATION_REQUESTED", "CANCELLATION_REJECTED"].includes(fo.requestStatus)) {
    return "Cannot move a fulfillment order that has been requested for fulfillment.";
  }
  return null;
}

/** The emulator models one sale transaction per order; refunds name it as their parent. */
export const saleTransactionId = (orderId: string) => orderId.replace("/Order/", "/OrderTransaction/");

function fulfilledByLineItem(ctx: AdminContext, fulfillmentLineItemId: string) {
  return get(ctx, fulfillmentLineItemId, "FulfillmentLineItem");
}

function createReturn(ctx: AdminContext, orderId: string, lines: { fulfillmentLineItemId: string; quantity: number; returnReason?: string; returnReasonNote?: string; customerNote?: string }[], status: ReturnRecord["status"]) {
  const order = get(ctx, orderId, "Order");
  if (!order) return { return: null, userErrors: [userError(["input", "orderId"], "Order does not exist.", "NOT_FOUND")] };
  const errors: UserError[] = [];
  lines.forEach((line, index) => {
    const fli = fulfilledByLineItem(ctx, line.fulfillmentLineItemId);
    const fulfillment = fli ? get(ctx, fli.fulfillmentId, "Fulfillment") : undefined;
    if (!fli || fulfillment?.orderId !== order.id) {
      errors.push(userError(["input", "returnLineItems", String(index), "fulfillmentLineItemId"], "Fulfillment line item does not exist.", "NOT_FOUND"));
      return;
    }
    const alreadyReturned = ctx.store.list(ctx.shop, "ReturnLineItem")
      .filter((r) => r.fulfillmentLineItemId === fli.id && get(ctx, r.returnId, "Return")?.status !== "DECLINED")
      .reduce((sum, r) => sum + r.quantity, 0);
    if (line.quantity < 1 || line.quantity + alreadyReturned > fli.quantity) {
      errors.push(userError(["input", "returnLineItems", String(index), "quantity"], "Quantity is not available for return.", "INVALID"));
    }
  });
  if (errors.length) return { return: null, userErrors: errors };
  const at = now(ctx);
  const returnId = ctx.store.newId(ctx.shop, "Return");
  const returnLines = lines.map((line) => ctx.store.insert<ReturnLineItemRecord>(ctx.shop, {
    __typename: "ReturnLineItem", returnId, fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: line.quantity,
    returnReason: line.returnReason ?? "UNKNOWN", returnReasonNote: line.returnReasonNote ?? "", customerNote: line.customerNote ?? null,
  }));
  const count = ctx.store.list(ctx.shop, "Return").filter((r) => r.orderId === order.id).length;
  const record = ctx.store.insert<ReturnRecord>(ctx.shop, {
    __typename: "Return", id: returnId, orderId: order.id, name: `${order.name}-R${count + 1}`, status,
    returnLineItemIds: returnLines.map((l) => l.id), reverseFulfillmentOrderIds: [], createdAt: at,
    requestApprovedAt: status === "OPEN" ? at : null, closedAt: null,
  });
  if (status === "OPEN") openReverseFulfillment(ctx, record);
  order.updatedAt = at;
  return { return: record, userErrors: [] };
}

/** An approved return gets a reverse fulfillment order: what the customer sends back. */
function openReverseFulfillment(ctx: AdminContext, record: ReturnRecord): void {
  const rfoId = ctx.store.newId(ctx.shop, "ReverseFulfillmentOrder");
  const lines = record.returnLineItemIds.map((id) => get(ctx, id, "ReturnLineItem")!).map((line) =>
    ctx.store.insert<ReverseFulfillmentOrderLineItemRecord>(ctx.shop, {
      __typename: "ReverseFulfillmentOrderLineItem", reverseFulfillmentOrderId: rfoId, fulfillmentLineItemId: line.fulfillmentLineItemId, totalQuantity: line.quantity,
    }),
  );
  ctx.store.insert<ReverseFulfillmentOrderRecord>(ctx.shop, {
    __typename: "ReverseFulfillmentOrder", id: rfoId, returnId: record.id, orderId: record.orderId, status: "OPEN",
    lineItemIds: lines.map((l) => l.id), reverseDeliveryIds: [],
  });
  record.reverseFulfillmentOrderIds.push(rfoId);
}

export const mutationResolvers: Record<string, Resolver> = {
  inventoryItemUpdate: (_s, args: { id: string; input: Record<string, any> }, ctx) => {
    const item = get(ctx, args.id, "InventoryItem");
    if (!item) return { inventoryItem: null, userErrors: [userError(["id"], "Inventory item does not exist")] };
    const { input } = args;
    if (input.harmonizedSystemCode != null && input.harmonizedSystemCode !== "" && !/^\d{6,13}$/.test(String(input.harmonizedSystemCode).replace(/\./g, ""))) {
      return { inventoryItem: null, userErrors: [userError(["input", "harmonizedSystemCode"], "Harmonized system code must be a number between 6 and 13 digits")] };
    }
    if (input.harmonizedSystemCode !== undefined) item.harmonizedSystemCode = input.harmonizedSystemCode ? String(input.harmonizedSystemCode).replace(/\./g, "") : null;
    if (input.countryCodeOfOrigin !== undefined) item.countryCodeOfOrigin = input.countryCodeOfOrigin;
    if (input.provinceCodeOfOrigin !== undefined) item.provinceCodeOfOrigin = input.provinceCodeOfOrigin;
    if (input.tracked != null) item.tracked = input.tracked;
    if (input.requiresShipping != null) item.requiresShipping = input.requiresShipping;
    if (input.sku !== undefined) item.sku = input.sku;
    if (input.cost != null) item.unitCost = { amount: String(input.cost), currencyCode: ctx.store.requireShop(ctx.shop).shop.currencyCode };
    if (input.measurement?.weight) item.measurement.weight = { unit: input.measurement.weight.unit, value: input.measurement.weight.value };
    item.updatedAt = now(ctx);
    emit(ctx, "inventory_items/update", item.id);
    const variant = get(ctx, item.variantId, "ProductVariant");
    if (variant) emit(ctx, "products/update", variant.productId);
    return { inventoryItem: item, userErrors: [] };
  },

  inventorySetQuantities: (_s, { input }: { input: { name: string; reason: string; referenceDocumentUri?: string; quantities: QuantityChange[] } }, ctx) =>
    changeInventory(ctx, input.name, input.reason, input.referenceDocumentUri ?? null, input.quantities, "quantities"),

  inventoryAdjustQuantities: (_s, { input }: { input: { name: string; reason: string; referenceDocumentUri?: string; changes: QuantityChange[] } }, ctx) =>
    changeInventory(ctx, input.name, input.reason, input.referenceDocumentUri ?? null, input.changes, "changes"),

  // Starts tracking an item at a location (a fulfillment service's location stocks nothing until then).
  inventoryActivate: (_s, args: { inventoryItemId: string; locationId: string; available?: number; onHand?: number }, ctx) => {
    const item = get(ctx, args.inventoryItemId, "InventoryItem");
    if (!item) return { inventoryLevel: null, userErrors: [userError(["inventoryItemId"], "The specified inventory item could not be found.")] };
    const location = get(ctx, args.locationId, "Location");
    if (!location) return { inventoryLevel: null, userErrors: [userError(["locationId"], "The specified location could not be found.")] };
    const existing = level(ctx, item.id, location.id);
    if (existing) return { inventoryLevel: existing, userErrors: [] };
    const at = now(ctx);
    const quantity = args.available ?? args.onHand ?? 0;
    const created = ctx.store.insert<InventoryLevelRecord>(ctx.shop, {
      __typename: "InventoryLevel", inventoryItemId: item.id, locationId: location.id,
      quantities: { available: quantity, on_hand: quantity, committed: 0, reserved: 0, incoming: 0, damaged: 0, quality_control: 0, safety_stock: 0 },
      createdAt: at, updatedAt: at,
    });
    return { inventoryLevel: created, userErrors: [] };
  },

  fulfillmentServiceCreate: (_s, args: { name: string; callbackUrl?: string; inventoryManagement?: boolean; trackingSupport?: boolean; requiresShippingMethod?: boolean; fulfillmentOrdersOptIn?: boolean }, ctx) => {
    if (!args.name.trim()) return { fulfillmentService: null, userErrors: [userError(["name"], "Name can't be blank")] };
    if (ctx.store.list(ctx.shop, "FulfillmentService").some((s) => s.serviceName === args.name)) {
      return { fulfillmentService: null, userErrors: [userError(["name"], "Name has already been taken")] };
    }
    const at = now(ctx);
    const serviceId = ctx.store.newId(ctx.shop, "FulfillmentService");
    const shopAddress = ctx.store.requireShop(ctx.shop).shop.billingAddress;
    const location = ctx.store.insert<LocationRecord>(ctx.shop, {
      __typename: "Location", name: args.name, address: { ...shopAddress }, isActive: true, isPrimary: false,
      fulfillsOnlineOrders: true, shipsInventory: true, fulfillmentServiceId: serviceId, createdAt: at, updatedAt: at,
    });
    const service = ctx.store.insert<FulfillmentServiceRecord>(ctx.shop, {
      __typename: "FulfillmentService", id: serviceId, serviceName: args.name,
      handle: args.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
      callbackUrl: args.callbackUrl ?? null, inventoryManagement: args.inventoryManagement ?? false,
      trackingSupport: args.trackingSupport ?? false, requiresShippingMethod: args.requiresShippingMethod ?? true,
      fulfillmentOrdersOptIn: args.fulfillmentOrdersOptIn ?? true, locationId: location.id, type: "THIRD_PARTY",
    });
    return { fulfillmentService: service, userErrors: [] };
  },

  carrierServiceCreate: (_s, { input }: { input: { name: string; callbackUrl: string; active: boolean; supportsServiceDiscovery: boolean } }, ctx) => {
    if (!input.name.trim()) return { carrierService: null, userErrors: [userError(["input", "name"], "Name can't be blank", "CARRIER_SERVICE_CREATE_FAILED")] };
    if (ctx.store.list(ctx.shop, "DeliveryCarrierService").some((c) => c.name === input.name)) {
      return { carrierService: null, userErrors: [userError(["input", "name"], `${input.name} is already configured`, "CARRIER_SERVICE_CREATE_FAILED")] };
    }
    const carrierService = ctx.store.insert<DeliveryCarrierServiceRecord>(ctx.shop, {
      __typename: "DeliveryCarrierService", name: input.name, formattedName: `${input.name} (Rates provided by app)`,
      callbackUrl: input.callbackUrl, active: input.active, supportsServiceDiscovery: input.supportsServiceDiscovery,
    });
    return { carrierService, userErrors: [] };
  },

  carrierServiceUpdate: (_s, { input }: { input: Partial<DeliveryCarrierServiceRecord> & { id: string } }, ctx) => {
    const carrierService = get(ctx, input.id, "DeliveryCarrierService");
    if (!carrierService) return { carrierService: null, userErrors: [userError(["input", "id"], "The carrier service could not be found.", "CARRIER_SERVICE_UPDATE_FAILED")] };
    for (const key of ["name", "callbackUrl", "active", "supportsServiceDiscovery"] as const) {
      if (input[key] != null) (carrierService as unknown as Record<string, unknown>)[key] = input[key];
    }
    carrierService.formattedName = `${carrierService.name} (Rates provided by app)`;
    return { carrierService, userErrors: [] };
  },

  fulfillmentOrderSubmitFulfillmentRequest: (_s, args: { id: string; message?: string }, ctx) => {
    const fo = get(ctx, args.id, "FulfillmentOrder");
    if (!fo) return { originalFulfillmentOrder: null, submittedFulfillmentOrder: null, userErrors: [userError(["id"], "Fulfillment order does not exist.")] };
    if (fo.status !== "OPEN" || !["UNSUBMITTED", "REJECTED"].includes(fo.requestStatus)) {
      return { originalFulfillmentOrder: fo, submittedFulfillmentOrder: null, userErrors: [userError(["id"], "Cannot request fulfillment for the fulfillment order.")] };
    }
    fo.requestStatus = "SUBMITTED";
    fo.updatedAt = now(ctx);
    emit(ctx, "fulfillment_orders/fulfillment_request_submitted", fo.id, { message: args.message ?? null });
    return { originalFulfillmentOrder: fo, submittedFulfillmentOrder: fo, unsubmittedFulfillmentOrder: null, userErrors: [] };
  },

  fulfillmentOrderAcceptFulfillmentRequest: (_s, args: { id: string; message?: string }, ctx) => {
    const fo = get(ctx, args.id, "FulfillmentOrder");
    if (!fo) return { fulfillmentOrder: null, userErrors: [userError(["id"], "Fulfillment order does not exist.")] };
    if (fo.requestStatus !== "SUBMITTED") {
      return { fulfillmentOrder: null, userErrors: [userError(["id"], "Cannot accept fulfillment request for the fulfillment order.")] };
    }
    fo.requestStatus = "ACCEPTED";
    fo.status = "IN_PROGRESS";
    fo.updatedAt = now(ctx);
    emit(ctx, "fulfillment_orders/fulfillment_request_accepted", fo.id, { message: args.message ?? null });
    return { fulfillmentOrder: fo, userErrors: [] };
  },

  fulfillmentOrderRejectFulfillmentRequest: (_s, args: { id: string; message?: string; reason?: string }, ctx) => {
    const fo = get(ctx, args.id, "FulfillmentOrder");
    if (!fo) return { fulfillmentOrder: null, userErrors: [userError(["id"], "Fulfillment order does not exist.")] };
    if (fo.requestStatus !== "SUBMITTED") {
      return { fulfillmentOrder: null, userErrors: [userError(["id"], "Cannot reject fulfillment request for the fulfillment order.")] };
    }
    fo.requestStatus = "REJECTED";
    fo.status = "OPEN";
    fo.updatedAt = now(ctx);
    emit(ctx, "fulfillment_orders/fulfillment_request_rejected", fo.id, { message: args.message ?? null, reason: args.reason ?? null });
    return { fulfillmentOrder: fo, userErrors: [] };
  },

  fulfillmentOrderSubmitCancellationRequest: (_s, args: { id: string; message?: string }, ctx) => {
    const fo = get(ctx, args.id, "FulfillmentOrder");
    if (!fo) return { fulfillmentOrder: null, userErrors: [userError(["id"], "Fulfillment order does not exist.")] };
    if (fo.requestStatus !== "ACCEPTED" || fo.status === "CLOSED") {
      return { fulfillmentOrder: null, userErrors: [userError(["id"], "Cannot request cancellation for the fulfillment order.")] };
    }
    fo.requestStatus = "CANCELLATION_REQUESTED";
    fo.updatedAt = now(ctx);
    emit(ctx, "fulfillment_orders/cancellation_request_submitted", fo.id, { message: args.message ?? null });
    return { fulfillmentOrder: fo, userErrors: [] };
  },

  fulfillmentOrderAcceptCancellationRequest: (_s, args: { id: string; message?: string }, ctx) => {
    const fo = get(ctx, args.id, "FulfillmentOrder");
    if (!fo) return { fulfillmentOrder: null, userErrors: [userError(["id"], "Fulfillment order does not exist.")] };
    if (fo.requestStatus !== "CANCELLATION_REQUESTED") {
      return { fulfillmentOrder: null, userErrors: [userError(["id"], "Cannot accept cancellation request for the fulfillment order.")] };
    }
    // The work goes back to the merchant, who may route it elsewhere.
    fo.requestStatus = "CANCELLATION_ACCEPTED";
    fo.status = "OPEN";
    fo.updatedAt = now(ctx);
    emit(ctx, "fulfillment_orders/cancellation_request_accepted", fo.id, { message: args.message ?? null });
    return { fulfillmentOrder: fo, userErrors: [] };
  },

  fulfillmentOrderRejectCancellationRequest: (_s, args: { id: string; message?: string }, ctx) => {
    const fo = get(ctx, args.id, "FulfillmentOrder");
    if (!fo) return { fulfillmentOrder: null, userErrors: [userError(["id"], "Fulfillment order does not exist.")] };
    if (fo.requestStatus !== "CANCELLATION_REQUESTED") {
      return { fulfillmentOrder: null, userErrors: [userError(["id"], "Cannot reject cancellation request for the fulfillment order.")] };
    }
    fo.requestStatus = "CANCELLATION_REJECTED";
    fo.updatedAt = now(ctx);
    emit(ctx, "fulfillment_orders/cancellation_request_rejected", fo.id, { message: args.message ?? null });
    return { fulfillmentOrder: fo, userErrors: [] };
  },

  fulfillmentOrderMove: (_s, args: { id: string; newLocationId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] }, ctx) => {
    const none = { movedFulfillmentOrder: null, originalFulfillmentOrder: null, remainingFulfillmentOrder: null };
    const fo = get(ctx, args.id, "FulfillmentOrder");
    if (!fo) return { ...none, userErrors: [userError(["id"], "Fulfillment order does not exist.")] };
    const location = get(ctx, args.newLocationId, "Location");
    if (!location) return { ...none, userErrors: [userError(["newLocationId"], "Location could not be found.")] };
    const blocked = assertMovable(fo);
    if (blocked) return { ...none, originalFulfillmentOrder: fo, userErrors: [userError(["id"], blocked)] };
    const lines = fo.lineItemIds.map((id) => get(ctx, id, "FulfillmentOrderLineItem")!).filter((l) => l.remainingQuantity > 0);
    const requested = args.fulfillmentOrderLineItems?.length ? new Map(args.fulfillmentOrderLineItems.map((l) => [l.id, l.quantity])) : undefined;
    for (const line of lines) {
      if (requested && !requested.has(line.id)) continue;
      const variant = get(ctx, get(ctx, line.lineItemId, "LineItem")?.variantId, "ProductVariant");
      if (variant && !level(ctx, variant.inventoryItemId, location.id)) {
        return { ...none, originalFulfillmentOrder: fo, userErrors: [userError(["newLocationId"], `Cannot move to ${location.name}: it does not stock ${variant.sku}.`)] };
      }
    }
    const at = now(ctx);
    const fromLocationId = fo.assignedLocationId;
    const movesEverything = !requested || lines.every((l) => (requested.get(l.id) ?? 0) >= l.remainingQuantity);
    if (movesEverything) {
      fo.assignedLocationId = location.id;
      fo.updatedAt = at;
      emit(ctx, "fulfillment_orders/moved", fo.id, { originalId: fo.id, fromLocationId });
      return { movedFulfillmentOrder: fo, originalFulfillmentOrder: fo, remainingFulfillmentOrder: null, userErrors: [] };
    }
    const movedId = ctx.store.newId(ctx.shop, "FulfillmentOrder");
    const movedLines: FulfillmentOrderLineItemRecord[] = [];
    for (const line of lines) {
      const quantity = Math.min(requested.get(line.id) ?? 0, line.remainingQuantity);
      if (quantity <= 0) continue;
      line.remainingQuantity -= quantity;
      line.totalQuantity -= quantity;
      movedLines.push(ctx.store.insert<FulfillmentOrderLineItemRecord>(ctx.shop, {
        __typename: "FulfillmentOrderLineItem", fulfillmentOrderId: movedId, lineItemId: line.lineItemId, totalQuantity: quantity, remainingQuantity: quantity,
      }));
    }
    fo.lineItemIds = fo.lineItemIds.filter((id) => (get(ctx, id, "FulfillmentOrderLineItem")?.totalQuantity ?? 0) > 0);
    fo.updatedAt = at;
    const moved = ctx.store.insert<FulfillmentOrderRecord>(ctx.shop, {
      __typename: "FulfillmentOrder", id: movedId, orderId: fo.orderId, assignedLocationId: location.id, status: "OPEN",
      requestStatus: "UNSUBMITTED", lineItemIds: movedLines.map((l) => l.id), fulfillmentIds: [], createdAt: at, updatedAt: at,
    });
    emit(ctx, "fulfillment_orders/moved", moved.id, { originalId: fo.id, fromLocationId });
    return { movedFulfillmentOrder: moved, originalFulfillmentOrder: fo, remainingFulfillmentOrder: fo, userErrors: [] };
  },

  fulfillmentCreate: (_s, args: { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] }[]; trackingInfo?: { company?: string; number?: string; numbers?: string[]; url?: string; urls?: string[] } } }, ctx) => {
    const groups = args.fulfillment.lineItemsByFulfillmentOrder;
    if (!groups.length) return { fulfillment: null, userErrors: [userError(["fulfillment"], "Line items by fulfillment order can't be blank")] };
    const orderIds = new Set<string>();
    for (const [index, group] of groups.entries()) {
      const fo = get(ctx, group.fulfillmentOrderId, "FulfillmentOrder");
      if (!fo) return { fulfillment: null, userErrors: [userError(["fulfillment", "lineItemsByFulfillmentOrder", String(index), "fulfillmentOrderId"], "Fulfillment order does not exist.")] };
      if (fo.status === "CLOSED" || fo.status === "CANCELLED" || fo.status === "ON_HOLD") {
        return { fulfillment: null, userErrors: [userError(["fulfillment"], `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`)] };
      }
      orderIds.add(fo.orderId);
      for (const line of group.fulfillmentOrderLineItems ?? []) {
        const foli = get(ctx, line.id, "FulfillmentOrderLineItem");
        if (!foli || foli.fulfillmentOrderId !== fo.id) return { fulfillment: null, userErrors: [userError(["fulfillment"], `Invalid fulfillment order line item id ${line.id}.`)] };
        if (line.quantity > foli.remainingQuantity || line.quantity < 1) return { fulfillment: null, userErrors: [userError(["fulfillment"], "Invalid fulfillment order line item quantity requested.")] };
      }
    }
    if (orderIds.size > 1) return { fulfillment: null, userErrors: [userError(["fulfillment"], "All fulfillment orders must belong to the same order.")] };
    const tracking = args.fulfillment.trackingInfo;
    const numbers = tracking?.numbers ?? (tracking?.number ? [tracking.number] : []);
    const urls = tracking?.urls ?? (tracking?.url ? [tracking.url] : []);
    const trackingInfo = numbers.map((number, i) => ({ company: tracking?.company ?? null, number, url: urls[i] ?? null }));
    const at = now(ctx);
    const fulfillment = fulfill(ctx.store, ctx.shop, groups.map((group) => ({
      fulfillmentOrderId: group.fulfillmentOrderId,
      quantities: group.fulfillmentOrderLineItems?.length ? new Map(group.fulfillmentOrderLineItems.map((l) => [l.id, l.quantity])) : undefined,
      tracking: trackingInfo, at,
    })));
    return { fulfillment, userErrors: [] };
  },

  fulfillmentTrackingInfoUpdate: (_s, args: { fulfillmentId: string; trackingInfoInput: { company?: string; number?: string; numbers?: string[]; url?: string; urls?: string[] } }, ctx) => {
    const fulfillment = get(ctx, args.fulfillmentId, "Fulfillment");
    if (!fulfillment) return { fulfillment: null, userErrors: [userError(["fulfillmentId"], "Fulfillment does not exist.")] };
    const t = args.trackingInfoInput;
    const numbers = t.numbers ?? (t.number ? [t.number] : []);
    const urls = t.urls ?? (t.url ? [t.url] : []);
    fulfillment.trackingInfo = numbers.map((number, i) => ({ company: t.company ?? null, number, url: urls[i] ?? null }));
    fulfillment.updatedAt = now(ctx);
    emit(ctx, "fulfillments/update", fulfillment.id);
    return { fulfillment, userErrors: [] };
  },

  webhookSubscriptionCreate: (_s, args: { topic: string; webhookSubscription: { uri?: string; callbackUrl?: string; format?: "JSON" | "XML"; filter?: string; includeFields?: string[]; metafieldNamespaces?: string[]; name?: string } }, ctx) => {
    const input = args.webhookSubscription;
    const uri = input.uri ?? input.callbackUrl;
    if (!uri) return { webhookSubscription: null, userErrors: [userError(["webhookSubscription", "callbackUrl"], "Address can't be blank")] };
    if (ctx.store.list(ctx.shop, "WebhookSubscription").some((w) => w.topic === args.topic && w.uri === uri)) {
      return { webhookSubscription: null, userErrors: [userError(["webhookSubscription", "callbackUrl"], "Address for this topic has already been taken")] };
    }
    const at = now(ctx);
    const webhookSubscription = ctx.store.insert<WebhookSubscriptionRecord>(ctx.shop, {
      __typename: "WebhookSubscription", topic: args.topic, uri, format: input.format ?? "JSON", filter: input.filter ?? null,
      includeFields: input.includeFields ?? [], metafieldNamespaces: input.metafieldNamespaces ?? [], name: input.name ?? null, createdAt: at, updatedAt: at,
    });
    return { webhookSubscription, userErrors: [] };
  },

  bulkOperationRunQuery: (_s, args: { query: string }, ctx) => startBulkQuery(ctx, args.query),

  returnRequest: (_s, { input }: { input: { orderId: string; returnLineItems: { fulfillmentLineItemId: string; quantity: number; returnReason?: string; customerNote?: string }[] } }, ctx) => {
    const result = createReturn(ctx, input.orderId, input.returnLineItems, "REQUESTED");
    if (result.return) emit(ctx, "returns/request", result.return.id);
    return result;
  },

  returnApproveRequest: (_s, { input }: { input: { id: string } }, ctx) => {
    const record = get(ctx, input.id, "Return");
    if (!record) return { return: null, userErrors: [userError(["input", "id"], "Return does not exist.", "NOT_FOUND")] };
    if (record.status !== "REQUESTED") return { return: null, userErrors: [userError(["input", "id"], "Return is not approvable. Only returns with status REQUESTED can be approved.", "INVALID_STATE")] };
    record.status = "OPEN";
    record.requestApprovedAt = now(ctx);
    openReverseFulfillment(ctx, record);
    emit(ctx, "returns/approve", record.id);
    return { return: record, userErrors: [] };
  },

  returnDeclineRequest: (_s, { input }: { input: { id: string; declineReason: string; declineNote?: string | null } }, ctx) => {
    const record = get(ctx, input.id, "Return");
    if (!record) return { return: null, userErrors: [userError(["input", "id"], "Return does not exist.", "NOT_FOUND")] };
    if (record.status !== "REQUESTED" && record.status !== "OPEN") return { return: null, userErrors: [userError(["input", "id"], "Return is not declinable. Only non-refunded returns with status REQUESTED can be declined.", "INVALID_STATE")] };
    record.status = "DECLINED";
    for (const rfoId of record.reverseFulfillmentOrderIds) { const rfo = get(ctx, rfoId, "ReverseFulfillmentOrder"); if (rfo) rfo.status = "CANCELED"; }
    emit(ctx, "returns/decline", record.id);
    return { return: record, userErrors: [] };
  },

  returnCreate: (_s, { returnInput }: { returnInput: { orderId: string; returnLineItems: { fulfillmentLineItemId: string; quantity: number; returnReason?: string; returnReasonNote?: string }[] } }, ctx) => {
    const result = createReturn(ctx, returnInput.orderId, returnInput.returnLineItems, "OPEN");
    if (result.return) emit(ctx, "returns/approve", result.return.id);
    return result;
  },

  reverseDeliveryCreateWithShipping: (_s, args: { reverseFulfillmentOrderId: string; reverseDeliveryLineItems: { reverseFulfillmentOrderLineItemId: string; quantity: number }[]; trackingInput?: { number?: string; url?: string }; labelInput?: { fileUrl: string } }, ctx) => {
    const rfo = get(ctx, args.reverseFulfillmentOrderId, "ReverseFulfillmentOrder");
    if (!rfo) return { reverseDelivery: null, userErrors: [userError(["reverseFulfillmentOrderId"], "Reverse fulfillment order does not exist.", "NOT_FOUND")] };
    const lines = args.reverseDeliveryLineItems.length
      ? args.reverseDeliveryLineItems
      : rfo.lineItemIds.map((id) => ({ reverseFulfillmentOrderLineItemId: id, quantity: get(ctx, id, "ReverseFulfillmentOrderLineItem")?.totalQuantity ?? 0 }));
    for (const [index, line] of lines.entries()) {
      const rfoLine = get(ctx, line.reverseFulfillmentOrderLineItemId, "ReverseFulfillmentOrderLineItem");
      if (!rfoLine || rfoLine.reverseFulfillmentOrderId !== rfo.id || line.quantity > rfoLine.totalQuantity) {
        return { reverseDelivery: null, userErrors: [userError(["reverseDeliveryLineItems", String(index)], "Reverse fulfillment order line item is invalid.", "INVALID")] };
      }
    }
    const delivery = ctx.store.insert<ReverseDeliveryRecord>(ctx.shop, {
      __typename: "ReverseDelivery", reverseFulfillmentOrderId: rfo.id, lineItems: lines,
      tracking: args.trackingInput ? { number: args.trackingInput.number ?? null, url: args.trackingInput.url ?? null, carrierName: null } : null,
      labelFileUrl: args.labelInput?.fileUrl ?? null, createdAt: now(ctx),
    });
    rfo.reverseDeliveryIds.push(delivery.id);
    emit(ctx, "reverse_deliveries/attach_deliverable", delivery.id);
    return { reverseDelivery: delivery, userErrors: [] };
  },

  // Processes received return lines: dispositions (RESTOCKED puts units back on sale at the
  // location at once), an optional refund against the order's sale transaction, and closes the
  // return when every line is processed. Shopify: ReturnProcessInput.
  returnProcess: (_s, { input }: { input: { returnId: string; returnLineItems?: { id: string; quantity: number; dispositions?: { reverseFulfillmentOrderLineItemId: string; quantity: number; dispositionType: string; locationId?: string | null }[] }[]; financialTransfer?: { issueRefund?: { orderTransactions: { parentId: string; transactionAmount: { amount: string; currencyCode: string } }[]; refundMethods?: { storeCreditRefund?: { amount: { amount: string; currencyCode: string } } }[] } }; note?: string | null } }, ctx) => {
    const record = get(ctx, input.returnId, "Return");
    if (!record) return { return: null, userErrors: [userError(["input", "returnId"], "Return does not exist.", "NOT_FOUND")] };
    if (record.status !== "OPEN") return { return: null, userErrors: [userError(["input", "returnId"], "Return must be open to be processed.", "INVALID_STATE")] };
    const lines = input.returnLineItems ?? [];
    for (const [index, line] of lines.entries()) {
      const rli = get(ctx, line.id, "ReturnLineItem");
      if (!rli || rli.returnId !== record.id) return { return: null, userErrors: [userError(["input", "returnLineItems", String(index), "id"], "Return line item does not exist.", "NOT_FOUND")] };
      if (line.quantity < 1 || line.quantity > rli.quantity - (rli.processedQuantity ?? 0)) {
        return { return: null, userErrors: [userError(["input", "returnLineItems", String(index), "quantity"], "Quantity is greater than the unprocessed quantity.", "INVALID")] };
      }
      for (const [d, disposition] of (line.dispositions ?? []).entries()) {
        const rfoLine = get(ctx, disposition.reverseFulfillmentOrderLineItemId, "ReverseFulfillmentOrderLineItem");
        if (!rfoLine || rfoLine.fulfillmentLineItemId !== rli.fulfillmentLineItemId) {
          return { return: null, userErrors: [userError(["input", "returnLineItems", String(index), "dispositions", String(d)], "Reverse fulfillment order line item does not exist.", "NOT_FOUND")] };
        }
        if (disposition.dispositionType === "RESTOCKED" && !get(ctx, disposition.locationId, "Location")) {
          return { return: null, userErrors: [userError(["input", "returnLineItems", String(index), "dispositions", String(d), "locationId"], "Location is required to restock.", "INVALID")] };
        }
      }
    }
    const order = get(ctx, record.orderId, "Order")!;
    const transactions = input.financialTransfer?.issueRefund?.orderTransactions ?? [];
    for (const [index, t] of transactions.entries()) {
      if (t.parentId !== saleTransactionId(order.id)) return { return: null, userErrors: [userError(["input", "financialTransfer", "issueRefund", "orderTransactions", String(index), "parentId"], "Transaction does not exist.", "NOT_FOUND")] };
    }
    const at = now(ctx);
    for (const line of lines) {
      const rli = get(ctx, line.id, "ReturnLineItem")!;
      rli.processedQuantity = (rli.processedQuantity ?? 0) + line.quantity;
      for (const disposition of line.dispositions ?? []) {
        const rfoLine = get(ctx, disposition.reverseFulfillmentOrderLineItemId, "ReverseFulfillmentOrderLineItem")!;
        (rfoLine.dispositions ??= []).push({ id: ctx.store.newId(ctx.shop, "ReverseFulfillmentOrderDisposition"), type: disposition.dispositionType as "RESTOCKED", quantity: disposition.quantity, locationId: disposition.locationId ?? null });
        if (disposition.dispositionType !== "RESTOCKED") continue;
        const fli = get(ctx, rli.fulfillmentLineItemId, "FulfillmentLineItem")!;
        const lineItem = get(ctx, fli.lineItemId, "LineItem")!;
        const variant = get(ctx, lineItem.variantId, "ProductVariant");
        if (!variant) continue;
        let target = level(ctx, variant.inventoryItemId, disposition.locationId!);
        // Restocking at a location that does not stock the item yet activates it there, as Shopify does.
        target ??= ctx.store.insert<InventoryLevelRecord>(ctx.shop, {
          __typename: "InventoryLevel", inventoryItemId: variant.inventoryItemId, locationId: disposition.locationId!,
          quantities: { available: 0, on_hand: 0, committed: 0, incoming: 0, reserved: 0 }, createdAt: at, updatedAt: at,
        });
        const q = target.quantities as Record<string, number>;
        q.available = (q.available ?? 0) + disposition.quantity;
        q.on_hand = (q.on_hand ?? 0) + disposition.quantity;
        target.updatedAt = at;
        emit(ctx, "inventory_levels/update", target.id);
      }
    }
    // Store credit is refunded to the customer's account instead of the payment: still a refund of the order.
    const storeCredit = (input.financialTransfer?.issueRefund?.refundMethods ?? []).flatMap((m) => (m.storeCreditRefund ? [m.storeCreditRefund.amount] : []));
    const refundCents = [...transactions.map((t) => t.transactionAmount), ...storeCredit].reduce((sum, a) => sum + Math.round(Number(a.amount) * 100), 0);
    if (transactions.length || storeCredit.length) {
      ctx.store.insert<RefundRecord>(ctx.shop, { __typename: "Refund", orderId: order.id, returnId: record.id, amountCents: refundCents, note: storeCredit.length ? `store credit${input.note ? `: ${input.note}` : ""}` : input.note ?? null, createdAt: at });
      order.displayFinancialStatus = "PARTIALLY_REFUNDED";
      emit(ctx, "refunds/create", order.id);
    }
    const allProcessed = record.returnLineItemIds.every((id) => { const l = get(ctx, id, "ReturnLineItem")!; return (l.processedQuantity ?? 0) >= l.quantity; });
    if (allProcessed) {
      record.status = "CLOSED";
      record.closedAt = at;
      for (const rfoId of record.reverseFulfillmentOrderIds) { const rfo = get(ctx, rfoId, "ReverseFulfillmentOrder"); if (rfo) rfo.status = "CLOSED"; }
    }
    order.updatedAt = at;
    emit(ctx, "returns/process", record.id);
    return { return: record, userErrors: [] };
  },

  orderUpdate: (_s, { input }: { input: { id: string; note?: string | null; tags?: string[]; email?: string; poNumber?: string } }, ctx) => {
    const order = get(ctx, input.id, "Order");
    if (!order) return { order: null, userErrors: [userError(["id"], "Order does not exist")] };
    if (input.note !== undefined) order.note = input.note;
    if (input.tags !== undefined) order.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    if (input.email !== undefined) order.email = input.email;
    order.updatedAt = now(ctx);
    emit(ctx, "orders/updated", order.id);
    return { order, userErrors: [] };
  },
};
