/**
 * The plan's programmes (src/model/programmes.ts) in the engine: read once per year from the scenario
 * (`programmeYear`, part of the year's parameters), and turned into the measures' coverages at the start of
 * each replicate-year against the households each measure can reach then (`withProgrammes`), before money
 * is counted: the programmes set the largest coverage, and money may still cut it (src/funds/measures.ts).
 */
import { eligibleLists, flagColumns, householdFlags, type MeasureTable } from "../model/measures.js";
import { PROGRAMMES, scenarioProgrammes, WORKERS_PER_HOUSEHOLD, type ProgrammeDef } from "../model/programmes.js";
import type { Parameter } from "../parameters/parameter.js";
import { yearStart } from "../parameters/period.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { Status, type Registry } from "./registry.js";

/** The programmes of one year, per measure (table order). */
export interface ProgrammeYear {
  /** Households the programmes that stand for the measure reach this year (NaN: none in force). */
  households: Float64Array;
  /** Households the channel programmes add. */
  addHouseholds: Float64Array;
  /** Coverage the share channels add. */
  addCoverage: Float64Array;
  /** Least yearly coverage from the shares the plan commits to (0: none). */
  leastCoverage: Float64Array;
  /** Yuan a year paid to the households the measure reaches (count × yuan per beneficiary). */
  amount: Float64Array;
  /** Yuan per household reached that replaces the measure's unit cost (NaN: the measure's own). */
  cost: Float64Array;
  /** Ids of the programmes in force this year. */
  active: string[];
}

/** The programmes of a year (undefined when the plan states none in force: the measures keep their
 *  default coverages and no survey is made). */
export function programmeYear(
  s: ResolvedScenario,
  year: number,
  measures: MeasureTable,
  programmes: readonly ProgrammeDef[] = [...PROGRAMMES, ...scenarioProgrammes(s)],
): ProgrammeYear | undefined {
  const param = (path: string) => s.parameters.get(path) ?? programmeParameter(s, path);
  const at = (path: string, y = year) => param(path)?.entryAt(yearStart(y))?.value;
  const M = measures.length;
  const py: ProgrammeYear = {
    households: new Float64Array(M).fill(NaN),
    addHouseholds: new Float64Array(M),
    addCoverage: new Float64Array(M),
    leastCoverage: new Float64Array(M),
    amount: new Float64Array(M),
    cost: new Float64Array(M).fill(NaN),
    active: [],
  };
  const workers = Math.max(1e-9, at(WORKERS_PER_HOUSEHOLD) ?? 1);
  for (const p of programmes) {
    const v = at(p.path),
      k = measures.findIndex((m) => m.id === p.measure);
    if (v === undefined || k < 0) continue;
    py.active.push(p.id);
    const households = p.people ? v / workers : v;
    const coefficient = p.coefficient === undefined ? 1 : (at(p.coefficient) ?? 0);
    const cost = p.cost === undefined ? undefined : at(p.cost);
    if (cost !== undefined) py.cost[k] = cost;
    switch (p.rule) {
      case "stands_for":
        py.households[k] = (Number.isNaN(py.households[k]) ? 0 : py.households[k]) + households;
        break;
      case "adds":
        py.addHouseholds[k] += households;
        break;
      case "adds_share":
        py.addCoverage[k] += v * coefficient;
        break;
      case "least_share": {
        // the N horizon years it is in force: the share reached by the horizon's end when each of them
        // reaches c (independent yearly draws) is 1 − (1 − c)^N = v
        let n = 0;
        for (let y = s.horizon.start; y <= s.horizon.end; y++) if (at(p.path, y) !== undefined) n++;
        const yearly = 1 - Math.pow(1 - Math.min(1, Math.max(0, v)), 1 / Math.max(1, n));
        py.leastCoverage[k] = Math.max(py.leastCoverage[k], yearly);
        break;
      }
      case "spreads_amount":
        py.amount[k] += v * coefficient;
        break;
    }
  }
  return py.active.length > 0 ? py : undefined;
}

/** A dated quantity of a scenario programme by its path (`programmes.<id>.<field>`). */
function programmeParameter(s: ResolvedScenario, path: string): Parameter | undefined {
  const [head, id, field] = path.split(".");
  return head === "programmes" ? s.programmes?.get(id)?.quantities[field] : undefined;
}

/**
 * Households each measure can reach at the start of the year (weighted), in table order: poor and
 * returned households, and exited ones while policy is kept after exit, with every flag of its mask — the
 * households the step reaches (src/engine/kernel.ts).
 */
export function eligibleHouseholds(
  reg: Registry,
  P: Pick<ProgrammeInputs, "measures" | "policyKeptAfterExit">,
): Float64Array {
  const eligible = new Float64Array(P.measures.length);
  const { start, list } = eligibleLists(P.measures);
  const kept = P.policyKeptAfterExit > 0;
  const cols = flagColumns(reg);
  const { status, weight } = reg;
  for (let i = 0; i < reg.n; i++) {
    const st = status[i];
    if (!(st === Status.poor || st === Status.returned || (st === Status.exited && kept))) continue;
    const f = householdFlags(cols, i);
    for (let j = start[f]; j < start[f + 1]; j++) eligible[list[j]] += weight[i];
  }
  return eligible;
}

/** What the programmes read and set of the year's parameters (`YearParams`, src/engine/params.ts; a
 *  structural type, so that this file does not import the one that imports it). */
export interface ProgrammeInputs {
  measures: MeasureTable;
  measureCoverage: Float64Array;
  measureAmount: Float64Array;
  measureCost: Float64Array;
  policyKeptAfterExit: number;
  programmes?: ProgrammeYear;
}

/** A count of households as a share of the eligible, in [0, 1] (0 when none is eligible). */
function reach(households: number, eligible: number): number {
  return eligible > 0 ? Math.min(1, Math.max(0, households / eligible)) : 0;
}

/**
 * The year's parameters with the programmes' coverages (and amounts) against the registry as it stands at
 * the start of the year (`P` itself when the year has no programme). Per measure: the households a
 * programme that stands for it reaches ÷ its eligible households (else the model default), plus the
 * channels' households ÷ eligible and their shares, at least the committed share's yearly coverage, within
 * [0, 1]. A subsidy paid per beneficiary adds its yuan, spread over the households reached, to the amount
 * (and to the unit cost of a measure whose cost is its amount, a transfer).
 */
export function withProgrammes<T extends ProgrammeInputs>(P: T, reg: Registry): T {
  const py = P.programmes;
  if (!py) return P;
  const eligible = eligibleHouseholds(reg, P);
  const coverage = P.measureCoverage.slice(),
    amount = P.measureAmount.slice(),
    cost = P.measureCost.slice();
  P.measures.forEach((m, k) => {
    const e = eligible[k];
    let c = Number.isNaN(py.households[k]) ? coverage[k] : reach(py.households[k], e);
    c += reach(py.addHouseholds[k], e) + py.addCoverage[k];
    c = Math.min(1, Math.max(0, c, py.leastCoverage[k]));
    coverage[k] = c;
    if (!Number.isNaN(py.cost[k])) cost[k] = py.cost[k];
    const reached = c * e;
    if (py.amount[k] > 0 && reached > 0) {
      const each = py.amount[k] / reached;
      amount[k] += each;
      if (m.effect.kind === "income" && m.cost === m.effect.amount) cost[k] += each;
    }
  });
  return { ...P, measureCoverage: coverage, measureAmount: amount, measureCost: cost };
}
