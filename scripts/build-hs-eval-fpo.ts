/**
 * Builds data/customs/eval/hmrc-fpo-references.csv, the classifier's second evaluation set: goods
 * descriptions as they arrive on parcel declarations (retailers' line texts, often cut at 30
 * characters: "alwys ultr sntry scrnght xtraw") with the commodity codes HMRC assigned to them,
 * from the extra references HMRC keeps for its Fast Parcel Operator search.
 *   npx tsx scripts/build-hs-eval-fpo.ts <extra_references.csv>
 * where extra_references.csv is the file named in data/SOURCES.md. Codes are cut to their HS 2022
 * subheading (rows whose code is not one are dropped); a description HMRC filed under several
 * subheadings keeps them all, and any of them counts as right. Run it after the training files are
 * built: a description equal to, or with nearly the same words as (Jaccard >= 0.8), any training
 * example (HMRC's search terms and references, the CBP training rulings) is left out, so no row of
 * this set is in the training data.
 * Split: rows whose first word (mostly the retailer or brand: "boots", "elauder") hashes (FNV-1a)
 * to 0 mod 4 are "train", the rest "eval"; the bench feeds train rows as the shop's confirmed
 * products and scores eval rows only. Splitting by first word keeps near-identical lines of one
 * brand ("eldoublewear ivory", "eldoublewear fresco") on the same side.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadNomenclature, parseCsv } from "../app/integrations/customs/tables.server";
import { tokens } from "../app/engine/customs/classifier";

const src = process.argv[2];
if (!src) throw new Error("usage: build-hs-eval-fpo.ts <extra_references.csv>");
const data = join(import.meta.dirname, "..", "data");
const nomenclature = loadNomenclature(data);

function normalise(s: string): string {
  return s.toLowerCase().replace(/&amp;/g, "&").replace(/[’']/g, "'").replace(/\s+/g, " ").trim();
}

const training = ["hmrc-search-terms.csv", "hmrc-search-references.csv", "cbp-rulings-train.csv"].flatMap((f) =>
  parseCsv(readFileSync(join(data, "hs", f), "utf8")).slice(1).map(([text = ""]) => normalise(text)),
);
const trainingText = new Set(training);
const trainingWords = training.map((t) => new Set(tokens(t))).filter((w) => w.size > 0);

function nearTraining(description: string): boolean {
  if (trainingText.has(description)) return true;
  const words = new Set(tokens(description));
  if (words.size === 0) return false;
  for (const t of trainingWords) {
    let shared = 0;
    for (const w of t) if (words.has(w)) shared++;
    if (shared / (t.size + words.size - shared) >= 0.8) return true;
  }
  return false;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const splitOf = (description: string) => (fnv1a(description.split(" ")[0]!) % 4 === 0 ? "train" : "eval");

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const codes = new Map<string, Set<string>>();
let read = 0;
let noCode = 0;
for (const [raw = "", commodity = ""] of parseCsv(readFileSync(src, "utf8")).slice(1)) {
  read++;
  const description = normalise(raw);
  const hs6 = commodity.replace(/\D/g, "").slice(0, 6);
  if (!description || nomenclature.entries.get(hs6)?.level !== 6) {
    noCode++;
    continue;
  }
  (codes.get(description) ?? codes.set(description, new Set()).get(description)!).add(hs6);
}
const rows: string[] = [];
let excluded = 0;
let wordless = 0;
for (const [description, set] of codes) {
  if (tokens(description).length === 0) {
    wordless++;
    continue;
  }
  if (nearTraining(description)) {
    excluded++;
    continue;
  }
  rows.push(`${csvField(description)},${[...set].sort().join(" ")},${splitOf(description)}`);
}
rows.sort();
writeFileSync(join(data, "customs", "eval", "hmrc-fpo-references.csv"), `description,codes,split\n${rows.join("\n")}\n`);
const train = rows.filter((r) => r.endsWith(",train")).length;
console.log(`${read} rows read, ${noCode} without an HS 2022 subheading dropped, ${codes.size} distinct descriptions, ${wordless} without a word kept out, ${excluded} near a training example left out, ${rows.length} written (${train} train, ${rows.length - train} eval)`);
