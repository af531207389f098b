import type { BenchFigures } from "./run";
import { money, multiply } from "../app/engine/money";
import { createRater } from "../app/engine/carriers/select";
import { priceParcel } from "../app/engine/carriers/rate-card";
import { loadRateCards } from "../app/integrations/carriers/rate-cards.server";

/**
 * The rating engine on the sample cards from Berlin: 3 carriers x 3 services (DHL Express, UPS,
 * Deutsche Post), a 5-item cart, DDP with a stand-in landed-cost function, full windows with
 * holiday calendars and ranking. Baseline: pricing the same 9 cards alone, without windows or
 * selection, to show what dates and ranking cost.
 */
export default async function (): Promise<BenchFigures> {
  const { cards } = loadRateCards(new URL("../data/rate-cards", import.meta.url).pathname);
  const fromBerlin = cards.filter((c) => c.originCountry === "DE");
  const rater = createRater({
    cards: fromBerlin,
    warehouses: [{ id: "ber", country: "DE", timeZone: "Europe/Berlin", cutoff: "14:00", handlingDays: 1 }],
    now: () => new Date("2026-06-02T08:00:00Z"),
    rules: { ddpMarkets: ["GB", "US"], noEconomyAbove: money(50_000, "EUR") },
    landedCost: (parcel, _d, { shipping }) => multiply(money(parcel.value.amount + shipping.amount, "EUR"), "0.2"),
  });
  const items = [350, 120, 800, 60, 420].map((grams, i) => ({ grams, quantity: 1 + (i % 2), price: money(1500 + i * 700, "EUR") }));
  const destinations = [{ country: "GB", postcode: "EC1A 1BB" }, { country: "US", postcode: "10001", residential: true }, { country: "FR", postcode: "75001" }];
  const ask = (i: number) => rater.quote({ warehouseId: "ber", destination: destinations[i % 3]!, items, currency: "EUR", box: { lengthMm: 300, widthMm: 250, heightMm: 150 } });
  const services = [ask(0).selection.best!, ...ask(0).selection.alternatives].length + ask(0).selection.excluded.length;

  const run = (fn: (i: number) => void, ms = 1000) => {
    for (let i = 0; i < 200; i++) fn(i);
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) { for (let k = 0; k < 50; k++) fn(n + k); n += 50; }
    return Math.round((n / ms) * 1000);
  };
  const quotes = run(ask);
  const parcel = { weight: 2700, value: money(20_000, "EUR"), dimensions: { lengthMm: 300, widthMm: 250, heightMm: 150 } };
  const priceOnly = run((i) => { for (const c of fromBerlin) priceParcel(c, parcel, destinations[i % 3]!, { incoterm: "DDP", monthlyShipments: 0 }); });
  const latencies: number[] = [];
  for (let i = 0; i < 2000; i++) { const t = performance.now(); ask(i); latencies.push(performance.now() - t); }
  latencies.sort((a, b) => a - b);
  return {
    carriers: 3,
    services_considered: services,
    quotes_per_s: quotes,
    price_only_per_s: priceOnly,
    ratio: Number((quotes / priceOnly).toFixed(4)),
    quote_p99_ms: Number(latencies[Math.floor(latencies.length * 0.99)]!.toFixed(4)),
  };
}
