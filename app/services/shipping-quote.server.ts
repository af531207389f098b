/**
 * The shipping quote: every shipping option for a cart, priced in the shop's currency, with its
 * delivery window, the duties and import taxes it implies and why it ranks where it does.
 *
 * One service for every caller, so the CarrierService callback (what Shopify shows as the rate)
 * and the checkout extension's quote endpoint (the breakdown beside it) always give the same
 * numbers for the same cart:
 *
 *   const quote = await quoteShippingOptions(shop, {
 *     currency: "USD",
 *     origin: { country: "NL", postalCode: "5928 LA" },
 *     destination: { country: "GB", postalCode: "SW1A 1AA" },
 *     items: [{ variantId: "123", sku: "TEE-M", grams: 180, price: 3800, quantity: 2 }],
 *   });
 *   quote.options[0].price          // what the shopper pays for this option, minor units
 *
 * Everything is answered from memory: the shop's rate cards, settings, product customs data and
 * live-carrier adapters are loaded once per shop (`shopQuoteData`) and reloaded when the merchant
 * changes them (`invalidateShippingQuotes`) or after REFRESH_MS (another instance may have
 * changed them); customs tariffs and FX are loaded once per process. A quote never waits on the
 * database after the first one, and never longer than the live budget on a carrier API.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PrismaClient } from "@prisma/client";
import {
  createRater, normalisePostcode, selectService,
  type CarrierAdapter, type LandedCostFn, type LiveRate, type RankedQuote, type Rater, type RateCard, type ServiceLevel, type ServiceQuote,
} from "~/engine/carriers";
import { CustomsError } from "~/engine/customs/errors";
import { prepareLandedCost, type CartInput, type CustomsTables, type LandedCostQuote, type PreparedLandedCost, type QuoteLineInput } from "~/engine/customs/quote";
import { convertExact, fxRatio, isCurrencyCode, money, toMajorString, type FxTable, type Money, type Ratio } from "~/engine/money";
import { loadCustomsTables } from "~/integrations/customs/tables.server";
import { rateWithFallback } from "~/integrations/carriers/rate-with-fallback";
import { adapterFromCredentials } from "~/integrations/carriers/registry.server";
import { defaultWarehouse, loadCarrierSettings, loadCredentials, type CarrierSettings, type WarehouseSettings } from "./carrier-settings.server";
import { loadProductCustoms, type ProductCustomsIndex } from "./product-customs.server";
import { loadShopRateCards } from "./shop-rate-cards.server";

// ---------------------------------------------------------------------------------------------
// The request and the answer.

export interface QuoteAddress {
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly postalCode?: string | null;
  readonly province?: string | null;
  readonly city?: string | null;
  readonly address1?: string | null;
}

export interface QuoteItem {
  readonly name?: string | null;
  readonly sku?: string | null;
  /** Shopify's numeric variant id (a GID is accepted too). */
  readonly variantId?: string | number | null;
  readonly productId?: string | number | null;
  /** Weight of one unit; 0 or absent = the product's own weight. */
  readonly grams?: number | null;
  /** Price of one unit, integer minor units of `ShippingQuoteRequest.currency`. */
  readonly price: number;
  readonly quantity: number;
  /** Items that do not ship (gift cards, services) are left out of the parcel. */
  readonly requiresShipping?: boolean;
}

export interface ShippingQuoteRequest {
  readonly items: readonly QuoteItem[];
  readonly origin: QuoteAddress;
  readonly destination: QuoteAddress & { readonly residential?: boolean };
  /** The shop's currency (Shopify's rate request `currency`): item prices and every answer are in it. */
  readonly currency: string;
  /** Language for descriptions' money format, e.g. "en", "fr". */
  readonly locale?: string;
  /** When the order is placed; absent = now. */
  readonly at?: Date;
}

export interface DutiesAndTaxes {
  readonly duty: Money;
  readonly tax: Money;
  readonly fees: Money;
  /** What this option adds for duties and import taxes: at checkout (DDP) or at the door (DAP). */
  readonly total: Money;
  readonly taxName: string;
  /** Which low-value regime applied (e.g. "uk-low-value", "eu-ioss"). */
  readonly regime: string;
  /** VAT/GST the seller charges at sale (UK up to GBP 135, EU IOSS...): charged with the order's taxes, not in this rate. */
  readonly taxAtSale: Money | null;
  readonly lines: readonly { readonly sku: string | null; readonly hsCode: string; readonly dutyRate: string; readonly duty: Money; readonly tax: Money }[];
  readonly trace: readonly string[];
}

