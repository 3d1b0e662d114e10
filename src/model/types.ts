import type { ResolvedScenario } from "../scenario/resolve.js";

export { METRICS, type Metric } from "./metrics.js";
import type { Metric } from "./metrics.js";

/**
 * The raw output of a run: for each metric a replicate-major matrix, `values[r * years.length + t]`.
 */
export interface RunResult {
  scenario: ResolvedScenario;
  model: string;
  /** How exits were decided: "mechanistic" or "target" (the plan's quotas). */
  mode: string;
  seed: number;
  replicates: number;
  years: number[];
  metrics: Partial<Record<Metric, Float64Array>>;
  /** Per county (the scenario's counties, in `counties.ids` order): poor people at year end, and 1 where the
   *  county has exited by then; arrays `[(r * years.length + t) * counties.n + c]`. */
  counties?: {
    ids: string[];
    names: string[];
    poor: Uint8Array;
    deep?: Uint8Array;
    poorPeople: Float64Array;
    exited: Float64Array;
    returns?: Float64Array;
    newPoor?: Float64Array;
    budget?: Float64Array;
  };
  /** Money series `[r * years.length + t]`, in yuan: one per rule (`fund.<rule id>`, grants and loans) and
   *  per measure (`spend.<measure>`, what the budget puts into it). Present when the scenario has money rules. */
  series?: Record<string, Float64Array>;
  /** Seconds spent simulating (not written to byte-compared outputs). */
  elapsedSeconds: number;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's replicate count. */
  replicates?: number;
  /** Called after each replicate with (done, total). */
  onProgress?: (done: number, total: number) => void;
}
