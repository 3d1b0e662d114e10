import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RunResult } from "../model/types.js";
import { seedState } from "../random/rng.js";
import { horizonYears, type ResolvedScenario } from "../scenario/resolve.js";
import { yearParams } from "./params.js";
import { withProgrammes } from "./programmes.js";
import { HOUSEHOLD_FIELDS, type Registry } from "./registry.js";
import { recordMetrics, recordYear, YEAR_METRICS } from "./run.js";
import { Acc } from "./step.js";
import { withListedVillages } from "./villages.js";

/**
 * One replicate of a very large registry (generated with `shared: true`) stepped on several threads: each
 * worker owns a contiguous range of 4096-household blocks for the whole run; per year the main thread sends
 * the year's parameters, sums the per-block totals in block order and the workers' village sums, and
 * applies the village and county rules (no pass over the households on the main thread).
 * Each block keeps its stream (seed, 1, block), so the numbers equal a serial
 * `runEngine(… replicates: 1, inPlace: true)` (checked in test/engine/threads.test.ts). Mechanistic mode.
 */
export async function runReplicateOnThreads(
  s: ResolvedScenario,
  reg: Registry,
  options: { seed?: number; threads?: number; blockSize?: number } = {},
): Promise<RunResult> {
  const t0 = performance.now();
  if (!(reg.weight.buffer instanceof SharedArrayBuffer))
    throw new Error("runReplicateOnThreads needs a registry generated with { shared: true }");
  if (s.funds.size > 0)
    throw new Error(
      `runReplicateOnThreads steps measures at their scenario coverages and cannot apply money rules; ` +
        `${s.id} has ${s.funds.size}: use runEngine or runEngineParallel`,
    );
  const seed = options.seed ?? s.seed;
  const B = options.blockSize ?? 4096;
  const years = horizonYears(s);
  const params = withListedVillages(
    reg,
    years.map((y) => yearParams(s, y)),
  );
  const blocks = Math.ceil(reg.n / B);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), blocks));
  const states = new Uint32Array(new SharedArrayBuffer(blocks * 16));
  for (let b = 0; b < blocks; b++) states.set(seedState(seed, 1, b), b * 4);
  const arrays = Object.fromEntries(HOUSEHOLD_FIELDS.map((f) => [f, reg[f]]));
  const workers = Array.from({ length: threads }, (_, w) => {
    const from = Math.floor((w * blocks) / threads),
      to = Math.floor(((w + 1) * blocks) / threads);
    return new Worker(new URL("./blockWorker.js", import.meta.url), {
      workerData: { arrays, states, n: reg.n, villages: reg.villages.n, blockSize: B, from, to },
    });
  });
  const metrics = Object.fromEntries(YEAR_METRICS.map((m) => [m, new Float64Array(years.length)])) as Record<
    (typeof YEAR_METRICS)[number],
    Float64Array
  >;
  try {
    for (const [t, P] of params.entries()) {
      // the plan's programmes against the registry as it stands (one pass on the main thread, only when the
      // year has programmes)
      const Pt = withProgrammes(P, reg);
      const parts = await Promise.all(
        workers.map(
          (wk) =>
            new Promise<{ accs: Float64Array; villagePoor: Float64Array }>((resolve, reject) => {
              wk.once("message", resolve);
              wk.once("error", reject);
              wk.postMessage(Pt);
            }),
        ),
      );
      // per-block totals in block order (as a serial run adds them); village sums are integers (exact)
      const acc = new Float64Array(Acc.size);
      for (const { accs } of parts)
        for (let j = 0; j < accs.length; j += Acc.size) for (let k = 0; k < Acc.size; k++) acc[k] += accs[j + k];
      const villagePoor = parts[0].villagePoor;
      for (const p of parts.slice(1)) for (let v = 0; v < villagePoor.length; v++) villagePoor[v] += p.villagePoor[v];
      recordMetrics(metrics, t, recordYear(reg, P, { villagePoor, poorHouseholds: acc[Acc.poorHouseholds] }), acc);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return {
    scenario: s,
    model: "household engine",
    mode: "mechanistic",
    seed,
    replicates: 1,
    years,
    metrics,
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}
