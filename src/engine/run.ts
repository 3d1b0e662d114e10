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
import {
  alignTally,
  alignYear,
  assessmentHeld,
  errorBase,
  missedPoorRate,
  SHORTFALL_TOLERANCE,
  type AlignOutcome,
  type AlignTally,
} from "./align.js";
import { guaranteeTally, type GuaranteeTally } from "./commitments.js";
import { generateRegistry } from "./generate.js";
import { yearParams, type YearParams } from "./params.js";
import { withProgrammes } from "./programmes.js";
import { cloneRegistry, Status, type Registry } from "./registry.js";
import { Acc, PEOPLE_SCALE, prepareStep, stepHouseholds } from "./step.js";
import { collectiveIncomes, withListedVillages } from "./villages.js";

export { ENGINE_METRICS, YEAR_METRICS };

/** How exits are decided: by the households' incomes and guarantees ("mechanistic"), or by those and the
 *  plan's yearly quotas met by alignment ("target", src/engine/align.ts). */
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

/** The next year after `year` with a remaining-poor target within the horizon, if any. */
function nextRemainingTarget(s: ResolvedScenario, year: number): { year: number; value: number } | undefined {
  for (let y = year + 1; y <= s.horizon.end; y++) {
    const v = targetIn(s, "poor_remaining", y)?.value;
    if (v !== undefined) return { year: y, value: v };
  }
  return undefined;
}

/** Whether the aligned run has a quota in `year`: the plan's own, or the even path to a later target. */
export function hasQuota(s: ResolvedScenario, year: number): boolean {
  return (
    targetIn(s, "people_exit", year) !== undefined ||
    targetIn(s, "poor_remaining", year) !== undefined ||
    nextRemainingTarget(s, year) !== undefined
  );
}

/** A year's quota for the aligned run: the people it asks to exit, and how many more than the step's exits. */
export interface Quota {
  people: number;
  needed: number;
  /** True when the quota asks more exits than there are poor left: everyone left is what it can get. */
  capped: boolean;
  /** True where the plan sets no quota for the year and the even path to its next target stands in. */
  interpolated: boolean;
}

/**
 * The year's quota, given the poor at its start and, after the year's step, the poor at its end and the
 * step's exits: at least the plan's exit quota (`people_exit`), and no more poor left than its remaining-poor
 * target (`poor_remaining`). In a year the plan gives neither, with a remaining-poor target later in the
 * horizon, the even path to it (Kunming sets 2018's quota and "none left" by 2020: 2019 takes half of what
 * is left at its start). Undefined without either. A quota asking more than the poor left asks for all of
 * them (`capped`: the quota outran the registry, e.g. a yearly quota after everyone is out).
 */
export function quotaFor(
  s: ResolvedScenario,
  year: number,
  poor: { start: number; end: number },
  exits: number,
): Quota | undefined {
  const exit = targetIn(s, "people_exit", year)?.value;
  let remaining = targetIn(s, "poor_remaining", year)?.value;
  let interpolated = false;
  if (exit === undefined && remaining === undefined) {
    const next = nextRemainingTarget(s, year);
    if (!next) return undefined;
    remaining = poor.start - (poor.start - next.value) / (next.year - year + 1);
    interpolated = true;
  }
  const people = Math.max(exit ?? -Infinity, remaining !== undefined ? exits + poor.end - remaining : -Infinity);
  const needed = Math.max(0, people - exits);
  return { people, needed: Math.min(needed, poor.end), capped: needed > poor.end + SHORTFALL_TOLERANCE, interpolated };
}

/**
 * Runs the household engine: R replicates × the horizon's years over a registry generated from the
 * region's aggregates (or given), each replicate with its own copy and its own random streams, one per
 * block of `blockSize` households, so numbers do not depend on thread count or order of work.
 *
 *   registry (generated once, seeded) ──clone──▶ replicate r
 *     for each year: stepHouseholds per block (own stream (seed, r + 1, block))
 *                    [aligned run ("target"): the year's quota met by the least effort (src/engine/align.ts)]
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
  const poorAtStart = mode === "target" ? poorPeople(base) : 0;
  for (let k = 0; k < R; k++) {
    const r = first + k; // the replicate's identity: its streams do not depend on which worker runs it
    const reg = options.inPlace ? base : cloneRegistry(base);
    const rngs = Array.from({ length: blocks }, (_, b) => seedState(seed, r + 1, b));
    let cumulativeExits = priorExits;
    const moneyOf = plan?.replicate();
    // the aligned run's marks of wrong exits (src/engine/align.ts), and the poor at the year's start
    const wrong = mode === "target" ? new Uint8Array(reg.n) : undefined;
    let poorStart = poorAtStart;
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
      // the aligned run in a year with a quota: the step as in the mechanistic run, then alignment
      const quotaYear = wrong !== undefined && hasQuota(s, P.year);
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
          measures: true,
          exits: true,
          villagePoor,
          villageFalls,
        });
        for (let q = 0; q < Acc.size; q++) acc[q] += blockAcc[q];
      }
      let quota: Quota | undefined, aligned: ReturnType<typeof alignYear> | undefined;
      let tally: AlignTally | undefined, held: Uint8Array | undefined;
      if (wrong) {
        if (quotaYear) {
          const poor = { start: poorStart, end: poorPeople(reg) };
          quota = quotaFor(s, P.year, poor, acc[Acc.exitsPeople]);
          aligned = alignYear(reg, P, quota?.needed ?? 0, errorBase(seed, r, P.year), wrong);
          acc[Acc.exitsPeople] += aligned.aligned;
          acc[Acc.exitsHouseholds] += aligned.exitsHouseholds;
          acc[Acc.measureCost] += aligned.floorCost;
        }
        tally = alignTally(reg, P.line, P.year, wrong);
        held = assessmentHeld(tally, aligned?.countyWrong, P);
      }
      const rec = recordYear(reg, P, villagePoor && { villagePoor, poorHouseholds: acc[Acc.poorHouseholds] }, held);
      poorStart = rec.poorPeople;
      cumulativeExits += acc[Acc.exitsPeople];
      recordMetrics(metrics, i, rec, acc, STEP_METRICS);
      // cumulative targets count exits before the horizon too (baseline exited_villages / exited_counties)
      metrics.villages_exited_total[i] = rec.villagesExitedTotal + (s.baseline.exited_villages?.value ?? 0);
      metrics.counties_exited_total[i] = rec.countiesExitedTotal + (s.baseline.exited_counties?.value ?? 0);
      metrics.cumulative_exits_people[i] = cumulativeExits;
      recordMoney(metrics, i, money, acc);
      recordAlignment(metrics, i, { quota, aligned, tally, money, exitsHouseholds: acc[Acc.exitsHouseholds], rec });
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

/** The aligned run's metrics; NaN where they do not apply (see `METRICS`). */
const ALIGN_METRICS = [
  "quota_people",
  "aligned_exits_people",
  "align_shift",
  "align_shift_logit",
  "target_cost",
  "align_repairs",
  "align_repair_cost",
  "target_money_beyond_rules",
  "align_shortfall",
  "align_feasible",
  "align_binding_shift",
  "align_binding_eligible",
  "align_binding_money",
  "safety_net_exits",
  "counties_held_by_assessment",
  "remaining_income_gap",
  "remaining_no_labour",
  "remaining_guarantee",
] as const satisfies readonly Metric[];

