import type { PrismaClient } from "@prisma/client";
import type { RateCardRowError } from "~/engine/carriers";
import { LIVE_CARRIERS } from "~/integrations/carriers/registry.server";
import {
  carrierSettingsSchema, CREDENTIAL_FIELDS, loadCarrierSettings, saveCarrierSettings, saveCredentials, type CarrierSettings,
} from "./carrier-settings.server";
import { invalidateShippingQuotes, quoteShippingOptions, ShippingQuoteInputError, type ShippingQuote } from "./shipping-quote.server";
import { cardIdFromFileName, deleteShopRateCard, importShopRateCard, loadShopRateCards } from "./shop-rate-cards.server";
import { AdminGraphqlError, type AdminGraphql } from "~/integrations/shopify/admin-graphql.server";

/**
 * What the Carriers admin page shows and does, kept out of the route: the shop's carriers and
 * services (from its rate cards) with their on/off state, credentials as hints, the cards, the
 * catalogue's customs data coverage, and the "test a quote" form.
 */

export interface CarrierRow {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly live: { readonly supported: boolean; readonly hint: string | null; readonly fields: readonly { key: string; label: string; secret: boolean }[] };
  readonly services: readonly { readonly key: string; readonly code: string; readonly name: string; readonly level: string; readonly origins: readonly string[]; readonly enabled: boolean }[];
}

export interface CarriersPage {
  readonly currency: string;
  readonly settings: CarrierSettings;
  readonly carriers: readonly CarrierRow[];
  readonly cards: readonly { id: string; carrierName: string; serviceName: string; origin: string; currency: string; zones: number; sample: boolean; importedAt: string }[];
  readonly broken: readonly { cardId: string; errors: readonly RateCardRowError[] }[];
  readonly products: readonly { variantId: string; title: string; sku: string | null; hsCode: string | null; originCountry: string | null; grams: number | null }[];
  readonly registration: { readonly callbackUrl: string; readonly updatedAt: string } | null;
}

const CARRIER_NAMES: Record<string, string> = { "dhl-express": "DHL Express", ups: "UPS", easypost: "EasyPost" };

export async function loadCarriersPage(db: PrismaClient, shop: string): Promise<CarriersPage> {
  const [settings, stored, credentials, products, registration, shopRow] = await Promise.all([
    loadCarrierSettings(db, shop),
    loadShopRateCards(db, shop),
    db.carrierCredential.findMany({ where: { shop }, select: { carrierId: true, hint: true } }),
    db.productCustoms.findMany({ where: { shop }, orderBy: { title: "asc" }, select: { variantId: true, title: true, sku: true, hsCode: true, originCountry: true, grams: true } }),
    db.carrierServiceRegistration.findUnique({ where: { shop } }),
    db.shop.findUnique({ where: { domain: shop }, select: { currency: true } }),
  ]);
  const hints = new Map(credentials.map((c) => [c.carrierId, c.hint]));
  const byCarrier = new Map<string, { name: string; services: Map<string, { code: string; name: string; level: string; origins: Set<string> }> }>();
  for (const { card } of stored.cards) {
    const carrier = byCarrier.get(card.carrierId) ?? { name: card.carrierName, services: new Map() };
    const service = carrier.services.get(card.serviceCode) ?? { code: card.serviceCode, name: card.serviceName, level: card.level, origins: new Set<string>() };
    service.origins.add(card.originCountry);
    carrier.services.set(card.serviceCode, service);
    byCarrier.set(card.carrierId, carrier);
  }
  for (const id of LIVE_CARRIERS) if (!byCarrier.has(id)) byCarrier.set(id, { name: CARRIER_NAMES[id] ?? id, services: new Map() });
  const carriers: CarrierRow[] = [...byCarrier.entries()].map(([id, c]) => ({
    id,
    name: c.name,
    enabled: !settings.disabledCarriers.includes(id),
    live: { supported: (LIVE_CARRIERS as readonly string[]).includes(id), hint: hints.get(id) ?? null, fields: CREDENTIAL_FIELDS[id] ?? [] },
    services: [...c.services.values()].map((s) => ({
      key: `${id}:${s.code}`, code: s.code, name: s.name, level: s.level, origins: [...s.origins].sort(),
      enabled: !settings.disabledServices.includes(`${id}:${s.code}`),
    })),
  }));
  return {
    currency: shopRow?.currency ?? "USD",
    settings,
    carriers,
    cards: stored.cards.map(({ card, sample, importedAt }) => ({
      id: card.id, carrierName: card.carrierName, serviceName: card.serviceName, origin: card.originCountry, currency: card.currency,
      zones: new Set(card.zones.map((z) => z.zone)).size, sample, importedAt: importedAt.toISOString(),
    })),
    broken: stored.broken,
    products,
    registration: registration ? { callbackUrl: registration.callbackUrl.replace(/sig=[^&]+/, "sig=…"), updatedAt: registration.updatedAt.toISOString() } : null,
  };
}

