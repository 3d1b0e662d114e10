import { quantileSorted } from "simple-statistics";
import { METRICS, type Metric, type RunResult } from "../model/types.js";
import type { TargetBound } from "../scenario/types.js";
import { TARGETS } from "../parameters/catalog.js";
import { targetIn } from "../scenario/resolve.js";
import type { Observation } from "../data/observed.js";
import { toCsv } from "./csv.js";

/** Statistics in tidy rows: quantile bands across replicates, the mean, plan targets, observations. */
export type Stat = "p10" | "p50" | "p90" | "mean" | "target" | "p_met" | "observed" | "plan_path";

/** One long-format row: the unit of exchange between the model and every table, chart and export. */
export interface TidyRow {
  scenario: string;
  /** "mechanistic" (exits emerge from incomes and guarantees) or "target" (the plan's quotas set them). */
  mode: string;
  region: string;
  year: number;
  metric: string;
  stat: Stat;
  value: number;
  unit: string;
}

/** Tolerance of an "about" target (the plan's 约/左右). assumption: ±10%, a common reading of "about". */
export const ABOUT_TOLERANCE = 0.1;

/** Whether a projected value meets a target read with its bound. */
export function meets(value: number, target: number, bound: TargetBound): boolean {
  switch (bound) {
    case "at_least":
      return value >= target;
    case "at_most":
      return value <= target;
    case "exactly":
      return value === target;
    case "about":
      return Math.abs(value - target) <= ABOUT_TOLERANCE * Math.max(target, 1);
  }
}

const round = (x: number, digits = 6) => Number(x.toFixed(digits));

/** The quantile band of tidy rows: its statistics and their probabilities. */
const BAND_QUANTILES = [
  ["p10", 0.1],
  ["p50", 0.5],
  ["p90", 0.9],
] as const;

/**
 * P10, P50 and P90 of values sorted ascending, rounded to `digits` decimals: simple-statistics' `quantileSorted`
 * (R's and numpy's default, type 7, interpolating linearly between the order statistics around (n − 1)·p).
 * Every quantile across replicates in the tidy rows (and the paired differences) comes from here.
 */
export function bandOf(sorted: readonly number[], digits = 2): { stat: "p10" | "p50" | "p90"; value: number }[] {
  return BAND_QUANTILES.map(([stat, q]) => ({ stat, value: round(quantileSorted(sorted as number[], q), digits) }));
}

/**
 * Summarises a run into tidy rows: P10/P50/P90 (`bandOf`) and mean per metric and year, the plan's targets,
 * and for each target the share of replicates that meet it (`p_met`).
 */
