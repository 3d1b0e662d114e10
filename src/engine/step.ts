import { Acc, fallSlot } from "../model/metrics.js";
import {
  atOrAboveLine,
  drawSlot,
  eligibleLists,
  Flag,
  GUARANTEES,
  INCOME_COMPONENTS,
  guaranteeOf,
  SHOCKS,
  type MeasureDef,
  type MeasureTable,
} from "../model/measures.js";
import { illnessOutOfPocket } from "../model/health.js";
import { exitedCatch, marginalCatch, slowIndustry, TRANSITION_YEARS } from "../model/protection.js";
import { compileKernel, generateKernel, PEOPLE_SCALE, type Kernel, type KernelLayout } from "./kernel.js";
import type { YearParams } from "./params.js";
import { Status, type Registry } from "./registry.js";

export { Acc };

export { PEOPLE_SCALE };

export interface StepOptions {
  /** Apply the year's measures (industry, employment, guarantees, safety net). */
  measures: boolean;
  /** Let poor households exit by the household rule (false in target-following years: the quota decides). */
  exits: boolean;
}

/** One call of the step: households [lo, hi) of a registry, one year. */
export interface StepArgs extends StepOptions {
  reg: Registry;
  lo: number;
  hi: number;
  /** The year's parameters, or the constants prepared from them (`prepareStep`, once per year). */
  step: YearParams | PreparedStep;
  /** The block's xoshiro128** state, advanced in place (the block continues its stream next year). */
  state: Uint32Array;
  /** The block's accumulator (`Acc` slots), added to. */
  acc: Float64Array;
  /** Receives the year-end poor per village in fixed point (see PEOPLE_SCALE) and sums poor households. */
  villagePoor?: Float64Array;
  /** Receives the people returning (slot 2v) and newly poor (slot 2v + 1) per village. */
  villageFalls?: Float64Array;
}

/** The kinds of measure effect, as small integers for the kernel's switch (`MeasureEffect`). */
const EFFECT = { income: 0, guarantee: 1, relocation: 2, floor: 3 } as const;

/** Slots of the draws the kernel reads by name (the measures read theirs from the prepared table). */
const D_GROWTH = drawSlot("growth"),
  D_ILLNESS = drawSlot("illness"),
  D_DISASTER = drawSlot("disaster"),
  D_EPIDEMIC = drawSlot("epidemic"),
  D_PROTECTION = drawSlot("protection");
const EMPLOYMENT = "employment";

/**
 * The step's constants for one year, computed once from the year's parameters: the measures in the order
 * the step applies them (by stage) as small typed arrays, their 16-bit thresholds (one row, or one row per
 * county when money sets the coverage), and the thresholds and amounts of growth, shocks and protection.
 * Probabilities become integer thresholds round(p × 2^16) for 16-bit uniforms: a probability is applied to
 * within 2^-17 (7.6e-6; every probability in the scenarios is ≥ 0.01).
 */
