/**
 * Rebuilds the national duty tables of data/customs/ that come from national tariff schedules
 * other than the US/UK/EU ones (see data/SOURCES.md). Run by hand when a source publishes a new
 * edition:
 *   npx tsx scripts/build-national-tariffs.ts <sources-dir>
 * where <sources-dir> holds:
 *   jp/j_01_tariff_data.json ... j_97_tariff_data.json: Japan Customs tariff schedule
 *     (customs.go.jp/tariff/<edition>/data/j_NN.htm) as tabulated per chapter;
 *   au/tariff-schedule3.json: Australian Customs Tariff Schedule 3 (ABF Working Tariff) by chapter.
 * Rates are written as duty expressions the engine parses at load (app/engine/customs/duty.ts);
 * text it cannot price (alternative "whichever is higher" duties, conditions, duties per litre of
 * alcohol) is kept as written so a quote refuses it instead of guessing.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const src = process.argv[2];
if (!src) throw new Error("usage: build-national-tariffs.ts <sources-dir>");
const out = join(import.meta.dirname, "..", "data", "customs");

// ---------------------------------------------------------------------------------------------
// Japan. Each row carries the basic (基本), temporary (暫定) and WTO (WTO協定) rates and one column
// per EPA; a blank cell inherits the rate written on the row above it in the hierarchy. The
// general rate applied to WTO members is the temporary rate where one is set, else the basic
// rate, or the WTO rate when that is lower (Customs Tariff Act art. 3-5; Act on Temporary
// Measures concerning Customs art. 2; the WTO rate applies only where it is lower).
type JpNode = { level: number; stat_code: string; hs_code: string; desc: string; rate: Record<string, string>; children: JpNode[] };

/** Japan's EPA columns we keep, with the programme code the engine uses. */
const JP_PROGRAMS: Record<string, string> = {
  EPA_欧州連合: "EU", EPA_英国: "GB", EPA_CPTPP: "CPTPP", EPA_豪州: "AU", EPA_スイス: "CH",
  EPA_シンガポール: "SG", EPA_メキシコ: "MX", EPA_インド: "IN", EPA_日米貿易協定: "US",
  EPA_RCEP_中国: "RCEP-CN", EPA_RCEP_韓国: "RCEP-KR", EPA_RCEP_アセアン豪州NZ: "RCEP-ASEAN-AU-NZ",
};

/** "10.9%", "(10.9%)", "無税", "20.70円/kg", "(482円/kg)" -> an engine expression; else undefined. */
function jpExpression(text: string): string | undefined {
  const t = text.trim().replace(/^\((.*)\)$/, "$1").trim();
  if (t === "無税") return "Free";
  let m = /^(\d+(?:\.\d+)?)%$/.exec(t);
  if (m) return `${m[1]}%`;
  m = /^(\d[\d,]*(?:\.\d+)?)円\/(kg|l|足|個)$/.exec(t);
  if (m) return `${m[1]!.replace(/,/g, "")} JPY/${({ kg: "kg", l: "l", 足: "pair", 個: "item" } as Record<string, string>)[m[2]!]}`;
  return undefined;
}

const adValoremOf = (e: string) => (e === "Free" ? 0 : /^(\d+(?:\.\d+)?)%$/.test(e) ? Number(e.slice(0, -1)) : undefined);
/** "15 JPY/kg" -> [15, "kg"]. */
const specificOf = (e: string) => {
  const m = /^(\d+(?:\.\d+)?) JPY\/(\w+)$/.exec(e);
  return m ? ([Number(m[1]), m[2]!] as const) : undefined;
};

/** The general (MFN) rate of a Japanese line, or the text as written when it cannot be priced. */
function jpGeneral(basic: string, temporary: string, wto: string): string {
  const generalText = temporary || basic;
  const general = generalText ? jpExpression(generalText) : undefined;
  const bound = wto ? jpExpression(wto) : undefined;
  // Nothing is lower than duty free, so the WTO column (even a range) does not matter then.
  if (general && (!wto || general === "Free")) return general;
  if (!generalText && bound) return bound;
  if (general && bound) {
    if (general === bound) return general;
    const g = adValoremOf(general);
    const b = adValoremOf(bound);
    if (g !== undefined && b !== undefined) return g <= b ? general : bound;
    const gs = specificOf(general);
    const bs = specificOf(bound);
    if (gs && bs && gs[1] === bs[1]) return gs[0] <= bs[0] ? general : bound;
  }
  return [generalText && `general ${generalText}`, wto && `WTO ${wto}`].filter(Boolean).join("; ").replace(/\s+/g, " ") || "unknown";
}

