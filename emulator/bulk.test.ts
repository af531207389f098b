import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BACKFILL_ORDERS_QUERY } from "../app/integrations/shopify/bulk-orders.server";
import { BULK_PAGE_SIZE, bulkLines, bulkPlan, startBulkQuery } from "./bulk";
import type { AdminContext } from "./context";
import { executeAdminDocument } from "./execute";
import { legacyId } from "./gid";
import { placeOrder } from "./orders";
import type { BulkOperationRecord } from "./records";
import { DEMO_SHOP, seedDemoStore } from "./seed";
import { Store } from "./store";

const NOW = new Date("2026-11-25T12:00:00Z");

/** The demo shop with `count` more (unfulfilled) orders. */
function storeWithOrders(count: number): Store {
  const store = new Store();
  seedDemoStore(store, { now: NOW });
  const variants = store.list(DEMO_SHOP, "ProductVariant");
  const customer = store.list(DEMO_SHOP, "Customer")[0]!;
  const location = store.list(DEMO_SHOP, "Location")[0]!;
  const a = customer.defaultAddress;
  for (let i = 0; i < count; i++) {
    placeOrder(store, DEMO_SHOP, {
      customerId: customer.id, email: customer.email,
      shippingAddress: { firstName: a.firstName, lastName: a.lastName, company: null, address1: a.address1, address2: null, city: a.city, province: a.province, provinceCode: a.provinceCode, zip: a.zip, country: a.country, countryCode: a.countryCode, phone: a.phone },
      lines: [{ variantId: variants[i % variants.length]!.id, quantity: 1 + (i % 3) }],
      shippingLine: { title: "Standard", code: "STD", price: "9.90" },
      locationId: location.id,
      createdAt: new Date(NOW.getTime() - i * 60_000).toISOString(),
    });
  }
  return store;
}

async function runToEnd(ctx: AdminContext, query: string): Promise<{ operation: BulkOperationRecord; lines: Record<string, unknown>[] }> {
  const { bulkOperation, userErrors } = startBulkQuery(ctx, query);
  expect(userErrors).toEqual([]);
  const operation = bulkOperation as BulkOperationRecord;
  while (operation.status !== "COMPLETED" && operation.status !== "FAILED") await new Promise((resolve) => setTimeout(resolve, 5));
  const file = ctx.store.bulkResults.get(String(legacyId(operation.id)));
  const lines = file ? readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>) : [];
  return { operation, lines };
}

/** The JSONL the whole query executed at once gives: what a paged run must reproduce. */
async function wholeQueryLines(ctx: AdminContext, query: string) {
  const result = await executeAdminDocument({ ...ctx, bulk: true }, { query });
  expect(result.errors).toBeUndefined();
  return [...bulkLines(result.data!)];
}

describe("bulk query result", () => {
  const store = storeWithOrders(BULK_PAGE_SIZE * 2 + 17);
  const ctx: AdminContext = { store, shop: DEMO_SHOP, baseUrl: "http://emulator.test", bulk: false };

  it("runs the backfill query a page of orders at a time and writes the same lines, in the same order, as running it whole", async () => {
    expect(bulkPlan(BACKFILL_ORDERS_QUERY)).not.toBeNull();
    const { operation, lines } = await runToEnd(ctx, BACKFILL_ORDERS_QUERY);
    expect(operation.status).toBe("COMPLETED");
    expect(lines).toEqual(await wholeQueryLines(ctx, BACKFILL_ORDERS_QUERY));
    expect(operation.rootObjectCount).toBe(String(store.count(DEMO_SHOP, "Order")));
    expect(operation.objectCount).toBe(String(lines.length));
    expect(Number(operation.fileSize)).toBe(Buffer.byteLength(lines.map((l) => JSON.stringify(l) + "\n").join("")));
  });

  it("keeps the root connection's own arguments (search, sort, reverse) when paging", async () => {
    const query = `{ orders(query: "fulfillment_status:unshipped", sortKey: CREATED_AT, reverse: true) { nodes { id name createdAt lineItems { nodes { id sku } } } } }`;
    const { operation, lines } = await runToEnd(ctx, query);
    expect(operation.status).toBe("COMPLETED");
    const whole = await wholeQueryLines(ctx, query);
    expect(whole.filter((l) => !l.__parentId).length).toBeGreaterThan(BULK_PAGE_SIZE);
    expect(lines).toEqual(whole);
  });

  it("runs a query it cannot page (pagination arguments on the root) whole, as Shopify returns it", async () => {
    const query = `{ orders(first: 3) { edges { node { id lineItems { edges { node { id } } } } } } }`;
    expect(bulkPlan(query)).toBeNull();
    const { operation, lines } = await runToEnd(ctx, query);
    expect(operation.status).toBe("COMPLETED");
    expect(operation.rootObjectCount).toBe("3");
    expect(lines).toEqual(await wholeQueryLines(ctx, query));
  });
});
