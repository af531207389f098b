/**
 * Loads the shipped customs tables from data/. The only module of the customs engine that reads
 * files; the engine itself takes the tables as arguments.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildNomenclature, type Nomenclature } from "./hs";
import { buildTariff, type ExtraDutyTable, type TariffTable } from "./tariff";
import type { CustomsTables } from "./quote";
import type { FxTable } from "../money";

const DATA = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "data");

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (c !== "\r") field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export function loadNomenclature(dir = DATA): Nomenclature {
  const rows = parseCsv(readFileSync(join(dir, "hs", "hs2022.csv"), "utf8").replace(/^\uFEFF/, ""));
  return buildNomenclature(rows.slice(1));
}

export function loadTariff(country: "US" | "GB" | "EU", dir = DATA): TariffTable {
  return buildTariff(JSON.parse(readFileSync(join(dir, "customs", `tariff-${country}.json`), "utf8")));
}

export function loadSection301(dir = DATA): ExtraDutyTable {
  return JSON.parse(readFileSync(join(dir, "customs", "us-section301.json"), "utf8")) as ExtraDutyTable;
}

export function loadCustomsTables(fx: FxTable, dir = DATA): CustomsTables {
  return {
    nomenclature: loadNomenclature(dir),
    tariffs: { US: loadTariff("US", dir), GB: loadTariff("GB", dir), EU: loadTariff("EU", dir) },
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