export interface PreparedStep {
  P: YearParams;
  /** The year's line and the year (read in the loop from here, not from `P`, whose shape varies). */
  line: number;
  year: number;
  /** Measures in step order (by stage), and per measure its effect's kind (`EFFECT`) and draw slot. */
  order: readonly MeasureDef[];
  kind: Uint8Array;
  slot: Uint8Array;
  /** The unmet-guarantee flags a measure clears when it reaches a household (`Flag`). */
  repairs: Int32Array;
  /** Per measure: what a hit adds to wage, farm and transfer income, and its unit cost as spending on
   *  measures or on the guarantees (0 where it does not apply, so the kernel adds without branching). */
  addWage: Float64Array;
  addFarm: Float64Array;
  addTransfer: Float64Array;
  measureUnit: Float64Array;
  guaranteeUnit: Float64Array;
  /** The measures a household with flags f is eligible for: `reach[reachStart[f] … reachStart[f + 1])`
   *  (step-order indices), so the kernel loops only over those. */
  reachStart: Uint16Array;
  reach: Uint8Array;
  /** `[row * M + m]`: thresholds; one row, or a row per county (`perCounty`). */
  thresholds: Int32Array;
  perCounty: boolean;
  /** Per village, 1 when listed for supervision (挂牌督战): there every threshold is 2^16 (every eligible
   *  household reached); null when no village is listed (`YearParams.listedVillages`). */
  listed: Uint8Array | null;
  /** The employment measure's income and unit cost (relocation's stable job), 0 when the table has none. */
  jobAmount: number;
  jobCost: number;
  /** Stably employed workers per relocated household (at most its labourers; `YearParams.relocationWorkers`). */
  jobWorkers: number;
  /** Yuan per household added to transfer income this year (`YearParams.standingTransfer`). */
  standingTransfer: number;
  floor: number;
  growth: number;
  growthSd: number;
  sdFragile: number;
  /** Illness thresholds: [ordinary, chronic/disabled/elderly]; disaster: [elsewhere, deep area]. */
  illThr: Int32Array;
  disThr: Int32Array;
  epidemicThr: number;
  /** Share of wage income an epidemic hit takes (0 when no epidemic). */
  epidemicLoss: number;
  /** A serious illness's cost, and what it leaves an insured and an uninsured household to pay
   *  (`illnessOutOfPocket`, src/model/health.ts); the difference for the insured is the medical cost. */
  illnessCost: number;
  illnessLossInsured: number;
  illnessLossUninsured: number;
  disasterLossShare: number;
  /** Protection against a fall (`exitedCatch`, `marginalCatch` in src/model/protection.ts) as catch
   *  thresholds and the matching lasting thresholds: for an exited household at `protectionIndex` (years
   *  since exit, a long transition for industry income, on the watched list), for a marginal one on the list
   *  or not, and for no protection. */
  band: number;
  exitedThr: Int32Array;
  exitedLast: Int32Array;
  marginalThr: Int32Array;
  marginalLast: Int32Array;
  lastNone: number;
  kept: boolean;
  /** Whether returned households get the measures (they re-enter the registry: 返贫即入). */
  reentry: boolean;
}

/** Index into `PreparedStep.exitedThr`: years since exit (1 … TRANSITION_YEARS + 1, the last standing for
 *  any later year), whether the household has the slow-industry transition, whether it is on the list. */
export function protectionIndex(sinceExit: number, slow: boolean, inBand: boolean): number {
  const y = Math.min(TRANSITION_YEARS + 1, Math.max(1, sinceExit));
  return ((y - 1) * 2 + +slow) * 2 + +inBand;
}

/** A probability as a threshold for a 16-bit uniform: P(u < thr) = round(p × 2^16) / 2^16. */
export function thr16(p: number): number {
  return Math.round(Math.min(1, Math.max(0, p)) * 65536);
}

/** What the step needs of a measure table, whatever the year: the measures by stage and their integer
 *  codes, and for each combination of flags the measures it is eligible for. */
interface MeasureLayout {
  byStage: { m: MeasureDef; k: number }[];
  /** Per table index: the index among the funded measures, or −1. */
  funded: number[];
  K: number;
  arrays: Pick<PreparedStep, "order" | "reachStart" | "reach" | "kind" | "slot" | "repairs">;
}

const layouts = new WeakMap<MeasureTable, MeasureLayout>();

