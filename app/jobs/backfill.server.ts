import type { PrismaClient } from "@prisma/client";
import { BulkOrderAssembler, type Order } from "../engine/orders";
import { BACKFILL_ORDERS_QUERY, type BulkAdmin } from "../integrations/shopify/bulk-orders.server";
import { sqliteDate, sqliteDialect, sqliteTransaction } from "../db.server";
import { applyOrder, applyOrderBatch, insertNewOrders, type Db } from "../integrations/shopify/order-store.server";
import { LeaseLost } from "./errors";

export interface BackfillDeps {
  /** The Admin API for a shop (offline token), or null when the shop has no session. */
  adminFor(shop: string): Promise<BulkAdmin | null>;
  /** Orders per write transaction. */
  batchSize?: number;
  pollMs?: number;
}

const ACTIVE = ["pending", "running", "importing"];

/** Asks for a backfill of the shop's orders unless one is already under way. */
export async function requestBackfill(db: Db, shop: string): Promise<{ id: string; created: boolean }> {
  const active = await db.backfillRun.findFirst({ where: { shop, status: { in: ACTIVE } }, select: { id: true } });
  if (active) return { id: active.id, created: false };
  const run = await db.backfillRun.create({ data: { shop } });
  return { id: run.id, created: true };
}

/** On install: a backfill unless the shop has had one before. */
export async function requestInitialBackfill(db: Db, shop: string): Promise<void> {
  if (await db.backfillRun.count({ where: { shop } })) return;
  await requestBackfill(db, shop);
}

interface RunContext {
  db: PrismaClient;
  owner: string;
  leaseMs: number;
  now: () => Date;
  deps: BackfillDeps;
  isRunning: () => boolean;
}

/** Claims one due backfill run (or one whose worker died) and advances it to the end; false when none. */
export async function runBackfills(ctx: RunContext): Promise<boolean> {
  const { db, owner, leaseMs, now } = ctx;
  const at = now();
  const candidate = await db.backfillRun.findFirst({
    where: { status: { in: ACTIVE }, runAfter: { lte: at }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: at } }] },
    orderBy: { requestedAt: "asc" },
    select: { id: true },
  });
  if (!candidate) return false;
  const token = `${owner}#backfill-${at.getTime()}`;
  const { count } = await db.backfillRun.updateMany({
    where: { id: candidate.id, status: { in: ACTIVE }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: at } }] },
    data: { leaseOwner: token, leaseUntil: new Date(at.getTime() + leaseMs), attempts: { increment: 1 } },
  });
  if (!count) return true;
  try {
    await advance(ctx, candidate.id, token);
  } catch (error) {
    if (error instanceof LeaseLost) return true;
    const message = error instanceof Error ? error.message : String(error);
    const run = await db.backfillRun.findUnique({ where: { id: candidate.id }, select: { attempts: true } });
    const failed = (run?.attempts ?? 0) >= 5;
    await db.backfillRun.updateMany({
      where: { id: candidate.id, leaseOwner: token },
      data: failed
        ? { status: "failed", error: message, finishedAt: now(), leaseOwner: null, leaseUntil: null }
        : { error: message, runAfter: new Date(now().getTime() + 5_000 * 2 ** (run?.attempts ?? 0)), leaseOwner: null, leaseUntil: null },
    });
  }
  return true;
}

