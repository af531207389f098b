import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "__fixtures__" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$|^test-support\.ts$/.test(name) ? [full] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);

describe("layering", () => {
  it("keeps the engine pure: no integrations, routes, database, Shopify or Node I/O", () => {
    const offences = sourceFiles(path.join("app", "engine")).flatMap((file) =>
      imports(file)
        .filter((spec) => /(^|\/)(integrations|routes|jobs)\/|db\.server|shopify\.server|^@shopify\/shopify|^@prisma|^node:(fs|http|https|net|child_process)|^pg$|^@libsql/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it("keeps the engine off the clock: time is passed in", () => {
    const offences = sourceFiles(path.join("app", "engine")).filter((file) => /\bDate\.now\(\)|new Date\(\)/.test(readFileSync(file, "utf8")));
    expect(offences).toEqual([]);
  });

  it("keeps the emulator out of the app: only the demo and tests reach it", () => {
    const offences = sourceFiles("app").flatMap((file) => imports(file).filter((spec) => spec.includes("emulator/")).map((spec) => `${file} imports ${spec}`));
    expect(offences).toEqual([]);
  });
});
