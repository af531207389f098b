/**
 * Duties, import taxes and delivery dates for a checkout cart, per shipping service: what the
 * checkout extension shows beside the shipping options. Everything a quote reads is in memory
 * (rate cards, customs tables, FX, and the shop's catalogue loaded once from the Admin API and
 * kept for a while), so a quote costs no I/O after the first one for a shop.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCustomsTables } from "../integrations/customs/tables.server";
import { CustomsError } from "../engine/customs/errors";
import { quoteLandedCost, type CustomsTables, type LandedCostQuote } from "../engine/customs/quote";
import { createRater, type Rater, type RankedQuote } from "../engine/carriers/select";
import type { RateCard } from "../engine/carriers/rate-card";
import type { Warehouse } from "../engine/carriers/model";
import { convertExact, currencyExponent, fromMajor, fxRatio, isCurrencyCode, money, MoneyError, type FxTable, type Money } from "../engine/money";
import { loadRateCards } from "../integrations/carriers/rate-cards.server";
import type { ShopCatalog } from "../integrations/shopify/checkout-catalog.server";

export interface CheckoutCart {
  /** The buyer's (presentment) currency; line totals and the option's cost are in it. */
  readonly currency: string;
  readonly destination: { readonly countryCode: string; readonly provinceCode?: string | null; readonly zip?: string | null };
  /** Line totals in major units, as the checkout API gives them (`cost.totalAmount.amount`). */
  readonly lines: readonly { readonly variantId: string; readonly quantity: number; readonly total: number }[];
  /** The delivery option the buyer selected, when one is. */
  readonly option?: { readonly code?: string | null; readonly title?: string | null; readonly cost?: number | null } | null;
}

export interface OptionQuote {
  readonly code: string;
  readonly title: string;
  /** False when the selected option is not one of our services (a merchant's flat rate...). */
  readonly matched: boolean;
  readonly incoterm: "DDP" | "DAP";
  /** Amounts in minor units of the cart's currency. */
  readonly shipping: number;
  /** What the shipping option costs at checkout: shipping, plus duties, taxes and fees under DDP. */
  readonly price: number;
  readonly duties: number;
  readonly taxes: number;
  readonly fees: number;
  /** Duties, border taxes and fees folded into the price (DDP). */
  readonly includedInPrice: number;
  /** What the carrier will collect from the buyer at the door (DAP). */
  readonly dueOnDelivery: number;
  /** Import tax the seller charges with the order under a low-value regime (UK, AU, EU IOSS...). */
  readonly chargedAtSale: number;
  readonly taxName: string;
  readonly regime: { readonly id: string; readonly note: string };
  readonly delivery: { readonly earliest: string; readonly latest: string } | null;
}

export interface CheckoutQuote {
  readonly currency: string;
  /** Decimal places of the currency, so a client can turn minor units into an amount. */
  readonly exponent: number;
  readonly country: string;
  /** The selected option's quote (null when no option is selected or none can be priced). */
  readonly selected: OptionQuote | null;
  readonly options: readonly OptionQuote[];
}

/** A request the service cannot answer: the status and message the route returns. */
export class CheckoutQuoteError extends Error {
  constructor(readonly status: number, readonly field: string | null, message: string) {
    super(message);
  }
}

export interface CheckoutQuoterOptions {
  readonly loadCatalog: (shop: string) => Promise<ShopCatalog>;
  readonly now?: () => Date;
  readonly cards?: readonly RateCard[];
  readonly customs?: CustomsTables;
  readonly fx?: FxTable;
  /** Countries where duties are collected at checkout (DDP); elsewhere the buyer pays at the door. */
  readonly ddpMarkets?: readonly string[];
  /** How long a shop's catalogue is trusted before it is read again. */
  readonly catalogTtlMs?: number;
}

