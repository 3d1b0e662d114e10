import { NORMAL_TABLE } from "../random/rng.js";
import type { YearParams } from "./params.js";
import { CAUSES, Status, type Registry } from "./registry.js";

/** Slots of the yearly accumulator (people and households are weighted counts). */
export const Acc = {
  exitsPeople: 0,
  exitsHouseholds: 1,
  returnsPeople: 2,
  newPoorPeople: 3,
  guaranteeCost: 4,
  measureCost: 5,
  size: 6,
} as const;

export interface StepOptions {
  /** Apply the year's measures (industry, employment, guarantees, safety net). */
  measures: boolean;
  /** Let poor households exit by the household rule (false in target-following years: the quota decides). */
  exits: boolean;
}

/**
 * One year for households [lo, hi) of a registry, with the block's own random stream (its xoshiro128**
 * state `state`, advanced in place, so the block continues its stream next year).
 *
 * Order within the year (DESIGN "The household engine"): incomes grow (with household noise); measures
 * reach poor households (and exited ones where policy is kept after exit); shocks hit (illness net of
 * reimbursement, disaster, the epidemic's lost migrant work); then status changes by the rules:
 *  - a poor household exits when its income per person is above the year's line and the guarantees
 *    (safe housing, safe water, insurance, schooling) hold — the household exit standard ("一超过、两不愁、三保障",
 *    the 2016 exit mechanism cited in scenarios/base/defaults.yaml);
 *  - an exited household returns (返贫) when its income per person falls below the line, unless the fall
 *    is caught by the transition period's safety net in the year after exit (see below);
 *  - a marginal household falls in (新致贫) when its income per person falls below the line.
 * Shocks are one-year losses: they lower this year's income, not next year's base.
 */
