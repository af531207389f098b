/**
 * Loads the shipped customs tables from data/ (the project's data folder, resolved from the working
 * directory so the built server finds it too). The engine itself takes the tables as arguments.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { buildNomenclature, type Nomenclature } from "../../engine/customs/hs";
import { buildTariff, type ExtraDutyTable, type TariffTable } from "../../engine/customs/tariff";
import type { CustomsTables } from "../../engine/customs/quote";
import type { FxTable } from "../../engine/money";

const DATA = join(process.cwd(), "data");

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) through csv-parse. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

export function loadNomenclature(dir = DATA): Nomenclature {
  const rows = parseCsv(readFileSync(join(dir, "hs", "hs2022.csv"), "utf8"));
  return buildNomenclature(rows.slice(1));
}

/** Countries with a shipped national tariff (data/customs/tariff-<country>.json). */
export const TARIFF_COUNTRIES = ["US", "GB", "EU", "JP", "AU"] as const;

export function loadTariff(country: string, dir = DATA): TariffTable {
  return buildTariff(JSON.parse(readFileSync(join(dir, "customs", `tariff-${country}.json`), "utf8")));
}

export function loadSection301(dir = DATA): ExtraDutyTable {
  return JSON.parse(readFileSync(join(dir, "customs", "us-section301.json"), "utf8")) as ExtraDutyTable;
}

export function loadCustomsTables(fx: FxTable, dir = DATA): CustomsTables {
  return {
    nomenclature: loadNomenclature(dir),
    tariffs: Object.fromEntries(TARIFF_COUNTRIES.map((c) => [c, loadTariff(c, dir)])),
    usSection301: loadSection301(dir),
    fx,
  };
}

export interface RulingRow {
  readonly ruling: string;
  readonly date: string;
  readonly hs6: string;
  readonly category: string;
  readonly description: string;
  readonly split: "train" | "eval";
}

/** CBP CROSS rulings with the code CBP assigned (data/customs/eval/cbp-cross-rulings.csv). */
export function loadRulings(dir = DATA): RulingRow[] {
  const rows = parseCsv(readFileSync(join(dir, "customs", "eval", "cbp-cross-rulings.csv"), "utf8"));
  return rows.slice(1).filter((r) => r.length >= 6).map(([ruling, date, hts, category, description, split]) => ({
    ruling: ruling!, date: date!, hs6: hts!.slice(0, 6), category: category!, description: description!, split: split === "train" ? "train" : "eval",
  }));
}
