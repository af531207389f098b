import type { PrismaClient } from "@prisma/client";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { importRateCardCsv, type CarrierAdapter, type RateCard } from "~/engine/carriers";
import { lookupDuty, extraDutyFor } from "~/engine/customs/tariff";
import type { CommercialInvoice } from "~/engine/customs/invoice";
import { fromMajor, money, toMajorString, type FxTable, type Money } from "~/engine/money";
import {
  checkEligibility, checkRequest, createReturnLabelPricer, customsTerritory, policyFor, refundEstimate, routeReturn,
  ITEM_CONDITIONS, RETURN_REASONS, type ItemCondition, type OrderForReturn, type RequestedLine, type ReturnItem, type ReturnPolicy, type RoutingDecision, type StockPosition,
} from "~/engine/returns";
import { toGrams } from "~/engine/units";
import { createSandboxReturnCarrier } from "~/integrations/carriers/sandbox-returns/adapter";
import { renderCommercialInvoice } from "~/integrations/documents/commercial-invoice.server";
import {
  mutate, RETURN_APPROVE_MUTATION, RETURN_DECLINE_MUTATION, RETURN_DETAILS_QUERY, RETURN_ORDER_QUERY, RETURN_PROCESS_MUTATION, RETURN_REQUEST_MUTATION,
  REVERSE_DELIVERY_CREATE_MUTATION, ShopifyUserError, type AdminGraphql,
} from "~/integrations/shopify/returns.server";
import { loadSection301, loadTariff } from "~/integrations/customs/tables.server";
import type { ExtraDutyTable, TariffTable } from "~/engine/customs/tariff";
import { loadDestinations, loadPolicies, type DestinationRow } from "./settings.server";

/** A failure a person can act on, with the HTTP status the route answers. */
export class ReturnsError extends Error {
  constructor(readonly status: number, message: string, readonly problems: readonly { lineItemId: string | null; message: string }[] = []) {
    super(message);
    this.name = "ReturnsError";
  }
}

// Units until demand forecasts feed per-site targets: what a site should hold of a SKU it sells.
const DEFAULT_TARGET_UNITS = 12;
// Lithium batteries and electronics fall under take-back rules when broken (WEEE, Batteries Regulation).
const CONTROLLED_TYPES = new Set(["electronics"]);

// Resolved from the working directory (like the customs tables) so the built server finds it too,
// and read on first use, not at import.
const DATA = join(process.cwd(), "data");
let shipped: { cards: RateCard[]; fx: FxTable } | undefined;
let duties: { tariffs: Partial<Record<string, TariffTable>>; usSection301: ExtraDutyTable } | undefined;
// Only the tariffs are needed to price duty on a route: read on the first duty asked, not the nomenclature.
const dutyTables = () => (duties ??= { tariffs: { US: loadTariff("US"), GB: loadTariff("GB"), EU: loadTariff("EU") }, usSection301: loadSection301() });
function shippedData() {
  if (!shipped) {
    const dir = join(DATA, "returns", "rate-cards");
    const cards = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort().flatMap((f) => {
      const result = importRateCardCsv(readFileSync(join(dir, f), "utf8"), f.replace(/\.csv$/, ""));
      return result.card ? [result.card] : [];
    });
    const fx = JSON.parse(readFileSync(join(DATA, "fx", "reference-rates.json"), "utf8")) as FxTable;
    shipped = { cards, fx };
  }
  return shipped;
}
const loadReturnCards = () => shippedData().cards;

export interface ReturnsDeps {
  readonly db: PrismaClient;
  readonly graphql: AdminGraphql;
  readonly shop: string;
  /** Today in the shop's terms, YYYY-MM-DD. */
  readonly today: string;
  /** Public base URL of the app: label links handed to Shopify and the buyer. */
  readonly appUrl: string;
  readonly fx?: FxTable;
  /** The carrier that issues return labels; the sandbox carrier by default. */
  readonly carrier?: CarrierAdapter;
}

// ---------------------------------------------------------------------------------------------
// Reading the order

interface ShopifyOrder {
  currency: string;
  order: OrderForReturn;
  address: { name: string; lines: string[]; city: string; postcode: string; country: string; phone: string | null };
  /** lineItemId -> fulfillment line items holding it, with shipped quantity. */
  fulfillmentLines: Map<string, { id: string; quantity: number }[]>;
  /** lineItemId -> extra facts */
  facts: Map<string, { inventoryItemId: string | null; stock: Map<string, number> }>;
}

