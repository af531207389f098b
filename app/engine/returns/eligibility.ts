import type { Money } from "../money";
import type { Grams } from "../units";
import { ITEM_CONDITIONS, RETURN_REASONS, SELLER_FAULT_REASONS, type ItemCondition, type ReturnPolicy, type ReturnReason } from "./policy";

/** One line of an order as the returns engine needs it. */
export interface ReturnableLine {
  readonly lineItemId: string;
  readonly title: string;
  readonly sku: string | null;
  readonly productType: string;
  readonly tags: readonly string[];
  readonly unitPrice: Money;
  readonly weight: Grams;
  readonly hsCode: string | null;
  readonly originCountry: string | null;
  /** Units shipped to the buyer (only shipped units can come back). */
  readonly fulfilledQuantity: number;
  /** Units already in a return that was not declined or cancelled. */
  readonly returnedQuantity: number;
  /** Import duty the shop paid for the line at sale (DDP), when known; recoverable on some routes. */
  readonly dutiesPaid?: Money;
}

export interface OrderForReturn {
  readonly orderId: string;
  readonly name: string;
  readonly customerId: string | null;
  /** Where the buyer is: the shipping address's country. */
  readonly country: string;
  readonly postcode: string | null;
  /** Country of the location the order shipped from. */
  readonly shippedFrom: string | null;
  /** Day the parcel was delivered (or, failing that, shipped), YYYY-MM-DD. */
  readonly deliveredOn: string | null;
  readonly cancelled: boolean;
  readonly lines: readonly ReturnableLine[];
}

export interface LineEligibility {
  readonly lineItemId: string;
  readonly returnableQuantity: number;
  readonly eligible: boolean;
  /** Why not, in words a buyer understands; empty when eligible. */
  readonly reasons: readonly string[];
}

export interface OrderEligibility {
  readonly eligible: boolean;
  readonly windowEndsOn: string | null;
  readonly reasons: readonly string[];
  readonly lines: readonly LineEligibility[];
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Which lines of an order can still be returned under a policy on `today` (YYYY-MM-DD). */
export function checkEligibility(policy: ReturnPolicy, order: OrderForReturn, today: string): OrderEligibility {
  const orderReasons: string[] = [];
  if (order.cancelled) orderReasons.push("the order was cancelled");
  let windowEndsOn: string | null = null;
  if (!order.deliveredOn) orderReasons.push("nothing has been shipped yet");
  else {
    const last = dayNumber(order.deliveredOn) + policy.windowDays;
    windowEndsOn = isoOf(last);
    if (dayNumber(today) > last) orderReasons.push(`the ${policy.windowDays}-day return window closed on ${windowEndsOn}`);
  }
  const lines = order.lines.map((line): LineEligibility => {
    const reasons = [...orderReasons];
    const returnable = Math.max(0, line.fulfilledQuantity - line.returnedQuantity);
    if (policy.excludedProductTypes.some((t) => t.toLowerCase() === line.productType.toLowerCase())) {
      reasons.push(`${line.productType} cannot be returned once delivered (hygiene)`);
    }
    if (line.tags.some((t) => policy.finalSaleTags.includes(t.toLowerCase()))) reasons.push("final sale");
    if (line.fulfilledQuantity === 0) reasons.push("not shipped yet");
    else if (returnable === 0) reasons.push("already returned");
    return { lineItemId: line.lineItemId, returnableQuantity: reasons.length ? 0 : returnable, eligible: reasons.length === 0, reasons };
  });
  return { eligible: lines.some((l) => l.eligible), windowEndsOn, reasons: orderReasons, lines };
}

export interface RequestedLine {
  readonly lineItemId: string;
  readonly quantity: number;
  readonly reason: ReturnReason;
  readonly condition: ItemCondition;
  readonly note?: string;
}

export interface RequestProblem {
  readonly lineItemId: string | null;
  readonly code: "unknown_line" | "quantity" | "ineligible" | "reason" | "condition" | "empty" | "duplicate" | "note";
  readonly message: string;
}

export type RequestCheck =
  | { readonly ok: true; readonly lines: readonly (RequestedLine & { readonly line: ReturnableLine })[] }
  | { readonly ok: false; readonly problems: readonly RequestProblem[] };

/**
 * Validates a buyer's request against the order and the policy. Any problem refuses the whole
 * request, so nothing is created for a request that is partly wrong.
 */
export function checkRequest(policy: ReturnPolicy, order: OrderForReturn, requested: readonly RequestedLine[], today: string): RequestCheck {
  const problems: RequestProblem[] = [];
  if (requested.length === 0) problems.push({ lineItemId: null, code: "empty", message: "Choose at least one item to return." });
  const eligibility = checkEligibility(policy, order, today);
  const byId = new Map(order.lines.map((l) => [l.lineItemId, l]));
  const seen = new Set<string>();
  const accepted: (RequestedLine & { line: ReturnableLine })[] = [];
  for (const req of requested) {
    const line = byId.get(req.lineItemId);
    if (!line) {
      problems.push({ lineItemId: req.lineItemId, code: "unknown_line", message: `Item ${req.lineItemId} is not part of order ${order.name}.` });
      continue;
    }
    if (seen.has(req.lineItemId)) {
      problems.push({ lineItemId: req.lineItemId, code: "duplicate", message: `${line.title} is listed twice; give one quantity.` });
      continue;
    }
    seen.add(req.lineItemId);
    const el = eligibility.lines.find((l) => l.lineItemId === req.lineItemId)!;
    if (!Number.isInteger(req.quantity) || req.quantity < 1) {
      problems.push({ lineItemId: req.lineItemId, code: "quantity", message: `Quantity for ${line.title} must be a whole number of at least 1.` });
    } else if (!el.eligible) {
      problems.push({ lineItemId: req.lineItemId, code: "ineligible", message: `${line.title} cannot be returned: ${el.reasons.join("; ")}.` });
    } else if (req.quantity > el.returnableQuantity) {
      problems.push({ lineItemId: req.lineItemId, code: "quantity", message: `Only ${el.returnableQuantity} of ${line.title} can be returned; ${req.quantity} were asked for.` });
    }
    if (!(RETURN_REASONS as readonly string[]).includes(req.reason)) {
      problems.push({ lineItemId: req.lineItemId, code: "reason", message: `"${String(req.reason)}" is not a return reason.` });
    }
    if (!(ITEM_CONDITIONS as readonly string[]).includes(req.condition)) {
      problems.push({ lineItemId: req.lineItemId, code: "condition", message: `"${String(req.condition)}" is not an item condition.` });
    } else if (!SELLER_FAULT_REASONS.has(req.reason) && !policy.acceptedConditions.includes(req.condition)) {
      problems.push({ lineItemId: req.lineItemId, code: "condition", message: `${line.title}: the ${policy.name} policy takes change-of-mind returns only ${policy.acceptedConditions.join(" or ").replace(/_/g, " ")}.` });
    }
    // Shopify refuses a customer note over 300 characters (ReturnRequestLineItemInput.customerNote).
    if (req.note && req.note.length > 300) problems.push({ lineItemId: req.lineItemId, code: "note", message: "A note can be at most 300 characters." });
    accepted.push({ ...req, line });
  }
  return problems.length ? { ok: false, problems } : { ok: true, lines: accepted };
}
