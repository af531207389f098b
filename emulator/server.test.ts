import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryLevelRecord } from "./records";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "./seed";
import { startEmulator, type RunningEmulator } from "./server";

const NOW = new Date("2026-11-25T12:00:00Z");
const SECRET = "test-api-secret";
let emulator: RunningEmulator;

async function admin(query: string, variables?: Record<string, unknown>, shop = DEMO_SHOP, token = DEMO_ACCESS_TOKEN) {
  const response = await fetch(`${emulator.url}/${shop}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: NOW }, apiSecret: SECRET });
});
afterAll(async () => {
  await emulator.close();
});

describe("HTTP surface", () => {
  it("answers /health", async () => {
    const response = await fetch(`${emulator.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, shops: [DEMO_SHOP] });
  });

  it("refuses a wrong access token with Shopify's 401 message", async () => {
    const { status, body } = await admin(`{ shop { name } }`, undefined, DEMO_SHOP, "shpat_wrong");
    expect(status).toBe(401);
    expect(body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("answers 404 JSON for an unknown route and 400 for a body that is not JSON", async () => {
    const missing = await fetch(`${emulator.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: "Not Found" });
    const bad = await fetch(`${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
      method: "POST", headers: { "x-shopify-access-token": DEMO_ACCESS_TOKEN, "content-type": "application/json" }, body: "{not json",
    });
    expect(bad.status).toBe(400);
  });

  it("exchanges a session token signed with the app secret for the shop's access token", async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ dest: `https://${DEMO_SHOP}`, exp: Math.floor(Date.now() / 1000) + 60 })}`;
    const token = `${unsigned}.${createHmac("sha256", SECRET).update(unsigned).digest("base64url")}`;
    const exchange = (subject: string) => fetch(`${emulator.url}/${DEMO_SHOP}/admin/oauth/access_token`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "key", client_secret: SECRET, grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: subject, subject_token_type: "urn:ietf:params:oauth:token-type:id_token", requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token" }),
    });
    const ok = await exchange(token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ access_token: DEMO_ACCESS_TOKEN, scope: expect.stringContaining("write_fulfillments") });
    const forged = await exchange(`${unsigned}.${Buffer.from("forged").toString("base64url")}`);
    expect(forged.status).toBe(400);
  });
});

describe("GraphQL against the real schema", () => {
  it("rejects an unknown field and a wrong argument type in Shopify's error shape", async () => {
    const unknown = await admin(`{ shop { nmae } }`);
    expect(unknown.body.errors[0]).toMatchObject({ message: expect.stringContaining('"nmae"'), locations: [{ line: 1, column: 10 }], extensions: { code: "undefinedField" } });
    expect(unknown.body.data).toBeUndefined();
    const wrongType = await admin(`{ products(first: "ten") { nodes { id } } }`);
    expect(wrongType.body.errors[0].extensions.code).toBe("argumentLiteralsIncompatible");
  });

  it("serves the shop with a cost extension", async () => {
    const { body } = await admin(`{ shop { name currencyCode myshopifyDomain ianaTimezone billingAddress { countryCodeV2 } } }`);
    expect(body.data.shop).toEqual({ name: "Borderless Demo", currencyCode: "USD", myshopifyDomain: DEMO_SHOP, ianaTimezone: "America/New_York", billingAddress: { countryCodeV2: "US" } });
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: expect.any(Number), throttleStatus: { maximumAvailable: 2000 } });
  });

  it("pages through products with first/after until hasNextPage is false", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await admin(`query($after: String) { products(first: 10, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
      seen.push(...body.data.products.edges.map((e: any) => e.node.id));
      if (!body.data.products.pageInfo.hasNextPage) break;
      after = body.data.products.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
  });

  it("requires first or last on a connection, as Shopify does", async () => {
    const { body } = await admin(`{ products { nodes { id } } }`);
    expect(body.errors[0].message).toBe("you must provide one of first or last");
  });

  it("filters variants by sku and orders by created_at", async () => {
    const variants = await admin(`{ productVariants(first: 5, query: "sku:VOL-016") { nodes { sku product { title } } } }`);
    expect(variants.body.data.productVariants.nodes).toEqual([{ sku: "VOL-016", product: { title: "Wireless Earbuds" } }]);
    const orders = await admin(`{ orders(first: 250, query: "created_at:>=2026-11-01 created_at:<2026-11-08") { nodes { createdAt } } }`);
    const dates = orders.body.data.orders.nodes.map((o: any) => o.createdAt);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d: string) => d >= "2026-11-01" && d < "2026-11-08")).toBe(true);
  });

  it("finds any object by GID through node/nodes", async () => {
    const order = emulator.store.list(DEMO_SHOP, "Order")[0]!;
    const { body } = await admin(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Order { name } } }`, { ids: [order.id, "gid://shopify/Order/1"] });
    expect(body.data.nodes).toEqual([{ __typename: "Order", name: order.name }, null]);
  });

  it("keeps state across calls: a mutation changes what later queries return", async () => {
    const order = emulator.store.list(DEMO_SHOP, "Order")[5]!;
    const update = await admin(`mutation($input: OrderInput!) { orderUpdate(input: $input) { order { id } userErrors { field message } } }`, { input: { id: order.id, note: "Customs docs printed", tags: ["ddp", "priority"] } });
    expect(update.body.data.orderUpdate.userErrors).toEqual([]);
    const read = await admin(`query($id: ID!) { order(id: $id) { note tags } }`, { id: order.id });
    expect(read.body.data.order).toEqual({ note: "Customs docs printed", tags: ["ddp", "priority"] });

    const item = emulator.store.list(DEMO_SHOP, "InventoryItem")[0]!;
    const hs = await admin(`mutation($id: ID!) { inventoryItemUpdate(id: $id, input: { harmonizedSystemCode: "611030", countryCodeOfOrigin: BD }) { inventoryItem { harmonizedSystemCode countryCodeOfOrigin } userErrors { message } } }`, { id: item.id });
    expect(hs.body.data.inventoryItemUpdate.inventoryItem).toEqual({ harmonizedSystemCode: "611030", countryCodeOfOrigin: "BD" });
    const badHs = await admin(`mutation($id: ID!) { inventoryItemUpdate(id: $id, input: { harmonizedSystemCode: "12" }) { inventoryItem { id } userErrors { field message } } }`, { id: item.id });
    expect(badHs.body.data.inventoryItemUpdate.userErrors[0].field).toEqual(["input", "harmonizedSystemCode"]);

    const level = emulator.store.list(DEMO_SHOP, "InventoryLevel")[0]!;
    const set = await admin(`mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { changes { name delta quantityAfterChange } } userErrors { message code } } }`, {
      input: { name: "available", reason: "correction", quantities: [{ inventoryItemId: level.inventoryItemId, locationId: level.locationId, quantity: 7 }] },
    });
    expect(set.body.data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0]).toMatchObject({ name: "available", quantityAfterChange: 7 });
    const after = await admin(`query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } }`, { id: level.inventoryItemId, loc: level.locationId });
    expect(after.body.data.inventoryItem.inventoryLevel.quantities).toEqual([{ quantity: 7 }]);
    const adjust = await admin(`mutation($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) { inventoryAdjustmentGroup { changes { quantityAfterChange } } userErrors { code } } }`, {
      input: { name: "available", reason: "received", changes: [{ inventoryItemId: level.inventoryItemId, locationId: level.locationId, delta: 5 }] },
    });
    expect(adjust.body.data.inventoryAdjustQuantities.inventoryAdjustmentGroup.changes[0].quantityAfterChange).toBe(12);
  });

  it("runs the fulfillment-service flow: create service, move, request, accept, fulfil with tracking", async () => {
    const created = await admin(`mutation { fulfillmentServiceCreate(name: "Borderless Test 3PL", inventoryManagement: true, trackingSupport: true) { fulfillmentService { id location { id } } userErrors { message } } }`);
    const service = created.body.data.fulfillmentServiceCreate.fulfillmentService;
    const serviceLocation = service.location.id;
    const order = emulator.store.list(DEMO_SHOP, "Order").filter((o) => !o.cancelledAt && o.displayFulfillmentStatus === "UNFULFILLED").at(-1)!;
    const fo = emulator.store.list(DEMO_SHOP, "FulfillmentOrder").find((f) => f.orderId === order.id)!;
    // The new location stocks nothing yet, so Shopify refuses the move.
    const refused = await admin(`mutation($id: ID!, $loc: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $loc) { movedFulfillmentOrder { id } userErrors { message } } }`, { id: fo.id, loc: serviceLocation });
    expect(refused.body.data.fulfillmentOrderMove.userErrors[0].message).toContain("does not stock");
    for (const foliId of fo.lineItemIds) {
      const variantId = emulator.store.get(DEMO_SHOP, emulator.store.get(DEMO_SHOP, foliId, "FulfillmentOrderLineItem")!.lineItemId, "LineItem")!.variantId!;
      emulator.store.insert<InventoryLevelRecord>(DEMO_SHOP, { __typename: "InventoryLevel", inventoryItemId: emulator.store.get(DEMO_SHOP, variantId, "ProductVariant")!.inventoryItemId, locationId: serviceLocation, quantities: { available: 10, on_hand: 10 }, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    }
    const moved = await admin(`mutation($id: ID!, $loc: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $loc) { movedFulfillmentOrder { id assignedLocation { location { id } } } userErrors { message } } }`, { id: fo.id, loc: serviceLocation });
    expect(moved.body.data.fulfillmentOrderMove.movedFulfillmentOrder.assignedLocation.location.id).toBe(serviceLocation);
    await admin(`mutation($id: ID!) { fulfillmentOrderSubmitFulfillmentRequest(id: $id) { userErrors { message } } }`, { id: fo.id });
    const assigned = await admin(`{ shop { assignedFulfillmentOrders(first: 10, assignmentStatus: FULFILLMENT_REQUESTED) { nodes { id requestStatus } } } }`);
    expect(assigned.body.data.shop.assignedFulfillmentOrders.nodes).toEqual([{ id: fo.id, requestStatus: "SUBMITTED" }]);
    const accepted = await admin(`mutation($id: ID!) { fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: "ok") { fulfillmentOrder { status requestStatus } userErrors { message } } }`, { id: fo.id });
    expect(accepted.body.data.fulfillmentOrderAcceptFulfillmentRequest.fulfillmentOrder).toEqual({ status: "IN_PROGRESS", requestStatus: "ACCEPTED" });
    const fulfilled = await admin(`mutation($input: FulfillmentInput!) { fulfillmentCreate(fulfillment: $input) { fulfillment { id status trackingInfo { company number } } userErrors { message } } }`, {
      input: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }], trackingInfo: { company: "DHL Express", number: "1234567890" } },
    });
    expect(fulfilled.body.data.fulfillmentCreate.fulfillment).toMatchObject({ status: "SUCCESS", trackingInfo: [{ company: "DHL Express", number: "1234567890" }] });
    const read = await admin(`query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillmentOrders(first: 5) { nodes { status } } } }`, { id: order.id });
    expect(read.body.data.order).toEqual({ displayFulfillmentStatus: "FULFILLED", fulfillmentOrders: { nodes: [{ status: "CLOSED" }] } });
    const tracking = await admin(`mutation($id: ID!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: { company: "UPS", number: "1Z999" }) { fulfillment { trackingInfo { company number } } userErrors { message } } }`, { id: fulfilled.body.data.fulfillmentCreate.fulfillment.id });
    expect(tracking.body.data.fulfillmentTrackingInfoUpdate.fulfillment.trackingInfo).toEqual([{ company: "UPS", number: "1Z999" }]);
  });

  it("requests, approves and ships back a return", async () => {
    const fulfillment = emulator.store.list(DEMO_SHOP, "Fulfillment").find((f) => !emulator.store.list(DEMO_SHOP, "Return").some((r) => r.orderId === f.orderId))!;
    const fli = fulfillment.fulfillmentLineItemIds[0]!;
    const requested = await admin(`mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id status } userErrors { message } } }`, {
      input: { orderId: fulfillment.orderId, returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 1, returnReason: "SIZE_TOO_SMALL" }] },
    });
    const ret = requested.body.data.returnRequest.return;
    expect(ret.status).toBe("REQUESTED");
    const approved = await admin(`mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { return { status reverseFulfillmentOrders(first: 1) { nodes { id lineItems(first: 5) { nodes { id totalQuantity } } } } } userErrors { message } } }`, { id: ret.id });
    const rfo = approved.body.data.returnApproveRequest.return.reverseFulfillmentOrders.nodes[0];
    expect(approved.body.data.returnApproveRequest.return.status).toBe("OPEN");
    const delivery = await admin(`mutation($rfo: ID!, $line: ID!) { reverseDeliveryCreateWithShipping(reverseFulfillmentOrderId: $rfo, reverseDeliveryLineItems: [{ reverseFulfillmentOrderLineItemId: $line, quantity: 1 }], trackingInput: { number: "RET123", url: "https://track.example/RET123" }, labelInput: { fileUrl: "https://labels.example/RET123.pdf" }) { reverseDelivery { deliverable { ... on ReverseDeliveryShippingDeliverable { tracking { number } label { publicFileUrl } } } } userErrors { message } } }`, { rfo: rfo.id, line: rfo.lineItems.nodes[0].id });
    expect(delivery.body.data.reverseDeliveryCreateWithShipping.reverseDelivery.deliverable).toEqual({ tracking: { number: "RET123" }, label: { publicFileUrl: "https://labels.example/RET123.pdf" } });
    const tooMany = await admin(`mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { message } } }`, {
      input: { orderId: fulfillment.orderId, returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 99, returnReason: "OTHER" }] },
    });
    expect(tooMany.body.data.returnRequest.userErrors[0].message).toBe("Quantity is not available for return.");
  });

  it("creates carrier services and webhook subscriptions and reads them back", async () => {
    const created = await admin(`mutation { carrierServiceCreate(input: { name: "Borderless Rates", callbackUrl: "https://app.example/rates", active: true, supportsServiceDiscovery: true }) { carrierService { id formattedName active } userErrors { message } } }`);
    const id = created.body.data.carrierServiceCreate.carrierService.id;
    await admin(`mutation($id: ID!) { carrierServiceUpdate(input: { id: $id, active: false }) { userErrors { message } } }`, { id });
    const services = await admin(`{ carrierServices(first: 5) { nodes { name active } } }`);
    expect(services.body.data.carrierServices.nodes).toEqual([{ name: "Borderless Rates", active: false }]);
    const hook = await admin(`mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: "https://app.example/webhooks", format: JSON }) { webhookSubscription { topic uri } userErrors { message } } }`);
    expect(hook.body.data.webhookSubscriptionCreate.webhookSubscription).toEqual({ topic: "ORDERS_CREATE", uri: "https://app.example/webhooks" });
  });

  it("runs a bulk query to Shopify's JSONL: CREATED -> RUNNING -> COMPLETED, children with __parentId", async () => {
    const started = await admin(`mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id status } userErrors { message } } }`, {
      q: `{ products { edges { node { id title variants { edges { node { id sku } } } } } } }`,
    });
    expect(started.body.data.bulkOperationRunQuery.bulkOperation.status).toBe("CREATED");
    const seen = new Set<string>();
    let op: any;
    for (let i = 0; i < 100; i++) {
      op = (await admin(`{ currentBulkOperation { id status objectCount rootObjectCount url } }`)).body.data.currentBulkOperation;
      seen.add(op.status);
      if (op.status === "COMPLETED") break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(op.status).toBe("COMPLETED");
    expect(seen.has("RUNNING") || seen.has("CREATED")).toBe(true);
    const lines = (await (await fetch(op.url)).text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(Number(op.objectCount));
    expect(lines.filter((l) => !l.__parentId)).toHaveLength(24);
    expect(op.rootObjectCount).toBe("24");
    const firstProduct = lines[0];
    expect(firstProduct).toEqual({ id: expect.stringMatching(/^gid:\/\/shopify\/Product\//), title: "Merino Crew Sweater" });
    expect(lines[1]).toEqual({ id: expect.stringMatching(/ProductVariant/), sku: "NOR-001-S", __parentId: firstProduct.id });
  });

  it("keeps shops apart: a second shop sees none of the demo shop's data", async () => {
    const second = emulator.store.createShop({ domain: "second-shop.myshopify.com" });
    const { body } = await admin(`{ shop { myshopifyDomain } orders(first: 5) { nodes { id } } products(first: 5) { nodes { id } } }`, undefined, second.domain, second.accessToken);
    expect(body.data).toEqual({ shop: { myshopifyDomain: "second-shop.myshopify.com" }, orders: { nodes: [] }, products: { nodes: [] } });
    const order = emulator.store.list(DEMO_SHOP, "Order")[0]!;
    const cross = await admin(`query($id: ID!) { order(id: $id) { id } }`, { id: order.id }, second.domain, second.accessToken);
    expect(cross.body.data.order).toBeNull();
    const wrongToken = await admin(`{ shop { name } }`, undefined, second.domain, DEMO_ACCESS_TOKEN);
    expect(wrongToken.status).toBe(401);
  });
});

describe("webhooks", () => {
  it("delivers a signed orders/updated webhook to the target after a mutation", async () => {
    const received: { path: string; headers: IncomingMessage["headers"]; body: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        // Fail the first attempt so the retry is exercised.
        res.writeHead(received.length === 1 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const local = await startEmulator({ seed: { now: NOW }, apiSecret: SECRET, webhookTarget: target });
    try {
      local.webhooks!.enabled = true;
      const order = local.store.list(DEMO_SHOP, "Order")[0]!;
      const response = await fetch(`${local.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
        method: "POST", headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_ACCESS_TOKEN },
        body: JSON.stringify({ query: `mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { message } } }`, variables: { input: { id: order.id, tags: ["webhook-test"] } } }),
      });
      expect(response.status).toBe(200);
      await local.webhooks!.idle();
      expect(received.length).toBe(2);
      const delivery = received[1]!;
      expect(delivery.path).toBe("/webhooks/orders/updated");
      expect(delivery.headers["x-shopify-topic"]).toBe("orders/updated");
      expect(delivery.headers["x-shopify-shop-domain"]).toBe(DEMO_SHOP);
      expect(delivery.headers["x-shopify-api-version"]).toBe("2026-10");
      expect(delivery.headers["x-shopify-webhook-id"]).toBeTruthy();
      expect(delivery.headers["x-shopify-event-id"]).toBeTruthy();
      expect(delivery.headers["x-shopify-triggered-at"]).toBeTruthy();
      const expected = createHmac("sha256", SECRET).update(delivery.body, "utf8").digest("base64");
      expect(delivery.headers["x-shopify-hmac-sha256"]).toBe(expected);
      const payload = JSON.parse(delivery.body);
      expect(payload).toMatchObject({ admin_graphql_api_id: order.id, name: order.name, tags: "webhook-test", currency: "USD" });
      expect(payload.line_items.length).toBe(order.lineItemIds.length);
      expect(payload.shipping_address.country_code).toBe(order.shippingAddress!.countryCode);

      local.webhooks!.enabled = false;
      await fetch(`${local.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
        method: "POST", headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_ACCESS_TOKEN },
        body: JSON.stringify({ query: `mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { message } } }`, variables: { input: { id: order.id, note: "silent" } } }),
      });
      await local.webhooks!.idle();
      expect(received.length).toBe(2);
    } finally {
      await local.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe("counts", () => {
  it("counts what the connections list, with the query filter and Shopify's precision", async () => {
    const emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z") } });
    try {
      const ask = async (query: string) => {
        const res = await fetch(`${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN },
          body: JSON.stringify({ query }),
        });
        return ((await res.json()) as { data: Record<string, { count: number; precision: string }> }).data;
      };
      const counts = await ask(`{ productsCount { count precision } ordersCount(limit: null) { count } capped: ordersCount(limit: 5) { count precision } gb: ordersCount(query: "country:GB", limit: null) { count } locationsCount { count } }`);
      expect(counts.productsCount).toEqual({ count: emulator.store.list(DEMO_SHOP, "Product").length, precision: "EXACT" });
      expect(counts.ordersCount!.count).toBe(emulator.store.list(DEMO_SHOP, "Order").length);
      expect(counts.capped).toEqual({ count: 5, precision: "AT_LEAST" });
      expect(counts.gb!.count).toBe(emulator.store.list(DEMO_SHOP, "Order").filter((o) => o.shippingAddress?.countryCode === "GB").length);
      expect(counts.gb!.count).toBeGreaterThan(0);
      expect(counts.locationsCount!.count).toBe(3);
    } finally {
      await emulator.close();
    }
  });
});
