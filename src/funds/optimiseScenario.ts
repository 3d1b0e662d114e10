import type { RegionTable } from "../data/regions.js";
import { countyCostMultiplier } from "../engine/countyTypes.js";
import { withProgrammes } from "../engine/programmes.js";
import { yearParams } from "../engine/params.js";
import { registryAtYear } from "../funds/engine.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { allocationRule } from "./allocate.js";
import { exitsPerHousehold } from "./effects.js";
import { coverageCost, K, MEASURES, maxCoverage, unitCosts } from "./measures.js";
import { costRise, groupMembers, moneyYear } from "./money.js";
import { optimiseAllocation, type AllocationOptimum, type AllocationProblem } from "./optimise.js";
import { projectRevenue } from "./revenue.js";

/** The plan's allocation against the optimum for one year of a scenario. */
export interface ScenarioOptimum {
  scenario: string;
  year: number;
  budget: number;
  counties: { ids: string[]; names: string[]; deep: Uint8Array };
  measures: readonly string[];
  /** C×K expected exits per yuan (first order, see `exitsPerHousehold`). */
  effect: Float64Array;
  /** C×K yuan: the plan's own allocation (the factor method, then measures by need). */
  plan: Float64Array;
  /** Expected exits of the plan's allocation and of the optimum (Σ effect × yuan). */
  planExits: number;
  optimumExits: number;
  problem: AllocationProblem;
  optimum: AllocationOptimum;
}

/**
 * The allocation across counties and measures that maximises expected exits in one year of a scenario
 * (the first by default; a later year starts from one replicate stepped to it), with the money its rules
 * bring, under the plan's own constraints: reserved shares for groups
 * (a reserved amount becomes a least share of the year's grants), the factor method's floor and cap shares
 * for each county with poor people, and coverage ≤ eligible (a measure in a county can use at most
 * `coverageCost` at its largest yearly coverage, unit costs rising with coverage as in `buyCoverage`; the
 * programme is linear, so a cell's exits per yuan are those at that money's average cost per household).
 * Compared with the plan's own allocation of the same money (factor method, then measures by purpose).
 * Expected exits are first order: exits per household reached (`exitsPerHousehold`, read off the generated
 * registry) over that cost.
 */
export async function optimiseScenario(
  s: ResolvedScenario,
  options: { regions: RegionTable; year?: number },
): Promise<ScenarioOptimum> {
  if (s.funds.size === 0)
    throw new Error(
      `${s.id} has no money rules (funds:), so there is no money to allocate; add rules or pick a plan that has them`,
    );
  const year = options.year ?? s.horizon.start;
  const reg = registryAtYear(s, options.regions, year);
  const P = withProgrammes(yearParams(s, year), reg);
  const revenue = projectRevenue(s);
  // the year before's pools (for reserved shares of new money), counted on the registry as it stands
  const previous = year > s.horizon.start ? moneyYear(s, reg, yearParams(s, year - 1), revenue).funds : undefined;
  const money = moneyYear(s, reg, P, revenue, previous);
  const survey = money.survey;
  const C = reg.counties.n;
  const perHousehold = exitsPerHousehold(reg, P);
  const cost = unitCosts(P),
    maxCov = maxCoverage(P),
    rise = costRise(s, year);
  const effect = new Float64Array(C * K),
    capacity = new Float64Array(C * K);
  // a deep county's measures cost more, as in the plan's own allocation (moneyYear)
  const dearer = countyCostMultiplier(reg.counties, P);
  for (let c = 0; c < C; c++) {
    for (let k = 0; k < K; k++) {
      const j = c * K + k;
      // the money to reach the largest coverage with unit costs rising with coverage (the cost function of
      // buyCoverage, `coverageCost`) at the county's unit cost, and the exits per yuan at that money's average
      // cost per household
      const unit = cost[k] * dearer[c];
      capacity[j] = coverageCost(unit, survey.eligible[j], maxCov[k], rise);
      const reached = survey.eligible[j] * maxCov[k];
      effect[j] = unit > 0 ? (capacity[j] > 0 ? (perHousehold[j] * reached) / capacity[j] : perHousehold[j] / unit) : 0;
    }
  }
  const budget = money.funds.grants;
  const rule = allocationRule(s, year);
  const inNeed = Uint8Array.from(survey.poorPeople, (p) => Number(p > 0));
  const needCount = inNeed.reduce((a, b) => a + b, 0);
  const floor =
    rule.floorShare !== undefined
      ? Float64Array.from(inNeed, (x) => (x ? Math.min(rule.floorShare!, 1 / needCount) * budget : 0))
      : undefined;
  const cap =
    rule.capShare !== undefined
      ? Float64Array.from(inNeed, () => Math.max(rule.capShare!, 1 / needCount) * budget)
      : undefined;
  const reserved = money.funds.lines
    .filter((l) => l.nature === "reserved" && l.amount > 0)
    .map((l) => ({ name: l.group!, members: groupMembers(reg, l.group!), share: Math.min(1, l.amount / budget) }));
  const problem: AllocationProblem = {
    counties: reg.counties.ids,
    measures: MEASURES,
    budget,
    effect,
    capacity,
    ...(reserved.length ? { reserved } : {}),
    ...(floor ? { countyFloor: floor } : {}),
    ...(cap ? { countyCap: cap } : {}),
    plan: money.spend,
    objective: "exits",
  };
  const optimum = await optimiseAllocation(problem);
  let planExits = 0;
  for (let j = 0; j < C * K; j++) planExits += effect[j] * money.spend[j];
  return {
    scenario: s.id,
    year,
    budget,
    counties: { ids: reg.counties.ids, names: reg.counties.names, deep: reg.counties.deep },
    measures: MEASURES,
    effect,
    plan: money.spend,
    planExits,
    optimumExits: optimum.value,
    problem,
    optimum,
  };
}
