/**
 * A worker in its own process for the crash test: drains the inbox of DATABASE_URL, pausing after
 * each delivery so the parent can kill it mid-batch, and reports progress on stdout.
 */
import { createPrismaClient } from "../../app/db.server";
import { createWorker } from "../../app/jobs/worker.server";

const db = createPrismaClient(process.env.DATABASE_URL!);
const pauseMs = Number(process.env.WORKER_PAUSE_MS ?? 0);
const worker = createWorker({
  db,
  dialect: "sqlite",
  batchSize: 20,
  leaseMs: Number(process.env.WORKER_LEASE_MS ?? 30_000),
  idleMs: 50,
  afterDelivery: async () => {
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  },
});
console.log("worker started");
worker.start();
process.on("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
