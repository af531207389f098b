import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { DEMO_SHOP } from "../emulator/seed";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { decideRequestedReturn, portalOrder, previewReturn, receiveReturn, requestReturn, ReturnsError, type ReturnsDeps } from "../app/services/returns/flow.server";
import { emulatorAdmin, findOrder, seedReturnNetwork, type FoundOrder } from "./support/returns";

const NOW = new Date("2026-11-25T12:00:00Z");
const RESELLABLE = ["Footwear", "Knitwear", "Trousers", "Accessories", "Home", "Bedding", "Toys"];
let emulator: RunningEmulator;
let deps: ReturnsDeps;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: NOW } });
  deps = { db, graphql: emulatorAdmin(emulator), shop: DEMO_SHOP, today: "2026-11-25", appUrl: "https://borderless.test" };
  await seedReturnNetwork(db, deps.graphql);
});
afterAll(async () => {
  await emulator.close();
});

const shopifyReturns = (orderId: string) => emulator.store.list(DEMO_SHOP, "Return").filter((r) => r.orderId === orderId);
const available = (inventoryItemId: string, locationId: string) =>
  (emulator.store.list(DEMO_SHOP, "InventoryLevel").find((l) => l.inventoryItemId === inventoryItemId && l.locationId === locationId)?.quantities as Record<string, number> | undefined)?.available ?? 0;
const inventoryItemOf = (lineItemId: string) => {
  const li = emulator.store.get(DEMO_SHOP, lineItemId, "LineItem")!;
  return emulator.store.get(DEMO_SHOP, li.variantId, "ProductVariant")!.inventoryItemId;
};
const locationIn = (country: string) => emulator.store.list(DEMO_SHOP, "Location").find((l) => l.address.countryCode === country)!.id;

async function failure(fn: () => Promise<unknown>): Promise<ReturnsError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ReturnsError) return error;
    throw error;
  }
  throw new Error("expected a ReturnsError");
}

describe("GIVEN an EU buyer's delivered order shipped from the Venlo 3PL", () => {
  let order: FoundOrder;
  beforeAll(() => {
    order = findOrder(emulator, { countries: ["FR", "DE", "IT", "ES", "NL", "IE", "SE"], shippedFromCountry: "NL", now: NOW, withinDays: 25, productTypes: RESELLABLE });
  });

  it("WHEN the buyer opens the portal THEN the order's lines show with what can be returned under the EU policy", async () => {
    const view = await portalOrder(deps, order.customerId, order.orderId);
    expect(view.policy.market).toBe("EU");
    expect(view.eligible).toBe(true);
    expect(view.lines.find((l) => l.lineItemId === order.lines[0]!.lineItemId)).toMatchObject({ eligible: true, returnableQuantity: order.lines[0]!.quantity });
  });

  it("WHEN requested -> approved -> label attached -> received THEN it is restocked at the EU hub and refunded, with Shopify's objects in step", async () => {
    const line = order.lines[0]!;
    const hub = locationIn("NL");
    const item = inventoryItemOf(line.lineItemId);
    const before = available(item, hub);

    const created = await requestReturn(deps, { customerId: order.customerId, orderId: order.orderId, lines: [{ lineItemId: line.lineItemId, quantity: 1, reason: "SIZE_TOO_SMALL", condition: "new_unopened" }], idempotencyKey: `flow-${order.orderId}`, source: "portal" });
    // Requested and approved in Shopify: an OPEN return with a reverse fulfillment order.
    const [shopifyReturn] = shopifyReturns(order.orderId);
    expect(shopifyReturn!.status).toBe("OPEN");
    expect(created.status).toBe("label_attached");
    expect(created.items[0]).toMatchObject({ disposition: "resell", destinationKey: expect.stringMatching(/^hub-/) });
    expect(created.items[0]!.decisionReason).toMatch(/Venlo 3PL \(EU\).*back to origin New Jersey Warehouse would net/);
    // The label is attached as a reverse delivery with its tracking number and public URL.
    const rfo = emulator.store.get(DEMO_SHOP, shopifyReturn!.reverseFulfillmentOrderIds[0], "ReverseFulfillmentOrder")!;
    const delivery = emulator.store.get(DEMO_SHOP, rfo.reverseDeliveryIds[0], "ReverseDelivery")!;
    expect(delivery.tracking?.number).toBe(created.labels[0]!.trackingNumber);
    expect(delivery.labelFileUrl).toBe(created.labels[0]!.url);
    const stored = await db.returnLabel.findFirstOrThrow({ where: { shop: DEMO_SHOP, caseId: created.id } });
    expect(Buffer.from(stored.labelPdf).subarray(0, 5).toString()).toBe("%PDF-");
    // Inside the EU there is no customs border: no returns invoice.
    expect(stored.invoicePdf).toBeNull();

    const received = await receiveReturn(deps, created.id);
    expect(received.status).toBe("refunded");
    expect(available(item, hub)).toBe(before + 1);
    expect(emulator.store.get(DEMO_SHOP, shopifyReturn!.id, "Return")!.status).toBe("CLOSED");
    const refunds = emulator.store.list(DEMO_SHOP, "Refund").filter((r) => r.returnId === shopifyReturn!.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amountCents).toBe(Math.round(Number(received.refunded) * 100));
    expect(Number(received.refunded)).toBeGreaterThan(0);
    const rfoLine = emulator.store.get(DEMO_SHOP, rfo.lineItemIds[0], "ReverseFulfillmentOrderLineItem")!;
    expect(rfoLine.dispositions).toEqual([expect.objectContaining({ type: "RESTOCKED", quantity: 1, locationId: hub })]);
  });

  it("WHEN the same submission arrives twice THEN one return exists", async () => {
    const first = await db.returnCase.findFirstOrThrow({ where: { shop: DEMO_SHOP, orderShopifyId: order.orderId } });
    const again = await requestReturn(deps, { customerId: order.customerId, orderId: order.orderId, lines: [{ lineItemId: order.lines[0]!.lineItemId, quantity: 1, reason: "SIZE_TOO_SMALL", condition: "new_unopened" }], idempotencyKey: `flow-${order.orderId}`, source: "portal" });
    expect(again.id).toBe(first.id);
    expect(shopifyReturns(order.orderId)).toHaveLength(1);
  });
});