/** The layout of a measure table (computed once per table). */
function measureLayout(table: MeasureTable): MeasureLayout {
  const known = layouts.get(table);
  if (known) return known;
  const byStage = table.map((m, k) => ({ m, k })).sort((a, b) => a.m.stage - b.m.stage || a.k - b.k);
  const funded = table.map((m, k) => (m.funded ? table.slice(0, k).filter((x) => x.funded).length : -1));
  // every combination of flags: the measures it is eligible for
  const { start: reachStart, list: reach } = eligibleLists(byStage.map(({ m }) => m));
  const layout: MeasureLayout = {
    byStage,
    funded,
    K: funded.filter((f) => f >= 0).length,
    arrays: {
      order: byStage.map(({ m }) => m),
      reachStart,
      reach,
      kind: Uint8Array.from(byStage, ({ m }) => EFFECT[m.effect.kind]),
      slot: Uint8Array.from(byStage, ({ m }) => drawSlot(m.draw)),
      repairs: Int32Array.from(byStage, ({ m }) =>
        m.effect.kind === "relocation" ? Flag.housingUnsafe | Flag.waterUnsafe : (guaranteeOf(m)?.unmet ?? 0),
      ),
    },
  };
  layouts.set(table, layout);
  return layout;
}

/** Whether a measure raises the given income component. */
function isIncome(m: MeasureDef, component: string): boolean {
  return m.effect.kind === "income" && m.effect.component === component;
}

/** The step's constants for a year (pure; see `PreparedStep`). */
export function prepareStep(P: YearParams): PreparedStep {
  const table = P.measures;
  const layout = measureLayout(table);
  const { byStage, funded, K } = layout;
  const M = byStage.length;
  const perCounty = P.coverage !== undefined;
  const rows = perCounty ? P.coverage!.length / K : 1;
  const thresholds = new Int32Array(rows * M);
  for (let r = 0; r < rows; r++)
    byStage.forEach(({ k }, j) => {
      const f = funded[k];
      thresholds[r * M + j] = thr16(perCounty && f >= 0 ? P.coverage![r * K + f] : P.measureCoverage[k]);
    });
  const job = table.findIndex((m) => m.id === EMPLOYMENT);
  // protection against a fall (返贫/新致贫): the chance a fall is caught (src/model/protection.ts: the
  // transition period, monitoring of the households on the list — income per person at the start of the
  // year under band × line — at the year's rounds, a paired cadre), as a 16-bit threshold per case.
  // An uncaught fall lasts (counts as a return or a new entry) with the chance returnLevel, the hazard's
  // level calibrated on the national returns of 2016–2018 (tuopin calibrate); otherwise the household
  // recovers within the year. The catch and the lasting share one uniform r in [0, 2^16): lasting when
  // r < (2^16 − catch) × level, caught when r ≥ 2^16 − catch, recovered in between. So stronger protection
  // (a larger catch) only shrinks the set of households that return: paired runs with and without a policy
  // differ exactly by the households it saves.
  const level = Math.min(1, Math.max(0, P.returnLevel));
  const lasting = (thr: number) => Math.round((65536 - thr) * level);
  const cases = 4 * (TRANSITION_YEARS + 1);
  const exitedThr = new Int32Array(cases);
  for (let y = 1; y <= TRANSITION_YEARS + 1; y++)
    for (const slow of [false, true])
      for (const inBand of [false, true])
        exitedThr[protectionIndex(y, slow, inBand)] = thr16(exitedCatch(P, P.year, P.year - y, slow, inBand));
  const marginalThr = Int32Array.of(thr16(marginalCatch(P, false)), thr16(marginalCatch(P, true)));
  return {
    P,
    line: P.line,
    year: P.year,
    ...layout.arrays,
    addWage: Float64Array.from(byStage, ({ m, k }) => (isIncome(m, "wage") ? P.measureAmount[k] : 0)),
    addFarm: Float64Array.from(byStage, ({ m, k }) => (isIncome(m, "farm") ? P.measureAmount[k] : 0)),
    addTransfer: Float64Array.from(byStage, ({ m, k }) => (isIncome(m, "transfer") ? P.measureAmount[k] : 0)),
    measureUnit: Float64Array.from(byStage, ({ m, k }) => (m.effect.kind === "income" ? P.measureCost[k] : 0)),
    // a guarantee's repair and relocation count as spending on the guarantees
    guaranteeUnit: Float64Array.from(byStage, ({ m, k }) =>
      m.effect.kind === "guarantee" || m.effect.kind === "relocation" ? P.measureCost[k] : 0,
    ),
    thresholds,
    perCounty,
    listed: P.listedVillages ?? null,
    jobAmount: job >= 0 ? P.measureAmount[job] : 0,
    jobCost: job >= 0 ? P.measureCost[job] : 0,
    jobWorkers: P.relocationWorkers ?? 1,
    standingTransfer: P.standingTransfer ?? 0,
    floor: P.floor,
    growth: P.growth,
    growthSd: P.growthSd,
    // risk factors (model.risk.*): a single market income (wage or farm only) or a relocated household's new
    // livelihood varies more from year to year; a deep-poverty area is disaster-prone
    sdFragile: P.growthSd * P.fragileIncomeSdMultiplier,
    illThr: Int32Array.of(thr16(P.illnessProb), thr16(P.illnessProbChronic)),
    disThr: Int32Array.of(thr16(P.disasterProb), thr16(P.disasterProb * P.deepAreaDisasterMultiplier)),
    epidemicThr: thr16(P.epidemicJobLossShare),
    epidemicLoss: P.epidemicJobLossShare > 0 ? P.epidemicMonthsLost / 12 : 0,
    illnessCost: P.illnessCost,
    illnessLossInsured: illnessOutOfPocket(P.illnessCost, P.health, true),
    illnessLossUninsured: illnessOutOfPocket(P.illnessCost, P.health, false),
    disasterLossShare: P.disasterLossShare,
    band: P.monitoringBand * P.line,
    exitedThr,
    exitedLast: exitedThr.map(lasting),
    marginalThr,
    marginalLast: marginalThr.map(lasting),
    lastNone: lasting(0),
    kept: P.policyKeptAfterExit > 0,
    reentry: P.reentry > 0,
  };
}

