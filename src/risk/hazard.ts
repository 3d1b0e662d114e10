import { errorFunction } from "simple-statistics";
import type { YearParams } from "../engine/params.js";
import { Status, type Registry } from "../engine/registry.js";
import { illnessOutOfPocket } from "../model/health.js";
import { FALL_SHOCKS, RISK_CAUSES, type RiskCause } from "../model/measures.js";
import { exitedCatch, marginalCatch, slowIndustry } from "../model/protection.js";

/** Standard normal CDF, Φ(z) = (1 + erf(z / √2)) / 2 (simple-statistics' error function). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** What drives a household's risk most this year: a shock (`SHOCKS`), or income alone. */
export { RISK_CAUSES, type RiskCause };

export interface Hazard {
  /** Probability of falling below the line this year (before any protection). */
  fall: number;
  /** Share of a fall the protections in force catch (transition period, monitoring). */
  caught: number;
  /** Probability of a lasting fall (a return or a new entry): fall × (1 − caught) × level. */
  hazard: number;
  /** The same without protection: fall × level. */
  unprotected: number;
  /** The shock contributing most to the fall (or income alone). */
  cause: RiskCause;
  /** Income per person at the start of the year relative to the line. */
  incomeRatio: number;
}

/**
 * The yearly hazard of an exited (返贫) or marginal (新致贫) household, in closed form from the same model
 * the engine steps: incomes grow by 1 + growth + sd × Z (Z standard normal; sd larger for a single market
 * income or a relocated household); a serious illness costs its uninsured part, with the higher chance for
 * a chronically ill or disabled member or an elderly-only household; a disaster (more likely in a
 * deep-poverty area) takes a share of farm income; in an epidemic year a labour household may lose months of
 * migrant work (the shocks of `SHOCKS`, src/model/measures.ts, as the step applies them). The household falls
 * when its income per person ends below the line: for each of the 8 combinations of shocks that is a
 * normal probability, weighted by the combination's chance. Protection then catches a share of falls
 * (`exitedCatch` / `marginalCatch` of src/model/protection.ts, the step's own: the transition period after
 * exit, monitoring inside the income band at the year's rounds, a paired cadre), and the level
 * (`model.risk.return_level`, calibrated) is the share of uncaught falls that last.
 * Measures still reaching exited households (policy kept after exit) are left out: an upper bound.
 */
export function householdHazard(reg: Registry, i: number, P: YearParams): Hazard {
  const n = reg.size[i],
    L = P.line * n;
  const W = reg.incomeWage[i],
    F = reg.incomeFarm[i],
    // the step adds this year's change of a standing payment (forest compensation) before the shocks
    T = reg.incomeTransfer[i] + (P.standingTransfer ?? 0),
    Pr = reg.incomeProperty[i];
  const lab = reg.labourers[i] > 0;
  const pIll = reg.illness[i] || reg.disability[i] || reg.elderlyOnly[i] ? P.illnessProbChronic : P.illnessProb;
  const illLoss = illnessOutOfPocket(P.illnessCost, P.health, reg.insured[i] === 1);
  const pDis = Math.min(1, P.disasterProb * (reg.deep[i] ? P.deepAreaDisasterMultiplier : 1)),
    d = P.disasterLossShare;
  const sd = P.growthSd * (reg.relocated[i] === 1 || W === 0 || F === 0 ? P.fragileIncomeSdMultiplier : 1);
  const pEpi = lab && P.epidemicJobLossShare > 0 ? P.epidemicJobLossShare : 0,
    e = P.epidemicMonthsLost / 12;
  let fall = 0;
  const parts = new Array<number>(RISK_CAUSES.length).fill(0);
  for (let ill = 0; ill < 2; ill++)
    for (let dis = 0; dis < 2; dis++)
      for (let epi = 0; epi < 2; epi++) {
        const p = (ill ? pIll : 1 - pIll) * (dis ? pDis : 1 - pDis) * (epi ? pEpi : 1 - pEpi);
        if (p === 0) continue;
        const A = W * (1 - (epi ? e : 0)) + F * (1 - (dis ? d : 0));
        const B = L - T - Pr + (ill ? illLoss : 0);
        let q: number;
        if (A > 0 && sd > 0) q = normalCdf((B / A - 1 - P.growth) / sd);
        else q = (A > 0 ? A * (1 + P.growth) : 0) < B ? 1 : 0;
        fall += p * q;
        // attributed as the step attributes falls: the first shock of `SHOCKS` that hit, else income alone
        parts[ill ? 0 : dis ? 1 : epi ? 2 : FALL_SHOCKS.length] += p * q;
      }
  const pc0 = (W + F + T + Pr) / n;
  const inBand = pc0 < P.monitoringBand * P.line;
  const st = reg.status[i];
  // the step's protection (src/model/protection.ts): transition, monitoring on the list, a paired cadre
  let caught = 0;
  if (st === Status.exited) caught = exitedCatch(P, P.year, reg.exitYear[i], slowIndustry(reg, i), inBand);
  else if (st === Status.marginal) caught = marginalCatch(P, inBand);
  const level = Math.min(1, Math.max(0, P.returnLevel));
  let k = 0;
  for (let j = 1; j < parts.length; j++) if (parts[j] > parts[k]) k = j;
  return {
    fall,
    caught,
    hazard: fall * (1 - caught) * level,
    unprotected: fall * level,
    cause: RISK_CAUSES[k],
    incomeRatio: pc0 / P.line,
  };
}
