import { ValidationError } from "../errors.js";
import { binomial, normal, seededRng } from "../random/rng.js";
import { parameterAt, type ResolvedScenario } from "../scenario/resolve.js";
import type { RunOptions, RunResult } from "./types.js";

/**
 * SKELETON MODEL of yearly exits — a placeholder with honest arithmetic, to be replaced by the household
 * engine (DESIGN.md "The household engine"; issue "Poverty-count projection").
 *
 * The registered poor are one cohort. In year t each replicate draws its exit rate
 *     r_t ~ Normal(model.skeleton.exit_rate[t], model.skeleton.exit_rate_sd[t]), clipped to [0, 1],
 * once per replicate (a structural uncertainty: the rate is not known), and then
 *     exits_t ~ Binomial(poor_{t-1}, r_t),   poor_t = poor_{t-1} − exits_t.
 * Nobody enters or returns in this model, so people are conserved: poor_start = poor_end + Σ exits.
 * Villages and counties are not modelled here.
 */
export function runSkeleton(s: ResolvedScenario, options: RunOptions = {}): RunResult {
  const t0 = performance.now();
  const seed = options.seed ?? s.seed;
  const R = options.replicates ?? s.replicates;
  const years: number[] = [];
  for (let y = s.horizon.start; y <= s.horizon.end; y++) years.push(y);
  const T = years.length;

  // 1. Resolve every input before anything runs, so a missing value stops the run at once.
  const start = s.baseline.poor_people;
  if (!start) {
    throw new ValidationError([{ file: s.files[0].file, line: 0, column: 0, path: "baseline.poor_people", message: { zh: "缺少基线贫困人口 baseline.poor_people", en: "baseline.poor_people is required by the model; add it with its source" } }]);
  }
  const rate = years.map((y) => parameterAt(s, "model.skeleton.exit_rate", y));
  const sd = years.map((y) => parameterAt(s, "model.skeleton.exit_rate_sd", y));
  const rural = s.baseline.rural_population?.value;

  // 2. Allocate outputs once.
  const poor = new Float64Array(R * T);
  const exits = new Float64Array(R * T);
  const incidence = rural ? new Float64Array(R * T) : undefined;

  // 3. Step years, replicate by replicate, each with its own stream (seed, replicate).
  for (let r = 0; r < R; r++) {
    const rng = seededRng(seed, r);
    let p = Math.round(start.value);
    for (let t = 0; t < T; t++) {
      const rt = Math.min(1, Math.max(0, normal(rng, rate[t], sd[t])));
      const e = binomial(rng, p, rt);
      p -= e;
      exits[r * T + t] = e;
      poor[r * T + t] = p;
      if (incidence) incidence[r * T + t] = p / rural!;
    }
    options.onProgress?.(r + 1, R);
  }
  return {
    scenario: s,
    model: "skeleton",
    seed,
    replicates: R,
    years,
    metrics: { poor_people: poor, exits_people: exits, ...(incidence ? { incidence } : {}) },
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}
