import type { BenchFigures } from "./run";
import { convert, money, multiply, sum, type FxTable } from "../app/engine/money";

const table: FxTable = { date: "2026-11-20", source: "sample", rates: { EUR: { USD: "1.05", GBP: "0.87" } } };

function rate(fn: () => void, ms = 300): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return Math.round((n / ms) * 1000);
}

/** Decimal-backed money arithmetic against plain float arithmetic, the cost of exactness. */
export default async function (): Promise<BenchFigures> {
  const lines = Array.from({ length: 5 }, (_, i) => money(1999 + i, "EUR"));
  const exact = rate(() => {
    const duty = lines.map((l) => multiply(l, "0.12"));
    convert(sum(duty, "EUR"), "USD", table);
  });
  const float = rate(() => {
    let t = 0;
    for (const l of lines) t += Math.round(l.amount * 0.12);
    Math.round(t * 1.05);
  });
  return { exact_per_s: exact, float_per_s: float, ratio: Number((exact / float).toFixed(4)) };
}
