// @vitest-environment happy-dom

import { h, render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReturnPortal } from "../../extensions/returns-portal/src/ReturnPortal";
import { MenuItem } from "../../extensions/returns-portal/src/MenuItem";
import type { PortalOrder, ReturnPreview, SubmittedReturn } from "../../extensions/returns-portal/src/portal-client";

/**
 * The portal rendered against a scripted customer account: the `shopify` global with the order id,
 * a session token and close(), and fetch answered by a script of the app's endpoints in the shapes
 * app/services/returns/flow.server.ts returns (PortalOrderView, ReturnPreview, ReturnCaseView).
 */
const ORDER_ID = "gid://shopify/Order/1042";
const SNEAKER = "gid://shopify/LineItem/5001";
const SERUM = "gid://shopify/LineItem/5002";

const eligibleOrder: PortalOrder = {
  order: { id: ORDER_ID, name: "#1042", country: "FR" },
  policy: { market: "EU", name: "European Union", windowDays: 30, windowEndsOn: "2026-12-10", labelPaidBy: "merchant", restockingFeePercent: 0, resolutions: ["refund", "exchange", "store_credit"] },
  eligible: true, reasons: [],
  lines: [
    { lineItemId: SNEAKER, title: "Leather Court Sneaker", sku: "STR-005-42", quantity: 2, returnableQuantity: 2, eligible: true, reasons: [], unitPrice: "165.00" },
    { lineItemId: SERUM, title: "Vitamin C Face Serum 30ml", sku: "GLO-007", quantity: 1, returnableQuantity: 0, eligible: false, reasons: ["Skincare cannot be returned once delivered (hygiene)"], unitPrice: "42.00" },
  ],
  returnReasons: ["SIZE_TOO_SMALL", "SIZE_TOO_LARGE", "UNWANTED", "STYLE", "COLOR", "NOT_AS_DESCRIBED", "WRONG_ITEM", "DEFECTIVE", "OTHER"],
  conditions: ["new_unopened", "new_opened", "used", "damaged"],
  returns: [],
};
const ineligibleOrder: PortalOrder = { ...eligibleOrder, eligible: false, reasons: ["the 30-day return window closed on 2026-10-01"], lines: eligibleOrder.lines.map((l) => ({ ...l, eligible: false, returnableQuantity: 0, reasons: ["the 30-day return window closed on 2026-10-01"] })) };
const preview: ReturnPreview = {
  order: { id: ORDER_ID, name: "#1042" },
  items: [{ lineItemId: SNEAKER, title: "Leather Court Sneaker", quantity: 1, disposition: "resell", destination: { name: "Venlo 3PL (EU)", address: ["Venlo 3PL (EU)", "Columbusweg 11", "5928 LA Venlo", "NL"] }, label: "12.50", reason: "Venlo 3PL (EU) (regional hub, NL): resell, nets $148.00" }],
  refund: { merchandise: "165.00", restockingFee: "0.00", labelCharge: "0.00", total: "165.00", currency: "USD", notes: ["return label paid by the shop"] },
};
const submitted: SubmittedReturn = {
  id: "case1", returnName: "#1042-R1", status: "label_attached", refundEstimate: "165.00", currency: "USD",
  labels: [{ trackingNumber: "RT0123456789NL", url: "https://localhost:3000/returns/labels/abc", invoiceUrl: null, carrier: "Sandbox · NL returns" }],
};

interface Call { method: string; url: string; body: any; authorization: string | null }
let calls: Call[];
let script: Record<string, () => Response | Promise<Response>>;
let closed: number;

beforeEach(() => {
  calls = [];
  closed = 0;
  (globalThis as any).shopify = { orderId: ORDER_ID, sessionToken: { get: async () => "customer.session.token" }, close: () => void closed++ };
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    const body = init.body ? JSON.parse(String(init.body)) : null;
    const method = init.method ?? "GET";
    calls.push({ method, url, body, authorization: new Headers(init.headers).get("Authorization") });
    const key = method === "GET" ? "order" : body.preview ? "preview" : "submit";
    return script[key]!();
  });
});
afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};
async function mount() {
  await act(async () => { render(h(ReturnPortal, {}), document.body); });
  await settle();
}
const $ = (selector: string) => document.body.querySelector(selector) as HTMLElement & { value: string };
// Banners, sections and the action modal carry their titles in `heading`, not in their children.
const text = () => [...document.body.querySelectorAll("[heading]")].map((e) => e.getAttribute("heading")).join(" | ") + " | " + (document.body.textContent ?? "");
async function change(selector: string, value: string) {
  const el = $(selector);
  el.value = value;
  await act(async () => { el.dispatchEvent(new Event("change", { bubbles: true })); });
}
async function press(label: string) {
  const button = [...document.body.querySelectorAll("s-button")].find((b) => b.textContent === label) as HTMLElement;
  expect(button, `button "${label}"`).toBeTruthy();
  await act(async () => { button.dispatchEvent(new Event("click", { bubbles: true })); });
  await settle();
}

