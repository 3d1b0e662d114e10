import type { RegionTable } from "../data/regions.js";
import type { Metric, RunOptions, RunResult } from "../model/types.js";
import { seedState } from "../random/rng.js";
import { targetIn, type ResolvedScenario } from "../scenario/resolve.js";
import { generateRegistry } from "./generate.js";
import { yearParams, type YearParams } from "./params.js";
import { cloneRegistry, Status, type Registry } from "./registry.js";
import { Acc, gapToExit, PEOPLE_SCALE, stepHouseholds } from "./step.js";
import { moneyLimits, moneyYear } from "../funds/money.js";
import { K as MEASURE_COUNT, MEASURES } from "../funds/measures.js";
import { projectRevenue } from "../funds/revenue.js";
import type { FundYear } from "../funds/rules.js";

/** How exits are decided: by the households' incomes and guarantees, or by the plan's yearly quotas. */
export type Mode = "mechanistic" | "target";
export const MODES: readonly Mode[] = ["mechanistic", "target"];

export interface EngineOptions extends RunOptions {
  regions: RegionTable;
  mode?: Mode;
  /** Households per random stream block. __Default value:__ 4096 */
  blockSize?: number;
  /** A registry to start from instead of generating one (imported extracts, the benchmark). */
  registry?: Registry;
  /** Overrides `model.registry.max_rows` when the registry is generated (one row per household in the benchmark). */
  maxRows?: number;
  /** Index of the first replicate to run (workers run contiguous ranges). __Default value:__ 0 */
  firstReplicate?: number;
  /** Step the given registry itself instead of a copy (one replicate only; the benchmark's 29 million rows). */
  inPlace?: boolean;
}

/** The engine's metrics, in the order they are recorded. */
export const ENGINE_METRICS = [
  "poor_people",
  "poor_households",
  "exits_people",
  "exits_households",
  "returns_people",
  "new_poor_people",
  "incidence",
  "villages_exit",
  "counties_exit",
  "villages_exited_total",
  "counties_exited_total",
  "cumulative_exits_people",
  "guarantee_cost",
  "measure_cost",
  "target_cost",
  "funds_grants",
  "funds_loans",
  "funds_need",
  "funds_shortfall",
  "funds_unspent",
  "money_per_poor_person",
  "cost_per_exit",
  "protection_cost",
  "medical_cost",
  "caught_people",
  "returns_illness",
  "returns_disaster",
  "returns_epidemic",
  "returns_income",
  "new_poor_illness",
  "new_poor_disaster",
  "new_poor_epidemic",
  "new_poor_income",
] as const satisfies readonly Metric[];

/** The yearly quota of exits in target-following mode, or undefined in a year the plan gives none. */
export function quotaFor(s: ResolvedScenario, year: number, poorNow: number): number | undefined {
  const exit = targetIn(s, "people_exit", year)?.value;
  const remaining = targetIn(s, "poor_remaining", year)?.value;
  if (remaining !== undefined) return Math.max(exit ?? 0, poorNow - remaining);
  return exit;
}

/**
 * Runs the household engine: R replicates × the horizon's years over a registry generated from the
 * region's aggregates (or given), each replicate with its own copy and its own random streams, one per
 * block of `blockSize` households, so numbers do not depend on thread count or order of work.
 *
 *   registry (generated once, seeded) ──clone──▶ replicate r
 *     for each year: stepHouseholds per block (own stream (seed, r + 1, block))
 *                    [target mode: the quota's cheapest households exit; the cost is recorded]
 *                    village and county exit rules on the year-end incidences
 *                    record metrics
 */
