import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version the emulator serves; the schema file of the same name is loaded. */
export const ADMIN_API_VERSION = "2026-10";

let cached: { schema: GraphQLSchema; loadMs: number } | undefined;

/**
 * The package's `exports` hide `package.json` (and offer only an `import` condition), so find
 * its folder along Node's own lookup paths instead of a fixed location.
 */
function schemaFile(version: string): string {
  const lookup = createRequire(import.meta.url).resolve.paths("@shopify/dev-mcp") ?? [];
  const root = lookup.map((dir) => join(dir, "@shopify", "dev-mcp")).find((dir) => existsSync(join(dir, "package.json")));
  if (!root) throw new Error("@shopify/dev-mcp is not installed: it ships Shopify's Admin schema the emulator serves");
  return join(root, "dist", "data", `admin_${version}.json.gz`);
}

/**
 * Shopify's published Admin GraphQL schema (introspection JSON shipped in @shopify/dev-mcp).
 * Built once per process: the file is ~3,500 types and takes a few hundred ms to build.
 */
export function adminSchema(): GraphQLSchema {
  if (!cached) {
    const started = performance.now();
    const json = JSON.parse(gunzipSync(readFileSync(schemaFile(ADMIN_API_VERSION))).toString("utf8")) as
      | { data: IntrospectionQuery }
      | IntrospectionQuery;
    const introspection = "data" in json ? json.data : json;
    const schema = buildClientSchema(introspection);
    cached = { schema, loadMs: performance.now() - started };
  }
  return cached.schema;
}

/** Milliseconds the first `adminSchema()` call took (read + gunzip + parse + build); undefined before. */
export function adminSchemaLoadMs(): number | undefined {
  return cached?.loadMs;
}
