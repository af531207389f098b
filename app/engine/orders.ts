import { fromMajor, type Money } from "./money";
import { toGrams, type Grams } from "./units";

/**
 * The order as the fulfillment engine sees it, whatever it came from (a webhook's REST-shaped
 * payload or a bulk operation's GraphQL nodes). Money in integer minor units of the shop's
 * currency; weights in grams; ids are Shopify GIDs.
 */
export interface Destination {
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCode: string | null;
  phone: string | null;
}

export interface OrderLine {
  shopifyId: string;
  productId: string | null;
  variantId: string | null;
  inventoryItemId: string | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  unitPrice: Money;
  grams: Grams;
  /** Harmonized System code and country of origin, from the variant's inventory item when known. */
  hsCode: string | null;
  countryOfOrigin: string | null;
  requiresShipping: boolean;
}

export interface ShippingLine {
  title: string;
  code: string | null;
  source: string | null;
  carrierIdentifier: string | null;
  price: Money;
}

export interface FulfillmentOrderLine {
  shopifyId: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrder {
  shopifyId: string;
  status: string;
  requestStatus: string | null;
  assignedLocation: { id: string | null; name: string | null; countryCode: string | null } | null;
  updatedAt: string | null;
  lines: FulfillmentOrderLine[];
}

export interface Order {
  shopifyId: string;
  name: string;
  email: string | null;
  phone: string | null;
  customerId: string | null;
  currency: string;
  presentmentCurrency: string | null;
  subtotal: Money;
  shipping: Money;
  tax: Money;
  discount: Money;
  total: Money;
  totalWeightGrams: Grams;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  tags: string[];
  destination: Destination | null;
  cancelledAt: string | null;
  closedAt: string | null;
  processedAt: string | null;
  createdAt: string;
  updatedAt: string;
  lines: OrderLine[];
  shippingLines: ShippingLine[];
  /** Null when the source does not carry them (order webhooks); the stored ones are kept then. */
  fulfillmentOrders: FulfillmentOrder[] | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : typeof v === "number" || typeof v === "bigint" ? String(v) : null);
const int = (v: unknown): number | null => {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? Math.round(n) : null;
};
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const lower = (v: unknown): string | null => str(v)?.toLowerCase() ?? null;

/** A GID from a REST object: its admin_graphql_api_id, else built from its numeric id. */
export function gidOf(type: string, value: unknown): string | null {
  if (isObject(value)) {
    const gid = str(value.admin_graphql_api_id);
    if (gid) return gid;
    return gidOf(type, value.id);
  }
  const raw = str(value);
  if (!raw) return null;
  return raw.startsWith("gid://") ? raw : /^\d+$/.test(raw) ? `gid://shopify/${type}/${raw}` : null;
}

/** True when `incoming` is a strictly newer version than `stored` (both ISO timestamps). */
export function isNewerVersion(incoming: string, stored: string | Date): boolean {
  const storedMs = stored instanceof Date ? stored.getTime() : Date.parse(stored);
  return Date.parse(incoming) > storedMs;
}

function isoOrNull(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

class Problems {
  readonly list: string[] = [];
  add(message: string): void {
    this.list.push(message);
  }
  money(value: unknown, currency: string, field: string): Money {
    const s = str(value) ?? "0";
    try {
      return fromMajor(s, currency);
    } catch (error) {
      this.add(`${field}: ${error instanceof Error ? error.message : String(error)}`);
      return { amount: 0, currency };
    }
  }
}

const shopMoneyAmount = (set: unknown): unknown => (isObject(set) && isObject(set.shop_money) ? set.shop_money.amount : undefined);

function restDestination(a: unknown): Destination | null {
  if (!isObject(a)) return null;
  const name = str(a.name) ?? ([str(a.first_name), str(a.last_name)].filter(Boolean).join(" ") || null);
  return {
    name, company: str(a.company), address1: str(a.address1), address2: str(a.address2), city: str(a.city),
    provinceCode: str(a.province_code), zip: str(a.zip), countryCode: str(a.country_code)?.toUpperCase() ?? null, phone: str(a.phone),
  };
}

/** An order from an `orders/*` webhook payload (REST shape). */
export function orderFromWebhook(payload: unknown): Parsed<Order> {
  if (!isObject(payload)) return { ok: false, problems: ["the payload is not a JSON object"] };
  const p = new Problems();
  const shopifyId = gidOf("Order", payload);
  if (!shopifyId) p.add("the order has no id");
  const currency = str(payload.currency)?.toUpperCase() ?? "";
  if (!/^[A-Z]{3}$/.test(currency)) p.add(`the order's currency "${currency}" is not an ISO 4217 code`);
  const updatedAt = isoOrNull(payload.updated_at) ?? isoOrNull(payload.created_at);
  if (!updatedAt) p.add("the order has no valid updated_at");
  if (p.list.length) return { ok: false, problems: p.list };

  const m = (v: unknown, field: string) => p.money(v, currency, field);
  const lines: OrderLine[] = list(payload.line_items).map((item, i) => ({
    shopifyId: gidOf("LineItem", item) ?? `${shopifyId}/line/${i}`,
    productId: gidOf("Product", item.product_id),
    variantId: gidOf("ProductVariant", item.variant_id),
    inventoryItemId: null,
    sku: str(item.sku),
    title: str(item.title) ?? str(item.name) ?? "",
    variantTitle: str(item.variant_title),
    quantity: int(item.current_quantity) ?? int(item.quantity) ?? 0,
    unitPrice: m(shopMoneyAmount(item.price_set) ?? item.price, `line_items[${i}].price`),
    grams: Math.max(0, int(item.grams) ?? 0),
    hsCode: null,
    countryOfOrigin: null,
    requiresShipping: item.requires_shipping !== false,
  }));
  const shippingLines: ShippingLine[] = list(payload.shipping_lines)
    .filter((s) => s.is_removed !== true)
    .map((s, i) => ({
      title: str(s.title) ?? "", code: str(s.code), source: str(s.source), carrierIdentifier: str(s.carrier_identifier),
      price: m(shopMoneyAmount(s.discounted_price_set) ?? s.discounted_price ?? s.price, `shipping_lines[${i}].price`),
    }));
  const subtotal = m(shopMoneyAmount(payload.current_subtotal_price_set) ?? payload.current_subtotal_price ?? payload.subtotal_price, "subtotal_price");
  const shippingSet = shopMoneyAmount(payload.current_shipping_price_set) ?? shopMoneyAmount(payload.total_shipping_price_set);
  const shipping = shippingSet !== undefined ? m(shippingSet, "shipping_price") : { amount: shippingLines.reduce((s, l) => s + l.price.amount, 0), currency };
  const order: Order = {
    shopifyId: shopifyId!,
    name: str(payload.name) ?? "",
    email: str(payload.email) ?? str(payload.contact_email),
    phone: str(payload.phone),
    customerId: gidOf("Customer", payload.customer),
    currency,
    presentmentCurrency: str(payload.presentment_currency),
    subtotal,
    shipping,
    tax: m(shopMoneyAmount(payload.current_total_tax_set) ?? payload.current_total_tax ?? payload.total_tax, "total_tax"),
    discount: m(shopMoneyAmount(payload.current_total_discounts_set) ?? payload.current_total_discounts ?? payload.total_discounts, "total_discounts"),
    total: m(shopMoneyAmount(payload.current_total_price_set) ?? payload.current_total_price ?? payload.total_price, "total_price"),
    totalWeightGrams: Math.max(0, int(payload.total_weight) ?? lines.reduce((s, l) => s + l.grams * l.quantity, 0)),
    financialStatus: lower(payload.financial_status),
    fulfillmentStatus: lower(payload.fulfillment_status) ?? "unfulfilled",
    tags: (str(payload.tags) ?? "").split(",").map((t) => t.trim()).filter(Boolean),
    destination: restDestination(payload.shipping_address),
    cancelledAt: isoOrNull(payload.cancelled_at),
    closedAt: isoOrNull(payload.closed_at),
    processedAt: isoOrNull(payload.processed_at),
    createdAt: isoOrNull(payload.created_at) ?? updatedAt!,
    updatedAt: updatedAt!,
    lines,
    shippingLines,
    fulfillmentOrders: null,
  };
  return p.list.length ? { ok: false, problems: p.list } : { ok: true, value: order };
}

/** `orders/edited`: which order was edited and when; Shopify follows it with `orders/updated`. */
export interface OrderEdit {
  orderShopifyId: string;
  editId: string | null;
  committedAt: string | null;
}

export function orderEditFromWebhook(payload: unknown): Parsed<OrderEdit> {
  const edit = isObject(payload) && isObject(payload.order_edit) ? payload.order_edit : null;
  const orderShopifyId = edit ? gidOf("Order", edit.order_id) : null;
  if (!orderShopifyId) return { ok: false, problems: ["order_edit.order_id is missing"] };
  return { ok: true, value: { orderShopifyId, editId: gidOf("OrderEdit", edit!.id), committedAt: isoOrNull(edit!.committed_at) ?? isoOrNull(edit!.created_at) } };
}

/** A change to one fulfillment order announced by a `fulfillment_orders/*` webhook. */
export interface FulfillmentOrderChange {
  shopifyId: string;
  status: string | null;
  requestStatus: string | null;
  assignedLocationId: string | null;
  /** For a fulfillment order Shopify created (moved, split): the one it came from, same order. */
  derivedFrom: string | null;
}

export function fulfillmentOrderChangesFromWebhook(topic: string, payload: unknown): Parsed<FulfillmentOrderChange[]> {
  if (!isObject(payload)) return { ok: false, problems: ["the payload is not a JSON object"] };
  const changes: FulfillmentOrderChange[] = [];
  const add = (fo: unknown, derivedFrom: string | null = null, status?: string | null) => {
    if (!isObject(fo)) return;
    const shopifyId = gidOf("FulfillmentOrder", fo.id);
    if (!shopifyId) return;
    changes.push({
      shopifyId, status: status ?? lower(fo.status), requestStatus: lower(fo.request_status),
      assignedLocationId: gidOf("Location", fo.assigned_location_id), derivedFrom,
    });
  };
  const original = (payload.original_fulfillment_order ?? payload.fulfillment_order) as Json | undefined;
  const originalId = isObject(original) ? gidOf("FulfillmentOrder", original.id) : null;
  switch (topic) {
    case "fulfillment_orders/moved":
      add(payload.original_fulfillment_order);
      add(payload.moved_fulfillment_order, originalId);
      break;
    case "fulfillment_orders/split":
      add(payload.fulfillment_order);
      add(payload.remaining_fulfillment_order, originalId);
      add(payload.replacement_fulfillment_order, originalId);
      break;
    case "fulfillment_orders/merged":
      add(isObject(payload.fulfillment_order_merges) ? payload.fulfillment_order_merges.fulfillment_order : undefined);
      break;
    case "fulfillment_orders/placed_on_hold":
      add(payload.fulfillment_order);
      add(payload.remaining_fulfillment_order, originalId);
      break;
    case "fulfillment_orders/fulfillment_request_submitted":
      add(payload.submitted_fulfillment_order ?? payload.original_fulfillment_order);
      break;
    case "fulfillment_orders/cancellation_request_submitted":
      add(payload.fulfillment_order);
      break;
    default:
      add(payload.fulfillment_order ?? payload.original_fulfillment_order);
  }
  if (!changes.length) return { ok: false, problems: [`no fulfillment order in the ${topic} payload`] };
  return { ok: true, value: changes };
}

export interface Fulfillment {
  shopifyId: string;
  orderShopifyId: string;
  status: string;
  trackingCompany: string | null;
  trackingNumbers: string[];
  trackingUrls: string[];
  locationId: string | null;
  updatedAt: string;
  lines: { lineItemId: string | null; sku: string | null; quantity: number }[];
}

export function fulfillmentFromWebhook(payload: unknown): Parsed<Fulfillment> {
  if (!isObject(payload)) return { ok: false, problems: ["the payload is not a JSON object"] };
  const shopifyId = gidOf("Fulfillment", payload);
  const orderShopifyId = gidOf("Order", payload.order_id);
  const updatedAt = isoOrNull(payload.updated_at) ?? isoOrNull(payload.created_at);
  const problems = [!shopifyId && "the fulfillment has no id", !orderShopifyId && "the fulfillment has no order_id", !updatedAt && "the fulfillment has no updated_at"].filter((x): x is string => !!x);
  if (problems.length) return { ok: false, problems };
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(str).filter((x): x is string => !!x) : []);
  const numbers = strings(payload.tracking_numbers);
  const urls = strings(payload.tracking_urls);
  return {
    ok: true,
    value: {
      shopifyId: shopifyId!, orderShopifyId: orderShopifyId!, status: lower(payload.status) ?? "pending",
      trackingCompany: str(payload.tracking_company),
      trackingNumbers: numbers.length ? numbers : [str(payload.tracking_number)].filter((x): x is string => !!x),
      trackingUrls: urls.length ? urls : [str(payload.tracking_url)].filter((x): x is string => !!x),
      locationId: gidOf("Location", payload.location_id), updatedAt: updatedAt!,
      lines: list(payload.line_items).map((l) => ({ lineItemId: gidOf("LineItem", l), sku: str(l.sku), quantity: int(l.quantity) ?? 0 })),
    },
  };
}

export interface InventoryLevelUpdate {
  inventoryItemId: string;
  locationId: string;
  available: number;
  updatedAt: string;
}

export function inventoryLevelFromWebhook(payload: unknown): Parsed<InventoryLevelUpdate> {
  if (!isObject(payload)) return { ok: false, problems: ["the payload is not a JSON object"] };
  const inventoryItemId = gidOf("InventoryItem", payload.inventory_item_id);
  const locationId = gidOf("Location", payload.location_id);
  const available = int(payload.available);
  const updatedAt = isoOrNull(payload.updated_at);
  const problems = [
    !inventoryItemId && "inventory_item_id is missing", !locationId && "location_id is missing",
    available === null && "available is missing", !updatedAt && "updated_at is missing",
  ].filter((x): x is string => !!x);
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { inventoryItemId: inventoryItemId!, locationId: locationId!, available: available!, updatedAt: updatedAt! } };
}

