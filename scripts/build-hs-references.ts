/**
 * Builds data/hs/hmrc-search-references.csv: the search references of HMRC's UK Trade Tariff
 * (words traders type, each pointing to the commodity HMRC filed it under: "action cameras" ->
 * 8525810000), as labelled examples for the classifier beside HMRC's search terms.
 *   npx tsx scripts/build-hs-references.ts <search_references.json>
 * where search_references.json is the file named in data/SOURCES.md. National 10-digit codes are
 * cut to their HS 2022 subheading, or to the heading when the subheading is not an HS 2022 one;
 * a reference identical to a product description of an evaluation ruling
 * (data/customs/eval/cbp-cross-rulings.csv), or sharing most of its words with one (Jaccard >= 0.6:
 * "ceramic cups" and "two ceramic cups"), is left out.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadNomenclature, loadRulings } from "../app/integrations/customs/tables.server";
import { tokens } from "../app/engine/customs/classifier";

const src = process.argv[2];
if (!src) throw new Error("usage: build-hs-references.ts <search_references.json>");
const data = join(import.meta.dirname, "..", "data");
const nomenclature = loadNomenclature(data);
const evalRulings = loadRulings(data).filter((r) => r.split === "eval");
const evalDescriptions = new Set(evalRulings.map((r) => normalise(r.description)));
const evalWords = evalRulings.map((r) => new Set(tokens(r.description))).filter((w) => w.size > 0);

function nearEval(term: string): boolean {
  if (evalDescriptions.has(term)) return true;
  const words = new Set(tokens(term));
  return evalWords.some((e) => {
    let shared = 0;
    for (const w of e) if (words.has(w)) shared++;
    return shared > 0 && shared / (e.size + words.size - shared) >= 0.6;
  });
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ").trim();
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const references = JSON.parse(readFileSync(src, "utf8")) as Record<string, string>;
const rows: string[] = [];
let noCode = 0;
let excluded = 0;
for (const [raw, commodity] of Object.entries(references)) {
  const term = normalise(raw);
  const digits = commodity.replace(/\D/g, "");
  const code = nomenclature.entries.get(digits.slice(0, 6))?.level === 6 ? digits.slice(0, 6) : nomenclature.entries.has(digits.slice(0, 4)) ? digits.slice(0, 4) : "";
  if (!term || !code) {
    noCode++;
    continue;
  }
  if (nearEval(term)) {
    excluded++;
    continue;
  }
  rows.push(`${csvField(term)},${code}`);
}
const unique = [...new Set(rows)].sort();
writeFileSync(join(data, "hs", "hmrc-search-references.csv"), `term,codes\n${unique.join("\n")}\n`);
console.log(`${Object.keys(references).length} references read, ${noCode} without an HS 2022 code dropped, ${excluded} equal or near an evaluation ruling left out, ${unique.length} written`);
