import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP } from "../../emulator/seed";
import type { RunningEmulator } from "../../emulator/server";
import type { AdminGraphql } from "../../app/integrations/shopify/returns.server";
import { LOCATIONS_QUERY, networkFromLocations, SAMPLE_PARTNERS } from "../../app/services/returns/network.server";
import { saveDestination } from "../../app/services/returns/settings.server";

export { emulatorAdmin } from "./emulator-admin";

/** The demo shop's return network: its three locations and the sample partners. */
export async function seedReturnNetwork(db: PrismaClient, graphql: AdminGraphql, shop = DEMO_SHOP): Promise<void> {
  const { locations } = await graphql<{ locations: { nodes: Parameters<typeof networkFromLocations>[0] } }>(LOCATIONS_QUERY);
  for (const d of [...networkFromLocations(locations.nodes), ...SAMPLE_PARTNERS]) await saveDestination(db, shop, d);
}

export interface FoundOrder {
  orderId: string;
  name: string;
  customerId: string;
  country: string;
  lines: { lineItemId: string; title: string; quantity: number; productType: string; sku: string | null }[];
}

/**
 * An order of the seeded store matching a description: buyer's country, where it shipped from,
 * delivered within `withinDays` of `now`, without returns, with a line whose product type fits.
 */
export function findOrder(emulator: RunningEmulator, want: { countries: string[]; shippedFromCountry?: string; now: Date; withinDays: number; productTypes?: string[]; minQuantity?: number; skip?: Set<string> }): FoundOrder {
  const store = emulator.store;
  const locations = new Map(store.list(DEMO_SHOP, "Location").map((l) => [l.id, l.address.countryCode]));
  const returned = new Set(store.list(DEMO_SHOP, "Return").map((r) => r.orderId));
  for (const o of store.list(DEMO_SHOP, "Order").slice().reverse()) {
    if (want.skip?.has(o.id) || returned.has(o.id) || o.cancelledAt || !o.customerId) continue;
    const country = o.shippingAddress?.countryCode;
    if (!country || !want.countries.includes(country)) continue;
    const fulfillments = store.list(DEMO_SHOP, "Fulfillment").filter((f) => f.orderId === o.id && f.status === "SUCCESS");
    if (fulfillments.length === 0) continue;
    const shippedAt = Date.parse(fulfillments[0]!.deliveredAt ?? fulfillments[0]!.createdAt);
    if (want.now.getTime() - shippedAt > want.withinDays * 86_400_000) continue;
    if (want.shippedFromCountry && locations.get(fulfillments[0]!.locationId ?? "") !== want.shippedFromCountry) continue;
    const lines = o.lineItemIds.map((id) => store.get(DEMO_SHOP, id, "LineItem")!).map((li) => {
      const variant = store.get(DEMO_SHOP, li.variantId, "ProductVariant");
      const product = variant ? store.get(DEMO_SHOP, variant.productId, "Product") : undefined;
      return { lineItemId: li.id, title: li.title, quantity: li.quantity, productType: product?.productType ?? "", sku: li.sku };
    });
    const fits = lines.filter((l) => (!want.productTypes || want.productTypes.includes(l.productType)) && l.quantity >= (want.minQuantity ?? 1));
    if (fits.length === 0) continue;
    return { orderId: o.id, name: o.name, customerId: o.customerId, country, lines: [...fits, ...lines.filter((l) => !fits.includes(l))] };
  }
  throw new Error(`no seeded order matches ${JSON.stringify({ ...want, skip: undefined })}`);
}
