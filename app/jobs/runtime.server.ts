import type { PrismaClient } from "@prisma/client";
import { databaseUrl } from "../db/url.server";
import { isPostgresUrl } from "../db/migrate.server";
import { emulatorFetch } from "../integrations/shopify/emulator-fetch.server";
import { bulkAdmin } from "../integrations/shopify/bulk-orders.server";
import type { BackfillDeps } from "./backfill.server";
import { createWorker, type Worker, type WorkerOptions } from "./worker.server";

declare global {
  // eslint-disable-next-line no-var
  var borderlessWorker: Worker | undefined;
}

/**
 * The Admin API for backfills, with the shop's stored offline token. Requests go through the same
 * fetch seam as the Shopify libraries, so in the demo and tests they reach the local emulator.
 */
export function backfillDeps(db: PrismaClient, { apiVersion, emulatorUrl }: { apiVersion: string; emulatorUrl?: string }): BackfillDeps {
  const doFetch = emulatorUrl ? emulatorFetch(emulatorUrl) : globalThis.fetch;
  return {
    async adminFor(shop) {
      const session = await db.session.findFirst({ where: { shop, isOnline: false }, select: { accessToken: true } });
      return session ? bulkAdmin({ shop, accessToken: session.accessToken, apiVersion, fetch: doFetch }) : null;
    },
  };
}

/** Starts the in-process worker once per process (the server calls it; so does scripts/worker.ts). */
export function startAppWorker(db: PrismaClient, options: Partial<WorkerOptions> & { apiVersion: string; emulatorUrl?: string }): Worker {
  if (globalThis.borderlessWorker) return globalThis.borderlessWorker;
  const { apiVersion, emulatorUrl, ...rest } = options;
  const worker = createWorker({
    db,
    dialect: isPostgresUrl(databaseUrl()) ? "postgres" : "sqlite",
    backfill: backfillDeps(db, { apiVersion, emulatorUrl }),
    ...rest,
  });
  worker.start();
  globalThis.borderlessWorker = worker;
  return worker;
}
