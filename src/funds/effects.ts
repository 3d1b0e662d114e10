import type { YearParams } from "../engine/params.js";
import { Status, type Registry } from "../engine/registry.js";
import { atOrAboveLine, Flag, flagColumns, GUARANTEES, householdFlags, type MeasureDef } from "../model/measures.js";

/** The flags of every unmet guarantee. */
const UNMET = GUARANTEES.reduce((a, g) => a | g.unmet, 0);

/**
 * Expected exits (people) per household a measure reaches, per county (`[c * K + k]`, the funded measures of
 * `P.measures` in table order), read off the registry at the start of a year: among the households the
 * measure can reach (its eligibility), the people of those whom it alone would carry over the exit rule
 * (income per person above the line and every guarantee met) by its effect (src/model/measures.ts). First
 * order: the year's income growth and shocks are left out, and households that would exit without the
 * measure count for nothing. This is the linear "exits per household" the optimiser divides by unit cost to
 * get exits per yuan.
 */
export function exitsPerHousehold(reg: Registry, P: YearParams): Float64Array {
  const C = reg.counties.n;
  const index = P.measures.flatMap((m, k) => (m.funded ? [k] : []));
  const funded = index.map((k) => P.measures[k]);
  const K = funded.length;
  const exits = new Float64Array(C * K),
    reach = new Float64Array(C * K);
  const kept = P.policyKeptAfterExit > 0;
  const vCounty = reg.villages.county;
  const cols = flagColumns(reg);
  const job = P.measures.findIndex((m) => m.id === "employment");
  const jobAmount = job >= 0 ? P.measureAmount[job] : 0;
  for (let i = 0; i < reg.n; i++) {
    const st = reg.status[i];
    const poor = st === Status.poor || st === Status.returned;
    if (!(poor || (st === Status.exited && kept))) continue;
    const w = reg.weight[i],
      n = reg.size[i];
    const o = vCounty[reg.village[i]] * K;
    const inc = reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i];
    const need = P.line * n;
    const flags = householdFlags(cols, i);
    const exitsAlready = atOrAboveLine(inc / n, P.line) && (flags & UNMET) === 0;
    const people = poor ? w * n : 0;
    for (let k = 0; k < K; k++) {
      const m = funded[k];
      if ((flags & m.eligible) !== m.eligible) continue;
      reach[o + k] += w;
      const [after, fixed] = afterMeasure(m, P.measureAmount[index[k]], flags, inc, need, jobAmount, P);
      if (!exitsAlready && atOrAboveLine(after / n, P.line) && (flags & UNMET & ~fixed) === 0) exits[o + k] += people;
    }
  }
  for (let j = 0; j < C * K; j++) exits[j] = reach[j] > 0 ? exits[j] / reach[j] : 0;
  return exits;
}

/** A household's income once the measure has reached it, and the unmet-guarantee flags it puts right. */
function afterMeasure(
  m: MeasureDef,
  amount: number,
  flags: number,
  inc: number,
  need: number,
  jobAmount: number,
  P: YearParams,
): [number, number] {
  switch (m.effect.kind) {
    case "income":
      return [inc + amount, 0];
    case "guarantee": {
      const id = m.effect.guarantee;
      return [inc, GUARANTEES.find((g) => g.id === id)!.unmet];
    }
    case "relocation":
      return [inc + (flags & Flag.labour ? jobAmount : 0), Flag.housingUnsafe | Flag.waterUnsafe];
    case "floor":
      return [Math.max(inc, (P.floor / P.line) * need), 0];
  }
}