export interface ShippingOption {
  /** 1 = the recommended option. */
  readonly rank: number;
  /** Stable code for Shopify's `service_code`: carrier and service, never a session value. */
  readonly code: string;
  readonly carrierId: string;
  readonly carrierName: string;
  readonly serviceCode: string;
  readonly serviceName: string;
  /** What checkout shows (the rate's `service_name`): the service, prefixed by its carrier unless it already starts with it. */
  readonly title: string;
  readonly level: ServiceLevel;
  readonly source: "rate-card" | "live";
  readonly incoterm: "DDP" | "DAP";
  /** The carrier's charge for the parcel. */
  readonly shipping: Money;
  readonly charges: readonly { readonly kind: string; readonly amount: Money; readonly note: string }[];
  /** Null when nothing is due (domestic, under de minimis) or it could not be worked out (see warnings). */
  readonly dutiesAndTaxes: DutiesAndTaxes | null;
  /** What the shopper pays for this option at checkout: shipping, plus duties and taxes under DDP. */
  readonly price: Money;
  /** What the buyer should expect to pay the carrier on delivery (DAP), if anything. */
  readonly dueOnDelivery: Money | null;
  readonly window: { readonly shipDate: string; readonly earliest: string; readonly latest: string; readonly basis: "lane" | "history"; readonly confidence: number | null; readonly reasons: readonly string[] };
  /** One sentence for the shopper (the rate's description at checkout). */
  readonly description: string;
  readonly score: number;
  /** Why it ranks where it does, for the merchant. */
  readonly reasons: readonly string[];
}

export interface ShippingQuote {
  readonly shop: string;
  readonly currency: string;
  readonly incoterm: "DDP" | "DAP";
  readonly warehouse: { readonly id: string; readonly country: string; readonly timeZone: string; readonly cutoff: string; readonly handlingDays: number };
  readonly parcel: { readonly grams: number; readonly value: Money };
  /** Best first. Empty = no service of this shop reaches the destination from this origin. */
  readonly options: readonly ShippingOption[];
  /** Services considered and not offered, with the reason. */
  readonly excluded: readonly { readonly carrierId: string; readonly serviceCode: string; readonly reason: string }[];
  /** Each line as the customs engine saw it. */
  readonly lines: readonly { readonly sku: string | null; readonly variantId: string | null; readonly quantity: number; readonly grams: number; readonly hsCode: string | null; readonly originCountry: string | null }[];
  readonly warnings: readonly string[];
}

export class ShippingQuoteInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "ShippingQuoteInputError";
  }
}

// ---------------------------------------------------------------------------------------------
// What a shop's quotes are made from, and the quoter built on it.

export interface ShopQuoteData {
  readonly shop: string;
  readonly settings: CarrierSettings;
  readonly cards: readonly RateCard[];
  readonly products: ProductCustomsIndex;
  /** Live adapters of carriers whose credentials the merchant entered. */
  readonly live: ReadonlyMap<string, CarrierAdapter>;
}

export interface QuoteDependencies {
  readonly customs: CustomsTables;
  readonly fx: FxTable;
}

/**
 * The latest carts whose landed costs a shop's quoter keeps (each with an answer per shipment,
 * about 18 KB). A cart comes back soon after its rate (address edits, the checkout extension), and
 * the cache is per shop, so a few dozen cover a shop's own checkouts in progress. A larger one costs
 * more than it saves under a stream of new carts: every kept cart survives the young-generation
 * collections and is copied by each, which doubled the collector's pauses at 200 new carts/s with
 * 256 kept and made them the callback's p99.
 */
const LANDED_COST_CACHE_LIMIT = 32;

/** Carriers that move parcels as postal items (customs treats postal and courier imports differently). */
const POSTAL_CARRIERS = new Set(["deutsche-post", "usps", "postnl", "royal-mail", "la-poste", "canada-post", "australia-post"]);

/** Ids of the enabled cards' carriers and services. */
export function enabledCards(cards: readonly RateCard[], settings: CarrierSettings): RateCard[] {
  const offCarriers = new Set(settings.disabledCarriers);
  const offServices = new Set(settings.disabledServices);
  return cards.filter((c) => !offCarriers.has(c.carrierId) && !offServices.has(`${c.carrierId}:${c.serviceCode}`));
}

