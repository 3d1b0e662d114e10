/**
 * A worker thread of the Monte Carlo pool: loads the scenario from its file (so it resolves to exactly what
 * the main thread validated), regenerates the same seeded registry, runs a contiguous range of replicates
 * and posts back the metric arrays. Replicate r always uses the streams (seed, r + 1, block), so results are
 * identical to a serial run whatever the number of workers.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadRegions } from "../data/regions.js";
import { loadScenario } from "../scenario/resolve.js";
import type { Mode } from "../engine/run.js";
import { runEngine } from "./engine.js";

export interface WorkerJob {
  path: string;
  mode: Mode;
  seed: number;
  firstReplicate: number;
  replicates: number;
  maxRows?: number;
}

const job = workerData as WorkerJob;
const regions = loadRegions();
const s = loadScenario(job.path, { regions });
const result = runEngine(s, {
  regions,
  mode: job.mode,
  seed: job.seed,
  replicates: job.replicates,
  firstReplicate: job.firstReplicate,
  maxRows: job.maxRows,
  onProgress: (done) => parentPort!.postMessage({ type: "progress", done }),
});
const c = result.counties!;
const buffers = [
  ...Object.values(result.metrics).map((a) => a!.buffer as ArrayBuffer),
  ...Object.values(result.series ?? {}).map((a) => a.buffer as ArrayBuffer),
  c.poorPeople.buffer as ArrayBuffer,
  c.exited.buffer as ArrayBuffer,
  c.returns!.buffer as ArrayBuffer,
  c.newPoor!.buffer as ArrayBuffer,
  ...(c.budget ? [c.budget.buffer as ArrayBuffer] : []),
];
parentPort!.postMessage(
  { type: "done", metrics: result.metrics, counties: c, series: result.series, elapsedSeconds: result.elapsedSeconds },
  buffers,
);
