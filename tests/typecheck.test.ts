import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("TypeScript", () => {
  it("compiles the whole project in strict mode without an error", async () => {
    const result = await run("npx", ["tsc", "--noEmit", "--pretty", "false"], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result.split("\n").filter((line) => line.includes("error TS"))).toEqual([]);
  }, 320_000);
});