/** The compiled kernel of each measure layout (keyed by the layout's step-order array). */
const kernels = new WeakMap<readonly MeasureDef[], Kernel<PreparedStep>>();

/** The kernel layout of a prepared step's measures (what `generateKernel` needs). */
function kernelLayout(k: PreparedStep): KernelLayout {
  const component = (m: MeasureDef) =>
    m.effect.kind === "income" ? 1 + INCOME_COMPONENTS.indexOf(m.effect.component) : 0;
  return {
    ids: k.order.map((m) => m.id),
    kind: k.kind,
    slot: k.slot,
    eligible: Int32Array.from(k.order, (m) => m.eligible),
    repairs: k.repairs,
    component: Uint8Array.from(k.order, component),
    hasJob: k.order.some((m) => m.id === EMPLOYMENT),
    slow: Uint8Array.from(k.order, (m) => +(m.slowReturn === true)),
  };
}

/** Source text of the step's kernel for a year's measures (what `stepHouseholds` runs; for reading). */
export function kernelSource(step: YearParams | PreparedStep): string {
  const k = "kind" in step ? step : prepareStep(step);
  return generateKernel(kernelLayout(k), D_GROWTH, [D_ILLNESS, D_DISASTER, D_EPIDEMIC, D_PROTECTION]);
}

function kernelOf(k: PreparedStep): Kernel<PreparedStep> {
  let kernel = kernels.get(k.order);
  if (!kernel) {
    kernel = compileKernel<PreparedStep>(kernelSource(k), fall, attributeFall);
    kernels.set(k.order, kernel);
  }
  return kernel;
}

/**
 * One year for households [lo, hi) of a registry, with the block's own random stream.
 *
 * Order within the year: incomes grow (with household noise); measures reach poor households (and exited
 * ones where policy is kept after exit), each by its entry in the measure table; shocks hit (illness net of
 * reimbursement, disaster, the epidemic's lost migrant work); then status changes by the rules:
 *  - a poor household exits when its income per person is above the year's line and the guarantees
 *    (safe housing, safe water, insurance, schooling) hold — the household exit standard ("一超过、两不愁、三保障",
 *    the 2016 exit mechanism cited in scenarios/base/defaults.yaml);
 *  - an exited household returns (返贫) when its income per person falls below the line, unless the fall
 *    is caught by the transition period or monitoring (`fall`);
 *  - a marginal household falls in (新致贫) when its income per person falls below the line.
 * Shocks are one-year losses: they lower this year's income, not next year's base.
 *
 * Every household takes DRAWS 32-bit outputs a year (the layout is `DRAW` in src/model/measures.ts), the
 * same count whatever happens, so paired runs keep common random numbers. The loop itself is compiled once
 * per measure table into straight-line code (src/engine/kernel.ts, `kernelSource` shows it).
 */
