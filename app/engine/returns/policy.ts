import { money, multiply, type Money } from "../money";

/** Shopify's ReturnReason enum values a buyer can pick (UNKNOWN is Shopify's own placeholder). */
export const RETURN_REASONS = [
  "SIZE_TOO_SMALL", "SIZE_TOO_LARGE", "UNWANTED", "STYLE", "COLOR", "NOT_AS_DESCRIBED", "WRONG_ITEM", "DEFECTIVE", "OTHER",
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/**
 * Reasons where the seller is at fault. Consumer law in the EU (Directive 2019/771 on the sale of
 * goods), the UK (Consumer Rights Act 2015 s.19-24) and most US state law puts the cost of
 * returning non-conforming goods on the seller, so no label charge and no restocking fee apply.
 */
export const SELLER_FAULT_REASONS: ReadonlySet<ReturnReason> = new Set(["NOT_AS_DESCRIBED", "WRONG_ITEM", "DEFECTIVE"]);

/** The state the buyer declares, and the grader confirms on arrival. */
export const ITEM_CONDITIONS = ["new_unopened", "new_opened", "used", "damaged"] as const;
export type ItemCondition = (typeof ITEM_CONDITIONS)[number];

export type Resolution = "refund" | "exchange" | "store_credit";
export type LabelPayer = "merchant" | "buyer";

/** A market's return policy: which countries it covers and what a buyer there may do. */
export interface ReturnPolicy {
  /** Market key, e.g. "EU", "GB", "US", "INTL" (the fallback for every other country). */
  readonly market: string;
  readonly name: string;
  /** ISO country codes the policy covers; empty = the fallback for countries no other policy names. */
  readonly countries: readonly string[];
  /** Days after delivery (or fulfilment when no delivery date is known) a return may be requested. */
  readonly windowDays: number;
  /** Product types that cannot be returned at all (hygiene, perishables). */
  readonly excludedProductTypes: readonly string[];
  /** Product tags that mark a final sale. */
  readonly finalSaleTags: readonly string[];
  /** Conditions accepted for a change-of-mind return; seller-fault reasons accept any condition. */
  readonly acceptedConditions: readonly ItemCondition[];
  readonly labelPaidBy: LabelPayer;
  /** Whole percent of the item price withheld on change-of-mind returns. */
  readonly restockingFeePercent: number;
  readonly resolutions: readonly Resolution[];
  /** Let the buyer keep an item (refund without a return) when sending it back costs more than it recovers. */
  readonly keepItAllowed: boolean;
  /** Approve a valid request automatically instead of leaving it for staff. */
  readonly autoApprove: boolean;
}

export const EU_COUNTRIES = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
] as const;

/**
 * The policies a new shop starts with. The EU one follows the 14-day right of withdrawal
 * (Directive 2011/83/EU art. 9), extended to 30 days as most merchants do; the directive lets the
 * trader deduct only for diminished value, not a flat restocking fee (art. 14(2)), so it has none.
 */
export const DEFAULT_POLICIES: readonly ReturnPolicy[] = [
  {
    market: "EU", name: "European Union", countries: EU_COUNTRIES, windowDays: 30, excludedProductTypes: ["Skincare", "Makeup"],
    finalSaleTags: ["final-sale"], acceptedConditions: ["new_unopened", "new_opened"], labelPaidBy: "merchant",
    restockingFeePercent: 0, resolutions: ["refund", "exchange", "store_credit"], keepItAllowed: true, autoApprove: true,
  },
  {
    market: "GB", name: "United Kingdom", countries: ["GB"], windowDays: 30, excludedProductTypes: ["Skincare", "Makeup"],
    finalSaleTags: ["final-sale"], acceptedConditions: ["new_unopened", "new_opened"], labelPaidBy: "merchant",
    restockingFeePercent: 0, resolutions: ["refund", "exchange", "store_credit"], keepItAllowed: true, autoApprove: true,
  },
  {
    market: "US", name: "United States", countries: ["US"], windowDays: 30, excludedProductTypes: ["Skincare", "Makeup"],
    finalSaleTags: ["final-sale"], acceptedConditions: ["new_unopened"], labelPaidBy: "merchant",
    restockingFeePercent: 0, resolutions: ["refund", "exchange", "store_credit"], keepItAllowed: true, autoApprove: true,
  },
  {
    market: "INTL", name: "Rest of world", countries: [], windowDays: 21, excludedProductTypes: ["Skincare", "Makeup", "Fragrance"],
    finalSaleTags: ["final-sale"], acceptedConditions: ["new_unopened"], labelPaidBy: "buyer",
    restockingFeePercent: 10, resolutions: ["refund", "store_credit"], keepItAllowed: true, autoApprove: true,
  },
];

