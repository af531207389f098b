import { describe, expect, it } from "vitest";
import { parseDuty } from "./duty";

// Every expression below is copied from the shipped tariff files (US HTS 2026, UKGT, EU CET, JP, AU).
describe("parsing duty expressions from the tariffs", () => {
  it.each([
    ["Free", "USD", 0n, 1n, []],
    ["16.5%", "USD", 165n, 1000n, []],
    ["12.0%", "EUR", 120n, 1000n, []],
    ["6.3¢/liter", "USD", 0n, 1n, [{ micros: 63_000, currency: "USD", per: "l" }]],
    ["0.9¢ each", "USD", 0n, 1n, [{ micros: 9_000, currency: "USD", per: "item" }]],
    ["$1.865/kg + 8.5%", "USD", 85n, 1000n, [{ micros: 1_865_000, currency: "USD", per: "kg" }]],
    ["32.00 EUR / hl", "EUR", 0n, 1n, [{ micros: 32_000_000, currency: "EUR", per: "hl" }]],
    ["12.80% + 176.80 EUR / 100 kg", "EUR", 1280n, 10000n, [{ micros: 176_800_000, currency: "EUR", per: "100kg" }]],
    ["10.00% + 77.00 GBP/100kg", "GBP", 1000n, 10000n, [{ micros: 77_000_000, currency: "GBP", per: "100kg" }]],
    ["43.00 GBP/1000 items", "GBP", 0n, 1n, [{ micros: 43_000_000, currency: "GBP", per: "1000items" }]],
    ["119 JPY/kg", "JPY", 0n, 1n, [{ micros: 119_000_000, currency: "JPY", per: "kg" }]],
    ["0.526 AUD/l", "AUD", 0n, 1n, [{ micros: 526_000, currency: "AUD", per: "l" }]],
  ])("%s", (raw, currency, num, den, specific) => {
    const d = parseDuty(raw, currency);
    expect(d.unsupported).toBeUndefined();
    expect(d.adValorem.num * den).toBe(num * d.adValorem.den);
    expect(d.specific).toEqual(specific);
  });

  it.each([["Entry Price", "EUR"], ["1.75 EUR / % vol / hl", "EUR"], ["9.00% +  EA MAX 18.70%  + ADSZ", "EUR"], ["32.00 EUR / hl", "GBP"], ["$107.99/L of alcohol", "AUD"], ["general 9.80円/kg; WTO *(55円/kg)", "JPY"]])(
    "keeps %s as unsupported rather than guessing",
    (raw, currency) => {
      expect(parseDuty(raw, currency).unsupported).toBe(raw.trim());
    },
  );
});
