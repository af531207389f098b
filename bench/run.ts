/**
 * Benchmark runner: `npm run bench` runs every bench/*.bench.ts, `npm run bench -- customs sync`
 * runs those whose file name contains one of the words. Each benchmark module default-exports an
 * async function returning its figures (units in the keys: "p99_ms", "per_s", "ratio", "kb"); a
 * comparison measures its own baseline in the same run. The runner prints one JSON line each.
 */
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type BenchFigures = Record<string, string | number | boolean | null>;
export type Bench = () => Promise<BenchFigures>;

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)));

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(", ")}; available: ${readdirSync(here).filter((f) => f.endsWith(".bench.ts")).map((f) => basename(f, ".bench.ts")).join(", ")}`);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  const name = basename(file, ".bench.ts");
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
    const figures = await mod.default();
    console.log(JSON.stringify({ bench: name, ...figures }));
  } catch (error) {
    failed++;
    console.log(JSON.stringify({ bench: name, error: error instanceof Error ? error.message : String(error) }));
  }
}
process.exit(failed ? 1 : 0);
