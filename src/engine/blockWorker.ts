/**
 * A worker of `runReplicateOnThreads`: holds views of a shared registry and steps a fixed range of its
 * blocks, one year per message, each block with its own stream state (shared), summing per block, and
 * the year-end poor of its households by village (fixed point: exact whatever the split).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { YearParams } from "./params.js";
import type { Registry } from "./registry.js";
import { Acc, prepareStep, stepHouseholds } from "./step.js";

const { arrays, states, n, villages, blockSize, from, to } = workerData as {
  arrays: Record<string, unknown>;
  states: Uint32Array;
  n: number;
  villages: number;
  blockSize: number;
  from: number;
  to: number;
};
const reg = { ...arrays, n } as unknown as Registry;
parentPort!.on("message", (P: YearParams) => {
  const accs = new Float64Array((to - from) * Acc.size);
  const villagePoor = new Float64Array(villages);
  const step = prepareStep(P);
  for (let b = from; b < to; b++) {
    stepHouseholds({
      reg,
      lo: b * blockSize,
      hi: Math.min(n, (b + 1) * blockSize),
      step,
      state: states.subarray(b * 4, b * 4 + 4),
      acc: accs.subarray((b - from) * Acc.size, (b - from + 1) * Acc.size),
      measures: true,
      exits: true,
      villagePoor,
    });
  }
  parentPort!.postMessage({ accs, villagePoor }, [accs.buffer, villagePoor.buffer]);
});
