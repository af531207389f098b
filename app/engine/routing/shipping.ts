import { deliveryWindow, type LearnedTransit } from "../carriers/eta";
import { laneKey } from "../carriers/select";
import { priceParcel, type RateCard } from "../carriers/rate-card";
import type { DeliveryWindow } from "../carriers/model";
import { convertExact, fxRatio, money, type FxTable, type Ratio } from "../money";
import type { ServiceOption, ShippingFn } from "./model";

export interface RateCardShippingOptions {
  readonly cards: readonly RateCard[];
  /** The clock, read once per shipment priced. */
  readonly now: () => Date;
  /** Needed when a card's currency differs from the order's. */
  readonly fx?: FxTable;
  /** Countries where duties are collected at checkout (some cards add a DDP handling fee). */
  readonly ddpMarkets?: readonly string[];
  readonly monthlyShipments?: Readonly<Record<string, number>>;
  /** Learned transit per lane, keyed like the rater's (`laneKey`). */
  readonly history?: ReadonlyMap<string, LearnedTransit>;
}

/**
 * Shipping prices and delivery windows from the merchant's rate cards, the same arithmetic as
 * `createRater`, without the ranking the router does itself. Windows depend on the warehouse,
 * the lane and the minute (cutoffs), not on the parcel, so they are computed once per minute.
 */
export function rateCardShipping(options: RateCardShippingOptions): ShippingFn {
  const byOrigin = new Map<string, RateCard[]>();
  for (const card of options.cards) byOrigin.set(card.originCountry, [...(byOrigin.get(card.originCountry) ?? []), card]);
  const windows = new Map<string, DeliveryWindow>();
  // Quotes depend only on the building, the address and the parcel's weight and value, and the
  // router asks for the same ones over and over (every order of one SKU to one country): keep
  // them for the minute, as the windows are.
  const quotes = new Map<string, readonly ServiceOption[]>();
  const ratios = new Map<string, Ratio>();
  const ddp = new Set(options.ddpMarkets ?? []);
  let windowMinute = -1;

  const toCurrency = (amount: number, from: string, to: string) => {
    if (from === to) return amount;
    if (!options.fx) throw new Error(`rate card in ${from} but the order is in ${to}, and no exchange-rate table was given`);
    const key = `${from}>${to}`;
    let r = ratios.get(key);
    if (!r) { r = fxRatio(options.fx, from, to); ratios.set(key, r); }
    return convertExact(money(amount, from), to, r).amount;
  };

  return (draft) => {
    const now = options.now();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== windowMinute) { windows.clear(); quotes.clear(); windowMinute = minute; }
    const destination = draft.destination;
    const quoteKey = `${draft.warehouse.id}|${draft.warehouse.country}|${destination.country}|${destination.postcode ?? ""}|${destination.residential ? 1 : 0}|${draft.grams}|${draft.value}|${draft.currency}`;
    const known = quotes.get(quoteKey);
    if (known) return known;
    const out: ServiceOption[] = [];
    const parcel = { weight: draft.grams, value: money(draft.value, draft.currency) };
    for (const card of byOrigin.get(draft.warehouse.country) ?? []) {
      const outcome = priceParcel(card, parcel, destination, {
        incoterm: ddp.has(destination.country) ? "DDP" : "DAP",
        monthlyShipments: options.monthlyShipments?.[card.carrierId] ?? 0,
      });
      if (!outcome.ok) continue;
      const key = `${draft.warehouse.id}|${card.id}|${destination.country}|${outcome.zone}`;
      let window = windows.get(key);
      if (!window) {
        const lane = card.transit[outcome.zone] ?? { min: 1, max: 1, customsDays: 0 };
        const learned = options.history?.get(laneKey(card.carrierId, card.serviceCode, draft.warehouse.country, destination.country));
        window = deliveryWindow({ now, warehouse: draft.warehouse, destination: { country: destination.country }, lane, learned: learned ?? null });
        windows.set(key, window);
      }
      out.push({
        carrierId: card.carrierId,
        serviceCode: card.serviceCode,
        serviceName: card.serviceName,
        shipping: toCurrency(outcome.total.amount, outcome.total.currency, draft.currency),
        earliestDelivery: window.earliest,
        latestDelivery: window.latest,
      });
    }
    if (quotes.size >= 100_000) quotes.clear();
    quotes.set(quoteKey, out);
    return out;
  };
}