export function runEngine(s: ResolvedScenario, options: EngineOptions): RunResult {
  const t0 = performance.now();
  const seed = options.seed ?? s.seed;
  const R = options.replicates ?? s.replicates;
  const first = options.firstReplicate ?? 0;
  if (options.inPlace && R !== 1) throw new Error("runEngine: inPlace needs replicates = 1");
  const mode = options.mode ?? "mechanistic";
  const B = options.blockSize ?? 4096;
  const years: number[] = [];
  for (let y = s.horizon.start; y <= s.horizon.end; y++) years.push(y);
  const T = years.length;
  // 1. Every input first: a missing parameter stops the run before anything is simulated.
  const params = years.map((y) => yearParams(s, y));
  const base = options.registry ?? generateRegistry(s, { regions: options.regions, maxRows: options.maxRows });

  const metrics = Object.fromEntries(ENGINE_METRICS.map((m) => [m, new Float64Array(R * T)])) as Record<
    (typeof ENGINE_METRICS)[number],
    Float64Array
  >;
  const acc = new Float64Array(Acc.size),
    blockAcc = new Float64Array(Acc.size);
  const C = base.counties.n;
  const countyPoor = new Float64Array(R * T * C),
    countyExited = new Float64Array(R * T * C);
  const countyReturns = new Float64Array(R * T * C),
    countyNewPoor = new Float64Array(R * T * C);
  // exits before the horizon count toward cumulative targets (registered total − poor at the start)
  const priorExits =
    Math.max(0, (s.baseline.registered_poor_total?.value ?? 0) - (s.baseline.poor_people?.value ?? 0)) *
    Number(s.baseline.registered_poor_total !== undefined && s.baseline.poor_people !== undefined);
  const blocks = Math.ceil(base.n / B);
  // money: revenue projected once; rules, allocation and coverage each replicate-year (they count on the
  // replicate's own registry). Series: one per rule ("fund.<id>") and per measure ("spend.<measure>").
  const limits = years.map((y) => moneyLimits(s, y));
  const revenue = s.funds.size > 0 ? projectRevenue(s) : undefined;
  const ruleIds = [...s.funds.keys()];
  const series: Record<string, Float64Array> = {};
  if (revenue) {
    for (const id of ruleIds) series[`fund.${id}`] = new Float64Array(R * T);
    for (const m of MEASURES) series[`spend.${m}`] = new Float64Array(R * T);
  }
  const countyBudget = revenue ? new Float64Array(R * T * C) : undefined;
  for (let k = 0; k < R; k++) {
    const r = first + k; // the replicate's identity: its streams do not depend on which worker runs it
    const reg = options.inPlace ? base : cloneRegistry(base);
    const rngs = Array.from({ length: blocks }, (_, b) => seedState(seed, r + 1, b));
    let cumulativeExits = priorExits;
    let previousFunds: FundYear | undefined;
    for (let t = 0; t < T; t++) {
      const i = k * T + t;
      // the year's money, when the scenario has money rules: what it buys becomes the measures' coverage
      const money = revenue ? moneyYear(s, reg, params[t], revenue, previousFunds) : undefined;
      previousFunds = money?.funds;
      const P = money && limits[t] ? { ...params[t], coverage: money.coverage } : params[t];
      acc.fill(0);
      // target-following in a year the plan sets a quota: households move without measures or exits, then
      // the quota (computed after the year's returns and new poor) decides who exits
      const quotaYear =
        mode === "target" &&
        (targetIn(s, "people_exit", P.year) ?? targetIn(s, "poor_remaining", P.year)) !== undefined;
      const opts = quotaYear ? { measures: false, exits: false } : { measures: true, exits: true };
      // each block sums into its own accumulator, added in block order: totals do not depend on how a
      // replicate's blocks might be split across threads
      // outside quota years the step also sums the year-end poor by village (a second pass is saved)
      const villagePoor = quotaYear ? undefined : new Float64Array(reg.villages.n);
      const villageFalls = new Float64Array(2 * reg.villages.n);
      for (let b = 0; b < blocks; b++) {
        blockAcc.fill(0);
        stepHouseholds(reg, b * B, Math.min(reg.n, (b + 1) * B), P, rngs[b], blockAcc, opts, villagePoor, villageFalls);
        for (let q = 0; q < Acc.size; q++) acc[q] += blockAcc[q];
      }
      let targetCost = 0;
      if (quotaYear) targetCost = exitByQuota(reg, quotaFor(s, P.year, poorPeople(reg)) ?? 0, P, acc);
      const rec = recordYear(reg, P, villagePoor && { villagePoor, poorHouseholds: acc[Acc.poorHouseholds] });
      cumulativeExits += acc[Acc.exitsPeople];
      recordMetrics(metrics, i, rec, acc);
      // cumulative targets count exits before the horizon too (baseline exited_villages / exited_counties)
      metrics.villages_exited_total[i] = rec.villagesExitedTotal + (s.baseline.exited_villages?.value ?? 0);
      metrics.counties_exited_total[i] = rec.countiesExitedTotal + (s.baseline.exited_counties?.value ?? 0);
      metrics.cumulative_exits_people[i] = cumulativeExits;
      metrics.guarantee_cost[i] = acc[Acc.guaranteeCost];
      metrics.measure_cost[i] = acc[Acc.measureCost];
      metrics.target_cost[i] = targetCost;
      if (money) {
        const g = money.funds.grants;
        metrics.funds_grants[i] = g;
        metrics.funds_loans[i] = money.funds.loans;
        metrics.funds_need[i] = money.needTotal;
        metrics.funds_shortfall[i] = Math.max(0, money.needTotal - g);
        metrics.funds_unspent[i] = money.unspent;
        metrics.money_per_poor_person[i] = money.poorPeople > 0 ? g / money.poorPeople : NaN;
        metrics.cost_per_exit[i] = acc[Acc.exitsPeople] > 0 ? g / acc[Acc.exitsPeople] : NaN;
        for (const l of money.funds.lines) series[`fund.${l.rule}`][i] += l.amount;
        for (let m = 0; m < MEASURE_COUNT; m++) {
          let x = 0;
          for (let c = 0; c < C; c++) x += money.spend[c * MEASURE_COUNT + m];
          series[`spend.${MEASURES[m]}`][i] = x;
        }
        countyBudget!.set(money.budget, i * C);
      } else {
        for (const m of [
          "funds_grants",
          "funds_loans",
          "funds_need",
          "funds_shortfall",
          "funds_unspent",
          "money_per_poor_person",
          "cost_per_exit",
        ] as const)
          metrics[m][i] = NaN;
      }
      for (let v = 0; v < reg.villages.n; v++) {
        const c = reg.villages.county[v];
        countyReturns[i * C + c] += villageFalls[2 * v];
        countyNewPoor[i * C + c] += villageFalls[2 * v + 1];
      }
      for (let c = 0; c < C; c++) {
        countyPoor[i * C + c] = rec.countyPoor[c];
        countyExited[i * C + c] = reg.counties.exitYear[c] !== 0 ? 1 : 0;
      }
    }
    options.onProgress?.(k + 1, R);
  }
  const counties = {
    ids: base.counties.ids,
    names: base.counties.names,
    poor: base.counties.poor,
    deep: base.counties.deep,
    poorPeople: countyPoor,
    exited: countyExited,
    returns: countyReturns,
    newPoor: countyNewPoor,
    ...(countyBudget ? { budget: countyBudget } : {}),
  };
  return {
    scenario: s,
    model: "household engine",
    mode,
    seed,
    replicates: R,
    years,
    metrics,
    counties,
    ...(revenue ? { series } : {}),
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}

/**
 * The scenario's generated registry as it stands at the start of `year`: generated, then (for a later year
 * of the horizon) stepped there by one mechanistic replicate with the scenario's seed.
 */
export function registryAtYear(s: ResolvedScenario, regions: RegionTable, year: number): Registry {
  if (!Number.isInteger(year) || year < s.horizon.start || year > s.horizon.end)
    throw new Error(`year ${year} is outside ${s.id}'s horizon ${s.horizon.start}–${s.horizon.end}`);
  const reg = generateRegistry(s, { regions });
  if (year > s.horizon.start)
    runEngine(
      { ...s, horizon: { start: s.horizon.start, end: year - 1 } },
      { regions, registry: reg, replicates: 1, inPlace: true, mode: "mechanistic" },
    );
  return reg;
}

function poorPeople(reg: Registry): number {
  let p = 0;
  for (let i = 0; i < reg.n; i++)
    if (reg.status[i] === Status.poor || reg.status[i] === Status.returned) p += reg.weight[i] * reg.size[i];
  return p;
}

/**
 * Target-following: the quota's people exit, cheapest first (income gap to the line plus unmet guarantee
 * costs, per person); their gaps are closed by transfers and repairs. Returns what that costs, in yuan.
 */
function exitByQuota(reg: Registry, quota: number, P: YearParams, acc: Float64Array): number {
  const cand: number[] = [];
  for (let i = 0; i < reg.n; i++) if (reg.status[i] === Status.poor || reg.status[i] === Status.returned) cand.push(i);
  const cost = new Float64Array(reg.n),
    key = new Float64Array(reg.n);
  for (const i of cand) {
    cost[i] = gapToExit(reg, i, P.line, P);
    key[i] = cost[i] / reg.size[i];
  }
  cand.sort((a, b) => key[a] - key[b] || a - b);
  let lifted = 0,
    spent = 0;
  for (const i of cand) {
    if (lifted >= quota) break;
    const w = reg.weight[i];
    const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / reg.size[i];
    if (pc <= P.line) reg.incomeTransfer[i] += (P.line - pc) * reg.size[i] + 1;
    reg.housingSafe[i] = 1;
    reg.waterSafe[i] = 1;
    reg.insured[i] = 1;
    reg.schooling[i] = 1;
    reg.status[i] = Status.exited;
    reg.exitYear[i] = P.year;
    spent += w * cost[i];
    lifted += w * reg.size[i];
    acc[Acc.exitsPeople] += w * reg.size[i];
    acc[Acc.exitsHouseholds] += w;
  }
  return spent;
}

/**
 * Year-end aggregates and the village and county exit rules: a poor village exits (出列) when its
 * incidence is below `exit.village_incidence_max`; a poor county exits (摘帽) when its incidence is below
 * `exit.county_incidence_max` (2%, 3% in the west: the 2016 exit mechanism; the assessment's wrong-exit,
 * missed-poor and recognition conditions are taken as met and listed as parameters in the scenario).
 */
/** The metrics of a year that every runner records, from the year-end aggregates and the step's totals. */
export const YEAR_METRICS = [
  "poor_people",
  "poor_households",
  "exits_people",
  "exits_households",
  "returns_people",
  "new_poor_people",
  "incidence",
  "villages_exit",
  "counties_exit",
  "protection_cost",
  "medical_cost",
  "caught_people",
  "returns_illness",
  "returns_disaster",
  "returns_epidemic",
  "returns_income",
  "new_poor_illness",
  "new_poor_disaster",
  "new_poor_epidemic",
  "new_poor_income",
] as const;

/** The shocks falls are attributed to, in the order of their accumulator slots (step.ts). */
const FALL_SHOCKS = ["illness", "disaster", "epidemic"] as const;

export function recordMetrics(
  metrics: Record<(typeof YEAR_METRICS)[number], Float64Array>,
  i: number,
  rec: ReturnType<typeof recordYear>,
  acc: Float64Array,
): void {
  metrics.poor_people[i] = rec.poorPeople;
  metrics.poor_households[i] = rec.poorHouseholds;
  metrics.exits_people[i] = acc[Acc.exitsPeople];
  metrics.exits_households[i] = acc[Acc.exitsHouseholds];
  metrics.returns_people[i] = acc[Acc.returnsPeople];
  metrics.new_poor_people[i] = acc[Acc.newPoorPeople];
  metrics.incidence[i] = rec.incidence;
  metrics.villages_exit[i] = rec.villagesExit;
  metrics.counties_exit[i] = rec.countiesExit;
  metrics.protection_cost[i] = acc[Acc.protectionCost];
  metrics.medical_cost[i] = acc[Acc.medicalCost];
  metrics.caught_people[i] = acc[Acc.caughtPeople];
  // falls by the shock that hit (consecutive accumulator slots); what no shock explains fell through income
  for (const [kind, total, first] of [
    ["returns", Acc.returnsPeople, Acc.returnsIllness],
    ["new_poor", Acc.newPoorPeople, Acc.newPoorIllness],
  ] as const) {
    let explained = 0;
    for (const [k, shock] of FALL_SHOCKS.entries()) {
      metrics[`${kind}_${shock}`][i] = acc[first + k];
      explained += acc[first + k];
    }
    metrics[`${kind}_income`][i] = Math.max(0, acc[total] - explained);
  }
}

export function recordYear(
  reg: Registry,
  P: Pick<YearParams, "year" | "villageIncidenceMax" | "countyIncidenceMax">,
  summed?: { villagePoor: Float64Array; poorHouseholds: number },
) {
  const V = reg.villages,
    C = reg.counties;
  let vPoor: Float64Array, households: number;
  if (summed) {
    vPoor = summed.villagePoor;
    households = summed.poorHouseholds;
  } else {
    // the same fixed-point sums as the step's (PEOPLE_SCALE), so either way gives the same numbers
    vPoor = new Float64Array(V.n);
    households = 0;
    const { status, weight, size, village } = reg;
    for (let i = 0; i < reg.n; i++) {
      const st = status[i];
      if (st === Status.poor || st === Status.returned) {
        vPoor[village[i]] += Math.round(weight[i] * size[i] * PEOPLE_SCALE);
        households += weight[i];
      }
    }
  }
  let poor = 0;
  for (let v = 0; v < V.n; v++) poor += vPoor[v];
  poor /= PEOPLE_SCALE;
  const cPoor = new Float64Array(C.n);
  let villagesExit = 0,
    villagesExitedTotal = 0,
    population = 0;
  for (let v = 0; v < V.n; v++) {
    cPoor[V.county[v]] += vPoor[v] / PEOPLE_SCALE;
    population += V.population[v];
    if (V.poor[v] && V.exitYear[v] === 0 && vPoor[v] / PEOPLE_SCALE / V.population[v] < P.villageIncidenceMax) {
      V.exitYear[v] = P.year;
      villagesExit++;
    }
    if (V.poor[v] && V.exitYear[v] !== 0) villagesExitedTotal++;
  }
  let countiesExit = 0,
    countiesExitedTotal = 0;
  for (let c = 0; c < C.n; c++) {
    if (C.poor[c] && C.exitYear[c] === 0 && cPoor[c] / C.population[c] < P.countyIncidenceMax) {
      C.exitYear[c] = P.year;
      countiesExit++;
    }
    if (C.poor[c] && C.exitYear[c] !== 0) countiesExitedTotal++;
  }
  return {
    poorPeople: poor,
    poorHouseholds: households,
    incidence: poor / population,
    villagesExit,
    countiesExit,
    villagesExitedTotal,
    countiesExitedTotal,
    countyPoor: cPoor,
  };
}
