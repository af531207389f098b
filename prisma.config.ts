import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's native engines are downloaded at install time from a host a locked-down machine may
// not reach, so both the CLI (schema engine) and the client run on the JavaScript engine through
// driver adapters. The provider follows DATABASE_URL: postgres URLs use the generated PostgreSQL
// schema and its own migrations, anything else the SQLite file.
const url = process.env.DATABASE_URL ?? "";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations"),
  },
  async adapter() {
    if (postgres) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaLibSQL } = await import("@prisma/adapter-libsql");
    return new PrismaLibSQL({ url: sqliteUrl(url) });
  },
});

function sqliteUrl(value: string): string {
  if (value.startsWith("file:")) return value;
  return `file:${path.join(process.cwd(), "prisma", "dev.sqlite")}`;
}
