import type { Db } from "../integrations/shopify/order-store.server";
import { requestBackfill } from "./backfill.server";

/** What the sync page shows, for one shop only. */
export async function syncStatus(db: Db, shop: string) {
  const [byState, dead, backfill, orders] = await Promise.all([
    db.webhookDelivery.groupBy({ by: ["state"], where: { shop }, _count: { _all: true } }),
    db.webhookDelivery.findMany({
      where: { shop, state: "dead" }, orderBy: { receivedAt: "desc" }, take: 50,
      select: { id: true, topic: true, attempts: true, lastError: true, receivedAt: true },
    }),
    db.backfillRun.findFirst({ where: { shop }, orderBy: { requestedAt: "desc" } }),
    db.order.count({ where: { shop } }),
  ]);
  const counts = Object.fromEntries(["pending", "processing", "done", "dead"].map((s) => [s, byState.find((b) => b.state === s)?._count._all ?? 0]));
  return {
    counts: counts as Record<"pending" | "processing" | "done" | "dead", number>,
    dead: dead.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString() })),
    backfill: backfill && {
      id: backfill.id, status: backfill.status, ordersImported: backfill.ordersImported, rootObjectCount: backfill.rootObjectCount,
      error: backfill.error, requestedAt: backfill.requestedAt.toISOString(), finishedAt: backfill.finishedAt?.toISOString() ?? null,
    },
    orders,
  };
}

/** Puts a dead letter of this shop back in the queue; false when the shop has no such dead letter. */
export async function retryDeadLetter(db: Db, shop: string, id: string, now: Date): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, shop, state: "dead" },
    data: { state: "pending", runAfter: now, attempts: 0 },
  });
  return count === 1;
}

export { requestBackfill };