describe("returns portal extension", () => {
  it("renders the menu item's button", async () => {
    await act(async () => { render(h(MenuItem, {}), document.body); });
    expect($("s-button").textContent).toBe("Request a return");
  });

  it("GIVEN an eligible order WHEN the buyer picks a quantity and reason, reviews and submits THEN they see the local address, the label and the refund", async () => {
    script = { order: () => Response.json(eligibleOrder), preview: () => Response.json(preview), submit: () => Response.json(submitted, { status: 201 }) };
    await mount();
    expect(calls[0]).toMatchObject({ method: "GET", url: expect.stringContaining(`/api/returns/order?orderId=${encodeURIComponent(ORDER_ID)}`), authorization: "Bearer customer.session.token" });
    expect(text()).toContain("European Union: returns within 30 days of delivery until 2026-12-10. The return label is free.");
    expect(text()).toContain("Not returnable: Skincare cannot be returned once delivered (hygiene)");
    expect($(`s-number-field[name="quantity-${SERUM}"]`)).toBeNull();

    await change(`s-number-field[name="quantity-${SNEAKER}"]`, "1");
    await change(`s-select[name="reason-${SNEAKER}"]`, "SIZE_TOO_LARGE");
    await press("Review return");
    expect(calls[1]!.body).toEqual({ orderId: ORDER_ID, preview: true, resolution: "refund", lines: [{ lineItemId: SNEAKER, quantity: 1, reason: "SIZE_TOO_LARGE", condition: "new_unopened" }] });
    expect(text()).toContain("Send to: Venlo 3PL (EU), Columbusweg 11, 5928 LA Venlo, NL. Prepaid label 12.50 USD.");
    expect(text()).toContain("Refund estimate: 165.00 USD");

    await press("Request return");
    expect(calls[2]!.body).toMatchObject({ orderId: ORDER_ID, lines: calls[1]!.body.lines, idempotencyKey: expect.stringMatching(/^portal-/) });
    expect(text()).toContain("Your return is approved: print the label");
    expect(text()).toContain("Return address: Venlo 3PL (EU), Columbusweg 11, 5928 LA Venlo, NL");
    expect(($("s-link") as HTMLElement).getAttribute("href") ?? ($("s-link") as any).href).toBe("https://localhost:3000/returns/labels/abc");
    await press("Done");
    expect(closed).toBe(1);
  });

  it("GIVEN an ineligible order THEN the reason is shown and there is nothing to review", async () => {
    script = { order: () => Response.json(ineligibleOrder) };
    await mount();
    expect(text()).toContain("This order can't be returned");
    expect(text()).toContain("the 30-day return window closed on 2026-10-01");
    expect(document.body.querySelectorAll("s-number-field")).toHaveLength(0);
    const review = [...document.body.querySelectorAll("s-button")].find((b) => b.textContent === "Review return") as any;
    expect(review.disabled ?? review.hasAttribute("disabled")).toBeTruthy();
  });

  it("GIVEN partial quantities THEN only what was chosen is asked for, and more than returnable is capped", async () => {
    script = { order: () => Response.json(eligibleOrder), preview: () => Response.json(preview) };
    await mount();
    await change(`s-number-field[name="quantity-${SNEAKER}"]`, "7");
    await change(`s-select[name="condition-${SNEAKER}"]`, "new_opened");
    await change(`s-select[name="resolution"]`, "store_credit");
    await press("Review return");
    expect(calls[1]!.body.lines).toEqual([{ lineItemId: SNEAKER, quantity: 2, reason: "SIZE_TOO_SMALL", condition: "new_opened" }]);
    expect(calls[1]!.body.resolution).toBe("store_credit");
  });

  it("GIVEN the app refuses or fails THEN its message is shown and the buyer can try again", async () => {
    let attempts = 0;
    script = {
      order: () => Response.json(eligibleOrder),
      preview: () => Response.json(preview),
      submit: () => (++attempts === 1 ? Response.json({ error: "The return could not be completed: no label from sandbox-returns" }, { status: 502 }) : Response.json(submitted, { status: 201 })),
    };
    await mount();
    await change(`s-number-field[name="quantity-${SNEAKER}"]`, "1");
    await press("Review return");
    await press("Request return");
    expect(text()).toContain("The return could not be completed: no label from sandbox-returns");
    expect(text()).toContain("Send to: Venlo 3PL (EU)");
    await press("Request return");
    expect(calls[2]!.body.idempotencyKey).toBe(calls[3]!.body.idempotencyKey);
    expect(text()).toContain("Your return is approved");
  });

  it("GIVEN the order cannot be loaded THEN a critical banner says so", async () => {
    script = { order: () => Response.json({ error: "No order gid://shopify/Order/1042 for this customer." }, { status: 404 }) };
    await mount();
    expect(text()).toContain("We couldn't load this order");
    expect(text()).toContain("No order gid://shopify/Order/1042 for this customer.");
  });

  it("GIVEN a preview refused for bad input THEN the app's reason is shown", async () => {
    script = { order: () => Response.json(eligibleOrder), preview: () => Response.json({ error: "Only 2 of Leather Court Sneaker can be returned; 3 were asked for." }, { status: 400 }) };
    await mount();
    await change(`s-number-field[name="quantity-${SNEAKER}"]`, "2");
    await press("Review return");
    expect(text()).toContain("Only 2 of Leather Court Sneaker can be returned; 3 were asked for.");
  });
});
