import { median as ssMedian } from "simple-statistics";
import type { RunResult } from "../model/types.js";

/**
 * The median across replicates, by simple-statistics (its type-7 quantile at 0.5, as the tidy rows' P50): for an
 * even count a + (b − a)/2 of the middle two, which is the former hand-written (a + b)/2 exactly for whole
 * numbers (people, yuan totals) and could differ in the last bit only for fractions (money per exit); the
 * headlines of the test fixtures and of the Anhui and Kunming plans (4–40 replicates) came out identical.
 * NaN when empty. The headline and the aligned headline share it, so their medians are the same statistic.
 */
export const median = (xs: ArrayLike<number>) => (xs.length === 0 ? NaN : ssMedian(Array.from(xs)));

/** Per replicate, a metric summed over the years (NaN years left out). */
export function replicateTotals(result: RunResult, metric: keyof RunResult["metrics"]): Float64Array | undefined {
  const m = result.metrics[metric];
  if (!m) return undefined;
  const T = result.years.length;
  const totals = new Float64Array(result.replicates);
  for (let r = 0; r < result.replicates; r++)
    for (let t = 0; t < T; t++) if (Number.isFinite(m[r * T + t])) totals[r] += m[r * T + t];
  return totals;
}

/** The median across replicates of a metric summed over the years. */
export function medianTotal(result: RunResult, metric: keyof RunResult["metrics"]): number {
  const totals = replicateTotals(result, metric);
  return totals ? median(totals) : NaN;
}
