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

/**
 * The money that reaches a share `x` of a measure's `eligible` households in a county, at `unit` yuan per
 * household and cost rise `rise` (`model.funds.cost_rise`): unit × eligible × x × (1 + rise × x). The
 * average cost per household reached rises linearly with coverage (the marginal one is unit × (1 + 2 rise
 * x)): the first households reached are the nearest and easiest, the last the remote and hard, so returns
 * to money diminish. Rise 0 is the constant unit cost. The one cost function of the model: `buyCoverage`,
 * the need and the optimiser's segments (optimiseScenario.ts) all call it or its inverse.
 */
export function coverageCost(unit: number, eligible: number, x: number, rise: number): number {
  return unit * eligible * x * (1 + rise * x);
}

/** The coverage `money` buys (the inverse of `coverageCost`, uncapped): the root of u·E·x·(1 + r·x) = money. */
export function coverageFor(unit: number, eligible: number, money: number, rise: number): number {
  const ue = unit * eligible;
  if (ue <= 0) return Infinity;
  if (money <= 0) return 0;
  const m = money / ue;
  // 2m / (1 + √(1 + 4rm)) is the root without the cancellation of (√(1 + 4rm) − 1) / 2r when r·m is small
  return rise > 0 ? (2 * m) / (1 + Math.sqrt(1 + 4 * rise * m)) : m;
}

/** What a county's budget buys: coverage per measure, the money it needs at full coverage, what is spent. */
export interface CoverageBought {
  /** `[c * K + k]`: share of eligible households reached this year. */
  coverage: Float64Array;
  /** `[c * K + k]`: yuan needed to reach the largest coverage (`coverageCost` at it). */
  need: Float64Array;
  /** `[c * K + k]`: yuan the budget puts into the measure (expected spending). */
  spend: Float64Array;
  /** `[c]`: money left over, general and earmarked (reported, carried forward or reclaimed: money.ts). */
  unspent: Float64Array;
  /** `[c]`: general money left over. */
  unspentGeneral: Float64Array;
  /** Per earmarked entry (options order), `[c]`: its money left over (its purpose's measures at their cap). */
  unspentEarmarked: Float64Array[];
}

/** Money kept for a purpose in each county, and the funded measures (0/1, table order) it may buy. */
export interface Earmark {
  purpose: string;
  mask: Uint8Array;
  /** `[c]` yuan. */
  amount: Float64Array;
}

/** How `buyCoverage` prices coverage and what money is earmarked. */
export interface BuyOptions {
  /** `model.funds.cost_rise` (`coverageCost`); 0 by default: a constant unit cost. */
  rise?: number;
  /** Money that buys only its purpose's measures, spent first, in this order. */
  earmarked?: readonly Earmark[];
  /** `[c]`: county c's unit costs relative to the plan's (`countyCostMultiplier`); 1 everywhere by default. */
  costMultiplier?: Float64Array;
}

/**
 * Converts each county's money into coverage (issue 13, item 4). Earmarked money buys its purpose's measures
 * first (`earmarked`, in order: money by purpose, funds/purpose.ts), then the general money (`budget`) fills
 * the remaining need of every measure. Each sum of money is spent by water-filling on coverage (`fill`):
 * it raises the measures it may buy to a common level λ of their eligible households reached, each capped at
 * its largest coverage, so it goes first where the fewest are reached; a measure already above λ (its own
 * earmarked money) takes none of it. What a sum cannot use (every measure it may buy at its cap) is left
 * over (`unspentGeneral`, `unspentEarmarked`): earmarked money never buys another purpose's measure.
 *
 * Properties (test/funds/purpose.test.ts): (1) more money of any kind never lowers any coverage; (2) more
 * money earmarked for measure A never lowers measure B's coverage: A needs less of the general money, so λ
 * is no lower. (3) one measure's need never dilutes another's earmarked money. A higher largest coverage of
 * A lowers B only when A sat at its cap below λ and now absorbs general money B would get: no rule that
 * leaves no money idle while a measure is short can avoid that (with two measures short of money, any money
 * A's higher cap uses comes from B or from idle money), so the model spends general money rather than idling
 * it; the step of λ it costs B is bounded by A's extra need.
 *
 * `costMultiplier[c]` scales county c's unit costs (a deep county's are higher: `countyCostMultiplier`,
 * src/engine/countyTypes.ts); without it every county pays the plan's unit costs.
 */
