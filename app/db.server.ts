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
  return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
}

const prisma: PrismaClient = global.prismaGlobal ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") global.prismaGlobal = prisma;

export default prisma;