export interface CheckoutQuoter {
  quote(shop: string, cart: CheckoutCart): Promise<CheckoutQuote>;
  /** The shop's catalogue as quotes see it (cached). */
  catalog(shop: string): Promise<ShopCatalog>;
  /** Drops a shop's cached catalogue (after a products/update, or in tests). */
  forget(shop?: string): void;
}

/**
 * Until merchants choose per market on the Carriers page, duties are collected at checkout for
 * the UK only, where the low-value VAT rules already make the seller the importer's tax collector.
 */
export const DEFAULT_DDP_MARKETS = ["GB"] as const;

// Postal services clear under postal rules (and in some countries with different fees).
const POSTAL_CARRIERS = new Set(["usps", "deutsche-post", "royal-mail", "postnl"]);

// Where a location's own time zone is unknown: the main one of its country (the Admin API gives
// only the shop's). The order cutoff is read in it.
const COUNTRY_TIME_ZONES: Record<string, string> = {
  US: "America/New_York", CA: "America/Toronto", GB: "Europe/London", IE: "Europe/Dublin", NL: "Europe/Amsterdam", DE: "Europe/Berlin",
  FR: "Europe/Paris", BE: "Europe/Brussels", ES: "Europe/Madrid", IT: "Europe/Rome", PL: "Europe/Warsaw", AU: "Australia/Sydney", JP: "Asia/Tokyo",
};

// Resolved from the working directory, like the customs tables, so the built server finds it too.
const DATA = join(process.cwd(), "data");
let shipped: { cards: RateCard[]; fx: FxTable; customs: CustomsTables } | undefined;

/** The shipped sample rate cards, reference FX table and customs tables, read once per process. */
export function shippedQuotingData() {
  if (!shipped) {
    const fx = JSON.parse(readFileSync(join(DATA, "fx", "reference-rates.json"), "utf8")) as FxTable;
    shipped = { cards: loadRateCards(join(DATA, "rate-cards")).cards, fx, customs: loadCustomsTables(fx) };
  }
  return shipped;
}

interface ShopContext {
  readonly catalog: ShopCatalog;
  readonly warehouse: Warehouse | null;
  readonly rater: Rater | null;
  /** Set around each synchronous rater call: the cart the landed-cost function prices. */
  pending: { cart: PricedCart; quotes: Map<string, LandedCostQuote> } | null;
  readonly loadedAt: number;
}

interface PricedCart {
  readonly currency: string;
  readonly country: string;
  readonly region?: string;
  readonly date: string;
  readonly lines: readonly { hsCode: string; originCountry: string; quantity: number; unitValue: number; grams: number }[];
}

const codeOf = (carrierId: string, serviceCode: string) => `${carrierId}-${serviceCode}`;

