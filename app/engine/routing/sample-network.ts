import type { RateCard, WeightBreak } from "../carriers/rate-card";
import type { ServiceLevel } from "../carriers/model";
import { COUNTRY_CENTRES } from "./geo";

/**
 * SAMPLE rate cards for the demo shop's warehouses and for routing tests and benchmarks: six
 * services (two per carrier) from any origin, priced by three zones (domestic, same region,
 * rest of the world). Prices and transit days are illustrative, NOT any carrier's tariff, in
 * the spirit of data/rate-cards (which only has Berlin and US origins).
 */
const REGIONS: Readonly<Record<string, string>> = {
  US: "NA", CA: "NA", MX: "NA",
  AU: "APAC", NZ: "APAC", JP: "APAC", KR: "APAC", SG: "APAC", HK: "APAC", CN: "APAC",
};
export const regionOf = (country: string) => REGIONS[country] ?? (["IN", "AE", "IL", "BR", "ZA", "SA", "CL", "CO"].includes(country) ? "WORLD" : "EUROPE");

interface ServiceSpec {
  carrierId: string; carrierName: string; code: string; name: string; level: ServiceLevel;
  /** Major units at 0.5 kg and per extra kg, per zone. */
  price: Record<Zone, [number, number]>;
  transit: Record<Zone, [number, number]>;
  fuel: string;
  maxKg: number;
}
type Zone = "domestic" | "region" | "world";

export const SAMPLE_SERVICES: readonly ServiceSpec[] = [
  { carrierId: "dhl-express", carrierName: "DHL Express", code: "P", name: "DHL Express Worldwide", level: "express", fuel: "12.5", maxKg: 70,
    price: { domestic: [12, 3], region: [28, 6], world: [45, 9] }, transit: { domestic: [1, 1], region: [1, 3], world: [2, 4] } },
  { carrierId: "dhl-express", carrierName: "DHL Express", code: "W", name: "DHL Economy Select", level: "economy", fuel: "8", maxKg: 70,
    price: { domestic: [7, 1.2], region: [14, 3], world: [26, 5] }, transit: { domestic: [2, 4], region: [4, 7], world: [7, 12] } },
  { carrierId: "ups", carrierName: "UPS", code: "07", name: "UPS Worldwide Express", level: "express", fuel: "12.5", maxKg: 70,
    price: { domestic: [13, 2.5], region: [26, 6.5], world: [48, 8] }, transit: { domestic: [1, 2], region: [1, 3], world: [2, 5] } },
  { carrierId: "ups", carrierName: "UPS", code: "11", name: "UPS Standard", level: "standard", fuel: "10", maxKg: 70,
    price: { domestic: [8, 1.5], region: [16, 3.5], world: [32, 6] }, transit: { domestic: [1, 3], region: [3, 5], world: [5, 8] } },
  { carrierId: "post", carrierName: "National post", code: "STD", name: "Postal Standard (tracked)", level: "standard", fuel: "0", maxKg: 20,
    price: { domestic: [6, 1.5], region: [12, 4], world: [20, 7] }, transit: { domestic: [2, 4], region: [4, 8], world: [6, 12] } },
  { carrierId: "post", carrierName: "National post", code: "ECO", name: "Postal Economy", level: "economy", fuel: "0", maxKg: 2,
    price: { domestic: [4, 1], region: [9, 3], world: [14, 5.5] }, transit: { domestic: [3, 6], region: [6, 10], world: [10, 20] } },
];

/** Currency each origin's cards are priced in, and how dear the origin is relative to the table. */
const ORIGINS: Readonly<Record<string, { currency: string; factor: number }>> = {
  US: { currency: "USD", factor: 1 }, CA: { currency: "CAD", factor: 1.35 }, NL: { currency: "EUR", factor: 0.92 },
  GB: { currency: "GBP", factor: 0.8 }, AU: { currency: "AUD", factor: 1.6 }, DE: { currency: "EUR", factor: 0.95 },
};

const BREAKS_KG = [0.5, 1, 2, 5, 10, 20];
const cents = (major: number) => Math.round(major * 100);

export function sampleRateCards(origins: readonly string[]): RateCard[] {
  const cards: RateCard[] = [];
  for (const origin of origins) {
    const o = ORIGINS[origin];
    if (!o) throw new Error(`no sample cards for origin ${origin}`);
    for (const s of SAMPLE_SERVICES) {
      const zoneOf = (country: string): Zone => (country === origin ? "domestic" : regionOf(country) === regionOf(origin) ? "region" : "world");
      const weightBreaks: Record<string, WeightBreak[]> = {};
      const perKgAbove: Record<string, number> = {};
      const transit: Record<string, { min: number; max: number; customsDays: number }> = {};
      for (const zone of ["domestic", "region", "world"] as const) {
        const [base, perKg] = s.price[zone];
        weightBreaks[zone] = BREAKS_KG.filter((kg) => kg <= s.maxKg).map((kg) => ({ upTo: kg * 1000, price: cents((base + perKg * (kg - 0.5)) * o.factor) }));
        perKgAbove[zone] = cents(perKg * o.factor);
        transit[zone] = { min: s.transit[zone][0], max: s.transit[zone][1], customsDays: zone === "world" ? 1 : 0 };
      }
      cards.push({
        id: `sample-${origin.toLowerCase()}-${s.carrierId}-${s.code.toLowerCase()}`,
        carrierId: s.carrierId, carrierName: s.carrierName, serviceCode: s.code, serviceName: s.name, level: s.level,
        originCountry: origin, currency: o.currency, dimDivisor: 5000, fuelPercent: s.fuel,
        remoteAreaFee: 0, residentialFee: 0, ddpHandlingFee: 0,
        zones: Object.keys(COUNTRY_CENTRES).map((country) => ({ country, zone: zoneOf(country) })),
        remoteAreas: [], weightBreaks, perKgAbove, transit, volumeTiers: [], maxWeight: s.maxKg * 1000,
      });
    }
  }
  return cards;
}
