import type { ResolvedScenario } from "../scenario/resolve.js";

/** Metric names of tidy rows (snake_case nouns) and their units. */
export const METRICS = {
  poor_people: { unit: "people", zh: "贫困人口（年末）", en: "Poor people (year end)" },
  exits_people: { unit: "people", zh: "当年脱贫人口", en: "People exiting in the year" },
  incidence: { unit: "/1", zh: "贫困发生率", en: "Poverty incidence" },
} as const;
export type Metric = keyof typeof METRICS;

/**
 * The raw output of a run: for each metric a replicate-major matrix, `values[r * years.length + t]`.
 */
export interface RunResult {
  scenario: ResolvedScenario;
  model: string;
  seed: number;
  replicates: number;
  years: number[];
  metrics: Partial<Record<Metric, Float64Array>>;
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
