import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RunResult } from "../model/types.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import type { Mode } from "./run.js";
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
export async function runEngineParallel(s: ResolvedScenario, path: string, options: ParallelOptions): Promise<RunResult> {
  const t0 = performance.now();
  const seed = options.seed ?? s.seed;
  const R = options.replicates ?? s.replicates;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), R));
  const years: number[] = [];
  for (let y = s.horizon.start; y <= s.horizon.end; y++) years.push(y);
  const T = years.length;
  const ranges: [number, number][] = [];
  for (let w = 0; w < threads; w++) ranges.push([Math.floor((w * R) / threads), Math.floor(((w + 1) * R) / threads)]);
  const done = new Array<number>(threads).fill(0);
  const parts = await Promise.all(
    ranges.map(([a, b], w) => new Promise<{ metrics: Record<string, Float64Array>; counties: Counties; series?: Record<string, Float64Array> }>((resolve, reject) => {
      const job: WorkerJob = { path, mode: options.mode, seed, firstReplicate: a, replicates: b - a, maxRows: options.maxRows };
      const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: job });
      worker.on("message", (m: { type: string; done?: number; metrics?: Record<string, Float64Array>; counties?: Counties; series?: Record<string, Float64Array> }) => {
        if (m.type === "progress") {
          done[w] = m.done!;
          options.onProgress?.(done.reduce((x, y) => x + y, 0), R);
        } else if (m.type === "done") resolve({ metrics: m.metrics!, counties: m.counties!, ...(m.series ? { series: m.series } : {}) });
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        if (code !== 0) reject(new Error(`tuopin: worker ${w} stopped with exit code ${code}`));
      });
    })),
  );
  const metrics: Record<string, Float64Array> = {};
  for (const name of Object.keys(parts[0].metrics)) {
    const all = new Float64Array(R * T);
    parts.forEach((p, w) => all.set(p.metrics[name], ranges[w][0] * T));
    metrics[name] = all;
  }
  // county arrays: same replicate-major layout, C values per (replicate, year); ids as the workers generated them
  let series: Record<string, Float64Array> | undefined;
  if (parts[0].series) {
    series = {};
    for (const name of Object.keys(parts[0].series)) {
      const all = new Float64Array(R * T);
      parts.forEach((p, w) => all.set(p.series![name], ranges[w][0] * T));
      series[name] = all;
    }
  }
  const { ids, names, poor, deep } = parts[0].counties;
  const C = ids.length;
  const poorPeople = new Float64Array(R * T * C), exited = new Float64Array(R * T * C);
  const budget = parts[0].counties.budget ? new Float64Array(R * T * C) : undefined;
  const returns = new Float64Array(R * T * C), newPoor = new Float64Array(R * T * C);
  parts.forEach((p, w) => {
    returns.set(p.counties.returns!, ranges[w][0] * T * C);
    newPoor.set(p.counties.newPoor!, ranges[w][0] * T * C);
    poorPeople.set(p.counties.poorPeople, ranges[w][0] * T * C);
    exited.set(p.counties.exited, ranges[w][0] * T * C);
    if (budget) budget.set(p.counties.budget!, ranges[w][0] * T * C);
  });
  return {
    scenario: s, model: "household engine", mode: options.mode, seed, replicates: R, years, metrics,
    counties: { ids, names, poor, ...(deep ? { deep } : {}), poorPeople, exited, returns, newPoor, ...(budget ? { budget } : {}) },
    ...(series ? { series } : {}),
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}
