/**
 * `npx tsx scripts/worker.ts`: the background worker on its own, for deployments that run app
 * instances with BORDERLESS_WORKER=0 and workers apart. Same configuration as the app (env.server).
 */
import db from "../app/db.server";
import { env } from "../app/env.server";
import { startAppWorker } from "../app/jobs/runtime.server";
import { apiVersion } from "../app/shopify.server";

const worker = startAppWorker(db, { apiVersion, emulatorUrl: env.SHOPIFY_EMULATOR_URL });
console.log(`Borderless worker running against ${process.env.DATABASE_URL?.split("@").pop() ?? "prisma/dev.sqlite"}`);
const stop = () => void worker.stop().then(() => db.$disconnect()).then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
