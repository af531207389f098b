import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP } from "../app/demo/constants";
import type { ItemCondition, ReturnReason } from "../app/engine/returns";
import { adminGraphqlWithToken, type AdminGraphql } from "../app/integrations/shopify/returns.server";
import { decideRequestedReturn, receiveReturn, requestReturn, type ReturnsDeps } from "../app/services/returns/flow.server";
import { LOCATIONS_QUERY, networkFromLocations, SAMPLE_PARTNERS, type ShopLocation } from "../app/services/returns/network.server";
import { loadPolicies, saveDestination } from "../app/services/returns/settings.server";
import { DEMO_ACCESS_TOKEN } from "../emulator/seed";

const RECENT_ORDERS = `#graphql
  query DemoReturnCandidates {
    orders(first: 250, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        cancelledAt
        customer { id }
        shippingAddress { countryCodeV2 }
        fulfillments(first: 5) { status createdAt location { address { countryCode } } }
        returns(first: 5) { nodes { id status } }
        lineItems(first: 20) { nodes { id title quantity product { productType } originalUnitPriceSet { shopMoney { amount } } } }
      }
    }
  }
`;

interface Candidate {
  id: string; name: string; customerId: string; country: string; shippedFrom: string | null; shippedAt: number;
  lines: { id: string; title: string; quantity: number; productType: string; price: number }[];
}

interface Scenario {
  label: string;
  countries: string[];
  productTypes?: string[];
  maxPrice?: number;
  minPrice?: number;
  reason: ReturnReason;
  condition: ItemCondition;
  receive?: Record<"grade", ItemCondition | undefined>;
  /** Scenarios of one group are alternatives: the first that finds an order is made. */
  group?: string;
}

/** Returns made through the real flow (request, approve, label, some received) so the admin page shows each kind of decision. */
const SCENARIOS: Scenario[] = [
  { label: "EU buyer, resellable: to the EU hub, received and restocked", countries: ["FR", "DE", "IT", "ES", "NL", "SE", "IE"], productTypes: ["Footwear", "Knitwear", "Trousers", "Bedding"], reason: "SIZE_TOO_SMALL", condition: "new_unopened", receive: { grade: undefined } },
  { label: "UK buyer: to the UK warehouse", countries: ["GB"], productTypes: ["Footwear", "Knitwear", "Trousers", "Accessories", "Home", "Toys", "Bedding"], reason: "SIZE_TOO_LARGE", condition: "new_unopened" },
  { label: "US buyer: to the origin, received", countries: ["US"], productTypes: ["Footwear", "Knitwear", "Trousers", "Accessories", "Home", "Toys", "Bedding", "Electronics"], reason: "UNWANTED", condition: "new_unopened", receive: { grade: undefined } },
  { label: "Non-EU buyer across a customs border: label with a returns invoice", countries: ["CH", "CA", "MX", "NO"], productTypes: ["Footwear", "Trousers", "Knitwear", "Bedding"], reason: "DEFECTIVE", condition: "new_opened" },
  { label: "Item far away, worth less than the label: keep it", group: "keep", countries: ["AU", "NZ", "JP"], maxPrice: 60, reason: "UNWANTED", condition: "new_unopened" },
  { label: "Cheap item in the EU, worth less than label and handling: keep it", group: "keep", countries: ["ES", "IT", "PT", "SE", "FI", "IE", "GR"], maxPrice: 20, reason: "UNWANTED", condition: "new_unopened" },
  { label: "Damaged footwear in the EU: to the refurbisher", countries: ["DE", "FR", "NL", "IT", "ES", "IE", "SE"], productTypes: ["Footwear"], reason: "DEFECTIVE", condition: "damaged" },
];

async function candidates(graphql: AdminGraphql): Promise<Candidate[]> {
  const data = await graphql<{ orders: { nodes: any[] } }>(RECENT_ORDERS);
  return data.orders.nodes.flatMap((o) => {
    const f = o.fulfillments.find((x: any) => x.status === "SUCCESS");
    if (!f || o.cancelledAt || !o.customer || o.returns.nodes.length) return [];
    return [{
      id: o.id, name: o.name, customerId: o.customer.id, country: o.shippingAddress?.countryCodeV2 ?? "", shippedFrom: f.location?.address?.countryCode ?? null, shippedAt: Date.parse(f.createdAt),
      lines: o.lineItems.nodes.map((l: any) => ({ id: l.id, title: l.title, quantity: l.quantity, productType: l.product?.productType ?? "", price: Number(l.originalUnitPriceSet.shopMoney.amount) })),
    }];
  });
}

/** The demo shop's return network (its locations and sample partners) and a few returns made through the real flow. */
export async function seedReturnsDemo(prisma: PrismaClient, emulatorUrl: string, appUrl: string, now = new Date()): Promise<void> {
  const graphql = adminGraphqlWithToken(`${emulatorUrl}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, DEMO_ACCESS_TOKEN);
  const { locations } = await graphql<{ locations: { nodes: ShopLocation[] } }>(LOCATIONS_QUERY);
  for (const d of [...networkFromLocations(locations.nodes), ...SAMPLE_PARTNERS]) await saveDestination(prisma, DEMO_SHOP, d);
  await loadPolicies(prisma, DEMO_SHOP);
  if ((await prisma.returnCase.count({ where: { shop: DEMO_SHOP } })) > 0) return;

  const deps: ReturnsDeps = { db: prisma, graphql, shop: DEMO_SHOP, today: now.toISOString().slice(0, 10), appUrl };
  // Returns buyers asked for in Shopify itself (the store's seeded ones): decided by policy.
  const orders = await graphql<{ orders: { nodes: any[] } }>(RECENT_ORDERS);
  for (const o of orders.orders.nodes) {
    for (const r of o.returns.nodes.filter((x: any) => x.status === "REQUESTED")) {
      await decideRequestedReturn(deps, r.id).catch((error: unknown) => console.warn(`returns demo: deciding ${r.id} failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  const used = new Set<string>();
  const pool = await candidates(graphql);
  const done = new Set<string>();
  for (const s of SCENARIOS) {
    if (s.group && done.has(s.group)) continue;
    const windowDays = s.countries.some((c) => ["CH", "CA", "MX", "NO", "AU", "NZ", "JP"].includes(c)) ? 18 : 25;
    const found = pool.find((o) => !used.has(o.id) && s.countries.includes(o.country) && now.getTime() - o.shippedAt < windowDays * 86_400_000 &&
      o.lines.some((l) => (!s.productTypes || s.productTypes.includes(l.productType)) && (s.maxPrice === undefined || l.price <= s.maxPrice) && !["Skincare", "Makeup", "Fragrance"].includes(l.productType)));
    if (!found) {
      console.warn(`returns demo: no order for "${s.label}"`);
      continue;
    }
    used.add(found.id);
    if (s.group) done.add(s.group);
    const line = found.lines.find((l) => (!s.productTypes || s.productTypes.includes(l.productType)) && (s.maxPrice === undefined || l.price <= s.maxPrice) && !["Skincare", "Makeup", "Fragrance"].includes(l.productType))!;
    try {
      const created = await requestReturn(deps, { customerId: found.customerId, orderId: found.id, lines: [{ lineItemId: line.id, quantity: 1, reason: s.reason, condition: s.condition }], idempotencyKey: `demo-${found.id}`, source: "portal" });
      if (s.receive && created.status === "label_attached") await receiveReturn(deps, created.id);
    } catch (error) {
      console.warn(`returns demo: "${s.label}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
