import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { applyDeliveries, applyDelivery, type DeliveryToApply } from "./handlers.server";
import { LeaseLost, PermanentError } from "./errors";
import { runBackfills, type BackfillDeps } from "./backfill.server";

export type Dialect = "sqlite" | "postgres";

export interface WorkerOptions {
  db: PrismaClient;
  dialect: Dialect;
  /** Names this worker in leases; unique per process. */
  owner?: string;
  batchSize?: number;
  /**
   * Deliveries applied in one transaction. Default: the whole batch on PostgreSQL; 10 on SQLite,
   * whose one writer also takes the webhook inbox inserts, so an acknowledgement waits for one
   * group at most.
   */
  groupSize?: number;
  /** How long a claim lasts; a worker that dies holding one loses it after this. */
  leaseMs?: number;
  /** Sleep between polls when the inbox is empty. */
  idleMs?: number;
  maxAttempts?: number;
  /** First retry delay; each further one doubles, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
  /** The backfill's Admin API access; without it backfill runs are left alone. */
  backfill?: BackfillDeps;
  /** Applies one delivery inside its transaction (default: the topic's handler). */
  apply?: typeof applyDelivery;
  /** Called after each delivery is settled (tests use it to slow a worker down). */
  afterDelivery?: (delivery: DeliveryToApply, outcome: "done" | "retry" | "dead" | "lost") => Promise<void> | void;
}

