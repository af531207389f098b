import type { TestProject } from "vitest/node";
import { startDemoProcess } from "../support/demo-process";

declare module "vitest" {
  export interface ProvidedContext {
    demoUrl: string;
    emulatorUrl: string;
  }
}

/** One demo server, started the way `npm run demo` starts it, for every browser test. */
export default async function setup(project: TestProject) {
  const demo = await startDemoProcess();
  project.provide("demoUrl", demo.baseUrl);
  project.provide("emulatorUrl", demo.emulatorUrl);
  return () => demo.stop();
}