function warehousesFor(cards: readonly RateCard[], settings: CarrierSettings): WarehouseSettings[] {
  const list = [...settings.warehouses];
  for (const country of new Set(cards.map((c) => c.originCountry))) {
    if (!list.some((w) => w.country === country)) list.push(defaultWarehouse(country));
  }
  return list;
}

/** The warehouse a rate request's origin is: same country, the postcode prefix telling several apart. */
export function warehouseForOrigin(warehouses: readonly WarehouseSettings[], origin: QuoteAddress): WarehouseSettings {
  const inCountry = warehouses.filter((w) => w.country === origin.country);
  const postcode = origin.postalCode ? normalisePostcode(origin.postalCode) : "";
  return inCountry.find((w) => w.postcodePrefix && postcode.startsWith(normalisePostcode(w.postcodePrefix))) ?? inCountry[0] ?? defaultWarehouse(origin.country);
}

/** A cart's landed cost: prepared once (or refused), then answered per shipment (freight, incoterm, mode). */
interface CartCustoms {
  readonly prepared: PreparedLandedCost | CustomsError;
  readonly byShipment: Map<string, DutiesAndTaxes | CustomsError>;
}

export interface ShippingQuoter {
  quote(request: ShippingQuoteRequest): Promise<ShippingQuote>;
}

