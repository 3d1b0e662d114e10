import { median as ssMedian } from "simple-statistics";
import type { RunResult } from "../model/types.js";
import type { TidyRow } from "./tidy.js";
import { targetIn } from "../scenario/resolve.js";
import { scenarioCommitments } from "../engine/commitments.js";

/** The few numbers a leader reads first, per scenario. */
export interface Headline {
  scenario: string;
  label: string;
  start_year: number;
  target_year: number;
  poor_start: number;
  poor_end_p10: number;
  poor_end_p50: number;
  poor_end_p90: number;
  exits_total_p50: number;
  /** The plan's remaining-poor target in the target year, if it has one. */
  target_remaining: number | null;
  /** Share of replicates meeting that target. */
  p_target_met: number | null;
  /** First year whose median meets the remaining-poor target of that year or the final one, if any. */
  year_met: number | null;
  /** Returns to poverty over the horizon, median across replicates. */
  returns_total_p50: number;
  /** Expected returns to poverty over the horizon (mean across replicates; small counts make the median 0). */
  returns_total_mean: number;
  /** Grants over the horizon by the plan's money rules, median across replicates; null without money rules. */
  funds_total_p50: number | null;
  /** Grants over the horizon per person exiting over the horizon (replicate by replicate, then the median);
   *  null without money rules or without exits. */
  cost_per_exit_p50: number | null;
  /** Target-following: what meeting the plan's quotas costs over the horizon (income gaps closed and
   *  guarantees put right), median across replicates; null without a target run. */
  target_cost_p50: number | null;
  /** The plan's commitments on the guarantees (src/engine/commitments.ts) with a deadline within the horizon:
   *  the median share of the horizon's starting stock still without the guarantee at the deadline, and
   *  whether that is more than the commitment leaves (1 − share, with half a percentage point of slack). */
  commitments?: CommitmentOutcome[];
}

export interface CommitmentOutcome {
  guarantee: string;
  complete_by: number;
  share: number;
  unmet_p50: number;
  missed: boolean;
}

/** Slack on a commitment's unmet share before it counts as missed (sampling of a finite registry). */
const COMMITMENT_SLACK = 0.005;

/** Each commitment with a deadline in the horizon, against the median unmet share at its deadline. */
function commitmentOutcomes(result: RunResult, get: (m: string, stat: string, y: number) => number | undefined) {
  const s = result.scenario;
  return scenarioCommitments(s)
    .filter((c) => c.by >= s.horizon.start && c.by <= s.horizon.end)
    .map((c): CommitmentOutcome => {
      const unmet = get(`guarantee_unmet_${c.guarantee}`, "p50", c.by) ?? NaN;
      return {
        guarantee: c.guarantee,
        complete_by: c.by,
        share: c.share,
        unmet_p50: unmet,
        missed: unmet > 1 - c.share + COMMITMENT_SLACK,
      };
    });
}

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

/**
 * The median across replicates, by simple-statistics (its type-7 quantile at 0.5, as the tidy rows' P50): for an
 * even count a + (b − a)/2 of the middle two, which is the former hand-written (a + b)/2 exactly for whole
 * numbers (people, yuan totals) and could differ in the last bit only for fractions (money per exit); the
 * headlines of the test fixtures and of the Anhui and Kunming plans (4–40 replicates) came out identical.
 * NaN when empty.
 */
const median = (xs: ArrayLike<number>) => (xs.length === 0 ? NaN : ssMedian(Array.from(xs)));

/** The median across replicates of a metric summed over the years. */
export function medianTotal(result: RunResult, metric: keyof RunResult["metrics"]): number {
  const totals = replicateTotals(result, metric);
  return totals ? median(totals) : NaN;
}

