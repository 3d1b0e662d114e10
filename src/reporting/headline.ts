import type { RunResult } from "../model/types.js";
import type { TidyRow } from "./tidy.js";
import { targetIn } from "../scenario/resolve.js";
import { scenarioCommitments } from "../engine/commitments.js";
import { median, medianTotal, replicateTotals } from "./replicates.js";
import { alignedHeadline, type AlignedHeadline } from "./aligned.js";

export { replicateTotals, medianTotal };

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
  /** What meeting the plan's quotas takes (src/reporting/aligned.ts); null without a quota year, absent without
   *  a target run. */
  aligned?: AlignedHeadline | null;
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
  const aligned = targetResult ? alignedHeadline(targetResult) : undefined;
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
    target_cost_p50: aligned?.target_cost_p50 ?? null,
    ...(targetResult ? { aligned } : {}),
    target_remaining: target,
    p_target_met: target === null ? null : (get("poor_people", "p_met", end) ?? null),
    year_met: yearMet,
    commitments: commitmentOutcomes(result, get),
  };
}

/** A share as a percentage with `digits` decimals ("—" for NaN). */
const pctOf = (x: number, digits: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "—");
const pct = (x: number) => pctOf(x, 0);

/** What a quota falls short by: the bound on the effort, or too few poor left. Money beyond the rules is paid,
 *  not a cause of a shortfall, so it is not listed here (it is in the headline's `binding.money`). */
const BINDING_TEXT = { shift: "the largest effort", eligible: "the poor left" } as const;

/**
 * Lines under the table for the aligned run's findings a leader must not miss: the last quota infeasible in
 * some replicates (how often, the shortfall, what binds), and a projected wrong-exit rate above the limit.
 */
function alignedLines(id: string, a: AlignedHeadline): string[] {
  const out: string[] = [];
  if (a.p_feasible < 1) {
    const bound = (Object.keys(BINDING_TEXT) as (keyof typeof BINDING_TEXT)[])
      .filter((k) => a.binding[k] > 0)
      .map((k) => `${BINDING_TEXT[k]} in ${pct(a.binding[k])}`);
    out.push(
      `${id}: quota of ${a.last_quota_year} not met in ${pct(1 - a.p_feasible)} of replicates: ` +
        `shortfall P50 ${Math.round(a.shortfall_p50).toLocaleString("en-US")} people` +
        (bound.length ? ` (bound by ${bound.join(", ")})` : ""),
    );
  }
  if (a.wrong_exit_rate_max > a.wrong_exit_limit)
    out.push(
      `${id}: wrong-exit rate P50 up to ${pctOf(a.wrong_exit_rate_max, 1)} in a quota year, ` +
        `above the county limit of ${pctOf(a.wrong_exit_limit, 1)}`,
    );
  return out;
}

/** A plain-text table for the terminal. */
export function formatHeadlines(hs: Headline[]): string {
  const fmt = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : Math.round(x).toLocaleString("en-US"));
  // the aligned run's columns: its cost (yuan), the share of replicates whose last quota is feasible, the
  // largest yearly effort (yuan per person, P50) and the wrong-exit rate (P50)
  const header = [
    "scenario",
    "years",
    "poor at start",
    "poor at end P10 / P50 / P90",
    "target",
    "P(met)",
    "met in",
    "returns",
    "quotas cost",
    "quotas feasible",
    "effort/person",
    "wrong exits",
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
    h.aligned ? pct(h.aligned.p_feasible) : "—",
    h.aligned ? fmt(h.aligned.effort_p50) : "—",
    h.aligned ? pctOf(h.aligned.wrong_exit_rate_p50, 1) : "—",
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
  const quotas = hs.flatMap((h) => (h.aligned ? alignedLines(h.scenario, h.aligned) : []));
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line), ...missed, ...quotas].join(
    "\n",
  );
}
