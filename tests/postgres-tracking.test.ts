import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { startPostgres, type RunningPostgres } from "./support/postgres";

/**
 * Tracking intake on PostgreSQL with two app instances (two Prisma clients, two pools): the same
 * carrier scan delivered to both at once is stored once and announced once.
 */
const SHOP = "pg-tracking.myshopify.com";
let pg: RunningPostgres;
let a: PrismaClient;
let b: PrismaClient;
let tracking: typeof import("../app/integrations/tracking/shipments.server");

beforeAll(async () => {
  pg = await startPostgres();
  const url = await pg.createDatabase("tracking");
  const { migrateDatabase } = await import("../app/db/migrate.server");
  await migrateDatabase(url);
  const { createPrismaClient } = await import("../app/db.server");
  a = createPrismaClient(url);
  b = createPrismaClient(url);
  tracking = await import("../app/integrations/tracking/shipments.server");
});
afterAll(async () => {
  await a?.$disconnect();
  await b?.$disconnect();
  await pg?.stop();
});

describe("tracking on PostgreSQL", () => {
  it("GIVEN two instances WHEN the same out-for-delivery scans reach both at once, many times THEN each scan is stored once and one message per channel is queued", async () => {
    const now = new Date("2026-11-20T08:00:00Z");
    const shipment = await tracking.upsertShipment(a, { shop: SHOP, carrier: "ups", trackingNumber: "1Z999AA10123456784", buyerEmail: "kim@example.com", buyerPhone: "+15558675310" }, now);
    await a.trackingSettings.create({ data: { shop: SHOP, smsStages: '["out_for_delivery"]' } });
    const update = { shop: SHOP, carrier: "ups", trackingNumber: "1Z999AA10123456784", checkpoints: [
      { key: "p", at: "2026-11-19T10:00:00Z", stage: "picked_up" as const, code: "P", description: "Pickup Scan" },
      { key: "o", at: "2026-11-20T07:30:00Z", stage: "out_for_delivery" as const, code: "O", description: "Out For Delivery Today" },
    ] };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => tracking.ingestTrackingUpdates(i % 2 ? a : b, [update], { now, source: "webhook" })));
    expect(results.flat().every((o) => o.found && o.status === "out_for_delivery")).toBe(true);
    expect(await a.shipmentEvent.count({ where: { shipmentId: shipment.id } })).toBe(2);
    expect((await a.notification.findMany({ where: { shipmentId: shipment.id }, orderBy: { channel: "asc" } })).map((n) => [n.stage, n.channel])).toEqual([
      ["out_for_delivery", "email"],
      ["out_for_delivery", "sms"],
    ]);
    expect(await a.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).toMatchObject({ status: "out_for_delivery", stagesReached: '["picked_up","out_for_delivery"]' });
  }, 60_000);
});
