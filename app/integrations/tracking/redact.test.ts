import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { ingestTrackingUpdates, upsertShipment } from "./shipments.server";
import { redactShipmentBuyers } from "./redact.server";

describe("customers/redact on shipments", () => {
  it("GIVEN two shops with the same buyer WHEN one shop redacts them THEN that shop's shipments lose name, email and phone, the other shop's do not", async () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const buyer = { buyerName: "Aiko Tanaka", buyerEmail: "aiko@example.jp", buyerPhone: "+81312345678", buyerLocale: "ja" };
    const a = await upsertShipment(db, { shop: "a.myshopify.com", carrier: "ups", trackingNumber: "1Z1", orderShopifyId: "gid://shopify/Order/1", ...buyer }, now);
    await upsertShipment(db, { shop: "b.myshopify.com", carrier: "ups", trackingNumber: "1Z2", ...buyer }, now);
    await ingestTrackingUpdates(db, [{ shop: "a.myshopify.com", carrier: "ups", trackingNumber: "1Z1", checkpoints: [{ key: "k", at: "2026-11-20T09:00:00Z", stage: "picked_up", code: "P", description: "Pickup Scan" }] }], { now, source: "poll" });
    expect(await db.notification.count({ where: { shipmentId: a.id } })).toBe(1);

    expect(await redactShipmentBuyers(db, "a.myshopify.com", { email: "aiko@example.jp", orderIds: ["gid://shopify/Order/1"] })).toBe(1);
    expect(await db.shipment.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ buyerName: null, buyerEmail: null, buyerPhone: null, status: "picked_up" });
    expect(await db.notification.count({ where: { shipmentId: a.id } })).toBe(0);
    expect(await db.shipment.findFirstOrThrow({ where: { shop: "b.myshopify.com" } })).toMatchObject(buyer);
    expect(JSON.stringify(await db.shipment.findMany({ where: { shop: "a.myshopify.com" } }))).not.toContain("aiko");
  });
});
