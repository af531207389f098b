import path from "node:path";

/** The database the app uses: DATABASE_URL when set (postgres or file:), else prisma/dev.sqlite. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (url) return url;
  return `file:${path.join(process.cwd(), "prisma", "dev.sqlite")}`;
}
