/**
 * A shop set up for carrier tests the way the demo sets one up: the seeded emulator catalogue's
 * customs data synced, the sample rate cards for the demo's warehouses imported, and settings
 * (DDP to GB, DE and FR; Secaucus, Venlo and Northampton warehouses).
 */
import type { PrismaClient } from "@prisma/client";
import { emulatorFetch } from "../../app/integrations/shopify/emulator-fetch.server";
import { DEFAULT_SETTINGS, saveCarrierSettings, type CarrierSettings } from "../../app/services/carrier-settings.server";
import { offlineAdminGraphql, syncProductCustoms } from "../../app/services/product-customs.server";
import { importShopRateCard, sampleRateCardFiles } from "../../app/services/shop-rate-cards.server";
import { DEMO_ACCESS_TOKEN } from "../../emulator/seed";

export const TEST_CARRIER_SETTINGS: CarrierSettings = {
  ...DEFAULT_SETTINGS,
  ddpMarkets: ["GB", "DE", "FR"],
  warehouses: [
    { id: "secaucus", name: "New Jersey Warehouse", country: "US", region: "NJ", timeZone: "America/New_York", cutoff: "14:00", handlingDays: 1 },
    { id: "venlo", name: "Venlo 3PL (EU)", country: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1 },
    { id: "northampton", name: "Northampton Warehouse (UK)", country: "GB", region: "ENG", timeZone: "Europe/London", cutoff: "14:00", handlingDays: 1 },
  ],
};

/** `emulatorUrl` null: a shop the emulator does not hold (cards and settings only, no catalogue). */
export async function setUpCarrierShop(db: PrismaClient, shop: string, emulatorUrl: string | null, settings: CarrierSettings = TEST_CARRIER_SETTINGS): Promise<void> {
  if (emulatorUrl) {
    const graphql = offlineAdminGraphql({ shop, accessToken: DEMO_ACCESS_TOKEN, apiVersion: "2026-10", fetch: emulatorFetch(emulatorUrl) });
    await syncProductCustoms(db, shop, graphql);
  }
  for (const { cardId, csv } of sampleRateCardFiles(["US", "NL", "GB"])) {
    const outcome = await importShopRateCard(db, shop, cardId, csv, { sample: true });
    if (!outcome.ok) throw new Error(`sample card ${cardId}: ${JSON.stringify(outcome.errors)}`);
  }
  await saveCarrierSettings(db, shop, settings);
}