export interface ProductUpdate {
  shopifyId: string;
  title: string;
  updatedAt: string;
  variants: { shopifyId: string; title: string; sku: string | null; price: Money; grams: Grams | null; inventoryItemId: string | null }[];
}

/** `products/update`: the payload carries no currency; prices are in the shop's `currency`. */
export function productFromWebhook(payload: unknown, currency: string): Parsed<ProductUpdate> {
  if (!isObject(payload)) return { ok: false, problems: ["the payload is not a JSON object"] };
  const shopifyId = gidOf("Product", payload);
  const updatedAt = isoOrNull(payload.updated_at);
  if (!shopifyId || !updatedAt) return { ok: false, problems: [!shopifyId ? "the product has no id" : "the product has no updated_at"] };
  const p = new Problems();
  const variants = list(payload.variants).flatMap((v, i) => {
    const id = gidOf("ProductVariant", v);
    if (!id) return [];
    const weight = typeof v.weight === "number" && typeof v.weight_unit === "string" ? safeGrams(v.weight, v.weight_unit) : int(v.grams);
    return [{ shopifyId: id, title: str(v.title) ?? "", sku: str(v.sku), price: p.money(v.price, currency, `variants[${i}].price`), grams: weight, inventoryItemId: gidOf("InventoryItem", v.inventory_item_id) }];
  });
  if (p.list.length) return { ok: false, problems: p.list };
  return { ok: true, value: { shopifyId, title: str(payload.title) ?? "", updatedAt, variants } };
}

