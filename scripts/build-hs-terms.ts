/**
 * Builds data/hs/hmrc-search-terms.csv: the search terms HMRC's UK Trade Tariff service answers
 * with a classification message ("Yoyos are classified under commodity 9503009590", "we believe
 * you are looking for heading 8506"), each with the HS codes its message names: chapters (2
 * digits), headings (4) and subheadings (6; national 8-10 digit codes are cut to their subheading).
 * The classifier uses them as labelled examples of the words merchants type.
 *   npx tsx scripts/build-hs-terms.ts <intercept_messages.yml>
 * where intercept_messages.yml is the trade-tariff-backend file named in data/SOURCES.md. Terms
 * whose message names no code ("too generic", country pages) are left out, and so is any term
 * identical to a product description of the classifier's evaluation rulings.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadNomenclature, loadRulings } from "../app/integrations/customs/tables.server";

const src = process.argv[2];
if (!src) throw new Error("usage: build-hs-terms.ts <intercept_messages.yml>");
const data = join(import.meta.dirname, "..", "data");
const nomenclature = loadNomenclature(data);
const evalDescriptions = new Set(loadRulings(data).filter((r) => r.split === "eval").map((r) => normalise(r.description)));

function normalise(s: string): string {
  return s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ").trim();
}

const KEYWORD = /^(chapters?|headings?|subheadings?|commodit(?:y|ies)|codes?)$/i;

/** The codes a message names: a number counts only shortly after "chapter", "heading", "commodity"... */
export function codesIn(message: string): string[] {
  const codes: string[] = [];
  let kind = "";
  let since = 99;
  for (const w of message.split(/[^A-Za-z0-9]+/)) {
    since++;
    if (KEYWORD.test(w)) {
      kind = w.toLowerCase();
      since = 0;
      continue;
    }
    if (!/^\d+$/.test(w) || since > 6) continue;
    const code = w.length === 2 && kind.startsWith("chapter") ? w : w.length === 4 || w.length === 6 ? w : w.length === 8 || w.length === 10 ? w.slice(0, 6) : "";
    const entry = code && nomenclature.entries.get(code);
    if (entry && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

const rows: string[] = [];
let excluded = 0;
let read = 0;
for (const line of readFileSync(src, "utf8").split("\n")) {
  const m = /^ {2}([^:#][^:]*):\s+"(.*)"\s*$/.exec(line);
  if (!m) continue;
  read++;
  const term = normalise(m[1]!);
  const codes = codesIn(m[2]!.replace(/\\"/g, '"'));
  if (codes.length === 0) continue;
  if (evalDescriptions.has(term)) {
    excluded++;
    continue;
  }
  rows.push(`${term.includes(",") || term.includes('"') ? `"${term.replace(/"/g, '""')}"` : term},${codes.join(" ")}`);
}
const unique = [...new Set(rows)].sort();
writeFileSync(join(data, "hs", "hmrc-search-terms.csv"), `term,codes\n${unique.join("\n")}\n`);
console.log(`${read} terms read, ${unique.length} with codes written, ${excluded} identical to an evaluation ruling left out`);
