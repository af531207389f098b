/**
 * Runs before each test file (each file has its own process): the app's configuration for tests
 * and a fresh, migrated SQLite database of its own, so files never share state.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateDatabase } from "../../app/db/migrate.server";

export const TEST_API_KEY = "test-api-key";
export const TEST_API_SECRET = "test-api-secret";

process.env.SHOPIFY_API_KEY = TEST_API_KEY;
process.env.SHOPIFY_API_SECRET = TEST_API_SECRET;
process.env.SHOPIFY_APP_URL = "https://borderless.test";
process.env.NODE_ENV = "test";

if (!process.env.DATABASE_URL || process.env.DATABASE_URL.startsWith("file:")) {
  const dir = mkdtempSync(path.join(tmpdir(), "borderless-test-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "test.sqlite")}`;
  await migrateDatabase(process.env.DATABASE_URL);
}
