import { createHash } from "node:crypto";
import type { PrismaClient, ThirdPartyConnection } from "@prisma/client";
import type { Gql } from "~/integrations/shopify/fulfillment.server";
import { connectionSecrets } from "./connections.server";
import { importShipments, importStock, type RowError } from "./generic/csv";
import { parseInbound } from "./generic/messages";
import { SIGNATURE_HEADER, verifyMessage } from "./generic/signature";
import { applyInbound } from "./reconcile.server";

export interface InboundDeps {
  readonly db: PrismaClient;
  /** The Admin API of the shop the connection belongs to. */
  readonly graphqlFor: (shop: string) => Promise<Gql>;
  readonly appSecret: string;
  readonly now: () => Date;
}

const text = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * A signed message from a 3PL (POST /webhooks/3pl/<connection id>). The signature is checked
 * before anything is read or stored; a message already applied answers 200 without applying it
 * again; one that failed answers non-2xx so the 3PL sends it again.
 */
export async function receiveThirdPartyMessage(request: Request, connectionId: string, deps: InboundDeps): Promise<Response> {
  if (request.method !== "POST") return text(405, "Use POST");
  const connection = await deps.db.thirdPartyConnection.findUnique({ where: { id: connectionId } });
  if (!connection || connection.connector !== "generic") return text(404, "No 3PL connection at this address");
  const raw = await request.text();
  const check = verifyMessage(raw, request.headers.get(SIGNATURE_HEADER), connectionSecrets(connection, deps.appSecret).secret!, deps.now());
  if (!check.ok) return text(401, `Signature refused: ${check.reason}`);
  const parsed = parseInbound(raw);
  if (!parsed.ok) return text(400, `Not a message we understand: ${parsed.reason}`);
  const outcome = await applyInbound({ db: deps.db, graphql: await deps.graphqlFor(connection.shop), shop: connection.shop, now: deps.now }, connection, parsed.message, "webhook");
  if (outcome.status === "duplicate") return Response.json({ ok: true, duplicate: true, id: parsed.message.id });
  if (outcome.status === "failed") return text(outcome.httpStatus, outcome.error);
  return Response.json({ ok: true, id: parsed.message.id, result: outcome.detail });
}

export interface FileImportResult {
  readonly applied: number;
  readonly duplicates: number;
  readonly errors: RowError[];
  readonly fileError?: string;
}

/**
 * A shipment file from a 3PL: each parcel is applied as its own message (reference + tracking
 * number is its id, so a file sent twice is applied once); a parcel Shopify refuses is reported
 * on each of its lines.
 */
export async function importShipmentFile(db: PrismaClient, graphql: Gql, connection: ThirdPartyConnection, csv: string, now: () => Date): Promise<FileImportResult> {
  const read = importShipments(csv);
  if (read.fileError) return { applied: 0, duplicates: 0, errors: [], fileError: read.fileError };
  const errors = [...read.errors];
  let applied = 0, duplicates = 0;
  for (const s of read.shipments) {
    const { fileLines, ...shipment } = s;
    const outcome = await applyInbound({ db, graphql, shop: connection.shop, now }, connection, { id: `csv-shipment:${s.reference}:${s.trackingNumber}`, type: "shipment", createdAt: now().toISOString(), data: shipment }, "csv");
    if (outcome.status === "applied") applied++;
    else if (outcome.status === "duplicate") duplicates++;
    else for (const line of fileLines) errors.push({ line, reason: outcome.error });
  }
  errors.sort((a, b) => a.line - b.line);
  return { applied, duplicates, errors };
}

/** A stock file: its good rows are one snapshot (the file's content is its id). */
export async function importStockFile(db: PrismaClient, graphql: Gql, connection: ThirdPartyConnection, csv: string, now: () => Date): Promise<FileImportResult & { flagged: number }> {
  const read = importStock(csv, now());
  if (read.fileError) return { applied: 0, duplicates: 0, flagged: 0, errors: [], fileError: read.fileError };
  if (!read.snapshot) return { applied: 0, duplicates: 0, flagged: 0, errors: read.errors };
  const id = `csv-stock:${createHash("sha256").update(csv).digest("hex").slice(0, 32)}`;
  const outcome = await applyInbound({ db, graphql, shop: connection.shop, now }, connection, { id, type: "stock.snapshot", createdAt: now().toISOString(), data: read.snapshot }, "csv");
  if (outcome.status === "failed") return { applied: 0, duplicates: 0, flagged: 0, errors: read.errors, fileError: outcome.error };
  if (outcome.status === "duplicate") return { applied: 0, duplicates: read.snapshot.counts.length, flagged: 0, errors: read.errors };
  const detail = outcome.detail as { flagged: unknown[] };
  return { applied: read.snapshot.counts.length, duplicates: 0, flagged: detail.flagged.length, errors: read.errors };
}
