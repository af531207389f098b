/**
 * Runs the local Shopify Admin emulator on its own, seeded with the demo shop:
 *   npx tsx emulator/main.ts --port 3457 [--host 127.0.0.1] [--webhook-target http://localhost:3000] [--api-secret s]
 */
import { parseArgs } from "node:util";
import { adminSchemaLoadMs } from "./schema";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "./seed";
import { startEmulator } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3457" },
    host: { type: "string", default: "127.0.0.1" },
    "webhook-target": { type: "string" },
    "api-secret": { type: "string" },
    "no-seed": { type: "boolean", default: false },
  },
});

const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  webhookTarget: values["webhook-target"],
  apiSecret: values["api-secret"],
  seed: values["no-seed"] ? undefined : { now: new Date() },
});
console.log(`Shopify Admin emulator on ${emulator.url} (schema loaded in ${Math.round(adminSchemaLoadMs() ?? 0)} ms)`);
console.log(`  GraphQL: POST ${emulator.url}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`);
console.log(`  X-Shopify-Access-Token: ${DEMO_ACCESS_TOKEN}`);

const stop = () => void emulator.close().finally(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
