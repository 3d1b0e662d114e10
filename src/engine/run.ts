import type { RegionTable } from "../data/regions.js";
import { FALL_SHOCKS, GUARANTEES, MEASURE_TABLE, type MeasureTable } from "../model/measures.js";
import {
  ENGINE_METRICS,
  fallSlot,
  METRICS,
  YEAR_METRICS,
  type EngineMetric,
  type Metric,
  type MetricDef,
} from "../model/metrics.js";
import type { RunOptions, RunResult } from "../model/types.js";
import { seedState } from "../random/rng.js";
import { horizonYears, targetIn, type ResolvedScenario } from "../scenario/resolve.js";
import { guaranteeTally, type GuaranteeTally } from "./commitments.js";
import { generateRegistry } from "./generate.js";
import { yearParams, type YearParams } from "./params.js";
import { withProgrammes } from "./programmes.js";
import { cloneRegistry, Status, type Registry } from "./registry.js";
import { Acc, carryOverExit, exitCost, PEOPLE_SCALE, prepareStep, stepHouseholds } from "./step.js";
import { collectiveIncomes, withListedVillages } from "./villages.js";

export { ENGINE_METRICS, YEAR_METRICS };

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
  /** The measures the step applies (a study's or a test's own table). __Default value:__ `MEASURE_TABLE` */
  measures?: MeasureTable;
  /** The money of the plan's rules, year by year (src/funds wires its `scenarioMoney` here); without it the
   *  measures run at their largest coverages and no money is recorded. */
  money?: MoneyProvider;
}

/** The money of one replicate-year, as the engine uses and records it. */
export interface YearMoney {
  grants: number;
  loans: number;
  /** Money needed to run every funded measure at its largest coverage, and money not spent. */
  need: number;
  unspent: number;
  /** Poor people at the start of the year (for money per poor person). */
  poorPeople: number;
  /** Coverage per county and funded measure (`YearParams.coverage`) when money limits the measures. */
  coverage?: Float64Array;
  /** Yuan per county. */
  budget: Float64Array;
  /** Amounts added to the money series, in order (`fund.<rule>` per line, `spend.<measure>`). */
  series: [string, number][];
}

/** The money of a run: its series' names, and for each replicate a function of its registry, year by year
 *  (the replicate's state, e.g. last year's funds, is kept inside). */
export interface MoneyPlan {
  series: string[];
  replicate(): (reg: Registry, t: number, P?: YearParams) => YearMoney;
}

