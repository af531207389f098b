import { add, convertExact, fxRatio, money, toMajorString, type FxTable, type Money, type Ratio } from "../money";
import type { Dimensions } from "../units";
import { localDateTime, parseClock } from "../calendar";
import { deliveryWindow, type LearnedTransit } from "./eta";
import type { Carrier, DeliveryWindow, Destination, Incoterm, Parcel, ServiceQuote, Warehouse } from "./model";
import { priceParcel, zoneFor, type RateCard } from "./rate-card";

/**
 * Duties, import taxes and fees due on a parcel, from the customs engine. Given the carrier and
 * the shipping price because some countries tax the freight (CIF) and carriers add disbursement
 * fees. Returns null when the destination charges nothing.
 */
export type LandedCostFn = (
  parcel: Parcel,
  destination: Destination,
  context: { readonly carrierId: string; readonly serviceCode: string; readonly shipping: Money; readonly incoterm: Incoterm },
) => Money | null;

export interface MerchantRules {
  /** Above this order value economy services are not offered (a cheap, slow, lossy parcel is not worth it). */
  readonly noEconomyAbove?: Money;
  /** Countries where the merchant collects duties at checkout (DDP); elsewhere the buyer pays on delivery (DAP). Absent = DDP nowhere. */
  readonly ddpMarkets?: readonly string[];
  /** Preferred carrier per destination country. */
  readonly preferredCarrier?: Readonly<Record<string, string>>;
  /** How far behind on score a preferred carrier may be and still come first (default PREFERRED_BONUS). */
  readonly preferredMargin?: number;
  /**
   * How much each criterion weighs. `price` multiplies the share above the lowest landed total,
   * `speed` is what one extra day is worth as a share of it (0.03 = a day later must be 3% cheaper),
   * `onTime` multiplies the share of late deliveries on the lane.
   */
  readonly weights?: { readonly price: number; readonly speed: number; readonly onTime: number };
}

export const DEFAULT_WEIGHTS = { price: 1, speed: 0.03, onTime: 0.5 } as const;
/** A preferred carrier wins while it is within about this share of the best score. */
export const PREFERRED_BONUS = 0.1;
/** Lateness assumed for a lane with no delivered history (reported as such in the reasons). */
export const UNKNOWN_LATE_SHARE = 0.1;

