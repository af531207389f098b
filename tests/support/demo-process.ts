import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./postgres";

export interface DemoProcess {
  baseUrl: string;
  emulatorUrl: string;
  stop(): Promise<void>;
}

/** Starts `npm run demo`'s script exactly as a user would, on free ports and a scratch database. */
export async function startDemoProcess({ build = true }: { build?: boolean } = {}): Promise<DemoProcess> {
  const port = await freePort();
  const emulatorPort = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "borderless-demo-"));
  // Inside the project, so the server bundle resolves its packages from node_modules.
  mkdirSync(path.join(process.cwd(), ".cache"), { recursive: true });
  const buildDir = mkdtempSync(path.join(process.cwd(), ".cache", "build-"));
  const args = ["tsx", "scripts/demo.ts", ...(build ? [] : ["--no-build"])];
  const child: ChildProcess = spawn("npx", args, {
    env: { ...process.env, PORT: String(port), EMULATOR_PORT: String(emulatorPort), DATABASE_URL: `file:${path.join(dir, "demo.sqlite")}`, BORDERLESS_BUILD_DIR: buildDir, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const ready = new Promise<{ baseUrl: string; emulatorUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const app = output.match(/Borderless demo ready: (\S+)\/demo/);
      const emu = output.match(/Shopify emulator: (\S+)/);
      if (app?.[1] && emu?.[1]) {
        clearTimeout(timer);
        resolve({ baseUrl: app[1], emulatorUrl: emu[1] });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
  const urls = await ready;
  return {
    ...urls,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      rmSync(buildDir, { recursive: true, force: true });
    },
  };
}
