import type { PrismaClient, Warehouse } from "@prisma/client";
import type { ShippingAddress } from "~/engine/carriers";
import type { CommercialInvoice } from "~/engine/customs/invoice";
import { customsTerritory } from "~/engine/routing/duties";
import type { PlannedShipment } from "~/engine/routing/model";
import type { LabelCarrier } from "~/integrations/carriers/sandbox-outbound/adapter";
import { renderCommercialInvoice } from "~/integrations/documents/commercial-invoice.server";
import { userErrorMessages, type UserError } from "./admin-graphql.server";

/** Admin GraphQL: returns `data`, throws on transport or top-level errors (the shared client's AdminGraphql fits). */
export type Gql = <T = unknown>(query: string, variables?: Record<string, unknown>) => Promise<T>;
type Db = Pick<PrismaClient, "warehouse" | "routingDecision" | "fulfillmentStep" | "fulfillmentDocument">;

export const FULFILLMENT_SERVICE_CREATE = `#graphql
  mutation BorderlessFulfillmentServiceCreate($name: String!, $callbackUrl: URL) {
    fulfillmentServiceCreate(name: $name, callbackUrl: $callbackUrl, inventoryManagement: false, trackingSupport: true, requiresShippingMethod: true) {
      fulfillmentService { id serviceName location { id } }
      userErrors { field message }
    }
  }
`;

export const ORDER_FULFILLMENT_ORDERS = `#graphql
  query BorderlessOrderFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      name
      currencyCode
      createdAt
      shippingLine { title code }
      shippingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
      fulfillmentOrders(first: 20) {
        nodes {
          id
          status
          requestStatus
          assignedLocation { location { id } }
          fulfillments(first: 10) { nodes { id trackingInfo { number company url } } }
          lineItems(first: 50) {
            nodes {
              id
              remainingQuantity
              lineItem {
                sku
                name
                originalUnitPriceSet { shopMoney { amount currencyCode } }
                variant { inventoryItem { id harmonizedSystemCode countryCodeOfOrigin measurement { weight { unit value } } } }
              }
            }
          }
        }
      }
    }
  }
`;

export const INVENTORY_ACTIVATE = `#graphql
  mutation BorderlessInventoryActivate($inventoryItemId: ID!, $locationId: ID!) {
    inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId) {
      inventoryLevel { id }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_ORDER_MOVE = `#graphql
  mutation BorderlessFulfillmentOrderMove($id: ID!, $newLocationId: ID!, $fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]) {
    fulfillmentOrderMove(id: $id, newLocationId: $newLocationId, fulfillmentOrderLineItems: $fulfillmentOrderLineItems) {
      movedFulfillmentOrder { id }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_REQUEST_SUBMIT = `#graphql
  mutation BorderlessFulfillmentRequestSubmit($id: ID!, $message: String) {
    fulfillmentOrderSubmitFulfillmentRequest(id: $id, message: $message, notifyCustomer: false) {
      submittedFulfillmentOrder { id requestStatus }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_REQUEST_ACCEPT = `#graphql
  mutation BorderlessFulfillmentRequestAccept($id: ID!, $message: String) {
    fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_REQUEST_REJECT = `#graphql
  mutation BorderlessFulfillmentRequestReject($id: ID!, $message: String) {
    fulfillmentOrderRejectFulfillmentRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_CREATE = `#graphql
  mutation BorderlessFulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id status trackingInfo { number company url } }
      userErrors { field message }
    }
  }
