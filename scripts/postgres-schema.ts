/**
 * Writes prisma/postgres/schema.prisma from prisma/schema.prisma: same models, PostgreSQL
 * provider, client generated to its own output so both clients live side by side.
 * `--check` exits non-zero when the committed file is stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function derivePostgresSchema(sqlite: string): string {
  const header = "// GENERATED from prisma/schema.prisma by `npm run db:postgres-schema`. Do not edit.\n";
  const out = sqlite
    .replace(/^\/\/ The one schema[\s\S]*?\n\n/, "")
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = env("DATABASE_URL")')
    .replace(/(generator client \{[^}]*?engineType\s*=\s*"client")/, '$1\n  output     = "../../node_modules/.prisma/postgres-client"');
  return header + out;
}

export const postgresSchemaPath = (root: string) => path.join(root, "prisma", "postgres", "schema.prisma");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.cwd();
  const wanted = derivePostgresSchema(readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8"));
  const target = postgresSchemaPath(root);
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== wanted) {
      console.error("prisma/postgres/schema.prisma is stale: run `npm run db:postgres-schema`");
      process.exit(1);
    }
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, wanted);
    console.log("wrote prisma/postgres/schema.prisma");
  }
}
