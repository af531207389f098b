import { describe, expect, it } from "vitest";
import { money } from "../money";
import { checkEligibility, checkRequest, type OrderForReturn, type RequestedLine } from "./eligibility";
import { DEFAULT_POLICIES, policyFor, refundEstimate, validatePolicy, type ReturnPolicy } from "./policy";

const EU = policyFor(DEFAULT_POLICIES, "FR")!;
const INTL = policyFor(DEFAULT_POLICIES, "AU")!;
const usd = (cents: number) => money(cents, "USD");

// An order as the demo shop ships them: a Paris buyer, delivered on 1 November 2026 from the NL 3PL.
const order: OrderForReturn = {
  orderId: "gid://shopify/Order/1001", name: "#1001", customerId: "gid://shopify/Customer/7", country: "FR", postcode: "75003",
  shippedFrom: "NL", deliveredOn: "2026-11-01", cancelled: false,
  lines: [
    { lineItemId: "L1", title: "Leather Court Sneaker", sku: "STR-005-42", productType: "Footwear", tags: ["footwear"], unitPrice: usd(16500), weight: 1100, hsCode: "640399", originCountry: "PT", fulfilledQuantity: 2, returnedQuantity: 0 },
    { lineItemId: "L2", title: "Vitamin C Face Serum 30ml", sku: "GLO-007", productType: "Skincare", tags: ["skincare"], unitPrice: usd(4200), weight: 120, hsCode: "330499", originCountry: "KR", fulfilledQuantity: 1, returnedQuantity: 0 },
    { lineItemId: "L3", title: "Silk Twill Scarf", sku: "MAI-004", productType: "Accessories", tags: ["final-sale"], unitPrice: usd(9500), weight: 80, hsCode: "621410", originCountry: "IT", fulfilledQuantity: 1, returnedQuantity: 0 },
    { lineItemId: "L4", title: "Organic Cotton Tee", sku: "NOR-002-M", productType: "T-Shirts", tags: [], unitPrice: usd(3800), weight: 180, hsCode: "610910", originCountry: "PT", fulfilledQuantity: 3, returnedQuantity: 3 },
  ],
};

const line = (over: Partial<RequestedLine> = {}): RequestedLine => ({ lineItemId: "L1", quantity: 1, reason: "SIZE_TOO_SMALL", condition: "new_unopened", ...over });

describe("policies per market", () => {
  it.each([
    ["FR", "EU"], ["NL", "EU"], ["GB", "GB"], ["US", "US"], ["AU", "INTL"], ["CH", "INTL"], ["JP", "INTL"],
  ])("a buyer in %s is under the %s policy", (country, market) => {
    expect(policyFor(DEFAULT_POLICIES, country)?.market).toBe(market);
  });

  it("every default policy is valid and a nonsense one is refused with each problem named", () => {
    for (const p of DEFAULT_POLICIES) expect(validatePolicy(p)).toEqual([]);
    const bad: ReturnPolicy = { ...EU, market: "eu!", windowDays: -3, restockingFeePercent: 80, countries: ["France"], acceptedConditions: [], resolutions: [] };
    expect(validatePolicy(bad)).toHaveLength(6);
  });
});

describe("eligibility by window, product and what is left to return", () => {
  it.each([
    ["inside the window", "2026-11-20", true, null],
    ["on the last day", "2026-12-01", true, null],
    ["a day after the window", "2026-12-02", false, "the 30-day return window closed on 2026-12-01"],
  ])("%s", (_label, today, eligible, reason) => {
    const result = checkEligibility(EU, order, today);
    expect(result.windowEndsOn).toBe("2026-12-01");
    expect(result.lines.find((l) => l.lineItemId === "L1")!.eligible).toBe(eligible);
    if (reason) expect(result.reasons).toContain(reason);
  });

  it.each([
    ["L1", true, 2, []],
    ["L2", false, 0, ["Skincare cannot be returned once delivered (hygiene)"]],
    ["L3", false, 0, ["final sale"]],
    ["L4", false, 0, ["already returned"]],
  ])("line %s: eligible %s, %i returnable", (id, eligible, qty, reasons) => {
    const l = checkEligibility(EU, order, "2026-11-20").lines.find((x) => x.lineItemId === id)!;
    expect([l.eligible, l.returnableQuantity, l.reasons]).toEqual([eligible, qty, reasons]);
  });

  it("a cancelled or unshipped order has nothing to return", () => {
    expect(checkEligibility(EU, { ...order, cancelled: true }, "2026-11-02").eligible).toBe(false);
    expect(checkEligibility(EU, { ...order, deliveredOn: null }, "2026-11-02").reasons).toContain("nothing has been shipped yet");
  });
});

describe("a buyer's request is checked whole: one bad line refuses it all", () => {
  it.each<[string, RequestedLine[], string, RegExp]>([
    ["more units than bought", [line({ quantity: 3 })], "quantity", /Only 2 of Leather Court Sneaker can be returned; 3 were asked for/],
    ["an item of another order", [line(), line({ lineItemId: "gid://shopify/LineItem/999" })], "unknown_line", /is not part of order #1001/],
    ["zero units", [line({ quantity: 0 })], "quantity", /at least 1/],
    ["a hygiene item", [line({ lineItemId: "L2" })], "ineligible", /hygiene/],
    ["the same line twice", [line(), line()], "duplicate", /listed twice/],
    ["an unknown reason", [line({ reason: "BORED" as never })], "reason", /not a return reason/],
    ["a worn item returned for a change of mind", [line({ condition: "used" })], "condition", /only new unopened or new opened/],
    ["nothing at all", [], "empty", /at least one item/],
    ["a note over Shopify's 300 characters", [line({ note: "x".repeat(301) })], "note", /300/],
  ])("%s", (_label, lines, code, message) => {
    const result = checkRequest(EU, order, lines, "2026-11-20");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code)).toContain(code);
    expect(result.problems.map((p) => p.message).join(" ")).toMatch(message);
  });

  it("a worn item is accepted when it is faulty, and partial quantities pass", () => {
    const result = checkRequest(EU, order, [line({ condition: "damaged", reason: "DEFECTIVE", quantity: 1 })], "2026-11-20");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.lines[0]!.line.title).toBe("Leather Court Sneaker");
  });
});

describe("refund estimate", () => {
  it.each([
    ["EU change of mind: full refund, label paid by the shop", EU, "SIZE_TOO_SMALL" as const, 16500, 0, 0],
    ["rest of world change of mind: 10% fee and the label deducted", INTL, "UNWANTED" as const, 16500 - 1650 - 2400, 1650, 2400],
    ["rest of world faulty item: no fee, free label", INTL, "DEFECTIVE" as const, 16500, 0, 0],
  ])("%s", (_label, policy, reason, total, fee, labelCharge) => {
    const estimate = refundEstimate(policy, [{ unitPrice: usd(16500), quantity: 1, reason }], usd(2400), "USD");
    expect([estimate.total.amount, estimate.restockingFee.amount, estimate.labelCharge.amount]).toEqual([total, fee, labelCharge]);
  });
});