const jpLines: Record<string, string> = {};
// Most lines share the same set of EPA rates: each distinct set is written once and lines point to it.
const jpSpecial: Record<string, number> = {};
const jpSpecialSets: Record<string, string>[] = [];
const jpSetIndex = new Map<string, number>();
const jpFiles = readdirSync(join(src, "jp")).filter((f) => /^j_\d\d_tariff_data\.json$/.test(f)).sort();
for (const file of jpFiles) {
  const nodes = JSON.parse(readFileSync(join(src, "jp", file), "utf8")) as JpNode[];
  const walk = (node: JpNode, inherited: Record<string, string>, sub: string) => {
    const rates = { ...inherited };
    for (const [k, v] of Object.entries(node.rate ?? {})) if (v && v.trim()) rates[k] = v.trim();
    const digits = node.stat_code.replace(/\D/g, "");
    const six = digits.length === 6 ? digits : sub;
    if (node.children.length === 0) {
      if (six.length !== 6 || !/^\d{3}$/.test(node.hs_code)) return; // a heading without subheadings
      const code = `${six}${node.hs_code}`;
      jpLines[code] = jpGeneral(rates["基本"] ?? "", rates["暫定"] ?? "", rates["WTO協定"] ?? "");
      const special: Record<string, string> = {};
      for (const [column, program] of Object.entries(JP_PROGRAMS)) {
        const e = rates[column] ? jpExpression(rates[column]!) : undefined;
        if (e) special[program] = e;
      }
      if (Object.keys(special).length) {
        const key = JSON.stringify(special);
        let index = jpSetIndex.get(key);
        if (index === undefined) jpSetIndex.set(key, (index = jpSpecialSets.push(special) - 1));
        jpSpecial[code] = index;
      }
      return;
    }
    for (const child of node.children) walk(child, rates, six);
  };
  for (const node of nodes) walk(node, {}, "");
}
const jpIndex = JSON.parse(readFileSync(join(src, "jp", "index.json"), "utf8")) as { version: string };
const jpEdition = jpIndex.version.replace(/_/g, "-");
writeFileSync(join(out, "tariff-JP.json"), JSON.stringify({
  meta: {
    country: "JP", currency: "JPY", nomenclature: "Japan statistical code 9-digit",
    edition: `Japan Customs tariff schedule (実行関税率表), edition of ${jpEdition}`, validFrom: jpEdition,
    source: `Japan Customs, customs.go.jp/tariff/${jpIndex.version}/data/j_NN.htm (general rate = temporary or basic rate, or the WTO rate where lower; EPA columns)`,
    licence: "Japan Customs website terms of use (Government of Japan Standard Terms of Use 2.0, compatible with CC BY 4.0)",
  },
  lines: jpLines,
  specialSets: jpSpecialSets,
  special: jpSpecial,
}));

// ---------------------------------------------------------------------------------------------
// Australia. The rate column of Schedule 3 starts with the general rate, followed by the rates
// for developing-country (DCS/DCT) and other preferences ("5% DCS4% DCT5%"); phased rates are
// written "5% From1July2018 3.75% From1July2019 Free", of which the last step is in force now.
type AuClassification = { referenceNumber: string; dutyRate: string };
type AuSection = { chapters: { headings: { classifications: AuClassification[] }[] }[] };

function auGeneral(raw: string): string {
  let t = raw.replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
  const steps = t.split(/From\s*\d{1,2}\s*[A-Za-z]+\s*\d{4}\s*/);
  if (steps.length > 1) t = steps[steps.length - 1]!.trim();
  const first = /^(Free|\d+(?:\.\d+)?%)(?=\s|$|[A-Z])/.exec(t);
  if (first && !/^[^ ]+,/.test(t)) return first[1]!;
  // "$0.142/kg", not "$2,445.26/kg of tobacco content" nor "$107.99/L of alcohol" (kept as written).
  const specific = /^\$(\d[\d,]*(?:\.\d+)?)\/(kg|L)(?=$|\s(?!of\b))/.exec(t);
  if (specific) return `${specific[1]!.replace(/,/g, "")} AUD/${specific[2] === "L" ? "l" : "kg"}`;
  return t.split(/ (?:NZ|DC|DCS|DCT|CA|PG|FI|LDC|SG|MY)[/ $\d]/)[0]!.trim();
}

const auLines: Record<string, string> = {};
const sections = JSON.parse(readFileSync(join(src, "au", "tariff-schedule3.json"), "utf8")) as AuSection[];
for (const section of sections) {
  for (const chapter of section.chapters) {
    for (const heading of chapter.headings) {
      for (const c of heading.classifications) {
        const code = c.referenceNumber.replace(/[^\d]/g, "");
        const rate = c.dutyRate.replace(/\u200b/g, "").trim();
        // The same tariff item is listed once per statistical code; the rate is on the first.
        if (code.length !== 8 || !rate || auLines[code] !== undefined) continue;
        auLines[code] = auGeneral(rate);
      }
    }
  }
}
writeFileSync(join(out, "tariff-AU.json"), JSON.stringify({
  meta: {
    country: "AU", currency: "AUD", nomenclature: "Australian tariff item 8-digit",
    edition: "Customs Tariff Act 1995 Schedule 3 general rates (ABF Working Tariff, retrieved 2026-04-17); partial: 703 of 1,229 headings",
    validFrom: "2026-04-17",
    source: "Australian Border Force, Working Tariff Schedule 3 (abf.gov.au/importing-exporting-and-manufacturing/tariff-classification/current-tariff/schedule-3)",
    licence: "Creative Commons Attribution 4.0 International (Commonwealth of Australia, Australian Border Force)",
  },
  lines: auLines,
}));

console.log(`JP ${Object.keys(jpLines).length} lines (${Object.keys(jpSpecial).length} with EPA rates, ${jpSpecialSets.length} distinct sets), AU ${Object.keys(auLines).length} lines`);
