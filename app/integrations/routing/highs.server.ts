import highsLoader from "highs";
import type { MilpSolver } from "~/engine/routing/batch";

let loading: Promise<MilpSolver> | undefined;

/** The HiGHS WebAssembly solver, loaded once per process (the wasm is read from node_modules). */
export function loadMilpSolver(): Promise<MilpSolver> {
  loading ??= highsLoader() as Promise<MilpSolver>;
  return loading;
}
