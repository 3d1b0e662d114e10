import type { YearParams } from "../engine/params.js";

/**
 * The measures money buys, in the engine's order. Each has an eligible group of households, a largest
 * yearly coverage (the scenario's `model.measures.*` value: how many of the eligible the administration can
 * reach in a year, whatever the money) and a unit cost (yuan per household reached). Money limits a measure
 * when its budget buys fewer than that: coverage = min(largest coverage, budget / (unit cost × eligible)),
 * never more than the eligible households.
 *
 * The safety net (低保兜底) and the schooling guarantee (控辍保学) are not bought from poverty funds: the
 * first is paid from the civil-affairs dibao budget, the second is an administrative duty (assumption: the
 * seeds fund them outside the poverty pools), so money does not limit them here.
 */
export const MEASURES = [
  "industry",
  "employment",
  "ecology",
  "relocation",
  "housing",
  "water",
  "insurance",
  "education",
] as const;
export type Measure = (typeof MEASURES)[number];
export const K = MEASURES.length;

/** Chinese labels for tables and charts. */
export const MEASURE_LABELS: Record<Measure, string> = {
  industry: "产业帮扶",
  employment: "就业帮扶",
  ecology: "生态护林员",
  relocation: "易地扶贫搬迁",
  housing: "危房改造",
  water: "饮水安全",
  insurance: "参保资助",
  education: "教育资助",
};

/** Largest yearly coverage of each measure (share of its eligible households), from the year's parameters. */
export function maxCoverage(P: YearParams): Float64Array {
  return Float64Array.of(
    P.industryCoverage,
    P.employmentCoverage,
    P.ecologyCoverage,
    P.relocationCoverage,
    P.repairShare,
    P.repairShare,
    P.repairShare,
    1,
  );
}

/** Unit cost of each measure, yuan per household reached. */
export function unitCosts(P: YearParams): Float64Array {
  return Float64Array.of(
    P.industryUnitCost,
    P.employmentUnitCost,
    P.ecologyEffect,
    P.relocationCost,
    P.housingRepairCost,
    P.waterCost,
    P.insuranceUnitCost,
    P.educationEffect,
  );
}

/** What a county's budget buys: coverage per measure, the money it needs at full coverage, what is spent. */
export interface CoverageBought {
  /** `[c * K + k]`: share of eligible households reached this year. */
  coverage: Float64Array;
  /** `[c * K + k]`: yuan needed to reach the largest coverage. */
  need: Float64Array;
  /** `[c * K + k]`: yuan the budget puts into the measure (expected spending). */
  spend: Float64Array;
  /** `[c]`: budget left over once every measure is at its largest coverage. */
  unspent: Float64Array;
}

/**
 * Splits each county's budget among the measures in proportion to their need (unit cost × eligible ×
 * largest coverage) and converts money into coverage. A county whose budget exceeds its need reaches every
 * measure's largest coverage and keeps the rest as `unspent` (reported, not lost).
 */
export function buyCoverage(budget: Float64Array, eligible: Float64Array, P: YearParams): CoverageBought {
  const C = budget.length;
  const maxCov = maxCoverage(P),
    cost = unitCosts(P);
  const coverage = new Float64Array(C * K),
    need = new Float64Array(C * K),
    spend = new Float64Array(C * K),
    unspent = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let total = 0;
    for (let k = 0; k < K; k++) {
      need[c * K + k] = cost[k] * eligible[c * K + k] * maxCov[k];
      total += need[c * K + k];
    }
    const ratio = total > 0 ? Math.min(1, budget[c] / total) : 0;
    let used = 0;
    for (let k = 0; k < K; k++) {
      const j = c * K + k;
      spend[j] = need[j] * ratio;
      used += spend[j];
      coverage[j] = cost[k] > 0 ? maxCov[k] * ratio : maxCov[k];
    }
    unspent[c] = Math.max(0, budget[c] - used);
  }
  return { coverage, need, spend, unspent };
}
