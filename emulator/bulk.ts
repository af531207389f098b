import { createWriteStream, mkdtempSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import {
  Kind, OperationTypeNode, getNamedType, isObjectType, parse, validate,
  type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from "graphql";
import type { AdminContext } from "./context";
import { executeAdminDocument, executeValidDocument } from "./execute";
import { legacyId } from "./gid";
import type { BulkOperationRecord } from "./records";
import { adminSchema } from "./schema";
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
  for (const value of Object.values(data)) {
    const nodes = connectionNodes(value);
    if (nodes) yield* nodeLines(nodes, undefined, counts);
    else if (value && typeof value === "object") {
      counts.lineCount++;
      yield value as Json;
    }
  }
}

/** The lines of `nodes` (root nodes when `parentId` is undefined) and of their nested connections. */
function* nodeLines(nodes: Json[], parentId: string | undefined, counts: { lineCount: number; rootCount: number }): Generator<Json> {
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
    for (const children of nested) yield* nodeLines(children, typeof node.id === "string" ? node.id : parentId, counts);
  }
}

/** Root nodes executed per page: small enough that a page's result is short-lived garbage. */
export const BULK_PAGE_SIZE = 100;

/**
 * How a bulk query runs a page at a time: one pass over the root connection for its node ids
 * (with the query's own arguments: search, sort, reverse), then the node selection for each page
 * of ids through `nodes(ids:)`. Null when the query cannot be split that way (root pagination
 * arguments, fragments at the connection level, a root that is not a connection): it then runs
 * whole, as before.
 */
interface BulkPlan {
  ids: DocumentNode;
  page: DocumentNode;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const field = (fieldName: string, selections?: readonly SelectionNode[], args: FieldNode["arguments"] = []): FieldNode => ({
  kind: Kind.FIELD, name: name(fieldName), arguments: args,
  ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});

export function bulkPlan(query: string): BulkPlan | null {
  const schema = adminSchema();
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const root = operation?.selectionSet.selections[0];
  if (!operation || operation.variableDefinitions?.length || operation.selectionSet.selections.length !== 1 || root?.kind !== Kind.FIELD || !root.selectionSet) return null;
  if (root.arguments?.some((a) => ["first", "last", "after", "before"].includes(a.name.value))) return null;
  const connectionType = getNamedType(schema.getQueryType()?.getFields()[root.name.value]?.type);
  if (!connectionType || !isObjectType(connectionType) || !connectionType.name.endsWith("Connection")) return null;
  const nodesField = connectionType.getFields().nodes;
  const nodeType = nodesField && getNamedType(nodesField.type);
  if (!nodeType) return null;
  let nodeSelection: SelectionSetNode | undefined;
  for (const selection of root.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    const inner = selection.name.value === "nodes" ? selection.selectionSet
      : selection.name.value === "edges" ? selection.selectionSet?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "node")?.selectionSet
      : undefined;
    if (inner) {
      if (nodeSelection) return null;
      nodeSelection = inner;
    }
  }
  if (!nodeSelection) return null;
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const ids: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, selectionSet: { kind: Kind.SELECTION_SET, selections: [{ ...root, alias: undefined, selectionSet: { kind: Kind.SELECTION_SET, selections: [field("nodes", [field("id")])] } }] } }],
  };
  const page: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY,
        variableDefinitions: [{ kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name("ids") }, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name("ID") } } } } }],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [field("nodes", [{ kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: name(nodeType.name) }, selectionSet: nodeSelection }], [{ kind: Kind.ARGUMENT, name: name("ids"), value: { kind: Kind.VARIABLE, name: name("ids") } }])],
        },
      },
      ...fragments,
    ],
  };
  if (validate(schema, ids).length || validate(schema, page).length) return null;
  return { ids, page };
}

let bulkDir: string | undefined;

/** The result file, written as lines are produced: a 100,000-order result is never held whole. */
class BulkFile {
  readonly file: string;
  bytes = 0;
  readonly counts = { lineCount: 0, rootCount: 0 };
  private readonly out: WriteStream;
  private chunk = "";

  constructor(fileId: string) {
    bulkDir ??= mkdtempSync(path.join(tmpdir(), "emulator-bulk-"));
    this.file = path.join(bulkDir, `${fileId}.jsonl`);
    this.out = createWriteStream(this.file);
  }

  async add(lines: Iterable<Json>): Promise<void> {
    for (const line of lines) {
      this.chunk += JSON.stringify(line) + "\n";
      if (this.chunk.length >= 256 * 1024) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const text = this.chunk;
    this.chunk = "";
    this.bytes += Buffer.byteLength(text);
    if (!this.out.write(text)) await once(this.out, "drain");
  }

  async close(): Promise<void> {
    if (this.chunk) await this.flush();
    this.out.end();
    await once(this.out, "finish");
  }

  abort(): void {
    this.out.destroy();
  }
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
  const bulkCtx = { ...ctx, bulk: true };
  const fileId = String(legacyId(operation.id));
  const out = new BulkFile(fileId);
  // Counts grow while it runs, as Shopify's do.
  const progress = () => {
    operation.objectCount = String(out.counts.lineCount);
    operation.rootObjectCount = String(out.counts.rootCount);
  };
  let failed = false;
  try {
    const plan = bulkPlan(operation.query);
    if (plan) {
      const listed = await executeValidDocument(bulkCtx, plan.ids);
      const ids = listed.errors?.length || !listed.data ? null : (connectionNodes(Object.values(listed.data)[0]) ?? []).map((n) => n.id as string);
      if (!ids) failed = true;
      for (let start = 0; ids && start < ids.length && !failed; start += BULK_PAGE_SIZE) {
        const result = await executeValidDocument(bulkCtx, plan.page, { ids: ids.slice(start, start + BULK_PAGE_SIZE) });
        if (result.errors?.length || !result.data) failed = true;
        // A node deleted since the ids were listed reads null and is left out.
        else await out.add(nodeLines((result.data.nodes as (Json | null)[]).filter((n): n is Json => n !== null), undefined, out.counts));
        progress();
        // Let the server answer status polls and other requests between pages.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } else {
      const result = await executeAdminDocument(bulkCtx, { query: operation.query });
      if (result.errors?.length || !result.data) failed = true;
      else await out.add(bulkLines(result.data as Json, out.counts));
    }
    await out.close();
  } catch {
    out.abort();
    failed = true;
  }
  if (failed) {
    operation.status = "FAILED";
    operation.errorCode = "INTERNAL_SERVER_ERROR";
  } else {
    ctx.store.bulkResults.set(fileId, out.file);
    operation.status = "COMPLETED";
    progress();
    operation.fileSize = String(out.bytes);
    operation.url = out.counts.lineCount ? `${ctx.baseUrl}/bulk/${fileId}.jsonl` : null;
  }
  operation.completedAt = ctx.store.now().toISOString();
  ctx.store.emit(ctx.shop, "bulk_operations/finish", operation.id);
}
