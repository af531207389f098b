import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { parse, type FieldNode, type OperationDefinitionNode } from "graphql";
import type { AdminContext } from "./context";
import { executeAdminDocument } from "./execute";
import { legacyId } from "./gid";
import type { BulkOperationRecord } from "./records";
import { validateAdminDocument } from "./validate";

type Json = Record<string, unknown>;

function connectionNodes(value: unknown): Json[] | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Json;
  if (Array.isArray(v.edges)) return (v.edges as { node?: Json }[]).map((edge) => edge.node).filter((n): n is Json => !!n);
  if (Array.isArray(v.nodes)) return v.nodes as Json[];
  return undefined;
}

/**
 * Shopify's bulk JSONL: every node of every connection on its own line; nested connections are
 * lifted out of their parent and their nodes carry `__parentId` (the parent's id). Yields the
 * lines in file order, counting them into `counts`.
 */
export function* bulkLines(data: Json, counts = { lineCount: 0, rootCount: 0 }): Generator<Json> {
  function* walk(nodes: Json[], parentId: string | undefined): Generator<Json> {
    for (const node of nodes) {
      const line: Json = {};
      const nested: Json[][] = [];
      for (const [key, value] of Object.entries(node)) {
        const children = connectionNodes(value);
        if (children) nested.push(children);
        else line[key] = value;
      }
      if (parentId) line.__parentId = parentId;
      else counts.rootCount++;
      counts.lineCount++;
      yield line;
      for (const children of nested) yield* walk(children, typeof node.id === "string" ? node.id : parentId);
    }
  }
  for (const value of Object.values(data)) {
    const nodes = connectionNodes(value);
    if (nodes) yield* walk(nodes, undefined);
    else if (value && typeof value === "object") {
      counts.lineCount++;
      yield value as Json;
    }
  }
}

let bulkDir: string | undefined;

/** Writes the result file as the lines come (a 100,000-order result is never one string). */
async function writeBulkFile(data: Json, fileId: string): Promise<{ file: string; bytes: number; lineCount: number; rootCount: number }> {
  bulkDir ??= mkdtempSync(path.join(tmpdir(), "emulator-bulk-"));
  const file = path.join(bulkDir, `${fileId}.jsonl`);
  const out = createWriteStream(file);
  const counts = { lineCount: 0, rootCount: 0 };
  let bytes = 0;
  let chunk = "";
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  for (const line of bulkLines(data, counts)) {
    chunk += JSON.stringify(line) + "\n";
    if (chunk.length >= 256 * 1024) {
      await write(chunk);
      chunk = "";
    }
  }
  if (chunk) await write(chunk);
  out.end();
  await once(out, "finish");
  return { file, bytes, ...counts };
}

function bulkQueryProblem(query: string): string | null {
  const errors = validateAdminDocument(query);
  if (errors.length) return `Invalid bulk query: ${errors.map((e) => e.message).join("; ")}`;
  const document = parse(query);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
  if (operations.length !== 1 || operations[0]!.operation !== "query") return "Invalid bulk query: expected exactly one query operation";
  const roots = operations[0]!.selectionSet.selections.filter((s): s is FieldNode => s.kind === "Field");
  if (roots.length !== 1) return "Invalid bulk query: Bulk queries must contain at least one connection.";
  return null;
}

/** How long each bulk state lasts; tests poll `currentBulkOperation` like an app does. */
export const BULK_STEP_MS = 10;

export function startBulkQuery(ctx: AdminContext, query: string) {
  const running = ctx.store.list(ctx.shop, "BulkOperation").find((b) => b.type === "QUERY" && (b.status === "CREATED" || b.status === "RUNNING"));
  if (running) {
    return { bulkOperation: null, userErrors: [{ field: ["query"], message: `A bulk query operation for this app and shop is already in progress: ${running.id}.`, code: "OPERATION_IN_PROGRESS" }] };
  }
  const problem = bulkQueryProblem(query);
  if (problem) return { bulkOperation: null, userErrors: [{ field: ["query"], message: problem, code: "INVALID" }] };
  const operation = ctx.store.insert<BulkOperationRecord>(ctx.shop, {
    __typename: "BulkOperation", type: "QUERY", status: "CREATED", query, errorCode: null, objectCount: "0", rootObjectCount: "0",
    fileSize: null, url: null, partialDataUrl: null, createdAt: ctx.store.now().toISOString(), completedAt: null,
  });
  setTimeout(() => {
    operation.status = "RUNNING";
    setTimeout(() => {
      void runBulk(ctx, operation);
    }, BULK_STEP_MS);
  }, BULK_STEP_MS);
  return { bulkOperation: operation, userErrors: [] };
}

async function runBulk(ctx: AdminContext, operation: BulkOperationRecord): Promise<void> {
  const result = await executeAdminDocument({ ...ctx, bulk: true }, { query: operation.query });
  if (result.errors?.length || !result.data) {
    operation.status = "FAILED";
    operation.errorCode = "INTERNAL_SERVER_ERROR";
  } else {
    const fileId = String(legacyId(operation.id));
    const { file, bytes, lineCount, rootCount } = await writeBulkFile(result.data as Json, fileId);
    ctx.store.bulkResults.set(fileId, file);
    operation.status = "COMPLETED";
    operation.objectCount = String(lineCount);
    operation.rootObjectCount = String(rootCount);
    operation.fileSize = String(bytes);
    operation.url = lineCount ? `${ctx.baseUrl}/bulk/${fileId}.jsonl` : null;
  }
  operation.completedAt = ctx.store.now().toISOString();
  ctx.store.emit(ctx.shop, "bulk_operations/finish", operation.id);
}
