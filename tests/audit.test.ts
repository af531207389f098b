import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { audit, isAffected, lockedPackages, readSnapshot, type OsvAdvisory } from "../scripts/audit";

const snapshot = readSnapshot("data/advisories/npm-github-reviewed.json");
const advisory = (id: string) => snapshot.advisories.find((a) => a.id === id)!;
const run = (args: string[]) => promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/audit.ts", ...args]).then(
  (r) => ({ code: 0, out: r.stdout }),
  (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
);

describe("the offline dependency audit", () => {
  it("GIVEN a lock file with known-vulnerable versions WHEN audited THEN each is flagged with its advisory, nested copies included, fixed versions and links not", () => {
    const packages = lockedPackages(JSON.parse(readFileSync("tests/fixtures/audit-package-lock.json", "utf8")));
    expect(packages.map((p) => p.name)).not.toContain("local-tool");
    const findings = audit(packages, snapshot.advisories).map((f) => `${f.severity} ${f.id} ${f.path}@${f.version}${f.dev ? " dev" : ""}`);
    expect(findings).toEqual([
      "HIGH GHSA-qwcr-r2fm-qrc7 node_modules/body-parser@1.20.2",
      "HIGH GHSA-9wv6-86v2-598j node_modules/express/node_modules/path-to-regexp@0.1.7",
      "HIGH GHSA-gcx4-mw62-g8wm node_modules/rollup@4.20.0 dev",
    ]);
  });

  it.each([
    ["path-to-regexp", "0.1.9", true], ["path-to-regexp", "0.1.10", false], ["path-to-regexp", "6.2.2", true], ["path-to-regexp", "6.3.0", false], ["path-to-regexp", "8.0.0", false],
    ["ws", "2.0.0", false], ["ws", "2.1.0", true], ["ws", "8.17.0", true], ["ws", "8.17.1", false],
    ["@babel/traverse", "7.23.1", true], ["@babel/traverse", "8.0.0-alpha.3", true], ["@babel/traverse", "8.0.0-alpha.4", false], ["babel-traverse", "6.26.0", true],
    ["braces", "3.0.2", true], ["braces", "3.0.3", false], ["brace", "0.1.0", false],
  ])("%s@%s affected: %s", (name, version, affected) => {
    const a = snapshot.advisories.find((x) => x.affected.some((p) => p.package.name === name)) ?? advisory("GHSA-grv7-fg5c-xmjg");
    expect(isAffected(a, name, version)).toBe(affected);
  });

  it("GIVEN a withdrawn advisory or a last_affected bound WHEN checked THEN the withdrawn one never matches and last_affected is inclusive", () => {
    const base: OsvAdvisory = { id: "T", affected: [{ package: { ecosystem: "npm", name: "x" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "1.0.0" }, { last_affected: "1.2.0" }] }] }] };
    expect([isAffected(base, "x", "1.2.0"), isAffected(base, "x", "1.2.1"), isAffected(base, "x", "0.9.0")]).toEqual([true, false, false]);
    expect(isAffected({ ...base, withdrawn: "2024-01-01T00:00:00Z" }, "x", "1.1.0")).toBe(false);
  });

  it("GIVEN the fixture lock file WHEN the script runs THEN it exits 1 naming the high advisories; with --omit=dev the dev-only rollup is left out", async () => {
    const all = await run(["--lock", "tests/fixtures/audit-package-lock.json"]);
    expect(all.code).toBe(1);
    expect(all.out).toMatch(/high GHSA-qwcr-r2fm-qrc7 in body-parser@1\.20\.2/);
    expect(all.out).toMatch(/3 high or critical/);
    const prod = await run(["--lock", "tests/fixtures/audit-package-lock.json", "--omit=dev", "--json"]);
    expect(prod.code).toBe(1);
    expect((JSON.parse(prod.out) as { findings: { name: string }[] }).findings.map((f) => f.name)).toEqual(["body-parser", "path-to-regexp"]);
  });

  it("GIVEN our own lock file WHEN the script runs THEN it passes, every advisory of the snapshot names one of our packages, and the snapshot is dated", async () => {
    const ours = await run([]);
    expect(ours.out).toMatch(/no high or critical advisory/);
    expect(ours.code).toBe(0);
    const names = new Set(lockedPackages(JSON.parse(readFileSync("package-lock.json", "utf8"))).map((p) => p.name));
    for (const a of snapshot.advisories) expect(a.affected.some((p) => p.package.ecosystem === "npm" && names.has(p.package.name)), a.id).toBe(true);
    expect(snapshot.taken).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("GIVEN a file that is not a snapshot WHEN read THEN a clear error", () => {
    expect(() => readSnapshot("package.json")).toThrow(/not an advisory snapshot/);
  });
});
