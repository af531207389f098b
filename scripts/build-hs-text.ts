/**
 * Builds data/hs/hts-us-text.csv: for every 6-digit subheading, the words of the US HTS national
 * lines beneath it (8- and 10-digit descriptions such as "Seats ... with wooden frames —
 * Upholstered — Chairs — Other household"). The HS short labels often say only "Other"; the
 * national lines name the goods merchants sell, and the classifier indexes them with the label.
 *   npx tsx scripts/build-hs-text.ts <hts_db.json>
 * where hts_db.json is the USITC HTS export flattened with full description paths (see data/SOURCES.md).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const src = process.argv[2];
if (!src) throw new Error("usage: build-hs-text.ts <hts_db.json>");
type HtsRecord = { code: string; level: number; description: string; leaf?: string };
const hts = JSON.parse(readFileSync(src, "utf8")) as Record<string, HtsRecord>;

const bySubheading = new Map<string, Set<string>>();
for (const [key, r] of Object.entries(hts)) {
  if (r.level < 8 || !/^\d{8,10}$/.test(key)) continue;
  const hs6 = key.slice(0, 6);
  // The path below the heading: its parts name the goods; the heading's own text is already in hs2022.csv.
  const parts = r.description.split(" — ").slice(1).map((p) => p.trim()).filter((p) => p && !/^other$/i.test(p));
  const set = bySubheading.get(hs6) ?? bySubheading.set(hs6, new Set()).get(hs6)!;
  for (const p of parts) set.add(p);
}
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const lines = ["hs6,text", ...[...bySubheading].sort(([a], [b]) => a.localeCompare(b)).map(([hs6, parts]) => `${hs6},${quote([...parts].join(" | "))}`)];
writeFileSync(join(import.meta.dirname, "..", "data", "hs", "hts-us-text.csv"), `${lines.join("\n")}\n`);
console.log(`${bySubheading.size} subheadings`);
