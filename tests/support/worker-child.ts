/**
 * A worker in its own process for the crash test: drains the inbox of DATABASE_URL, pausing after
 * each delivery so the parent can kill it mid-batch, and reports each settled delivery on stdout.
 * The parent watches stdout rather than the database: a second SQLite client polling from another
 * process would contend for the file lock the worker commits through.
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
  afterDelivery: async (delivery, outcome) => {
    console.log(`${outcome} ${delivery.id}`);
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  },
});
console.log("worker started");
if (process.env.WORKER_EXIT_WHEN_IDLE === "1") {
  // Drain what is due, wait out any lease a dead worker left, drain again, then exit.
  const leaseMs = Number(process.env.WORKER_LEASE_MS ?? 30_000);
  await worker.drain();
  await new Promise((resolve) => setTimeout(resolve, leaseMs + 100));
  await worker.drain();
  await db.$disconnect();
  process.exit(0);
}
worker.start();
process.on("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
