/**
 * The headline of the aligned run (mode "target", src/engine/align.ts): whether the plan's quotas can be met,
 * what meeting them takes, and what it costs in wrong exits. Read replicate by replicate from the run's
 * metrics (`[r * years + t]`, NaN in years without a quota), so that shares of replicates are exact.
 */
import type { Metric, RunResult } from "../model/types.js";
import { median, replicateTotals } from "./replicates.js";

/** A shortfall of at most half a person counts as met (quotas are whole people, exits sums of households). */
const MET_SLACK = 0.5;

/** One quota year of the aligned run: medians across replicates, and the share feasible. */
export interface AlignedYear {
  year: number;
  quota: number;
  aligned_p50: number;
  shortfall_p50: number;
  p_feasible: number;
  effort_p50: number;
  wrong_exit_rate_p50: number;
  /** null where the plan has no money rules. */
  money_beyond_rules_p50: number | null;
}

export interface AlignedHeadline {
  /** Share of replicates meeting every quota year (shortfall ≤ 0.5 person in each). */
  p_met: number;
  last_quota_year: number;
  /** Share of replicates whose last quota year is feasible (align_feasible = 1). */
  p_feasible: number;
  /** The last quota year's shortfall, median across replicates (people). */
  shortfall_p50: number;
  /** Each replicate's largest yearly shortfall, median across replicates (people). */
  shortfall_worst_p50: number;
  /** Each replicate's largest yearly effort (align_shift), median across replicates (yuan per person). */
  effort_p50: number;
  /** The bound on the effort in the last quota year: model.alignment.effort_max × the poverty line. */
  effort_max: number;
  /** Money the quotas take beyond what the rules bring, replicate totals' median; null without money rules. */
  money_beyond_rules_p50: number | null;
  /** What meeting the quotas costs over the horizon, replicate totals' median (yuan). */
  target_cost_p50: number;
  /** Each replicate's mean rate over the quota years, median across replicates; and the largest yearly P50. */
  wrong_exit_rate_p50: number;
  wrong_exit_rate_max: number;
  missed_poor_rate_p50: number;
  missed_poor_rate_max: number;
  /** The county assessment's limit on the wrong-exit rate (exit.county_wrong_exit_max, last quota year). */
  wrong_exit_limit: number;
  /** Share of replicates where each constraint binds in the last quota year. */
  binding: { shift: number; eligible: number; money: number };
  /** The poor left at the horizon's end by reason, medians across replicates (people). */
  remaining: { income_gap: number; no_labour: number; guarantee: number };
  years: AlignedYear[];
}

/** A metric's values across replicates in year index t (empty when the run lacks the metric). */
function column(result: RunResult, metric: Metric, t: number): number[] {
  const m = result.metrics[metric];
  const T = result.years.length;
  return m ? Array.from({ length: result.replicates }, (_, r) => m[r * T + t]) : [];
}

/** Per replicate, a reduction of a metric over the given year indices (NaN years left out; NaN if none). */
function perReplicate(result: RunResult, metric: Metric, ts: number[], f: (xs: number[]) => number): number[] {
  const cols = ts.map((t) => column(result, metric, t));
  return Array.from({ length: result.replicates }, (_, r) => {
    const xs = cols.map((c) => c[r]).filter(Number.isFinite);
    return xs.length ? f(xs) : NaN;
  });
}

const finite = (xs: number[]) => xs.filter(Number.isFinite);
/** Share of the replicates (those with a value) where a 0/1 metric is 1. */
const share = (xs: number[]) => ((ys) => (ys.length ? ys.filter((x) => x === 1).length / ys.length : NaN))(finite(xs));
const p50 = (xs: number[]) => median(finite(xs));
const maxOf = (xs: number[]) => Math.max(...xs);
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The median, or null where every value is NaN (a plan without money rules has no money beyond them). */
const p50OrNull = (xs: number[]) => (finite(xs).length ? p50(xs) : null);

/** A scenario parameter's value in a year (NaN when the scenario lacks it). */
const param = (result: RunResult, path: string, year: number) =>
  result.scenario.parameters.get(path)?.atYear(year) ?? NaN;

/** A rate over the quota years: each replicate's mean, median across replicates; and the largest yearly P50. */
function rate(result: RunResult, metric: Metric, ts: number[]) {
  return {
    p50: p50(perReplicate(result, metric, ts, meanOf)),
    max: maxOf(ts.map((t) => p50(column(result, metric, t)))),
  };
}

function alignedYear(result: RunResult, t: number): AlignedYear {
  const col = (m: Metric) => column(result, m, t);
  return {
    year: result.years[t],
    quota: p50(col("quota_people")),
    aligned_p50: p50(col("aligned_exits_people")),
    shortfall_p50: p50(col("align_shortfall")),
    p_feasible: share(col("align_feasible")),
    effort_p50: p50(col("align_shift")),
    wrong_exit_rate_p50: p50(col("wrong_exit_rate")),
    money_beyond_rules_p50: p50OrNull(col("target_money_beyond_rules")),
  };
}

/**
 * The aligned run's headline; null when no year has a quota (nothing to align). The bound on the effort is
 * read as the engine reads it (src/engine/params.ts: `model.alignment.effort_max` × `income.poverty_line`).
 */
export function alignedHeadline(result: RunResult): AlignedHeadline | null {
  const ts = result.years.map((_, t) => t).filter((t) => finite(column(result, "quota_people", t)).length > 0);
  if (ts.length === 0) return null;
  const last = ts[ts.length - 1];
  const year = result.years[last];
  const at = (m: Metric, t = last) => column(result, m, t);
  const shortfalls = perReplicate(result, "align_shortfall", ts, maxOf);
  const beyond = replicateTotals(result, "target_money_beyond_rules");
  const anyMoney = ts.some((t) => finite(at("target_money_beyond_rules", t)).length > 0);
  const [wrong, missed] = [rate(result, "wrong_exit_rate", ts), rate(result, "missed_poor_rate", ts)];
  const end = result.years.length - 1;
  return {
    p_met: share(shortfalls.map((x) => Number(!(x > MET_SLACK)))),
    last_quota_year: year,
    p_feasible: share(at("align_feasible")),
    shortfall_p50: p50(at("align_shortfall")),
    shortfall_worst_p50: p50(shortfalls),
    effort_p50: p50(perReplicate(result, "align_shift", ts, maxOf)),
    effort_max: param(result, "model.alignment.effort_max", year) * param(result, "income.poverty_line", year),
    money_beyond_rules_p50: anyMoney && beyond ? median(beyond) : null,
    target_cost_p50: median(replicateTotals(result, "target_cost") ?? []),
    wrong_exit_rate_p50: wrong.p50,
    wrong_exit_rate_max: wrong.max,
    missed_poor_rate_p50: missed.p50,
    missed_poor_rate_max: missed.max,
    wrong_exit_limit: param(result, "exit.county_wrong_exit_max", year),
    binding: {
      shift: share(at("align_binding_shift")),
      eligible: share(at("align_binding_eligible")),
      money: share(at("align_binding_money")),
    },
    remaining: {
      income_gap: p50(at("remaining_income_gap", end)),
      no_labour: p50(at("remaining_no_labour", end)),
      guarantee: p50(at("remaining_guarantee", end)),
    },
    years: ts.map((t) => alignedYear(result, t)),
  };
}
