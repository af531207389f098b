/**
 * The Shopify emulator for the sync benchmark, in a process of its own so the app's memory is
 * measured alone: seeds the demo shop with `BENCH_BACKFILL_ORDERS` orders, prints one JSON line
 * with its URL, answers each line on stdin with its CPU time, and serves until its parent closes stdin.
 */
import { createInterface } from "node:readline";
import { startEmulator } from "../emulator/server";
import { seedBulkOrders } from "./support-example";

const orders = Number(process.env.BENCH_BACKFILL_ORDERS ?? 100_000);
const emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
seedBulkOrders(emulator.store, orders);
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
// Each line on stdin asks for this process's CPU time so far (seconds), answered as one JSON line.
createInterface({ input: process.stdin })
  .on("line", () => {
    const cpu = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpu_s: (cpu.user + cpu.system) / 1e6 })}\n`);
  })
  .on("close", () => void emulator.close().then(() => process.exit(0)));