function safeGrams(value: number, unit: string): Grams | null {
  try {
    return toGrams(value, unit);
  } catch {
    return null;
  }
}

export interface ReturnChange {
  shopifyId: string;
  orderShopifyId: string | null;
  name: string | null;
  /** Null when the topic does not say (returns/update carries only what changed). */
  status: string | null;
  lineCount: number | null;
}

const RETURN_STATUS_BY_TOPIC: Record<string, string> = {
  "returns/request": "requested", "returns/approve": "open", "returns/decline": "declined", "returns/cancel": "canceled",
  "returns/close": "closed", "returns/reopen": "open", "returns/process": "open",
};

export function returnFromWebhook(topic: string, payload: unknown): Parsed<ReturnChange> {
  if (!isObject(payload)) return { ok: false, problems: ["the payload is not a JSON object"] };
  const shopifyId = gidOf("Return", payload);
  if (!shopifyId) return { ok: false, problems: [`the ${topic} payload names no return (no id or admin_graphql_api_id)`] };
  const order = isObject(payload.order) ? payload.order : null;
  return {
    ok: true,
    value: {
      shopifyId, orderShopifyId: order ? gidOf("Order", order) : null, name: str(payload.name),
      status: lower(payload.status) ?? RETURN_STATUS_BY_TOPIC[topic] ?? null,
      lineCount: int(payload.total_return_line_items),
    },
  };
}