async function readOrder(graphql: AdminGraphql, orderId: string, customerId: string | null): Promise<ShopifyOrder> {
  if (!/^gid:\/\/shopify\/Order\/\d+$/.test(orderId)) throw new ReturnsError(400, `"${orderId}" is not an order id (gid://shopify/Order/<number>).`);
  const data = await graphql<any>(RETURN_ORDER_QUERY, { id: orderId });
  const o = data.order;
  // Someone else's order is answered like a missing one: no hint that it exists.
  if (!o || (customerId !== null && o.customer?.id !== customerId)) throw new ReturnsError(404, `No order ${orderId} for this customer.`);
  const currency: string = data.shop.currencyCode;
  const fulfilled = new Map<string, number>();
  const fulfillmentLines = new Map<string, { id: string; quantity: number }[]>();
  let deliveredOn: string | null = null;
  let shippedFrom: string | null = null;
  for (const f of o.fulfillments ?? []) {
    if (f.status !== "SUCCESS") continue;
    const day = String(f.deliveredAt ?? f.createdAt).slice(0, 10);
    if (!deliveredOn || day > deliveredOn) deliveredOn = day;
    shippedFrom ??= f.location?.address?.countryCode ?? null;
    for (const fli of f.fulfillmentLineItems.nodes) {
      const id = fli.lineItem.id;
      fulfilled.set(id, (fulfilled.get(id) ?? 0) + fli.quantity);
      fulfillmentLines.set(id, [...(fulfillmentLines.get(id) ?? []), { id: fli.id, quantity: fli.quantity }]);
    }
  }
  const returned = new Map<string, number>();
  const returnedByFli = new Map<string, number>();
  for (const r of o.returns?.nodes ?? []) {
    if (r.status === "DECLINED" || r.status === "CANCELED") continue;
    for (const rli of r.returnLineItems.nodes) {
      if (!rli.fulfillmentLineItem) continue;
      const id = rli.fulfillmentLineItem.lineItem.id;
      returned.set(id, (returned.get(id) ?? 0) + rli.quantity);
      returnedByFli.set(rli.fulfillmentLineItem.id, (returnedByFli.get(rli.fulfillmentLineItem.id) ?? 0) + rli.quantity);
    }
  }
  // What is left to return on each fulfillment line, so a request is split across them correctly.
  for (const [id, lines] of fulfillmentLines) fulfillmentLines.set(id, lines.map((l) => ({ id: l.id, quantity: l.quantity - (returnedByFli.get(l.id) ?? 0) })));
  const facts = new Map<string, { inventoryItemId: string | null; stock: Map<string, number> }>();
  const lines = o.lineItems.nodes.map((li: any) => {
    const item = li.variant?.inventoryItem;
    const w = item?.measurement?.weight;
    const stock = new Map<string, number>();
    for (const level of item?.inventoryLevels?.nodes ?? []) stock.set(level.location.id, level.quantities.find((q: any) => q.name === "available")?.quantity ?? 0);
    facts.set(li.id, { inventoryItemId: item?.id ?? null, stock });
    return {
      lineItemId: li.id, title: li.title, sku: li.sku ?? null, productType: li.product?.productType ?? "", tags: li.product?.tags ?? [],
      unitPrice: fromMajor(li.originalUnitPriceSet.shopMoney.amount, currency), weight: w ? toGrams(Number(w.value), w.unit) : 500,
      hsCode: item?.harmonizedSystemCode ?? null, originCountry: item?.countryCodeOfOrigin ?? null,
      fulfilledQuantity: fulfilled.get(li.id) ?? 0, returnedQuantity: returned.get(li.id) ?? 0,
    };
  });
  const a = o.shippingAddress ?? {};
  return {
    currency,
    order: { orderId: o.id, name: o.name, customerId: o.customer?.id ?? null, country: a.countryCodeV2 ?? "US", postcode: a.zip ?? null, shippedFrom, deliveredOn, cancelled: !!o.cancelledAt, lines },
    address: { name: a.name ?? "", lines: [a.address1, a.address2].filter(Boolean), city: a.city ?? "", postcode: a.zip ?? "", country: a.countryCodeV2 ?? "US", phone: a.phone ?? null },
    fulfillmentLines,
    facts,
  };
}

// ---------------------------------------------------------------------------------------------
// The portal's view of an order

export interface PortalLine {
  lineItemId: string; title: string; sku: string | null; quantity: number; returnableQuantity: number; eligible: boolean; reasons: string[]; unitPrice: string;
}

export interface PortalOrderView {
  order: { id: string; name: string; country: string };
  policy: { market: string; name: string; windowDays: number; windowEndsOn: string | null; labelPaidBy: string; restockingFeePercent: number; resolutions: string[] };
  eligible: boolean;
  reasons: string[];
  lines: PortalLine[];
  returnReasons: readonly string[];
  conditions: readonly string[];
  returns: ReturnCaseView[];
}

export async function portalOrder(deps: ReturnsDeps, customerId: string | null, orderId: string): Promise<PortalOrderView> {
  const shopify = await readOrder(deps.graphql, orderId, customerId);
  const policies = await loadPolicies(deps.db, deps.shop);
  const policy = requirePolicy(policies, shopify.order.country);
  const eligibility = checkEligibility(policy, shopify.order, deps.today);
  const cases = await deps.db.returnCase.findMany({ where: { shop: deps.shop, orderShopifyId: orderId }, include: { items: true, labels: true }, orderBy: { createdAt: "desc" } });
  return {
    order: { id: shopify.order.orderId, name: shopify.order.name, country: shopify.order.country },
    policy: { market: policy.market, name: policy.name, windowDays: policy.windowDays, windowEndsOn: eligibility.windowEndsOn, labelPaidBy: policy.labelPaidBy, restockingFeePercent: policy.restockingFeePercent, resolutions: [...policy.resolutions] },
    eligible: eligibility.eligible,
    reasons: [...eligibility.reasons],
    lines: shopify.order.lines.map((l) => {
      const e = eligibility.lines.find((x) => x.lineItemId === l.lineItemId)!;
      return { lineItemId: l.lineItemId, title: l.title, sku: l.sku, quantity: l.fulfilledQuantity, returnableQuantity: e.returnableQuantity, eligible: e.eligible, reasons: [...e.reasons], unitPrice: toMajorString(l.unitPrice) };
    }),
    returnReasons: RETURN_REASONS,
    conditions: ITEM_CONDITIONS,
    returns: cases.map((c) => caseView(c, deps.appUrl)),
  };
}

