/**
 * The Shopify emulator for the sync benchmark, in a process of its own so the app's memory is
 * measured alone: seeds the demo shop with `BENCH_BACKFILL_ORDERS` orders, prints one JSON line
 * with its URL, and serves until its parent closes stdin.
 */
import { startEmulator } from "../emulator/server";
import { seedBulkOrders } from "./support-example";

const orders = Number(process.env.BENCH_BACKFILL_ORDERS ?? 100_000);
const emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
seedBulkOrders(emulator.store, orders);
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void emulator.close().then(() => process.exit(0)));
