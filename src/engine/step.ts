import { NORMAL_TABLE } from "../random/rng.js";
import { Acc, fallSlot } from "../model/metrics.js";
import {
  DRAWS,
  drawSlot,
  eligibleLists,
  Flag,
  GUARANTEES,
  guaranteeOf,
  householdFlags,
  SHOCKS,
  type MeasureDef,
  type MeasureTable,
} from "../model/measures.js";
import type { YearParams } from "./params.js";
import { Status, type Registry } from "./registry.js";

export { Acc };

/**
 * Poor people are summed per village in fixed point: round(weight × size × 2^20) per household, an
 * integer, so the sums are exact (below 2^53 for up to 8.5 × 10^9 people) and do not depend on the order
 * households are added — threads may split the villages' households any way and the totals stay equal to
 * a serial run's. Divide by PEOPLE_SCALE for people.
 */
export const PEOPLE_SCALE = 1048576;

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
/** The flags of every unmet guarantee. */
const UNMET = GUARANTEES.reduce((a, g) => a | g.unmet, 0);

/**
 * The step's constants for one year, computed once from the year's parameters: the measures in the order
 * the step applies them (by stage) as small typed arrays, their 16-bit thresholds (one row, or one row per
 * county when money sets the coverage), and the thresholds and amounts of growth, shocks and protection.
 * Probabilities become integer thresholds round(p × 2^16) for 16-bit uniforms: a probability is applied to
 * within 2^-17 (7.6e-6; every probability in the scenarios is ≥ 0.01).
 */
export interface PreparedStep {
  P: YearParams;
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
  /** The employment measure's income and unit cost (relocation's stable job), 0 when the table has none. */
  jobAmount: number;
  jobCost: number;
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
  illnessCost: number;
  illnessLossInsured: number;
  disasterLossShare: number;
  /** Protection against a fall: catch thresholds (transition and monitoring, transition, monitoring, the
   *  marginal's monitoring) and the matching lasting thresholds (`last*`, none for no protection). */
  band: number;
  thrTransMon: number;
  thrTrans: number;
  thrMon: number;
  thrMonMarginal: number;
  lastTransMon: number;
  lastTrans: number;
  lastMon: number;
  lastMonMarginal: number;
  lastNone: number;
  kept: boolean;
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
  // protection against a fall (返贫/新致贫): the transition period catches a fall in the year after exit with
  // the chance of its months; monitoring finds a household inside the band (income per person at the start
  // of the year under band × line) with its detection rate and lifts it back; either may catch a fall.
  // An uncaught fall lasts (counts as a return or a new entry) with the chance returnLevel, the hazard's
  // level calibrated on the national returns of 2016–2018 (tuopin calibrate); otherwise the household
  // recovers within the year. The catch and the lasting share one uniform r in [0, 2^16): lasting when
  // r < (2^16 − catch) × level, caught when r ≥ 2^16 − catch, recovered in between. So stronger protection
  // (a larger catch) only shrinks the set of households that return: paired runs with and without a policy
  // differ exactly by the households it saves.
  const transitionCatch = Math.min(12, P.transitionMonths) / 12;
  const level = Math.min(1, Math.max(0, P.returnLevel));
  const lasting = (thr: number) => Math.round((65536 - thr) * level);
  const thrTransMon = thr16(1 - (1 - transitionCatch) * (1 - P.monitorExited)),
    thrTrans = thr16(transitionCatch),
    thrMon = thr16(P.monitorExited),
    thrMonMarginal = thr16(P.monitorMarginal);
  return {
    P,
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
    jobAmount: job >= 0 ? P.measureAmount[job] : 0,
    jobCost: job >= 0 ? P.measureCost[job] : 0,
    floor: P.floorRatio * P.line,
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
    illnessLossInsured: P.illnessCost * (1 - P.reimbursement),
    disasterLossShare: P.disasterLossShare,
    band: P.monitoringBand * P.line,
    thrTransMon,
    thrTrans,
    thrMon,
    thrMonMarginal,
    lastTransMon: lasting(thrTransMon),
    lastTrans: lasting(thrTrans),
    lastMon: lasting(thrMon),
    lastMonMarginal: lasting(thrMonMarginal),
    lastNone: lasting(0),
    kept: P.policyKeptAfterExit > 0,
  };
}

const NO_COUNTIES = new Uint32Array(0);

/**
 * One year for households [lo, hi) of a registry, with the block's own random stream.
 *
 * Order within the year (DESIGN "The household engine"): incomes grow (with household noise); measures
 * reach poor households (and exited ones where policy is kept after exit); shocks hit (illness net of
 * reimbursement, disaster, the epidemic's lost migrant work); then status changes by the rules:
 *  - a poor household exits when its income per person is above the year's line and the guarantees
 *    (safe housing, safe water, insurance, schooling) hold — the household exit standard ("一超过、两不愁、三保障",
 *    the 2016 exit mechanism cited in scenarios/base/defaults.yaml);
 *  - an exited household returns (返贫) when its income per person falls below the line, unless the fall
 *    is caught by the transition period or monitoring (`PreparedStep`);
 *  - a marginal household falls in (新致贫) when its income per person falls below the line.
 * Shocks are one-year losses: they lower this year's income, not next year's base.
 *
 * Every household takes DRAWS 32-bit outputs a year (the layout is `DRAW` in src/model/measures.ts), the
 * same count whatever happens, so paired runs keep common random numbers.
 */
