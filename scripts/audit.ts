/**
 * `npm run audit`: the dependency audit without the registry's advisory endpoint. Checks every
 * package and version of package-lock.json against a snapshot of the GitHub Advisory Database
 * (reviewed npm advisories, OSV format, data/advisories/npm-github-reviewed.json) and fails on a
 * high or critical one. Options: `--lock <file>`, `--advisories <file>`, `--omit=dev` (like
 * `npm audit --omit=dev`), `--json`. `--build <dir>` rewrites the snapshot from a checkout of the
 * database's advisories/github-reviewed folder, keeping the npm advisories that name a package of
 * the lock file (docs/decisions/021-offline-dependency-audit.md).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

// semver (the npm ecosystem's version order, prereleases included) is installed with the build toolchain; it ships no types, so it is loaded by require with the few comparisons used.
const semver = createRequire(import.meta.url)("semver") as { valid(v: string): string | null; gte(a: string, b: string): boolean; gt(a: string, b: string): boolean; compare(a: string, b: string): number };

export type Severity = "LOW" | "MODERATE" | "HIGH" | "CRITICAL";

type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface OsvAdvisory {
  id: string;
  summary?: string;
  aliases?: string[];
  published?: string;
  withdrawn?: string;
  affected: { package: { ecosystem: string; name: string }; ranges?: { type: string; events: OsvEvent[] }[]; versions?: string[] }[];
  database_specific?: { severity?: string };
}

export interface LockedPackage {
  name: string;
  version: string;
  /** Where it sits in node_modules (the lock file's key). */
  path: string;
  dev: boolean;
}

export interface Finding {
  id: string;
  severity: Severity;
  name: string;
  version: string;
  path: string;
  dev: boolean;
  summary: string;
}

/** Every installed package of an npm lock file (v2/v3 `packages`), workspaces and links left out. */
export function lockedPackages(lock: { packages?: Record<string, { name?: string; version?: string; dev?: boolean; link?: boolean }> }): LockedPackage[] {
  if (!lock.packages) throw new Error("the lock file has no \"packages\" section (lockfileVersion 2 or 3 is needed; run npm install with npm 7 or later)");
  const found: LockedPackage[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    const at = key.lastIndexOf("node_modules/");
    if (at < 0 || entry.link || !entry.version) continue;
    found.push({ name: entry.name ?? key.slice(at + "node_modules/".length), version: entry.version, path: key, dev: entry.dev === true });
  }
  return found;
}

const eventVersion = (e: OsvEvent) => Object.values(e)[0] as string;

/** OSV range evaluation (ECOSYSTEM or SEMVER events, in version order): is `version` inside? */
function inRange(version: string, events: OsvEvent[]): boolean {
  const sorted = [...events].sort((a, b) => {
    const va = eventVersion(a);
    const vb = eventVersion(b);
    if (va === "0") return vb === "0" ? 0 : -1;
    if (vb === "0") return 1;
    return semver.compare(va, vb);
  });
  let affected = false;
  for (const e of sorted) {
    if ("introduced" in e) {
      if (e.introduced === "0" || semver.gte(version, e.introduced)) affected = true;
    } else if ("fixed" in e) {
      if (semver.gte(version, e.fixed)) affected = false;
    } else if ("last_affected" in e) {
      if (semver.gt(version, e.last_affected)) affected = false;
    } else if (semver.gte(version, e.limit)) {
      affected = false;
    }
  }
  return affected;
}

export function isAffected(advisory: OsvAdvisory, name: string, version: string): boolean {
  if (advisory.withdrawn || !semver.valid(version)) return false;
  return advisory.affected.some((a) => a.package.ecosystem === "npm" && a.package.name === name && (
    (a.versions ?? []).includes(version) ||
    (a.ranges ?? []).some((r) => (r.type === "ECOSYSTEM" || r.type === "SEMVER") && inRange(version, r.events))
  ));
}

const SEVERITIES: Severity[] = ["LOW", "MODERATE", "HIGH", "CRITICAL"];