export function createCheckoutQuoter(options: CheckoutQuoterOptions): CheckoutQuoter {
  const now = options.now ?? (() => new Date());
  // Read on the first quote, not at import: a server starts even if the data folder is missing.
  let loaded: { cards: readonly RateCard[]; customs: CustomsTables; fx: FxTable } | undefined;
  const tables = () => (loaded ??= options.cards && options.customs && options.fx ? { cards: options.cards, customs: options.customs, fx: options.fx } : shippedQuotingData());
  const ddpMarkets = options.ddpMarkets ?? DEFAULT_DDP_MARKETS;
  const ttl = options.catalogTtlMs ?? 10 * 60_000;
  const contexts = new Map<string, Promise<ShopContext>>();

  function landedCost(cart: PricedCart, shipFrom: string, shipping: number, incoterm: "DDP" | "DAP", carrierId: string): LandedCostQuote {
    return quoteLandedCost({
      date: cart.date,
      destination: { country: cart.country, ...(cart.region ? { region: cart.region } : {}) },
      shipFrom,
      currency: cart.currency,
      lines: cart.lines.map((l) => ({ hsCode: l.hsCode, originCountry: l.originCountry, quantity: l.quantity, unitValue: l.unitValue, netWeightGrams: l.grams })),
      shipping,
      incoterm,
      mode: POSTAL_CARRIERS.has(carrierId) ? "postal" : "courier",
      // A 6-digit code can cover national lines with different rates: a checkout estimate takes
      // the highest, so the buyer is never asked for more than we said.
      dutyEstimate: "highest",
    }, tables().customs);
  }

  async function build(shop: string): Promise<ShopContext> {
    const catalog = await options.loadCatalog(shop);
    const origins = new Set(tables().cards.map((c) => c.originCountry));
    const served = catalog.locations.filter((l) => origins.has(l.countryCode));
    const from = served.find((l) => l.isPrimary) ?? served[0];
    const warehouse: Warehouse | null = from
      ? {
        id: from.id, country: from.countryCode, ...(from.provinceCode ? { region: from.provinceCode } : {}),
        timeZone: COUNTRY_TIME_ZONES[from.countryCode] ?? catalog.timeZone, cutoff: "14:00", handlingDays: 1,
      }
      : null;
    const context: ShopContext = { catalog, warehouse, rater: null, pending: null, loadedAt: Date.now() };
    const rater = warehouse
      ? createRater({
        cards: tables().cards,
        warehouses: [warehouse],
        now,
        fx: tables().fx,
        rules: { ddpMarkets },
        landedCost: (_parcel, _destination, { carrierId, serviceCode, shipping, incoterm }) => {
          const pending = context.pending;
          if (!pending) return null;
          const quote = landedCost(pending.cart, warehouse.country, shipping.amount, incoterm, carrierId);
          pending.quotes.set(codeOf(carrierId, serviceCode), quote);
          const dues = quote.totals.total.amount - (quote.taxCollectedAtSale ? quote.totals.tax.amount : 0);
          return dues > 0 ? toCurrency(money(dues, quote.currency), pending.cart.currency) : null;
        },
      })
      : null;
    return Object.assign(context, { rater });
  }

  function contextFor(shop: string): Promise<ShopContext> {
    let entry = contexts.get(shop);
    if (entry) {
      entry.then((c) => { if (Date.now() - c.loadedAt > ttl && contexts.get(shop) === entry) contexts.delete(shop); }, () => {});
      return entry;
    }
    entry = build(shop);
    contexts.set(shop, entry);
    // A failed load is not cached: the next quote tries again.
    entry.catch(() => { if (contexts.get(shop) === entry) contexts.delete(shop); });
    return entry;
  }

  function toCurrency(m: Money, currency: string): Money {
    return m.currency === currency ? m : convertExact(m, currency, fxRatio(tables().fx, m.currency, currency));
  }

  function optionQuote(code: string, title: string, matched: boolean, incoterm: "DDP" | "DAP", shipping: number, q: LandedCostQuote, currency: string, delivery: OptionQuote["delivery"]): OptionQuote {
    const inCart = (m: Money) => toCurrency(m, currency).amount;
    const chargedAtSale = q.taxCollectedAtSale ? inCart(q.totals.tax) : 0;
    const includedInPrice = Math.max(0, q.presentment.collectedAtCheckout.amount - chargedAtSale);
    const note = q.trace.find((t) => t.rule === q.regime)?.detail ?? "";
    return {
      code, title, matched, incoterm, shipping,
      price: shipping + includedInPrice,
      duties: inCart(q.totals.duty), taxes: inCart(q.totals.tax), fees: inCart(q.totals.fees),
      includedInPrice, dueOnDelivery: q.presentment.collectedAtDoor.amount, chargedAtSale,
      taxName: q.taxName, regime: { id: q.regime, note }, delivery,
    };
  }

  return {
    async catalog(shop) {
      return (await contextFor(shop)).catalog;
    },

    forget(shop) {
      if (shop) contexts.delete(shop);
      else contexts.clear();
    },

    async quote(shop, cart) {
      if (!isCurrencyCode(cart.currency)) throw new CheckoutQuoteError(400, "currency", `"${cart.currency}" is not an ISO 4217 currency`);
      const context = await contextFor(shop);
      const currency = cart.currency;
      const minor = (major: number, field: string) => {
        try {
          return fromMajor(major, currency).amount;
        } catch (e) {
          if (e instanceof MoneyError) throw new CheckoutQuoteError(400, field, e.message);
          throw e;
        }
      };
      const lines = cart.lines.map((line, i) => {
        const variant = context.catalog.variants.get(line.variantId);
        if (!variant) throw new CheckoutQuoteError(422, `lines[${i}].variantId`, `${line.variantId} is not a variant of ${shop}`);
        if (!variant.hsCode || !variant.originCountry) throw new CheckoutQuoteError(422, `lines[${i}].variantId`, `${variant.title} has no HS code or country of origin yet (set them on the Customs page)`);
        // The checkout gives line totals; a unit value rounded to the minor unit is what the
        // customs engine needs for per-item thresholds.
        return { hsCode: variant.hsCode, originCountry: variant.originCountry, quantity: line.quantity, unitValue: Math.round(minor(line.total, `lines[${i}].total`) / line.quantity), grams: variant.grams };
      });
      const country = cart.destination.countryCode;
      const priced: PricedCart = {
        currency, country, date: now().toISOString().slice(0, 10), lines,
        ...(cart.destination.provinceCode ? { region: cart.destination.provinceCode } : {}),
      };

      try {
        const options: OptionQuote[] = [];
        if (context.rater && context.warehouse) {
          const quotes = new Map<string, LandedCostQuote>();
          context.pending = { cart: priced, quotes };
          let ranked: RankedQuote[];
          try {
            const { selection } = context.rater.quote({
              warehouseId: context.warehouse.id,
              destination: { country, ...(cart.destination.zip ? { postcode: cart.destination.zip } : {}) },
              items: lines.map((l) => ({ grams: l.grams, quantity: l.quantity, price: money(l.unitValue, currency) })),
              currency,
            });
            ranked = selection.best ? [selection.best, ...selection.alternatives] : [];
          } finally {
            context.pending = null;
          }
          for (const r of ranked) {
            const code = codeOf(r.carrierId, r.service.code);
            const q = quotes.get(code) ?? landedCost(priced, context.warehouse.country, r.shipping.amount, r.incoterm, r.carrierId);
            options.push(optionQuote(code, `${r.carrierName} ${r.service.name}`, true, r.incoterm, r.shipping.amount, q, currency, { earliest: r.window.earliest, latest: r.window.latest }));
          }
        }

        const wanted = cart.option;
        let selected: OptionQuote | null = null;
        if (wanted) {
          selected = options.find((o) => wanted.code && o.code === wanted.code) ?? options.find((o) => wanted.title && o.title === wanted.title) ?? null;
          if (!selected && typeof wanted.cost === "number") {
            // Not one of our services (a merchant's own rate): its price holds no duties, so the
            // buyer pays them at the door; the freight still counts where customs value is CIF.
            const shipping = minor(wanted.cost, "option.cost");
            const shipFrom = context.warehouse?.country ?? context.catalog.locations.find((l) => l.isPrimary)?.countryCode ?? context.catalog.locations[0]?.countryCode;
            if (shipFrom) {
              const q = landedCost(priced, shipFrom, shipping, "DAP", "");
              selected = optionQuote(wanted.code ?? "", wanted.title ?? "", false, "DAP", shipping, q, currency, null);
            }
          }
        }
        return { currency, exponent: currencyExponent(currency), country, selected, options };
      } catch (e) {
        if (e instanceof CustomsError) throw new CheckoutQuoteError(422, e.field ?? null, e.message);
        if (e instanceof MoneyError) throw new CheckoutQuoteError(422, "currency", e.message);
        throw e;
      }
    },
  };
}
