import type { YearParams } from "../engine/params.js";
import { Status, type Registry } from "../engine/registry.js";
import { eligibleLists, flagColumns, fundedMeasures, householdFlags } from "../model/measures.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { ALLOCATION_FACTORS, type AllocationFactor } from "../scenario/types.js";

/** The factor method's factors (central special-fund practice; the scenario's `allocation.weights`). */
export const FACTORS = ALLOCATION_FACTORS;
export type Factor = AllocationFactor;

/** What the allocation looks at in each county at the start of a year (weighted counts from the registry). */
export interface CountySurvey {
  poorPeople: Float64Array;
  poorHouseholds: Float64Array;
  /** Income gap to the line summed over the poor (yuan): the depth of poverty. */
  gap: Float64Array;
  /** `[c * K + k]`: households eligible for each funded measure (`YearParams.measures`, table order). */
  eligible: Float64Array;
}

/**
 * One pass over the registry at the start of a year: poor people, households and income gap per county,
 * and the households eligible for each funded measure (its `eligible` flags, src/model/measures.ts).
 */
export function surveyCounties(reg: Registry, P: YearParams): CountySurvey {
  const C = reg.counties.n;
  const funded = fundedMeasures(P.measures),
    K = funded.length;
  const poorPeople = new Float64Array(C),
    poorHouseholds = new Float64Array(C),
    gap = new Float64Array(C),
    eligible = new Float64Array(C * K);
  const { start, list } = eligibleLists(funded);
  const kept = P.policyKeptAfterExit > 0,
    line = P.line;
  const vCounty = reg.villages.county;
  const { status, weight, village, size, incomeWage, incomeFarm, incomeTransfer, incomeProperty } = reg;
  const cols = flagColumns(reg);
  for (let i = 0; i < reg.n; i++) {
    const st = status[i];
    const poor = st === Status.poor || st === Status.returned;
    if (!(poor || (st === Status.exited && kept))) continue;
    const w = weight[i];
    const c = vCounty[village[i]];
    if (poor) {
      const n = size[i];
      poorPeople[c] += w * n;
      poorHouseholds[c] += w;
      const pc = (incomeWage[i] + incomeFarm[i] + incomeTransfer[i] + incomeProperty[i]) / n;
      if (pc < line) gap[c] += w * n * (line - pc);
    }
    const flags = householdFlags(cols, i);
    for (let j = start[flags]; j < start[flags + 1]; j++) eligible[c * K + list[j]] += w;
  }
  return { poorPeople, poorHouseholds, gap, eligible };
}

/** The allocation's rule for one year: factor weights, floor and cap shares, and money reserved for groups. */
export interface AllocationRule {
  weights: Partial<Record<Factor, number>>;
  floorShare?: number;
  capShare?: number;
  /**
   * Least yuan each group must receive (from reserved-share rules). `of`: the slice of the pool the share is
   * of (a pool's new money, 004 §三(三)); the group must get `amount` of that slice, which is allocated like the
   * rest of the pool, so the check is against the group's part of the slice, not of the whole pool.
   */
  reserved?: { group: string; members: Uint8Array; amount: number; of?: number }[];
}

/** The scenario's allocation rule for a year; without one, by poor population alone (assumption: the
 *  commonest single factor of the central special fund's formula). */
export function allocationRule(s: ResolvedScenario, year: number): AllocationRule {
  const a = s.allocation;
  if (!a) return { weights: { poor_population: 1 } };
  const weights: Partial<Record<Factor, number>> = {};
  for (const f of FACTORS) {
    const w = a.weights[f]?.atYear(year);
    if (w !== undefined) weights[f] = w;
  }
  const floorShare = a.floor_share?.atYear(year),
    capShare = a.cap_share?.atYear(year);
  return {
    weights,
    ...(floorShare !== undefined ? { floorShare } : {}),
    ...(capShare !== undefined ? { capShare } : {}),
  };
}

/** Relative fiscal capacity by county kind (assumption: no county revenue in the data; a poor county has half,
 *  a deeply impoverished one a quarter, of a non-poor county's capacity). */
export const FISCAL_CAPACITY = { nonpoor: 1, poor: 0.5, deep: 0.25 } as const;

/**
 * Allocates `pool` yuan among counties by the factor method: each factor gives every county with poor
 * people a share (poor population; incidence; depth = income gap; fiscal capacity = its inverse;
 * performance = equal, no assessment data); the county's share is the weighted sum. Then the floor (every
 * county with poor people gets at least `floorShare` of the pool) and cap (at most `capShare`) are applied by
 * water-filling (`boundShares`), and each reserved group is topped up to its amount from the counties outside
 * it in proportion to what they have (members with nothing yet share the top-up equally); a reservation of a
 * slice of the pool (`of`, its new money) is checked against the members' part of that slice. The amounts sum to
 * the pool exactly (to rounding), none is negative; a pool with no county in need stays whole in the last
 * entry returned (`unallocated`).
 */