export interface RankedQuote extends ServiceQuote {
  readonly incoterm: Incoterm;
  readonly dutiesAndTaxes: Money | null;
  /** What the shopper pays at checkout: shipping, plus duties and taxes under DDP. */
  readonly price: Money;
  /** Shipping plus duties and taxes, whoever pays them and when: what the parcel really costs the buyer. */
  readonly landedTotal: Money;
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface Selection {
  readonly best: RankedQuote | null;
  readonly alternatives: readonly RankedQuote[];
  readonly excluded: readonly { readonly carrierId: string; readonly serviceCode: string; readonly reason: string }[];
}

export interface SelectInput {
  readonly quotes: readonly ServiceQuote[];
  readonly parcel: Parcel;
  readonly destination: Destination;
  readonly rules: MerchantRules;
  readonly landedCost: LandedCostFn;
  /** On-time share of a carrier service to the destination country, from delivered history. */
  readonly onTime?: (carrierId: string, serviceCode: string) => { readonly share: number; readonly samples: number } | undefined;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Ranks priced services by landed total, speed and on-time history under the merchant's rules. */
export function selectService(input: SelectInput): Selection {
  const { parcel, destination, rules } = input;
  const weights = rules.weights ?? DEFAULT_WEIGHTS;
  const incoterm: Incoterm = rules.ddpMarkets?.includes(destination.country) ? "DDP" : "DAP";
  const excluded: { carrierId: string; serviceCode: string; reason: string }[] = [];
  const priced: Omit<RankedQuote, "score" | "reasons">[] = [];

  for (const q of input.quotes) {
    if (q.service.level === "economy" && rules.noEconomyAbove && parcel.value.currency === rules.noEconomyAbove.currency && parcel.value.amount > rules.noEconomyAbove.amount) {
      excluded.push({ carrierId: q.carrierId, serviceCode: q.service.code, reason: `economy is not offered above ${toMajorString(rules.noEconomyAbove)} ${rules.noEconomyAbove.currency}` });
      continue;
    }
    const duties = input.landedCost(parcel, destination, { carrierId: q.carrierId, serviceCode: q.service.code, shipping: q.shipping, incoterm });
    const landedTotal = duties ? add(q.shipping, duties) : q.shipping;
    priced.push({ ...q, incoterm, dutiesAndTaxes: duties, price: incoterm === "DDP" ? landedTotal : q.shipping, landedTotal });
  }
  if (priced.length === 0) return { best: null, alternatives: [], excluded };

  const cheapest = Math.min(...priced.map((p) => p.landedTotal.amount));
  const speeds = priced.map((p) => daysBetween(p.window.shipDate, p.window.latest));
  const fastest = Math.min(...speeds);
  const preferred = rules.preferredCarrier?.[destination.country];

  const ranked: RankedQuote[] = priced.map((p, i) => {
    const reasons: string[] = [];
    const costRatio = cheapest > 0 ? (p.landedTotal.amount - cheapest) / cheapest : 0;
    const speed = speeds[i]!;
    const history = input.onTime?.(p.carrierId, p.service.code);
    const lateShare = history ? 1 - history.share : UNKNOWN_LATE_SHARE;
    const isPreferred = preferred === p.carrierId;
    const score = weights.price * costRatio + weights.speed * (speed - fastest) + weights.onTime * lateShare - (isPreferred ? rules.preferredMargin ?? PREFERRED_BONUS : 0);

    const total = `${toMajorString(p.landedTotal)} ${p.landedTotal.currency}`;
    reasons.push(costRatio === 0 ? `lowest landed total (${total})` : `landed total ${total}, ${Math.round(costRatio * 100)}% above the lowest`);
    if (p.dutiesAndTaxes) {
      reasons.push(p.incoterm === "DDP"
        ? `duties and taxes ${toMajorString(p.dutiesAndTaxes)} ${p.dutiesAndTaxes.currency} included (DDP)`
        : `duties and taxes ${toMajorString(p.dutiesAndTaxes)} ${p.dutiesAndTaxes.currency} due on delivery (DAP)`);
    }
    reasons.push(speed === fastest ? `fastest: delivered by ${p.window.latest}` : `delivered by ${p.window.latest}, ${speed - fastest} day(s) after the fastest`);
    reasons.push(history ? `${Math.round(history.share * 100)}% on time over ${history.samples} deliveries` : "no delivery history on this lane yet");
    if (isPreferred) reasons.push(`merchant's preferred carrier for ${destination.country}`);
    return { ...p, score: Number(score.toFixed(6)), reasons };
  });

  // Ties go to the cheaper, then the faster service, so the order never depends on input order.
  ranked.sort((a, b) => a.score - b.score || a.landedTotal.amount - b.landedTotal.amount || a.window.latest.localeCompare(b.window.latest));
  return { best: ranked[0]!, alternatives: ranked.slice(1), excluded };
}

// ---------------------------------------------------------------------------------------------
// The rater: everything a checkout quote needs, in memory, built once and asked many times.

export interface CartItem {
  readonly grams: number;
  readonly quantity: number;
  /** Unit price. */
  readonly price: Money;
}

export interface QuoteRequest {
  readonly warehouseId: string;
  readonly destination: Destination;
  readonly items: readonly CartItem[];
  /** The currency the shopper pays in; card prices are converted to it. */
  readonly currency: string;
  /** Outer box; absent = priced on actual weight. */
  readonly box?: Dimensions;
  /** Grams of packaging added to the contents. */
  readonly packagingGrams?: number;
  /** Duties and taxes of this cart (its lines' HS codes and origins); absent = the rater's own. */
  readonly landedCost?: LandedCostFn;
  /** When the order is placed; absent = the rater's clock. */
  readonly at?: Date;
}

export interface Quote {
  readonly parcel: Parcel;
  readonly selection: Selection;
}

export interface RaterOptions {
  readonly cards: readonly RateCard[];
  /** Carriers the merchant has switched on; a card whose carrier or service is absent is ignored. Absent = every card. */
  readonly carriers?: readonly Carrier[];
  readonly warehouses: readonly Warehouse[];
  /** The clock, read once per quote. */
  readonly now: () => Date;
  readonly rules?: MerchantRules;
  readonly landedCost?: LandedCostFn;
  readonly fx?: FxTable;
  /** The merchant's shipments last month per carrier id, for volume tiers. */
  readonly monthlyShipments?: Readonly<Record<string, number>>;
  /** Learned transit per lane key `${carrierId}:${serviceCode}:${origin}:${destination}`. */
  readonly history?: ReadonlyMap<string, LearnedTransit>;
}

export interface Rater {
  quote(request: QuoteRequest): Quote;
}

/** Windows kept per rater before the cache starts over (a day of lanes is far fewer). */
const WINDOW_CACHE_LIMIT = 20_000;

export function laneKey(carrierId: string, serviceCode: string, origin: string, destination: string): string {
  return `${carrierId}:${serviceCode}:${origin}:${destination}`;
}

export function createRater(options: RaterOptions): Rater {
  const enabled = options.carriers
    ? new Set(options.carriers.flatMap((c) => c.services.map((s) => `${c.id}:${s.code}`)))
    : null;
  const byOrigin = new Map<string, RateCard[]>();
  for (const card of options.cards) {
    if (enabled && !enabled.has(`${card.carrierId}:${card.serviceCode}`)) continue;
    const list = byOrigin.get(card.originCountry) ?? [];
    list.push(card);
    byOrigin.set(card.originCountry, list);
  }
  const warehouses = new Map(options.warehouses.map((w) => [w.id, w]));
  const rules = options.rules ?? {};
  const landedCost: LandedCostFn = options.landedCost ?? (() => null);

  // A delivery window depends only on the warehouse's local order day and which side of the
  // cutoff the order falls, the lane's transit and what history has taught about it. Working it
  // out walks holiday calendars day by day, which cost more than pricing every card, so windows
  // are kept per lane and order day; the next day (or the cutoff passing) makes a new key.
  const windows = new Map<string, DeliveryWindow>();
  let lastClock: { at: number; warehouseId: string; day: string } | null = null;
  const orderDay = (now: Date, warehouse: Warehouse): string => {
    const minute = Math.floor(now.getTime() / 60_000);
    if (lastClock && lastClock.at === minute && lastClock.warehouseId === warehouse.id) return lastClock.day;
    const local = localDateTime(now, warehouse.timeZone);
    const day = `${local.date}${local.minutes >= parseClock(warehouse.cutoff) ? "+" : "-"}`;
    lastClock = { at: minute, warehouseId: warehouse.id, day };
    return day;
  };
  const windowFor = (now: Date, warehouse: Warehouse, country: string, transit: { min: number; max: number; customsDays: number }, learned: LearnedTransit | undefined): DeliveryWindow => {
    const key = `${warehouse.id}|${orderDay(now, warehouse)}|${country}|${transit.min}|${transit.max}|${transit.customsDays}|${learned ? `${learned.p50}|${learned.p90}|${learned.samples}|${learned.onTimeShare}` : ""}`;
    let window = windows.get(key);
    if (!window) {
      if (windows.size >= WINDOW_CACHE_LIMIT) windows.clear();
      window = deliveryWindow({ now, warehouse, destination: { country }, lane: transit, learned: learned ?? null });
      windows.set(key, window);
    }
    return window;
  };

  return {
    quote(request) {
      const warehouse = warehouses.get(request.warehouseId);
      if (!warehouse) throw new Error(`unknown warehouse "${request.warehouseId}"`);
      const now = request.at ?? options.now();
      const weight = request.items.reduce((g, i) => g + i.grams * i.quantity, request.packagingGrams ?? 0);
      const value = request.items.reduce((v, i) => add(v, money(i.price.amount * i.quantity, i.price.currency)), money(0, request.currency));
      const parcel: Parcel = { weight, value, ...(request.box ? { dimensions: request.box } : {}) };
      const quotes: ServiceQuote[] = [];
      const excluded: { carrierId: string; serviceCode: string; reason: string }[] = [];
      const incoterm: Incoterm = rules.ddpMarkets?.includes(request.destination.country) ? "DDP" : "DAP";
      for (const card of byOrigin.get(warehouse.country) ?? []) {
        const outcome = priceParcel(card, parcel, request.destination, {
          incoterm,
          monthlyShipments: options.monthlyShipments?.[card.carrierId] ?? 0,
        });
        if (!outcome.ok) {
          excluded.push({ carrierId: card.carrierId, serviceCode: card.serviceCode, reason: outcome.reason });
          continue;
        }
        const zone = zoneFor(card, request.destination)!;
        const transit = card.transit[zone] ?? { min: 1, max: 1, customsDays: 0 };
        const learned = options.history?.get(laneKey(card.carrierId, card.serviceCode, warehouse.country, request.destination.country));
        const window = windowFor(now, warehouse, request.destination.country, transit, learned);
        const inCurrency = (m: Money) => (m.currency === request.currency ? m : convertOrThrow(m, request.currency, options.fx));
        quotes.push({
          carrierId: card.carrierId,
          carrierName: card.carrierName,
          service: { code: card.serviceCode, name: card.serviceName, level: card.level },
          shipping: inCurrency(outcome.total),
          charges: outcome.charges.map((c) => ({ ...c, amount: inCurrency(c.amount) })),
          chargeableWeight: outcome.chargeableWeight,
          window,
          source: "rate-card",
        });
      }
      const selection = selectService({
        quotes,
        parcel,
        destination: request.destination,
        rules,
        landedCost: request.landedCost ?? landedCost,
        onTime: (carrierId, serviceCode) => {
          const l = options.history?.get(laneKey(carrierId, serviceCode, warehouse.country, request.destination.country));
          return l ? { share: l.onTimeShare, samples: l.samples } : undefined;
        },
      });
      return { parcel, selection: { ...selection, excluded: [...excluded, ...selection.excluded] } };
    },
  };
}

// Rates as exact fractions, per table and currency pair: card prices are converted on every quote.
const fxRatios = new WeakMap<FxTable, Map<string, Ratio>>();

function convertOrThrow(m: Money, to: string, fx: FxTable | undefined): Money {
  if (!fx) throw new Error(`rate card in ${m.currency} but quote wanted in ${to}, and no exchange-rate table was given`);
  let byPair = fxRatios.get(fx);
  if (!byPair) fxRatios.set(fx, (byPair = new Map()));
  const key = `${m.currency}>${to}`;
  let ratio = byPair.get(key);
  if (!ratio) byPair.set(key, (ratio = fxRatio(fx, m.currency, to)));
  return convertExact(m, to, ratio);
}
