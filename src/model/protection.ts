/**
 * Protection against a fall below the line (返贫 of an exited household, 新致贫 of a marginal one): the one
 * definition of the chance that a fall is caught, read by the step (src/engine/step.ts, which turns it into
 * integer thresholds once a year) and by the closed-form hazard (src/risk/hazard.ts), so the two agree.
 *
 * Three protections, independent of one another:
 *  - the transition period (渐退期, 过渡保障): the safety net is kept for some months after exit; a fall
 *    inside those months is caught (falls are spread evenly over the year, an assumption). Households whose
 *    income came from an industry with a long payback keep it longer (000 §二(二)8: 3–6 months, 回报周期
 *    较长的产业可适当延长至12个月);
 *  - monitoring (动态监测): households on the watched list (income per person at the start of the year
 *    under the band) are checked `frequency` times a year, each round finding a fallen household with the
 *    per-round detection rate (`yearlyDetection`);
 *  - a paired cadre (结对帮扶责任人, 002 §三(一)3; 003 §十一): a registered (exited) household's cadre
 *    learns of its fall with a yearly chance whatever its income.
 */
import { NO_YEAR, type Registry } from "../engine/registry.js";

/**
 * The share of a year's falls that monitoring finds in time: rounds are evenly spaced, a fall is equally
 * likely at any moment, and each round after it finds it with the per-round detection `d`. With f ≥ 1
 * rounds a year, a fall meets 1 … f rounds before the year ends, each count equally likely, so the chance is
 * the mean of 1 − (1 − d)^c over c = 1 … f: 1 − (1 − d)(1 − (1 − d)^f) / (d f). One round a year gives d,
 * more rounds give more, approaching 1. With fewer than one round a year (f < 1) a year has a round with
 * chance f: f × d. No rounds (f = 0) find nothing.
 */
export function yearlyDetection(d: number, frequency: number): number {
  const p = Math.min(1, Math.max(0, d)),
    f = Math.max(0, frequency);
  if (p === 0 || f === 0) return 0;
  if (f < 1) return f * p;
  if (f === 1 || p === 1) return p;
  // 1 − (1 − p)^f as −expm1(f log1p(−p)): exact for a small p
  return 1 - ((1 - p) * -Math.expm1(f * Math.log1p(-p))) / (p * f);
}

/**
 * The share of year `year` inside a transition period of `months` that began when the household exited at
 * the end of `exitYear`: the months of the period falling in that year, over 12 (so a period longer than a
 * year covers the next year too).
 */
export function transitionShare(months: number, exitYear: number, year: number): number {
  const into = 12 * (year - exitYear - 1);
  return Math.min(12, Math.max(0, months - into)) / 12;
}

/** Independent protections: the chance at least one catches the fall. */
export function eitherCatches(...chances: number[]): number {
  let miss = 1;
  for (const c of chances) miss *= 1 - Math.min(1, Math.max(0, c));
  return 1 - miss;
}

/** What the year's protection needs from the year's parameters (a subset of `YearParams`). */
export interface ProtectionParams {
  transitionMonths: number;
  transitionMonthsSlowIndustry: number;
  monitorExited: number;
  monitorMarginal: number;
  cadreExited: number;
}

/**
 * The chance that a fall of an exited household is caught this year: `exitYear` its exit, `slowIndustry`
 * whether industry support reached it in its exit year or since (its industry income not yet stable, so it
 * has the longer transition), `inBand` whether it is on the watched list.
 */
export function exitedCatch(
  P: ProtectionParams,
  year: number,
  exitYear: number,
  slowIndustry: boolean,
  inBand: boolean,
): number {
  const months = slowIndustry ? Math.max(P.transitionMonths, P.transitionMonthsSlowIndustry) : P.transitionMonths;
  return eitherCatches(transitionShare(months, exitYear, year), inBand ? P.monitorExited : 0, P.cadreExited);
}

/** The chance that a fall of a marginal household is caught this year (monitoring only, on the list). */
export function marginalCatch(P: ProtectionParams, inBand: boolean): number {
  return inBand ? P.monitorMarginal : 0;
}

/** Years after exit a transition period can reach (the catalog allows up to 36 months). */
export const TRANSITION_YEARS = 3;

/** Whether an exited household's industry income is not yet stable: industry support reached it in its exit
 *  year or since (it keeps the longer transition, 000 §二(二)8). */
export function slowIndustry(reg: Pick<Registry, "industryYear" | "exitYear">, i: number): boolean {
  return reg.industryYear[i] !== NO_YEAR && reg.industryYear[i] >= reg.exitYear[i];
}
