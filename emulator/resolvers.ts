import {
  GraphQLEnumType, GraphQLScalarType, getNamedType, isAbstractType, isListType, isNonNullType,
  type GraphQLFieldResolver, type GraphQLOutputType, type GraphQLResolveInfo, type GraphQLTypeResolver,
} from "graphql";
import { fromCents, moneyBag, moneyV2, toCents } from "./amounts";
import { connection, type ConnectionArgs } from "./connection";
import type { AdminContext } from "./context";
import {
  deriveFulfillmentStatus, fulfilledQuantity, groupedBy, levelQuantity, lineItemsOf, orderShippingCents,
  orderSubtotalCents, orderTotalCents, orderWeightGrams,
} from "./derive";
import { legacyId, parseGid } from "./gid";
import type {
  AnyRecord, CustomerRecord, FulfillmentOrderLineItemRecord, FulfillmentOrderRecord, FulfillmentRecord,
  InventoryItemRecord, InventoryLevelRecord, LineItemRecord, LocationRecord, MailingAddressRecord, OrderRecord,
  ProductRecord, ProductVariantRecord, RecordOf, ShippingLineRecord,
} from "./records";
import { matchesSearch, type SearchFields } from "./search";
import { mutationResolvers, saleTransactionId } from "./mutations";
import { adminSchema } from "./schema";

type Args = Record<string, unknown>;
type Resolver = (source: any, args: any, ctx: AdminContext, info: GraphQLResolveInfo) => unknown;
export type TypeResolvers = Record<string, Record<string, Resolver>>;

const list = <K extends AnyRecord["__typename"]>(ctx: AdminContext, type: K): RecordOf<K>[] => ctx.store.list(ctx.shop, type);
const get = <K extends AnyRecord["__typename"]>(ctx: AdminContext, id: string | null | undefined, type?: K) => ctx.store.get(ctx.shop, id, type);
const currency = (ctx: AdminContext) => ctx.store.requireShop(ctx.shop).shop.currencyCode;
const bag = (ctx: AdminContext, cents: number) => moneyBag(fromCents(cents), currency(ctx));
const page = <T extends { id: string }>(ctx: AdminContext, items: readonly T[], args: ConnectionArgs) => connection(items, args, { unbounded: ctx.bulk });

/** A connection over records of one type, filtered by Shopify's `query:` syntax. */
function searchable<T extends { id: string }>(items: (ctx: AdminContext) => T[], fields: SearchFields<T>, text: (record: T) => string) {
  return (_: unknown, args: ConnectionArgs, ctx: AdminContext) =>
    page(ctx, items(ctx).filter((record) => matchesSearch(record, args.query, fields, text)), args);
}

const idField = (record: { id: string }) => [record.id, String(legacyId(record.id))];

