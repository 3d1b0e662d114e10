/**
 * Commitments (承诺): a plan's promise that a guarantee of the exit standard is met by a date — Kunming's
 * "全面解决贫困人口住房和饮水安全问题" in 2018 (000 §一(二)), Anhui's "基本医疗保险、大病保险实现贫困人口全覆盖"
 * by 2020 (004 §二(二)). A scenario states one as dated parameters:
 *
 *   commitments.housing.complete_by:   {unit: year, values: {"2018": {value: 2018, source: "000 §一(二)"}}}
 *   commitments.housing.share:         {unit: /1,   values: {"2018": {value: 1, …}}}   (optional, 1 = all)
 *
 * The engine turns it into a completion path: each year, the share of the households still without the
 * guarantee that its measure is asked to reach (the *requested* yearly coverage, `YearParams.measureCoverage`).
 * The path brings the households without it when the commitment starts (the stock) down in equal yearly
 * steps to (1 − share) of that stock by the end of the deadline year:
 *
 *   n = deadline − start + 1 years, ℓ = deadline − year + 1 years left (this one included);
 *   planned remaining stock at the end of year t: 1 − share·(t − start + 1)/n;
 *   coverage_t = (share/n) / (planned remaining at the start of t) = share / (n − share·(n − ℓ)).
 *
 * For share = 1 this is 1/ℓ: a third of the unmet in the first of three years, half the rest in the second,
 * all that is left in the deadline year — whatever the earlier years reached, since each year's coverage is a
 * share of who is still unmet (a shortfall is caught up later as far as money and capacity allow). After the
 * deadline the coverage stays at `share` (动态清零: newly unmet households are put right within the year).
 *
 * The path is a floor on the pace: the requested coverage is max(the default yearly share, the path) — a
 * commitment never slows the administration below `model.measures.guarantees.repair_share` — and at most
 * the capacity `model.measures.guarantees.max_yearly_coverage` (a plan or a study can state how much can
 * be put right in a year). Money then cuts the requested coverage where the budget does not buy it
 * (src/funds/measures.ts). What was not reached is reported: the metric `guarantee_unmet_<id>` (the share of
 * the horizon's starting stock still without the guarantee at each year end) and, in the summary, each
 * commitment missed at its deadline (src/reporting/headline.ts).
 *
 * The households without a guarantee are all registered poor (an exited household had every guarantee met
 * to exit, marginal households are generated with them met), so the stock only falls.
 */
import { atOrAboveLine, GUARANTEES, guaranteeOf, type Guarantee, type MeasureTable } from "../model/measures.js";
import { yearStart } from "../parameters/period.js";
import { uninsuredToEnrol } from "../model/health.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { Status, type Registry } from "./registry.js";

/** Parameter path of the yearly capacity that bounds every guarantee measure's requested coverage. */
export const CAPACITY = "model.measures.guarantees.max_yearly_coverage";

/** A commitment in force in a year. */
export interface Commitment {
  guarantee: Guarantee;
  /** First year of the completion path: the later of the horizon's start and the year the deadline was
   *  stated (the date key of its `complete_by` value). */
  from: number;
  /** Deadline: the guarantee is met by the end of this year. */
  by: number;
  /** Share of the households without the guarantee at `from` put right by `by` (1: all). */
  share: number;
}

/** The commitment on a guarantee in force on 1 January of `year`, if the scenario states one. */
export function commitmentAt(s: ResolvedScenario, guarantee: Guarantee, year: number): Commitment | undefined {
  const entry = s.parameters.get(`commitments.${guarantee}.complete_by`)?.entryAt(yearStart(year));
  if (!entry) return undefined;
  const stated = Math.floor(entry.period.from / 10000);
  const share = s.parameters.get(`commitments.${guarantee}.share`)?.atYear(year) ?? impliedShare(s, guarantee, year);
  return { guarantee, from: Math.max(s.horizon.start, stated), by: entry.value, share };
}

/**
 * The share of a commitment that states none: all (1), except insurance where the plan states the share of the
 * poor insured (`health.insured_share`, e.g. 确保贫困人口100%参加基本医保, 000 §二(二)5): the share of the
 * uninsured at the start that must enrol to reach it (`uninsuredToEnrol`), so the two statements are one.
 */
function impliedShare(s: ResolvedScenario, guarantee: Guarantee, year: number): number {
  const insured = guarantee === "insurance" ? s.parameters.get("health.insured_share")?.atYear(year) : undefined;
  if (insured === undefined) return 1;
  return uninsuredToEnrol(insured, s.parameters.get("model.registry.uninsured_share")?.atYear(s.horizon.start) ?? 0);
}

/** The commitments a scenario makes within its horizon (the one in force at its last year, per guarantee). */
export function scenarioCommitments(s: ResolvedScenario): Commitment[] {
  return GUARANTEES.flatMap((g) => {
    const c = commitmentAt(s, g.id, s.horizon.end);
    return c ? [c] : [];
  });
}

/** The completion path's coverage in `year`: the share of the still-unmet to reach (see the module note). */
export function pathCoverage(c: Commitment, year: number): number {
  if (year > c.by) return c.share;
  if (year < c.from) return 0;
  const n = c.by - c.from + 1,
    left = c.by - year + 1;
  return c.share / (n - c.share * (n - left));
}

/**
 * The requested yearly coverage of each measure of the table (in place, table order): a guarantee measure's
 * default coverage raised to its commitment's path where the plan commits, and every guarantee measure
 * bounded by the capacity (1, no bound, unless stated).
 */
export function committedCoverage(
  s: ResolvedScenario,
  year: number,
  measures: MeasureTable,
  coverage: Float64Array,
): Float64Array {
  const capacity = s.parameters.get(CAPACITY)?.atYear(year) ?? 1;
  measures.forEach((m, k) => {
    const g = guaranteeOf(m);
    if (!g) return;
    const c = commitmentAt(s, g.id as Guarantee, year);
    coverage[k] = Math.min(capacity, c ? Math.max(coverage[k], pathCoverage(c, year)) : coverage[k]);
  });
  return coverage;
}

/** What the registry holds of the guarantees at a moment (weighted households). */
export interface GuaranteeTally {
  /** Households without each guarantee (`GUARANTEES` order), whatever their status. */
  unmet: Float64Array;
  /** Poor (and returned) households. */
  poor: number;
  /** Poor households with income per person at or above the line but a guarantee unmet: held back by it. */
  held: number;
}

/** One pass over the registry: the guarantees' unmet stocks and the poor held back by them. */
export function guaranteeTally(reg: Registry, line: number): GuaranteeTally {
  const unmet = new Float64Array(GUARANTEES.length);
  let poor = 0,
    held = 0;
  const { status, weight, size, incomeWage, incomeFarm, incomeTransfer, incomeProperty } = reg;
  const columns = GUARANTEES.map((g) => reg[g.column]);
  for (let i = 0; i < reg.n; i++) {
    const w = weight[i];
    let any = false;
    for (let g = 0; g < columns.length; g++)
      if (!columns[g][i]) {
        unmet[g] += w;
        any = true;
      }
    const st = status[i];
    if (st !== Status.poor && st !== Status.returned) continue;
    poor += w;
    const pc = (incomeWage[i] + incomeFarm[i] + incomeTransfer[i] + incomeProperty[i]) / size[i];
    if (any && atOrAboveLine(pc, line)) held += w;
  }
  return { unmet, poor, held };
}
