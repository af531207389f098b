import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LabelledTerm, NationalText } from "../../engine/customs/classifier";
import { CustomsError } from "../../engine/customs/errors";
import type { Nomenclature } from "../../engine/customs/hs";
import { parseCsv } from "./tables.server";

/** The US HTS national-line words per HS subheading (data/hs/hts-us-text.csv), for the classifier. */
export function loadNationalText(dir = join(process.cwd(), "data")): NationalText {
  const rows = parseCsv(readFileSync(join(dir, "hs", "hts-us-text.csv"), "utf8"));
  return new Map(rows.slice(1).filter((r) => r[1]).map(([hs6, text]) => [hs6!, text!]));
}

/**
 * HMRC's labelled search terms (data/hs/hmrc-search-terms.csv: term, space-separated HS codes of 2,
 * 4 or 6 digits), validated on load: every code must be a chapter, heading or subheading of the
 * nomenclature, so a stale file fails loudly instead of steering products to codes that do not exist.
 */
export function loadSearchTerms(nomenclature: Nomenclature, dir = join(process.cwd(), "data")): LabelledTerm[] {
  return parseSearchTerms(readFileSync(join(dir, "hs", "hmrc-search-terms.csv"), "utf8"), nomenclature);
}

/**
 * HMRC's search references (data/hs/hmrc-search-references.csv, built by
 * scripts/build-hs-references.ts): more words traders type, each with the subheading or heading HMRC
 * filed it under. Same format and checks as the search terms.
 */
export function loadSearchReferences(nomenclature: Nomenclature, dir = join(process.cwd(), "data")): LabelledTerm[] {
  return parseLabelled(readFileSync(join(dir, "hs", "hmrc-search-references.csv"), "utf8"), nomenclature, "hmrc-search-references.csv", [2, 4, 6]);
}

/** A product description of an evaluation set with the subheadings that count as right for it. */
export interface EvaluationRow {
  readonly description: string;
  readonly codes: readonly string[];
  readonly split: "train" | "eval";
}

/**
 * The classifier's second evaluation set (data/customs/eval/hmrc-fpo-references.csv, built by
 * scripts/build-hs-eval-fpo.ts): parcel goods descriptions with the subheadings HMRC assigned, split
 * by the description's first word into train (fed as confirmed products) and eval rows.
 */
export function loadParcelEvaluation(nomenclature: Nomenclature, dir = join(process.cwd(), "data")): EvaluationRow[] {
  const text = readFileSync(join(dir, "customs", "eval", "hmrc-fpo-references.csv"), "utf8");
  const labelled = parseLabelled(text, nomenclature, "hmrc-fpo-references.csv", [6]);
  return parseCsv(text).slice(1).map((row, i) => {
    const split = row[2];
    if (split !== "train" && split !== "eval") throw new CustomsError("invalid_data", `hmrc-fpo-references.csv row ${i + 2}`, `split must be train or eval, not ${split}`);
    return { description: labelled[i]!.term, codes: labelled[i]!.codes, split };
  });
}

export function parseSearchTerms(text: string, nomenclature: Nomenclature): LabelledTerm[] {
  return parseLabelled(text, nomenclature, "hmrc-search-terms.csv", [2, 4, 6]);
}

/**
 * Product descriptions of CBP rulings with the HS 2022 subheadings CBP assigned
 * (data/hs/cbp-rulings-train.csv, built by scripts/build-hs-rulings.ts; none is an evaluation
 * ruling), validated on load like the search terms, but only six-digit subheadings are accepted.
 */
export function loadTrainingRulings(nomenclature: Nomenclature, dir = join(process.cwd(), "data")): LabelledTerm[] {
  return parseTrainingRulings(readFileSync(join(dir, "hs", "cbp-rulings-train.csv"), "utf8"), nomenclature);
}

export function parseTrainingRulings(text: string, nomenclature: Nomenclature): LabelledTerm[] {
  return parseLabelled(text, nomenclature, "cbp-rulings-train.csv", [6]);
}

function parseLabelled(text: string, nomenclature: Nomenclature, file: string, levels: readonly number[]): LabelledTerm[] {
  const kinds = levels.length === 1 ? "an HS 2022 subheading" : "an HS 2022 chapter, heading or subheading";
  return parseCsv(text).slice(1).map(([term = "", codes = ""], i) => {
    const list = codes.split(/\s+/).filter(Boolean);
    if (!term.trim() || list.length === 0) throw new CustomsError("invalid_data", `${file} row ${i + 2}`, "a term needs at least one code");
    for (const code of list) {
      const entry = nomenclature.entries.get(code);
      if (!entry || !levels.includes(entry.level)) throw new CustomsError("invalid_data", `${file} row ${i + 2}`, `${code} is not ${kinds}`);
    }
    return { term: term.trim(), codes: list };
  });
}
