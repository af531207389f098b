import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchFigures } from "./run";
import { importRateCardCsv, type RateCard } from "../app/engine/carriers";
import { money, type FxTable } from "../app/engine/money";
import {
  createReturnLabelPricer, DEFAULT_POLICIES, dutyOutlook, evaluateDestinations, policyFor, routeItem,
  type ItemCondition, type ReturnDestination, type ReturnItem, type ReturnReason, type RoutingContext,
} from "../app/engine/returns";
import { importDuty } from "../app/services/returns/flow.server";
import { networkFromLocations, SAMPLE_PARTNERS } from "../app/services/returns/network.server";
import type { DestinationInput } from "../app/services/returns/settings.server";
import { createPrng } from "../emulator/prng";
import { DEMO_SHOP, seedDemoStore } from "../emulator/seed";
import { Store } from "../emulator/store";

/**
 * A year of the demo shop's returns, routed by the app against "everything back to the origin
 * warehouse". The store is the emulator's seed with twelve months of orders; which lines come back,
 * why and in what state follows e-commerce return rates by category (apparel and shoes ~20-25 %,
 * the rest ~6-8 %), drawn from a fixed seed. Both policies see the same returns, the same return
 * rate cards, duties and stock. Cost = labels + handling + import duty - duty repaid; recovered =
 * resale value less that cost (a kept item recovers nothing and costs nothing).
 */
const NOW = new Date("2026-11-25T12:00:00Z");
const RATES: Record<string, number> = { Knitwear: 0.25, "T-Shirts": 0.22, Trousers: 0.25, Footwear: 0.2, Accessories: 0.1 };
const REASONS: [ReturnReason, ItemCondition, number][] = [
  ["SIZE_TOO_SMALL", "new_unopened", 30], ["SIZE_TOO_LARGE", "new_unopened", 22], ["UNWANTED", "new_unopened", 18], ["STYLE", "new_opened", 12],
  ["DEFECTIVE", "damaged", 9], ["NOT_AS_DESCRIBED", "new_opened", 5], ["WRONG_ITEM", "new_unopened", 4],
];

const site = (d: DestinationInput): ReturnDestination => ({
  id: d.key, name: d.name, kind: d.kind, country: d.countryCode, postcode: d.postcode, locationId: d.locationId ?? null, handling: money(d.handlingMinor, "USD"),
  priceIndexPercent: d.priceIndexPercent ?? 100, recoveryPercent: d.recoveryPercent ?? 0, servesCountries: d.servesCountries ?? [], productTypes: d.productTypes ?? [],
});

