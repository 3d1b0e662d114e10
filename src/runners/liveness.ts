/**
 * Which parameters move the simulation: each parameter in force is moved to an extreme of its range, one at
 * a time, and the scenario is simulated again on the same seeds (paired); a parameter is live when any
 * output of either mode (every metric, money series and county value, every replicate and year) changes,
 * dead when none does. A dead parameter is a lever that silently does nothing: the plan states a number
 * and the projection cannot answer it (issue 13 wires or declares each). `scripts/liveness.mjs` prints the
 * audit of every scenario.
 */
import { loadRegions, type RegionTable } from "../data/regions.js";
import type { RunResult } from "../model/types.js";
import { PARAMETERS } from "../parameters/catalog.js";
import { yearStart } from "../parameters/period.js";
import { overrideParameter } from "../scenario/override.js";
import { setByPlan } from "../scenario/context.js";
import { horizonYears, type ResolvedScenario } from "../scenario/resolve.js";
import { simulateScenario } from "./runScenario.js";

export interface LivenessOptions {
  regions?: RegionTable;
  /** Replicates of every run. __Default value:__ 2 */
  replicates?: number;
  /** Registry rows, at most (a scenario's `model.registry.max_rows` below it wins). __Default value:__ 2000 */
  maxRows?: number;
  /** Only these paths. __Default value:__ every parameter in force during the horizon */
  paths?: string[];
  /** Called after each parameter with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface Liveness {
  path: string;
  /** Whether a file of the scenario's own chain sets it (not only scenarios/base/defaults.yaml). */
  setByPlan: boolean;
  /** The value in force in the first horizon year that has one, and the extremes it was moved to. */
  value: number;
  moved: number[];
  live: boolean;
  /** The outputs that changed (metric names, `series.<name>`, `counties.<field>`), when live. */
  outputs: string[];
}

/** The extremes a parameter is moved to, each in turn: a share to 0 and to 1, a count, amount or switch to 0
 *  and to ten times its value (1 when it is 0), within the catalog's bounds (a ratio such as the floor's up to
 *  its maximum); its own value is skipped. */
export function extremesOf(path: string, value: number): number[] {
  const def = PARAMETERS[path];
  const high = def?.unit === "/1" ? (def.max ?? 1) : Math.min(def?.max ?? Infinity, value === 0 ? 1 : value * 10);
  return [Math.max(def?.min ?? 0, 0), high].filter((x) => x !== value);
}

/** The outputs of two runs that differ (same seeds, so any difference is the parameter's doing). */
function changedOutputs(a: RunResult[], b: RunResult[]): string[] {
  const out = new Set<string>();
  const differ = (x: ArrayLike<number> | undefined, y: ArrayLike<number> | undefined) => {
    if (x === undefined || y === undefined) return x !== y;
    if (x.length !== y.length) return true;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return true;
    return false;
  };
  a.forEach((ra, k) => {
    const rb = b[k];
    for (const [m, v] of Object.entries(ra.metrics))
      if (differ(v, rb.metrics[m as keyof typeof rb.metrics])) out.add(m);
    for (const [n, v] of Object.entries(ra.series ?? {})) if (differ(v, rb.series?.[n])) out.add(`series.${n}`);
    for (const f of ["poorPeople", "exited", "returns", "newPoor", "budget"] as const)
      if (differ(ra.counties?.[f], rb.counties?.[f])) out.add(`counties.${f}`);
  });
  return [...out].sort();
}

/** The liveness of every parameter in force during the horizon (or of `options.paths`). */
export function leverLiveness(s: ResolvedScenario, options: LivenessOptions = {}): Liveness[] {
  const regions = options.regions ?? loadRegions();
  const auditRows = options.maxRows ?? 2000;
  // the audit's row count caps the scenario's own model.registry.max_rows (so that one is audited too)
  const run = (x: ResolvedScenario) => ({
    regions,
    replicates: options.replicates ?? 2,
    maxRows: Math.min(auditRows, x.parameters.get("model.registry.max_rows")?.atYear(x.horizon.start) ?? Infinity),
  });
  const base = simulateScenario(s, run(s));
  const paths = options.paths ?? [...s.parameters.keys()].filter((p) => PARAMETERS[p] !== undefined).sort();
  return paths.map((path, k) => {
    options.onProgress?.(k + 1, paths.length);
    const p = s.parameters.get(path);
    // the first year of the horizon in which it has a value (an epidemic's share may start in 2020)
    const from = horizonYears(s).find((y) => p?.entryAt(yearStart(y)) !== undefined);
    const value = from === undefined ? undefined : p?.entryAt(yearStart(from))?.value;
    if (p === undefined || from === undefined || value === undefined) {
      return { path, setByPlan: false, value: NaN, moved: [], live: false, outputs: [] };
    }
    const moved = extremesOf(path, value);
    const changed = new Set<string>();
    for (const x of moved) {
      const variant = overrideParameter(
        s,
        path,
        [{ from, value: x }],
        { assumption: "liveness audit: the parameter at an extreme" },
        "liveness",
      );
      for (const o of changedOutputs(base, simulateScenario(variant, run(variant)))) changed.add(o);
    }
    const outputs = [...changed].sort();
    return { path, setByPlan: setByPlan(p), value, moved, live: outputs.length > 0, outputs };
  });
}