function requirePolicy(policies: ReturnPolicy[], country: string): ReturnPolicy {
  const policy = policyFor(policies, country);
  if (!policy) throw new ReturnsError(422, `The shop has no return policy for ${country}.`);
  return policy;
}

// ---------------------------------------------------------------------------------------------
// Routing an order's items

interface Routed {
  shopify: ShopifyOrder;
  policy: ReturnPolicy;
  destinations: DestinationRow[];
  requested: readonly (RequestedLine & { line: OrderForReturn["lines"][number] })[];
  items: ReturnItem[];
  decisions: readonly RoutingDecision[];
  totals: { net: Money; originNet: Money; cost: Money; originCost: Money };
  refund: ReturnType<typeof refundEstimate>;
  labelPrice: (to: DestinationRow, grams: number) => Money | null;
}

async function route(deps: ReturnsDeps, customerId: string | null, orderId: string, lines: readonly RequestedLine[], read?: ShopifyOrder): Promise<Routed> {
  const shopify = read ?? (await readOrder(deps.graphql, orderId, customerId));
  const policies = await loadPolicies(deps.db, deps.shop);
  const policy = requirePolicy(policies, shopify.order.country);
  const check = checkRequest(policy, shopify.order, lines, deps.today);
  if (!check.ok) throw new ReturnsError(400, check.problems.map((p) => p.message).join(" "), check.problems);
  const { currency } = shopify;
  const destinations = await loadDestinations(deps.db, deps.shop, currency);
  if (destinations.length === 0) throw new ReturnsError(422, "The shop has no return destinations set up.");
  const data = shippedData();
  const fx = deps.fx ?? data.fx;
  const pricer = createReturnLabelPricer(loadReturnCards(), fx, currency);
  const items: ReturnItem[] = check.lines.map((r) => ({
    key: r.lineItemId, title: r.line.title, sku: r.line.sku, productType: r.line.productType, unitPrice: r.line.unitPrice, quantity: r.quantity,
    weight: r.line.weight, hsCode: r.line.hsCode, originCountry: r.line.originCountry, condition: r.condition, reason: r.reason,
    hygiene: policy.excludedProductTypes.some((t) => t.toLowerCase() === r.line.productType.toLowerCase()),
    controlledDisposal: CONTROLLED_TYPES.has(r.line.productType.toLowerCase()),
  }));
  const locationOf = new Map(destinations.map((d) => [d.id, d.locationId ?? null]));
  const routing = routeReturn(items, {
    currency, buyer: { country: shopify.order.country, postcode: shopify.order.postcode }, exportedFrom: shopify.order.shippedFrom, destinations,
    keepItAllowed: policy.keepItAllowed, labelCost: pricer.cost,
    importDuty: (item, country) => importDuty(item, country, currency, deps.today),
    stock: (destinationId, sku): StockPosition | undefined => {
      const line = check.lines.find((l) => l.line.sku === sku);
      const location = locationOf.get(destinationId);
      if (!line || !location) return undefined;
      const onHand = shopify.facts.get(line.lineItemId)?.stock.get(location);
      return onHand === undefined ? undefined : { onHand, target: DEFAULT_TARGET_UNITS };
    },
  });
  const labelTotal = routing.decisions.reduce((s, d) => s + (d.chosen?.label.amount ?? 0), 0);
  const refund = refundEstimate(policy, check.lines.map((l) => ({ unitPrice: l.line.unitPrice, quantity: l.quantity, reason: l.reason })), labelTotal ? money(labelTotal, currency) : null, currency);
  return {
    shopify, policy, destinations, requested: check.lines, items, decisions: routing.decisions,
    totals: { net: routing.net, originNet: routing.originNet, cost: routing.cost, originCost: routing.originCost }, refund,
    labelPrice: (to, grams) => pricer.cost({ country: shopify.order.country, postcode: shopify.order.postcode }, to, grams),
  };
}

/** The destination's import duty, ad valorem, from the shipped US/UK/EU tariffs (plus US s.301 on Chinese goods); 0 where no tariff is shipped. */
export function importDuty(item: ReturnItem, country: string, currency: string, today: string): Money {
  const territory = customsTerritory(country);
  const tables = dutyTables();
  const tariff = tables.tariffs[territory];
  if (!tariff || !item.hsCode) return money(0, currency);
  try {
    const found = lookupDuty(tariff, item.hsCode, "hsCode", "highest");
    let ratio = Number(found.rate.adValorem.num) / Number(found.rate.adValorem.den);
    if (territory === "US" && item.originCountry) {
      const extra = extraDutyFor(tables.usSection301, item.originCountry, item.hsCode, today);
      if (extra) ratio += Number(extra.rate.adValorem.num) / Number(extra.rate.adValorem.den);
    }
    return money(Math.round(item.unitPrice.amount * item.quantity * ratio), currency);
  } catch {
    return money(0, currency);
  }
}

export interface ReturnPreview {
  order: { id: string; name: string };
  items: { lineItemId: string; title: string; quantity: number; disposition: string; destination: { name: string; address: string[] } | null; label: string | null; reason: string }[];
  refund: { merchandise: string; restockingFee: string; labelCharge: string; total: string; currency: string; notes: readonly string[] };
}

