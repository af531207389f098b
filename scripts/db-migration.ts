/**
 * `npm run db:migration -- <name>`: after editing prisma/schema.prisma, writes the next migration
 * for both databases. Prisma's JavaScript schema engine cannot diff against a live database when
 * a driver adapter is configured, so each migration is the difference between the schema as of
 * the last migration (prisma/migrations/schema.snapshot.prisma) and the schema now.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrationsDir } from "../app/db/migrate.server";
import { startPostgres } from "../tests/support/postgres";
import { derivePostgresSchema } from "./postgres-schema";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const root = process.cwd();
const schemaPath = path.join(root, "prisma", "schema.prisma");
const snapshotPath = path.join(migrationsDir("sqlite", root), "schema.snapshot.prisma");

function diff(from: string, to: string, databaseUrl: string): string {
  return execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  ).trim();
}

function write(kind: "sqlite" | "postgres", sql: string): boolean {
  if (!sql || sql.includes("empty migration")) return false;
  const dir = path.join(migrationsDir(kind, root), `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  console.log(`${kind}: wrote ${path.relative(root, dir)}/migration.sql`);
  return true;
}

execFileSync("npx", ["tsx", "scripts/postgres-schema.ts"], { stdio: "inherit" });
const scratch = mkdtempSync(path.join(tmpdir(), "borderless-migration-"));
try {
  const before = path.join(scratch, "before.prisma");
  const beforePg = path.join(scratch, "before-pg.prisma");
  const snapshot = readFileSync(snapshotPath, "utf8");
  writeFileSync(before, snapshot);
  writeFileSync(beforePg, derivePostgresSchema(snapshot));

  const changed = write("sqlite", diff(before, schemaPath, `file:${path.join(scratch, "scratch.sqlite")}`));
  // The PostgreSQL side of the schema engine needs a server to talk to, even for a file diff.
  const pg = await startPostgres();
  try {
    write("postgres", diff(beforePg, path.join(root, "prisma", "postgres", "schema.prisma"), pg.url));
  } finally {
    await pg.stop();
  }
  if (changed) copyFileSync(schemaPath, snapshotPath);
  else console.log("no schema changes since the last migration");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