const productSearch = (ctx: AdminContext): SearchFields<ProductRecord> => ({
  sku: (p) => list(ctx, "ProductVariant").filter((v) => v.productId === p.id).map((v) => v.sku),
  id: idField, title: (p) => p.title, handle: (p) => p.handle, vendor: (p) => p.vendor, product_type: (p) => p.productType,
  status: (p) => p.status, tag: (p) => p.tags, created_at: (p) => p.createdAt, updated_at: (p) => p.updatedAt,
});
const variantSearch = (ctx: AdminContext): SearchFields<ProductVariantRecord> => ({
  id: idField, sku: (v) => v.sku, barcode: (v) => v.barcode, title: (v) => v.title, product_id: (v) => String(legacyId(v.productId)),
  created_at: (v) => v.createdAt, updated_at: (v) => v.updatedAt,
  product_status: (v) => get(ctx, v.productId, "Product")?.status,
});
const orderSearch = (ctx: AdminContext): SearchFields<OrderRecord> => ({
  id: idField, name: (o) => [o.name, o.name.replace(/^#/, "")], email: (o) => o.email, tag: (o) => o.tags,
  created_at: (o) => o.createdAt, updated_at: (o) => o.updatedAt, processed_at: (o) => o.processedAt,
  financial_status: (o) => o.displayFinancialStatus,
  fulfillment_status: (o) => {
    const status = o.displayFulfillmentStatus;
    return status === "FULFILLED" ? ["shipped", "fulfilled"] : status === "PARTIALLY_FULFILLED" ? ["partial"] : ["unshipped", "unfulfilled"];
  },
  status: (o) => (o.cancelledAt ? "cancelled" : o.closedAt ? "closed" : "open"),
  customer_id: (o) => (o.customerId ? String(legacyId(o.customerId)) : null),
  sku: (o) => lineItemsOf(ctx.store, ctx.shop, o).map((item) => item.sku),
  country: (o) => o.shippingAddress?.countryCode,
});
const customerSearch: SearchFields<CustomerRecord> = {
  id: idField, email: (c) => c.email, country: (c) => [c.defaultAddress.countryCode, c.defaultAddress.country], tag: (c) => c.tags,
  first_name: (c) => c.firstName, last_name: (c) => c.lastName, created_at: (c) => c.createdAt, updated_at: (c) => c.updatedAt,
};
const locationSearch: SearchFields<LocationRecord> = {
  id: idField, name: (l) => l.name, country: (l) => l.address.countryCode, active: (l) => String(l.isActive),
};
const inventoryItemSearch: SearchFields<InventoryItemRecord> = {
  id: idField, sku: (i) => i.sku, created_at: (i) => i.createdAt, updated_at: (i) => i.updatedAt,
};
const fulfillmentOrderSearch: SearchFields<FulfillmentOrderRecord> = {
  id: idField, status: (f) => f.status, request_status: (f) => f.requestStatus,
  assigned_location_id: (f) => String(legacyId(f.assignedLocationId)), updated_at: (f) => f.updatedAt, created_at: (f) => f.createdAt,
};

function fulfillmentOrders(ctx: AdminContext, args: Args): FulfillmentOrderRecord[] {
  return list(ctx, "FulfillmentOrder").filter(
    (fo) => args.includeClosed === true || !["CLOSED", "CANCELLED"].includes(fo.status),
  );
}

/** Which FOs a fulfillment service app sees: those assigned to its locations. */
function assignedFulfillmentOrders(ctx: AdminContext, args: Args): FulfillmentOrderRecord[] {
  const serviceLocations = new Set(list(ctx, "FulfillmentService").map((service) => service.locationId));
  const wanted = args.locationIds ? new Set(args.locationIds as string[]) : undefined;
  const byStatus: Record<string, FulfillmentOrderRecord["requestStatus"][]> = {
    FULFILLMENT_REQUESTED: ["SUBMITTED"],
    FULFILLMENT_ACCEPTED: ["ACCEPTED"],
    CANCELLATION_REQUESTED: ["CANCELLATION_REQUESTED"],
    FULFILLMENT_UNSUBMITTED: ["UNSUBMITTED"],
  };
  const statuses = args.assignmentStatus ? byStatus[String(args.assignmentStatus)] : undefined;
  return list(ctx, "FulfillmentOrder").filter(
    (fo) =>
      serviceLocations.has(fo.assignedLocationId) &&
      (!wanted || wanted.has(fo.assignedLocationId)) &&
      (!statuses || statuses.includes(fo.requestStatus)) &&
      !["CLOSED", "CANCELLED"].includes(fo.status),
  );
}

const shopLevelConnections: Record<string, Resolver> = {
  products: (source, args, ctx) =>
    searchable((c) => list(c, "Product"), productSearch(ctx), (p) => `${p.title} ${p.vendor} ${p.productType}`)(source, args, ctx),
  productVariants: (source, args, ctx) =>
    searchable((c) => list(c, "ProductVariant"), variantSearch(ctx), (v) => `${v.sku} ${v.title}`)(source, args, ctx),
  locations: (_s, args, ctx) =>
    page(ctx, list(ctx, "Location").filter((l) => (args.includeInactive || l.isActive) && matchesSearch(l, args.query, locationSearch, (x) => x.name)), args),
  inventoryItems: searchable((ctx) => list(ctx, "InventoryItem"), inventoryItemSearch, (i) => i.sku),
  orders: (source, args, ctx) => {
    const orders = list(ctx, "Order").filter((o) => matchesSearch(o, args.query, orderSearch(ctx), (x) => `${x.name} ${x.email ?? ""}`));
    const sorted = sortOrders(orders, args.sortKey as string | undefined);
    return page(ctx, sorted, args);
  },
  customers: searchable((ctx) => list(ctx, "Customer"), customerSearch, (c) => `${c.firstName} ${c.lastName} ${c.email}`),
  fulfillmentOrders: (_s, args, ctx) =>
    page(ctx, fulfillmentOrders(ctx, args).filter((fo) => matchesSearch(fo, args.query, fulfillmentOrderSearch, () => "")), args),
};

/** Shopify's `Count`: exact up to the limit (10,000 unless given; null means none), else AT_LEAST. */
function counted(n: number, limit: unknown) {
  const cap = limit === null ? Number.POSITIVE_INFINITY : typeof limit === "number" ? limit : 10_000;
  return { count: Math.min(n, cap), precision: n > cap ? "AT_LEAST" : "EXACT" };
}

const countsOf: Record<string, Resolver> = {
  productsCount: (_s, args, ctx) =>
    counted(list(ctx, "Product").filter((p) => matchesSearch(p, args.query, productSearch(ctx), (x) => `${x.title} ${x.vendor} ${x.productType}`)).length, args.limit),
  productVariantsCount: (_s, args, ctx) =>
    counted(list(ctx, "ProductVariant").filter((v) => matchesSearch(v, args.query, variantSearch(ctx), (x) => `${x.sku} ${x.title}`)).length, args.limit),
  ordersCount: (_s, args, ctx) =>
    counted(list(ctx, "Order").filter((o) => matchesSearch(o, args.query, orderSearch(ctx), (x) => `${x.name} ${x.email ?? ""}`)).length, args.limit),
  customersCount: (_s, args, ctx) =>
    counted(list(ctx, "Customer").filter((c) => matchesSearch(c, args.query, customerSearch, (x) => `${x.firstName} ${x.lastName} ${x.email}`)).length, args.limit),
  locationsCount: (_s, args, ctx) =>
    counted(list(ctx, "Location").filter((l) => l.isActive && matchesSearch(l, args.query, locationSearch, (x) => x.name)).length, args.limit),
};

function sortOrders(orders: OrderRecord[], sortKey: string | undefined): OrderRecord[] {
  const key: Record<string, (o: OrderRecord) => string | number> = {
    CREATED_AT: (o) => o.createdAt, PROCESSED_AT: (o) => o.processedAt, UPDATED_AT: (o) => o.updatedAt,
    ORDER_NUMBER: (o) => o.number, ID: (o) => legacyId(o.id),
  };
  const pick = sortKey ? key[sortKey] : undefined;
  if (!pick) return orders;
  return [...orders].sort((a, b) => (pick(a) < pick(b) ? -1 : pick(a) > pick(b) ? 1 : 0));
}

const byId = <K extends AnyRecord["__typename"]>(type: K): Resolver => (_s, args: { id?: string }, ctx) => get(ctx, args.id, type) ?? null;

function formatAddress(address: Partial<MailingAddressRecord>): string[] {
  return [
    address.company, address.address1, address.address2,
    [address.city, address.provinceCode ?? address.province, address.zip].filter(Boolean).join(" "), address.country,
  ].filter((line): line is string => !!line);
}

const addressFields: Record<string, Resolver> = {
  name: (a: MailingAddressRecord) => [a.firstName, a.lastName].filter(Boolean).join(" ") || null,
  countryCodeV2: (a: MailingAddressRecord) => a.countryCode,
  formatted: (a: MailingAddressRecord) => formatAddress(a),
  formattedArea: (a: MailingAddressRecord) => [a.city, a.provinceCode ?? a.province, a.country].filter(Boolean).join(", "),
  coordinatesValidated: () => false,
};

function lineItemOf(ctx: AdminContext, item: { lineItemId: string }): LineItemRecord {
  return get(ctx, item.lineItemId, "LineItem")!;
}

function gramsToWeight(grams: number) {
  return { unit: "GRAMS" as const, value: grams };
}

export const typeResolvers: TypeResolvers = {
  QueryRoot: {
    shop: (_s, _a, ctx) => ctx.store.requireShop(ctx.shop).shop,
    ...shopLevelConnections,
    ...countsOf,
    product: byId("Product"),
    productVariant: byId("ProductVariant"),
    location: (_s, args: { id?: string }, ctx) =>
      args.id ? get(ctx, args.id, "Location") ?? null : list(ctx, "Location").find((l) => l.isPrimary) ?? null,
    inventoryItem: byId("InventoryItem"),
    inventoryLevel: byId("InventoryLevel"),
    order: byId("Order"),
    customer: byId("Customer"),
    fulfillmentOrder: byId("FulfillmentOrder"),
    fulfillment: byId("Fulfillment"),
    fulfillmentService: byId("FulfillmentService"),
    return: byId("Return"),
    reverseFulfillmentOrder: byId("ReverseFulfillmentOrder"),
    reverseDelivery: byId("ReverseDelivery"),
    carrierService: byId("DeliveryCarrierService"),
    carrierServices: (_s, args, ctx) => page(ctx, list(ctx, "DeliveryCarrierService"), args),
    webhookSubscription: byId("WebhookSubscription"),
    webhookSubscriptions: (_s, args, ctx) =>
      page(ctx, list(ctx, "WebhookSubscription").filter((w) => !args.topics || (args.topics as string[]).includes(w.topic)), args),
    bulkOperation: byId("BulkOperation"),
    currentBulkOperation: (_s, args: { type?: string }, ctx) =>
      list(ctx, "BulkOperation").filter((b) => b.type === (args.type ?? "QUERY")).at(-1) ?? null,
    node: (_s, args: { id: string }, ctx) => get(ctx, args.id) ?? null,
    nodes: (_s, args: { ids: string[] }, ctx) => args.ids.map((id) => get(ctx, id) ?? null),
  },
  Mutation: mutationResolvers,
  Shop: {
    ...shopLevelConnections,
    assignedFulfillmentOrders: (_s, args, ctx) => page(ctx, assignedFulfillmentOrders(ctx, args), args),
    fulfillmentServices: (_s, _a, ctx) => list(ctx, "FulfillmentService"),
    shopAddress: (shop) => shop.billingAddress,
    url: (shop) => `https://${shop.myshopifyDomain}`,
    primaryDomain: (shop) => ({ __typename: "Domain", id: shop.id.replace("Shop", "Domain"), host: shop.myshopifyDomain, url: `https://${shop.myshopifyDomain}`, sslEnabled: true }),
    enabledPresentmentCurrencies: (shop) => [shop.currencyCode],
    unitSystem: () => "METRIC_SYSTEM",
    taxesIncluded: () => false,
    taxShipping: () => false,
  },
  ShopAddress: addressFields,
  MailingAddress: addressFields,
  LocationAddress: { formatted: (a: MailingAddressRecord) => formatAddress(a) },
  Product: {
    variants: (p: ProductRecord, args, ctx) => page(ctx, list(ctx, "ProductVariant").filter((v) => v.productId === p.id), args),
    variantsCount: (p: ProductRecord, _a, ctx) => ({ count: list(ctx, "ProductVariant").filter((v) => v.productId === p.id).length, precision: "EXACT" }),
    totalInventory: (p: ProductRecord, _a, ctx) =>
      list(ctx, "ProductVariant").filter((v) => v.productId === p.id).reduce((sum, v) => sum + availableOf(ctx, v.inventoryItemId), 0),
    hasOnlyDefaultVariant: (p: ProductRecord, _a, ctx) => list(ctx, "ProductVariant").filter((v) => v.productId === p.id).length === 1,
    tracksInventory: () => true,
    description: (p: ProductRecord) => p.descriptionHtml.replace(/<[^>]+>/g, ""),
    priceRangeV2: (p: ProductRecord, _a, ctx) => {
      const prices = list(ctx, "ProductVariant").filter((v) => v.productId === p.id).map((v) => toCents(v.price));
      return { minVariantPrice: moneyV2(fromCents(Math.min(...prices)), currency(ctx)), maxVariantPrice: moneyV2(fromCents(Math.max(...prices)), currency(ctx)) };
    },
  },
  ProductVariant: {
    inventoryQuantity: (v: ProductVariantRecord, _a, ctx) => availableOf(ctx, v.inventoryItemId),
    displayName: (v: ProductVariantRecord, _a, ctx) => `${get(ctx, v.productId, "Product")?.title ?? ""} - ${v.title}`,
    availableForSale: (v: ProductVariantRecord, _a, ctx) => availableOf(ctx, v.inventoryItemId) > 0 || v.inventoryPolicy === "CONTINUE",
  },
  InventoryItem: {
    inventoryLevels: (item: InventoryItemRecord, args, ctx) => page(ctx, list(ctx, "InventoryLevel").filter((l) => l.inventoryItemId === item.id), args),
    inventoryLevel: (item: InventoryItemRecord, args: { locationId: string }, ctx) =>
      list(ctx, "InventoryLevel").find((l) => l.inventoryItemId === item.id && l.locationId === args.locationId) ?? null,
    locationsCount: (item: InventoryItemRecord, _a, ctx) => ({ count: list(ctx, "InventoryLevel").filter((l) => l.inventoryItemId === item.id).length, precision: "EXACT" }),
    duplicateSkuCount: (item: InventoryItemRecord, _a, ctx) => list(ctx, "InventoryItem").filter((i) => i.sku === item.sku && i.id !== item.id).length,
  },
  InventoryLevel: {
    item: (level: InventoryLevelRecord, _a, ctx) => get(ctx, level.inventoryItemId, "InventoryItem"),
    quantities: (level: InventoryLevelRecord, args: { names: string[] }) =>
      args.names.map((name) => ({ __typename: "InventoryQuantity", id: `${level.id}/${name}`, name, quantity: levelQuantity(level, name), updatedAt: level.updatedAt })),
    isActive: () => true,
    canDeactivate: () => true,
  },
  Location: {
    inventoryLevels: (loc: LocationRecord, args, ctx) => page(ctx, list(ctx, "InventoryLevel").filter((l) => l.locationId === loc.id), args),
    inventoryLevel: (loc: LocationRecord, args: { inventoryItemId: string }, ctx) =>
      list(ctx, "InventoryLevel").find((l) => l.locationId === loc.id && l.inventoryItemId === args.inventoryItemId) ?? null,
    isFulfillmentService: (loc: LocationRecord) => !!loc.fulfillmentServiceId,
    hasActiveInventory: () => true,
    activatable: (loc: LocationRecord) => !loc.isActive,
    deactivatable: (loc: LocationRecord) => loc.isActive,
  },
  Customer: {
    displayName: (c: CustomerRecord) => `${c.firstName} ${c.lastName}`,
    addresses: (c: CustomerRecord) => [c.defaultAddress],
    addressesV2: (c: CustomerRecord, args, ctx) => page(ctx, [c.defaultAddress], args),
    orders: (c: CustomerRecord, args, ctx) => page(ctx, list(ctx, "Order").filter((o) => o.customerId === c.id), args),
    numberOfOrders: (c: CustomerRecord, _a, ctx) => String(list(ctx, "Order").filter((o) => o.customerId === c.id).length),
    lastOrder: (c: CustomerRecord, _a, ctx) => list(ctx, "Order").filter((o) => o.customerId === c.id).at(-1) ?? null,
    amountSpent: (c: CustomerRecord, _a, ctx) =>
      moneyV2(fromCents(list(ctx, "Order").filter((o) => o.customerId === c.id).reduce((s, o) => s + orderTotalCents(ctx.store, ctx.shop, o), 0)), currency(ctx)),
    defaultEmailAddress: (c: CustomerRecord) => ({ emailAddress: c.email, marketingState: "NOT_SUBSCRIBED" }),
    state: () => "ENABLED",
  },
  Order: {
    legacyResourceId: (o: OrderRecord) => String(legacyId(o.id)),
    subtotalPriceSet: (o: OrderRecord, _a, ctx) => bag(ctx, orderSubtotalCents(ctx.store, ctx.shop, o)),
    currentSubtotalPriceSet: (o: OrderRecord, _a, ctx) => bag(ctx, orderSubtotalCents(ctx.store, ctx.shop, o)),
    subtotalPrice: (o: OrderRecord, _a, ctx) => fromCents(orderSubtotalCents(ctx.store, ctx.shop, o)),
    totalShippingPriceSet: (o: OrderRecord, _a, ctx) => bag(ctx, orderShippingCents(ctx.store, ctx.shop, o)),
    currentShippingPriceSet: (o: OrderRecord, _a, ctx) => bag(ctx, orderShippingCents(ctx.store, ctx.shop, o)),
    totalShippingPrice: (o: OrderRecord, _a, ctx) => fromCents(orderShippingCents(ctx.store, ctx.shop, o)),
    totalPriceSet: (o: OrderRecord, _a, ctx) => bag(ctx, orderTotalCents(ctx.store, ctx.shop, o)),
    currentTotalPriceSet: (o: OrderRecord, _a, ctx) => bag(ctx, orderTotalCents(ctx.store, ctx.shop, o)),
    originalTotalPriceSet: (o: OrderRecord, _a, ctx) => bag(ctx, orderTotalCents(ctx.store, ctx.shop, o)),
    totalPrice: (o: OrderRecord, _a, ctx) => fromCents(orderTotalCents(ctx.store, ctx.shop, o)),
    totalTaxSet: (o: OrderRecord, _a, ctx) => bag(ctx, toCents(o.totalTax)),
    currentTotalTaxSet: (o: OrderRecord, _a, ctx) => bag(ctx, toCents(o.totalTax)),
    totalTax: (o: OrderRecord) => o.totalTax,
    totalDiscountsSet: (o: OrderRecord, _a, ctx) => bag(ctx, toCents(o.totalDiscounts)),
    currentTotalDiscountsSet: (o: OrderRecord, _a, ctx) => bag(ctx, toCents(o.totalDiscounts)),
    totalDiscounts: (o: OrderRecord) => o.totalDiscounts,
    totalWeight: (o: OrderRecord, _a, ctx) => String(orderWeightGrams(ctx.store, ctx.shop, o)),
    currentTotalWeight: (o: OrderRecord, _a, ctx) => String(orderWeightGrams(ctx.store, ctx.shop, o)),
    subtotalLineItemsQuantity: (o: OrderRecord, _a, ctx) => lineItemsOf(ctx.store, ctx.shop, o).reduce((s, i) => s + i.quantity, 0),
    currentSubtotalLineItemsQuantity: (o: OrderRecord, _a, ctx) => lineItemsOf(ctx.store, ctx.shop, o).reduce((s, i) => s + i.quantity, 0),
    shippingLine: (o: OrderRecord, _a, ctx) => get(ctx, o.shippingLineIds[0], "ShippingLine") ?? null,
    displayFulfillmentStatus: (o: OrderRecord, _a, ctx) => (o.cancelledAt ? o.displayFulfillmentStatus : deriveFulfillmentStatus(ctx.store, ctx.shop, o)),
    fulfillmentOrders: (o: OrderRecord, args, ctx) => page(ctx, groupedBy(ctx.store, ctx.shop, "FulfillmentOrder", "orderId").get(o.id) ?? [], args),
    fulfillments: (o: OrderRecord, args: { first?: number }, ctx) =>
      list(ctx, "Fulfillment").filter((f) => f.orderId === o.id).slice(0, args.first ?? undefined),
    returns: (o: OrderRecord, args, ctx) => page(ctx, list(ctx, "Return").filter((r) => r.orderId === o.id), args),
    refunds: (o: OrderRecord, args: { first?: number }, ctx) => list(ctx, "Refund").filter((r) => r.orderId === o.id).slice(0, args.first ?? undefined),
    transactions: (o: OrderRecord, _a, ctx) => [{
      __typename: "OrderTransaction", id: saleTransactionId(o.id), kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", test: true,
      createdAt: o.createdAt, processedAt: o.createdAt, amountSet: bag(ctx, orderTotalCents(ctx.store, ctx.shop, o)),
    }],
    closed: (o: OrderRecord) => !!o.closedAt,
    fullyPaid: (o: OrderRecord) => ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(o.displayFinancialStatus),
    unpaid: (o: OrderRecord) => ["PENDING", "AUTHORIZED"].includes(o.displayFinancialStatus),
    requiresShipping: (o: OrderRecord, _a, ctx) => lineItemsOf(ctx.store, ctx.shop, o).some((i) => i.requiresShipping),
    fulfillable: (o: OrderRecord, _a, ctx) => !o.cancelledAt && deriveFulfillmentStatus(ctx.store, ctx.shop, o) !== "FULFILLED",
    displayAddress: (o: OrderRecord) => o.shippingAddress ?? o.billingAddress,
    confirmed: () => true,
    returnStatus: (o: OrderRecord, _a, ctx) => {
      const returns = list(ctx, "Return").filter((r) => r.orderId === o.id);
      if (returns.some((r) => r.status === "REQUESTED")) return "RETURN_REQUESTED";
      if (returns.some((r) => r.status === "OPEN")) return "IN_PROGRESS";
      if (returns.some((r) => r.status === "CLOSED")) return "RETURNED";
      return "NO_RETURN";
    },
    paymentGatewayNames: () => ["shopify_payments"],
    statusPageUrl: (o: OrderRecord, _a, ctx) => `https://${ctx.shop}/orders/${legacyId(o.id)}/authenticate`,
  },
  LineItem: {
    originalUnitPriceSet: (i: LineItemRecord, _a, ctx) => bag(ctx, toCents(i.unitPrice)),
    discountedUnitPriceSet: (i: LineItemRecord, _a, ctx) => bag(ctx, toCents(i.unitPrice)),
    discountedUnitPriceAfterAllDiscountsSet: (i: LineItemRecord, _a, ctx) => bag(ctx, toCents(i.unitPrice)),
    originalUnitPrice: (i: LineItemRecord) => i.unitPrice,
    discountedUnitPrice: (i: LineItemRecord) => i.unitPrice,
    originalTotalSet: (i: LineItemRecord, _a, ctx) => bag(ctx, toCents(i.unitPrice) * i.quantity),
    discountedTotalSet: (i: LineItemRecord, _a, ctx) => bag(ctx, toCents(i.unitPrice) * i.quantity),
    originalTotal: (i: LineItemRecord) => fromCents(toCents(i.unitPrice) * i.quantity),
    discountedTotal: (i: LineItemRecord) => fromCents(toCents(i.unitPrice) * i.quantity),
    totalDiscountSet: (_i, _a, ctx) => bag(ctx, 0),
    currentQuantity: (i: LineItemRecord) => i.quantity,
    fulfillableQuantity: (i: LineItemRecord, _a, ctx) => Math.max(0, i.quantity - fulfilledQuantity(ctx.store, ctx.shop, i.id)),
    unfulfilledQuantity: (i: LineItemRecord, _a, ctx) => Math.max(0, i.quantity - fulfilledQuantity(ctx.store, ctx.shop, i.id)),
    refundableQuantity: (i: LineItemRecord) => i.quantity,
    fulfillmentStatus: (i: LineItemRecord, _a, ctx) => {
      const done = fulfilledQuantity(ctx.store, ctx.shop, i.id);
      return done >= i.quantity ? "fulfilled" : done > 0 ? "partial" : "unfulfilled";
    },
    weight: (i: LineItemRecord) => gramsToWeight(i.grams),
  },
  ShippingLine: {
    originalPriceSet: (s: ShippingLineRecord, _a, ctx) => bag(ctx, toCents(s.price)),
    discountedPriceSet: (s: ShippingLineRecord, _a, ctx) => bag(ctx, toCents(s.price)),
    currentDiscountedPriceSet: (s: ShippingLineRecord, _a, ctx) => bag(ctx, toCents(s.price)),
    originalPrice: (s: ShippingLineRecord, _a, ctx) => moneyV2(s.price, currency(ctx)),
    discountedPrice: (s: ShippingLineRecord, _a, ctx) => moneyV2(s.price, currency(ctx)),
    custom: () => false,
    isRemoved: () => false,
  },
  FulfillmentOrder: {
    orderName: (fo: FulfillmentOrderRecord, _a, ctx) => get(ctx, fo.orderId, "Order")?.name,
    orderProcessedAt: (fo: FulfillmentOrderRecord, _a, ctx) => get(ctx, fo.orderId, "Order")?.processedAt,
    assignedLocation: (fo: FulfillmentOrderRecord, _a, ctx) => {
      const location = get(ctx, fo.assignedLocationId, "Location")!;
      return { ...location.address, name: location.name, location };
    },
    destination: (fo: FulfillmentOrderRecord, _a, ctx) => {
      const order = get(ctx, fo.orderId, "Order");
      const address = order?.shippingAddress;
      return address ? { ...address, __typename: "FulfillmentOrderDestination", id: address.id.replace("MailingAddress", "FulfillmentOrderDestination"), email: order.email } : null;
    },
    supportedActions: (fo: FulfillmentOrderRecord) =>
      fo.status === "CLOSED" || fo.status === "CANCELLED" ? [] : [{ action: "CREATE_FULFILLMENT", externalUrl: null }, { action: "MOVE", externalUrl: null }],
    fulfillmentHolds: () => [],
    deliveryMethod: (fo: FulfillmentOrderRecord) => ({ id: fo.id.replace("FulfillmentOrder", "DeliveryMethod"), methodType: "SHIPPING" }),
    fulfillAt: (fo: FulfillmentOrderRecord) => fo.createdAt,
    remainingLineItemsWeight: (fo: FulfillmentOrderRecord, _a, ctx) =>
      gramsToWeight(fo.lineItemIds.reduce((sum, id) => {
        const foli = get(ctx, id, "FulfillmentOrderLineItem");
        return sum + (foli ? lineItemOf(ctx, foli).grams * foli.remainingQuantity : 0);
      }, 0)),
  },
  FulfillmentOrderLineItem: {
    sku: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => lineItemOf(ctx, foli).sku,
    variant: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => get(ctx, lineItemOf(ctx, foli).variantId, "ProductVariant") ?? null,
    productTitle: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => lineItemOf(ctx, foli).title,
    variantTitle: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => lineItemOf(ctx, foli).variantTitle,
    vendor: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => lineItemOf(ctx, foli).vendor,
    requiresShipping: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => lineItemOf(ctx, foli).requiresShipping,
    inventoryItemId: (foli: FulfillmentOrderLineItemRecord, _a, ctx) =>
      get(ctx, lineItemOf(ctx, foli).variantId, "ProductVariant")?.inventoryItemId ?? null,
    weight: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => gramsToWeight(lineItemOf(ctx, foli).grams),
    originalUnitPriceSet: (foli: FulfillmentOrderLineItemRecord, _a, ctx) => bag(ctx, toCents(lineItemOf(ctx, foli).unitPrice)),
    warnings: () => [],
    financialSummaries: () => [],
  },
  Fulfillment: {
    trackingInfo: (f: FulfillmentRecord, args: { first?: number }) => f.trackingInfo.slice(0, args.first ?? undefined),
    totalQuantity: (f: FulfillmentRecord, _a, ctx) =>
      f.fulfillmentLineItemIds.reduce((sum, id) => sum + (get(ctx, id, "FulfillmentLineItem")?.quantity ?? 0), 0),
    requiresShipping: () => true,
    events: (_f, args, ctx) => page(ctx, [], args),
  },
  FulfillmentLineItem: {
    originalTotalSet: (fli: { lineItemId: string; quantity: number }, _a, ctx) => bag(ctx, toCents(lineItemOf(ctx, fli).unitPrice) * fli.quantity),
    discountedTotalSet: (fli: { lineItemId: string; quantity: number }, _a, ctx) => bag(ctx, toCents(lineItemOf(ctx, fli).unitPrice) * fli.quantity),
  },
  Return: {
    totalQuantity: (r: RecordOf<"Return">, _a, ctx) => r.returnLineItemIds.reduce((s, id) => s + (get(ctx, id, "ReturnLineItem")?.quantity ?? 0), 0),
    refunds: (r: RecordOf<"Return">, args, ctx) => page(ctx, list(ctx, "Refund").filter((f) => f.returnId === r.id), args),
  },
  ReturnLineItem: {
    processableQuantity: (r: RecordOf<"ReturnLineItem">) => r.quantity - (r.processedQuantity ?? 0),
    unprocessedQuantity: (r: RecordOf<"ReturnLineItem">) => r.quantity - (r.processedQuantity ?? 0),
    processedQuantity: (r: RecordOf<"ReturnLineItem">) => r.processedQuantity ?? 0,
    refundableQuantity: (r: RecordOf<"ReturnLineItem">) => r.quantity,
    refundedQuantity: () => 0,
  },
  Refund: {
    totalRefundedSet: (r: RecordOf<"Refund">, _a, ctx) => bag(ctx, r.amountCents),
    totalRefunded: (r: RecordOf<"Refund">, _a, ctx) => ({ amount: fromCents(r.amountCents), currencyCode: currency(ctx) }),
    processedAt: (r: RecordOf<"Refund">) => r.createdAt,
    updatedAt: (r: RecordOf<"Refund">) => r.createdAt,
    order: (r: RecordOf<"Refund">, _a, ctx) => get(ctx, r.orderId, "Order"),
    return: (r: RecordOf<"Refund">, _a, ctx) => get(ctx, r.returnId, "Return") ?? null,
  },
  ReverseFulfillmentOrderLineItem: {
    dispositions: (l: RecordOf<"ReverseFulfillmentOrderLineItem">, _a, ctx) => (l.dispositions ?? []).map((d) => ({
      __typename: "ReverseFulfillmentOrderDisposition", id: d.id, type: d.type, quantity: d.quantity, createdAt: ctx.store.now().toISOString(), location: get(ctx, d.locationId, "Location") ?? null,
    })),
  },
  ReverseDelivery: {
    reverseDeliveryLineItems: (d: RecordOf<"ReverseDelivery">, args, ctx) =>
      page(ctx, d.lineItems.map((li, index) => ({
        __typename: "ReverseDeliveryLineItem", id: `${d.id.replace("ReverseDelivery", "ReverseDeliveryLineItem")}${index}`,
        quantity: li.quantity, reverseFulfillmentOrderLineItem: get(ctx, li.reverseFulfillmentOrderLineItemId),
      })), args),
    deliverable: (d: RecordOf<"ReverseDelivery">) => ({
      __typename: "ReverseDeliveryShippingDeliverable",
      tracking: d.tracking,
      label: d.labelFileUrl ? { publicFileUrl: d.labelFileUrl, createdAt: d.createdAt, updatedAt: d.createdAt } : null,
    }),
  },
  WebhookSubscription: {
    callbackUrl: (w: RecordOf<"WebhookSubscription">) => w.uri,
    endpoint: (w: RecordOf<"WebhookSubscription">) => ({ __typename: "WebhookHttpEndpoint", callbackUrl: w.uri }),
  },
};

function availableOf(ctx: AdminContext, inventoryItemId: string): number {
  return list(ctx, "InventoryLevel").filter((l) => l.inventoryItemId === inventoryItemId).reduce((s, l) => s + levelQuantity(l, "available"), 0);
}

const SCALAR_MOCKS: Record<string, unknown> = {
  String: "", ID: "gid://shopify/Unknown/0", Int: 0, Float: 0, Boolean: false, BigInt: "0", Decimal: "0.0", Money: "0.0",
  UnsignedInt64: "0", DateTime: "1970-01-01T00:00:00Z", Date: "1970-01-01", URL: "https://example.invalid/", HTML: "",
  JSON: {}, FormattedString: "", Color: "#000000", UtcOffset: "+00:00", StorefrontID: "", ARN: "",
};

/**
 * A value for a field the emulator does not model: null where the schema allows it, otherwise
 * an empty value of the right type, so documents still run and the app sees a schema-shaped answer.
 */
export function emptyValueFor(type: GraphQLOutputType, ctx: AdminContext): unknown {
  if (!isNonNullType(type)) return null;
  const inner = type.ofType;
  if (isListType(inner)) return [];
  const named = getNamedType(inner);
  if (named instanceof GraphQLScalarType) return SCALAR_MOCKS[named.name] ?? "";
  if (named instanceof GraphQLEnumType) return named.getValues()[0]?.value ?? null;
  if (named.name.endsWith("Connection")) return page(ctx, [], { first: 0 });
  if (isAbstractType(named)) {
    return { __typename: adminSchema().getPossibleTypes(named)[0]?.name, __empty: true };
  }
  return { __typename: named.name, __empty: true };
}

function singular(field: string): string {
  if (field.endsWith("ies")) return `${field.slice(0, -3)}y`;
  if (field.endsWith("s")) return field.slice(0, -1);
  return field;
}

/**
 * One resolver for every field: the type's own resolver if there is one, then the record's
 * property, then a generic link (`fooId` -> the object, `fooIds` -> a list or connection),
 * then an empty value of the schema's type.
 */
export const fieldResolver: GraphQLFieldResolver<any, AdminContext> = (source, args, ctx, info) => {
  const own = typeResolvers[info.parentType.name]?.[info.fieldName];
  if (own) return own(source, args, ctx, info);
  if (source === null || typeof source !== "object") return null;
  const value = (source as Record<string, unknown>)[info.fieldName];
  if (value !== undefined) return typeof value === "function" ? (value as Function).call(source, args, ctx, info) : value;
  const returnType = getNamedType(info.returnType);
  if (!(returnType instanceof GraphQLScalarType) && !(returnType instanceof GraphQLEnumType)) {
    const linkId = (source as Record<string, unknown>)[`${info.fieldName}Id`];
    if (typeof linkId === "string" || linkId === null) return (linkId && get(ctx, linkId)) ?? emptyValueFor(info.returnType, ctx);
    const linkIds = (source as Record<string, unknown>)[`${singular(info.fieldName)}Ids`];
    if (Array.isArray(linkIds)) {
      const records = linkIds.map((id: string) => get(ctx, id)).filter((r): r is AnyRecord => !!r);
      return returnType.name.endsWith("Connection") ? page(ctx, records, args as ConnectionArgs) : records;
    }
  }
  if (info.fieldName === "legacyResourceId" && typeof (source as { id?: unknown }).id === "string") {
    return String(legacyId((source as { id: string }).id));
  }
  return emptyValueFor(info.returnType, ctx);
};

export const typeResolver: GraphQLTypeResolver<any, AdminContext> = (value) =>
  (value as { __typename?: string }).__typename ?? parseGid(String((value as { id?: string }).id ?? ""))?.type;