/** `customers/redact` and `customers/data_request`: whose data, and which orders. */
export interface CustomerPrivacyRequest {
  customerId: string | null;
  email: string | null;
  phone: string | null;
  orderIds: string[];
  dataRequestId: string | null;
}

export function customerPrivacyRequestFromWebhook(payload: unknown): Parsed<CustomerPrivacyRequest> {
  if (!isObject(payload) || !isObject(payload.customer)) return { ok: false, problems: ["the payload names no customer"] };
  const c = payload.customer;
  const orders = Array.isArray(payload.orders_to_redact) ? payload.orders_to_redact : Array.isArray(payload.orders_requested) ? payload.orders_requested : [];
  const value: CustomerPrivacyRequest = {
    customerId: gidOf("Customer", c.id), email: str(c.email), phone: str(c.phone),
    orderIds: orders.map((o) => gidOf("Order", o)).filter((x): x is string => !!x),
    dataRequestId: isObject(payload.data_request) ? str(payload.data_request.id) : null,
  };
  if (!value.customerId && !value.email && !value.phone) return { ok: false, problems: ["the customer has no id, email or phone"] };
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Bulk operation JSONL (GraphQL shape): an order node followed by its nested nodes, each carrying
// `__parentId`.

const gidType = (id: unknown): string | null => (typeof id === "string" ? /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1] ?? null : null);
const moneyBagAmount = (bag: unknown): unknown => (isObject(bag) && isObject(bag.shopMoney) ? bag.shopMoney.amount : undefined);