describe("GIVEN a buyer outside the EU, UK and US (a customs border on the way back)", () => {
  it("WHEN a return is requested THEN the label comes with a returns commercial invoice", async () => {
    const order = findOrder(emulator, { countries: ["CH", "CA", "MX", "AU", "NZ", "JP"], now: NOW, withinDays: 20, productTypes: ["Footwear", "Trousers", "Knitwear", "Bedding"] });
    const created = await requestReturn(deps, { customerId: order.customerId, orderId: order.orderId, lines: [{ lineItemId: order.lines[0]!.lineItemId, quantity: 1, reason: "DEFECTIVE", condition: "new_opened" }], idempotencyKey: `ch-${order.orderId}`, source: "portal" });
    expect(created.labels).toHaveLength(1);
    expect(created.labels[0]!.invoiceUrl).toMatch(/document=invoice$/);
    const stored = await db.returnLabel.findFirstOrThrow({ where: { shop: DEMO_SHOP, caseId: created.id } });
    expect(Buffer.from(stored.invoicePdf!).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("GIVEN a rest-of-world buyer who changed their mind", () => {
  it("WHEN the return is requested THEN the 10% restocking fee and the label they pay come off the refund estimate and Shopify accepts the request", async () => {
    const order = findOrder(emulator, { countries: ["CH", "CA", "MX", "AU", "NZ", "JP"], now: NOW, withinDays: 20, productTypes: RESELLABLE, skip: new Set(emulator.store.list(DEMO_SHOP, "Return").map((r) => r.orderId)) });
    const line = order.lines[0]!;
    const preview = await previewReturn(deps, order.customerId, order.orderId, [{ lineItemId: line.lineItemId, quantity: 1, reason: "UNWANTED", condition: "new_unopened" }]);
    const created = await requestReturn(deps, { customerId: order.customerId, orderId: order.orderId, lines: [{ lineItemId: line.lineItemId, quantity: 1, reason: "UNWANTED", condition: "new_unopened" }], idempotencyKey: `intl-${order.orderId}`, source: "portal" });
    const fee = Number(preview.refund.restockingFee);
    expect(fee).toBeCloseTo(Number(preview.refund.merchandise) * 0.1, 2);
    expect(Number(created.refundEstimate)).toBeCloseTo(Number(preview.refund.merchandise) - fee - Number(preview.refund.labelCharge), 2);
    expect(shopifyReturns(order.orderId)).toHaveLength(1);
  });
});

describe("GIVEN a buyer who asks for store credit", () => {
  it("WHEN the return is received THEN the refund goes out as store credit through returnProcess", async () => {
    const order = findOrder(emulator, { countries: ["FR", "DE", "IT", "ES", "NL", "IE", "SE", "GB", "US"], now: NOW, withinDays: 25, productTypes: RESELLABLE, skip: new Set(emulator.store.list(DEMO_SHOP, "Return").map((r) => r.orderId)) });
    const created = await requestReturn(deps, { customerId: order.customerId, orderId: order.orderId, lines: [{ lineItemId: order.lines[0]!.lineItemId, quantity: 1, reason: "STYLE", condition: "new_unopened" }], idempotencyKey: `credit-${order.orderId}`, source: "portal", resolution: "store_credit" });
    expect(created.resolution).toBe("store_credit");
    const received = await receiveReturn(deps, created.id);
    const [shopifyReturn] = shopifyReturns(order.orderId);
    const [refund] = emulator.store.list(DEMO_SHOP, "Refund").filter((r) => r.returnId === shopifyReturn!.id);
    expect(refund!.note).toMatch(/^store credit/);
    expect(refund!.amountCents).toBe(Math.round(Number(received.refunded) * 100));
  });
});

describe("GIVEN returns requested in Shopify, not through the portal", () => {
  it("WHEN one inside the window is decided THEN the app approves it by policy, routes and labels it", async () => {
    const order = findOrder(emulator, { countries: ["FR", "DE", "IT", "ES", "NL", "IE", "SE", "GB", "US"], now: NOW, withinDays: 25, productTypes: RESELLABLE, skip: new Set(emulator.store.list(DEMO_SHOP, "Return").map((r) => r.orderId)) });
    const fli = emulator.store.list(DEMO_SHOP, "FulfillmentLineItem").find((f) => f.lineItemId === order.lines[0]!.lineItemId)!;
    const asked = await deps.graphql<any>(`mutation { returnRequest(input: { orderId: "${order.orderId}", returnLineItems: [{ fulfillmentLineItemId: "${fli.id}", quantity: 1, returnReason: SIZE_TOO_SMALL }] }) { return { id } userErrors { message } } }`);
    const returnId = asked.returnRequest.return.id;
    const decided = await decideRequestedReturn(deps, returnId);
    expect(decided.status).toBe("label_attached");
    expect(emulator.store.get(DEMO_SHOP, returnId, "Return")!.status).toBe("OPEN");
    expect(decided.items[0]!.decisionReason.length).toBeGreaterThan(20);
    expect((await decideRequestedReturn(deps, returnId)).id).toBe(decided.id);
  });

  it("WHEN the emulator's seeded requests are decided THEN each is approved or declined with the policy's reason, and Shopify agrees", async () => {
    const requested = emulator.store.list(DEMO_SHOP, "Return").filter((r) => r.status === "REQUESTED");
    expect(requested.length).toBeGreaterThan(0);
    for (const r of requested) {
      const decided = await decideRequestedReturn(deps, r.id);
      const status = emulator.store.get(DEMO_SHOP, r.id, "Return")!.status;
      if (decided.status === "declined") {
        expect(status).toBe("DECLINED");
        expect(decided.error).toMatch(/^Declined by policy: /);
      } else {
        expect(status).toBe("OPEN");
      }
    }
  });
});

describe("GIVEN a carrier that cannot issue the label", () => {
  it("WHEN a return is requested THEN Shopify's return is declined again (the undo step), the case is marked failed and the buyer gets a 502 with why", async () => {
    const order = findOrder(emulator, { countries: ["FR", "DE", "IT", "ES", "NL", "IE", "SE", "GB", "US"], now: NOW, withinDays: 25, productTypes: RESELLABLE, skip: new Set(emulator.store.list(DEMO_SHOP, "Return").map((r) => r.orderId)) });
    const broken: ReturnsDeps["carrier"] = {
      carrierId: "broken", capabilities: { rates: true, labels: true, tracking: false, returnLabels: true },
      rate: async () => ({ data: [], messages: [] }),
      createShipment: async () => ({ data: null, messages: [{ carrierId: "broken", code: "1001", message: "Account suspended", level: "error" }] }),
      track: async () => ({ data: null, messages: [] }),
    };
    const error = await failure(() => requestReturn({ ...deps, carrier: broken }, { customerId: order.customerId, orderId: order.orderId, lines: [{ lineItemId: order.lines[0]!.lineItemId, quantity: 1, reason: "SIZE_TOO_SMALL", condition: "new_unopened" }], idempotencyKey: `broken-${order.orderId}`, source: "portal" }));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/no label from broken: Account suspended/);
    expect(shopifyReturns(order.orderId).map((r) => r.status)).toEqual(["DECLINED"]);
    expect((await db.returnCase.findFirstOrThrow({ where: { shop: DEMO_SHOP, orderShopifyId: order.orderId } })).status).toBe("failed");
    // The declined return frees the units: the buyer can ask again.
    const view = await portalOrder(deps, order.customerId, order.orderId);
    expect(view.lines.find((l) => l.lineItemId === order.lines[0]!.lineItemId)!.returnableQuantity).toBe(order.lines[0]!.quantity);
  });
});

describe("GIVEN a return graded damaged on arrival", () => {
  it("WHEN received THEN nothing is restocked, the line is processed NOT_RESTOCKED and the refund still goes out", async () => {
    const order = findOrder(emulator, { countries: ["FR", "DE", "IT", "ES", "NL", "IE", "SE"], shippedFromCountry: "NL", now: NOW, withinDays: 25, productTypes: RESELLABLE, skip: new Set(emulator.store.list(DEMO_SHOP, "Return").map((r) => r.orderId)) });
    const line = order.lines[0]!;
    const created = await requestReturn(deps, { customerId: order.customerId, orderId: order.orderId, lines: [{ lineItemId: line.lineItemId, quantity: 1, reason: "SIZE_TOO_SMALL", condition: "new_unopened" }], idempotencyKey: `graded-${order.orderId}`, source: "portal" });
    const item = inventoryItemOf(line.lineItemId);
    const before = available(item, locationIn("NL"));
    const received = await receiveReturn(deps, created.id, { [created.items[0]!.id]: "damaged" });
    expect(received.status).toBe("refunded");
    expect(available(item, locationIn("NL"))).toBe(before);
    const [shopifyReturn] = shopifyReturns(order.orderId);
    const rfo = emulator.store.get(DEMO_SHOP, shopifyReturn!.reverseFulfillmentOrderIds[0], "ReverseFulfillmentOrder")!;
    expect(emulator.store.get(DEMO_SHOP, rfo.lineItemIds[0], "ReverseFulfillmentOrderLineItem")!.dispositions).toEqual([expect.objectContaining({ type: "NOT_RESTOCKED", quantity: 1 })]);
    const again = await failure(() => receiveReturn(deps, created.id));
    expect(again.status).toBe(409);
    // Another shop cannot reach this return at all.
    const stranger = await failure(() => receiveReturn({ ...deps, shop: "someone-else.myshopify.com" }, created.id));
    expect(stranger.status).toBe(404);
  });
});

describe("bad input gets a clear error and creates nothing", () => {
  let order: FoundOrder;
  let other: FoundOrder;
  beforeAll(() => {
    order = findOrder(emulator, { countries: ["GB", "DE", "FR", "US", "NL", "IT", "ES"], now: NOW, withinDays: 25, productTypes: RESELLABLE, skip: new Set(emulator.store.list(DEMO_SHOP, "Return").map((r) => r.orderId)) });
    other = findOrder(emulator, { countries: ["GB", "DE", "FR", "US", "NL", "IT", "ES"], now: NOW, withinDays: 25, productTypes: RESELLABLE, skip: new Set([order.orderId]) });
  });

  const nothingCreated = async (orderId: string, cases: number) => {
    expect(shopifyReturns(orderId)).toHaveLength(0);
    expect(await db.returnCase.count({ where: { shop: DEMO_SHOP } })).toBe(cases);
  };

  it.each([
    ["more units than bought", 400, /Only \d+ of .* can be returned; \d+ were asked for/],
    ["an item of another order", 400, /is not part of order/],
    ["another buyer's order", 404, /No order .* for this customer/],
  ])("%s -> %i", async (label, status, message) => {
    const cases = await db.returnCase.count({ where: { shop: DEMO_SHOP } });
    const line = order.lines[0]!;
    const input = {
      "more units than bought": { customerId: order.customerId, lines: [{ lineItemId: line.lineItemId, quantity: line.quantity + 1 }] },
      "an item of another order": { customerId: order.customerId, lines: [{ lineItemId: other.lines[0]!.lineItemId, quantity: 1 }] },
      "another buyer's order": { customerId: other.customerId === order.customerId ? "gid://shopify/Customer/1" : other.customerId, lines: [{ lineItemId: line.lineItemId, quantity: 1 }] },
    }[label]!;
    const error = await failure(() => requestReturn(deps, {
      customerId: input.customerId, orderId: order.orderId, idempotencyKey: `bad-${label.replace(/\W/g, "")}`, source: "portal",
      lines: input.lines.map((l) => ({ ...l, reason: "UNWANTED" as const, condition: "new_unopened" as const })),
    }));
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
    await nothingCreated(order.orderId, cases);
  });

  it("a preview routes and prices without creating anything", async () => {
    const cases = await db.returnCase.count({ where: { shop: DEMO_SHOP } });
    const preview = await previewReturn(deps, order.customerId, order.orderId, [{ lineItemId: order.lines[0]!.lineItemId, quantity: 1, reason: "UNWANTED", condition: "new_unopened" }]);
    expect(preview.items[0]!.reason.length).toBeGreaterThan(20);
    expect(Number(preview.refund.total)).toBeGreaterThan(0);
    await nothingCreated(order.orderId, cases);
  });
});
