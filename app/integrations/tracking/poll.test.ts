import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { createDhlExpressAdapter } from "../carriers/dhl-express/client.server";
import { pollDueShipments } from "./poll.server";
import { upsertShipment } from "./shipments.server";

const SHOP = "poll-shop.myshopify.com";
const dhlFixture = readFileSync(new URL("../carriers/dhl-express/__fixtures__/tracking-response.json", import.meta.url), "utf8");

describe("polling carriers without webhooks", () => {
  it("GIVEN a DHL Express parcel due for a look WHEN polled twice through the adapter THEN DHL's documented checkpoints are stored once and the parcel is delivered", async () => {
    const now = new Date("2024-11-07T19:00:00Z");
    await upsertShipment(db, { shop: SHOP, carrier: "dhl-express", trackingNumber: "1234567890", buyerEmail: "buyer@example.com" }, now);
    const requests: string[] = [];
    const adapter = createDhlExpressAdapter({
      username: "u", password: "p", baseUrl: "https://express.api.dhl.com/mydhlapi/test", accountNumber: "123456789",
      fetch: async (url) => {
        requests.push(url);
        return new Response(dhlFixture, { status: 200, headers: { "Content-Type": "application/json" } });
      },
    });
    const deps = { db, adapterFor: () => adapter, now: () => now };
    const first = await pollDueShipments(deps);
    expect(first).toMatchObject({ polled: 1, skipped: 0, errors: [] });
    expect(first.outcomes[0]).toMatchObject({ status: "delivered", applied: 3, notifications: 1 });
    expect(requests[0]).toContain("/shipments/1234567890/tracking");

    // Not due again yet; and once delivered it is never polled again.
    expect((await pollDueShipments(deps)).polled).toBe(0);
    const later = { ...deps, now: () => new Date("2024-11-09T00:00:00Z") };
    expect((await pollDueShipments(later)).polled).toBe(0);
    const shipment = await db.shipment.findFirstOrThrow({ where: { shop: SHOP }, include: { events: { orderBy: { occurredAt: "asc" } } } });
    expect(shipment.events.map((e) => [e.carrierCode, e.stage])).toEqual([["PU", "picked_up"], ["PL", "in_transit"], ["OK", "delivered"]]);
    expect(shipment.deliveredAt?.toISOString()).toBe("2024-11-07T18:00:00.000Z");
    expect(await db.notification.count({ where: { shop: SHOP, stage: "delivered" } })).toBe(1);
  });

  it("GIVEN a carrier that fails or a shop without credentials THEN the parcel is rescheduled and the others go on", async () => {
    const now = new Date("2026-11-25T10:00:00Z");
    await upsertShipment(db, { shop: SHOP, carrier: "ups", trackingNumber: "1ZNOCREDS" }, now);
    await upsertShipment(db, { shop: SHOP, carrier: "dhl-express", trackingNumber: "DOWN" }, now);
    const down = createDhlExpressAdapter({ username: "u", password: "p", baseUrl: "https://x.test", accountNumber: "1", fetch: async () => new Response("upstream down", { status: 503 }) });
    const report = await pollDueShipments({ db, adapterFor: (_shop, carrier) => (carrier === "dhl-express" ? down : null), now: () => now });
    expect(report.skipped).toBe(1);
    expect(report.polled).toBe(0);
    expect(report.errors).toEqual([expect.stringMatching(/^dhl-express DOWN: /)]);
    const rescheduled = await db.shipment.findMany({ where: { shop: SHOP, trackingNumber: { in: ["1ZNOCREDS", "DOWN"] } } });
    for (const s of rescheduled) expect(s.nextPollAt!.getTime()).toBeGreaterThan(now.getTime());
  });
});