export default async function returnsBench(): Promise<BenchFigures> {
  const store = new Store();
  seedDemoStore(store, { now: NOW, months: 12 });
  const locations = store.list(DEMO_SHOP, "Location");
  const network = [...networkFromLocations(locations.map((l) => ({ id: l.id, name: l.name, isPrimary: l.isPrimary, address: { address1: l.address.address1 ?? null, city: l.address.city ?? null, zip: l.address.zip ?? null, countryCode: l.address.countryCode ?? null, phone: l.address.phone ?? null } }))), ...SAMPLE_PARTNERS].map(site);
  const origin = network.find((d) => d.kind === "origin")!;
  const dir = join(process.cwd(), "data", "returns", "rate-cards");
  const cards: RateCard[] = readdirSync(dir).filter((f) => f.endsWith(".csv")).map((f) => importRateCardCsv(readFileSync(join(dir, f), "utf8"), f).card!).filter(Boolean);
  const fx = JSON.parse(readFileSync(join(process.cwd(), "data", "fx", "reference-rates.json"), "utf8")) as FxTable;
  const pricer = createReturnLabelPricer(cards, fx, "USD");
  const levels = store.list(DEMO_SHOP, "InventoryLevel");
  const skuOf = new Map(store.list(DEMO_SHOP, "InventoryItem").map((i) => [i.sku, i.id]));
  const prng = createPrng(20261125);
  const reason = () => {
    let roll = prng.next() * 100;
    for (const r of REASONS) if ((roll -= r[2]) < 0) return r;
    return REASONS[0]!;
  };

  const returns: { item: ReturnItem; ctx: RoutingContext }[] = [];
  for (const order of store.list(DEMO_SHOP, "Order")) {
    const fulfillment = store.list(DEMO_SHOP, "Fulfillment").find((f) => f.orderId === order.id && f.status === "SUCCESS");
    const country = order.shippingAddress?.countryCode;
    if (!fulfillment || !country || order.cancelledAt) continue;
    const exportedFrom = locations.find((l) => l.id === fulfillment.locationId)?.address.countryCode ?? "US";
    const policy = policyFor(DEFAULT_POLICIES, country)!;
    for (const id of order.lineItemIds) {
      const line = store.get(DEMO_SHOP, id, "LineItem")!;
      const variant = store.get(DEMO_SHOP, line.variantId, "ProductVariant");
      const product = variant ? store.get(DEMO_SHOP, variant.productId, "Product") : undefined;
      const inventory = variant ? store.get(DEMO_SHOP, variant.inventoryItemId, "InventoryItem") : undefined;
      const type = product?.productType ?? "";
      if (policy.excludedProductTypes.includes(type) || !prng.chance(RATES[type] ?? 0.07)) continue;
      const [why, condition] = reason();
      const item: ReturnItem = {
        key: line.id, title: line.title, sku: line.sku, productType: type, unitPrice: money(Math.round(Number(line.unitPrice) * 100), "USD"), quantity: 1,
        weight: Math.round((inventory?.measurement.weight.value ?? 0.5) * 1000), hsCode: inventory?.harmonizedSystemCode ?? null, originCountry: inventory?.countryCodeOfOrigin ?? null,
        condition, reason: why, controlledDisposal: type === "Electronics",
      };
      const ctx: RoutingContext = {
        currency: "USD", buyer: { country, postcode: order.shippingAddress?.zip ?? null }, exportedFrom, destinations: network, keepItAllowed: policy.keepItAllowed,
        labelCost: pricer.cost, importDuty: (i, c) => importDuty(i, c, "USD", "2026-11-25"),
        stock: (destinationId, sku) => {
          const location = network.find((d) => d.id === destinationId)?.locationId;
          const level = levels.find((l) => l.locationId === location && l.inventoryItemId === skuOf.get(sku ?? ""));
          return level ? { onHand: (level.quantities as Record<string, number>).available ?? 0, target: 12 } : undefined;
        },
      };
      returns.push({ item, ctx });
    }
  }

  let routedCost = 0, routedRecovered = 0, originCost = 0, originRecovered = 0, kept = 0, nearBuyer = 0;
  const started = performance.now();
  for (const { item, ctx } of returns) {
    const decision = routeItem(item, ctx);
    if (decision.chosen) {
      const o = decision.chosen;
      routedCost += o.label.amount + o.handling.amount + o.importDuty.amount - o.dutyRecovered.amount;
      routedRecovered += o.net.amount;
      if (o.destination.kind === "local_warehouse" || o.destination.kind === "regional_hub" || (o.destination.kind === "origin" && ctx.buyer.country === "US")) nearBuyer++;
    } else kept++;
    // All back to origin: every item travels to the origin warehouse, sold there if it can be.
    const atOrigin = evaluateDestinations(item, { ...ctx, destinations: [origin] }).options[0];
    const label = pricer.cost(ctx.buyer, origin, item.weight) ?? money(0, "USD");
    const outlook = dutyOutlook({ buyerCountry: ctx.buyer.country, destinationCountry: origin.country, exportedFrom: ctx.exportedFrom, originCountry: item.originCountry, reason: item.reason });
    const cost = atOrigin ? atOrigin.label.amount + atOrigin.handling.amount + atOrigin.importDuty.amount - atOrigin.dutyRecovered.amount
      : label.amount + origin.handling.amount + (outlook.importDutyDue ? ctx.importDuty(item, origin.country).amount : 0);
    originCost += cost;
    originRecovered += atOrigin ? atOrigin.net.amount : -cost;
  }
  const firstPass = (performance.now() - started) / 1000;
  // Throughput once the tables are loaded: the same year routed again (memoised lanes included, as in a running app).
  const again = performance.now();
  for (const { item, ctx } of returns) routeItem(item, ctx);
  const seconds = (performance.now() - again) / 1000;
  const usd = (cents: number) => Math.round(cents) / 100;
  return {
    returns_per_year: returns.length,
    routed_cost_usd: usd(routedCost),
    origin_only_cost_usd: usd(originCost),
    cost_saving_pct: Math.round((1 - routedCost / originCost) * 1000) / 10,
    routed_recovered_usd: usd(routedRecovered),
    origin_only_recovered_usd: usd(originRecovered),
    kept_by_buyer_pct: Math.round((kept / returns.length) * 1000) / 10,
    near_buyer_pct: Math.round((nearBuyer / returns.length) * 1000) / 10,
    routings_per_s: Math.round(returns.length / seconds),
    first_pass_ms: Math.round(firstPass * 1000),
  };
}
