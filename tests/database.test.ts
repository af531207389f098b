import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../app/db.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { derivePostgresSchema, postgresSchemaPath } from "../scripts/postgres-schema";
import { startPostgres, type RunningPostgres } from "./support/postgres";

async function roundTrip(url: string) {
  const prisma = createPrismaClient(url);
  try {
    await prisma.shop.create({ data: { domain: "a.myshopify.com", name: "A", currency: "EUR" } });
    await prisma.session.create({ data: { id: "offline_a.myshopify.com", shop: "a.myshopify.com", state: "s", accessToken: "t", userId: 115316506813n } });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: "a.myshopify.com" } });
    const session = await prisma.session.findUniqueOrThrow({ where: { id: "offline_a.myshopify.com" } });
    await expect(prisma.shop.create({ data: { domain: "a.myshopify.com" } })).rejects.toThrow(/Unique constraint/);
    return { shop, session };
  } finally {
    await prisma.$disconnect();
  }
}

describe("SQLite (libsql), the embedded default", () => {
  it("applies the committed migrations once and stores and reads rows", async () => {
    const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), "borderless-db-")), "t.sqlite")}`;
    expect(await migrateDatabase(url)).toContain("20261125000000_init");
    expect(await migrateDatabase(url)).toEqual([]);
    const { shop, session } = await roundTrip(url);
    expect(shop).toMatchObject({ domain: "a.myshopify.com", currency: "EUR", fulfillmentModel: "merchant" });
    expect(session.userId).toBe(115316506813n);
  });
});

describe("PostgreSQL, for scale-out", () => {
  let pg: RunningPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it("applies the same migrations and answers the same queries", async () => {
    const url = await pg.createDatabase("roundtrip");
    expect(await migrateDatabase(url)).toContain("20261125000000_init");
    const { shop, session } = await roundTrip(url);
    expect(shop).toMatchObject({ domain: "a.myshopify.com", currency: "EUR", fulfillmentModel: "merchant" });
    expect(session.userId).toBe(115316506813n);
  });

  it("migrates once when several instances start together", async () => {
    const url = await pg.createDatabase("concurrent");
    const results = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    expect(results.flat().filter((name) => name === "20261125000000_init")).toHaveLength(1);
  });
});

describe("schema files", () => {
  it("keeps the PostgreSQL schema derived from the SQLite one", () => {
    const sqlite = readFileSync(path.join("prisma", "schema.prisma"), "utf8");
    expect(readFileSync(postgresSchemaPath(process.cwd()), "utf8")).toBe(derivePostgresSchema(sqlite));
  });

  it("has a migration for every schema change (the snapshot is the schema)", () => {
    const schema = readFileSync(path.join("prisma", "schema.prisma"), "utf8");
    const snapshot = readFileSync(path.join("prisma", "migrations", "schema.snapshot.prisma"), "utf8");
    expect(snapshot, "prisma/schema.prisma changed without `npm run db:migration -- <name>`").toBe(schema);
  });
});
