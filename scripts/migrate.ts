/** `npm run setup`: applies the committed migrations to the configured database. */
import { migrateDatabase } from "../app/db/migrate.server";
import { databaseUrl } from "../app/db/url.server";

const applied = await migrateDatabase(databaseUrl());
console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