export function headline(result: RunResult, rows: TidyRow[], targetResult?: RunResult): Headline {
  const s = result.scenario;
  const end = s.horizon.end;
  const get = (metric: string, stat: string, year: number) =>
    rows.find((r) => r.region === s.region.id && r.metric === metric && r.stat === stat && r.year === year)?.value;
  const target = targetIn(s, "poor_remaining", end)?.value ?? null;
  let yearMet: number | null = null;
  if (target !== null) {
    for (const y of result.years) {
      const p50 = get("poor_people", "p50", y);
      if (p50 !== undefined && p50 <= target) {
        yearMet = y;
        break;
      }
    }
  }
  const grants = replicateTotals(result, "funds_grants");
  const exits = replicateTotals(result, "exits_people");
  const hasMoney = s.funds.size > 0 && grants !== undefined && exits !== undefined;
  const mean = (xs: Float64Array | undefined) => (xs && xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    scenario: s.id,
    label: s.label,
    start_year: s.horizon.start,
    target_year: end,
    poor_start: s.baseline.poor_people?.value ?? NaN,
    poor_end_p10: get("poor_people", "p10", end) ?? NaN,
    poor_end_p50: get("poor_people", "p50", end) ?? NaN,
    poor_end_p90: get("poor_people", "p90", end) ?? NaN,
    exits_total_p50: medianTotal(result, "exits_people"),
    returns_total_p50: medianTotal(result, "returns_people"),
    returns_total_mean: mean(replicateTotals(result, "returns_people")),
    funds_total_p50: hasMoney ? median(grants!) : null,
    cost_per_exit_p50: hasMoney
      ? ((x) => (Number.isFinite(x) ? x : null))(
          median(Array.from(grants!, (g, r) => g / exits![r]).filter(Number.isFinite)),
        )
      : null,
    // a plan without yearly quotas (people_exit or poor_remaining targets) has no cost of meeting them
    target_cost_p50:
      targetResult && (s.targets.people_exit || s.targets.poor_remaining)
        ? medianTotal(targetResult, "target_cost")
        : null,
    target_remaining: target,
    p_target_met: target === null ? null : (get("poor_people", "p_met", end) ?? null),
    year_met: yearMet,
    commitments: commitmentOutcomes(result, get),
  };
}

/** A plain-text table for the terminal. */
export function formatHeadlines(hs: Headline[]): string {
  const fmt = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : Math.round(x).toLocaleString("en-US"));
  const header = [
    "scenario",
    "years",
    "poor at start",
    "poor at end P10 / P50 / P90",
    "target",
    "P(met)",
    "met in",
    "returns",
    "quotas cost (yuan)",
  ];
  const body = hs.map((h) => [
    h.scenario,
    `${h.start_year}–${h.target_year}`,
    fmt(h.poor_start),
    `${fmt(h.poor_end_p10)} / ${fmt(h.poor_end_p50)} / ${fmt(h.poor_end_p90)}`,
    fmt(h.target_remaining),
    h.p_target_met === null ? "—" : `${Math.round(h.p_target_met * 100)}%`,
    h.year_met === null ? (h.target_remaining === null ? "—" : "not met") : String(h.year_met),
    fmt(h.returns_total_p50),
    h.target_cost_p50 === null ? "—" : fmt(h.target_cost_p50),
  ]);
  const widths = header.map((_, k) => Math.max(header[k].length, ...body.map((b) => b[k].length)));
  const line = (cells: string[]) =>
    cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ");
  // a line under the table for each commitment missed at its deadline
  const missed = hs.flatMap((h) =>
    (h.commitments ?? [])
      .filter((c) => c.missed)
      .map(
        (c) =>
          `${h.scenario}: commitment missed: ${c.guarantee} by ${c.complete_by} ` +
          `(${c.share === 1 ? "all" : `${Math.round(c.share * 100)}%`} of the unmet put right); ` +
          `${(c.unmet_p50 * 100).toFixed(1)}% of the unmet at the start still unmet (P50)`,
      ),
  );
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line), ...missed].join("\n");
}
