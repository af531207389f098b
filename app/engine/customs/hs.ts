import { CustomsError } from "./errors";

/** One entry of the HS 2022 nomenclature: a chapter (2 digits), heading (4) or subheading (6). */
export interface HsEntry {
  readonly code: string;
  readonly description: string;
  readonly parent: string | null;
  readonly level: 2 | 4 | 6;
  readonly section: string;
}

export interface Nomenclature {
  readonly edition: "HS2022";
  readonly entries: ReadonlyMap<string, HsEntry>;
  readonly subheadings: readonly HsEntry[];
}

const CODE = /^\d+$/;

/**
 * Validates rows of the HS CSV (section, hscode, description, parent, level). Every code must be
 * digits of the length its level says, and every parent must exist. The source's one grand-total
 * row ("TOTAL", level 5) is not a code and is skipped on purpose; anything else malformed throws.
 */
export function buildNomenclature(rows: readonly (readonly string[])[]): Nomenclature {
  const entries = new Map<string, HsEntry>();
  rows.forEach((row, i) => {
    const [section = "", code = "", description = "", parent = "", levelText = ""] = row;
    // UN Comtrade adds a grand total and chapter 99 "not specified" rows; they are not HS codes.
    if (code === "TOTAL" || section === "TOTAL") return;
    const level = Number(levelText);
    if ((level !== 2 && level !== 4 && level !== 6) || !CODE.test(code) || code.length !== level || !description.trim()) {
      throw new CustomsError("invalid_data", `hs2022.csv row ${i + 2}`, `malformed HS entry ${JSON.stringify(row)}`);
    }
    if (entries.has(code)) throw new CustomsError("invalid_data", `hs2022.csv row ${i + 2}`, `duplicate code ${code}`);
    entries.set(code, { code, description: description.trim(), parent: level === 2 ? null : parent, level, section });
  });
  for (const e of entries.values()) {
    if (e.parent !== null && (!entries.has(e.parent) || e.parent !== e.code.slice(0, e.level - 2))) {
      throw new CustomsError("invalid_data", `hs2022.csv ${e.code}`, `parent ${e.parent} missing or inconsistent`);
    }
  }
  const subheadings = [...entries.values()].filter((e) => e.level === 6);
  if (subheadings.length < 5000) throw new CustomsError("invalid_data", "hs2022.csv", `only ${subheadings.length} subheadings`);
  return { edition: "HS2022", entries, subheadings };
}

/** Normalises "6109.10.0012" or "6109 10" to digits; rejects anything not 6-10 digits long. */
export function normaliseHsCode(code: string | undefined | null, field: string): string {
  if (code === undefined || code === null || code.trim() === "") throw new CustomsError("missing_hs_code", field, "an HS code is required");
  const digits = code.replace(/[\s.\-]/g, "");
  if (!/^\d{6,10}$/.test(digits)) throw new CustomsError("unknown_hs_code", field, `"${code}" is not a 6 to 10 digit HS code`);
  return digits;
}

/** Checks that the first six digits are an HS 2022 subheading. */
export function requireSubheading(nomenclature: Nomenclature, code: string, field: string): HsEntry {
  const entry = nomenclature.entries.get(code.slice(0, 6));
  if (!entry || entry.level !== 6) throw new CustomsError("unknown_hs_code", field, `${code.slice(0, 6)} is not an HS 2022 subheading`);
  return entry;
}