`;

export interface FoNode {
  id: string; status: string; requestStatus: string;
  assignedLocation: { location: { id: string } | null } | null;
  fulfillments: { nodes: { id: string; trackingInfo: { number: string | null; company: string | null; url: string | null }[] }[] };
  lineItems: { nodes: {
    id: string; remainingQuantity: number;
    lineItem: { sku: string | null; name: string; originalUnitPriceSet: { shopMoney: { amount: string; currencyCode: string } };
      variant: { inventoryItem: { id: string; harmonizedSystemCode: string | null; countryCodeOfOrigin: string | null; measurement: { weight: { unit: string; value: number } | null } | null } } | null };
  }[] };
}
export interface OrderNode {
  id: string; name: string; currencyCode: string; createdAt: string; shippingLine: { title: string; code: string | null } | null;
  shippingAddress: { name: string | null; company: string | null; address1: string | null; address2: string | null; city: string | null; provinceCode: string | null; zip: string | null; countryCodeV2: string | null; phone: string | null } | null;
  fulfillmentOrders: { nodes: FoNode[] };
}

/** A failure a person must act on (Shopify refused, nothing routed); `status` is the HTTP status a route answers with. */
export class FulfillmentFlowError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "FulfillmentFlowError";
  }
}

function refuse(what: string, errors: UserError[]): never {
  throw new FulfillmentFlowError(422, `Shopify refused to ${what}: ${userErrorMessages(errors)}`);
}

// ---------------------------------------------------------------------------------------------
// Steps: each side effect runs once per (shop, order, step); a retry finds it done and reuses
// what it produced.

export async function step<T>(db: Pick<PrismaClient, "fulfillmentStep">, shop: string, orderShopifyId: string, name: string, run: () => Promise<T>): Promise<T> {
  const key = { shop_orderShopifyId_step: { shop, orderShopifyId, step: name } };
  const existing = await db.fulfillmentStep.findUnique({ where: key });
  if (existing?.status === "done") return JSON.parse(existing.result ?? "null") as T;
  await db.fulfillmentStep.upsert({
    where: key,
    create: { shop, orderShopifyId, step: name, status: "running", attempts: 1 },
    update: { status: "running", attempts: { increment: 1 }, error: null },
  });
  try {
    const result = await run();
    await db.fulfillmentStep.update({ where: key, data: { status: "done", result: JSON.stringify(result ?? null) } });
    return result;
  } catch (error) {
    await db.fulfillmentStep.update({ where: key, data: { status: "failed", error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

/** Registers the app as the fulfillment service of a warehouse, once; Shopify creates a location for it. */
export async function ensureFulfillmentService(db: Db, graphql: Gql, shop: string, warehouse: Warehouse, callbackUrl?: string): Promise<Warehouse> {
  if (warehouse.fulfillmentServiceId && warehouse.fulfillmentServiceLocationId) return warehouse;
  const data = await graphql<{ fulfillmentServiceCreate: { fulfillmentService: { id: string; location: { id: string } | null } | null; userErrors: UserError[] } }>(
    FULFILLMENT_SERVICE_CREATE, { name: `Borderless - ${warehouse.name}`, ...(callbackUrl ? { callbackUrl } : {}) },
  );
  const created = data.fulfillmentServiceCreate.fulfillmentService;
  if (!created?.location) refuse(`register the fulfillment service for ${warehouse.name}`, data.fulfillmentServiceCreate.userErrors);
  return db.warehouse.update({ where: { id: warehouse.id }, data: { fulfillmentServiceId: created.id, fulfillmentServiceLocationId: created.location.id } });
}

export interface FulfillDeps {
  readonly db: Db;
  readonly graphql: Gql;
  readonly shop: string;
  readonly carrier: LabelCarrier;
  readonly today: string;
  /** The merchant as the invoice's seller. */
  readonly seller: { name: string; taxId?: string; eori?: string };
}

export interface FulfilledShipment {
  readonly warehouseCode: string;
  readonly fulfillmentOrderId: string;
  readonly trackingNumber: string;
  readonly fulfillmentId: string;
  readonly invoice: boolean;
}

export async function loadOrder(graphql: Gql, id: string): Promise<OrderNode> {
  const data = await graphql<{ order: OrderNode | null }>(ORDER_FULFILLMENT_ORDERS, { id });
  if (!data.order) throw new FulfillmentFlowError(404, `Shopify has no order ${id}`);
  return data.order;
}

const minor = (amount: string) => Math.round(Number(amount) * 100);
const gramsOf = (w: { unit: string; value: number } | null | undefined) =>
  !w ? 0 : Math.round(w.value * ({ GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 }[w.unit] ?? 1));
const OPEN = new Set(["OPEN", "IN_PROGRESS", "SCHEDULED"]);

/**
 * Move, request and accept, each once per (shop, order, step): the open fulfillment order holding
 * `planned`'s lines ends up accepted at the warehouse's fulfillment-service location (moved there
 * first when it is elsewhere). Our own flow and the 3PL hand-over both go through here, under the
 * same step names. Returns the fulfillment order's id.
 */
export async function acceptAtServiceLocation(
  deps: { db: Pick<PrismaClient, "fulfillmentStep">; graphql: Gql; shop: string },
  orderShopifyId: string, warehouse: Warehouse, planned: PlannedShipment, reason: string,
): Promise<string> {
  const { db, graphql, shop } = deps;
  const target = warehouse.fulfillmentServiceLocationId!;
  const skus = new Set(planned.lines.map((l) => l.sku));
  const foId = await step(db, shop, orderShopifyId, `move:${warehouse.code}`, async () => {
    const order = await loadOrder(graphql, orderShopifyId);
    const holds = (fo: FoNode) => fo.lineItems.nodes.some((l) => l.remainingQuantity > 0 && l.lineItem.sku && skus.has(l.lineItem.sku));
    const here = order.fulfillmentOrders.nodes.find((fo) => OPEN.has(fo.status) && fo.assignedLocation?.location?.id === target && holds(fo));
    if (here) return here.id;
    const source = order.fulfillmentOrders.nodes.find((fo) => OPEN.has(fo.status) && holds(fo));
    if (!source) throw new FulfillmentFlowError(409, `No open fulfillment order of ${order.name} holds ${[...skus].join(", ")}`);
    // A service location ships only what it stocks: start tracking the items there first.
    for (const l of source.lineItems.nodes) {
      const item = l.lineItem.variant?.inventoryItem.id;
      if (!item || !l.lineItem.sku || !skus.has(l.lineItem.sku)) continue;
      const r = await graphql<{ inventoryActivate: { userErrors: UserError[] } }>(INVENTORY_ACTIVATE, { inventoryItemId: item, locationId: target });
      if (r.inventoryActivate.userErrors.length) refuse(`stock ${l.lineItem.sku} at ${warehouse.name}`, r.inventoryActivate.userErrors);
    }
    const others = source.lineItems.nodes.filter((l) => l.remainingQuantity > 0 && !(l.lineItem.sku && skus.has(l.lineItem.sku)));
    const moved = await graphql<{ fulfillmentOrderMove: { movedFulfillmentOrder: { id: string } | null; userErrors: UserError[] } }>(FULFILLMENT_ORDER_MOVE, {
      id: source.id, newLocationId: target,
      // Only this shipment's lines when the fulfillment order holds others too (a split).
      ...(others.length ? { fulfillmentOrderLineItems: source.lineItems.nodes.filter((l) => l.lineItem.sku && skus.has(l.lineItem.sku)).map((l) => ({ id: l.id, quantity: l.remainingQuantity })) } : {}),
    });
    const m = moved.fulfillmentOrderMove;
    if (!m.movedFulfillmentOrder) refuse(`move ${order.name} to ${warehouse.name}`, m.userErrors);
    return m.movedFulfillmentOrder.id;
  });

  await step(db, shop, orderShopifyId, `request:${foId}`, async () => {
    const fo = (await loadOrder(graphql, orderShopifyId)).fulfillmentOrders.nodes.find((f) => f.id === foId);
    if (fo && ["SUBMITTED", "ACCEPTED"].includes(fo.requestStatus)) return { requestStatus: fo.requestStatus };
    const r = await graphql<{ fulfillmentOrderSubmitFulfillmentRequest: { submittedFulfillmentOrder: { requestStatus: string } | null; userErrors: UserError[] } }>(
      FULFILLMENT_REQUEST_SUBMIT, { id: foId, message: `Routed to ${warehouse.name}: ${reason}`.slice(0, 250) },
    );
    if (!r.fulfillmentOrderSubmitFulfillmentRequest.submittedFulfillmentOrder) refuse("submit the fulfillment request", r.fulfillmentOrderSubmitFulfillmentRequest.userErrors);
    return { requestStatus: "SUBMITTED" };
  });

  await step(db, shop, orderShopifyId, `accept:${foId}`, async () => {
    const fo = (await loadOrder(graphql, orderShopifyId)).fulfillmentOrders.nodes.find((f) => f.id === foId);
    if (fo?.requestStatus === "ACCEPTED") return { requestStatus: "ACCEPTED" };
    const r = await graphql<{ fulfillmentOrderAcceptFulfillmentRequest: { fulfillmentOrder: { requestStatus: string } | null; userErrors: UserError[] } }>(
      FULFILLMENT_REQUEST_ACCEPT, { id: foId, message: `Accepted by ${warehouse.name}` },
    );
    if (!r.fulfillmentOrderAcceptFulfillmentRequest.fulfillmentOrder) refuse("accept the fulfillment request", r.fulfillmentOrderAcceptFulfillmentRequest.userErrors);
    return { requestStatus: "ACCEPTED" };
  });
  return foId;
}

/**
 * Ships an order the way its current routing decision says: per shipment, move the fulfillment
 * order to the warehouse's fulfillment-service location (when it is elsewhere and Shopify allows
 * the move), submit and accept the fulfillment request, buy the label, attach the commercial
 * invoice when the parcel crosses a customs border, and create the fulfillment with tracking.
 * Safe to call again after any failure: finished steps are reused, never repeated.
 */
export async function fulfilOrder(deps: FulfillDeps, orderShopifyId: string): Promise<FulfilledShipment[]> {
  const { db, graphql, shop } = deps;
  const decision = await db.routingDecision.findFirst({ where: { shop, orderShopifyId, current: true } });
  if (!decision) throw new FulfillmentFlowError(409, "The order has not been routed yet");
  if (decision.status !== "routed") throw new FulfillmentFlowError(409, `The order could not be routed: ${decision.reason}`);
  const shipments = JSON.parse(decision.shipments) as PlannedShipment[];
  const out: FulfilledShipment[] = [];

  for (const planned of shipments) {
    let warehouse = await db.warehouse.findUnique({ where: { shop_code: { shop, code: planned.warehouseId } } });
    if (!warehouse) throw new FulfillmentFlowError(409, `Warehouse ${planned.warehouseId} no longer exists; re-route the order`);
    warehouse = await ensureFulfillmentService(db, graphql, shop, warehouse);
    const foId = await acceptAtServiceLocation(deps, orderShopifyId, warehouse, planned, decision.reason);

    const order = await loadOrder(graphql, orderShopifyId);
    const fo = order.fulfillmentOrders.nodes.find((f) => f.id === foId);
    if (!fo) throw new FulfillmentFlowError(409, `Fulfillment order ${foId} is gone from ${order.name}`);
    const address = order.shippingAddress;
    if (!address?.countryCodeV2) throw new FulfillmentFlowError(422, `${order.name} has no shipping address`);
    const recipient: ShippingAddress = {
      name: address.name ?? undefined, company: address.company ?? undefined, lines: [address.address1, address.address2].filter((x): x is string => !!x),
      city: address.city ?? "", province: address.provinceCode ?? undefined, postcode: address.zip ?? "", country: address.countryCodeV2, phone: address.phone ?? undefined,
    };
    const shipper: ShippingAddress = { name: warehouse.name, company: deps.seller.name, lines: [warehouse.address1].filter(Boolean), city: warehouse.city, postcode: warehouse.postcode, country: warehouse.countryCode };
    const lines = fo.lineItems.nodes.filter((l) => l.remainingQuantity > 0).map((l) => ({
      description: l.lineItem.name, hsCode: l.lineItem.variant?.inventoryItem.harmonizedSystemCode ?? "", originCountry: l.lineItem.variant?.inventoryItem.countryCodeOfOrigin ?? warehouse!.countryCode,
      quantity: l.remainingQuantity, value: minor(l.lineItem.originalUnitPriceSet.shopMoney.amount), weight: gramsOf(l.lineItem.variant?.inventoryItem.measurement?.weight),
    }));
    const currency = order.currencyCode;
    const grams = lines.reduce((g, l) => g + l.weight * l.quantity, 0) + 150;
    const crossesBorder = customsTerritory(warehouse.countryCode) !== customsTerritory(recipient.country);

    const label = await step(db, shop, orderShopifyId, `label:${foId}`, async () => {
      const reference = `${shop}/${orderShopifyId}/${foId}`;
      const result = await deps.carrier.createShipment({
        shipper, recipient, packages: [{ weight: grams }], shipDate: deps.today, incoterm: "DAP", serviceCode: planned.serviceCode, reference,
        declaredValue: { amount: lines.reduce((a, l) => a + l.value * l.quantity, 0), currency },
        contents: lines.map((l) => ({ description: l.description, hsCode: l.hsCode, originCountry: l.originCountry, quantity: l.quantity, value: { amount: l.value, currency }, weight: l.weight })),
      });
      if (!result.data?.content) throw new FulfillmentFlowError(502, `The carrier issued no label: ${result.messages.map((m) => m.message).join("; ") || "no reason given"}`);
      await db.fulfillmentDocument.upsert({
        where: { shop_orderShopifyId_kind_reference: { shop, orderShopifyId, kind: "label", reference: foId } },
        create: { shop, orderShopifyId, kind: "label", reference: foId, trackingNumber: result.data.trackingNumber, carrierId: deps.carrier.carrierId, content: Buffer.from(result.data.content, "base64") },
        update: { trackingNumber: result.data.trackingNumber, carrierId: deps.carrier.carrierId, content: Buffer.from(result.data.content, "base64"), voidedAt: null },
      });
      return { trackingNumber: result.data.trackingNumber, carrierId: deps.carrier.carrierId };
    });

    const invoice = await step(db, shop, orderShopifyId, `invoice:${foId}`, async () => {
      if (!crossesBorder) return { attached: false, why: `no customs border between ${warehouse!.countryCode} and ${recipient.country}` };
      const inv: CommercialInvoice = {
        invoiceNumber: `${order.name.replace("#", "")}-${planned.warehouseId}`, date: deps.today, reason: "sale",
        shipper: { name: deps.seller.name, address: [warehouse!.address1, `${warehouse!.postcode} ${warehouse!.city}`].filter((x) => x.trim()), country: warehouse!.countryCode, taxId: deps.seller.taxId, eori: deps.seller.eori },
        consignee: { name: recipient.name ?? order.name, address: [...recipient.lines, `${recipient.postcode} ${recipient.city}`], country: recipient.country, phone: recipient.phone },
        incoterm: "DAP", currency, airwayBill: label.trackingNumber, orderNumber: order.name,
        lines: lines.map((l) => ({ description: l.description, hsCode: l.hsCode, originCountry: l.originCountry, quantity: l.quantity, unitOfMeasure: "PCS", unitValue: { amount: l.value, currency }, netWeightGrams: l.weight })),
        packages: 1, grossWeightGrams: grams,
        charges: { freight: { amount: planned.cost.shipping, currency }, insurance: { amount: 0, currency } },
        signer: { name: deps.seller.name, title: "Shipping" },
      };
      const pdf = await renderCommercialInvoice(inv);
      await db.fulfillmentDocument.upsert({
        where: { shop_orderShopifyId_kind_reference: { shop, orderShopifyId, kind: "invoice", reference: foId } },
        create: { shop, orderShopifyId, kind: "invoice", reference: foId, trackingNumber: label.trackingNumber, content: Buffer.from(pdf) },
        update: { trackingNumber: label.trackingNumber, content: Buffer.from(pdf) },
      });
      return { attached: true };
    });

    const fulfillmentId = await step(db, shop, orderShopifyId, `fulfillment:${foId}`, async () => {
      // The fulfillment may exist already if Shopify created it but the answer was lost.
      const current = (await loadOrder(graphql, orderShopifyId)).fulfillmentOrders.nodes.find((f) => f.id === foId);
      const existing = current?.fulfillments.nodes.find((f) => f.trackingInfo.some((t) => t.number === label.trackingNumber));
      if (existing) return existing.id;
      const r = await graphql<{ fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: UserError[] } }>(FULFILLMENT_CREATE, {
        fulfillment: {
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId }],
          notifyCustomer: true,
          trackingInfo: { company: planned.carrierId === "dhl-express" ? "DHL Express" : planned.carrierId === "ups" ? "UPS" : "Other", number: label.trackingNumber },
        },
      });
      if (!r.fulfillmentCreate.fulfillment) {
        // Shopify will not take this shipment (order cancelled, held, closed): the label would
        // never travel, so cancel it rather than pay for it.
        const voided = await deps.carrier.voidLabel(label.trackingNumber);
        await db.fulfillmentDocument.updateMany({ where: { shop, orderShopifyId, kind: "label", reference: foId }, data: { voidedAt: new Date() } });
        await db.fulfillmentStep.update({ where: { shop_orderShopifyId_step: { shop, orderShopifyId, step: `label:${foId}` } }, data: { status: "undone", error: voided.voided ? "label voided: fulfillment refused" : `label could not be voided: ${voided.message}` } });
        refuse("create the fulfillment (label voided)", r.fulfillmentCreate.userErrors);
      }
      return r.fulfillmentCreate.fulfillment.id;
    });

    out.push({ warehouseCode: planned.warehouseId, fulfillmentOrderId: foId, trackingNumber: label.trackingNumber, fulfillmentId, invoice: invoice.attached });
  }
  return out;
}

export const CANCELLATION_ACCEPT = `#graphql
  mutation BorderlessCancellationAccept($id: ID!, $message: String) {
    fulfillmentOrderAcceptCancellationRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`;

export const CANCELLATION_REJECT = `#graphql
  mutation BorderlessCancellationReject($id: ID!, $message: String) {
    fulfillmentOrderRejectCancellationRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }
`;

/**
 * The warehouse's answer to a merchant's cancellation request: accepted, with the label voided
 * and the fulfillment order's steps undone so a later route starts clean; or rejected when the
 * parcel has left (fulfillment created) or the carrier will no longer void the label.
 */
export async function answerCancellationRequest(
  deps: Pick<FulfillDeps, "db" | "graphql" | "shop" | "carrier">, orderShopifyId: string, fulfillmentOrderId: string,
): Promise<{ accepted: boolean; message: string }> {
  const { db, graphql, shop } = deps;
  const steps = await db.fulfillmentStep.findMany({ where: { shop, orderShopifyId, step: { endsWith: `:${fulfillmentOrderId}` } } });
  const done = (name: string) => steps.find((s) => s.step === `${name}:${fulfillmentOrderId}` && s.status === "done");
  const answer = async (accept: boolean, message: string) => {
    const r = await graphql<Record<string, { fulfillmentOrder: { id: string } | null; userErrors: UserError[] }>>(accept ? CANCELLATION_ACCEPT : CANCELLATION_REJECT, { id: fulfillmentOrderId, message });
    const payload = Object.values(r)[0]!;
    if (!payload.fulfillmentOrder) refuse(`${accept ? "accept" : "reject"} the cancellation request`, payload.userErrors);
    return { accepted: accept, message };
  };
  const shipped = done("fulfillment");
  if (shipped) return answer(false, "Already shipped; the parcel is with the carrier");
  const label = done("label");
  if (label) {
    const { trackingNumber } = JSON.parse(label.result ?? "{}") as { trackingNumber: string };
    const voided = await deps.carrier.voidLabel(trackingNumber);
    if (!voided.voided) return answer(false, `Label ${trackingNumber} could not be cancelled: ${voided.message ?? "the carrier refused"}`);
    await db.fulfillmentDocument.updateMany({ where: { shop, orderShopifyId, kind: "label", reference: fulfillmentOrderId }, data: { voidedAt: new Date() } });
  }
  const undo = { status: "undone", error: "cancelled at the merchant's request" };
  await db.fulfillmentStep.updateMany({ where: { shop, orderShopifyId, step: { endsWith: `:${fulfillmentOrderId}` } }, data: undo });
  await db.fulfillmentStep.updateMany({ where: { shop, orderShopifyId, step: { startsWith: "move:" }, result: JSON.stringify(fulfillmentOrderId) }, data: undo });
  return answer(true, label ? "Cancelled; the label was voided" : "Cancelled before a label was bought");
}

/** The fulfillment service's answer when it cannot take a request (out of stock at the 3PL, address it cannot serve). */
export async function rejectFulfillmentRequest(graphql: Gql, fulfillmentOrderId: string, message: string): Promise<void> {
  const r = await graphql<{ fulfillmentOrderRejectFulfillmentRequest: { fulfillmentOrder: { id: string } | null; userErrors: UserError[] } }>(FULFILLMENT_REQUEST_REJECT, { id: fulfillmentOrderId, message });
  if (!r.fulfillmentOrderRejectFulfillmentRequest.fulfillmentOrder) refuse("reject the fulfillment request", r.fulfillmentOrderRejectFulfillmentRequest.userErrors);
}
