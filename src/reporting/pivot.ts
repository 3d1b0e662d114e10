import type { Stat, TidyRow } from "./tidy.js";

/** The quantile band of tidy rows across replicates. */
export const BAND: readonly Stat[] = ["p10", "p50", "p90"];

/**
 * The one pivot of tidy rows to one record per year: `{ year, p10, p50, p90, … }`, sorted by year. Rows are
 * those of one series (the caller filters by scenario, mode, region and metric); only `stats` are kept, each
 * value times `scale`. `init` gives a year's record before its statistics (its fixed columns, in order).
 */
export function byYear<R extends { year: number } = { year: number }>(
  rows: readonly TidyRow[],
  stats: readonly Stat[] = BAND,
  options: { init?: (year: number) => R; scale?: number } = {},
): (R & Partial<Record<Stat, number>>)[] {
  const init = options.init ?? ((year: number) => ({ year }) as R);
  const scale = options.scale ?? 1;
  const records = new Map<number, R & Partial<Record<Stat, number>>>();
  for (const r of rows) {
    if (!stats.includes(r.stat)) continue;
    const o = records.get(r.year) ?? (init(r.year) as R & Partial<Record<Stat, number>>);
    o[r.stat] = r.value * scale;
    records.set(r.year, o);
  }
  return [...records.values()].sort((a, b) => a.year - b.year);
}
