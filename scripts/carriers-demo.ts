import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP } from "../app/demo/constants";
import { ensureCarrierService } from "../app/integrations/shopify/carrier-service.server";
import { emulatorFetch } from "../app/integrations/shopify/emulator-fetch.server";
import { DEFAULT_SETTINGS, saveCarrierSettings, type CarrierSettings } from "../app/services/carrier-settings.server";
import { offlineAdminGraphql, syncProductCustoms } from "../app/services/product-customs.server";
import { importShopRateCard, sampleRateCardFiles } from "../app/services/shop-rate-cards.server";
import { DEMO_ACCESS_TOKEN } from "../emulator/seed";

/**
 * The demo shop's carriers, as a merchant would set them up on the Carriers page: the sample rate
 * cards that ship from its three warehouses (Secaucus NJ, Venlo NL, Northampton UK), duties
 * collected at checkout (DDP) for the UK, France and Canada, the catalogue's
 * HS codes and origins copied from the emulator, and the checkout-rates callback registered.
 */
export const DEMO_CARRIER_SETTINGS: CarrierSettings = {
  ...DEFAULT_SETTINGS,
  ddpMarkets: ["GB", "FR", "CA"],
  noEconomyAboveMinor: 50_000,
  monthlyShipments: { "dhl-express": 310, ups: 120, usps: 80 },
  warehouses: [
    { id: "secaucus", name: "New Jersey Warehouse", country: "US", region: "NJ", timeZone: "America/New_York", cutoff: "14:00", handlingDays: 1 },
    { id: "venlo", name: "Venlo 3PL (EU)", country: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1 },
    { id: "northampton", name: "Northampton Warehouse (UK)", country: "GB", region: "ENG", timeZone: "Europe/London", cutoff: "13:00", handlingDays: 1 },
  ],
};

export async function seedCarriersDemo(prisma: PrismaClient, emulatorUrl: string, options: { appUrl?: string; appSecret?: string } = {}): Promise<void> {
  const graphql = offlineAdminGraphql({ shop: DEMO_SHOP, accessToken: DEMO_ACCESS_TOKEN, apiVersion: "2026-10", fetch: emulatorFetch(emulatorUrl) });
  await syncProductCustoms(prisma, DEMO_SHOP, graphql);
  for (const { cardId, csv } of sampleRateCardFiles(["US", "NL", "GB"])) {
    const outcome = await importShopRateCard(prisma, DEMO_SHOP, cardId, csv, { sample: true });
    if (!outcome.ok) throw new Error(`sample rate card ${cardId} does not import: ${outcome.errors.map((e) => e.message).join("; ")}`);
  }
  await saveCarrierSettings(prisma, DEMO_SHOP, DEMO_CARRIER_SETTINGS);
  const appUrl = options.appUrl ?? process.env.SHOPIFY_APP_URL;
  const appSecret = options.appSecret ?? process.env.SHOPIFY_API_SECRET;
  if (appUrl && appSecret) await ensureCarrierService(prisma, DEMO_SHOP, graphql, { appUrl, appSecret });
}
