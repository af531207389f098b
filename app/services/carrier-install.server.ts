import type { PrismaClient } from "@prisma/client";
import { ensureCarrierService, type AdminGraphql, type CarrierServiceOutcome } from "~/integrations/shopify/carrier-service.server";
import { syncProductCustoms } from "./product-customs.server";
import { invalidateShippingQuotes } from "./shipping-quote.server";

/**
 * What installing (or re-authorising) the app does for carriers: register the CarrierService
 * with a callback signed for this shop, and copy the catalogue's HS codes, origins and weights
 * for quotes. Neither may fail the install: a shop on a plan without calculated rates is told on
 * the Carriers page, and the catalogue can be synced again from there.
 */
export async function setUpCarriersOnInstall(
  db: PrismaClient,
  shop: string,
  graphql: AdminGraphql,
  options: { appUrl: string; appSecret: string },
): Promise<{ carrierService: CarrierServiceOutcome | { status: "failed"; message: string }; variants: number | null }> {
  let carrierService: CarrierServiceOutcome | { status: "failed"; message: string };
  try {
    carrierService = await ensureCarrierService(db, shop, graphql, options);
  } catch (error) {
    carrierService = { status: "failed", message: (error as Error).message };
  }
  let variants: number | null = null;
  try {
    variants = await syncProductCustoms(db, shop, graphql);
  } catch (error) {
    console.error(`product customs sync for ${shop} failed:`, error);
  }
  invalidateShippingQuotes(shop);
  if (carrierService.status === "refused" || carrierService.status === "failed") {
    console.warn(`carrier service for ${shop} not registered: ${carrierService.message}`);
  }
  return { carrierService, variants };
}