function severityOf(advisory: OsvAdvisory): Severity {
  const s = advisory.database_specific?.severity?.toUpperCase();
  // GitHub writes MODERATE; an advisory without a rating is treated as high rather than let through.
  return SEVERITIES.includes(s as Severity) ? (s as Severity) : s === "MEDIUM" ? "MODERATE" : "HIGH";
}

export function audit(packages: LockedPackage[], advisories: OsvAdvisory[]): Finding[] {
  const byName = new Map<string, OsvAdvisory[]>();
  for (const a of advisories) for (const name of new Set(a.affected.filter((x) => x.package.ecosystem === "npm").map((x) => x.package.name))) byName.set(name, [...(byName.get(name) ?? []), a]);
  const findings: Finding[] = [];
  for (const p of packages) {
    for (const a of byName.get(p.name) ?? []) {
      if (isAffected(a, p.name, p.version)) findings.push({ id: a.id, severity: severityOf(a), name: p.name, version: p.version, path: p.path, dev: p.dev, summary: a.summary ?? "" });
    }
  }
  return findings.sort((x, y) => SEVERITIES.indexOf(y.severity) - SEVERITIES.indexOf(x.severity) || x.name.localeCompare(y.name));
}

export const failsAudit = (f: Finding) => f.severity === "HIGH" || f.severity === "CRITICAL";

export interface Snapshot {
  source: string;
  licence: string;
  taken: string;
  coverage: string;
  advisories: OsvAdvisory[];
}

export function readSnapshot(file: string): Snapshot {
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as Partial<Snapshot>;
  if (!snapshot.taken || !Array.isArray(snapshot.advisories)) throw new Error(`${file} is not an advisory snapshot (a dated header and an "advisories" list are expected)`);
  return snapshot as Snapshot;
}

/** The npm advisories under `dir` (OSV JSON files at any depth) that name one of `names`. */
function collectAdvisories(dir: string, names: Set<string>): OsvAdvisory[] {
  const kept: OsvAdvisory[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith(".json")) {
        const record = JSON.parse(readFileSync(full, "utf8")) as OsvAdvisory & { details?: string; references?: unknown };
        if (record.withdrawn || !record.affected?.some((a) => a.package.ecosystem === "npm" && names.has(a.package.name))) continue;
        delete record.details;
        delete record.references;
        kept.push(record);
      }
    }
  };
  walk(dir);
  return kept.sort((a, b) => (a.published ?? "").localeCompare(b.published ?? "") || a.id.localeCompare(b.id));
}

function main(argv: string[]) {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const lockFile = option("--lock") ?? "package-lock.json";
  const snapshotFile = option("--advisories") ?? path.join("data", "advisories", "npm-github-reviewed.json");
  const packages = lockedPackages(JSON.parse(readFileSync(lockFile, "utf8")));
  const build = option("--build");
  if (build) {
    const advisories = collectAdvisories(build, new Set(packages.map((p) => p.name)));
    const previous = readSnapshot(snapshotFile);
    writeFileSync(snapshotFile, JSON.stringify({ ...previous, taken: new Date().toISOString().slice(0, 10), advisories }, null, 2) + "\n");
    console.log(`${snapshotFile}: ${advisories.length} advisories naming packages of ${lockFile}`);
    return 0;
  }
  const snapshot = readSnapshot(snapshotFile);
  const omitDev = argv.includes("--omit=dev");
  const findings = audit(packages.filter((p) => !omitDev || !p.dev), snapshot.advisories);
  const failing = findings.filter(failsAudit);
  if (argv.includes("--json")) {
    console.log(JSON.stringify({ snapshot_taken: snapshot.taken, advisories: snapshot.advisories.length, packages: packages.length, findings }));
  } else {
    console.log(`${packages.length} packages of ${lockFile} against ${snapshot.advisories.length} advisories (GitHub Advisory Database, taken ${snapshot.taken})`);
    for (const f of findings) console.log(`${f.severity.toLowerCase()} ${f.id} in ${f.name}@${f.version} (${f.path}${f.dev ? ", dev" : ""}): ${f.summary}`);
    console.log(failing.length ? `${failing.length} high or critical: upgrade, override, or record why it does not apply` : "no high or critical advisory");
  }
  return failing.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (error) {
    console.error(`audit: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
