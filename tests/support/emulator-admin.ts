import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../../emulator/seed";
import { adminGraphqlWithToken, type AdminGraphql } from "../../app/integrations/shopify/admin-graphql.server";

/** The emulator's Admin API for a shop, called with the demo's access token the way the app calls Shopify. */
export const emulatorAdmin = (emulator: { url: string } | string, shop = DEMO_SHOP): AdminGraphql =>
  adminGraphqlWithToken(`${typeof emulator === "string" ? emulator : emulator.url}/${shop}/admin/api/2026-10/graphql.json`, DEMO_ACCESS_TOKEN);
