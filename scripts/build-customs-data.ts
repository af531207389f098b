/**
 * Rebuilds the dated customs tables in data/customs/ from the public sources listed in
 * data/SOURCES.md. Run by hand when a source publishes a new release:
 *   npx tsx scripts/build-customs-data.ts <sources-dir>
 * where <sources-dir> holds: hts_db.json (USITC HTS export, flattened), section301.json,
 * ukgt.csv (DIT "global-uk-tariff.csv"), cross_rulings.json (CBP CROSS rulings).
 * The output keeps each rate's legal text; app/engine/customs/duty.ts parses it at load.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const src = process.argv[2];
if (!src) throw new Error("usage: build-customs-data.ts <sources-dir>");
const out = join(import.meta.dirname, "..", "data", "customs");

function csvRows(text: string): string[][] {
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

// United States: HTS 8-digit rate lines ("general" = column 1 MFN) and the special-program
// column for the programmes the quote engine applies.
const PROGRAMS = ["S", "AU", "KR", "SG", "IL", "CL", "CO", "PE", "PA", "JO", "MA", "OM", "BH"];
type HtsRecord = { code: string; level: number; general_raw?: string; special_rates?: Record<string, number | null> };
const hts = JSON.parse(readFileSync(join(src, "hts_db.json"), "utf8")) as Record<string, HtsRecord>;
const usLines: Record<string, string> = {};
const usSpecial: Record<string, Record<string, string>> = {};
for (const [key, rec] of Object.entries(hts)) {
  // Statistical (10-digit) lines repeat the rate of their 8-digit line; some 8-digit lines only
  // appear through them.
  if ((rec.level !== 8 && rec.level !== 10) || !rec.general_raw) continue;
  const key8 = key.slice(0, 8);
  if (usLines[key8] !== undefined) continue;
  usLines[key8] = rec.general_raw;
  const special: Record<string, string> = {};
  for (const p of PROGRAMS) {
    const r = rec.special_rates?.[p];
    if (r !== undefined && r !== null) special[p] = `${r}%`;
  }
  if (Object.keys(special).length) usSpecial[key8] = special;
}
writeFileSync(join(out, "tariff-US.json"), JSON.stringify({
  meta: {
    country: "US", currency: "USD", nomenclature: "HTSUS 8-digit",
    edition: "HTS 2026 (USITC current release, July 2026)", validFrom: "2026-01-01",
    source: "USITC Harmonized Tariff Schedule export, hts.usitc.gov/reststop/exportList (JSON)",
    licence: "US Government work, public domain (17 U.S.C. 105)",
  },
  lines: usLines,
  special: usSpecial,
}));

// United Kingdom (UK Global Tariff) and the EU Common External Tariff: one DIT file lists both.
const uk = csvRows(readFileSync(join(src, "ukgt.csv"), "utf8"));
const header = uk[0]!;
const iCode = header.indexOf("commodity");
const iCet = header.indexOf("cet_duty_rate");
const iUk = header.indexOf("ukgt_duty_rate");
const gb: Record<string, string> = {};
const eu: Record<string, string> = {};
for (const row of uk.slice(1)) {
  if (row.length < header.length) continue;
  // The file drops leading zeros of chapters 01-09.
  const raw = row[iCode]!;
  const code = raw.length % 2 === 1 ? `0${raw}` : raw;
  gb[code] = row[iUk]!.trim();
  eu[code] = row[iCet]!.trim();
}
writeFileSync(join(out, "tariff-GB.json"), JSON.stringify({
  meta: {
    country: "GB", currency: "GBP", nomenclature: "UK commodity code 8/10-digit",
    edition: "UK Global Tariff as published by DIT for 1 January 2021", validFrom: "2021-01-01",
    source: "Department for International Trade, check-future-uk-trade-tariffs.service.gov.uk/api/global-uk-tariff.csv (published 2020-12-02)",
    licence: "Open Government Licence v3.0",
  },
  lines: gb,
}));
writeFileSync(join(out, "tariff-EU.json"), JSON.stringify({
  meta: {
    country: "EU", currency: "EUR", nomenclature: "Combined Nomenclature 8/10-digit",
    edition: "EU Common External Tariff (CN 2020) as listed beside the UKGT by DIT", validFrom: "2020-01-01",
    source: "Department for International Trade, global-uk-tariff.csv column cet_duty_rate (EU CET as applied in 2020)",
    licence: "Open Government Licence v3.0 (DIT compilation); EU tariff reuse under Commission Decision 2011/833/EU",
  },
  lines: eu,
}));

// US Section 301 (China) additional duties per HTS 8-digit line.
const s301 = JSON.parse(readFileSync(join(src, "section301.json"), "utf8")) as {
  meta: { as_of: string };
  lists: Record<string, { rate: number; chapter99: string; effective?: string }>;
  heading_by_hts8: Record<string, string>;
};
const headingPeriods: Record<string, { from: string; ratePct: number }[]> = {};
for (const list of Object.values(s301.lists)) {
  if (!list.effective) continue; // suspended lists (4B) carry no duty
  // "2018-09-24 (10%), 25% from 2019-05-10": a first rate, then the rate in force from a later date.
  const first = list.effective.match(/^(\d{4}-\d{2}-\d{2})(?: \((\d+(?:\.\d+)?)%\))?/);
  const later = [...list.effective.matchAll(/(\d+(?:\.\d+)?)% from (\d{4}-\d{2}-\d{2})/g)];
  const periods = [{ from: first![1]!, ratePct: first![2] ? Number(first![2]) : list.rate }];
  for (const m of later) periods.push({ from: m[2]!, ratePct: Number(m[1]) });
  headingPeriods[list.chapter99] = periods;
}
writeFileSync(join(out, "us-section301.json"), JSON.stringify({
  meta: {
    program: "US Section 301 (China) additional duties", origin: "CN", asOf: s301.meta.as_of,
    source: "USITC 'China Tariffs' table and HTS chapter 99 subchapter III notes 20/31",
    licence: "US Government work, public domain (17 U.S.C. 105)",
  },
  headings: headingPeriods,
  lines: s301.heading_by_hts8,
}));

// CBP CROSS rulings: product descriptions with the HTS code CBP assigned. Rows whose subject is
// not a product (protests, chapter 98 returns) are dropped; the split is fixed by ruling number.
type Ruling = { ruling_number: string; ruling_date: string; hts_code: string; description: string; search_term: string };
const rulings = JSON.parse(readFileSync(join(src, "cross_rulings.json"), "utf8")) as Ruling[];
const lines = ["ruling,date,hts,category,description,split"];
const NOT_A_PRODUCT = /protest|application for further review|tariff classification|classification, country|importation|^various|\bstatus under\b/i;
for (const r of rulings) {
  const hs = r.hts_code.replace(/\./g, "");
  if (hs.startsWith("98") || hs.startsWith("99") || NOT_A_PRODUCT.test(r.description)) continue;
  const n = Number(r.ruling_number.replace(/\D/g, ""));
  // A quarter of rows train (n mod 4 === 0), the rest are held out for evaluation.
  const split = n % 4 === 0 ? "train" : "eval";
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  lines.push([r.ruling_number, r.ruling_date, hs, q(r.search_term), q(r.description), split].join(","));
}
writeFileSync(join(out, "eval", "cbp-cross-rulings.csv"), lines.join("\n") + "\n");
console.log(`US ${Object.keys(usLines).length} lines, GB ${Object.keys(gb).length}, EU ${Object.keys(eu).length}, rulings ${lines.length - 1}`);
