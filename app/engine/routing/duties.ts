import { convertExact, fxRatio, money, toMajorString, type Ratio } from "../money";
import { CustomsError } from "../customs/errors";
import { quoteLandedCost, type CustomsTables } from "../customs/quote";
import { EU_COUNTRIES, type SellerRegistrations } from "../customs/rules";
import type { DutiesFn, ShipmentDraft } from "./model";

export interface CustomsDutiesOptions {
  /** Import date the rules are read for, YYYY-MM-DD (the caller's today). */
  readonly date: string;
  /** Countries where the merchant collects duties at checkout (DDP); elsewhere DAP. */
  readonly ddpMarkets?: readonly string[];
  readonly seller?: SellerRegistrations;
}

/** Customs territory a country belongs to: the EU is one, every other country its own. */
export function customsTerritory(country: string): string {
  return EU_COUNTRIES.has(country) ? "EU" : country;
}

/**
 * Duties and taxes a shipment leaves unrecovered, from the customs engine.
 *
 * - Inside one customs territory from an ordinary warehouse: nothing; the duty was paid when the
 *   stock entered, whichever order it ends up in, so it does not depend on the route.
 * - Inside one territory from a bonded warehouse: the goods are released for free circulation
 *   when they leave for the buyer, so the import duty (from the goods' origin) falls due then.
 *   The VAT of that release is recovered by the registered importer, so only duty counts.
 * - Across a border: duty, fees and import VAT charged at the border, whoever pays them (a DAP
 *   buyer who is asked for them at the door refuses parcels). VAT collected at sale under IOSS
 *   or the UK/AU schemes is the sale's ordinary VAT, due wherever the parcel comes from, so it
 *   is not a routing cost. A bonded warehouse's territory never charges duty on such goods.
 */
export function customsDuties(tables: CustomsTables, options: CustomsDutiesOptions): DutiesFn {
  const ddp = new Set(options.ddpMarkets ?? []);
  const cache = new Map<string, { amount: number; reason: string }>();
  const ratios = new Map<string, Ratio>();
  const back = (amount: number, from: string, to: string) => {
    if (from === to || amount === 0) return amount;
    const key = `${from}>${to}`;
    let r = ratios.get(key);
    if (!r) { r = fxRatio(tables.fx, from, to); ratios.set(key, r); }
    return convertExact(money(amount, from), to, r).amount;
  };

  const assess = (draft: ShipmentDraft, shipping: number) => {
    const from = draft.warehouse.country;
    const to = draft.destination.country;
    const sameTerritory = customsTerritory(from) === customsTerritory(to);
    const bonded = draft.warehouse.kind === "bonded";
    if (sameTerritory && !bonded) return { amount: 0, reason: `no border to ${to}: duty was settled when the stock entered ${customsTerritory(from)}` };
    const dutiable = sameTerritory ? draft.lines.filter((l) => customsTerritory(l.originCountry) !== customsTerritory(to)) : draft.lines;
    if (dutiable.length === 0) return { amount: 0, reason: `released from bond into ${customsTerritory(to)}: goods of ${customsTerritory(to)} origin owe no duty` };
    const q = quoteLandedCost({
      date: options.date,
      destination: { country: to },
      // A release from bond is an import from where the goods were made.
      shipFrom: sameTerritory ? dutiable[0]!.originCountry : from,
      currency: draft.currency,
      lines: dutiable.map((l) => ({ sku: l.sku, hsCode: l.hsCode, originCountry: l.originCountry, quantity: l.quantity, unitValue: l.unitValue, netWeightGrams: l.unitGrams })),
      shipping,
      incoterm: ddp.has(to) ? "DDP" : "DAP",
      seller: options.seller,
      dutyEstimate: "highest",
    }, tables);
    const D = q.currency;
    if (sameTerritory) {
      const duty = back(q.totals.duty.amount, D, draft.currency);
      return { amount: duty, reason: `bonded: duty ${toMajorString(money(duty, draft.currency))} ${draft.currency} due on release into ${customsTerritory(to)} (${q.regime})` };
    }
    const unrecovered = q.totals.duty.amount + q.totals.fees.amount + (q.taxCollectedAtSale ? 0 : q.totals.tax.amount);
    const amount = back(unrecovered, D, draft.currency);
    const what = q.taxCollectedAtSale ? `duty and fees (${q.taxName} collected at sale)` : `duty, fees and import ${q.taxName}`;
    return { amount, reason: `${from} -> ${to} crosses a customs border: ${what} ${toMajorString(money(amount, draft.currency))} ${draft.currency}${bonded ? ", none in the bonded warehouse's territory" : ""} (${q.regime})` };
  };

  return (draft, service) => {
    const key = `${draft.warehouse.id}|${draft.destination.country}|${service.shipping}|${draft.lines.map((l) => `${l.sku}*${l.quantity}@${l.unitValue}`).join(",")}`;
    let hit = cache.get(key);
    if (!hit) {
      try {
        hit = assess(draft, service.shipping);
      } catch (e) {
        if (!(e instanceof CustomsError)) throw e;
        // A destination the customs tables do not cover stays routable; the reason says the
        // candidate's duties are unknown so the merchant sees it on the order page.
        hit = { amount: 0, reason: `duties not priced: ${e.message}` };
      }
      if (cache.size > 50_000) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
}
