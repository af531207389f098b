import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP } from "../app/demo/constants";
import { emulatorFetch } from "../app/integrations/shopify/emulator-fetch.server";
import { DEFAULT_SETTINGS, saveCarrierSettings, type CarrierSettings } from "../app/services/carrier-settings.server";
import { offlineAdminGraphql, syncProductCustoms } from "../app/services/product-customs.server";
import { importShopRateCard, sampleRateCardFiles } from "../app/services/shop-rate-cards.server";
import { DEMO_ACCESS_TOKEN } from "../emulator/seed";

/**
 * What the demo's checkout preview needs of the demo shop, written only where nothing is there
 * yet (the Carriers setup may have seeded its own): the catalogue's HS codes, origins and weights,
 * the sample rate cards, and carrier settings shipping from New Jersey with duties collected at
 * checkout (DDP) for the UK.
 */
export const CHECKOUT_DEMO_SETTINGS: CarrierSettings = {
  ...DEFAULT_SETTINGS,
  ddpMarkets: ["GB"],
  warehouses: [{ id: "secaucus", name: "New Jersey Warehouse", country: "US", region: "NJ", timeZone: "America/New_York", cutoff: "14:00", handlingDays: 1 }],
};

export async function seedCheckoutDemo(prisma: PrismaClient, emulatorUrl: string, apiVersion = "2026-10"): Promise<void> {
  if ((await prisma.productCustoms.count({ where: { shop: DEMO_SHOP } })) === 0) {
    await syncProductCustoms(prisma, DEMO_SHOP, offlineAdminGraphql({ shop: DEMO_SHOP, accessToken: DEMO_ACCESS_TOKEN, apiVersion, fetch: emulatorFetch(emulatorUrl) }));
  }
  if ((await prisma.shopRateCard.count({ where: { shop: DEMO_SHOP } })) === 0) {
    for (const { cardId, csv } of sampleRateCardFiles()) await importShopRateCard(prisma, DEMO_SHOP, cardId, csv, { sample: true });
  }
  if (!(await prisma.carrierSettings.findUnique({ where: { shop: DEMO_SHOP } }))) {
    await saveCarrierSettings(prisma, DEMO_SHOP, CHECKOUT_DEMO_SETTINGS);
  }
}
