import { NORMAL_TABLE } from "../random/rng.js";
import type { YearParams } from "./params.js";
import { RELOCATION_CAUSE, Status, type Registry } from "./registry.js";

/** Slots of the yearly accumulator (people and households are weighted counts). */
export const Acc = {
  exitsPeople: 0,
  exitsHouseholds: 1,
  returnsPeople: 2,
  newPoorPeople: 3,
  guaranteeCost: 4,
  measureCost: 5,
  /** Year-end poor households (summed only when the step is given `villagePoor`). */
  poorHouseholds: 6,
  /** Yuan spent lifting households caught by the transition period or monitoring back to the line. */
  protectionCost: 7,
  /** People whose fall below the line was caught (transition period or monitoring). */
  caughtPeople: 8,
  /** Returns and new poor by the shock that hit them (illness first, then disaster, then the epidemic);
   *  the rest fell through income alone. */
  returnsIllness: 9,
  returnsDisaster: 10,
  returnsEpidemic: 11,
  newPoorIllness: 12,
  newPoorDisaster: 13,
  newPoorEpidemic: 14,
  /** What insurance and medical assistance pay for serious illnesses (the reimbursed part). */
  medicalCost: 15,
  size: 16,
} as const;

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
 *
 * `villagePoor` (optional) receives the year-end poor per village in fixed point; `villageFalls` (optional,
 * two slots per village) the people returning and newly poor per village.
 */
