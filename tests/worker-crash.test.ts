import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { action as ordersRoute } from "../app/routes/webhooks.orders";
import { exampleBody, signedWebhook } from "./support/webhooks";

const SHOP = "crash.myshopify.com";
const N = 200;

function startWorker(env: Record<string, string>): ChildProcess {
  // The worker itself, not an npx wrapper: SIGKILL must hit the process that holds the claims.
  return spawn(process.execPath, ["--import", "tsx", "tests/support/worker-child.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a worker killed with SIGKILL mid-batch", () => {
  it("GIVEN 200 deliveries WHEN the worker process is killed -9 halfway and another is started THEN every delivery is processed and none is applied twice", async () => {
    const base = JSON.parse(exampleBody("orders/create"));
    for (let i = 0; i < N; i++) {
      const body = JSON.stringify({ ...base, id: 50_000 + i, admin_graphql_api_id: `gid://shopify/Order/${50_000 + i}`, name: `#C${i}`, updated_at: "2026-11-25T10:00:00Z" });
      expect((await ordersRoute({ request: signedWebhook({ topic: "orders/create", shop: SHOP, body, path: "/webhooks/orders" }), params: {}, context: {} })).status).toBe(200);
    }
    const first = startWorker({ WORKER_PAUSE_MS: "15", WORKER_LEASE_MS: "1500" });
    let reported = 0;
    first.stdout!.on("data", (chunk: Buffer) => (reported += (chunk.toString().match(/^done /gm) ?? []).length));
    await until(async () => reported >= 45, 60_000, "the first worker to get going");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const atKill = await db.webhookDelivery.groupBy({ by: ["state"], where: { shop: SHOP }, _count: { _all: true } });
    const count = (state: string) => atKill.find((s) => s.state === state)?._count._all ?? 0;
    // Killed mid-batch: some applied, some claimed and held by the dead process, the rest waiting.
    expect(count("done")).toBeGreaterThanOrEqual(45);
    expect(count("done")).toBeLessThan(N);
    expect(count("processing")).toBeGreaterThan(0);

    const second = startWorker({ WORKER_LEASE_MS: "1500", WORKER_EXIT_WHEN_IDLE: "1" });
    const exitCode = await new Promise((resolve) => second.once("exit", resolve));
    expect(exitCode).toBe(0);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP, state: "done" } })).toBe(N);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(N);
    // One order event per applied delivery: a delivery applied twice would leave two.
    const events = await db.orderEvent.groupBy({ by: ["deliveryId"], where: { shop: SHOP }, _count: { _all: true } });
    expect(events.length).toBe(N);
    expect(events.every((e) => e._count._all === 1)).toBe(true);
    const retaken = await db.webhookDelivery.count({ where: { shop: SHOP, attempts: { gt: 1 } } });
    expect(retaken).toBe(count("processing")); // exactly the claims the dead worker held were taken again
  }, 120_000);
});
