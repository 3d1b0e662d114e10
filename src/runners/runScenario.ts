import { loadRegions, type RegionTable } from "../data/regions.js";
import type { Mode } from "../engine/run.js";
import { runEngine } from "../funds/engine.js";
import { runEngineParallel } from "../funds/parallel.js";
import { checkScenarioFunds } from "../funds/rules.js";
import { availableParallelism } from "node:os";
import type { RunOptions, RunResult } from "../model/types.js";
import type { ResolvedScenario } from "../scenario/resolve.js";

/** How to simulate a scenario: the engine's options, which runs to make, and the regions. */
export interface SimulateOptions extends RunOptions {
  /** Which runs to make. __Default value:__ both, `["mechanistic", "target"]` */
  modes?: Mode[];
  regions?: RegionTable;
  /** Registry rows (overrides `model.registry.max_rows`; tests and quick looks). */
  maxRows?: number;
}

export interface ParallelSimulateOptions extends SimulateOptions {
  /** Worker threads; 1 runs in this thread. __Default value:__ the machine's available parallelism */
  threads?: number;
}

/**
 * Simulates one scenario in each mode, in this thread: one `RunResult` per mode, in the order of `modes`
 * (progress counts all of them). Summarising, charts and files are reporting's (reporting/scenarioRun.ts).
 */
export function simulateScenario(scenario: ResolvedScenario, options: SimulateOptions = {}): RunResult[] {
  // a money rule that cannot be computed stops here, before anything is simulated
  checkScenarioFunds(scenario);
  const modes = options.modes ?? ["mechanistic", "target"];
  const regions = options.regions ?? loadRegions();
  const R = options.replicates ?? scenario.replicates;
  return modes.map((mode, k) =>
    runEngine(scenario, {
      ...options,
      regions,
      mode,
      onProgress: options.onProgress && ((d) => options.onProgress!(k * R + d, modes.length * R)),
    }),
  );
}

/**
 * `simulateScenario` on worker threads, for a scenario loaded from its file (`scenario.files[0]`): the same
 * numbers as one thread, faster on several cores.
 */
export async function simulateScenarioParallel(
  scenario: ResolvedScenario,
  options: ParallelSimulateOptions = {},
): Promise<RunResult[]> {
  const threads = options.threads ?? availableParallelism();
  if (threads <= 1) return simulateScenario(scenario, options);
  checkScenarioFunds(scenario);
  const modes = options.modes ?? ["mechanistic", "target"];
  const R = options.replicates ?? scenario.replicates;
  const results: RunResult[] = [];
  for (const [k, mode] of modes.entries()) {
    results.push(
      await runEngineParallel(scenario, scenario.files[0].file, {
        mode,
        seed: options.seed,
        replicates: R,
        threads,
        onProgress: options.onProgress && ((d) => options.onProgress!(k * R + d, modes.length * R)),
      }),
    );
  }
  return results;
}
