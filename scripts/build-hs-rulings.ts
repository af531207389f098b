/**
 * Builds data/hs/cbp-rulings-train.csv: product descriptions of US CBP CROSS rulings with the HS
 * 2022 subheadings CBP assigned, as labelled examples for the classifier. The rows come from the
 * ATLAS dataset (Flexify.AI, "CROSS Rulings HTS Dataset for Tariff Classification"): each row asks
 * "What is the HTS US Code for <product>?" and answers "HTS US Code -> <code>[; <code>...]".
 *   npx tsx scripts/build-hs-rulings.ts <atlas_test.jsonl> <atlas_validation.jsonl> ...
 * National 10-digit codes are cut to their subheading; a code that is not an HS 2022 subheading
 * (rulings on older nomenclatures, chapter 98/99 provisions) is dropped, and so is a row left
 * without codes. ATLAS rows carry no ruling number, so the classifier's evaluation rulings
 * (data/customs/eval/cbp-cross-rulings.csv, every row: train and eval) are kept out by their
 * words instead: a row is left out when its description equals a ruling subject, when the two
 * share most of their words (Jaccard >= 0.6), or when it contains every word of a ruling subject
 * of three or more words and carries that ruling's subheading.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadNomenclature, loadRulings } from "../app/integrations/customs/tables.server";
import { tokens } from "../app/engine/customs/classifier";

const files = process.argv.slice(2);
if (files.length === 0) throw new Error("usage: build-hs-rulings.ts <atlas split .jsonl> [...]");
const data = join(import.meta.dirname, "..", "data");
const nomenclature = loadNomenclature(data);
const held = loadRulings(data).map((r) => ({ text: normalise(r.description), words: new Set(tokens(r.description)), hs6: r.hs6 }));

function normalise(s: string): string {
  return s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ").trim();
}

const QUESTION = /^\s*what\s+is\s+the\s+hts\s*(?:us\s+)?code\s+for\s+/i;
const ANSWER = /HTS US Code\s*->\s*([\s\S]*?)(?:\n\s*Reasoning|$)/i;

/** The HS 2022 subheadings an answer names ("6110.30.3025", "7325.10.0010 for items a-f; 7325.99.1000 for item g"). */
function subheadingsIn(answer: string): string[] {
  const region = ANSWER.exec(answer)?.[1] ?? "";
  const codes: string[] = [];
  for (const m of region.matchAll(/\b(\d{4})\.?(\d{2})(?:\.?\d{2,4})?\b/g)) {
    const hs6 = `${m[1]}${m[2]}`;
    if (nomenclature.entries.get(hs6)?.level === 6 && !codes.includes(hs6)) codes.push(hs6);
  }
  return codes;
}

/** Whether a description is an evaluation ruling's subject, or close enough to be the same product. */
function nearHeld(description: string, codes: readonly string[]): boolean {
  const text = normalise(description);
  const words = new Set(tokens(description));
  for (const h of held) {
    if (h.text === text) return true;
    let shared = 0;
    for (const w of h.words) if (words.has(w)) shared++;
    const union = h.words.size + words.size - shared;
    if (union > 0 && shared / union >= 0.6) return true;
    if (h.words.size >= 3 && shared === h.words.size && codes.includes(h.hs6)) return true;
  }
  return false;
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const rows = new Map<string, string>();
let read = 0;
let noCode = 0;
let excluded = 0;
for (const file of files) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    read++;
    const { messages } = JSON.parse(line) as { messages: { role: string; content: string }[] };
    const question = messages.find((m) => m.role === "user")?.content ?? "";
    const answer = messages.find((m) => m.role === "assistant")?.content ?? "";
    const description = question.replace(QUESTION, "").replace(/[?.\s]+$/, "").replace(/\s+/g, " ").trim();
    const codes = subheadingsIn(answer);
    if (!description || codes.length === 0) {
      noCode++;
      continue;
    }
    if (nearHeld(description, codes)) {
      excluded++;
      continue;
    }
    // The same product asked twice keeps one row with every subheading it was given.
    const key = normalise(description);
    const before = rows.get(key)?.split(" ") ?? [];
    rows.set(key, [...new Set([...before, ...codes])].join(" "));
  }
}
const lines = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([d, c]) => `${csvField(d)},${c}`);
writeFileSync(join(data, "hs", "cbp-rulings-train.csv"), `description,codes\n${lines.join("\n")}\n`);
console.log(`${read} rows read, ${noCode} without an HS 2022 subheading dropped, ${excluded} near an evaluation ruling left out, ${lines.length} written`);