export function createShippingQuoter(data: ShopQuoteData, deps: QuoteDependencies): ShippingQuoter {
  const cards = enabledCards(data.cards, data.settings);
  const warehouses = warehousesFor(cards, data.settings);
  const s = data.settings;
  // One rater per currency the shop quotes in (almost always one): it keeps delivery windows.
  const raters = new Map<string, Rater>();
  const raterFor = (currency: string) => {
    let rater = raters.get(currency);
    if (!rater) {
      rater = createRater({
        cards,
        warehouses: warehouses.map((w) => ({ id: w.id, country: w.country, ...(w.region ? { region: w.region } : {}), timeZone: w.timeZone, cutoff: w.cutoff, handlingDays: w.handlingDays })),
        now: () => new Date(),
        fx: deps.fx,
        monthlyShipments: s.monthlyShipments,
        rules: {
          ddpMarkets: s.ddpMarkets,
          preferredCarrier: s.preferredCarrier,
          ...(s.noEconomyAboveMinor !== null ? { noEconomyAbove: money(s.noEconomyAboveMinor, currency) } : {}),
          ...(s.weights ? { weights: s.weights } : {}),
        },
      });
      raters.set(currency, rater);
    }
    return rater;
  };

  // Landed cost depends only on its inputs (the tables are fixed for the process). The cart's part
  // (line values, duty rates) is worked out once and each service then prices only its freight.
  // The same cart comes back as the buyer edits the address (a new rate request per keystroke that
  // changes the postcode) and from the checkout extension right after the rate, so the prepared
  // cart and its answer per shipment are kept a while.
  const landed = new Map<string, CartCustoms>();
  const customsOfCart = (cart: CartInput, skus: readonly (string | null)[]): CartCustoms => {
    const key = JSON.stringify([cart, skus]);
    let found = landed.get(key);
    if (!found) {
      let prepared: PreparedLandedCost | CustomsError;
      try {
        prepared = prepareLandedCost(cart, deps.customs);
      } catch (error) {
        if (!(error instanceof CustomsError)) throw error;
        prepared = error;
      }
      found = { prepared, byShipment: new Map() };
      if (landed.size >= LANDED_COST_CACHE_LIMIT) landed.delete(landed.keys().next().value!);
      landed.set(key, found);
    }
    return found;
  };
  const dutiesOfShipment = (customs: CartCustoms, shipping: number, incoterm: "DDP" | "DAP", mode: "postal" | "courier", currency: string, skus: readonly (string | null)[]): DutiesAndTaxes | CustomsError => {
    const key = `${shipping}|${incoterm}|${mode}`;
    let found = customs.byShipment.get(key);
    if (!found) {
      if (customs.prepared instanceof CustomsError) found = customs.prepared;
      else {
        try {
          found = dutiesOf(customs.prepared.quote({ shipping, incoterm, mode }), incoterm, currency, deps.fx, skus);
        } catch (error) {
          if (!(error instanceof CustomsError)) throw error;
          found = error;
        }
      }
      customs.byShipment.set(key, found);
    }
    return found;
  };

  return {
    async quote(request) {
      const input = validate(request);
      const at = input.at ?? new Date();
      const warnings: string[] = [];
      const warehouse = warehouseForOrigin(warehouses, input.origin);
      const dest = input.destination;
      const incoterm = s.ddpMarkets.includes(dest.country) ? "DDP" : "DAP";

      const lines = input.items.filter((i) => i.requiresShipping !== false).map((item) => {
        const variantId = item.variantId == null ? null : String(item.variantId).slice(String(item.variantId).lastIndexOf("/") + 1);
        const product = (variantId ? data.products.byVariant.get(variantId) : undefined) ?? (item.sku ? data.products.bySku.get(item.sku) : undefined);
        const grams = item.grams && item.grams > 0 ? item.grams : product?.grams ?? 0;
        return { item, variantId, sku: item.sku ?? product?.sku ?? null, grams, hsCode: product?.hsCode ?? null, originCountry: product?.originCountry ?? null, label: item.name || item.sku || variantId || "an item" };
      });
      const lineReport = lines.map((l) => ({ sku: l.sku, variantId: l.variantId, quantity: l.item.quantity, grams: l.grams, hsCode: l.hsCode, originCountry: l.originCountry }));
      const base = { shop: data.shop, currency: input.currency, incoterm, warehouse: { id: warehouse.id, country: warehouse.country, timeZone: warehouse.timeZone, cutoff: warehouse.cutoff, handlingDays: warehouse.handlingDays } } as const;
      if (lines.length === 0) {
        return { ...base, parcel: { grams: 0, value: money(0, input.currency) }, options: [], excluded: [], lines: lineReport, warnings: ["nothing in the cart needs shipping"] };
      }
      if (!cards.some((c) => c.originCountry === warehouse.country)) {
        return { ...base, parcel: { grams: 0, value: money(0, input.currency) }, options: [], excluded: [], lines: lineReport, warnings: [`no enabled rate card ships from ${warehouse.country}`] };
      }

      // Duties and taxes of this cart for each priced service (the freight enters CIF values and VAT bases).
      const crossBorder = dest.country !== warehouse.country;
      const missing = lines.filter((l) => !l.hsCode || !l.originCountry);
      if (crossBorder && missing.length) warnings.push(`no HS code or origin for ${missing.map((l) => l.label).join(", ")}: duties and taxes not estimated`);
      const details = new Map<string, DutiesAndTaxes | null>();
      const customsLines: QuoteLineInput[] = lines.map((l) => ({ ...(l.sku ? { sku: l.sku } : {}), hsCode: l.hsCode ?? "", originCountry: l.originCountry ?? "", quantity: l.item.quantity, unitValue: l.item.price, ...(l.grams ? { netWeightGrams: l.grams } : {}) }));
      const customsDate = at.toISOString().slice(0, 10);
      const skus = lines.map((l) => l.sku);
      let customsFailed = false;
      let cartCustoms: CartCustoms | null = null;
      const landedCost: LandedCostFn = (_parcel, destination, ctx) => {
        if (!crossBorder || missing.length) return null;
        const key = `${ctx.carrierId}:${ctx.serviceCode}`;
        cartCustoms ??= customsOfCart({ date: customsDate, destination: { country: destination.country }, shipFrom: warehouse.country, currency: input.currency, lines: customsLines, dutyEstimate: "highest" }, skus);
        const mode = POSTAL_CARRIERS.has(ctx.carrierId) ? "postal" : "courier";
        const detail = dutiesOfShipment(cartCustoms, ctx.shipping.amount, ctx.incoterm, mode, input.currency, skus);
        if (detail instanceof CustomsError) {
          if (!customsFailed) warnings.push(`duties and taxes not estimated: ${detail.message}`);
          customsFailed = true;
          details.set(key, null);
          return null;
        }
        details.set(key, detail);
        return detail.total.amount > 0 ? detail.total : null;
      };

      const rater = raterFor(input.currency);
      const items = lines.map((l) => ({ grams: l.grams, quantity: l.item.quantity, price: money(l.item.price, input.currency) }));
      const destination = { country: dest.country, ...(dest.postalCode ? { postcode: dest.postalCode } : {}), ...(dest.residential !== undefined ? { residential: dest.residential } : {}) };
      const cardQuote = rater.quote({ warehouseId: warehouse.id, destination, items, currency: input.currency, landedCost, at });
      let selection = cardQuote.selection;

      // Live carrier APIs, each within the budget; a carrier that is late or fails keeps its card prices.
      const offered = [selection.best, ...selection.alternatives].filter((q): q is RankedQuote => q !== null);
      const liveCarriers = [...new Set(offered.map((q) => q.carrierId))].filter((id) => data.live.has(id));
      if (liveCarriers.length > 0) {
        const shipDate = offered[0]!.window.shipDate;
        const rateRequest = {
          shipper: { lines: input.origin.address1 ? [input.origin.address1] : [], city: input.origin.city ?? "", postcode: input.origin.postalCode ?? "", country: warehouse.country, ...(input.origin.province ? { province: input.origin.province } : {}) },
          recipient: { lines: dest.address1 ? [dest.address1] : [], city: dest.city ?? "", postcode: dest.postalCode ?? "", country: dest.country, ...(dest.province ? { province: dest.province } : {}), ...(dest.residential !== undefined ? { residential: dest.residential } : {}) },
          packages: [{ weight: cardQuote.parcel.weight }],
          declaredValue: cardQuote.parcel.value,
          shipDate,
          incoterm,
        } as const;
        const results = await Promise.all(liveCarriers.map((id) => rateWithFallback(data.live.get(id)!, rateRequest, s.liveBudgetMs, () => [] as LiveRate[])));
        const liveRates = new Map<string, LiveRate>();
        for (const r of results) {
          for (const m of r.messages) if (m.level !== "info") warnings.push(m.message.startsWith(`${m.carrierId}:`) ? m.message : `${m.carrierId}: ${m.message}`);
          if (r.source === "live") for (const rate of r.rates) liveRates.set(`${rate.carrierId}:${rate.serviceCode}`, rate);
        }
        if (liveRates.size > 0) {
          const quotes: ServiceQuote[] = offered.map((q) => {
            const live = liveRates.get(`${q.carrierId}:${q.service.code}`);
            if (!live) return q;
            const total = convertWith(deps.fx, live.total, input.currency);
            return { ...q, shipping: total, charges: live.charges.map((c) => ({ kind: "base" as const, amount: convertWith(deps.fx, c.amount, input.currency), note: c.name })), source: "live" as const };
          });
          const again = selectService({ quotes, parcel: cardQuote.parcel, destination, rules: { ddpMarkets: s.ddpMarkets, preferredCarrier: s.preferredCarrier, ...(s.weights ? { weights: s.weights } : {}) }, landedCost });
          selection = { ...again, excluded: [...selection.excluded, ...again.excluded] };
        }
      }

      const ranked = [selection.best, ...selection.alternatives].filter((q): q is RankedQuote => q !== null);
      const options = ranked.map((q, i): ShippingOption => {
        const duties = details.get(`${q.carrierId}:${q.service.code}`) ?? null;
        const due = q.incoterm === "DAP" && duties && duties.total.amount > 0 ? duties.total : null;
        return {
          rank: i + 1,
          code: `${q.carrierId}-${q.service.code}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-"),
          carrierId: q.carrierId,
          carrierName: q.carrierName,
          serviceCode: q.service.code,
          serviceName: q.service.name,
          title: q.service.name.startsWith(q.carrierName) ? q.service.name : `${q.carrierName} ${q.service.name}`,
          level: q.service.level,
          source: q.source,
          incoterm: q.incoterm,
          shipping: q.shipping,
          charges: q.charges,
          dutiesAndTaxes: duties,
          price: q.price,
          dueOnDelivery: due,
          window: { shipDate: q.window.shipDate, earliest: q.window.earliest, latest: q.window.latest, basis: q.window.basis, confidence: q.window.confidence, reasons: q.window.reasons },
          description: describe({ incoterm: q.incoterm, crossBorder, estimated: !missing.length && details.get(`${q.carrierId}:${q.service.code}`) !== null, duties, locale: input.locale ?? "en" }),
          score: q.score,
          reasons: [...q.reasons, ...(q.source === "live" ? ["live price from the carrier's API"] : [])],
        };
      });
      return {
        ...base,
        parcel: { grams: cardQuote.parcel.weight, value: cardQuote.parcel.value },
        options,
        excluded: selection.excluded,
        lines: lineReport,
        warnings,
      };
    },
  };
}

/** The sentence the shopper reads under the rate. */
function describe(o: { incoterm: "DDP" | "DAP"; crossBorder: boolean; estimated: boolean; duties: DutiesAndTaxes | null; locale: string }): string {
  if (!o.crossBorder) return "No customs: ships within the country.";
  if (!o.estimated) return "Import duties and taxes may be due on delivery.";
  const amount = o.duties?.total.amount ? o.duties.total : null;
  if (o.incoterm === "DDP") {
    return amount
      ? `Duties and import taxes included (${formatMoney(amount, o.locale)}): nothing more to pay on delivery.`
      : "No import duties or taxes due: nothing more to pay on delivery.";
  }
  return amount
    ? `About ${formatMoney(amount, o.locale)} in duties and import taxes due on delivery.`
    : "No import duties or taxes expected on delivery.";
}

// Exchange rates as exact fractions per table and pair, and number formats per locale and currency:
// both are asked for on every service of every quote.
const ratios = new WeakMap<FxTable, Map<string, Ratio>>();
function convertWith(fx: FxTable, m: Money, to: string): Money {
  if (m.currency === to) return m;
  let byPair = ratios.get(fx);
  if (!byPair) ratios.set(fx, (byPair = new Map()));
  const key = `${m.currency}>${to}`;
  let ratio = byPair.get(key);
  if (!ratio) byPair.set(key, (ratio = fxRatio(fx, m.currency, to)));
  return convertExact(m, to, ratio);
}

const formats = new Map<string, Intl.NumberFormat>();
function formatMoney(m: Money, locale: string): string {
  const key = `${locale}|${m.currency}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: "currency", currency: m.currency });
    } catch {
      f = new Intl.NumberFormat("en", { style: "currency", currency: m.currency });
    }
    formats.set(key, f);
  }
  return f.format(Number(toMajorString(m)));
}

function dutiesOf(q: LandedCostQuote, incoterm: "DDP" | "DAP", currency: string, fx: FxTable, skus: readonly (string | null)[]): DutiesAndTaxes {
  const toCurrency = (m: Money) => convertWith(fx, m, currency);
  const atSale = q.taxCollectedAtSale ? q.totals.tax.amount : 0;
  // Tax charged at sale (UK, EU IOSS, AU GST) belongs with the order's taxes, not in the shipping rate.
  const totalLocal = incoterm === "DDP" ? q.collectedAtCheckout.amount - atSale : q.collectedAtDoor.amount;
  return {
    duty: toCurrency(q.totals.duty),
    tax: toCurrency(money(q.totals.tax.amount - atSale, q.totals.tax.currency)),
    fees: toCurrency(q.totals.fees),
    total: toCurrency(money(totalLocal, q.currency)),
    taxName: q.taxName,
    regime: q.regime,
    taxAtSale: atSale > 0 ? toCurrency(money(atSale, q.currency)) : null,
    lines: q.lines.map((l) => ({ sku: skus[l.index] ?? null, hsCode: l.hsCode, dutyRate: l.dutyRate, duty: toCurrency(l.duty), tax: toCurrency(l.tax) })),
    trace: q.trace.map((t) => t.detail),
  };
}

function validate(request: ShippingQuoteRequest): ShippingQuoteRequest {
  if (!request || typeof request !== "object") throw new ShippingQuoteInputError("request", "must be an object");
  if (typeof request.currency !== "string" || !isCurrencyCode(request.currency)) throw new ShippingQuoteInputError("currency", `"${request.currency}" is not an ISO 4217 currency code`);
  for (const [field, address] of [["origin", request.origin], ["destination", request.destination]] as const) {
    if (!address || typeof address.country !== "string" || !/^[A-Z]{2}$/.test(address.country)) {
      throw new ShippingQuoteInputError(`${field}.country`, "must be an ISO 3166 alpha-2 country code");
    }
  }
  if (!Array.isArray(request.items) || request.items.length === 0) throw new ShippingQuoteInputError("items", "at least one item is required");
  if (request.items.length > 500) throw new ShippingQuoteInputError("items", "more than 500 lines");
  request.items.forEach((item, i) => {
    if (!item || typeof item !== "object") throw new ShippingQuoteInputError(`items[${i}]`, "must be an object");
    if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0) throw new ShippingQuoteInputError(`items[${i}].quantity`, "must be a positive integer");
    if (!Number.isSafeInteger(item.price) || item.price < 0) throw new ShippingQuoteInputError(`items[${i}].price`, "must be a non-negative integer amount in minor units");
    if (item.grams != null && (!Number.isFinite(item.grams) || item.grams < 0)) throw new ShippingQuoteInputError(`items[${i}].grams`, "must be a non-negative number of grams");
  });
  return request;
}