export function buyCoverage(
  budget: Float64Array,
  eligible: Float64Array,
  P: YearParams,
  options: BuyOptions = {},
): CoverageBought {
  const C = budget.length;
  const maxCov = maxCoverage(P),
    cost = unitCosts(P);
  const K = cost.length;
  const rise = options.rise ?? 0;
  const earmarked = options.earmarked ?? [];
  const coverage = new Float64Array(C * K),
    need = new Float64Array(C * K),
    spend = new Float64Array(C * K),
    unspent = new Float64Array(C),
    unspentGeneral = new Float64Array(C);
  const unspentEarmarked = earmarked.map(() => new Float64Array(C));
  const all = new Uint8Array(K).fill(1);
  const x = new Float64Array(K),
    ue = new Float64Array(K);
  for (let c = 0; c < C; c++) {
    const dear = options.costMultiplier?.[c] ?? 1;
    for (let k = 0; k < K; k++) {
      ue[k] = cost[k] * dear * eligible[c * K + k];
      need[c * K + k] = coverageCost(cost[k] * dear, eligible[c * K + k], maxCov[k], rise);
      // a measure that costs nothing reaches its largest coverage whatever the money
      x[k] = cost[k] > 0 ? 0 : maxCov[k];
    }
    earmarked.forEach((e, q) => {
      const left = e.amount[c] - fill(x, e.mask, e.amount[c], ue, maxCov, rise);
      unspentEarmarked[q][c] = left;
      unspent[c] += left;
    });
    unspentGeneral[c] = budget[c] - fill(x, all, budget[c], ue, maxCov, rise);
    unspent[c] += unspentGeneral[c];
    for (let k = 0; k < K; k++) {
      coverage[c * K + k] = x[k];
      spend[c * K + k] = ue[k] > 0 ? ue[k] * x[k] * (1 + rise * x[k]) : 0;
    }
  }
  return { coverage, need, spend, unspent, unspentGeneral, unspentEarmarked };
}

/**
 * Spends `money` on the measures of `mask` by water-filling, in place on the coverages `x`: each measure k
 * goes to max(x[k], min(cap[k], λ)) with the least λ whose cost (`coverageCost`, from x[k] up) is the money,
 * or to its cap when the money is more than that. Returns the money used (≤ money). The cost is continuous
 * and non-decreasing in λ and non-increasing in each x[k] at a given λ, which gives the properties above.
 */
function fill(x: Float64Array, mask: Uint8Array, money: number, ue: Float64Array, cap: Float64Array, rise: number) {
  if (!(money > 0)) return 0;
  const K = x.length;
  const at = (k: number, lambda: number) => Math.max(x[k], Math.min(cap[k], lambda));
  const cost = (k: number, v: number) => ue[k] * v * (1 + rise * v);
  const draw = (lambda: number) => {
    let d = 0;
    for (let k = 0; k < K; k++) if (mask[k] && ue[k] > 0) d += cost(k, at(k, lambda)) - cost(k, x[k]);
    return d;
  };
  let top = 0;
  for (let k = 0; k < K; k++) if (mask[k]) top = Math.max(top, cap[k]);
  let lambda = top,
    used = draw(top);
  if (used > money) {
    let lo = 0,
      hi = top;
    for (let i = 0; i < 100 && hi - lo > 1e-15 * top; i++) {
      const m = (lo + hi) / 2;
      if (draw(m) <= money) lo = m;
      else hi = m;
    }
    lambda = lo;
    used = draw(lo);
  }
  for (let k = 0; k < K; k++) if (mask[k]) x[k] = at(k, lambda);
  return used;
}
