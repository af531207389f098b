import { priceParcel, type RateCard } from "../carriers/rate-card";
import { convert, type FxTable, type Money } from "../money";
import type { Grams } from "../units";
import type { ReturnDestination } from "./routing";

export interface LabelQuote {
  readonly card: RateCard;
  /** In the card's currency. */
  readonly price: Money;
  /** In the shop's currency. */
  readonly shopPrice: Money;
}

/**
 * Prices prepaid return labels from return rate cards. A return label is billed to the account
 * of the receiving site (DHL Express Import, UPS Returns, PostNL and Royal Mail return contracts
 * work that way), so a card's `originCountry` is the country the parcel goes TO and its zones
 * are the countries it comes FROM. The cheapest card that serves the lane wins.
 */
export function createReturnLabelPricer(cards: readonly RateCard[], fx: FxTable, currency: string) {
  const byCountry = new Map<string, RateCard[]>();
  for (const card of cards) byCountry.set(card.originCountry, [...(byCountry.get(card.originCountry) ?? []), card]);
  // The same lane and weight price the same: routing asks for each destination of each item.
  const memo = new Map<string, LabelQuote | null>();
  const quote = (from: { country: string; postcode?: string | null }, to: Pick<ReturnDestination, "country">, weight: Grams): LabelQuote | null => {
    const key = `${from.country}|${from.postcode ?? ""}|${to.country}|${weight}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (memo.size > 50_000) memo.clear();
    const best = priceLane(from, to, weight);
    memo.set(key, best);
    return best;
  };
  const priceLane = (from: { country: string; postcode?: string | null }, to: Pick<ReturnDestination, "country">, weight: Grams): LabelQuote | null => {
    let best: LabelQuote | null = null;
    for (const card of byCountry.get(to.country) ?? []) {
      const outcome = priceParcel(card, { weight: Math.max(weight, 1), value: { amount: 0, currency: card.currency } }, { country: from.country, postcode: from.postcode ?? undefined }, { incoterm: "DAP", monthlyShipments: 0 });
      if (!outcome.ok) continue;
      const shopPrice = convert(outcome.total, currency, fx);
      if (!best || shopPrice.amount < best.shopPrice.amount) best = { card, price: outcome.total, shopPrice };
    }
    return best;
  };
  return { quote, cost: (from: { country: string; postcode?: string | null }, to: ReturnDestination, weight: Grams) => quote(from, to, weight)?.shopPrice ?? null };
}
