import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import db, { sqliteDate, sqliteExecute } from "../db.server";
import { verifyWebhook } from "../shopify.server";

/**
 * Receives a webhook the way Shopify needs it answered: verify the HMAC, write the delivery to the
 * inbox, answer at once (Shopify waits 5 s at most). Applying it is the worker's job (worker.server.ts).
 * A delivery seen before (same event id, else same webhook id) is acknowledged and not stored again.
 * The answer is sent only after the delivery's row is committed (group commit, see InboxWriter).
 */
export async function receiveWebhook(request: Request, accepts: (topic: string) => boolean): Promise<Response> {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const body = await request.text();
  const check = await verifyWebhook(body, request);
  if (!check.valid) {
    if (check.reason === "invalid_hmac") return text(401, "Unauthorized: the X-Shopify-Hmac-Sha256 signature does not match the body; nothing was stored");
    return text(400, "Bad Request: the webhook lacks Shopify's headers (topic, shop domain, API version, webhook id); nothing was stored");
  }
  try {
    JSON.parse(body);
  } catch {
    return text(400, "Bad Request: the webhook body is not valid JSON; nothing was stored");
  }
  const topic = (request.headers.get("x-shopify-topic") ?? "").toLowerCase();
  if (!accepts(topic)) return text(400, `Bad Request: ${new URL(request.url).pathname} does not handle the topic "${topic}"; nothing was stored`);
  const context = check;
  const webhookId = context.webhookId;
  const eventId = "eventId" in context && context.eventId ? context.eventId : null;
  const triggeredAt = context.triggeredAt ? new Date(context.triggeredAt) : null;
  // Shopify redelivers the same event (retries, several subscriptions): the unique key makes the
  // insert a no-op, and the delivery is acknowledged all the same.
  await inboxWriter(db).write({
    shop: context.domain, topic, dedupeKey: eventId ?? webhookId, webhookId, apiVersion: context.apiVersion ?? null,
    triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null, body,
  });
  return new Response(null, { status: 200 });
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export interface InboxRow {
  shop: string;
  topic: string;
  dedupeKey: string;
  webhookId: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  body: string;
}

/**
 * Inserts deliveries, skipping those already stored (same shop, topic and dedupe key), in one
 * statement and so one commit. `INSERT … ON CONFLICT DO NOTHING` reads the same on SQLite and
 * PostgreSQL. On SQLite it goes straight through the driver adapter (`sqliteExecute`), with dates
 * written the way Prisma's own writes store them.
 */
export async function insertDeliveries(client: PrismaClient, rows: InboxRow[], now = new Date()): Promise<number> {
  if (!rows.length) return 0;
  const at = sqliteDate(now);
  const args = rows.flatMap((r) => [randomUUID(), r.shop, r.topic, r.dedupeKey, r.webhookId, r.apiVersion, r.triggeredAt ? sqliteDate(r.triggeredAt) : null, r.body, at, at]);
  const direct = await sqliteExecute(client, `${INSERT_DELIVERIES} VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)").join(", ")} ${ON_CONFLICT}`, args);
  if (direct !== null) return direct;
  // PostgreSQL: numbered parameters, dates as dates. (Raw text rather than Prisma.sql: the
  // PostgreSQL client is a separately generated package whose Sql class this module does not import.)
  let n = 0;
  const tuples = rows.map(() => `(${Array.from({ length: 8 }, () => `$${++n}`).join(", ")}, 'pending', 0, $${++n}, $${++n})`);
  const pgArgs = rows.flatMap((r) => [randomUUID(), r.shop, r.topic, r.dedupeKey, r.webhookId, r.apiVersion, r.triggeredAt, r.body, now, now]);
  return client.$executeRawUnsafe(`${INSERT_DELIVERIES} VALUES ${tuples.join(", ")} ${ON_CONFLICT}`, ...pgArgs);
}

const INSERT_DELIVERIES = `INSERT INTO "WebhookDelivery" ("id", "shop", "topic", "dedupeKey", "webhookId", "apiVersion", "triggeredAt", "body", "state", "attempts", "runAfter", "receivedAt")`;
const ON_CONFLICT = `ON CONFLICT ("shop", "topic", "dedupeKey") DO NOTHING`;

interface Waiting {
  row: InboxRow;
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the inbox. One SQLite commit per delivery caps acknowledgement at the rate the
 * disk syncs; instead, deliveries that arrive while a commit is under way (or within `windowMs`
 * of the first one) are written together by one multi-row INSERT, and every request waits for the
 * commit of its own batch before it is answered: durable before 200, as before. A batch that
 * fails is retried row by row, so one bad row fails only its own request.
 */
export class InboxWriter {
  private queue: Waiting[] = [];
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: PrismaClient,
    private readonly options: { windowMs?: number; maxRows?: number; maxBytes?: number } = {},
  ) {}

  write(row: InboxRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, bytes: Buffer.byteLength(row.body), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    const windowMs = this.options.windowMs ?? 2;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, windowMs);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.take();
        try {
          await insertDeliveries(this.client, batch.map((w) => w.row));
          for (const w of batch) w.resolve();
        } catch {
          for (const w of batch) {
            try {
              await insertDeliveries(this.client, [w.row]);
              w.resolve();
            } catch (error) {
              w.reject(error);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
  }

  /** The next batch: at most `maxRows` rows (12 parameters each, far under SQLite's 32,766) and about `maxBytes` of bodies. */
  private take(): Waiting[] {
    const maxRows = this.options.maxRows ?? 500;
    const maxBytes = this.options.maxBytes ?? 8 * 1024 * 1024;
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && n < maxRows && (n === 0 || bytes + this.queue[n]!.bytes <= maxBytes)) bytes += this.queue[n++]!.bytes;
    return this.queue.splice(0, n);
  }
}

const writers = new WeakMap<object, InboxWriter>();

/** The one writer of a database client, so concurrent requests share its batches. */
export function inboxWriter(client: PrismaClient): InboxWriter {
  let writer = writers.get(client);
  if (!writer) writers.set(client, (writer = new InboxWriter(client)));
  return writer;
}
