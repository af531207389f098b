import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { money } from "../money";
import { dimensionalWeight } from "../units";
import { importRateCardCsv } from "./rate-card-csv";
import { inPostcodeArea, isRemoteArea, priceParcel, volumeTierFor, zoneFor, type RateCard } from "./rate-card";

function sample(name: string): RateCard {
  const result = importRateCardCsv(readFileSync(`data/rate-cards/${name}.csv`, "utf8"), name);
  if (!result.card) throw new Error(JSON.stringify(result.errors));
  return result.card;
}

const ups = sample("ups-worldwide-express");
const dhl = sample("dhl-express-worldwide");
const value = money(12_000, "EUR");
const dap = { incoterm: "DAP" as const, monthlyShipments: 0 };

describe("dimensional weight", () => {
  it("uses the carrier divisor: 40x30x20 cm is 4.8 kg at 5000 and 4 kg at 6000", () => {
    const box = { lengthMm: 400, widthMm: 300, heightMm: 200 };
    expect(dimensionalWeight(box, 5000)).toBe(4800);
    expect(dimensionalWeight(box, 6000)).toBe(4000);
  });

  it("prices a light, bulky parcel on its volume, not its scale weight", () => {
    const box = { lengthMm: 400, widthMm: 300, heightMm: 200 };
    const light = priceParcel(dhl, { weight: 1200, dimensions: box, value }, { country: "FR" }, dap);
    const heavyAsVolume = priceParcel(dhl, { weight: 4800, value }, { country: "FR" }, dap);
    expect(light.ok && light.chargeableWeight).toBe(4800);
    expect(light.ok && heavyAsVolume.ok && light.total.amount).toBe(heavyAsVolume.ok && heavyAsVolume.total.amount);
  });

  it("the same box costs less chargeable weight on a postal card with a 6000 divisor", () => {
    const post = sample("deutsche-post-paket-international");
    const box = { lengthMm: 400, widthMm: 300, heightMm: 200 };
    const r = priceParcel(post, { weight: 1200, dimensions: box, value }, { country: "FR" }, dap);
    expect(r.ok && r.chargeableWeight).toBe(4000);
  });
});

describe("zone lookup", () => {
  it.each([
    ["FR", undefined, "1"],
    ["IT", undefined, "2"],
    ["GB", "SW1A 1AA", "2"],
    ["US", "10001", "3"],
    ["US", "99501", "4"], // Anchorage: Alaska ZIPs are zoned apart from the mainland
    ["US", "96813", "4"], // Honolulu
    ["US", undefined, "3"],
    ["JP", "100-0001", "4"],
  ])("%s %s is zone %s", (country, postcode, zone) => {
    expect(zoneFor(ups, { country, ...(postcode ? { postcode } : {}) })).toBe(zone);
  });

  it("an unserved country has no zone and no price", () => {
    expect(zoneFor(ups, { country: "BR" })).toBeUndefined();
    const r = priceParcel(ups, { weight: 500, value }, { country: "BR" }, dap);
    expect(r).toEqual({ ok: false, reason: "UPS Worldwide Express does not serve BR" });
  });

  it("compares postcode ranges on the bound's length, ignoring case and spaces", () => {
    expect(inPostcodeArea({ country: "GB", postcodeFrom: "KW15", postcodeTo: "KW17" }, "GB", "kw16 3aa")).toBe(true);
    expect(inPostcodeArea({ country: "GB", postcodeFrom: "KW15", postcodeTo: "KW17" }, "GB", "KW1 4AA")).toBe(false);
    expect(inPostcodeArea({ country: "GB", postcodeFrom: "HS", postcodeTo: "HS" }, "GB", "HS1 2AB")).toBe(true);
    expect(inPostcodeArea({ country: "GB", postcodeFrom: "HS", postcodeTo: "HS" }, "IE", "HS1 2AB")).toBe(false);
  });
});

describe("surcharges", () => {
  it("adds fuel on the transport charge, then remote-area, residential and DDP fees", () => {
    // UPS sample: zone 2 up to 1 kg is 48.10 EUR; fuel 21.75%; remote 29.50; residential 4.20; DDP 12.00.
    const r = priceParcel(ups, { weight: 900, value }, { country: "GB", postcode: "HS1 2AB", residential: true }, { incoterm: "DDP", monthlyShipments: 0 });
    if (!r.ok) throw new Error(r.reason);
    const byKind = Object.fromEntries(r.charges.map((c) => [c.kind, c.amount.amount]));
    expect(byKind).toEqual({ base: 4810, fuel: 1046, "remote-area": 2950, residential: 420, "ddp-handling": 1200 });
    expect(r.total).toEqual(money(4810 + 1046 + 2950 + 420 + 1200, "EUR"));
  });

  it("charges no remote or residential fee to a business address on the mainland, and no DDP fee under DAP", () => {
    const r = priceParcel(ups, { weight: 900, value }, { country: "GB", postcode: "SW1A 1AA" }, dap);
    expect(r.ok && r.charges.map((c) => c.kind)).toEqual(["base", "fuel"]);
    expect(isRemoteArea(ups, { country: "GB", postcode: "SW1A 1AA" })).toBe(false);
  });

  it("charges each started kg above the last weight break", () => {
    // DHL sample zone 1: 30 kg break 36.00 + 2.6*59*0.85 -> 160.29; per kg above 30 is 4.42.
    const r = priceParcel(dhl, { weight: 32_200, value }, { country: "FR" }, dap);
    if (!r.ok) throw new Error(r.reason);
    expect(r.charges.find((c) => c.kind === "per-kg")).toMatchObject({ amount: money(3 * 442, "EUR"), note: "3 kg above 30 kg" });
  });

  it("refuses a parcel above the service's weight limit", () => {
    const warenpost = sample("deutsche-post-warenpost");
    const r = priceParcel(warenpost, { weight: 1500, value }, { country: "FR" }, dap);
    expect(r.ok).toBe(false);
  });
});

describe("volume tiers", () => {
  it("applies the highest tier the merchant's monthly volume reaches", () => {
    expect(volumeTierFor(ups.volumeTiers, 199)).toBeUndefined();
    expect(volumeTierFor(ups.volumeTiers, 200)?.discountPercent).toBe("4");
    expect(volumeTierFor(ups.volumeTiers, 4999)?.discountPercent).toBe("9");
    expect(volumeTierFor(ups.volumeTiers, 12_000)?.discountPercent).toBe("14");
  });

  it("discounts the weight charge before fuel, and not the flat surcharges", () => {
    const dest = { country: "GB", postcode: "HS1 2AB" };
    const list = priceParcel(ups, { weight: 900, value }, dest, dap);
    const tiered = priceParcel(ups, { weight: 900, value }, dest, { incoterm: "DAP", monthlyShipments: 1200 });
    if (!list.ok || !tiered.ok) throw new Error("unpriced");
    const kinds = (r: typeof tiered) => Object.fromEntries(r.charges.map((c) => [c.kind, c.amount.amount]));
    // 9% of 48.10 = 4.33 (half-up); fuel 21.75% of 43.77 = 9.52.
    expect(kinds(tiered)).toEqual({ base: 4810, "volume-discount": -433, fuel: 952, "remote-area": 2950 });
    expect(kinds(list)["remote-area"]).toBe(kinds(tiered)["remote-area"]);
  });
});