export function allocateToCounties(
  pool: number,
  reg: Registry,
  survey: CountySurvey,
  rule: AllocationRule,
): { amounts: Float64Array; unallocated: number } {
  const C = reg.counties.n;
  const amounts = new Float64Array(C);
  const inNeed = Uint8Array.from(survey.poorPeople, (p) => Number(p > 0));
  const needCount = inNeed.reduce((a, b) => a + b, 0);
  if (pool <= 0 || needCount === 0) return { amounts, unallocated: Math.max(0, pool) };
  const factor = (f: Factor): Float64Array => {
    const x = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      if (!inNeed[c]) continue;
      const pop = reg.counties.population[c];
      x[c] =
        f === "poor_population"
          ? survey.poorPeople[c]
          : f === "incidence"
            ? pop > 0
              ? survey.poorPeople[c] / pop
              : 0
            : f === "depth"
              ? survey.gap[c]
              : f === "fiscal_capacity"
                ? 1 /
                  (reg.counties.deep[c]
                    ? FISCAL_CAPACITY.deep
                    : reg.counties.poor[c]
                      ? FISCAL_CAPACITY.poor
                      : FISCAL_CAPACITY.nonpoor)
                : 1;
    }
    const sum = x.reduce((a, b) => a + b, 0);
    // a factor that is zero everywhere (no gap left, say) falls back to equal shares among counties in need
    for (let c = 0; c < C; c++) x[c] = sum > 0 ? x[c] / sum : inNeed[c] / needCount;
    return x;
  };
  const share = new Float64Array(C);
  let wsum = 0;
  for (const f of FACTORS) {
    const w = rule.weights[f] ?? 0;
    if (w <= 0) continue;
    wsum += w;
    const x = factor(f);
    for (let c = 0; c < C; c++) share[c] += w * x[c];
  }
  for (let c = 0; c < C; c++) share[c] = wsum > 0 ? share[c] / wsum : inNeed[c] / needCount;
  // floors and caps (lowered or raised to 1/n, so that they can always be met together)
  boundShares(
    share,
    inNeed,
    Math.min(rule.floorShare ?? 0, 1 / needCount),
    Math.max(rule.capShare ?? 1, 1 / needCount),
  );
  for (let c = 0; c < C; c++) amounts[c] = pool * share[c];
  // reserved groups: top up from the rest in proportion (the reserved share is a least amount)
  for (const g of rule.reserved ?? []) {
    let inside = 0,
      outside = 0,
      members = 0;
    for (let c = 0; c < C; c++) {
      if (g.members[c] && inNeed[c]) {
        inside += amounts[c];
        members++;
      } else outside += amounts[c];
    }
    // the slice the share is of goes to counties like the whole pool: its members' part is f × inside
    const f = Math.min(1, Math.max(0, (g.of ?? pool) / pool));
    const want = Math.min(g.amount, f * pool);
    if (f * inside >= want || outside <= 0 || members === 0) continue;
    const move = Math.min(want - f * inside, f * outside);
    for (let c = 0; c < C; c++) {
      // members that have nothing yet (a factor share of 0, no floor) share the top-up equally
      if (g.members[c] && inNeed[c]) amounts[c] += inside > 0 ? (move * amounts[c]) / inside : move / members;
      else amounts[c] -= (move * amounts[c]) / outside;
    }
  }
  // exact total: put the rounding drift on the largest amount (a county in need, even if every amount
  // underflowed to 0)
  let sum = 0,
    big = inNeed.indexOf(1);
  for (let c = 0; c < C; c++) {
    if (amounts[c] < 0) amounts[c] = 0;
    sum += amounts[c];
    if (amounts[c] > amounts[big]) big = c;
  }
  amounts[big] += pool - sum;
  return { amounts, unallocated: 0 };
}

/**
 * Floors and caps on the shares of the counties in need, in place: each gets clamp(λ × share, lo, hi), with
 * λ such that the shares sum to 1 — the fixed point of water-filling (counties at a bound are held there, the
 * others keep their proportions). λ is found by bisection (the sum is continuous and non-decreasing in λ;
 * at λ = 0 it is n × lo ≤ 1). A county whose factor share is 0 cannot be scaled up: when all the others sit
 * at the cap and money is left, the rest is split equally among the counties with no share (n × hi ≥ 1
 * keeps each of them within the cap, and the rest is above their floor).
 */
function boundShares(share: Float64Array, inNeed: Uint8Array, lo: number, hi: number): void {
  const C = share.length;
  const at = (lambda: number, c: number) => Math.min(hi, Math.max(lo, share[c] > 0 ? lambda * share[c] : 0));
  const total = (lambda: number) => {
    let t = 0;
    for (let c = 0; c < C; c++) if (inNeed[c]) t += at(lambda, c);
    return t;
  };
  let positive = 0,
    zero = 0;
  for (let c = 0; c < C; c++)
    if (inNeed[c]) {
      if (share[c] > 0) positive++;
      else zero++;
    }
  if (zero > 0 && total(Infinity) < 1 - 1e-12) {
    const rest = (1 - positive * hi) / zero;
    for (let c = 0; c < C; c++) if (inNeed[c]) share[c] = share[c] > 0 ? hi : rest;
    return;
  }
  let a = 0,
    b = 1;
  while (total(b) < 1 && b < 1e300) b *= 2;
  for (let i = 0; i < 2200; i++) {
    const m = (a + b) / 2;
    if (m <= a || m >= b) break;
    if (total(m) < 1) a = m;
    else b = m;
  }
  for (let c = 0; c < C; c++) if (inNeed[c]) share[c] = at(b, c);
}