export function stepHouseholds(reg: Registry, lo: number, hi: number, P: YearParams, state: Uint32Array, acc: Float64Array, opts: StepOptions): void {
  const { weight, size, labourers, illness, status, exitYear, housingSafe, waterSafe, insured, schooling, relocated, cause, schoolChildren } = reg;
  const wage = reg.incomeWage, farm = reg.incomeFarm, transfer = reg.incomeTransfer, property = reg.incomeProperty;
  const { line, year, growth, growthSd, industryCoverage, industryEffect, employmentCoverage, employmentEffect, repairShare, safetyNetCoverage } = P;
  const floor = P.floorRatio * line;
  const epidemicLoss = P.epidemicJobLossShare > 0 ? P.epidemicMonthsLost / 12 : 0;
  const transitionCatch = Math.min(12, P.transitionMonths) / 12;
  const measures = opts.measures, exits = opts.exits, kept = P.policyKeptAfterExit > 0;
  // every household takes the same DRAWS outputs a year, drawn inline with the xoshiro128** state in locals;
  // u[0]'s top 12 bits pick the growth noise from the normal table
  // raw 32-bit outputs compared with thresholds p × 2^32 (no conversion to double per draw)
  const u = new Uint32Array(DRAWS);
  const TWO32 = 4294967296;
  const normalTable = NORMAL_TABLE;
  const industryThr = industryCoverage * TWO32, employmentThr = employmentCoverage * TWO32, safetyThr = safetyNetCoverage * TWO32, repairThr = repairShare * TWO32;
  const illThr = P.illnessProb * TWO32, illChronicThr = P.illnessProbChronic * TWO32, disasterThr = P.disasterProb * TWO32, epidemicThr = P.epidemicJobLossShare * TWO32;
  const catchThr = transitionCatch * TWO32;
  const relocationThr = P.relocationCoverage * TWO32, ecologyThr = P.ecologyCoverage * TWO32, educationThr = P.educationRepairShare * TWO32;
  let s0 = state[0] | 0, s1 = state[1] | 0, s2 = state[2] | 0, s3 = state[3] | 0;
  let exitsPeople = 0, exitsHouseholds = 0, returnsPeople = 0, newPoor = 0, guaranteeCost = 0, measureCost = 0;
  for (let i = lo; i < hi; i++) {
    const st = status[i];
    if (st === Status.nonpoor) continue;
    for (let k = 0; k < DRAWS; k++) {
      const m = Math.imul(s1, 5);
      const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      u[k] = r;
    }
    const w = weight[i];
    const n = size[i];
    // 1. growth with household noise
    const g = 1 + growth + growthSd * normalTable[u[0] >>> 20];
    const gf = g > 0 ? g : 0;
    wage[i] *= gf;
    farm[i] *= gf;
    // 2. measures
    if (measures && (st === Status.poor || st === Status.returned || (st === Status.exited && kept))) {
      if (labourers[i] > 0) {
        if (u[1] < industryThr) {
          farm[i] += industryEffect;
          measureCost += w * industryEffect;
        }
        if (u[2] < employmentThr) {
          wage[i] += employmentEffect;
          measureCost += w * employmentEffect;
        }
      } else if (u[2] < safetyThr) {
        // 兜底: the safety net tops income per person up to the floor
        const gap = floor * n - (wage[i] + farm[i] + property[i]);
        if (gap > transfer[i]) {
          measureCost += w * (gap - transfer[i]);
          transfer[i] = gap;
        }
      }
      if (!housingSafe[i] && u[3] < repairThr) {
        housingSafe[i] = 1;
        guaranteeCost += w * P.housingRepairCost;
      }
      if (!waterSafe[i] && u[4] < repairThr) {
        waterSafe[i] = 1;
        guaranteeCost += w * P.waterCost;
      }
      if (!insured[i] && u[5] < repairThr) insured[i] = 1;
      // relocation (易地扶贫搬迁) for households poor for lack of land, water or transport: safe housing and
      // water, and a stably employed member where there is labour (004 §四: at least one per household)
      const c = cause[i];
      if (!relocated[i] && (c === LACK_LAND || c === LACK_WATER || c === TRANSPORT) && u[10] < relocationThr) {
        relocated[i] = 1;
        housingSafe[i] = 1;
        waterSafe[i] = 1;
        guaranteeCost += w * P.relocationCost;
        if (labourers[i] > 0) {
          wage[i] += employmentEffect;
          measureCost += w * employmentEffect;
        }
      }
      // ecological jobs (生态护林员) for households with labour
      if (labourers[i] > 0 && u[11] < ecologyThr) {
        wage[i] += P.ecologyEffect;
        measureCost += w * P.ecologyEffect;
      }
      // education: a subsidy for households with children in school, and the schooling guarantee put right
      if (schoolChildren[i] > 0) {
        transfer[i] += P.educationEffect;
        measureCost += w * P.educationEffect;
        if (!schooling[i] && u[12] < educationThr) schooling[i] = 1;
      }
    }
    // 3. shocks of the year
    let loss = 0;
    if (u[6] < (illness[i] ? illChronicThr : illThr)) loss += P.illnessCost * (1 - (insured[i] ? P.reimbursement : 0));
    if (u[7] < disasterThr) loss += farm[i] * P.disasterLossShare;
    if (epidemicLoss > 0 && labourers[i] > 0 && u[8] < epidemicThr) loss += wage[i] * epidemicLoss;
    const pc = (wage[i] + farm[i] + transfer[i] + property[i] - loss) / n;
    // 4. status
    if (st === Status.poor || st === Status.returned) {
      if (exits && pc > line && housingSafe[i] && waterSafe[i] && insured[i] && schooling[i]) {
        status[i] = Status.exited;
        exitYear[i] = year;
        exitsPeople += w * n;
        exitsHouseholds += w;
      }
    } else if (st === Status.exited) {
      // transition period (渐退期): a household that exited last year keeps its safety net for some months;
      // a fall below the line within them is caught and does not count as a return. The chance of the fall
      // landing inside the period is its share of the year (assumption: falls are spread over the year).
      const caught = exitYear[i] === year - 1 && u[9] < catchThr;
      if (pc < line && !caught) {
        status[i] = Status.returned;
        returnsPeople += w * n;
      }
    } else if (st === Status.marginal) {
      if (pc < line) {
        status[i] = Status.poor;
        newPoor += w * n;
      }
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  acc[Acc.exitsPeople] += exitsPeople;
  acc[Acc.exitsHouseholds] += exitsHouseholds;
  acc[Acc.returnsPeople] += returnsPeople;
  acc[Acc.newPoorPeople] += newPoor;
  acc[Acc.guaranteeCost] += guaranteeCost;
  acc[Acc.measureCost] += measureCost;
}

/** Outputs drawn per household and year (growth noise, 5 measure draws, 3 shocks, transition, relocation,
 *  ecology, education). */
export const DRAWS = 13;
const LACK_LAND = CAUSES.indexOf("lack_land"), LACK_WATER = CAUSES.indexOf("lack_water"), TRANSPORT = CAUSES.indexOf("transport");

/** Whether household i meets the exit rule for a line (used by target-following selection). */
export function gapToExit(reg: Registry, i: number, line: number, P: YearParams): number {
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / reg.size[i];
  const incomeGap = pc > line ? 0 : (line - pc) * reg.size[i] + 1; // +1 yuan: strictly above the line
  return incomeGap + (reg.housingSafe[i] ? 0 : P.housingRepairCost) + (reg.waterSafe[i] ? 0 : P.waterCost);
}