/** Saves which carriers and services are on: every one listed in `known` and not in `on` is switched off. */
export async function saveEnabled(db: PrismaClient, shop: string, known: { carriers: string[]; services: string[] }, on: { carriers: string[]; services: string[] }): Promise<void> {
  const settings = await loadCarrierSettings(db, shop);
  const offCarriers = known.carriers.filter((c) => !on.carriers.includes(c));
  const offServices = known.services.filter((s) => !on.services.includes(s));
  await saveCarrierSettings(db, shop, {
    ...settings,
    // Settings of carriers not on this page (a card removed since) are kept as they were.
    disabledCarriers: [...settings.disabledCarriers.filter((c) => !known.carriers.includes(c)), ...offCarriers],
    disabledServices: [...settings.disabledServices.filter((s) => !known.services.includes(s)), ...offServices],
  });
  invalidateShippingQuotes(shop);
}

export type SettingsOutcome = { ok: true } | { ok: false; field: string; message: string };

/** The checkout rules: DDP markets and the economy cap (major units in the shop currency). */
export async function saveCheckoutRules(db: PrismaClient, shop: string, input: { ddpMarkets: string; noEconomyAbove: string }, currencyExponent: number): Promise<SettingsOutcome> {
  const markets = input.ddpMarkets.split(/[\s,]+/).map((m) => m.trim().toUpperCase()).filter(Boolean);
  const bad = markets.find((m) => !/^[A-Z]{2}$/.test(m));
  if (bad) return { ok: false, field: "ddpMarkets", message: `"${bad}" is not a two-letter country code` };
  let cap: number | null = null;
  if (input.noEconomyAbove.trim()) {
    if (!/^\d+(\.\d{1,2})?$/.test(input.noEconomyAbove.trim())) return { ok: false, field: "noEconomyAbove", message: "must be an amount like 150 or 150.00" };
    cap = Math.round(Number(input.noEconomyAbove.trim()) * 10 ** currencyExponent);
  }
  const settings = await loadCarrierSettings(db, shop);
  const next = carrierSettingsSchema.safeParse({ ...settings, ddpMarkets: [...new Set(markets)], noEconomyAboveMinor: cap });
  if (!next.success) return { ok: false, field: String(next.error.issues[0]!.path[0]), message: next.error.issues[0]!.message };
  await saveCarrierSettings(db, shop, next.data);
  invalidateShippingQuotes(shop);
  return { ok: true };
}

export async function saveCarrierCredentials(db: PrismaClient, shop: string, carrierId: string, values: Record<string, string>, appSecret: string): Promise<SettingsOutcome & { hint?: string }> {
  const fields = CREDENTIAL_FIELDS[carrierId];
  if (!fields) return { ok: false, field: "carrierId", message: `${carrierId} has no live API to connect` };
  const missing = fields.filter((f) => !values[f.key]?.trim());
  if (missing.length) return { ok: false, field: missing[0]!.key, message: `${missing.map((f) => f.label).join(", ")} required` };
  const hint = await saveCredentials(db, shop, carrierId, Object.fromEntries(fields.map((f) => [f.key, values[f.key]!.trim()])), appSecret);
  invalidateShippingQuotes(shop);
  return { ok: true, hint };
}

