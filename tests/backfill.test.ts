import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { runBackfills, requestBackfill } from "../app/jobs/backfill.server";
import { backfillDeps } from "../app/jobs/runtime.server";
import type { BulkAdmin } from "../app/integrations/shopify/bulk-orders.server";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 2 } });
  await db.session.create({ data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "x", isOnline: false, accessToken: DEMO_ACCESS_TOKEN } });
});
afterAll(async () => {
  await emulator?.close();
});

async function untilSettled(run: (now: () => Date) => Promise<boolean>, id: string) {
  let clock = Date.now();
  for (let i = 0; i < 20; i++) {
    await run(() => new Date(clock));
    const state = await db.backfillRun.findUniqueOrThrow({ where: { id } });
    if (["completed", "failed"].includes(state.status)) return state;
    clock += 10 * 60_000; // past any backoff
  }
  throw new Error("backfill did not settle");
}

describe("backfill through a bulk operation", () => {
  it("GIVEN a seeded store WHEN a backfill runs and its download breaks halfway THEN it resumes at the last batch and every order is stored once with lines, HS codes, origins and fulfillment orders", async () => {
    const expected = emulator.store.list(DEMO_SHOP, "Order");
    expect(expected.length).toBeGreaterThan(100);
    const base = backfillDeps(db, { apiVersion: "2026-10", emulatorUrl: emulator.url });
    let broken = true;
    const resumedFrom: number[] = [];
    // The first download dies after 400 lines, like a connection reset or a killed process.
    const deps = {
      batchSize: 25,
      pollMs: 20,
      async adminFor(shop: string): Promise<BulkAdmin | null> {
        const admin = (await base.adminFor(shop))!;
        return {
          ...admin,
          async *lines(url: string) {
            let n = 0;
            const state = await db.backfillRun.findFirstOrThrow({ where: { shop } });
            if (!broken) resumedFrom.push(state.linesDone);
            for await (const line of admin.lines(url)) {
              if (broken && ++n > 400) {
                broken = false;
                throw new Error("socket hang up");
              }
              yield line;
            }
          },
        };
      },
    };
    const { id } = await requestBackfill(db, DEMO_SHOP);
    const run = (now: () => Date) => runBackfills({ db, owner: "test", leaseMs: 60_000, now, deps, isRunning: () => true });

    await run(() => new Date());
    const interrupted = await db.backfillRun.findUniqueOrThrow({ where: { id } });
    expect(interrupted.status).toBe("importing");
    expect(interrupted.error).toBe("socket hang up");
    expect(interrupted.linesDone).toBeGreaterThan(0);
    expect(interrupted.ordersImported).toBeGreaterThan(0);
    expect(interrupted.ordersImported).toBeLessThan(expected.length);

    const finished = await untilSettled(run, id);
    expect(finished.status).toBe("completed");
    expect(resumedFrom).toEqual([interrupted.linesDone]);
    expect(finished.ordersImported).toBe(expected.length);
    expect(await db.order.count({ where: { shop: DEMO_SHOP } })).toBe(expected.length);

    const sample = expected[expected.length - 1]!;
    const stored = await db.order.findUniqueOrThrow({ where: { shop_shopifyId: { shop: DEMO_SHOP, shopifyId: sample.id } }, include: { lines: true, fulfillmentOrders: { include: { lines: true } }, shippingLines: true } });
    expect(stored.name).toBe(sample.name);
    expect(stored.lines.length).toBe(sample.lineItemIds.length);
    expect(stored.lines.every((l) => l.hsCode && l.countryOfOrigin && l.grams > 0 && l.sku)).toBe(true);
    expect(stored.shippingLines.length).toBe(1);
    expect(stored.fulfillmentOrders.length).toBe(1);
    expect(stored.fulfillmentOrders[0]!.assignedLocationId).toBe(emulator.store.list(DEMO_SHOP, "FulfillmentOrder").find((fo) => fo.orderId === sample.id)!.assignedLocationId);
    expect(stored.destCountryCode).toBe(sample.shippingAddress!.countryCode);
    expect(stored.totalMinor).toBeGreaterThan(0);
    const lineCount = await db.orderLine.count({ where: { shop: DEMO_SHOP } });
    expect(lineCount).toBe(expected.reduce((s, o) => s + o.lineItemIds.length, 0));
  });
  it("GIVEN orders already stored, one newer than Shopify's and one older, and one missing WHEN a backfill runs again THEN the newer stays, the older is replaced, the missing one is written, and dates read back exactly", async () => {
    const expected = emulator.store.list(DEMO_SHOP, "Order");
    const [newer, older, missing] = [expected[3]!, expected[4]!, expected[5]!];
    await db.order.update({ where: { shop_shopifyId: { shop: DEMO_SHOP, shopifyId: newer.id } }, data: { name: "KEEP", shopifyUpdatedAt: new Date("2099-01-01T00:00:00Z") } });
    await db.order.update({ where: { shop_shopifyId: { shop: DEMO_SHOP, shopifyId: older.id } }, data: { name: "OLD", shopifyUpdatedAt: new Date("2000-01-01T00:00:00Z") } });
    await db.order.delete({ where: { shop_shopifyId: { shop: DEMO_SHOP, shopifyId: missing.id } } });
    const { id } = await requestBackfill(db, DEMO_SHOP);
    const deps = { ...backfillDeps(db, { apiVersion: "2026-10", emulatorUrl: emulator.url }), pollMs: 20 };
    const finished = await untilSettled((now) => runBackfills({ db, owner: "test-2", leaseMs: 60_000, now, deps, isRunning: () => true }), id);
    expect(finished.status).toBe("completed");
    expect(finished.ordersImported).toBe(expected.length);
    expect(await db.order.count({ where: { shop: DEMO_SHOP } })).toBe(expected.length);
    const byId = async (shopifyId: string) => db.order.findUniqueOrThrow({ where: { shop_shopifyId: { shop: DEMO_SHOP, shopifyId } }, include: { lines: true } });
    expect((await byId(newer.id)).name).toBe("KEEP");
    expect((await byId(older.id)).name).toBe(older.name);
    const written = await byId(missing.id);
    expect(written.name).toBe(missing.name);
    expect(written.lines.length).toBe(missing.lineItemIds.length);
    expect(written.source).toBe("backfill");
    expect(written.shopifyCreatedAt.toISOString()).toBe(new Date(missing.createdAt).toISOString());
    expect(written.shopifyUpdatedAt.toISOString()).toBe(new Date(missing.updatedAt).toISOString());
    expect(written.syncedAt).toBeInstanceOf(Date);
    expect(written.lines.every((l) => typeof l.requiresShipping === "boolean")).toBe(true);
  });
});
