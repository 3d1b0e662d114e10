import { normal32, uniform32 } from "../random/rng.js";
import type { YearParams } from "./params.js";
import { Status, type Registry } from "./registry.js";

/** Slots of the yearly accumulator (people and households are weighted counts). */
export const Acc = {
  exitsPeople: 0,
  exitsHouseholds: 1,
  returnsPeople: 2,
  newPoorPeople: 3,
  guaranteeCost: 4,
  measureCost: 5,
  shockedPeople: 6,
  size: 7,
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
 *  - a poor household exits when its income per person is above the year's line and the three guarantees
 *    (safe housing, safe water, insurance) hold — the household exit standard ("一超过、两不愁、三保障",
 *    the 2016 exit mechanism cited in scenarios/base/defaults.yaml);
 *  - an exited household returns (返贫) when its income per person falls below the line, unless the fall
 *    is caught by the transition period's safety net in the year after exit (see below);
 *  - a marginal household falls in (新致贫) when its income per person falls below the line.
 * Shocks are one-year losses: they lower this year's income, not next year's base.
 */
export function stepHouseholds(reg: Registry, lo: number, hi: number, P: YearParams, state: Uint32Array, acc: Float64Array, opts: StepOptions): void {
  const rng = () => uniform32(state);
  const { weight, size, labourers, illness, status, exitYear } = reg;
  const wage = reg.incomeWage, farm = reg.incomeFarm, transfer = reg.incomeTransfer, property = reg.incomeProperty;
  const line = P.line;
  const floor = P.floorRatio * line;
  const year = P.year;
  const epidemicLoss = P.epidemicJobLossShare > 0 ? P.epidemicMonthsLost / 12 : 0;
  for (let i = lo; i < hi; i++) {
    const st = status[i];
    const w = weight[i];
    if (st === Status.nonpoor) continue;
    // 1. growth with household noise
    const g = 1 + P.growth + P.growthSd * normal32(state);
    const gf = g > 0 ? g : 0;
    wage[i] *= gf;
    farm[i] *= gf;
    // 2. measures
    const supported = st === Status.poor || st === Status.returned || (st === Status.exited && P.policyKeptAfterExit > 0);
    if (opts.measures && supported) {
      if (labourers[i] > 0) {
        if (rng() < P.industryCoverage) {
          farm[i] += P.industryEffect;
          acc[Acc.measureCost] += w * P.industryEffect;
        }
        if (rng() < P.employmentCoverage) {
          wage[i] += P.employmentEffect;
          acc[Acc.measureCost] += w * P.employmentEffect;
        }
      } else if (rng() < P.safetyNetCoverage) {
        // 兜底: the safety net tops income per person up to the floor
        const gap = floor * size[i] - (wage[i] + farm[i] + property[i]);
        if (gap > transfer[i]) {
          acc[Acc.measureCost] += w * (gap - transfer[i]);
          transfer[i] = gap;
        }
      }
      if (!reg.housingSafe[i] && rng() < P.repairShare) {
        reg.housingSafe[i] = 1;
        acc[Acc.guaranteeCost] += w * P.housingRepairCost;
      }
      if (!reg.waterSafe[i] && rng() < P.repairShare) {
        reg.waterSafe[i] = 1;
        acc[Acc.guaranteeCost] += w * P.waterCost;
      }
      if (!reg.insured[i] && rng() < P.repairShare) reg.insured[i] = 1;
    }
    // 3. shocks of the year
    let loss = 0;
    if (rng() < (illness[i] ? P.illnessProbChronic : P.illnessProb)) loss += P.illnessCost * (1 - (reg.insured[i] ? P.reimbursement : 0));
    if (rng() < P.disasterProb) loss += farm[i] * P.disasterLossShare;
    if (epidemicLoss > 0 && labourers[i] > 0 && rng() < P.epidemicJobLossShare) loss += wage[i] * epidemicLoss;
    if (loss > 0) acc[Acc.shockedPeople] += w * size[i];
    const income = wage[i] + farm[i] + transfer[i] + property[i] - loss;
    let pc = income / size[i];
    // 4. status
    if (st === Status.poor || st === Status.returned) {
      if (opts.exits && pc > line && reg.housingSafe[i] && reg.waterSafe[i] && reg.insured[i]) {
        status[i] = Status.exited;
        exitYear[i] = year;
        acc[Acc.exitsPeople] += w * size[i];
        acc[Acc.exitsHouseholds] += w;
      }
    } else if (st === Status.exited) {
      // transition period (渐退期): a household that exited last year keeps its safety net for some months;
      // a fall below the line within them is caught and does not count as a return. The chance of the fall
      // landing inside the period is its share of the year (assumption: falls are spread over the year).
      const caught = exitYear[i] === year - 1 && P.transitionMonths > 0 && pc < line && rng() < Math.min(12, P.transitionMonths) / 12;
      if (pc < line && !caught) {
        status[i] = Status.returned;
        acc[Acc.returnsPeople] += w * size[i];
      }
    } else if (st === Status.marginal) {
      if (pc < line) {
        status[i] = Status.poor;
        acc[Acc.newPoorPeople] += w * size[i];
      }
    }
  }
}

/** Whether household i meets the exit rule for a line (used by target-following selection). */
export function gapToExit(reg: Registry, i: number, line: number, P: YearParams): number {
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / reg.size[i];
  const incomeGap = pc > line ? 0 : (line - pc) * reg.size[i] + 1; // +1 yuan: strictly above the line
  return incomeGap + (reg.housingSafe[i] ? 0 : P.housingRepairCost) + (reg.waterSafe[i] ? 0 : P.waterCost);
}
