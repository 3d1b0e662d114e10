import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RunResult } from "../model/types.js";
import { horizonYears, type ResolvedScenario } from "../scenario/resolve.js";
import type { Mode } from "../engine/run.js";
import type { WorkerJob } from "./worker.js";

type Counties = NonNullable<RunResult["counties"]>;

export interface ParallelOptions {
  mode: Mode;
  seed?: number;
  replicates?: number;
  /** Worker threads. __Default value:__ the machine's available parallelism */
  threads?: number;
  /** Overrides `model.registry.max_rows` in every worker. */
  maxRows?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the replicates of a scenario loaded from a file on worker threads: replicate ranges split evenly,
 * results merged in replicate order. Same numbers as `runEngine` in one thread (each replicate has its own
 * streams), which a test checks through the CLI.
 */
export async function runEngineParallel(
  s: ResolvedScenario,
  path: string,
  options: ParallelOptions,
): Promise<RunResult> {
  const t0 = performance.now();
  const seed = options.seed ?? s.seed;
  const R = options.replicates ?? s.replicates;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), R));
  const years = horizonYears(s);
  const T = years.length;
  const ranges: [number, number][] = [];
  for (let w = 0; w < threads; w++) ranges.push([Math.floor((w * R) / threads), Math.floor(((w + 1) * R) / threads)]);
  const done = new Array<number>(threads).fill(0);
  const parts = await Promise.all(
    ranges.map(
      ([a, b], w) =>
        new Promise<{
          metrics: Record<string, Float64Array>;
          counties: Counties;
          series?: Record<string, Float64Array>;
        }>((resolve, reject) => {
          const job: WorkerJob = {
            path,
            mode: options.mode,
            seed,
            firstReplicate: a,
            replicates: b - a,
            maxRows: options.maxRows,
          };
          const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: job });
          worker.on(
            "message",
            (m: {
              type: string;
              done?: number;
              metrics?: Record<string, Float64Array>;
              counties?: Counties;
              series?: Record<string, Float64Array>;
            }) => {
              if (m.type === "progress") {
                done[w] = m.done!;
                options.onProgress?.(
                  done.reduce((x, y) => x + y, 0),
                  R,
                );
              } else if (m.type === "done")
                resolve({ metrics: m.metrics!, counties: m.counties!, ...(m.series ? { series: m.series } : {}) });
            },
          );
          worker.on("error", reject);
          worker.on("exit", (code) => {
            if (code !== 0) reject(new Error(`tuopin: worker ${w} stopped with exit code ${code}`));
          });
        }),
    ),
  );
  // every array is replicate-major: join the workers' ranges in replicate order (`stride` values each)
  type Part = (typeof parts)[number];
  const joined = (pick: (p: Part) => Float64Array | undefined, stride: number): Float64Array | undefined => {
    if (!pick(parts[0])) return undefined;
    const all = new Float64Array(R * stride);
    parts.forEach((p, w) => all.set(pick(p)!, ranges[w][0] * stride));
    return all;
  };
  const metrics = Object.fromEntries(
    Object.keys(parts[0].metrics).map((name) => [name, joined((p) => p.metrics[name], T)!]),
  );
  const series = parts[0].series
    ? Object.fromEntries(Object.keys(parts[0].series).map((name) => [name, joined((p) => p.series![name], T)!]))
    : undefined;
  // county arrays: C values per (replicate, year); ids as the workers generated them
  const { ids, names, poor, deep } = parts[0].counties;
  const TC = T * ids.length;
  const poorPeople = joined((p) => p.counties.poorPeople, TC)!,
    exited = joined((p) => p.counties.exited, TC)!;
  const returns = joined((p) => p.counties.returns, TC),
    newPoor = joined((p) => p.counties.newPoor, TC),
    budget = joined((p) => p.counties.budget, TC);
  return {
    scenario: s,
    model: "household engine",
    mode: options.mode,
    seed,
    replicates: R,
    years,
    metrics,
    counties: {
      ids,
      names,
      poor,
      ...(deep ? { deep } : {}),
      poorPeople,
      exited,
      ...(returns ? { returns } : {}),
      ...(newPoor ? { newPoor } : {}),
      ...(budget ? { budget } : {}),
    },
    ...(series ? { series } : {}),
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}
