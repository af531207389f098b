/** Generates both Prisma clients (SQLite and PostgreSQL); run on install. */
import { execFileSync } from "node:child_process";

execFileSync("npx", ["prisma", "generate"], { stdio: "inherit" });
// prisma.config.ts picks the PostgreSQL schema from a postgres DATABASE_URL; generating does not connect.
execFileSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: "postgresql://generate@localhost/generate" },
});