/** The policy for a buyer's country: one that names the country, else the fallback (no countries). */
export function policyFor(policies: readonly ReturnPolicy[], country: string): ReturnPolicy | undefined {
  return policies.find((p) => p.countries.includes(country)) ?? policies.find((p) => p.countries.length === 0);
}

/** Problems with a policy a merchant typed in; empty when it can be saved. */
export function validatePolicy(p: ReturnPolicy): string[] {
  const problems: string[] = [];
  if (!/^[A-Z0-9_-]{2,12}$/.test(p.market)) problems.push("market must be 2-12 capital letters, digits, _ or -");
  if (!Number.isInteger(p.windowDays) || p.windowDays < 0 || p.windowDays > 365) problems.push("window must be 0-365 days");
  if (!Number.isInteger(p.restockingFeePercent) || p.restockingFeePercent < 0 || p.restockingFeePercent > 50) problems.push("restocking fee must be 0-50 %");
  if (p.countries.some((c) => !/^[A-Z]{2}$/.test(c))) problems.push("countries must be ISO 3166 two-letter codes");
  if (p.acceptedConditions.length === 0) problems.push("accept at least one condition");
  if (p.resolutions.length === 0) problems.push("offer at least one resolution");
  if (!["merchant", "buyer"].includes(p.labelPaidBy)) problems.push("label is paid by merchant or buyer");
  return problems;
}

export interface RefundLine {
  readonly unitPrice: Money;
  readonly quantity: number;
  readonly reason: ReturnReason;
}

export interface RefundEstimate {
  readonly merchandise: Money;
  readonly restockingFee: Money;
  readonly labelCharge: Money;
  readonly total: Money;
  readonly notes: readonly string[];
}

/**
 * What the buyer gets back: the price paid, less the restocking fee and (where the buyer pays the
 * label) the label, neither of which applies when the seller is at fault. Never below zero.
 */
export function refundEstimate(policy: ReturnPolicy, lines: readonly RefundLine[], label: Money | null, currency: string): RefundEstimate {
  const notes: string[] = [];
  let merchandise = 0;
  let fee = 0;
  for (const line of lines) {
    const value = line.unitPrice.amount * line.quantity;
    merchandise += value;
    if (policy.restockingFeePercent > 0 && !SELLER_FAULT_REASONS.has(line.reason)) {
      fee += multiply(money(value, currency), policy.restockingFeePercent / 100).amount;
    }
  }
  if (fee > 0) notes.push(`${policy.restockingFeePercent}% restocking fee on change-of-mind items (${policy.name} policy)`);
  const sellerFault = lines.length > 0 && lines.every((l) => SELLER_FAULT_REASONS.has(l.reason));
  let labelCharge = 0;
  if (policy.labelPaidBy === "buyer" && label && !sellerFault) {
    labelCharge = label.amount;
    notes.push("return label deducted: the buyer pays return shipping under this policy");
  } else if (label) {
    notes.push(sellerFault ? "return label free: the item is faulty or not as ordered" : "return label paid by the shop");
  }
  const total = Math.max(0, merchandise - fee - labelCharge);
  return { merchandise: money(merchandise, currency), restockingFee: money(fee, currency), labelCharge: money(labelCharge, currency), total: money(total, currency), notes };
}