const addressOf = (d: DestinationRow) => [d.name, d.address1, `${d.postcode ?? ""} ${d.city}`.trim(), d.country];

function previewOf(r: Routed): ReturnPreview {
  return {
    order: { id: r.shopify.order.orderId, name: r.shopify.order.name },
    items: r.decisions.map((d, i) => ({
      lineItemId: r.items[i]!.key, title: r.items[i]!.title, quantity: r.items[i]!.quantity, disposition: d.disposition,
      destination: d.destination ? { name: d.destination.name, address: addressOf(d.destination as DestinationRow) } : null,
      label: d.chosen ? toMajorString(d.chosen.label) : null, reason: d.reason,
    })),
    refund: { merchandise: toMajorString(r.refund.merchandise), restockingFee: toMajorString(r.refund.restockingFee), labelCharge: toMajorString(r.refund.labelCharge), total: toMajorString(r.refund.total), currency: r.refund.total.currency, notes: r.refund.notes },
  };
}

/** What the return would look like, creating nothing: destinations, labels and the refund. */
export async function previewReturn(deps: ReturnsDeps, customerId: string | null, orderId: string, lines: readonly RequestedLine[]): Promise<ReturnPreview> {
  return previewOf(await route(deps, customerId, orderId, lines));
}

// ---------------------------------------------------------------------------------------------
// Requesting, approving and labelling

export interface ReturnCaseView {
  id: string; orderName: string; returnName: string | null; status: string; resolution: string; refundEstimate: string; refunded: string | null; currency: string;
  items: { id: string; title: string; quantity: number; reason: string; disposition: string; destinationKey: string | null; decisionReason: string }[];
  labels: { id: string; destinationKey: string; carrier: string; trackingNumber: string; url: string; invoiceUrl: string | null; cost: string; status: string }[];
  error: string | null;
}

type CaseWithParts = Awaited<ReturnType<PrismaClient["returnCase"]["findFirstOrThrow"]>> & {
  items: Awaited<ReturnType<PrismaClient["returnCaseItem"]["findMany"]>>;
  labels: Awaited<ReturnType<PrismaClient["returnLabel"]["findMany"]>>;
};