export interface Worker {
  /** Claims one batch and settles it; returns how many deliveries it claimed. */
  drainOnce(): Promise<number>;
  /** Drains until nothing is due. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

const dueOrAbandoned = (now: Date) => ({
  OR: [{ state: "pending", runAfter: { lte: now } }, { state: "processing", leaseUntil: { lt: now } }],
});

/**
 * The background worker: at-least-once delivery processing over the inbox table.
 *
 * A batch is claimed by stamping a lease (owner + expiry) on rows that are due, or whose previous
 * lease expired because their worker died (`kill -9` included). A delivery is applied and marked
 * done in the same transaction, guarded by the lease, so its effects are written exactly once even when
 * it is processed again. Failures are retried with exponential backoff; after `maxAttempts`, or at
 * once for a payload that can never apply, the delivery is dead-lettered with its error.
 * On PostgreSQL the claim is one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`
 * so several app instances share the inbox without waiting on each other; SQLite has one writer,
 * so there a compare-and-set update does the same. Deliveries are applied and marked done a group
 * at a time in one transaction (the whole batch on PostgreSQL, ten on SQLite), falling back to
 * one per delivery when a group fails (docs/decisions/005-durable-inbox-worker.md,
 * docs/decisions/020-scale-out-batch-apply.md).
 */
export function createWorker(options: WorkerOptions): Worker {
  const { db, dialect } = options;
  const owner = options.owner ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 50;
  const groupSize = Math.max(1, options.groupSize ?? (dialect === "postgres" ? batchSize : 10));
  const leaseMs = options.leaseMs ?? 30_000;
  const idleMs = options.idleMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  const now = options.now ?? (() => new Date());
  const apply = options.apply ?? applyDelivery;
  let claims = 0;
  let running = false;
  let loops: Promise<void>[] = [];
  let wake: (() => void) | null = null;

  async function claim(): Promise<{ token: string; rows: (DeliveryToApply & { attempts: number })[] }> {
    const at = now();
    const token = `${owner}#${++claims}`;
    const leaseUntil = new Date(at.getTime() + leaseMs);
    if (dialect === "postgres") {
      // One round trip: the claimed rows come back with what applying them needs.
      const rows = await db.$queryRaw<(DeliveryToApply & { attempts: number })[]>`
        UPDATE "WebhookDelivery" SET "state" = 'processing', "leaseOwner" = ${token}, "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "WebhookDelivery"
          WHERE ("state" = 'pending' AND "runAfter" <= ${at}) OR ("state" = 'processing' AND "leaseUntil" < ${at})
          ORDER BY "receivedAt" LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING "id", "shop", "topic", "body", "triggeredAt", "receivedAt", "attempts"`;
      rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
      return { token, rows };
    }
    const candidates = await db.webhookDelivery.findMany({ where: dueOrAbandoned(at), orderBy: { receivedAt: "asc" }, take: batchSize, select: { id: true } });
    const ids = candidates.map((c) => c.id);
    if (!ids.length) return { token, rows: [] };
    // Compare-and-set: the condition is checked again as the rows are written.
    await db.webhookDelivery.updateMany({
      where: { id: { in: ids }, ...dueOrAbandoned(at) },
      data: { state: "processing", leaseOwner: token, leaseUntil, attempts: { increment: 1 } },
    });
    const rows = await db.webhookDelivery.findMany({
      where: { id: { in: ids }, leaseOwner: token },
      orderBy: { receivedAt: "asc" },
      select: { id: true, shop: true, topic: true, body: true, triggeredAt: true, receivedAt: true, attempts: true },
    });
    return { token, rows };
  }

  async function settle(delivery: DeliveryToApply & { attempts: number }, token: string): Promise<"done" | "retry" | "dead" | "lost"> {
    const at = now();
    try {
      await db.$transaction(async (tx) => {
        await apply(tx, delivery, at);
        const marked = await tx.webhookDelivery.updateMany({
          where: { id: delivery.id, leaseOwner: token, state: "processing" },
          data: { state: "done", processedAt: at, body: "", lastError: null, leaseOwner: null, leaseUntil: null },
        });
        if (marked.count !== 1) throw new LeaseLost(`delivery ${delivery.id}`);
      }, { timeout: leaseMs });
      return "done";
    } catch (error) {
      if (error instanceof LeaseLost) return "lost";
      const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
      const dead = error instanceof PermanentError || delivery.attempts >= maxAttempts;
      const runAfter = new Date(at.getTime() + backoffDelay(delivery.attempts, backoffMs, maxBackoffMs));
      const { count } = await db.webhookDelivery.updateMany({
        where: { id: delivery.id, leaseOwner: token },
        data: dead
          ? { state: "dead", lastError: message.slice(0, 2000), leaseOwner: null, leaseUntil: null }
          : { state: "pending", lastError: message.slice(0, 2000), runAfter, leaseOwner: null, leaseUntil: null },
      });
      return count ? (dead ? "dead" : "retry") : "lost";
    }
  }

  /**
   * A group of deliveries and their done marks in one transaction (a statement per delivery and a
   * commit per delivery are most of the cost of applying one). All or nothing: false when anything
   * failed, including a lease lost to another worker, and then nothing of the group was written.
   */
  async function settleGroup(rows: (DeliveryToApply & { attempts: number })[], token: string): Promise<boolean> {
    const at = now();
    try {
      await db.$transaction(async (tx) => {
        if (options.apply) for (const row of rows) await options.apply(tx, row, at);
        else await applyDeliveries(tx, rows, at);
        const marked = await tx.webhookDelivery.updateMany({
          where: { id: { in: rows.map((r) => r.id) }, leaseOwner: token, state: "processing" },
          data: { state: "done", processedAt: at, body: "", lastError: null, leaseOwner: null, leaseUntil: null },
        });
        if (marked.count !== rows.length) throw new LeaseLost(`${rows.length - marked.count} of ${rows.length} deliveries`);
      }, { timeout: leaseMs });
      return true;
    } catch {
      return false;
    }
  }

  async function drainOnce(): Promise<number> {
    const { token, rows } = await claim();
    for (let i = 0; i < rows.length; i += groupSize) {
      const group = rows.slice(i, i + groupSize);
      if (group.length > 1 && (await settleGroup(group, token))) {
        for (const row of group) await options.afterDelivery?.(row, "done");
      } else {
        // One delivery at a time, each in its own transaction, for a group that failed as a
        // whole: a failure is retried or dead-lettered against its own delivery and the others
        // are applied.
        for (const row of group) {
          const outcome = await settle(row, token);
          await options.afterDelivery?.(row, outcome);
          await yieldToEventLoop();
        }
      }
      await yieldToEventLoop();
    }
    return rows.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (let n = await drainOnce(); n > 0; n = await drainOnce()) total += n;
    return total;
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  async function deliveriesLoop() {
    while (running) {
      try {
        if ((await drainOnce()) === 0) await sleep(idleMs);
      } catch (error) {
        console.error("[worker] inbox:", error instanceof Error ? error.message : error);
        await sleep(idleMs * 4);
      }
    }
  }

  async function backfillLoop() {
    const deps = options.backfill!;
    while (running) {
      try {
        if (!(await runBackfills({ db, owner, leaseMs, now, deps, isRunning: () => running }))) await sleep(idleMs * 2);
      } catch (error) {
        console.error("[worker] backfill:", error instanceof Error ? error.message : error);
        await sleep(idleMs * 4);
      }
    }
  }

  return {
    drainOnce,
    drain,
    start() {
      if (running) return;
      running = true;
      loops = [deliveriesLoop(), ...(options.backfill ? [backfillLoop()] : [])];
    },
    async stop() {
      running = false;
      wake?.();
      await Promise.all(loops);
    },
  };
}

/**
 * Lets pending I/O run. On SQLite every query resolves without a real wait, so a worker applying
 * delivery after delivery would otherwise hold the event loop and starve the webhook requests
 * (and their inbox inserts) of the same process.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
