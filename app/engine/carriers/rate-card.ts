import { add, money, mulRatio, ratioOf, type Money, type Ratio } from "../money";
import { chargeableWeight, type Grams } from "../units";
import type { ChargeLine, Destination, Parcel, ServiceLevel } from "./model";

/**
 * A carrier's price list for one service from one origin country: the shape of a negotiated
 * contract or a postal tariff. Amounts are integer minor units of `currency`.
 */
export interface RateCard {
  readonly id: string;
  readonly carrierId: string;
  readonly carrierName: string;
  readonly serviceCode: string;
  readonly serviceName: string;
  readonly level: ServiceLevel;
  readonly originCountry: string;
  readonly currency: string;
  /** cm3 per kg; 5000 for DHL Express and UPS international, 6000 for many posts. */
  readonly dimDivisor: number;
  /** Fuel surcharge as a decimal string percentage ("18.5"), applied to base + per-kg. */
  readonly fuelPercent: string;
  readonly remoteAreaFee: number;
  readonly residentialFee: number;
  readonly ddpHandlingFee: number;
  readonly zones: readonly ZoneRule[];
  readonly remoteAreas: readonly PostcodeArea[];
  /** Per zone, ascending by weight. */
  readonly weightBreaks: Readonly<Record<string, readonly WeightBreak[]>>;
  /** Per zone, charged per started kg above the last break. */
  readonly perKgAbove: Readonly<Record<string, number>>;
  readonly transit: Readonly<Record<string, { readonly min: number; readonly max: number; readonly customsDays: number }>>;
  /** Ascending by minimum monthly shipments. */
  readonly volumeTiers: readonly VolumeTier[];
  /** Heaviest parcel the service takes, if the card says. */
  readonly maxWeight?: Grams;
}

export interface PostcodeArea {
  readonly country: string;
  /** Inclusive bounds compared on the postcode's first characters; absent = the whole country. */
  readonly postcodeFrom?: string;
  readonly postcodeTo?: string;
}

export interface ZoneRule extends PostcodeArea {
  readonly zone: string;
}

export interface WeightBreak {
  readonly upTo: Grams;
  readonly price: number;
}

export interface VolumeTier {
  readonly minMonthlyShipments: number;
  /** Discount on the base and weight charges, decimal string percentage ("8"). */
  readonly discountPercent: string;
}

export type PriceOutcome =
  | { readonly ok: true; readonly total: Money; readonly charges: readonly ChargeLine[]; readonly chargeableWeight: Grams; readonly zone: string }
  | { readonly ok: false; readonly reason: string };

export interface PriceOptions {
  readonly incoterm: "DDP" | "DAP";
  /** The merchant's shipments with this carrier last month (drives volume tiers). */
  readonly monthlyShipments: number;
}

// Percentages as exact fractions, parsed once per distinct text: every quote prices every card, and
// decimal.js allocated on each of those multiplications.
const percentRatios = new Map<string, Ratio>();
function percentRatio(percent: string): Ratio {
  let r = percentRatios.get(percent);
  if (!r) {
    const base = ratioOf(percent);
    r = { num: base.num, den: base.den * 100n };
    percentRatios.set(percent, r);
  }
  return r;
}

/** Upper-cases and strips spaces and dashes: "sw1a 1aa" and "SW1A-1AA" are the same postcode. */
export function normalisePostcode(postcode: string): string {
  return postcode.toUpperCase().replace(/[\s-]/g, "");
}

/**
 * Whether a postcode falls in an area. Bounds are compared on as many leading characters as the
 * bound has, so "HS" matches every Outer Hebrides postcode and "99500"-"99999" the Alaskan ZIPs.
 */
export function inPostcodeArea(area: PostcodeArea, country: string, postcode: string | undefined): boolean {
  if (area.country !== country) return false;
  if (area.postcodeFrom === undefined && area.postcodeTo === undefined) return true;
  if (!postcode) return false;
  const p = normalisePostcode(postcode);
  const from = area.postcodeFrom ?? "";
  const to = area.postcodeTo ?? area.postcodeFrom ?? "";
  const lowOk = p.slice(0, from.length) >= from;
  const highOk = p.slice(0, to.length) <= to;
  return lowOk && highOk;
}