export const labelUrl = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, "")}/returns/labels/${token}`;

export function caseView(c: CaseWithParts, appUrl: string): ReturnCaseView {
  const m = (minor: number) => toMajorString(money(minor, c.currency));
  return {
    id: c.id, orderName: c.orderName, returnName: c.returnName, status: c.status, resolution: c.resolution, refundEstimate: m(c.refundEstimateMinor), refunded: c.refundedMinor === null ? null : m(c.refundedMinor), currency: c.currency,
    items: c.items.map((i) => ({ id: i.id, title: i.title, quantity: i.quantity, reason: i.reason, disposition: i.disposition, destinationKey: i.destinationKey, decisionReason: i.decisionReason })),
    labels: c.labels.map((l) => ({
      id: l.id, destinationKey: l.destinationKey, carrier: l.serviceName, trackingNumber: l.trackingNumber, url: labelUrl(appUrl, l.publicToken),
      invoiceUrl: l.invoicePdf ? `${labelUrl(appUrl, l.publicToken)}?document=invoice` : null, cost: m(l.costMinor), status: l.status,
    })),
    error: c.error,
  };
}

export interface RequestReturnInput {
  customerId: string | null;
  orderId: string;
  lines: readonly RequestedLine[];
  /** The same key returns the same case instead of a second return (a double-clicked submit). */
  idempotencyKey: string;
  source: "portal" | "admin";
  /** Money back or store credit (default refund), among what the market's policy offers. */
  resolution?: "refund" | "store_credit";
}

/**
 * Requests the return in Shopify, approves it when the policy says so, buys a label per
 * destination and attaches it as a reverse delivery, with a returns commercial invoice where the
 * parcel crosses a customs border. Everything is checked before the first write, so a bad
 * request creates nothing; a failure after Shopify holds the return declines it again.
 */
export async function requestReturn(deps: ReturnsDeps, input: RequestReturnInput): Promise<ReturnCaseView> {
  const { db, shop } = deps;
  if (!/^[\w:./-]{8,200}$/.test(input.idempotencyKey)) throw new ReturnsError(400, "idempotencyKey must be 8-200 letters, digits or - _ : . /");
  const existing = await db.returnCase.findUnique({ where: { shop_idempotencyKey: { shop, idempotencyKey: input.idempotencyKey } }, include: { items: true, labels: true } });
  if (existing) {
    if (existing.orderShopifyId !== input.orderId) throw new ReturnsError(409, "This idempotencyKey was used for another order.");
    return caseView(existing, deps.appUrl);
  }
  const r = await route(deps, input.customerId, input.orderId, input.lines);
  const resolution = input.resolution ?? "refund";
  if (!r.policy.resolutions.includes(resolution)) throw new ReturnsError(400, `The ${r.policy.name} policy offers ${r.policy.resolutions.join(", ").replace(/_/g, " ")}, not ${resolution.replace(/_/g, " ")}.`);
  const { currency } = r.shopify;

  // Shopify asks for fulfillment line items; a line shipped in two parcels is split across them.
  const returnLineItems = r.requested.flatMap((req) => {
    let left = req.quantity;
    return (r.shopify.fulfillmentLines.get(req.lineItemId) ?? []).flatMap((fli) => {
      const take = Math.min(left, fli.quantity);
      left -= take;
      // Shopify deducts the restocking fee itself when the return is refunded, so it is passed along.
      const fee = r.policy.restockingFeePercent > 0 && !SELLER_FAULT.has(req.reason) ? { restockingFee: { percentage: r.policy.restockingFeePercent } } : {};
      return take > 0 ? [{ fulfillmentLineItemId: fli.id, quantity: take, returnReason: req.reason, ...fee, ...(req.note ? { customerNote: req.note } : {}) }] : [];
    });
  });

  let shopifyReturn: { id: string; name: string; status: string };
  try {
    shopifyReturn = (await mutate<{ return: { id: string; name: string; status: string } }>(deps.graphql, "returnRequest", RETURN_REQUEST_MUTATION, {
      input: {
        orderId: input.orderId, returnLineItems,
        // A label the buyer pays for is Shopify's return shipping fee, taken off the refund.
        ...(r.refund.labelCharge.amount > 0 ? { returnShippingFee: { amount: { amount: toMajorString(r.refund.labelCharge), currencyCode: r.refund.labelCharge.currency } } } : {}),
      },
    })).return;
  } catch (error) {
    if (error instanceof ShopifyUserError) throw new ReturnsError(422, `Shopify refused the return: ${error.userErrors.map((e) => e.message).join("; ")}`);
    throw error;
  }

  return openCase(deps, r, shopifyReturn, input.idempotencyKey, input.source, resolution);
}

/** Stores the case with each item's decision, then approves by policy and labels (declining again if that fails). */
async function openCase(deps: ReturnsDeps, r: Routed, shopifyReturn: { id: string; name: string }, idempotencyKey: string, source: string, resolution = "refund"): Promise<ReturnCaseView> {
  const { db, shop } = deps;
  const { currency } = r.shopify;
  const input = { idempotencyKey, source, orderId: r.shopify.order.orderId };
  const created = await db.returnCase.create({
    data: {
      shop, idempotencyKey: input.idempotencyKey, orderShopifyId: input.orderId, orderName: r.shopify.order.name, customerId: r.shopify.order.customerId,
      buyerCountry: r.shopify.order.country, buyerPostcode: r.shopify.order.postcode, returnShopifyId: shopifyReturn.id, returnName: shopifyReturn.name,
      status: "requested", currency, refundEstimateMinor: r.refund.total.amount, netMinor: r.totals.net.amount, originNetMinor: r.totals.originNet.amount,
      costMinor: r.totals.cost.amount, originCostMinor: r.totals.originCost.amount, source: input.source, resolution,
      items: {
        create: r.decisions.map((d, i) => {
          const req = r.requested[i]!;
          return {
            shop, lineItemId: req.lineItemId, title: req.line.title, sku: req.line.sku, productType: req.line.productType, quantity: req.quantity, reason: req.reason,
            condition: req.condition, unitPriceMinor: req.line.unitPrice.amount, disposition: d.disposition, destinationKey: d.destination?.id ?? null,
            netMinor: d.net.amount, originNetMinor: d.origin?.net.amount ?? null, decisionReason: d.reason, decision: JSON.stringify(decisionRecord(d)),
          };
        }),
      },
    },
  });

  if (!r.policy.autoApprove) return caseView(await loadCase(db, shop, created.id), deps.appUrl);
  try {
    await mutate(deps.graphql, "returnApproveRequest", RETURN_APPROVE_MUTATION, { input: { id: shopifyReturn.id } });
    await db.returnCase.update({ where: { id: created.id }, data: { status: "approved" } });
    await attachLabels(deps, r, created.id, shopifyReturn.id);
  } catch (error) {
    // Undo: a return Shopify holds but the app could not label is declined, so the buyer can ask again.
    const message = error instanceof Error ? error.message : String(error);
    await mutate(deps.graphql, "returnDeclineRequest", RETURN_DECLINE_MUTATION, { input: { id: shopifyReturn.id, declineReason: "OTHER", declineNote: "The return label could not be created; please request the return again." } }).catch(() => undefined);
    await db.returnCase.update({ where: { id: created.id }, data: { status: "failed", error: message } });
    throw new ReturnsError(502, `The return could not be completed: ${message}`);
  }
  return caseView(await loadCase(db, shop, created.id), deps.appUrl);
}

/**
 * A return requested in Shopify rather than through the portal (the buyer's own account page, a
 * staff member, the returns/request webhook): the app decides it by the market's policy. Eligible
 * items are routed, approved and labelled like a portal return; otherwise Shopify's request is
 * declined with the policy's reason.
 */
export async function decideRequestedReturn(deps: ReturnsDeps, returnId: string): Promise<ReturnCaseView> {
  const { db, shop } = deps;
  const known = await db.returnCase.findFirst({ where: { shop, returnShopifyId: returnId }, include: { items: true, labels: true } });
  if (known) return caseView(known, deps.appUrl);
  const details = (await deps.graphql<any>(RETURN_DETAILS_QUERY, { id: returnId })).return;
  if (!details) throw new ReturnsError(404, `No return ${returnId} in Shopify.`);
  if (details.status !== "REQUESTED") throw new ReturnsError(409, `Return ${details.name} is ${details.status.toLowerCase()}; only a requested return is decided by policy.`);
  const shopify = await readOrder(deps.graphql, details.order.id, null);
  const mine = new Map<string, number>();
  for (const rli of details.returnLineItems.nodes) mine.set(rli.fulfillmentLineItem.lineItem.id, (mine.get(rli.fulfillmentLineItem.lineItem.id) ?? 0) + rli.quantity);
  // The order already counts this request as returned; the policy is checked as if it were new.
  const read: ShopifyOrder = { ...shopify, order: { ...shopify.order, lines: shopify.order.lines.map((l) => ({ ...l, returnedQuantity: l.returnedQuantity - (mine.get(l.lineItemId) ?? 0) })) } };
  const lines: RequestedLine[] = [...mine].map(([lineItemId, quantity]) => {
    const given = details.returnLineItems.nodes.find((n: any) => n.fulfillmentLineItem.lineItem.id === lineItemId)?.returnReason as string | undefined;
    const reason = (RETURN_REASONS as readonly string[]).includes(given ?? "") ? (given as RequestedLine["reason"]) : "OTHER";
    // The buyer declared no condition here: assume what the policy asks; the grader confirms on arrival.
    return { lineItemId, quantity, reason, condition: SELLER_FAULT.has(reason) ? "new_opened" : "new_unopened" };
  });
  let r: Routed;
  try {
    r = await route(deps, null, details.order.id, lines, read);
  } catch (error) {
    if (!(error instanceof ReturnsError) || error.status !== 400) throw error;
    const declineReason = /window closed/.test(error.message) ? "RETURN_PERIOD_ENDED" : /final sale/.test(error.message) ? "FINAL_SALE" : "OTHER";
    await mutate(deps.graphql, "returnDeclineRequest", RETURN_DECLINE_MUTATION, { input: { id: returnId, declineReason, declineNote: error.message.slice(0, 500) } });
    const declined = await db.returnCase.create({
      data: {
        shop, idempotencyKey: `shopify-${returnId}`, orderShopifyId: details.order.id, orderName: shopify.order.name, customerId: shopify.order.customerId, buyerCountry: shopify.order.country,
        buyerPostcode: shopify.order.postcode, returnShopifyId: returnId, returnName: details.name, status: "declined", currency: shopify.currency, refundEstimateMinor: 0,
        netMinor: 0, originNetMinor: 0, costMinor: 0, originCostMinor: 0, source: "shopify", error: `Declined by policy: ${error.message}`,
      },
      include: { items: true, labels: true },
    });
    return caseView(declined, deps.appUrl);
  }
  return openCase(deps, r, { id: returnId, name: details.name }, `shopify-${returnId}`, "shopify");
}

const SELLER_FAULT: ReadonlySet<string> = new Set(["NOT_AS_DESCRIBED", "WRONG_ITEM", "DEFECTIVE"]);

function decisionRecord(d: RoutingDecision) {
  return {
    options: d.options.map((o) => ({ destination: o.destination.id, disposition: o.disposition, net: o.net.amount, resale: o.resale.amount, label: o.label.amount, handling: o.handling.amount, importDuty: o.importDuty.amount, dutyRecovered: o.dutyRecovered.amount, notes: o.notes, dutyRules: o.dutyRules })),
    excluded: d.excluded,
  };
}

async function loadCase(db: PrismaClient, shop: string, id: string): Promise<CaseWithParts> {
  const found = await db.returnCase.findFirst({ where: { shop, id }, include: { items: true, labels: true } });
  if (!found) throw new ReturnsError(404, `No return ${id} in this shop.`);
  return found;
}

async function attachLabels(deps: ReturnsDeps, r: Routed, caseId: string, returnId: string): Promise<void> {
  const { db, shop } = deps;
  const details = (await deps.graphql<any>(RETURN_DETAILS_QUERY, { id: returnId })).return;
  const rfo = details.reverseFulfillmentOrders.nodes[0];
  const items = await db.returnCaseItem.findMany({ where: { shop, caseId } });
  const carrier = deps.carrier ?? createSandboxReturnCarrier(createReturnLabelPricer(loadReturnCards(), deps.fx ?? shippedData().fx, r.shopify.currency).quote);
  const byDestination = new Map<string, typeof items>();
  for (const item of items) if (item.destinationKey && item.disposition !== "keep") byDestination.set(item.destinationKey, [...(byDestination.get(item.destinationKey) ?? []), item]);

  for (const [key, group] of byDestination) {
    const destination = r.destinations.find((d) => d.id === key)!;
    const lines = group.map((i) => r.requested.find((q) => q.lineItemId === i.lineItemId)!);
    const grams = lines.reduce((g, l) => g + l.line.weight * l.quantity, 0);
    const declared = money(lines.reduce((s, l) => s + l.line.unitPrice.amount * l.quantity, 0), r.shopify.currency);
    const reference = `${r.shopify.order.name}-${caseId}-${key}`;
    const a = r.shopify.address;
    const result = await carrier.createShipment({
      shipper: { name: a.name, lines: a.lines, city: a.city, postcode: a.postcode, country: a.country, phone: a.phone ?? undefined },
      recipient: { name: "Returns", company: destination.name, lines: [destination.address1], city: destination.city, postcode: destination.postcode ?? "", country: destination.country, phone: destination.phone ?? undefined },
      packages: [{ weight: grams }], declaredValue: declared, shipDate: deps.today, incoterm: "DAP", serviceCode: "RETURN", reference, isReturn: true,
      contents: lines.map((l) => ({ description: l.line.title, hsCode: l.line.hsCode ?? undefined, originCountry: l.line.originCountry ?? "", quantity: l.quantity, value: l.line.unitPrice, weight: l.line.weight })),
    });
    const label = result.data;
    if (!label?.content) throw new Error(`no label from ${carrier.carrierId}: ${result.messages.map((m) => m.message).join("; ") || "empty answer"}`);
    const crossesBorder = customsTerritory(a.country) !== customsTerritory(destination.country);
    const invoice = crossesBorder ? await renderCommercialInvoice(returnInvoice(r, destination, lines, label.trackingNumber, deps.today)) : null;
    const cost = r.labelPrice(destination, grams) ?? label.charge ?? money(0, r.shopify.currency);
    const token = randomBytes(24).toString("base64url");
    const stored = await db.returnLabel.create({
      data: {
        shop, caseId, destinationKey: key, carrierId: carrier.carrierId, serviceName: `${carrier.carrierId === "sandbox-returns" ? "Sandbox · " : ""}${destination.country} returns`,
        trackingNumber: label.trackingNumber, costMinor: cost.amount, currency: cost.currency, publicToken: token,
        labelPdf: Buffer.from(label.content, "base64"), invoicePdf: invoice ? Buffer.from(invoice) : null, reverseFulfillmentOrderId: rfo.id, status: "created",
      },
    });
    const fliIds = new Set(lines.flatMap((l) => (r.shopify.fulfillmentLines.get(l.lineItemId) ?? []).map((f) => f.id)));
    const rfoLines = rfo.lineItems.nodes.filter((n: any) => fliIds.has(n.fulfillmentLineItem?.id));
    const delivery = await mutate<{ reverseDelivery: { id: string } }>(deps.graphql, "reverseDeliveryCreateWithShipping", REVERSE_DELIVERY_CREATE_MUTATION, {
      reverseFulfillmentOrderId: rfo.id,
      reverseDeliveryLineItems: rfoLines.map((n: any) => ({ reverseFulfillmentOrderLineItemId: n.id, quantity: n.totalQuantity })),
      trackingInput: { number: label.trackingNumber },
      labelInput: { fileUrl: labelUrl(deps.appUrl, token) },
    });
    await db.returnLabel.update({ where: { id: stored.id }, data: { reverseDeliveryId: delivery.reverseDelivery.id, status: "attached" } });
    await db.returnCaseItem.updateMany({ where: { shop, caseId, id: { in: group.map((g) => g.id) } }, data: { labelId: stored.id } });
  }
  if (byDestination.size) await db.returnCase.update({ where: { id: caseId }, data: { status: "label_attached" } });
  // Keep-it items need no parcel: refund them at once (nothing to restock).
  const kept = items.filter((i) => i.disposition === "keep");
  if (kept.length) await processReturn(deps, caseId, kept.map((i) => i.id), {});
}

function returnInvoice(r: Routed, d: DestinationRow, lines: Routed["requested"], awb: string, today: string): CommercialInvoice {
  const a = r.shopify.address;
  const c = r.shopify.currency;
  return {
    invoiceNumber: `RET-${r.shopify.order.name.replace(/\D/g, "")}-${awb.slice(-6)}`, date: today, reason: "return",
    shipper: { name: a.name || "Return sender", address: [...a.lines, `${a.postcode} ${a.city}`], country: a.country, phone: a.phone ?? undefined },
    consignee: { name: d.name, address: [d.address1, `${d.postcode ?? ""} ${d.city}`.trim()], country: d.country, phone: d.phone ?? undefined },
    incoterm: "DAP", currency: c, airwayBill: awb, orderNumber: r.shopify.order.name, originalInvoice: r.shopify.order.name,
    lines: lines.map((l) => ({ description: l.line.title, hsCode: l.line.hsCode ?? "", originCountry: l.line.originCountry ?? "", quantity: l.quantity, unitOfMeasure: "pcs", unitValue: l.line.unitPrice, netWeightGrams: l.line.weight })),
    packages: 1, grossWeightGrams: lines.reduce((g, l) => g + l.line.weight * l.quantity, 0) + 150,
    charges: { freight: money(0, c), insurance: money(0, c) }, signer: { name: a.name || "Return sender", title: "Customer" },
  };
}

// ---------------------------------------------------------------------------------------------
// Receiving

/**
 * The parcel arrived (scanned in the admin or reported by the 3PL): grade each item, restock what
 * can be sold where it is (available there at once), and refund through `returnProcess`.
 */
export async function receiveReturn(deps: ReturnsDeps, caseId: string, grades: Record<string, ItemCondition> = {}): Promise<ReturnCaseView> {
  const found = await loadCase(deps.db, deps.shop, caseId);
  if (!["label_attached", "approved"].includes(found.status)) throw new ReturnsError(409, `Return ${found.returnName ?? caseId} is ${found.status}; only an approved return can be received.`);
  for (const [id, grade] of Object.entries(grades)) {
    if (!found.items.some((i) => i.id === id)) throw new ReturnsError(400, `Item ${id} is not part of this return.`);
    if (!(ITEM_CONDITIONS as readonly string[]).includes(grade)) throw new ReturnsError(400, `"${grade}" is not an item condition.`);
  }
  const pending = found.items.filter((i) => i.disposition !== "keep" && i.restockedQuantity === 0 && i.gradedCondition === null);
  if (pending.length === 0) throw new ReturnsError(409, "Nothing left to receive on this return.");
  await processReturn(deps, caseId, pending.map((i) => i.id), grades);
  await deps.db.returnLabel.updateMany({ where: { shop: deps.shop, caseId }, data: { status: "received" } });
  await deps.db.returnCase.update({ where: { id: caseId }, data: { receivedAt: new Date(`${deps.today}T12:00:00Z`) } });
  return caseView(await loadCase(deps.db, deps.shop, caseId), deps.appUrl);
}

async function processReturn(deps: ReturnsDeps, caseId: string, itemIds: string[], grades: Record<string, ItemCondition>): Promise<void> {
  const { db, shop } = deps;
  const c = await loadCase(db, shop, caseId);
  const details = (await deps.graphql<any>(RETURN_DETAILS_QUERY, { id: c.returnShopifyId })).return;
  const destinations = await loadDestinations(db, shop, c.currency);
  const policies = await loadPolicies(db, shop);
  const policy = requirePolicy(policies, c.buyerCountry);
  const rfoLines: any[] = details.reverseFulfillmentOrders.nodes.flatMap((rfo: any) => rfo.lineItems.nodes);
  const returnLineItems: any[] = [];
  const updates: { id: string; graded: string; restocked: number }[] = [];
  const refundLines: { unitPrice: Money; quantity: number; reason: (typeof RETURN_REASONS)[number] }[] = [];
  for (const item of c.items.filter((i) => itemIds.includes(i.id))) {
    const graded = (grades[item.id] ?? item.condition) as ItemCondition;
    const destination = destinations.find((d) => d.id === item.destinationKey);
    const sellable = item.disposition === "resell" && (graded === "new_unopened" || (graded === "new_opened" && !policy.excludedProductTypes.includes(item.productType)));
    const restockAt = sellable ? destination?.locationId ?? null : null;
    const rlis = details.returnLineItems.nodes.filter((n: any) => n.fulfillmentLineItem.lineItem.id === item.lineItemId && n.quantity - n.processedQuantity > 0);
    for (const rli of rlis) {
      const rfoLine = rfoLines.find((l) => l.fulfillmentLineItem?.id === rli.fulfillmentLineItem.id);
      const quantity = rli.quantity - rli.processedQuantity;
      returnLineItems.push({
        id: rli.id, quantity,
        dispositions: rfoLine ? [{ reverseFulfillmentOrderLineItemId: rfoLine.id, quantity, dispositionType: restockAt ? "RESTOCKED" : "NOT_RESTOCKED", ...(restockAt ? { locationId: restockAt } : {}) }] : [],
      });
    }
    updates.push({ id: item.id, graded, restocked: restockAt ? item.quantity : 0 });
    refundLines.push({ unitPrice: money(item.unitPriceMinor, c.currency), quantity: item.quantity, reason: item.reason as (typeof RETURN_REASONS)[number] });
  }
  // The refund follows the policy for these items; the label deduction (if any) is the labels' cost share.
  const labels = await db.returnLabel.findMany({ where: { shop, caseId } });
  const labelCost = itemIds.some((id) => c.items.find((i) => i.id === id)?.labelId) ? labels.reduce((s, l) => s + l.costMinor, 0) : 0;
  const refund = refundEstimate(policy, refundLines, labelCost ? money(labelCost, c.currency) : null, c.currency);
  const sale = details.order.transactions.find((t: any) => t.kind === "SALE" && t.status === "SUCCESS");
  await mutate(deps.graphql, "returnProcess", RETURN_PROCESS_MUTATION, {
    input: {
      returnId: c.returnShopifyId, returnLineItems, notifyCustomer: false, note: `Borderless: ${updates.length} item(s) processed`,
      ...(refund.total.amount > 0 ? { financialTransfer: { issueRefund: moneyBack(c.resolution, sale?.id ?? null, { amount: toMajorString(refund.total), currencyCode: c.currency }) } } : {}),
    },
  });
  for (const u of updates) await db.returnCaseItem.update({ where: { id: u.id }, data: { gradedCondition: u.graded, restockedQuantity: u.restocked } });
  const after = await loadCase(db, shop, caseId);
  const allDone = after.items.every((i) => i.gradedCondition !== null);
  await db.returnCase.update({
    where: { id: caseId },
    data: { refundedMinor: (c.refundedMinor ?? 0) + refund.total.amount, status: allDone ? (after.items.every((i) => i.disposition === "keep") ? "kept" : "refunded") : c.status },
  });
}

/** The refund as Shopify takes it: back to the sale's payment, or as store credit on the buyer's account. */
function moneyBack(resolution: string, saleId: string | null, amount: { amount: string; currencyCode: string }) {
  if (resolution === "store_credit") return { orderTransactions: [], refundMethods: [{ storeCreditRefund: { amount } }] };
  return { orderTransactions: saleId ? [{ parentId: saleId, transactionAmount: amount }] : [] };
}

export async function listCases(db: PrismaClient, shop: string, appUrl: string): Promise<ReturnCaseView[]> {
  const cases = await db.returnCase.findMany({ where: { shop }, include: { items: true, labels: true }, orderBy: { createdAt: "desc" }, take: 200 });
  return cases.map((c) => caseView(c, appUrl));
}
