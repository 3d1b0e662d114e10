import type { YearParams } from "../engine/params.js";
import { fundedMeasures, MEASURE_TABLE, type MeasureTable } from "../model/measures.js";

/**
 * The measures money buys: the funded measures of the measure table (src/model/measures.ts), in table order.
 * Each has an eligible group of households, a largest yearly coverage (how many of the eligible the
 * administration can reach in a year, whatever the money) and a unit cost (yuan per household reached).
 * Money limits a measure when its budget buys fewer than that: coverage = min(largest coverage, budget /
 * (unit cost × eligible)), never more than the eligible households.
 */
export const MEASURES = fundedMeasures(MEASURE_TABLE).map((m) => m.id) as Measure[];
export type Measure = Extract<(typeof MEASURE_TABLE)[number], { funded: true }>["id"];
/** The number of funded measures of the shipped table. */
export const K = MEASURES.length;

/** Chinese labels of the shipped funded measures, for tables and charts. */
export const MEASURE_LABELS = Object.fromEntries(fundedMeasures(MEASURE_TABLE).map((m) => [m.id, m.zh])) as Record<
  Measure,
  string
>;

/** Table indices of the funded measures of a table. */
function fundedIndex(table: MeasureTable): number[] {
  return table.flatMap((m, k) => (m.funded ? [k] : []));
}

/** Largest yearly coverage of each funded measure (share of its eligible households), from the year's
 *  parameters. */
export function maxCoverage(P: YearParams): Float64Array {
  return Float64Array.from(fundedIndex(P.measures), (k) => P.measureCoverage[k]);
}

/** Unit cost of each funded measure, yuan per household reached. */
export function unitCosts(P: YearParams): Float64Array {
  return Float64Array.from(fundedIndex(P.measures), (k) => P.measureCost[k]);
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
 * measure's largest coverage and keeps the rest as `unspent` (reported, not lost). `costMultiplier[c]`
 * scales county c's unit costs (a deep county's are higher: `countyCostMultiplier`, src/engine/countyTypes.ts);
 * without it every county pays the plan's unit costs.
 */
export function buyCoverage(
  budget: Float64Array,
  eligible: Float64Array,
  P: YearParams,
  costMultiplier?: Float64Array,
): CoverageBought {
  const C = budget.length;
  const maxCov = maxCoverage(P),
    cost = unitCosts(P);
  const K = cost.length;
  const coverage = new Float64Array(C * K),
    need = new Float64Array(C * K),
    spend = new Float64Array(C * K),
    unspent = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let total = 0;
    const m = costMultiplier?.[c] ?? 1;
    for (let k = 0; k < K; k++) {
      need[c * K + k] = cost[k] * m * eligible[c * K + k] * maxCov[k];
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
