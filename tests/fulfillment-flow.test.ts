import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { orderFromShopify, routeOrders, type NamedOrder } from "../app/integrations/routing/route-orders.server";
import { createSandboxCarrier } from "../app/integrations/carriers/sandbox-outbound/adapter";
import { answerCancellationRequest, fulfilOrder, FulfillmentFlowError, type Gql } from "../app/integrations/shopify/fulfillment.server";
import { adminGraphqlWithToken } from "../app/integrations/shopify/returns.server";
import { quoteDependencies } from "../app/services/shipping-quote.server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import { placeOrder } from "../emulator/orders";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { seedWarehouses } from "../scripts/fulfillment-demo";

const NOW = new Date("2026-11-25T09:00:00Z");
let emulator: RunningEmulator;
let graphql: Gql;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: NOW } });
  graphql = adminGraphqlWithToken(`${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, DEMO_ACCESS_TOKEN) as Gql;
  await seedWarehouses(db, DEMO_SHOP, graphql);
});
afterAll(async () => {
  await emulator.close();
});

const store = () => emulator.store;
const location = (country: string) => store().list(DEMO_SHOP, "Location").find((l) => l.address.countryCode === country && !l.fulfillmentServiceId)!;
const available = (itemId: string, locationId: string) =>
  ((store().list(DEMO_SHOP, "InventoryLevel").find((l) => l.inventoryItemId === itemId && l.locationId === locationId)?.quantities ?? {}) as Record<string, number>).available ?? 0;
/** A variant both New Jersey and Venlo hold plenty of. */
function variantAtBoth() {
  const v = store().list(DEMO_SHOP, "ProductVariant").find((v) => available(v.inventoryItemId, location("US").id) > 5 && available(v.inventoryItemId, location("NL").id) > 5);
  if (!v) throw new Error("seed has no variant stocked in both New Jersey and Venlo");
  return v;
}

/** GIVEN a buyer's order, placed the way Shopify's default routing places it: at the primary location, New Jersey. */
function placeOrderFor(country: string, city: string, zip: string, quantity = 1) {
  const v = variantAtBoth();
  return placeOrder(store(), DEMO_SHOP, {
    customerId: null, email: "buyer@example.com",
    shippingAddress: { firstName: "Lea", lastName: "Fischer", name: "Lea Fischer", company: null, address1: "Hauptstrasse 5", address2: null, city, province: null, provinceCode: null, zip, country, countryCode: country, countryCodeV2: country, phone: null } as never,
    lines: [{ variantId: v.id, quantity }], shippingLine: { title: "Standard", code: "standard", price: "9.00" },
    locationId: location("US").id, createdAt: NOW.toISOString(),
  });
}

async function route(orderId: string) {
  const found = await orderFromShopify(graphql, orderId);
  if (!("order" in found)) throw new Error(found.problem);
  const [stored] = await routeOrders(db, DEMO_SHOP, graphql, [found as NamedOrder], { now: NOW, ...quoteDependencies(), trigger: "new" });
  return stored!;
}

const fulfillmentsOf = (orderId: string) => store().list(DEMO_SHOP, "Fulfillment").filter((f) => f.orderId === orderId);

describe("GIVEN a German buyer's order placed at New Jersey", () => {
  it("WHEN routed and fulfilled THEN it moves to the Venlo service, the request is accepted, a label is bought and the fulfillment carries its tracking number", async () => {
    const order = placeOrderFor("DE", "Berlin", "10115");
    const decision = await route(order.id);
    expect(decision.status).toBe("routed");
    expect(JSON.parse(decision.shipments)[0].warehouseId).toBe("nl-venlo");
    expect(decision.reason).toMatch(/^Venlo 3PL \(EU\) via/);

    const sandbox = createSandboxCarrier();
    const shipped = await fulfilOrder({ db, graphql, shop: DEMO_SHOP, carrier: sandbox.adapter, today: "2026-11-25", seller: { name: "Borderless Demo Store" } }, order.id);
    expect(shipped).toHaveLength(1);

    const venlo = await db.warehouse.findUniqueOrThrow({ where: { shop_code: { shop: DEMO_SHOP, code: "nl-venlo" } } });
    const fo = store().get(DEMO_SHOP, shipped[0]!.fulfillmentOrderId, "FulfillmentOrder")!;
    expect(fo.assignedLocationId).toBe(venlo.fulfillmentServiceLocationId);
    // Accepted by the service, then closed by the fulfillment, as Shopify records it.
    expect(fo.status).toBe("CLOSED");
    expect(fo.requestStatus).toBe("CLOSED");
    const steps = await db.fulfillmentStep.findMany({ where: { shop: DEMO_SHOP, orderShopifyId: order.id }, orderBy: { createdAt: "asc" } });
    expect(steps.map((s) => [s.step.split(":")[0], s.status])).toEqual([["move", "done"], ["request", "done"], ["accept", "done"], ["label", "done"], ["invoice", "done"], ["fulfillment", "done"]]);
    expect(JSON.parse(steps[2]!.result!)).toEqual({ requestStatus: "ACCEPTED" });
    const [fulfillment] = fulfillmentsOf(order.id);
    expect(fulfillment!.trackingInfo.map((t) => t.number)).toEqual([shipped[0]!.trackingNumber]);
    expect(store().get(DEMO_SHOP, order.id, "Order")!.displayFulfillmentStatus).toBe("FULFILLED");
    const label = await db.fulfillmentDocument.findFirstOrThrow({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, kind: "label" } });
    expect(Buffer.from(label.content).subarray(0, 5).toString()).toBe("%PDF-");
    // Venlo to Berlin crosses no customs border: no commercial invoice.
    expect(shipped[0]!.invoice).toBe(false);
  });
});

describe("GIVEN a Swiss buyer's order", () => {
  it("WHEN fulfilled THEN the parcel crosses a customs border and a commercial invoice PDF is attached with the label's tracking number", async () => {
    const order = placeOrderFor("CH", "Zurich", "8001");
    await route(order.id);
    const shipped = await fulfilOrder({ db, graphql, shop: DEMO_SHOP, carrier: createSandboxCarrier().adapter, today: "2026-11-25", seller: { name: "Borderless Demo Store" } }, order.id);
    expect(shipped[0]!.invoice).toBe(true);
    const invoice = await db.fulfillmentDocument.findFirstOrThrow({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, kind: "invoice" } });
    expect(invoice.trackingNumber).toBe(shipped[0]!.trackingNumber);
    expect(Buffer.from(invoice.content).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

/**
 * Failure at each step: "before" fails the call before it reaches Shopify or the carrier,
 * "after" lets it happen and loses the answer (the worst case: the side effect exists).
 */
const STEPS = [
  ["move", "BorderlessFulfillmentOrderMove"],
  ["request", "BorderlessFulfillmentRequestSubmit"],
  ["accept", "BorderlessFulfillmentRequestAccept"],
  ["label", "carrier"],
  ["fulfillment", "BorderlessFulfillmentCreate"],
] as const;

describe("GIVEN a failure injected at each step of the flow", () => {
  for (const [stepName, target] of STEPS) {
    for (const when of ["before", "after"] as const) {
      it(`WHEN the ${stepName} step fails ${when} its call THEN a retry finishes with one label and one fulfillment`, async () => {
        const order = placeOrderFor("FR", "Paris", "75001");
        await route(order.id);
        const sandbox = createSandboxCarrier();
        let armed = true;
        const failing: Gql = async (query, variables) => {
          if (armed && target !== "carrier" && query.includes(`mutation ${target}`)) {
            armed = false;
            if (when === "before") throw new Error("connection reset");
            await graphql(query, variables);
            throw new Error("response lost");
          }
          return graphql(query, variables);
        };
        const carrier = {
          ...sandbox.adapter,
          async createShipment(request: Parameters<typeof sandbox.adapter.createShipment>[0]) {
            if (armed && target === "carrier") {
              armed = false;
              if (when === "before") throw new Error("carrier timeout");
              await sandbox.adapter.createShipment(request);
              throw new Error("carrier answer lost");
            }
            return sandbox.adapter.createShipment(request);
          },
        };
        const deps = { db, graphql: failing, shop: DEMO_SHOP, carrier, today: "2026-11-25", seller: { name: "Borderless Demo Store" } };
        await expect(fulfilOrder(deps, order.id)).rejects.toThrow(/connection reset|response lost|carrier timeout|carrier answer lost/);
        const failed = await db.fulfillmentStep.findFirst({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, status: "failed" } });
        expect(failed?.step.startsWith(`${stepName}:`)).toBe(true);

        const shipped = await fulfilOrder(deps, order.id);
        expect(fulfillmentsOf(order.id)).toHaveLength(1);
        expect(fulfillmentsOf(order.id)[0]!.trackingInfo.map((t) => t.number)).toEqual([shipped[0]!.trackingNumber]);
        expect(sandbox.activeLabels()).toHaveLength(1);
        expect(await db.fulfillmentDocument.count({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, kind: "label" } })).toBe(1);
        // And a third run changes nothing.
        await fulfilOrder(deps, order.id);
        expect(fulfillmentsOf(order.id)).toHaveLength(1);
        expect(sandbox.activeLabels()).toHaveLength(1);
      });
    }
  }

  it("WHEN Shopify refuses the fulfillment for good (the fulfillment order was closed) THEN the bought label is voided", async () => {
    const order = placeOrderFor("IT", "Milano", "20121");
    await route(order.id);
    const sandbox = createSandboxCarrier();
    const closing: Gql = async (query, variables) => {
      if (query.includes("mutation BorderlessFulfillmentCreate")) {
        const id = (variables as { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: string }[] } }).fulfillment.lineItemsByFulfillmentOrder[0]!.fulfillmentOrderId;
        store().get(DEMO_SHOP, id, "FulfillmentOrder")!.status = "CLOSED";
      }
      return graphql(query, variables);
    };
    const error = await fulfilOrder({ db, graphql: closing, shop: DEMO_SHOP, carrier: sandbox.adapter, today: "2026-11-25", seller: { name: "Borderless Demo Store" } }, order.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FulfillmentFlowError);
    expect((error as Error).message).toMatch(/Shopify refused to create the fulfillment \(label voided\): .*unfulfillable status/);
    expect(fulfillmentsOf(order.id)).toHaveLength(0);
    expect(sandbox.activeLabels()).toHaveLength(0);
    expect(sandbox.voided()).toHaveLength(1);
    const label = await db.fulfillmentDocument.findFirstOrThrow({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, kind: "label" } });
    expect(label.voidedAt).not.toBeNull();
  });

  it("WHEN the order was never routed THEN nothing is sent and the answer says why", async () => {
    const order = placeOrderFor("ES", "Madrid", "28001");
    const error = await fulfilOrder({ db, graphql, shop: DEMO_SHOP, carrier: createSandboxCarrier().adapter, today: "2026-11-25", seller: { name: "x" } }, order.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, message: "The order has not been routed yet" });
    expect(fulfillmentsOf(order.id)).toHaveLength(0);
  });
});

describe("GIVEN a cancellation request from the merchant", () => {
  const requestCancellation = (id: string) =>
    graphql(`mutation($id: ID!) { fulfillmentOrderSubmitCancellationRequest(id: $id, message: "Buyer changed their mind") { fulfillmentOrder { id } userErrors { message } } }`, { id });
  /** Runs the flow up to the label and stops before the fulfillment, as a crash there would. */
  async function labelledButNotShipped(country: string, city: string, zip: string, carrier: ReturnType<typeof createSandboxCarrier>) {
    const order = placeOrderFor(country, city, zip);
    await route(order.id);
    const stopping: Gql = async (query, variables) => {
      if (query.includes("mutation BorderlessFulfillmentCreate")) throw new Error("stopped before shipping");
      return graphql(query, variables);
    };
    await expect(fulfilOrder({ db, graphql: stopping, shop: DEMO_SHOP, carrier: carrier.adapter, today: "2026-11-25", seller: { name: "Borderless Demo Store" } }, order.id)).rejects.toThrow("stopped before shipping");
    const label = await db.fulfillmentDocument.findFirstOrThrow({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, kind: "label" } });
    return { order, foId: label.reference };
  }

  it("WHEN the label is bought but nothing shipped THEN the warehouse accepts, voids the label and undoes its steps", async () => {
    const sandbox = createSandboxCarrier();
    const { order, foId } = await labelledButNotShipped("NL", "Amsterdam", "1012 AB", sandbox);
    await requestCancellation(foId);
    const answer = await answerCancellationRequest({ db, graphql, shop: DEMO_SHOP, carrier: sandbox.adapter }, order.id, foId);
    expect(answer).toEqual({ accepted: true, message: "Cancelled; the label was voided" });
    expect(store().get(DEMO_SHOP, foId, "FulfillmentOrder")!.requestStatus).toBe("CANCELLATION_ACCEPTED");
    expect(sandbox.activeLabels()).toHaveLength(0);
    expect(fulfillmentsOf(order.id)).toHaveLength(0);
    expect((await db.fulfillmentDocument.findFirstOrThrow({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, kind: "label" } })).voidedAt).not.toBeNull();
    expect(await db.fulfillmentStep.count({ where: { shop: DEMO_SHOP, orderShopifyId: order.id, status: "done" } })).toBe(0);
  });

  it("WHEN the carrier will no longer void the label THEN the warehouse rejects the cancellation and says why", async () => {
    const bought = createSandboxCarrier();
    const { order, foId } = await labelledButNotShipped("BE", "Brussels", "1000", bought);
    await requestCancellation(foId);
    // Another account than the one the label was bought on: the carrier knows no such label.
    const answer = await answerCancellationRequest({ db, graphql, shop: DEMO_SHOP, carrier: createSandboxCarrier().adapter }, order.id, foId);
    expect(answer.accepted).toBe(false);
    expect(answer.message).toMatch(/^Label SBX\d{12} could not be cancelled: no label SBX\d{12} on this account$/);
    expect(store().get(DEMO_SHOP, foId, "FulfillmentOrder")!.requestStatus).toBe("CANCELLATION_REJECTED");
    expect(bought.activeLabels()).toHaveLength(1);
  });
});