/** What the aligned run did in a replicate-year (absent in the mechanistic run, `aligned` absent without a
 *  quota). */
interface AlignRecord {
  quota?: Quota;
  aligned?: AlignOutcome;
  tally?: AlignTally;
  money?: YearMoney;
  exitsHouseholds: number;
  rec: { countiesHeld: number };
}

function recordAlignment(
  metrics: Record<EngineMetric, Float64Array>,
  i: number,
  { quota, aligned: a, tally, money, exitsHouseholds, rec }: AlignRecord,
): void {
  for (const m of ALIGN_METRICS) metrics[m][i] = NaN;
  // the mechanistic run exits only by the standard: no wrong exits, nobody missed
  metrics.wrong_exit_rate[i] = a && exitsHouseholds > 0 ? a.wrongHouseholds / exitsHouseholds : 0;
  metrics.missed_poor_rate[i] = 0;
  if (!tally) return;
  metrics.missed_poor_rate[i] = missedPoorRate(tally);
  metrics.counties_held_by_assessment[i] = rec.countiesHeld;
  metrics.remaining_income_gap[i] = tally.incomeGap;
  metrics.remaining_no_labour[i] = tally.noLabour;
  metrics.remaining_guarantee[i] = tally.guarantee;
  if (!quota || !a) return;
  metrics.quota_people[i] = quota.people;
  metrics.aligned_exits_people[i] = a.aligned;
  metrics.align_shift[i] = a.shift;
  metrics.align_shift_logit[i] = a.shiftLogit;
  metrics.target_cost[i] = a.cost;
  metrics.align_repairs[i] = a.repairs;
  metrics.align_repair_cost[i] = a.repairCost;
  const beyond = money ? Math.max(0, a.cost - money.unspent) : NaN;
  metrics.target_money_beyond_rules[i] = beyond;
  metrics.align_shortfall[i] = a.shortfall;
  metrics.align_feasible[i] = Number(a.shortfall === 0);
  metrics.align_binding_shift[i] = Number(a.binding === "shift");
  metrics.align_binding_eligible[i] = Number(a.binding === "eligible" || quota.capped);
  metrics.align_binding_money[i] = Number(beyond > 0);
  metrics.safety_net_exits[i] = a.safetyNetExits;
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
 * `exit.county_incidence_max` (2%, 3% in the west: the 2016 exit mechanism), unless the aligned run's
 * assessment holds it back (`held`: wrong-exit or missed-poor rate above its limit, src/engine/align.ts; the
 * public-recognition condition is context).
 */
export function recordYear(
  reg: Registry,
  P: Pick<YearParams, "year" | "villageIncidenceMax" | "countyIncidenceMax"> &
    Partial<Pick<YearParams, "villageCollectiveIncomeMin" | "pvVillages" | "pvVillageIncome">>,
  summed?: { villagePoor: Float64Array; poorHouseholds: number },
  held?: Uint8Array,
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
    countiesExitedTotal = 0,
    countiesHeld = 0;
  for (let c = 0; c < C.n; c++) {
    if (C.poor[c] && C.exitYear[c] === 0 && cPoor[c] / C.population[c] < P.countyIncidenceMax) {
      // the aligned run's assessment: a county above the wrong-exit or missed-poor limit waits (src/engine/align.ts)
      if (held?.[c]) countiesHeld++;
      else {
        C.exitYear[c] = P.year;
        countiesExit++;
      }
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
    countiesHeld,
    villagesCollectiveIncomeMet: incomeMet,
    villageCollectiveIncomeLeast: incomeLeast === Infinity ? NaN : incomeLeast,
    countyPoor: cPoor,
  };
}
