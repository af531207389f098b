/**
 * Builds data/hs/hmrc-search-references.csv: the search references of HMRC's UK Trade Tariff
 * (words traders type, each pointing to the commodity HMRC filed it under: "action cameras" ->
 * 8525810000), as labelled examples for the classifier beside HMRC's search terms.
 *   npx tsx scripts/build-hs-references.ts <search_references.json>
 * where search_references.json is the file named in data/SOURCES.md. National 10-digit codes are
 * cut to their HS 2022 subheading, or to the heading when the subheading is not an HS 2022 one;
 * a reference identical to a product description of an evaluation ruling
 * (data/customs/eval/cbp-cross-rulings.csv), or made of the same words ("glove" and "gloves"), is
 * left out.
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
const evalWords = new Set(evalRulings.map((r) => wordsOf(r.description)));

function wordsOf(s: string): string {
  return [...new Set(tokens(s))].sort().join(" ");
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
  if (evalDescriptions.has(term) || evalWords.has(wordsOf(term))) {
    excluded++;
    continue;
  }
  rows.push(`${csvField(term)},${code}`);
}
const unique = [...new Set(rows)].sort();
writeFileSync(join(data, "hs", "hmrc-search-references.csv"), `term,codes\n${unique.join("\n")}\n`);
console.log(`${Object.keys(references).length} references read, ${noCode} without an HS 2022 code dropped, ${excluded} identical to an evaluation ruling (or of the same words) left out, ${unique.length} written`);
