import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { createPrismaClient } from "../app/db.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { DEMO_SHOP } from "../app/demo/constants";
import { ACCESS_SCOPES } from "../app/integrations/shopify/scopes";
import { requestInitialBackfill } from "../app/jobs/backfill.server";
import { DEMO_ACCESS_TOKEN } from "../emulator/seed";
import { seedCarriersDemo } from "./carriers-demo";
import { seedCheckoutDemo } from "./checkout-demo";
import { seedCustomsDemo } from "./customs-demo";
import { seedFulfillmentDemo } from "./fulfillment-demo";
import { seedTrackingDemo } from "./tracking-demo";
import { seedReturnsDemo } from "./returns-demo";

/**
 * Migrates the demo database and installs the app on the demo shop: the offline session the app
 * uses for Admin API calls (holding the emulator's access token), the shop's own row and the
 * backfill of its orders that an install requests.
 */
export async function prepareDemoDatabase(url: string): Promise<void> {
  await migrateDatabase(url);
  const prisma = createPrismaClient(url);
  try {
    const storage = new PrismaSessionStorage(prisma);
    await storage.storeSession(
      new Session({ id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "demo", isOnline: false, accessToken: DEMO_ACCESS_TOKEN, scope: ACCESS_SCOPES.join(",") }),
    );
    await prisma.shop.upsert({
      where: { domain: DEMO_SHOP },
      create: { domain: DEMO_SHOP, name: "Borderless Demo Store", currency: "USD", timezone: "America/New_York", countryCode: "US", fulfillmentModel: "orchestrated" },
      update: { uninstalledAt: null },
    });
    // As on install: the worker (started with the server) copies the store's order history in.
    await requestInitialBackfill(prisma, DEMO_SHOP);
    // Carriers: sample rate cards of the three warehouses, DDP markets, catalogue customs data, checkout rates registered.
    if (process.env.SHOPIFY_EMULATOR_URL) await seedCarriersDemo(prisma, process.env.SHOPIFY_EMULATOR_URL);
    // The checkout preview quotes through the shipping service: catalogue customs data, cards, settings.
    if (process.env.SHOPIFY_EMULATOR_URL) await seedCheckoutDemo(prisma, process.env.SHOPIFY_EMULATOR_URL);
    if (process.env.SHOPIFY_EMULATOR_URL) await seedCustomsDemo(prisma, process.env.SHOPIFY_EMULATOR_URL);
    // Tracking: shipments from the seeded fulfillments, their journeys so far (the simulator plays the rest).
    if (process.env.SHOPIFY_EMULATOR_URL) await seedTrackingDemo(prisma, process.env.SHOPIFY_EMULATOR_URL);
    // Fulfillment: the three warehouses, market models, open orders routed, two shipped with sandbox labels.
    if (process.env.SHOPIFY_EMULATOR_URL) await seedFulfillmentDemo(prisma, process.env.SHOPIFY_EMULATOR_URL);
    // Returns: the return network and a few returns made through the portal flow (some received).
    if (process.env.SHOPIFY_EMULATOR_URL) await seedReturnsDemo(prisma, process.env.SHOPIFY_EMULATOR_URL, process.env.SHOPIFY_APP_URL ?? "http://localhost:3000");
  } finally {
    await prisma.$disconnect();
  }
}
