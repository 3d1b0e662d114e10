import type { YearParams } from "../engine/params.js";
import { RELOCATION_CAUSE, Status, type Registry } from "../engine/registry.js";
import { K } from "./measures.js";

/**
 * Expected exits (people) per household a measure reaches, per county (`[c * K + k]`, measures in
 * src/funds/measures.ts order), read off the registry at the start of a year: among the households the
 * measure can reach, the people of those whom it alone would carry over the exit rule (income per person
 * above the line and every guarantee met). First order: the year's income growth and shocks are left out,
 * and households that would exit without the measure count for nothing. This is the linear "exits per
 * household" the optimiser divides by unit cost to get exits per yuan.
 */
export function exitsPerHousehold(reg: Registry, P: YearParams): Float64Array {
  const C = reg.counties.n;
  const exits = new Float64Array(C * K),
    reach = new Float64Array(C * K);
  const kept = P.policyKeptAfterExit > 0;
  const vCounty = reg.villages.county;
  const income = [P.industryEffect, P.employmentEffect, P.ecologyEffect];
  for (let i = 0; i < reg.n; i++) {
    const st = reg.status[i];
    const poor = st === Status.poor || st === Status.returned;
    if (!(poor || (st === Status.exited && kept))) continue;
    const w = reg.weight[i],
      n = reg.size[i];
    const o = vCounty[reg.village[i]] * K;
    const inc = reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i];
    const need = P.line * n;
    const above = inc > need;
    const unmetHousing = !reg.housingSafe[i],
      unmetWater = !reg.waterSafe[i],
      unmetIns = !reg.insured[i],
      unmetSchool = !reg.schooling[i];
    const allMet = !unmetHousing && !unmetWater && !unmetIns && !unmetSchool;
    const people = poor ? w * n : 0;
    const lab = reg.labourers[i] > 0;
    if (lab) {
      for (let k = 0; k < 3; k++) {
        reach[o + k] += w;
        if (allMet && !above && inc + income[k] > need) exits[o + k] += people;
      }
    }
    if (!reg.relocated[i] && RELOCATION_CAUSE[reg.cause[i]]) {
      reach[o + 3] += w;
      const after = inc + (lab ? P.employmentEffect : 0);
      if (!unmetIns && !unmetSchool && (unmetHousing || unmetWater || !above) && after > need) exits[o + 3] += people;
    }
    const onlyUnmet = (a: boolean, b: boolean, c: boolean) => a && !b && !c && !unmetSchool;
    if (unmetHousing) {
      reach[o + 4] += w;
      if (above && onlyUnmet(unmetHousing, unmetWater, unmetIns)) exits[o + 4] += people;
    }
    if (unmetWater) {
      reach[o + 5] += w;
      if (above && onlyUnmet(unmetWater, unmetHousing, unmetIns)) exits[o + 5] += people;
    }
    if (unmetIns) {
      reach[o + 6] += w;
      if (above && onlyUnmet(unmetIns, unmetHousing, unmetWater)) exits[o + 6] += people;
    }
    if (reg.schoolChildren[i] > 0) {
      reach[o + 7] += w;
      if (allMet && !above && inc + P.educationEffect > need) exits[o + 7] += people;
    }
  }
  for (let j = 0; j < C * K; j++) exits[j] = reach[j] > 0 ? exits[j] / reach[j] : 0;
  return exits;
}
