import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { BenchFigures } from "./run";

/**
 * Tracking events processed per second on SQLite (target >= 2,000/s). 400 DHL Express parcels
 * with full journeys (customs holds, failed attempts, exceptions included) are polled four times as
 * their journeys unfold; every poll answer carries the whole history, as carriers' tracking APIs
 * do, so most checkpoints are repeats the intake must recognise. Each checkpoint goes through the
 * adapter's parser, the status machine and the notification rules; new ones are written with the
 * shipment state and outbox rows. Baseline in the same run: the same checkpoints one update per call.
 */
export default async function (): Promise<BenchFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "borderless-bench-tracking-"));
  const url = `file:${path.join(dir, "bench.sqlite")}`;
  process.env.SHOPIFY_API_KEY ??= "bench-api-key";
  process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
  process.env.SHOPIFY_APP_URL ??= "https://borderless.bench";
  const { migrateDatabase } = await import("../app/db/migrate.server");
  await migrateDatabase(url);
  const { createPrismaClient } = await import("../app/db.server");
  const { ingestTrackingUpdates, newTrackingToken } = await import("../app/integrations/tracking/shipments.server");
  const { checkpointsFromDetails } = await import("../app/integrations/tracking/checkpoints");
  const { parseTrackingResponse } = await import("../app/integrations/carriers/dhl-express/tracking");
  const { buildJourney } = await import("../scripts/tracking-journeys");
  const db = createPrismaClient(url);
  try {
    const shop = "bench-shop.myshopify.com";
    const origins = ["US", "NL", "GB"];
    const destinations = ["DE", "FR", "JP", "CA", "AU", "GB", "US", "ES", "IT", "MX"];
    const start = Date.parse("2026-11-01T08:00:00Z");
    const parcels = Array.from({ length: 800 }, (_, i) => {
      const trackingNumber = String(4_000_000_000 + i * 7919);
      const origin = origins[i % 3]!;
      const destination = destinations[i % destinations.length]!;
      const journey = buildJourney({ carrier: "dhl-express", trackingNumber, origin, destination, destinationCity: "Central" });
      const shipped = start + (i % 50) * 3_600_000;
      return { trackingNumber, steps: journey.steps.map((s) => ({ ...s, at: shipped + s.afterHours * 3_600_000 })) };
    });
    for (let i = 0; i < parcels.length; i += 200) {
      await db.shipment.createMany({
        data: parcels.slice(i, i + 200).map((p) => ({ shop, carrier: "dhl-express", trackingNumber: p.trackingNumber, trackingToken: newTrackingToken(), buyerEmail: `buyer${p.trackingNumber}@example.com`, buyerLocale: "en" })),
      });
    }
    /** What DHL's tracking API answers for a parcel at `t`, parsed by the adapter. */
    const answer = (p: (typeof parcels)[number], t: number) => {
      const events = p.steps.filter((s) => s.at <= t).reverse().map((s) => {
        const iso = new Date(s.at).toISOString();
        return { date: iso.slice(0, 10), time: iso.slice(11, 19), typeCode: s.code, description: s.description, serviceArea: [{ description: `${s.city} - ${s.country}` }] };
      });
      const parsed = parseTrackingResponse(200, { shipments: [{ shipmentTrackingNumber: p.trackingNumber, events }] }).data!;
      return { shop, carrier: "dhl-express", trackingNumber: p.trackingNumber, checkpoints: checkpointsFromDetails("dhl-express", parsed) };
    };
    const polls = [1, 2, 4, 12].map((days) => start + days * 86_400_000);

    const run = async (group: typeof parcels, batch: number) => {
      let processed = 0;
      let stored = 0;
      const t0 = performance.now();
      for (const t of polls) {
        const updates = group.map((p) => answer(p, t)).filter((u) => u.checkpoints.length > 0);
        for (let i = 0; i < updates.length; i += batch) {
          const outcomes = await ingestTrackingUpdates(db, updates.slice(i, i + batch), { now: new Date(t), source: "poll" });
          for (const o of outcomes) {
            processed += o.applied + o.repeated + o.late + o.rejected + o.duplicates;
            stored += o.applied + o.repeated + o.late + o.rejected;
          }
        }
      }
      const seconds = (performance.now() - t0) / 1000;
      return { processed, stored, perSecond: processed / seconds, storedPerSecond: stored / seconds };
    };
    const batched = await run(parcels.slice(0, 400), 100);
    const single = await run(parcels.slice(400, 800), 1);
    const held = await db.shipment.count({ where: { shop, status: "delivered" } });
    const notifications = await db.notification.count({ where: { shop } });
    return {
      events_per_s: Math.round(batched.perSecond),
      new_events_stored_per_s: Math.round(batched.storedPerSecond),
      events_processed: batched.processed,
      events_stored: batched.stored,
      one_update_per_call_events_per_s: Math.round(single.perSecond),
      batched_vs_single_ratio: Number((batched.perSecond / single.perSecond).toFixed(2)),
      parcels_delivered: held,
      notifications_queued: notifications,
      target_events_per_s: 2000,
      meets_target: batched.perSecond >= 2000,
      // Other work on the machine slows every figure here; the 1-minute load average says how busy it was.
      load_avg_1m: Number(loadavg()[0]!.toFixed(1)),
    };
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
