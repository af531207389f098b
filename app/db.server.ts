import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequire } from "node:module";
import path from "node:path";
import { isPostgresUrl } from "./db/migrate.server";
import { databaseUrl } from "./db/url.server";

declare global {
  // eslint-disable-next-line no-var
  var prismaGlobal: PrismaClient | undefined;
}

/**
 * Both Prisma clients run on the JavaScript engine through driver adapters (no native engine to
 * download). The PostgreSQL client is generated from the derived schema into its own package;
 * it has the same models, so it is typed as the SQLite one.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  if (isPostgresUrl(url)) {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const { PrismaClient: PostgresClient } = require(".prisma/postgres-client") as { PrismaClient: new (options: unknown) => PrismaClient };
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  const factory = new TrackedLibSQL({ url });
  const client = new PrismaClient({ adapter: factory });
  sqliteFactories.set(client, factory);
  return client;
}

export type SqlArg = string | number | null;

interface RawQuery {
  sql: string;
  args: SqlArg[];
  argTypes: { scalarType: string; arity: string }[];
}
interface Queryable {
  executeRaw(query: RawQuery): Promise<number>;
  queryRaw(query: RawQuery): Promise<{ columnNames: string[]; rows: unknown[][] }>;
}

/** The libsql adapter factory, remembering the adapter (connection) Prisma is using. */
class TrackedLibSQL extends PrismaLibSQL {
  adapter: (Queryable & { startTransaction(): Promise<Queryable & { commit(): Promise<void>; rollback(): Promise<void> }> }) | undefined;
  override async connect() {
    const adapter = await super.connect();
    this.adapter = adapter as unknown as TrackedLibSQL["adapter"];
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      if (this.adapter === (adapter as unknown)) this.adapter = undefined;
      return dispose();
    };
    return adapter;
  }
}

const sqliteFactories = new WeakMap<PrismaClient, TrackedLibSQL>();

/**
 * A statement on a SQLite client's own connection, straight through the driver adapter: the same
 * connection and lock Prisma's queries and transactions take turns on, without the query engine's
 * per-parameter work (which costs about 0.7 ms per 10 kB row, more than the write itself). For
 * hot bulk writes only; null on PostgreSQL, where callers use `$executeRaw`.
 */
export async function sqliteExecute(client: PrismaClient, sql: string, args: SqlArg[]): Promise<number | null> {
  const adapter = await sqliteAdapter(client);
  return adapter ? ran(raw(sql, args), (q) => adapter.executeRaw(q)) : null;
}

async function sqliteAdapter(client: PrismaClient) {
  const factory = sqliteFactories.get(client);
  if (!factory) return null;
  if (!factory.adapter) await client.$connect();
  return factory.adapter ?? null;
}

const raw = (sql: string, args: SqlArg[]): RawQuery => ({ sql, args, argTypes: args.map((a) => ({ scalarType: typeof a === "number" ? "int" : "string", arity: "scalar" })) });

/**
 * Runs a statement, then empties it. Prisma's debug module keeps the arguments of its last 100
 * adapter calls for error reports, logging on or off: a 32,000-parameter batch INSERT (or an
 * inbox batch of webhook bodies) would stay reachable long after it ran, tens of MB over a
 * backfill. The history keeps the statement's first words.
 */
async function ran<T>(query: RawQuery, run: (query: RawQuery) => Promise<T>): Promise<T> {
  try {
    return await run(query);
  } finally {
    query.sql = query.sql.slice(0, 80);
    query.args = [];
    query.argTypes = [];
  }
}

/** Statements inside one SQLite transaction on the adapter's connection (see `sqliteExecute`). */
export interface SqlTransaction {
  execute(sql: string, args?: SqlArg[]): Promise<number>;
  query(sql: string, args?: SqlArg[]): Promise<Record<string, unknown>[]>;
  /** Multi-row INSERTs of `rows` (all with the same keys), as few statements as SQLite's 32,766-parameter cap allows. */
  insert(table: string, rows: Record<string, SqlArg | boolean | Date>[]): Promise<void>;
}

/**
 * Runs `fn` in one transaction on a SQLite client's connection, holding it as a Prisma interactive
 * transaction does (Prisma's other queries wait), committed when `fn` resolves and rolled back when
 * it throws. Null on PostgreSQL: the caller uses Prisma there.
 */
export async function sqliteTransaction<T>(client: PrismaClient, fn: (tx: SqlTransaction) => Promise<T>): Promise<{ value: T } | null> {
  const adapter = await sqliteAdapter(client);
  if (!adapter) return null;
  const tx = await adapter.startTransaction();
  const api: SqlTransaction = {
    execute: (sql, args = []) => ran(raw(sql, args), (q) => tx.executeRaw(q)),
    async query(sql, args = []) {
      const result = await ran(raw(sql, args), (q) => tx.queryRaw(q));
      return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])));
    },
    async insert(table, rows) {
      if (!rows.length) return;
      const columns = Object.keys(rows[0]!);
      const perStatement = Math.max(1, Math.floor(32_000 / columns.length));
      const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const args: SqlArg[] = [];
        for (const row of chunk) for (const c of columns) args.push(sqliteValue(row[c]));
        await ran(raw(head + Array(chunk.length).fill(tuple).join(", "), args), (q) => tx.executeRaw(q));
      }
    },
  };
  let value: T;
  try {
    value = await fn(api);
  } catch (error) {
    await tx.rollback();
    throw error;
  }
  await tx.commit();
  return { value };
}

function sqliteValue(v: SqlArg | boolean | Date | undefined): SqlArg {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return sqliteDate(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

/** True for a client made by `createPrismaClient` on SQLite (which `sqliteTransaction` serves). */
export const sqliteDialect = (client: PrismaClient): boolean => sqliteFactories.has(client);

/** How Prisma's libsql adapter stores a DateTime (ISO 8601 with an explicit offset). */
export const sqliteDate = (date: Date): string => date.toISOString().replace("Z", "+00:00");

const prisma: PrismaClient = global.prismaGlobal ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") global.prismaGlobal = prisma;

export default prisma;
