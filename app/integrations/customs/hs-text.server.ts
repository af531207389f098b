import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NationalText } from "../../engine/customs/classifier";
import { parseCsv } from "./tables.server";

/** The US HTS national-line words per HS subheading (data/hs/hts-us-text.csv), for the classifier. */
export function loadNationalText(dir = join(process.cwd(), "data")): NationalText {
  const rows = parseCsv(readFileSync(join(dir, "hs", "hts-us-text.csv"), "utf8"));
  return new Map(rows.slice(1).filter((r) => r[1]).map(([hs6, text]) => [hs6!, text!]));
}
