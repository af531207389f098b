/**
 * `npm run demo`: the app against the local Shopify emulator with a seeded store, in a plain
 * browser. Builds the app, starts the emulator, prepares the demo database and serves the admin
 * at http://localhost:3000/demo (PORT and EMULATOR_PORT change the ports; --no-build reuses a build).
 */
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

if (process.env.NODE_ENV === "production") {
  console.error("The demo cannot run with NODE_ENV=production: it serves seeded data from the local Shopify emulator.");
  process.exit(1);
}

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.SHOPIFY_APP_URL ?? `http://localhost:${port}`;
const dbFile = path.join(root, "prisma", "demo.sqlite");
const buildDir = path.resolve(root, process.env.BORDERLESS_BUILD_DIR || "build");

process.env.NODE_ENV ??= "development";
process.env.BORDERLESS_DEMO = "1";
process.env.SHOPIFY_API_KEY ??= "borderless-demo-api-key";
process.env.SHOPIFY_API_SECRET ??= "borderless-demo-api-secret";
process.env.SHOPIFY_APP_URL = appUrl;
process.env.DATABASE_URL ??= `file:${dbFile}`;

if (!process.argv.includes("--no-build") || !existsSync(path.join(buildDir, "server", "index.js"))) {
  console.log("Building the app…");
  execFileSync("npx", ["remix", "vite:build"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
}

const { startEmulator } = await import("../emulator/server");
const { prepareDemoDatabase } = await import("./demo-database");
const { SUBSCRIBED_TOPICS, webhookPathFor } = await import("../app/integrations/shopify/webhook-topics");

const emulator = await startEmulator({
  port: Number(process.env.EMULATOR_PORT ?? 0),
  apiSecret: process.env.SHOPIFY_API_SECRET,
  // Each topic goes to the path shopify.app.toml subscribes it at, signed with the app's secret.
  webhookTarget: (topic: string) => `${appUrl}${webhookPathFor(topic) ?? `/webhooks/${topic}`}`,
  webhookTopics: SUBSCRIBED_TOPICS,
  seed: { now: new Date() },
});
process.env.SHOPIFY_EMULATOR_URL = emulator.url;
// Inventory: the EU's best seller nearly sold out in Venlo, so a reallocation plan has work to do.
(await import("./demo-inventory")).lowerStockForDemo(emulator.store, "borderless-demo.myshopify.com");

// Tracking: a local mailbox for the emails and a carrier simulator standing in for DHL's API and EasyPost's webhooks.
const { startTrackingDemo } = await import("./tracking-demo");
process.env.EASYPOST_WEBHOOK_SECRET ??= "borderless-demo-easypost-secret";
const trackingDemo = await startTrackingDemo({ appUrl, secret: process.env.EASYPOST_WEBHOOK_SECRET });
process.env.SMTP_URL ??= trackingDemo.mailboxUrl;
process.env.MAIL_FROM ??= "tracking@borderless-demo.example";
process.env.TRACKING_CARRIER_SANDBOX_URL = trackingDemo.simulatorUrl;
process.env.TRACKING_POLL_MS ??= "8000";
process.env.TRACKING_TICK_MS ??= "4000";

if (process.env.DATABASE_URL === `file:${dbFile}` && !process.argv.includes("--keep")) {
  // A fresh demo database each run, so the demo always starts from the same seeded state.
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
}
await prepareDemoDatabase(process.env.DATABASE_URL);

const { default: express } = await import("express");
const { createRequestHandler } = await import("@remix-run/express");
const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);

const app = express();
app.disable("x-powered-by");
app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const { createPrismaClient } = await import("../app/db.server");
const trackingDb = createPrismaClient(process.env.DATABASE_URL);
const server = app.listen(port, () => {
  void trackingDemo.run(trackingDb);
  console.log(`Borderless demo ready: ${appUrl}/demo`);
  console.log(`Shopify emulator: ${emulator.url} (shop ${"borderless-demo.myshopify.com"})`);
});

const stop = () => {
  server.close();
  void Promise.allSettled([trackingDemo.close(), trackingDb.$disconnect()])
    .then(() => emulator.close())
    .finally(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