export async function removeCarrierCredentials(db: PrismaClient, shop: string, carrierId: string): Promise<void> {
  await db.carrierCredential.deleteMany({ where: { shop, carrierId } });
  invalidateShippingQuotes(shop);
}

export async function importCard(db: PrismaClient, shop: string, fileName: string, csv: string) {
  const outcome = await importShopRateCard(db, shop, cardIdFromFileName(fileName), csv);
  if (outcome.ok) invalidateShippingQuotes(shop);
  return outcome;
}

export async function removeCard(db: PrismaClient, shop: string, cardId: string): Promise<boolean> {
  const removed = await deleteShopRateCard(db, shop, cardId);
  if (removed) invalidateShippingQuotes(shop);
  return removed;
}

export type TestQuoteOutcome = { ok: true; quote: ShippingQuote } | { ok: false; field: string; message: string };

/** The "test a quote" form: the same service the checkout uses, with the form's cart (unit prices in major units). */
export async function testQuote(
  db: PrismaClient,
  shop: string,
  input: { warehouseId: string; country: string; postcode: string; lines: { variantId: string; quantity: number; price: string }[]; currency: string; exponent: number },
): Promise<TestQuoteOutcome> {
  const settings = await loadCarrierSettings(db, shop);
  const warehouse = settings.warehouses.find((w) => w.id === input.warehouseId);
  if (!warehouse) return { ok: false, field: "warehouseId", message: `unknown warehouse "${input.warehouseId}"` };
  const lines = input.lines.filter((l) => l.variantId);
  if (lines.length === 0) return { ok: false, field: "lines", message: "add at least one product" };
  for (const [i, l] of lines.entries()) {
    if (!/^\d+(\.\d{1,2})?$/.test(l.price.trim())) return { ok: false, field: `lines[${i}].price`, message: `unit price "${l.price}" must be an amount like 38 or 38.00` };
  }
  const products = await db.productCustoms.findMany({ where: { shop, variantId: { in: lines.map((l) => l.variantId) } } });
  try {
    const quote = await quoteShippingOptions(shop, {
      currency: input.currency,
      origin: { country: warehouse.country, postalCode: warehouse.postcodePrefix ?? null },
      destination: { country: input.country.trim().toUpperCase(), postalCode: input.postcode.trim() || null },
      items: lines.map((l) => {
        const p = products.find((x) => x.variantId === l.variantId);
        return { variantId: l.variantId, sku: p?.sku ?? null, name: p?.title ?? null, grams: p?.grams ?? 0, price: Math.round(Number(l.price) * 10 ** input.exponent), quantity: l.quantity };
      }),
    });
    return { ok: true, quote };
  } catch (error) {
    if (error instanceof ShippingQuoteInputError) return { ok: false, field: error.field, message: error.message };
    throw error;
  }
}

const VARIANT_PRICES = `#graphql
  query CarriersPageVariantPrices {
    productVariants(first: 250) {
      nodes { id price }
    }
  }
`;

/** Unit prices of the catalogue's variants (major units as Shopify gives them), to prefill the test cart. */
export async function variantPrices(graphql: AdminGraphql): Promise<Record<string, string>> {
  // Only a convenience for the test cart: Shopify refusing it leaves the prices empty, not the page broken.
  const data = await graphql<{ productVariants: { nodes: { id: string; price: string }[] } }>(VARIANT_PRICES).catch((error: unknown) => {
    if (error instanceof AdminGraphqlError) return null;
    throw error;
  });
  return Object.fromEntries((data?.productVariants.nodes ?? []).map((v) => [v.id.slice(v.id.lastIndexOf("/") + 1), v.price]));
}