/** What a run's money is, given the scenario and the year's parameters; undefined when it has none. */
export type MoneyProvider = (s: ResolvedScenario, params: readonly YearParams[]) => MoneyPlan | undefined;

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
export function runHouseholds(s: ResolvedScenario, options: EngineOptions): RunResult {
  const t0 = performance.now();
  const seed = options.seed ?? s.seed;
  const R = options.replicates ?? s.replicates;
  const first = options.firstReplicate ?? 0;
  if (options.inPlace && R !== 1) throw new Error("runHouseholds: inPlace needs replicates = 1");
  const mode = options.mode ?? "mechanistic";
  const B = options.blockSize ?? 4096;
  const years = horizonYears(s);
  const T = years.length;
  // 1. Every input first: a missing parameter stops the run before anything is simulated.
  const params0 = years.map((y) => yearParams(s, y, options.measures ?? MEASURE_TABLE));
  const base = options.registry ?? generateRegistry(s, { regions: options.regions, maxRows: options.maxRows });
  // the villages listed for supervision, on the registry at the start (挂牌督战, 002 §三(二))
  const params = withListedVillages(base, params0);

  const metrics = Object.fromEntries(ENGINE_METRICS.map((m) => [m, new Float64Array(R * T)])) as Record<
    EngineMetric,
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
  // money: the plan's (when the run has a provider and the scenario money rules), each replicate-year on the
  // replicate's own registry; its series are one per rule ("fund.<id>") and per funded measure ("spend.<id>")
  const plan = options.money?.(s, params);
  const series: Record<string, Float64Array> = {};
  for (const name of plan?.series ?? []) series[name] = new Float64Array(R * T);
  const countyBudget = plan ? new Float64Array(R * T * C) : undefined;
  const prepared = params.map((P) => prepareStep(P));
  // the guarantees' unmet stocks at the start, the base of what the repairs could not reach
  const startUnmet = guaranteeTally(base, params[0].line).unmet;
  for (let k = 0; k < R; k++) {
    const r = first + k; // the replicate's identity: its streams do not depend on which worker runs it
    const reg = options.inPlace ? base : cloneRegistry(base);
    const rngs = Array.from({ length: blocks }, (_, b) => seedState(seed, r + 1, b));
    let cumulativeExits = priorExits;
    const moneyOf = plan?.replicate();
    for (let t = 0; t < T; t++) {
      const i = k * T + t;
      // the plan's programmes set the measures' largest coverages against the households eligible now
      const Pt = withProgrammes(params[t], reg);
      // the year's money, when the scenario has money rules: what it buys becomes the measures' coverage
      const money = moneyOf?.(reg, t, Pt);
      const step = money?.coverage
        ? prepareStep({ ...Pt, coverage: money.coverage })
        : Pt === params[t]
          ? prepared[t]
          : prepareStep(Pt);
      const P = step.P;
      acc.fill(0);
      // target-following in a year the plan sets a quota: households move without measures or exits, then
      // the quota (computed after the year's returns and new poor) decides who exits
      const quotaYear =
        mode === "target" &&
        (targetIn(s, "people_exit", P.year) ?? targetIn(s, "poor_remaining", P.year)) !== undefined;
      const open = !quotaYear;
      // each block sums into its own accumulator, added in block order: totals do not depend on how a
      // replicate's blocks might be split across threads
      // outside quota years the step also sums the year-end poor by village (a second pass is saved)
      const villagePoor = quotaYear ? undefined : new Float64Array(reg.villages.n);
      const villageFalls = new Float64Array(2 * reg.villages.n);
      for (let b = 0; b < blocks; b++) {
        blockAcc.fill(0);
        const [lo, hi] = [b * B, Math.min(reg.n, (b + 1) * B)];
        stepHouseholds({
          reg,
          lo,
          hi,
          step,
          state: rngs[b],
          acc: blockAcc,
          measures: open,
          exits: open,
          villagePoor,
          villageFalls,
        });
        for (let q = 0; q < Acc.size; q++) acc[q] += blockAcc[q];
      }
      let targetCost = 0;
      if (quotaYear) targetCost = exitByQuota(reg, quotaFor(s, P.year, poorPeople(reg)) ?? 0, P, acc);
      const rec = recordYear(reg, P, villagePoor && { villagePoor, poorHouseholds: acc[Acc.poorHouseholds] });
      cumulativeExits += acc[Acc.exitsPeople];
      recordMetrics(metrics, i, rec, acc, STEP_METRICS);
      // cumulative targets count exits before the horizon too (baseline exited_villages / exited_counties)
      metrics.villages_exited_total[i] = rec.villagesExitedTotal + (s.baseline.exited_villages?.value ?? 0);
      metrics.counties_exited_total[i] = rec.countiesExitedTotal + (s.baseline.exited_counties?.value ?? 0);
      metrics.cumulative_exits_people[i] = cumulativeExits;
      metrics.target_cost[i] = targetCost;
      recordMoney(metrics, i, money, acc);
      recordGuarantees(metrics, i, guaranteeTally(reg, P.line), startUnmet);
      if (money) {
        for (const [name, amount] of money.series) series[name][i] += amount;
        countyBudget!.set(money.budget, i * C);
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
    ...(plan ? { series } : {}),
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}

/**
 * The scenario's generated registry as it stands at the start of `year`: generated, then (for a later year
 * of the horizon) stepped there by one mechanistic replicate with the scenario's seed.
 */
export function registryAtYear(
  s: ResolvedScenario,
  regions: RegionTable,
  year: number,
  money?: MoneyProvider,
): Registry {
  if (!Number.isInteger(year) || year < s.horizon.start || year > s.horizon.end)
    throw new Error(`year ${year} is outside ${s.id}'s horizon ${s.horizon.start}–${s.horizon.end}`);
  const reg = generateRegistry(s, { regions });
  if (year > s.horizon.start)
    runHouseholds(
      { ...s, horizon: { start: s.horizon.start, end: year - 1 } },
      { regions, registry: reg, replicates: 1, inPlace: true, mode: "mechanistic", money },
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
 * Target-following: the quota's people exit, cheapest first (`exitCost` per person: the income gap to the
 * line and every unmet guarantee at its cost); their gaps are closed by transfers and repairs
 * (`carryOverExit`). Returns what that costs, in yuan.
 */
function exitByQuota(reg: Registry, quota: number, P: YearParams, acc: Float64Array): number {
  const cand: number[] = [];
  for (let i = 0; i < reg.n; i++) if (reg.status[i] === Status.poor || reg.status[i] === Status.returned) cand.push(i);
  const cost = new Float64Array(reg.n),
    key = new Float64Array(reg.n);
  for (const i of cand) {
    cost[i] = exitCost(reg, i, P);
    key[i] = cost[i] / reg.size[i];
  }
  cand.sort((a, b) => key[a] - key[b] || a - b);
  let lifted = 0,
    spent = 0;
  for (const i of cand) {
    if (lifted >= quota) break;
    const w = reg.weight[i];
    carryOverExit(reg, i, P);
    reg.status[i] = Status.exited;
    reg.exitYear[i] = P.year;
    spent += w * cost[i];
    lifted += w * reg.size[i];
    acc[Acc.exitsPeople] += w * reg.size[i];
    acc[Acc.exitsHouseholds] += w;
  }
  return spent;
}

/** The engine's metrics the step's totals and the year-end aggregates give (all but the run's own). */
const STEP_METRICS = ENGINE_METRICS.filter((m) => (METRICS[m] as MetricDef).source?.from !== "run");

/** The money metrics of a replicate-year (NaN without money). */
const MONEY_METRICS = [
  "funds_grants",
  "funds_loans",
  "funds_need",
  "funds_shortfall",
  "funds_unspent",
  "money_per_poor_person",
  "cost_per_exit",
] as const satisfies readonly Metric[];

function recordMoney(
  metrics: Record<(typeof MONEY_METRICS)[number], Float64Array>,
  i: number,
  money: YearMoney | undefined,
  acc: Float64Array,
): void {
  if (!money) {
    for (const m of MONEY_METRICS) metrics[m][i] = NaN;
    return;
  }
  const g = money.grants;
  metrics.funds_grants[i] = g;
  metrics.funds_loans[i] = money.loans;
  metrics.funds_need[i] = money.need;
  metrics.funds_shortfall[i] = Math.max(0, money.need - g);
  metrics.funds_unspent[i] = money.unspent;
  metrics.money_per_poor_person[i] = money.poorPeople > 0 ? g / money.poorPeople : NaN;
  metrics.cost_per_exit[i] = acc[Acc.exitsPeople] > 0 ? g / acc[Acc.exitsPeople] : NaN;
}

/** What the guarantees' repairs have not reached at the year end (src/engine/commitments.ts). */
function recordGuarantees(
  metrics: Record<EngineMetric, Float64Array>,
  i: number,
  tally: GuaranteeTally,
  startUnmet: Float64Array,
): void {
  GUARANTEES.forEach((g, k) => {
    metrics[`guarantee_unmet_${g.id}`][i] = startUnmet[k] > 0 ? tally.unmet[k] / startUnmet[k] : 0;
  });
  metrics.held_by_guarantees[i] = tally.poor > 0 ? tally.held / tally.poor : 0;
}

/**
 * Records a year's metrics (`which`, by default those every runner records) from the year-end aggregates
 * and the step's totals, each as its source in `METRICS` says; falls no shock explains fell through income.
 */
export function recordMetrics(
  metrics: Partial<Record<Metric, Float64Array>>,
  i: number,
  rec: ReturnType<typeof recordYear>,
  acc: Float64Array,
  which: readonly Metric[] = YEAR_METRICS,
): void {
  for (const m of which) {
    const src = (METRICS[m] as MetricDef).source!;
    let value: number;
    if (src.from === "acc") value = acc[Acc[src.slot as keyof typeof Acc]];
    else if (src.from === "year") value = rec[src.key];
    else if (src.from === "income") {
      const kind = src.kind;
      let explained = 0;
      for (const shock of FALL_SHOCKS) explained += acc[Acc[fallSlot(kind, shock) as keyof typeof Acc]];
      value = Math.max(0, acc[Acc[kind === "returns" ? "returnsPeople" : "newPoorPeople"]] - explained);
    } else continue;
    metrics[m]![i] = value;
  }
}

/**
 * Year-end aggregates and the village and county exit rules: a poor village exits (出列) when its
 * incidence is below `exit.village_incidence_max` and its collective income (PV stations included,
 * `collectiveIncomes`) is at least `exit.village_collective_income_min` where the plan sets one (Kunming
 * 000 §一(二): 确保村集体经济达到5万元以上; Quanzhou 003 §六: no 空壳村 below 10,000 yuan in 2018, 30,000 in
 * 2019); a poor county exits (摘帽) when its incidence is below
 * `exit.county_incidence_max` (2%, 3% in the west: the 2016 exit mechanism; the assessment's wrong-exit,
 * missed-poor and recognition conditions are taken as met and listed as parameters in the scenario).
 */
export function recordYear(
  reg: Registry,
  P: Pick<YearParams, "year" | "villageIncidenceMax" | "countyIncidenceMax"> &
    Partial<Pick<YearParams, "villageCollectiveIncomeMin" | "pvVillages" | "pvVillageIncome">>,
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
  // the collective-income condition (none for a registry without collective incomes)
  const income = collectiveIncomes(V, P);
  const incomeMin = P.villageCollectiveIncomeMin ?? 0;
  let incomeMet = 0,
    incomeLeast = Infinity;
  for (let v = 0; v < V.n; v++) {
    cPoor[V.county[v]] += vPoor[v] / PEOPLE_SCALE;
    population += V.population[v];
    const meets = income === undefined || income[v] >= incomeMin;
    if (V.poor[v]) {
      incomeMet += Number(meets);
      if (income !== undefined) incomeLeast = Math.min(incomeLeast, income[v]);
    }
    if (
      V.poor[v] &&
      V.exitYear[v] === 0 &&
      meets &&
      vPoor[v] / PEOPLE_SCALE / V.population[v] < P.villageIncidenceMax
    ) {
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
    villagesCollectiveIncomeMet: incomeMet,
    villageCollectiveIncomeLeast: incomeLeast === Infinity ? NaN : incomeLeast,
    countyPoor: cPoor,
  };
}