export function stepHouseholds(
  reg: Registry,
  lo: number,
  hi: number,
  P: YearParams,
  state: Uint32Array,
  acc: Float64Array,
  opts: StepOptions,
  villagePoor?: Float64Array,
  villageFalls?: Float64Array,
): void {
  const {
    village,
    weight,
    size,
    labourers,
    illness,
    status,
    exitYear,
    housingSafe,
    waterSafe,
    insured,
    schooling,
    relocated,
    cause,
    schoolChildren,
  } = reg;
  const wage = reg.incomeWage,
    farm = reg.incomeFarm,
    transfer = reg.incomeTransfer,
    property = reg.incomeProperty;
  const { line, year, growth, growthSd, industryEffect, employmentEffect, safetyNetCoverage } = P;
  const {
    housingRepairCost,
    waterCost,
    relocationCost,
    ecologyEffect,
    educationEffect,
    illnessCost,
    disasterLossShare,
  } = P;
  const illnessLossInsured = illnessCost * (1 - P.reimbursement);
  const floor = P.floorRatio * line;
  const epidemicLoss = P.epidemicJobLossShare > 0 ? P.epidemicMonthsLost / 12 : 0;
  const transitionCatch = Math.min(12, P.transitionMonths) / 12;
  const measures = opts.measures,
    exits = opts.exits,
    kept = P.policyKeptAfterExit > 0;
  // Every household takes the same DRAWS 32-bit outputs a year, drawn inline with the xoshiro128** state in
  // locals (the same count whatever happens, so paired runs keep common random numbers). Each output gives
  // two 16-bit uniforms (its high and low halves), compared with integer thresholds round(p × 2^16): a
  // probability is applied to within 2^-17 (7.6e-6; every probability in the scenarios is ≥ 0.01). The
  // growth noise takes the top 12 bits of output 0 as an index into the normal table.
  //   output 0: growth noise | industry      output 1: employment or safety net | housing repair
  //   output 2: water repair | insurance     output 3: illness | disaster
  //   output 4: epidemic | transition catch  output 5: relocation | ecological job
  //   output 6: schooling repair | education subsidy
  const normalTable = NORMAL_TABLE;
  // thresholds of the measures money buys (src/funds/measures.ts order): one row for every county, or a row
  // per county when money limits coverage (P.coverage); reloaded when the village changes
  const perCounty = P.coverage !== undefined;
  const table = thresholdTable(P);
  const vCounty = perCounty ? reg.villages.county : NO_COUNTIES;
  let lastVillage = -1;
  let industryThr = table[0],
    employmentThr = table[1],
    ecologyThr = table[2],
    relocationThr = table[3],
    housingThr = table[4],
    waterThr = table[5],
    insuranceThr = table[6],
    subsidyThr = table[7];
  const safetyThr = thr16(safetyNetCoverage);
  const illThr = thr16(P.illnessProb),
    illChronicThr = thr16(P.illnessProbChronic),
    disasterThr = thr16(P.disasterProb),
    epidemicThr = thr16(P.epidemicJobLossShare);
  // risk factors (model.risk.*): a deep-poverty area is disaster-prone; a single market income (wage or
  // farm only) or a relocated household's new livelihood varies more from year to year
  const disasterDeepThr = thr16(P.disasterProb * P.deepAreaDisasterMultiplier);
  const sdFragile = growthSd * P.fragileIncomeSdMultiplier;
  const { disability, elderlyOnly, deep } = reg;
  const illTable = Int32Array.of(illThr, illChronicThr),
    disTable = Int32Array.of(disasterThr, disasterDeepThr);
  // protection against a fall (返贫/新致贫): the transition period catches a fall in the year after exit with
  // the chance of its months; monitoring finds a household inside the band (income per person at the start
  // of the year under band × line) with its detection rate and lifts it back; either may catch a fall
  const band = P.monitoringBand * line;
  const thrTransMon = thr16(1 - (1 - transitionCatch) * (1 - P.monitorExited)),
    thrTrans = thr16(transitionCatch),
    thrMon = thr16(P.monitorExited);
  const thrMonMarginal = thr16(P.monitorMarginal);
  // an uncaught fall below the line lasts (counts as a return or a new entry) with the chance returnLevel,
  // the hazard's level calibrated on the national returns of 2016–2018 (tuopin calibrate); otherwise the
  // household recovers within the year. The catch and the lasting share one uniform r in [0, 2^16):
  // lasting when r < (2^16 − catch) × level, caught when r ≥ 2^16 − catch, recovered in between. So
  // stronger protection (a larger catch) only shrinks the set of households that return: paired runs with
  // and without a policy differ exactly by the households it saves.
  const level = Math.min(1, Math.max(0, P.returnLevel));
  const lasting = (thr: number) => Math.round((65536 - thr) * level);
  const lastTransMon = lasting(thrTransMon),
    lastTrans = lasting(thrTrans),
    lastMon = lasting(thrMon),
    lastNone = lasting(0),
    lastMonMarginal = lasting(thrMonMarginal);
  const educationThr = thr16(P.educationRepairShare);
  const industryCost = P.industryUnitCost,
    employmentCost = P.employmentUnitCost,
    insuranceCost = P.insuranceUnitCost;
  let s0 = state[0] | 0,
    s1 = state[1] | 0,
    s2 = state[2] | 0,
    s3 = state[3] | 0;
  let exitsPeople = 0,
    exitsHouseholds = 0,
    returnsPeople = 0,
    newPoor = 0,
    guaranteeCost = 0,
    measureCost = 0,
    poorHouseholds = 0;
  let medicalCost = 0,
    protectionCost = 0,
    caughtPeople = 0,
    retIll = 0,
    retDis = 0,
    retEpi = 0,
    newIll = 0,
    newDis = 0,
    newEpi = 0;
  for (let i = lo; i < hi; i++) {
    const st = status[i];
    if (st === Status.nonpoor) continue;
    // the DRAWS outputs of xoshiro128** (as rng.ts), unrolled into locals: a loop through a scratch array
    // measured 28% slower for the whole step
    let m = Math.imul(s1, 5),
      t = s1 << 9;
    const u0 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    t = s1 << 9;
    const u1 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    t = s1 << 9;
    const u2 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    t = s1 << 9;
    const u3 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    t = s1 << 9;
    const u4 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    t = s1 << 9;
    const u5 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    t = s1 << 9;
    const u6 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    if (perCounty) {
      const v = village[i];
      if (v !== lastVillage) {
        lastVillage = v;
        const o = vCounty[v] * MEASURE_COUNT;
        industryThr = table[o];
        employmentThr = table[o + 1];
        ecologyThr = table[o + 2];
        relocationThr = table[o + 3];
        housingThr = table[o + 4];
        waterThr = table[o + 5];
        insuranceThr = table[o + 6];
        subsidyThr = table[o + 7];
      }
    }
    const w = weight[i];
    const n = size[i];
    // 1. growth with household noise
    const w0 = wage[i],
      f0 = farm[i];
    // bitwise, not ||: these flags are close to random, and branches on them mispredict
    const fragile = relocated[i] | +(w0 === 0) | +(f0 === 0);
    const g = 1 + growth + (fragile ? sdFragile : growthSd) * normalTable[u0 >>> 20];
    const gf = g > 0 ? g : 0;
    // transfers at the start of the year (the monitoring band looks at income per person then)
    const t0 = transfer[i];
    // incomes in locals for the year (stored once, rounded to the arrays' float32, before the exit test)
    let wg = w0 * gf,
      fm = f0 * gf,
      tr = t0;
    const pr = property[i];
    const lab = labourers[i] > 0;
    // 2. measures
    if (measures && (st === Status.poor || st === Status.returned || (st === Status.exited && kept))) {
      if (lab) {
        // branch-free: hit = 1 when the 16-bit uniform is below the threshold (coverage draws are close to
        // 50/50 branches the CPU cannot predict)
        const hitInd = ((u0 & 0xffff) - industryThr) >>> 31,
          hitEmp = ((u1 >>> 16) - employmentThr) >>> 31,
          hitEco = ((u5 & 0xffff) - ecologyThr) >>> 31;
        fm += hitInd * industryEffect;
        wg += hitEmp * employmentEffect + hitEco * ecologyEffect;
        // what it costs: the unit costs (the ranger's pay is the ecological job's cost)
        measureCost += w * (hitInd * industryCost + hitEmp * employmentCost + hitEco * ecologyEffect);
      } else if (u1 >>> 16 < safetyThr) {
        // 兜底: the safety net tops income per person up to the floor
        const gap = floor * n - (wg + fm + pr);
        if (gap > tr) {
          measureCost += w * (gap - tr);
          tr = gap;
        }
      }
      if (!housingSafe[i] && (u1 & 0xffff) < housingThr) {
        housingSafe[i] = 1;
        guaranteeCost += w * housingRepairCost;
      }
      if (!waterSafe[i] && u2 >>> 16 < waterThr) {
        waterSafe[i] = 1;
        guaranteeCost += w * waterCost;
      }
      if (!insured[i] && (u2 & 0xffff) < insuranceThr) {
        insured[i] = 1;
        guaranteeCost += w * insuranceCost;
      }
      // relocation (易地扶贫搬迁) for households poor for lack of land, water or transport: safe housing and
      // water, and a stably employed member where there is labour (004 §四: at least one per household)
      if (!relocated[i] && RELOCATION_CAUSE[cause[i]] && u5 >>> 16 < relocationThr) {
        relocated[i] = 1;
        housingSafe[i] = 1;
        waterSafe[i] = 1;
        guaranteeCost += w * relocationCost;
        if (lab) {
          wg += employmentEffect;
          measureCost += w * employmentCost;
        }
      }
      // (ecological jobs, 生态护林员, for households with labour: above, with industry and employment)
      // education: a subsidy for households with children in school, and the schooling guarantee put right
      if (schoolChildren[i] > 0) {
        if ((u6 & 0xffff) < subsidyThr) {
          tr += educationEffect;
          measureCost += w * educationEffect;
        }
        if (!schooling[i] && u6 >>> 16 < educationThr) schooling[i] = 1;
      }
    }
    wg = Math.fround(wg);
    fm = Math.fround(fm);
    tr = Math.fround(tr);
    wage[i] = wg;
    farm[i] = fm;
    transfer[i] = tr;
    // 3. shocks of the year
    let loss = 0;
    // a chronically ill or disabled member, or an elderly-only household, faces the higher illness chance
    // thresholds picked by table index (flags are 0/1), branch-free
    const illHit = u3 >>> 16 < illTable[(illness[i] | disability[i] | elderlyOnly[i]) & 1];
    const disHit = (u3 & 0xffff) < disTable[deep[i] & 1];
    const epiHit = epidemicLoss > 0 && lab && u4 >>> 16 < epidemicThr;
    if (illHit) {
      loss += insured[i] ? illnessLossInsured : illnessCost;
      if (insured[i]) medicalCost += w * (illnessCost - illnessLossInsured);
    }
    if (disHit) loss += fm * disasterLossShare;
    if (epiHit) loss += wg * epidemicLoss;
    const pc = (wg + fm + tr + pr - loss) / n;
    // 4. status
    let end = st;
    if (st === Status.poor || st === Status.returned) {
      if (exits && pc > line && housingSafe[i] && waterSafe[i] && insured[i] && schooling[i]) {
        status[i] = end = Status.exited;
        exitYear[i] = year;
        exitsPeople += w * n;
        exitsHouseholds += w;
      }
    } else if (st === Status.exited) {
      // transition period (渐退期): a household that exited last year keeps its safety net for some months;
      // a fall below the line within them is caught and does not count as a return. The chance of the fall
      // landing inside the period is its share of the year (assumption: falls are spread over the year).
      if (pc < line) {
        const inBand = (w0 + f0 + t0 + pr) / n < band;
        const last = exitYear[i] === year - 1;
        const thr = last ? (inBand ? thrTransMon : thrTrans) : inBand ? thrMon : 0;
        const lastThr = last ? (inBand ? lastTransMon : lastTrans) : inBand ? lastMon : lastNone;
        const r = u4 & 0xffff;
        if (r >= 65536 - thr) {
          // caught: the safety net or the intervention tops the year's income up to the line, and the
          // household's earnings are back at their level of the start of the year
          protectionCost += w * (line - pc) * n;
          caughtPeople += w * n;
          wage[i] = w0;
          farm[i] = f0;
        } else if (r >= lastThr) {
          // recovered within the year: earnings back at their level of the start of the year
          wage[i] = w0;
          farm[i] = f0;
        } else {
          status[i] = end = Status.returned;
          returnsPeople += w * n;
          if (villageFalls !== undefined) villageFalls[2 * village[i]] += w * n;
          if (illHit) retIll += w * n;
          else if (disHit) retDis += w * n;
          else if (epiHit) retEpi += w * n;
        }
      }
    } else if (st === Status.marginal) {
      if (pc < line) {
        const r = u4 & 0xffff,
          inBand = (w0 + f0 + t0 + pr) / n < band;
        if (inBand && r >= 65536 - thrMonMarginal) {
          protectionCost += w * (line - pc) * n;
          caughtPeople += w * n;
          wage[i] = w0;
          farm[i] = f0;
        } else if (r >= (inBand ? lastMonMarginal : lastNone)) {
          wage[i] = w0;
          farm[i] = f0;
        } else {
          status[i] = end = Status.poor;
          newPoor += w * n;
          if (villageFalls !== undefined) villageFalls[2 * village[i] + 1] += w * n;
          if (illHit) newIll += w * n;
          else if (disHit) newDis += w * n;
          else if (epiHit) newEpi += w * n;
        }
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
  acc[Acc.returnsPeople] += returnsPeople;
  acc[Acc.newPoorPeople] += newPoor;
  acc[Acc.guaranteeCost] += guaranteeCost;
  acc[Acc.measureCost] += measureCost;
  acc[Acc.poorHouseholds] += poorHouseholds;
  acc[Acc.protectionCost] += protectionCost;
  acc[Acc.medicalCost] += medicalCost;
  acc[Acc.caughtPeople] += caughtPeople;
  acc[Acc.returnsIllness] += retIll;
  acc[Acc.returnsDisaster] += retDis;
  acc[Acc.returnsEpidemic] += retEpi;
  acc[Acc.newPoorIllness] += newIll;
  acc[Acc.newPoorDisaster] += newDis;
  acc[Acc.newPoorEpidemic] += newEpi;
}

/** 32-bit outputs drawn per household and year: 13 uniforms in 16-bit halves (growth noise, 5 measure
 *  draws, 3 shocks, transition, relocation, ecology, education). */
export const DRAWS = 7;

const MEASURE_COUNT = 8;
const NO_COUNTIES = new Uint32Array(0);

/** The 16-bit thresholds of the measures money buys (industry, employment, ecology, relocation, housing,
 *  water, insurance, education subsidy): one row, or one per county from `P.coverage`. */
function thresholdTable(P: YearParams): Int32Array {
  if (P.coverage === undefined) {
    return Int32Array.of(
      thr16(P.industryCoverage),
      thr16(P.employmentCoverage),
      thr16(P.ecologyCoverage),
      thr16(P.relocationCoverage),
      thr16(P.repairShare),
      thr16(P.repairShare),
      thr16(P.repairShare),
      thr16(1),
    );
  }
  const t = new Int32Array(P.coverage.length);
  for (let j = 0; j < t.length; j++) t[j] = thr16(P.coverage[j]);
  return t;
}

/** A probability as a threshold for a 16-bit uniform: P(u < thr) = round(p × 2^16) / 2^16. */
function thr16(p: number): number {
  return Math.round(Math.min(1, Math.max(0, p)) * 65536);
}

/** Whether household i meets the exit rule for a line (used by target-following selection). */
export function gapToExit(reg: Registry, i: number, line: number, P: YearParams): number {
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / reg.size[i];
  const incomeGap = pc > line ? 0 : (line - pc) * reg.size[i] + 1; // +1 yuan: strictly above the line
  return incomeGap + (reg.housingSafe[i] ? 0 : P.housingRepairCost) + (reg.waterSafe[i] ? 0 : P.waterCost);
}