export function stepHouseholds(a: StepArgs): void {
  const { reg, lo, hi, state, acc, villagePoor, villageFalls } = a;
  const k = "kind" in a.step ? a.step : prepareStep(a.step);
  const { status, weight, size, village, incomeWage: wage, incomeFarm: farm, incomeTransfer: transfer } = reg;
  const { incomeProperty: property, relocated, insured, illness, disability, elderlyOnly, deep, labourers } = reg;
  const { line, year } = k.P;
  const M = k.kind.length;
  const measures = a.measures,
    exits = a.exits,
    kept = k.kept;
  // the prepared constants in locals (the loop reads them for every household)
  const { kind, slot, repairs, thresholds, reachStart, reach } = k;
  const { addWage, addFarm, addTransfer, measureUnit, guaranteeUnit } = k;
  const { growth, growthSd, sdFragile, illThr, disThr, epidemicThr, epidemicLoss } = k;
  const { illnessCost, illnessLossInsured, disasterLossShare } = k;
  const perCounty = k.perCounty;
  const vCounty = perCounty ? reg.villages.county : NO_COUNTIES;
  // per household: the DRAWS 32-bit outputs of its draws (`DRAW` layout; `half` reads a draw)
  const u = new Int32Array(DRAWS);
  let s0 = state[0] | 0,
    s1 = state[1] | 0,
    s2 = state[2] | 0,
    s3 = state[3] | 0;
  let row = 0,
    lastVillage = -1;
  let measureCost = 0,
    guaranteeCost = 0,
    medicalCost = 0,
    exitsPeople = 0,
    exitsHouseholds = 0,
    poorHouseholds = 0;
  for (let i = lo; i < hi; i++) {
    const st = status[i];
    if (st === Status.nonpoor) continue;
    // the DRAWS outputs of xoshiro128** (as rng.ts), the state in locals
    for (let j = 0; j < DRAWS; j++) {
      const m = Math.imul(s1, 5),
        t = s1 << 9;
      u[j] = Math.imul((m << 7) | (m >>> 25), 9);
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    if (perCounty && village[i] !== lastVillage) {
      lastVillage = village[i];
      row = vCounty[lastVillage] * M;
    }
    const w = weight[i];
    const n = size[i];
    const w0 = wage[i],
      f0 = farm[i],
      t0 = transfer[i],
      pr = property[i];

    // 1. growth with household noise (sd larger for a single market income or a relocated household; bitwise,
    // not ||: these flags are close to random, and branches on them mispredict)
    const fragile = relocated[i] | +(w0 === 0) | +(f0 === 0);
    const g = 1 + growth + (fragile ? sdFragile : growthSd) * NORMAL_TABLE[half(u, D_GROWTH) >>> 4];
    const gf = g > 0 ? g : 0;
    let wg = w0 * gf,
      fm = f0 * gf,
      tr = t0;

    // 2. measures: those the household's flags make it eligible for, in step order; hit = 1 when the measure's
    // draw is under its threshold, branch-free where it can be (coverage draws are close to 50/50 branches
    // the CPU cannot predict; adding hit × amount adds exactly 0 on a miss)
    // the household's unmet guarantees (`Flag` bits), known once the measures have looked at it
    let unmet = -1;
    if (measures && (st === Status.poor || st === Status.returned || (st === Status.exited && kept))) {
      const flags = householdFlags(reg, i);
      unmet = flags & UNMET;
      const last = reachStart[flags + 1];
      for (let r = reachStart[flags]; r < last; r++) {
        const m = reach[r];
        const hit = (half(u, slot[m]) - thresholds[row + m]) >>> 31;
        // an income or a guarantee, without a branch: the amounts of the other components and the costs of
        // the other kind are 0, and adding hit × 0 adds exactly 0
        wg += hit * addWage[m];
        fm += hit * addFarm[m];
        tr += hit * addTransfer[m];
        unmet &= ~(hit * repairs[m]);
        measureCost += hit * (w * measureUnit[m]);
        guaranteeCost += hit * (w * guaranteeUnit[m]);
        if (kind[m] === EFFECT.relocation && hit) {
          reg.relocated[i] = 1;
          if (flags & Flag.labour) {
            wg += k.jobAmount;
            measureCost += w * k.jobCost;
          }
        } else if (kind[m] === EFFECT.floor && hit) {
          // 兜底: the safety net tops income per person up to the floor
          const gap = k.floor * n - (wg + fm + pr);
          if (gap > tr) {
            measureCost += w * (gap - tr);
            tr = gap;
          }
        }
      }
      if (unmet !== (flags & UNMET)) putRight(reg, i, unmet);
    }
    wg = Math.fround(wg);
    fm = Math.fround(fm);
    tr = Math.fround(tr);
    wage[i] = wg;
    farm[i] = fm;
    transfer[i] = tr;

    // 3. shocks of the year (`SHOCKS`; one bit each in `hits`): the higher illness chance for a chronically
    // ill or disabled member or an elderly-only household, the higher disaster chance in a deep-poverty area
    // (thresholds picked by table index, branch-free), lost migrant work for a labour household
    const illHit = +(half(u, D_ILLNESS) < illThr[(illness[i] | disability[i] | elderlyOnly[i]) & 1]);
    const disHit = +(half(u, D_DISASTER) < disThr[deep[i] & 1]);
    const epiHit = +(epidemicLoss > 0 && labourers[i] > 0 && half(u, D_EPIDEMIC) < epidemicThr);
    let loss = 0;
    if (illHit) {
      // an insured household pays the unreimbursed part; insurance and medical assistance pay the rest
      loss += insured[i] ? illnessLossInsured : illnessCost;
      if (insured[i]) medicalCost += w * (illnessCost - illnessLossInsured);
    }
    if (disHit) loss += fm * disasterLossShare;
    if (epiHit) loss += wg * epidemicLoss;
    const pc = (wg + fm + tr + pr - loss) / n;

    // 4. status: exit by the household rule, or a fall below the line (`fall`)
    let end = st;
    if (st === Status.poor || st === Status.returned) {
      if (exits && pc > line && (unmet < 0 ? householdFlags(reg, i) & UNMET : unmet) === 0) {
        status[i] = end = Status.exited;
        reg.exitYear[i] = year;
        exitsPeople += w * n;
        exitsHouseholds += w;
      }
    } else if (pc < line) {
      const inBand = (w0 + f0 + t0 + pr) / n < k.band;
      end = fall(k, reg, i, st, inBand, half(u, D_PROTECTION), pc, w, n, w0, f0, acc);
      if (end !== st) {
        const hits = illHit | (disHit << 1) | (epiHit << 2);
        attributeFall(end === Status.returned ? 0 : 1, hits, i, w * n, reg, acc, villageFalls);
      }
    }

    // 5. the year-end poor of the household's village, in fixed point (see PEOPLE_SCALE)
    if (villagePoor !== undefined && (end === Status.poor || end === Status.returned)) {
      villagePoor[village[i]] += Math.round(w * n * PEOPLE_SCALE);
      poorHouseholds += w;
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  acc[Acc.exitsPeople] += exitsPeople;
  acc[Acc.exitsHouseholds] += exitsHouseholds;
  acc[Acc.guaranteeCost] += guaranteeCost;
  acc[Acc.measureCost] += measureCost;
  acc[Acc.medicalCost] += medicalCost;
  acc[Acc.poorHouseholds] += poorHouseholds;
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
    const recent = reg.exitYear[i] === k.P.year - 1;
    thr = recent ? (inBand ? k.thrTransMon : k.thrTrans) : inBand ? k.thrMon : 0;
    last = recent ? (inBand ? k.lastTransMon : k.lastTrans) : inBand ? k.lastMon : k.lastNone;
  } else {
    thr = inBand ? k.thrMonMarginal : 0;
    last = inBand ? k.lastMonMarginal : k.lastNone;
  }
  if (r >= 65536 - thr) {
    acc[Acc.protectionCost] += w * (k.P.line - pc) * n;
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

/** A draw: the 16-bit half of its 32-bit output (`drawSlot`: the high half of output j at 2j, the low at 2j + 1). */
function half(u: Int32Array, slot: number): number {
  return (u[slot >> 1] >>> ((~slot & 1) << 4)) & 0xffff;
}

/**
 * Puts right the guarantees of household i that are no longer in `unmet` (`Flag` bits): the registry's
 * guarantee columns (`GUARANTEES`), written one by one (a loop over an array of the columns measured 10%
 * slower for the whole step); a new guarantee, which needs its registry column, is added here too.
 */
function putRight(reg: Registry, i: number, unmet: number): void {
  if ((unmet & Flag.housingUnsafe) === 0) reg.housingSafe[i] = 1;
  if ((unmet & Flag.waterUnsafe) === 0) reg.waterSafe[i] = 1;
  if ((unmet & Flag.uninsured) === 0) reg.insured[i] = 1;
  if ((unmet & Flag.schoolingUnmet) === 0) reg.schooling[i] = 1;
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
 * (`GUARANTEES`; 0 for one without a cost). Target-following prices its quota's exits by it.
 */
export function exitCost(reg: Registry, i: number, P: YearParams): number {
  const n = reg.size[i];
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / n;
  let cost = pc > P.line ? 0 : (P.line - pc) * n + 1;
  for (let g = 0; g < GUARANTEES.length; g++) if (!reg[GUARANTEES[g].column][i]) cost += P.guaranteeCost[g];
  return cost;
}

/** Carries household i over the exit rule (what `exitCost` prices): the transfer that closes its income gap,
 *  and every guarantee put right. */
export function carryOverExit(reg: Registry, i: number, P: YearParams): void {
  const n = reg.size[i];
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / n;
  if (pc <= P.line) reg.incomeTransfer[i] += (P.line - pc) * n + 1;
  putRight(reg, i, 0);
}
