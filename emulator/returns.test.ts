import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "./seed";
import { startEmulator, type RunningEmulator } from "./server";

const NOW = new Date("2026-11-25T12:00:00Z");
let emulator: RunningEmulator;

async function admin(query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
    method: "POST", headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_ACCESS_TOKEN }, body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

// The sale transaction the emulator models per order (importing ./mutations first would load it before the resolvers).
const saleTransactionId = (orderId: string) => orderId.replace("/Order/", "/OrderTransaction/");
const PROCESS = `mutation P($input: ReturnProcessInput!) { returnProcess(input: $input) { return { id status } userErrors { field message code } } }`;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: NOW } });
});
afterAll(async () => {
  await emulator.close();
});

/** An OPEN return of one unit on a fulfilled order, made with returnCreate. */
async function openReturn() {
  const store = emulator.store;
  const used = new Set(store.list(DEMO_SHOP, "ReturnLineItem").map((l) => l.fulfillmentLineItemId));
  const fli = store.list(DEMO_SHOP, "FulfillmentLineItem").find((f) => !used.has(f.id) && store.get(DEMO_SHOP, f.fulfillmentId, "Fulfillment")?.status === "SUCCESS")!;
  const orderId = store.get(DEMO_SHOP, fli.fulfillmentId, "Fulfillment")!.orderId;
  const created = await admin(`mutation C($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id status } userErrors { message } } }`, { input: { orderId, returnLineItems: [{ fulfillmentLineItemId: fli.id, quantity: 1, returnReason: "UNWANTED" }] } });
  const id = created.data.returnCreate.return.id as string;
  const record = store.get(DEMO_SHOP, id, "Return")!;
  const rli = record.returnLineItemIds[0]!;
  const rfo = store.get(DEMO_SHOP, record.reverseFulfillmentOrderIds[0], "ReverseFulfillmentOrder")!;
  return { id, orderId, rli, rfoLine: rfo.lineItemIds[0]!, fli };
}

describe("returnProcess", () => {
  it("restocks at the location, refunds against the sale transaction and closes the return", async () => {
    const r = await openReturn();
    const location = emulator.store.list(DEMO_SHOP, "Location").find((l) => l.address.countryCode === "NL")!.id;
    const lineItem = emulator.store.get(DEMO_SHOP, r.fli.lineItemId, "LineItem")!;
    const inventoryItemId = emulator.store.get(DEMO_SHOP, lineItem.variantId, "ProductVariant")!.inventoryItemId;
    const level = () => (emulator.store.list(DEMO_SHOP, "InventoryLevel").find((l) => l.inventoryItemId === inventoryItemId && l.locationId === location)?.quantities as Record<string, number> | undefined)?.available ?? 0;
    const before = level();
    const result = await admin(PROCESS, { input: {
      returnId: r.id,
      returnLineItems: [{ id: r.rli, quantity: 1, dispositions: [{ reverseFulfillmentOrderLineItemId: r.rfoLine, quantity: 1, dispositionType: "RESTOCKED", locationId: location }] }],
      financialTransfer: { issueRefund: { orderTransactions: [{ parentId: saleTransactionId(r.orderId), transactionAmount: { amount: "12.50", currencyCode: "USD" } }] } },
    } });
    expect(result.data.returnProcess).toEqual({ return: { id: r.id, status: "CLOSED" }, userErrors: [] });
    expect(level()).toBe(before + 1);
    const read = await admin(`query R($id: ID!) { return(id: $id) { refunds(first: 5) { nodes { totalRefundedSet { shopMoney { amount } } } } returnLineItems(first: 5) { nodes { ... on ReturnLineItem { processedQuantity unprocessedQuantity } } } } }`, { id: r.id });
    expect(read.data.return.refunds.nodes[0].totalRefundedSet.shopMoney.amount).toBe("12.50");
    expect(read.data.return.returnLineItems.nodes[0]).toEqual({ processedQuantity: 1, unprocessedQuantity: 0 });
  });

  it.each([
    ["more than is unprocessed", (r: Awaited<ReturnType<typeof openReturn>>) => ({ returnId: r.id, returnLineItems: [{ id: r.rli, quantity: 2 }] }), /greater than the unprocessed quantity/],
    ["a restock without a location", (r: Awaited<ReturnType<typeof openReturn>>) => ({ returnId: r.id, returnLineItems: [{ id: r.rli, quantity: 1, dispositions: [{ reverseFulfillmentOrderLineItemId: r.rfoLine, quantity: 1, dispositionType: "RESTOCKED" }] }] }), /Location is required/],
    ["a refund against a transaction of another order", (r: Awaited<ReturnType<typeof openReturn>>) => ({ returnId: r.id, returnLineItems: [{ id: r.rli, quantity: 1 }], financialTransfer: { issueRefund: { orderTransactions: [{ parentId: "gid://shopify/OrderTransaction/1", transactionAmount: { amount: "1.00", currencyCode: "USD" } }] } } }), /Transaction does not exist/],
  ])("refuses %s and changes nothing", async (_label, input, message) => {
    const r = await openReturn();
    const result = await admin(PROCESS, { input: input(r) });
    expect(result.data.returnProcess.return).toBeNull();
    expect(result.data.returnProcess.userErrors[0].message).toMatch(message);
    expect(emulator.store.get(DEMO_SHOP, r.id, "Return")!.status).toBe("OPEN");
    expect(emulator.store.get(DEMO_SHOP, r.rli, "ReturnLineItem")!.processedQuantity ?? 0).toBe(0);
  });
});

describe("returnDeclineRequest", () => {
  it("declines a requested return and refuses a closed one", async () => {
    const requested = emulator.store.list(DEMO_SHOP, "Return").find((r) => r.status === "REQUESTED")!;
    const declined = await admin(`mutation D($input: ReturnDeclineRequestInput!) { returnDeclineRequest(input: $input) { return { status } userErrors { message } } }`, { input: { id: requested.id, declineReason: "RETURN_PERIOD_ENDED" } });
    expect(declined.data.returnDeclineRequest).toEqual({ return: { status: "DECLINED" }, userErrors: [] });
    const closed = emulator.store.list(DEMO_SHOP, "Return").find((r) => r.status === "CLOSED")!;
    const refused = await admin(`mutation D($input: ReturnDeclineRequestInput!) { returnDeclineRequest(input: $input) { return { status } userErrors { message } } }`, { input: { id: closed.id, declineReason: "OTHER" } });
    expect(refused.data.returnDeclineRequest.userErrors[0].message).toMatch(/not declinable/);
  });
});