/** Collects one order's JSONL lines; `order()` turns them into the normalised order. */
export class BulkOrderAssembler {
  private root: Json | null = null;
  private readonly lineItems: Json[] = [];
  private readonly shippingLines: Json[] = [];
  private readonly fulfillmentOrders = new Map<string, { node: Json; lines: Json[] }>();

  /** Adds a line; returns false when it starts a new order (the caller flushes first). */
  accepts(line: Json): boolean {
    return !(gidType(line.id) === "Order" && !line.__parentId && this.root);
  }

  add(line: Json): void {
    const type = gidType(line.id);
    if (type === "Order" && !line.__parentId) this.root = line;
    else if (type === "LineItem") this.lineItems.push(line);
    else if (type === "ShippingLine") this.shippingLines.push(line);
    else if (type === "FulfillmentOrder") this.fulfillmentOrders.set(line.id as string, { node: line, lines: [] });
    else if (type === "FulfillmentOrderLineItem") this.fulfillmentOrders.get(String(line.__parentId))?.lines.push(line);
  }

  get empty(): boolean {
    return !this.root;
  }

  order(): Parsed<Order> {
    const o = this.root;
    if (!o) return { ok: false, problems: ["no order line"] };
    const currency = str(o.currencyCode) ?? "";
    const updatedAt = isoOrNull(o.updatedAt);
    if (!/^[A-Z]{3}$/.test(currency) || !updatedAt) return { ok: false, problems: [`order ${String(o.id)} lacks a currency or updatedAt`] };
    const p = new Problems();
    const m = (bag: unknown, field: string) => p.money(moneyBagAmount(bag), currency, field);
    const a = isObject(o.shippingAddress) ? o.shippingAddress : null;
    const lines: OrderLine[] = this.lineItems.map((item, i) => {
      const variant = isObject(item.variant) ? item.variant : null;
      const inv = variant && isObject(variant.inventoryItem) ? variant.inventoryItem : null;
      const weight = inv && isObject(inv.measurement) && isObject(inv.measurement.weight) ? inv.measurement.weight : null;
      return {
        shopifyId: String(item.id), productId: variant && isObject(variant.product) ? str(variant.product.id) : null,
        variantId: variant ? str(variant.id) : null, inventoryItemId: inv ? str(inv.id) : null,
        sku: str(item.sku), title: str(item.title) ?? "", variantTitle: str(item.variantTitle),
        quantity: int(item.quantity) ?? 0, unitPrice: m(item.originalUnitPriceSet, `lineItems[${i}].originalUnitPriceSet`),
        grams: weight && typeof weight.value === "number" && typeof weight.unit === "string" ? safeGrams(weight.value, weight.unit) ?? 0 : 0,
        hsCode: inv ? str(inv.harmonizedSystemCode) : null, countryOfOrigin: inv ? str(inv.countryCodeOfOrigin) : null,
        requiresShipping: item.requiresShipping !== false,
      };
    });
    const order: Order = {
      shopifyId: String(o.id), name: str(o.name) ?? "", email: str(o.email), phone: str(o.phone),
      customerId: isObject(o.customer) ? str(o.customer.id) : null, currency, presentmentCurrency: str(o.presentmentCurrencyCode),
      subtotal: m(o.subtotalPriceSet, "subtotalPriceSet"), shipping: m(o.totalShippingPriceSet, "totalShippingPriceSet"),
      tax: m(o.totalTaxSet, "totalTaxSet"), discount: m(o.totalDiscountsSet, "totalDiscountsSet"), total: m(o.totalPriceSet, "totalPriceSet"),
      totalWeightGrams: Math.max(0, int(o.totalWeight) ?? 0),
      financialStatus: lower(o.displayFinancialStatus), fulfillmentStatus: lower(o.displayFulfillmentStatus),
      tags: Array.isArray(o.tags) ? o.tags.map(String) : [],
      destination: a ? {
        name: str(a.name) ?? ([str(a.firstName), str(a.lastName)].filter(Boolean).join(" ") || null), company: str(a.company),
        address1: str(a.address1), address2: str(a.address2), city: str(a.city), provinceCode: str(a.provinceCode), zip: str(a.zip),
        countryCode: str(a.countryCodeV2), phone: str(a.phone),
      } : null,
      cancelledAt: isoOrNull(o.cancelledAt), closedAt: isoOrNull(o.closedAt), processedAt: isoOrNull(o.processedAt),
      createdAt: isoOrNull(o.createdAt) ?? updatedAt, updatedAt,
      lines,
      shippingLines: this.shippingLines.map((s, i) => ({
        title: str(s.title) ?? "", code: str(s.code), source: str(s.source), carrierIdentifier: str(s.carrierIdentifier),
        price: m(s.originalPriceSet, `shippingLines[${i}].originalPriceSet`),
      })),
      fulfillmentOrders: [...this.fulfillmentOrders.values()].map(({ node, lines: foLines }) => {
        const loc = isObject(node.assignedLocation) ? node.assignedLocation : null;
        return {
          shopifyId: String(node.id), status: lower(node.status) ?? "open", requestStatus: lower(node.requestStatus),
          assignedLocation: loc ? { id: isObject(loc.location) ? str(loc.location.id) : null, name: str(loc.name), countryCode: str(loc.countryCode) } : null,
          updatedAt: isoOrNull(node.updatedAt),
          lines: foLines.map((l) => ({
            shopifyId: String(l.id), lineItemId: isObject(l.lineItem) ? String(l.lineItem.id) : "",
            totalQuantity: int(l.totalQuantity) ?? 0, remainingQuantity: int(l.remainingQuantity) ?? 0,
          })),
        };
      }),
    };
    return p.list.length ? { ok: false, problems: p.list } : { ok: true, value: order };
  }
}
