import { describe, expect, it } from "vitest";
import { importRateCardCsv } from "./rate-card-csv";

const HEADER = "record,key,value,zone,country,postcode_from,postcode_to,up_to_kg,price,transit_min,transit_max,customs_days";
const SETTINGS = [
  "setting,carrier_id,acme,,,,,,,,,",
  "setting,carrier_name,Acme Post,,,,,,,,,",
  "setting,service_code,STD,,,,,,,,,",
  "setting,service_name,Acme Standard,,,,,,,,,",
  "setting,level,standard,,,,,,,,,",
  "setting,origin_country,DE,,,,,,,,,",
  "setting,currency,EUR,,,,,,,,,",
  "setting,dim_divisor,6000,,,,,,,,,",
];

describe("rate-card CSV import", () => {
  it("reads a valid card with comments, postcode zones and tiers", () => {
    const csv = ["# sample", HEADER, ...SETTINGS,
      "zone,,,A,FR,,,,,2,3,0", "zone,,,B,FR,20000,20999,,,3,5,0",
      "rate,,,A,,,,1,5.50,,,", "rate,,,A,,,,0.5,4.10,,,", "rate,,,B,,,,1,9.00,,,", "tier,100,3,,,,,,,,,"].join("\n");
    const { card, errors } = importRateCardCsv(csv, "acme-std");
    expect(errors).toEqual([]);
    expect(card?.weightBreaks.A).toEqual([{ upTo: 500, price: 410 }, { upTo: 1000, price: 550 }]);
    expect(card?.zones).toContainEqual({ zone: "B", country: "FR", postcodeFrom: "20000", postcodeTo: "20999" });
    expect(card?.transit.B).toEqual({ min: 3, max: 5, customsDays: 0 });
    expect(card?.volumeTiers).toEqual([{ minMonthlyShipments: 100, discountPercent: "3" }]);
  });

  it("reports every bad row with its line and column, and returns no card", () => {
    const csv = [HEADER, ...SETTINGS,                 // lines 1-9
      "zone,,,A,France,,,,,2,3,0",                    // 10: country not ISO
      "zone,,,A,FR,,,,,4,2,0",                        // 11: transit backwards
      "rate,,,A,,,,1,5,50,,,,",                       // 12: decimal comma splits the price into two columns
      "rate,,,A,,,,half,5.00,,,",                     // 13: weight not a number
      "rate,,,A,,,,2,€7.00,,,",                       // 14: price with a symbol
      "remote,,,,GB,HS,,,,,,",                        // 15: half a postcode range
      "tier,lots,5,,,,,,,,,",                         // 16: tier threshold not a number
      "surcharge,,,,,,,,,,,",                         // 17: unknown record
    ].join("\n");
    const { card, errors } = importRateCardCsv(csv, "broken");
    expect(card).toBeNull();
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [null, "zone"], // every rate row of zone A was refused, so the card as a whole has none
      [10, "country"],
      [11, "transit_max"],
      [12, undefined],
      [13, "up_to_kg"],
      [14, "price"],
      [15, "postcode_to"],
      [16, "key"],
      [17, "record"],
    ]);
    expect(errors[5]!.message).toBe('"€7.00" is not an amount (use digits and a dot, e.g. 12.50)');
  });

  it("names missing settings and zones without rates at card level", () => {
    const csv = [HEADER, ...SETTINGS.filter((s) => !s.includes("currency")), "zone,,,A,FR,,,,,2,3,0"].join("\n");
    const { errors } = importRateCardCsv(csv, "x");
    expect(errors).toEqual([
      { line: null, column: "key", message: 'setting "currency" is required' },
      { line: null, column: "zone", message: "zone A has no rate rows" },
    ]);
  });

  it("rejects a file whose header lacks the rate-card columns", () => {
    const { card, errors } = importRateCardCsv("country,price\nFR,5.00\n", "x");
    expect(card).toBeNull();
    expect(errors[0]!.message).toContain("header is missing record, key, value");
  });
});
