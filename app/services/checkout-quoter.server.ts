import { loadShopCatalog } from "../integrations/shopify/checkout-catalog.server";
import { unauthenticated } from "../shopify.server";
import { createCheckoutQuoter } from "./checkout-quote.server";

/** The process's checkout quoter: each shop's catalogue read with its offline token, then kept in memory. */
export const checkoutQuoter = createCheckoutQuoter({
  loadCatalog: async (shop) => {
    const { admin } = await unauthenticated.admin(shop);
    return loadShopCatalog(async (query, variables) => (await admin.graphql(query, variables ? { variables } : undefined)).json());
  },
});
