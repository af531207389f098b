import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  query?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Shopify's hard page-size limit for connections. */
export const MAX_PAGE_SIZE = 250;

export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ last_id: id }), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { last_id?: unknown };
    if (typeof parsed.last_id === "string") return parsed.last_id;
  } catch {
    // fall through to Shopify's message
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

/**
 * Relay connection over an in-memory list, with Shopify's rules: `first` or `last` is required
 * (except inside a bulk operation, which pages by itself), at most 250 per page, opaque cursors.
 */
export function connection<T extends { id: string }>(all: readonly T[], args: ConnectionArgs, options: { unbounded?: boolean } = {}): Connection<T> {
  const { first, last, after, before } = args;
  if (!options.unbounded) {
    if (first == null && last == null) {
      throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
    }
    if ((first ?? 0) > MAX_PAGE_SIZE || (last ?? 0) > MAX_PAGE_SIZE) {
      throw new GraphQLError(`The maximum number of records that can be requested is ${MAX_PAGE_SIZE}.`, {
        extensions: { code: "MAX_COST_EXCEEDED" },
      });
    }
  }
  let items = args.reverse ? [...all].reverse() : [...all];
  let start = 0;
  let end = items.length;
  if (after) {
    const id = decodeCursor(after);
    const index = items.findIndex((item) => item.id === id);
    start = index >= 0 ? index + 1 : end;
  }
  if (before) {
    const id = decodeCursor(before);
    const index = items.findIndex((item) => item.id === id);
    end = index >= 0 ? index : end;
  }
  let hasNextPage = end < items.length;
  let hasPreviousPage = start > 0;
  items = items.slice(start, end);
  if (first != null && items.length > first) {
    items = items.slice(0, first);
    hasNextPage = true;
  }
  if (last != null && items.length > last) {
    items = items.slice(items.length - last);
    hasPreviousPage = true;
  }
  const edges = items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    nodes: items,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
