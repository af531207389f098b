import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./postgres";
import { TEST_API_KEY, TEST_API_SECRET } from "./app-env";

/** Builds the app once into a scratch directory inside the project (so the bundle resolves node_modules). */
export async function buildApp(): Promise<{ dir: string; remove(): void }> {
  mkdirSync(path.join(process.cwd(), ".cache"), { recursive: true });
  const dir = mkdtempSync(path.join(process.cwd(), ".cache", "build-"));
  await promisify(execFile)("npx", ["remix", "vite:build"], { env: { ...process.env, BORDERLESS_BUILD_DIR: dir, NODE_ENV: "production" }, maxBuffer: 64 * 1024 * 1024 });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface AppServer {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts `npm start`'s server (server.ts) as its own Node process on a free port; resolves once /readyz answers 200. */
export async function startAppServer({ buildDir, databaseUrl, env = {} }: { buildDir: string; databaseUrl: string; env?: Record<string, string> }): Promise<AppServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      BORDERLESS_BUILD_DIR: buildDir,
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      SHOPIFY_APP_URL: "https://borderless.test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready within 60 s:\n${output}`);
    }
    const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, output: () => output, exited, kill: (signal) => child.kill(signal) };
}
