import { randomUUID } from "node:crypto";
import { getLogs } from "@prisma/debug";
import { afterEach, describe, expect, it } from "vitest";
import db, { sqliteTransaction } from "../app/db.server";
import { insertDeliveries } from "../app/jobs/inbox.server";

const SHOP = "batch-retention.myshopify.com";

afterEach(async () => {
  await db.webhookDelivery.deleteMany({ where: { shop: SHOP } });
});

// Prisma's debug module keeps the arguments of its last 100 driver-adapter calls, logging on or
// off; batch statements sent straight to the adapter must not leave theirs there (a backfill's
// INSERTs carry up to 32,000 values each, an inbox batch carries webhook bodies).
describe("SQLite statements sent past the query engine", () => {
  it("GIVEN an inbox batch and a statement in a transaction WHEN they have run THEN none of their values stay in Prisma's debug history", async () => {
    const marker = `body-${randomUUID()}`;
    await insertDeliveries(db, Array.from({ length: 20 }, () => ({
      shop: SHOP, topic: "orders/create", dedupeKey: randomUUID(), webhookId: randomUUID(), apiVersion: "2026-10", triggeredAt: null, body: JSON.stringify({ marker }),
    })));
    const queryMarker = `query-${randomUUID()}`;
    const found = await sqliteTransaction(db, (tx) => tx.query(`SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE "shop" = ? AND "body" LIKE ? AND "webhookId" != ?`, [SHOP, `%${marker}%`, queryMarker]));

    expect(found?.value).toEqual([{ n: 20 }]);
    const history = getLogs(50_000_000);
    expect(history).toContain("INSERT INTO"); // the statements are logged, by their first words
    expect(history).not.toContain(marker);
    expect(history).not.toContain(queryMarker);
  });
});