export function stepHouseholds(a: StepArgs): void {
  const k = "kind" in a.step ? a.step : prepareStep(a.step);
  kernelOf(k)(a, k);
}

/**
 * An exited or marginal household whose income per person ends below the line: caught (the safety net or
 * the intervention tops the year's income up to the line), recovered within the year, or a lasting fall
 * (exited → returned, 返贫; marginal → poor, 新致贫). The transition period (渐退期) covers a household that
 * exited last year for some months: the chance of the fall landing inside it is its share of the year
 * (assumption: falls are spread over the year). Caught or recovered, earnings are back at their level of
 * the start of the year. Returns the status at year end.
 */
function fall(
  k: PreparedStep,
  reg: Registry,
  i: number,
  st: number,
  inBand: boolean,
  r: number,
  pc: number,
  w: number,
  n: number,
  w0: number,
  f0: number,
  acc: Float64Array,
): number {
  let thr: number, last: number;
  if (st === Status.exited) {
    const e = reg.exitYear[i];
    const j = protectionIndex(k.year - e, slowIndustry(reg, i), inBand);
    thr = k.exitedThr[j];
    last = k.exitedLast[j];
  } else {
    thr = k.marginalThr[+inBand];
    last = k.marginalLast[+inBand];
  }
  if (r >= 65536 - thr) {
    acc[Acc.protectionCost] += w * (k.line - pc) * n;
    acc[Acc.caughtPeople] += w * n;
  } else if (r < last) {
    const end = st === Status.exited ? Status.returned : Status.poor;
    reg.status[i] = end;
    return end;
  }
  reg.incomeWage[i] = w0;
  reg.incomeFarm[i] = f0;
  return st;
}

/** Accumulator slots of falls by shock: [returns, new poor] × SHOCKS order. */
const FALL_SLOTS = [0, 1].map((f) =>
  Int32Array.from(SHOCKS, (s) => Acc[fallSlot(f === 0 ? "returns" : "new_poor", s.id) as keyof typeof Acc]),
);
const FALL_TOTAL = [Acc.returnsPeople, Acc.newPoorPeople];

/** A lasting fall (kind 0 a return, 1 a new poor) counted in total, by village and by the first shock
 *  that hit (none: through income alone). */
function attributeFall(
  kind: number,
  hits: number,
  i: number,
  people: number,
  reg: Registry,
  acc: Float64Array,
  villageFalls: Float64Array | undefined,
): void {
  acc[FALL_TOTAL[kind]] += people;
  if (villageFalls !== undefined) villageFalls[2 * reg.village[i] + kind] += people;
  if (hits !== 0) acc[FALL_SLOTS[kind][31 - Math.clz32(hits & -hits)]] += people;
}

/**
 * What carrying household i over the exit rule costs, in yuan: its income gap to the line (plus 1 yuan:
 * strictly above it) closed by a transfer, and each unmet guarantee put right at its cost
 * (`GUARANTEES`; 0 for one without a cost). The aligned run ranks its quota's exits by it (src/engine/align.ts).
 */
export function exitCost(reg: Registry, i: number, P: YearParams): number {
  const n = reg.size[i];
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / n;
  let cost = atOrAboveLine(pc, P.line) ? 0 : (P.line - pc) * n;
  for (let g = 0; g < GUARANTEES.length; g++) if (!reg[GUARANTEES[g].column][i]) cost += P.guaranteeCost[g];
  return cost;
}
