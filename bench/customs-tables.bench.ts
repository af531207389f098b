import { statSync } from "node:fs";
import { join } from "node:path";
import type { BenchFigures } from "./run";
import { loadCustomsTables, loadTariff, TARIFF_COUNTRIES } from "../app/integrations/customs/tables.server";
import { quoteLandedCost, type QuoteInput } from "../app/engine/customs/quote";
import type { FxTable } from "../app/engine/money";

const fx: FxTable = { date: "2026-11-20", source: "bench sample", rates: { EUR: { USD: "1.05", GBP: "0.87" }, USD: { JPY: "150" } } };

/** Median wall and CPU milliseconds of `runs` calls (CPU time is less disturbed by a busy machine). */
function timed(fn: () => void, runs = 5): { wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => Number(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1));
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/** Calls per second of CPU time (the machine is shared: wall-clock rates move with its load). */
function perCpuSecond(fn: () => void, ms = 1000): number {
  const end = performance.now() + ms;
  const c0 = process.cpuUsage();
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  const c = process.cpuUsage(c0);
  return Math.round(n / ((c.user + c.system) / 1e6));
}

/**
 * Start-up of the duty tables, per national tariff (parse + build, median of 5) with the size of
 * each file, and the whole set as the server loads it; the baseline is the US/GB/EU set shipped
 * before the Japan and Australia tables. Quotes per CPU second for a 5-line cart to Japan (9-digit
 * lines, EPA preferences) beside the same cart to Germany from the same run.
 */
export default async function (): Promise<BenchFigures> {
  const figures: BenchFigures = {};
  let baselineCpu = 0;
  for (const country of TARIFF_COUNTRIES) {
    let lines = 0;
    const t = timed(() => (lines = loadTariff(country).lines.size));
    figures[`${country.toLowerCase()}_load_cpu_ms`] = t.cpuMs;
    figures[`${country.toLowerCase()}_lines`] = lines;
    figures[`${country.toLowerCase()}_kb`] = Math.round(statSync(join(process.cwd(), "data", "customs", `tariff-${country}.json`)).size / 1024);
    if (country === "US" || country === "GB" || country === "EU") baselineCpu += t.cpuMs;
  }
  const all = timed(() => loadCustomsTables(fx), 3);
  const tables = loadCustomsTables(fx);

  const lines: QuoteInput["lines"] = [
    { hsCode: "61091000", originCountry: "CN", quantity: 2, unitValue: 2500 },
    { hsCode: "64041100", originCountry: "VN", quantity: 1, unitValue: 8900, proofOfOrigin: true },
    { hsCode: "42022210", originCountry: "IT", quantity: 1, unitValue: 12000, proofOfOrigin: true },
    { hsCode: "71131900", originCountry: "IN", quantity: 1, unitValue: 4500 },
    { hsCode: "34060000", originCountry: "US", quantity: 3, unitValue: 1800 },
  ];
  const cart = (country: string): QuoteInput => ({
    date: "2026-11-20", destination: { country }, shipFrom: "US", currency: "USD", incoterm: "DDP",
    lines, shipping: 2500, insurance: 300, fees: { ddpFee: 500 }, dutyEstimate: "highest",
  });
  const jp = cart("JP");
  const de = cart("DE");
  // Refuses here, not inside the timing, if a line had no rate; both carts warm up alike first.
  for (let i = 0; i < 2_000; i++) {
    quoteLandedCost(jp, tables);
    quoteLandedCost(de, tables);
  }

  return {
    tables_load_ms: all.wallMs,
    tables_load_cpu_ms: all.cpuMs,
    baseline_us_gb_eu_tariffs_cpu_ms: Number(baselineCpu.toFixed(1)),
    ...figures,
    jp_quotes_per_cpu_s: perCpuSecond(() => quoteLandedCost(jp, tables)),
    baseline_de_quotes_per_cpu_s: perCpuSecond(() => quoteLandedCost(de, tables)),
  };
}