async function advance(ctx: RunContext, id: string, token: string): Promise<void> {
  const { db, now, leaseMs, deps } = ctx;
  const pollMs = deps.pollMs ?? 1_000;
  /** Writes run state only while this worker still holds the lease, and extends it. */
  const update = async (data: Record<string, unknown>, tx: Db = db) => {
    const { count } = await tx.backfillRun.updateMany({ where: { id, leaseOwner: token }, data: { ...data, leaseUntil: new Date(now().getTime() + leaseMs) } });
    if (count !== 1) throw new LeaseLost(`backfill ${id}`);
  };
  let run = await db.backfillRun.findUniqueOrThrow({ where: { id } });
  const admin = await deps.adminFor(run.shop);
  if (!admin) throw new Error(`no offline session for ${run.shop}: the app must be installed before a backfill`);

  if (run.status === "pending") {
    const started = await admin.start(BACKFILL_ORDERS_QUERY);
    if ("error" in started) throw new Error(started.error);
    await update({ status: "running", bulkOperationId: started.id, startedAt: now(), error: null });
    run = await db.backfillRun.findUniqueOrThrow({ where: { id } });
  }

  if (run.status === "running") {
    for (;;) {
      const op = await admin.status(run.bulkOperationId!);
      if (!op) throw new Error(`Shopify knows no bulk operation ${run.bulkOperationId}`);
      if (op.status === "COMPLETED") {
        await update({ status: op.url ? "importing" : "completed", resultUrl: op.url, objectCount: Number(op.objectCount ?? 0), rootObjectCount: Number(op.rootObjectCount ?? 0), ...(op.url ? {} : { finishedAt: now() }) });
        break;
      }
      if (["FAILED", "CANCELED", "EXPIRED"].includes(op.status)) {
        // Start over with a new bulk operation on the next attempt.
        await update({ status: "pending", bulkOperationId: null });
        throw new Error(`the bulk operation ended ${op.status.toLowerCase()}${op.errorCode ? ` (${op.errorCode})` : ""}`);
      }
      await update({});
      if (!ctx.isRunning()) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    run = await db.backfillRun.findUniqueOrThrow({ where: { id } });
  }

  if (run.status === "importing") await importResult(ctx, id, token, run.shop, run.resultUrl!, run.linesDone, admin, update);
}

/**
 * Streams the JSONL and writes complete orders in batches, one transaction per batch that also
 * records the line the next batch starts at: after a crash the import resumes there.
 */
async function importResult(ctx: RunContext, runId: string, token: string, shop: string, url: string, startLine: number, admin: BulkAdmin, update: (data: Record<string, unknown>, tx?: Db) => Promise<void>): Promise<void> {
  const { db, now, deps } = ctx;
  // Orders per transaction. On SQLite a batch is written as multi-row INSERTs (a few statements
  // per table, each under SQLite's 32,766-parameter cap) straight through the driver adapter.
  const batchSize = deps.batchSize ?? 2_000;
  let lineNo = 0;
  let batch: Order[] = [];
  let batchEndLine = startLine;
  let assembler = new BulkOrderAssembler();
  const problems: string[] = [];

  const flush = async (resumeAt: number) => {
    const orders = batch;
    batch = [];
    if (sqliteDialect(db)) {
      // Orders already stored (a resumed or repeated backfill, or webhooks first) replace the stored
      // version only when newer, before the checkpoint moves past them; applying them again after
      // a crash is a no-op. Rare, so Prisma's per-order path serves them.
      const stored = new Set<string>();
      for (let i = 0; i < orders.length; i += 500) {
        const found = await db.order.findMany({ where: { shop, shopifyId: { in: orders.slice(i, i + 500).map((o) => o.shopifyId) } }, select: { shopifyId: true } });
        for (const o of found) stored.add(o.shopifyId);
      }
      for (const order of orders.filter((o) => stored.has(o.shopifyId))) await db.$transaction((tx) => applyOrder(tx, shop, order, "backfill"), { timeout: 120_000 });
      // The new ones, and the checkpoint, in one transaction of multi-row INSERTs.
      await sqliteTransaction(db, async (tx) => {
        const raced = await insertNewOrders(tx, shop, orders.filter((o) => !stored.has(o.shopifyId)));
        if (raced.length) throw new Error(`${raced.length} orders of this batch were stored by a webhook meanwhile; the batch is retried`);
        const at = now();
        const checkpoint = await tx.execute(
          `UPDATE "BackfillRun" SET "linesDone" = ?, "ordersImported" = "ordersImported" + ?, "leaseUntil" = ?, "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ?`,
          [resumeAt, orders.length, sqliteDate(new Date(at.getTime() + ctx.leaseMs)), sqliteDate(at), runId, token],
        );
        if (checkpoint !== 1) throw new LeaseLost(`backfill ${runId}`);
      });
      return;
    }
    await db.$transaction(async (tx) => {
      await applyOrderBatch(tx, shop, orders);
      await update({ linesDone: resumeAt, ordersImported: { increment: orders.length } }, tx);
    }, { timeout: 120_000 });
  };
  const finishOrder = () => {
    if (assembler.empty) return;
    const parsed = assembler.order();
    if (parsed.ok) batch.push(parsed.value);
    else if (problems.length < 20) problems.push(parsed.problems.join("; "));
    assembler = new BulkOrderAssembler();
  };

  for await (const text of admin.lines(url)) {
    lineNo++;
    if (lineNo <= startLine) continue;
    const line = JSON.parse(text) as Record<string, unknown>;
    if (!assembler.accepts(line)) {
      finishOrder();
      // The order that just started begins at this line: a resumed import starts here.
      batchEndLine = lineNo - 1;
      if (batch.length >= batchSize) {
        await flush(batchEndLine);
        if (!ctx.isRunning()) return;
      }
    }
    assembler.add(line);
  }
  finishOrder();
  if (batch.length) await flush(lineNo);
  await update({ status: "completed", finishedAt: now(), linesDone: lineNo, error: problems.length ? `some orders could not be read: ${problems.join(" | ")}` : null, leaseOwner: null });
}