/** The zone a destination falls in: a postcode-range rule beats a whole-country rule. */
export function zoneFor(card: Pick<RateCard, "zones">, destination: Destination): string | undefined {
  let countryZone: string | undefined;
  for (const rule of card.zones) {
    if (rule.country !== destination.country) continue;
    const whole = rule.postcodeFrom === undefined && rule.postcodeTo === undefined;
    if (whole) countryZone ??= rule.zone;
    else if (inPostcodeArea(rule, destination.country, destination.postcode)) return rule.zone;
  }
  return countryZone;
}

export function isRemoteArea(card: Pick<RateCard, "remoteAreas">, destination: Destination): boolean {
  return card.remoteAreas.some((a) => inPostcodeArea(a, destination.country, destination.postcode));
}

/** The tier that applies to a monthly volume: the highest whose minimum it reaches. */
export function volumeTierFor(tiers: readonly VolumeTier[], monthlyShipments: number): VolumeTier | undefined {
  let found: VolumeTier | undefined;
  for (const t of tiers) if (monthlyShipments >= t.minMonthlyShipments) found = t;
  return found;
}

/**
 * Prices one parcel on a card. Order follows how express contracts bill: weight charge on the
 * chargeable weight, volume discount on that, fuel on the discounted transport charge, then the
 * flat surcharges (remote area, residential, DDP handling), which carriers do not discount.
 */
export function priceParcel(card: RateCard, parcel: Parcel, destination: Destination, options: PriceOptions): PriceOutcome {
  const zone = zoneFor(card, destination);
  if (!zone) return { ok: false, reason: `${card.serviceName} does not serve ${destination.country}` };
  const breaks = card.weightBreaks[zone];
  if (!breaks || breaks.length === 0) return { ok: false, reason: `zone ${zone} has no weight breaks` };
  const weight = chargeableWeight(parcel.weight, parcel.dimensions, card.dimDivisor);
  if (card.maxWeight !== undefined && weight > card.maxWeight) {
    return { ok: false, reason: `${weight} g chargeable is above the ${card.maxWeight} g limit of ${card.serviceName}` };
  }
  const c = card.currency;
  const charges: ChargeLine[] = [];
  const fitting = breaks.find((b) => weight <= b.upTo);
  if (fitting) {
    charges.push({ kind: "base", amount: money(fitting.price, c), note: `zone ${zone}, up to ${fitting.upTo / 1000} kg` });
  } else {
    const last = breaks[breaks.length - 1]!;
    const perKg = card.perKgAbove[zone];
    if (perKg === undefined) return { ok: false, reason: `${weight} g is above the last weight break of zone ${zone}` };
    const extraKg = Math.ceil((weight - last.upTo) / 1000);
    charges.push({ kind: "base", amount: money(last.price, c), note: `zone ${zone}, up to ${last.upTo / 1000} kg` });
    charges.push({ kind: "per-kg", amount: money(perKg * extraKg, c), note: `${extraKg} kg above ${last.upTo / 1000} kg` });
  }
  let transport = charges.reduce((t, l) => add(t, l.amount), money(0, c));
  const tier = volumeTierFor(card.volumeTiers, options.monthlyShipments);
  const discountShare = tier ? percentRatio(tier.discountPercent) : null;
  if (tier && discountShare && discountShare.num > 0n) {
    // Rounded half away from zero on the positive amount, then negated: the same cent as rounding the negative discount.
    const discount = money(-mulRatio(transport.amount, discountShare, "half-up"), c);
    charges.push({ kind: "volume-discount", amount: discount, note: `${tier.discountPercent}% from ${tier.minMonthlyShipments} shipments a month` });
    transport = add(transport, discount);
  }
  const fuelShare = percentRatio(card.fuelPercent);
  if (fuelShare.num > 0n) {
    const fuel = money(mulRatio(transport.amount, fuelShare, "half-up"), c);
    charges.push({ kind: "fuel", amount: fuel, note: `fuel ${card.fuelPercent}%` });
  }
  if (card.remoteAreaFee > 0 && isRemoteArea(card, destination)) {
    charges.push({ kind: "remote-area", amount: money(card.remoteAreaFee, c), note: "remote-area delivery" });
  }
  if (card.residentialFee > 0 && destination.residential) {
    charges.push({ kind: "residential", amount: money(card.residentialFee, c), note: "residential delivery" });
  }
  if (options.incoterm === "DDP" && card.ddpHandlingFee > 0) {
    charges.push({ kind: "ddp-handling", amount: money(card.ddpHandlingFee, c), note: "duties paid by shipper (DDP) handling" });
  }
  const total = charges.reduce((t, l) => add(t, l.amount), money(0, c));
  return { ok: true, total, charges, chargeableWeight: weight, zone };
}