// ---------------------------------------------------------------------------------------------
// Per-process data and the per-shop cache.

let processDeps: QuoteDependencies | null = null;

/** The FX table quotes convert with: the shipped reference table (data/fx), dated and sourced. */
export function loadReferenceFx(dir = join(process.cwd(), "data", "fx")): FxTable {
  return JSON.parse(readFileSync(join(dir, "reference-rates.json"), "utf8")) as FxTable;
}

/** Customs tables and FX, loaded once per process (about a second; the first quote pays it). */
export function quoteDependencies(): QuoteDependencies {
  if (!processDeps) {
    const fx = loadReferenceFx();
    processDeps = { customs: loadCustomsTables(fx), fx };
  }
  return processDeps;
}

export async function loadShopQuoteData(db: PrismaClient, shop: string, appSecret: string): Promise<ShopQuoteData> {
  const [settings, stored, products, credentials] = await Promise.all([
    loadCarrierSettings(db, shop),
    loadShopRateCards(db, shop),
    loadProductCustoms(db, shop),
    loadCredentials(db, shop, appSecret),
  ]);
  const live = new Map<string, CarrierAdapter>();
  for (const [carrierId, values] of credentials) {
    if (settings.disabledCarriers.includes(carrierId)) continue;
    const adapter = adapterFromCredentials(carrierId, values);
    if (adapter) live.set(carrierId, adapter);
  }
  return { shop, settings, cards: stored.cards.map((c) => c.card), products, live };
}

