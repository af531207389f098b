import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { importRateCardCsv, type RateCard, type RateCardRowError } from "~/engine/carriers";

/** Reads every `*.csv` rate card in a folder (the shipped samples live in data/rate-cards). */
export function loadRateCards(dir: string): { cards: RateCard[]; errors: { file: string; errors: readonly RateCardRowError[] }[] } {
  const cards: RateCard[] = [];
  const errors: { file: string; errors: readonly RateCardRowError[] }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".csv")).sort()) {
    const result = importRateCardCsv(readFileSync(join(dir, file), "utf8"), basename(file, ".csv"));
    if (result.card) cards.push(result.card);
    else errors.push({ file, errors: result.errors });
  }
  return { cards, errors };
}
