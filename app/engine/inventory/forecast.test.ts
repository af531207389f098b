import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  averageDemandInterval, backtest, candidateMethods, croston, forecastDemand, holtWinters, normalQuantile,
  seasonalNaive, selectMethod, tsb,
} from "./forecast";
import { parseMonthlySeries } from "./public-series";

// U.S. Census Bureau, Advance Retail Sales: Retail Trade (RSXFSN), monthly, not seasonally
// adjusted, 1992-01..2024-02 (public domain; see data/SOURCES.md).
const retail = parseMonthlySeries(readFileSync(new URL("../../../data/demand/us-retail-sales-rsxfsn.csv", import.meta.url), "utf8"));

describe("forecast building blocks", () => {
  it("normal quantiles match the tables", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });

  it("seasonal naive repeats the last season and widens a season later", () => {
    const f = seasonalNaive([1, 2, 3, 4, 2, 3, 4, 5], { seasonLength: 4, horizon: 6 });
    expect(f.mean).toEqual([2, 3, 4, 5, 2, 3]);
    expect(f.upper[4]! - f.mean[4]!).toBeGreaterThan(f.upper[0]! - f.mean[0]!);
  });

  it("Holt-Winters recovers a clean trend plus season and keeps the interval tight", () => {
    const pattern = [10, -5, 20, -25];
    const series = Array.from({ length: 40 }, (_, t) => 200 + 3 * t + pattern[t % 4]!);
    const f = holtWinters(series, { seasonLength: 4, horizon: 4 });
    const truth = [40, 41, 42, 43].map((t) => 200 + 3 * t + pattern[t % 4]!);
    f.mean.forEach((v, i) => expect(Math.abs(v - truth[i]!)).toBeLessThan(3));
    f.mean.forEach((v, i) => expect(f.upper[i]! - v).toBeLessThan(10));
  });

  it("Croston forecasts size over interval for regular lumpy demand, SBA slightly less", () => {
    // 8 units every 4th period, from the first: size 8, interval 4 whatever the smoothing.
    const series = Array.from({ length: 40 }, (_, t) => (t % 4 === 3 ? 8 : 0));
    expect(averageDemandInterval(series)).toBe(4);
    const plain = croston(series, { seasonLength: 1, horizon: 3 });
    expect(plain.mean).toEqual([2, 2, 2]);
    const sba = croston(series, { seasonLength: 1, horizon: 3, variant: "sba" });
    expect(sba.mean[0]).toBeLessThan(2);
    expect(sba.mean[0]).toBeGreaterThanOrEqual(2 * (1 - 0.3 / 2));
    expect(plain.lower.every((v) => v >= 0)).toBe(true);
  });

  it("TSB lets an item that stopped selling decay where Croston holds on", () => {
    const series = [...Array.from({ length: 30 }, (_, t) => (t % 3 === 0 ? 6 : 0)), ...new Array(24).fill(0)];
    const c = croston(series, { seasonLength: 1, horizon: 1 });
    const t = tsb(series, { seasonLength: 1, horizon: 1 });
    expect(c.mean[0]).toBeGreaterThan(1);
    expect(t.mean[0]).toBeLessThan(c.mean[0]! / 2);
  });

  it("refuses negative or non-numeric demand with a clear message", () => {
    expect(() => forecastDemand([1, -2, 3], { seasonLength: 1, horizon: 2 })).toThrow(/demand must be finite and >= 0/);
    expect(() => forecastDemand([1, Number.NaN], { seasonLength: 1, horizon: 2 })).toThrow(RangeError);
    expect(() => forecastDemand([], { seasonLength: 1, horizon: 2 })).toThrow(/empty/);
  });
});

describe("selection by backtest", () => {
  it("offers intermittent methods for slow movers and seasonal ones for regular sellers", () => {
    expect(candidateMethods([0, 0, 3, 0, 0, 0, 1, 0], 1)).toEqual(["croston", "sba", "tsb", "ses"]);
    expect(candidateMethods(retail.values, 12)).toContain("holt-winters-log");
  });

  it("picks a seasonal model for US retail sales and beats seasonal naive on rolling origins (public data)", () => {
    const options = { seasonLength: 12, horizon: 12, origins: 8, step: 12 };
    const auto = backtest(retail.values, "auto", options);
    const naive = backtest(retail.values, "seasonal-naive", options);
    expect(auto.forecasts).toBe(96);
    // Relative MASE (auto / seasonal naive) on 2016-2024 origins: measured 0.51; the target is 0.9.
    expect(auto.mase / naive.mase).toBeLessThanOrEqual(0.9);
    expect(selectMethod(retail.values, options).method).toMatch(/^holt-winters/);
  });

  it("80% intervals cover most of the public series' next-year outcomes", () => {
    let inside = 0;
    let total = 0;
    for (let k = 1; k <= 8; k++) {
      const origin = retail.values.length - 12 * k;
      const f = forecastDemand(retail.values.slice(0, origin), { seasonLength: 12, horizon: 12, level: 0.8 });
      retail.values.slice(origin, origin + 12).forEach((actual, i) => {
        total++;
        if (actual >= f.lower[i]! && actual <= f.upper[i]!) inside++;
      });
    }
    // Coverage is judged loosely: 2020 (lockdowns) is outside any model's experience.
    expect(inside / total).toBeGreaterThan(0.6);
    expect(inside / total).toBeLessThanOrEqual(1);
  });
});