/** After this long a shop's data is reloaded in the background (another instance may have changed it). */
export const REFRESH_MS = 60_000;

interface Entry { quoter: Promise<ShippingQuoter>; loadedAt: number; refreshing: boolean }
const cache = new Map<string, Entry>();

async function build(shop: string): Promise<ShippingQuoter> {
  const [{ default: db }, { env }] = await Promise.all([import("~/db.server"), import("~/env.server")]);
  const data = await loadShopQuoteData(db, shop, env.SHOPIFY_API_SECRET);
  return createShippingQuoter(data, quoteDependencies());
}

function quoterFor(shop: string): Promise<ShippingQuoter> {
  const entry = cache.get(shop);
  if (entry) {
    if (!entry.refreshing && Date.now() - entry.loadedAt > REFRESH_MS) {
      // Serve the data we have; swap in the reloaded quoter once it is ready, unless the shop's
      // entry was dropped meanwhile (invalidated, uninstalled): then the reload is stale too.
      entry.refreshing = true;
      build(shop).then(
        (quoter) => { if (cache.get(shop) === entry) cache.set(shop, { quoter: Promise.resolve(quoter), loadedAt: Date.now(), refreshing: false }); },
        () => { entry.refreshing = false; entry.loadedAt = Date.now(); },
      );
    }
    return entry.quoter;
  }
  const quoter = build(shop);
  const created: Entry = { quoter, loadedAt: Date.now(), refreshing: false };
  cache.set(shop, created);
  quoter.catch(() => { if (cache.get(shop) === created) cache.delete(shop); });
  return quoter;
}

/**
 * Every shipping option for a cart from one origin to one destination, ranked, in the request's
 * currency. Throws ShippingQuoteInputError (field + message) for a request it cannot read; any
 * other failure is the caller's to turn into "no rates".
 */
export async function quoteShippingOptions(shop: string, request: ShippingQuoteRequest): Promise<ShippingQuote> {
  return (await quoterFor(shop)).quote(request);
}

/** Call after changing a shop's settings, cards, credentials or product data: the next quote reloads them. */
export function invalidateShippingQuotes(shop: string): void {
  cache.delete(shop);
}

/** Loads a shop's quote data ahead of the first rate request. */
export async function warmShippingQuotes(shop: string): Promise<void> {
  await quoterFor(shop);
}