export function tidyRows(result: RunResult, observations: Observation[] = []): TidyRow[] {
  const s = result.scenario;
  const rows: TidyRow[] = [];
  const T = result.years.length;
  const base = { scenario: s.id, mode: result.mode, region: s.region.id };
  const metricNames = Object.keys(result.metrics) as Metric[];
  const column = new Float64Array(result.replicates);
  for (const metric of metricNames) {
    const m = result.metrics[metric]!;
    const unit = METRICS[metric].unit;
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < result.replicates; r++) column[r] = m[r * T + t];
      // undefined values (NaN: money per exit in a year without exits, money metrics without money rules)
      // are left out; a year with none gives no rows
      const arr = Array.from(column)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      if (arr.length === 0) continue;
      let sum = 0;
      for (const v of arr) sum += v;
      const year = result.years[t];
      const digits = unit === "/1" ? 8 : 2;
      for (const { stat, value } of bandOf(arr, digits)) rows.push({ ...base, year, metric, stat, value, unit });
      rows.push({ ...base, year, metric, stat: "mean", value: round(sum / arr.length, digits), unit });
    }
  }
  // per county: poor people (quantiles across replicates) and the probability of having exited
  if (result.counties) {
    const { ids, poor, poorPeople, exited } = result.counties;
    const C = ids.length;
    const col = new Array<number>(result.replicates);
    for (let c = 0; c < C; c++) {
      for (let t = 0; t < T; t++) {
        const year = result.years[t];
        for (let r = 0; r < result.replicates; r++) col[r] = poorPeople[(r * T + t) * C + c];
        const sorted = [...col].sort((a, b) => a - b);
        const row = { scenario: s.id, mode: result.mode, region: ids[c], year, unit: "people" };
        for (const { stat, value } of bandOf(sorted)) rows.push({ ...row, metric: "poor_people", stat, value });
        if (poor[c]) {
          let e = 0;
          for (let r = 0; r < result.replicates; r++) e += exited[(r * T + t) * C + c];
          rows.push({
            ...row,
            metric: "county_exited",
            stat: "mean",
            value: round(e / result.replicates, 6),
            unit: "/1",
          });
        }
      }
    }
  }
  // money: per rule and per measure (yuan), and each county's allocation
  const band = (values: (r: number) => number, row: Omit<TidyRow, "stat" | "value">) => {
    const col = Array.from({ length: result.replicates }, (_, r) => values(r)).sort((a, b) => a - b);
    for (const { stat, value } of bandOf(col)) rows.push({ ...row, stat, value });
  };
  for (const [name, m] of Object.entries(result.series ?? {})) {
    for (let t = 0; t < T; t++)
      band((r) => m[r * T + t], { ...base, year: result.years[t], metric: name, unit: "yuan" });
  }
  if (result.counties?.returns && result.counties.newPoor) {
    const { ids, returns, newPoor } = result.counties;
    const C = ids.length;
    for (let c = 0; c < C; c++) {
      for (let t = 0; t < T; t++) {
        const row = { scenario: s.id, mode: result.mode, region: ids[c], year: result.years[t], unit: "people" };
        band((r) => returns[(r * T + t) * C + c], { ...row, metric: "returns_people" });
        band((r) => newPoor[(r * T + t) * C + c], { ...row, metric: "new_poor_people" });
      }
    }
  }
  if (result.counties?.budget) {
    const { ids, budget } = result.counties;
    const C = ids.length;
    for (let c = 0; c < C; c++) {
      for (let t = 0; t < T; t++)
        band((r) => budget[(r * T + t) * C + c], {
          scenario: s.id,
          mode: result.mode,
          region: ids[c],
          year: result.years[t],
          metric: "allocation",
          unit: "yuan",
        });
    }
  }
  for (const [kind, targets] of Object.entries(s.targets)) {
    const def = TARGETS[kind];
    // targets whose metric the model does not produce yet are still listed, under the target kind's name
    const metric = def.metric ?? kind;
    for (const tv of targets) {
      rows.push({ ...base, year: tv.year, metric, stat: "target", value: tv.value, unit: tv.unit });
      const m = result.metrics[metric as Metric];
      const t = result.years.indexOf(tv.year);
      if (m && t >= 0) {
        let met = 0;
        for (let r = 0; r < result.replicates; r++) if (meets(m[r * T + t], tv.value, tv.bound)) met++;
        rows.push({
          ...base,
          year: tv.year,
          metric,
          stat: "p_met",
          value: round(met / result.replicates, 6),
          unit: "/1",
        });
      }
    }
  }
  const path = planPath(result);
  for (const [year, value] of path.length > 1 ? path : []) {
    rows.push({ ...base, year, metric: "poor_people", stat: "plan_path", value, unit: "people" });
  }
  for (const o of observations) {
    if (o.region === s.region.id && o.metric in METRICS) {
      rows.push({ ...base, year: o.year, metric: o.metric, stat: "observed", value: o.value, unit: o.unit });
    }
  }
  return rows;
}

/** The columns of tidy rows, in CSV order. */
export const TIDY_COLUMNS = ["scenario", "mode", "region", "year", "metric", "stat", "value", "unit"] as const;

/** Tidy rows to CSV text, UTF-8 with a BOM so that Excel shows Chinese. */
export function rowsToCsv(rows: TidyRow[]): string {
  return toCsv(TIDY_COLUMNS, rows);
}

/**
 * The plan's implied path of remaining poor people at each year end: the baseline minus the cumulative
 * yearly exit quotas (`targets.people_exit`), and the explicit `targets.poor_remaining` where given (which
 * wins), starting from the baseline at the end of the year before the horizon. The path stops at the first year
 * with neither, since the plan says nothing beyond.
 */
export function planPath(result: RunResult): [number, number][] {
  const s = result.scenario;
  const start = s.baseline.poor_people?.value;
  if (start === undefined) return [];
  // the baseline is the state on 1 January of the first year, i.e. at the end of the year before
  const out: [number, number][] = [[s.horizon.start - 1, start]];
  let remaining = start;
  for (const year of result.years) {
    const explicit = targetIn(s, "poor_remaining", year)?.value;
    const quota = targetIn(s, "people_exit", year)?.value;
    if (explicit !== undefined) remaining = explicit;
    else if (quota !== undefined) remaining = Math.max(0, remaining - quota);
    else break;
    out.push([year, remaining]);
  }
  return out;
}
