/**
 * Alignment: the aligned run (target-following) meets the plan's yearly quotas by the least effort that
 * reaches them, keeping the mechanistic run's measures, money and shocks and the model's ranking of who exits.
 *
 * Two levers, both documented here and nowhere else:
 *  1. a logit shift of the exit propensity on income. The method is logit scaling (Stephensen 2016, "Logit
 *     scaling: a general method for alignment in microsimulation models", IJM 9(3); JAS-mine's
 *     `LogitScalingAlignment`) written as a latent variable. After the year's step, each household still poor
 *     has an income gap e (yuan per person to the line) and an assessment error η, logistic with scale
 *     s = `model.alignment.income_error` × line (the incomes behind an exit are assessed by cadres, not known);
 *  2. the guarantees (safe housing and water, insurance, schooling) of every household the quota takes put
 *     right, bought at their unit costs: extra programme coverage, limited by money only.
 *
 * For the income lever:
 * Offered an effort of E yuan per person, the household is judged out when e − η ≤ E, so its exit
 * propensity is σ((E − e) / s): the base log-odds −e / s shifted by δ = E / s, the same shift for every
 * household. Sorting the households by their key k = e − η and taking them in that order until the quota's
 * people are out finds the least E that meets the quota exactly (to the last row's people), for this
 * replicate's draws of η: the expected-total version of logit scaling has the same ranking, but would meet
 * the quota only on average.
 *
 *  - What it takes: each household taken gets its guarantees put right and income support up to E per person;
 *    both are the quota's money (`target_cost`), compared with the money the rules left unspent
 *    (`target_money_beyond_rules`).
 *  - Wrong exits (错退): a household whose income gap exceeds E is judged out on its assessed income but its
 *    income stays under the line; it stays marked until it meets the standard or returns to the registry, and
 *    meanwhile counts as missed poor (漏评: poor by the standard, outside the registry).
 *  - Feasibility: E is bounded by `model.alignment.effort_max` × line; a quota needing more is infeasible,
 *    and the shortfall is reported (never clipped silently, LIAM2 #155); so is a quota larger than the poor
 *    left (bound by the eligible).
 *  - The last poor (兜底): where the safety net's floor is at least the line (两线合一, 000 §一(二)), a
 *    household without labour is put on the safety net before it is ranked, so its income gap is closed by the
 *    floor and only its guarantees remain to pay.
 *  - Reproducible: η is a counter-based hash of (seed, replicate, year, household index), so it does not
 *    depend on the thread that runs the replicate, on which households are candidates, or on the run's
 *    other draws (SimPaths #376: alignment broke same-seed replication); paired scenarios share it.
 */
import { GUARANTEES, atOrAboveLine } from "../model/measures.js";
import { hashBase, hashUniform } from "../random/rng.js";
import type { YearParams } from "./params.js";
import { Status, type Registry } from "./registry.js";

/**
 * Half a person: the registry's weights are fractional where it is a sample (the national plan), so a quota
 * reached up to rounding leaves a shortfall of a few billionths of a person. Less than half a person counts as
 * met (assumption: a quota is a whole number of people, so nothing below half a person is a real shortfall).
 */
export const SHORTFALL_TOLERANCE = 0.5;

/** What alignment did in one replicate-year (people and yuan; rates are shares of households). */
export interface AlignOutcome {
  /** People the quota needed beyond the step's own exits, and those it got out. */
  needed: number;
  aligned: number;
  shortfall: number;
  /** The effort (yuan per person) and the same as a shift of the exit log-odds (NaN when s = 0). */
  shift: number;
  shiftLogit: number;
  /** Support given to the households the quota took, yuan: in all, and the part that put guarantees right. */
  cost: number;
  repairCost: number;
  /** Households whose guarantees the quota put right: the extra programme coverage. */
  repairs: number;
  /** Why the quota fell short: the bound on the effort, or too few poor left ("none" when met). */
  binding: "none" | "shift" | "eligible";
  /** People exiting through the safety net (兜底) among those taken. */
  safetyNetExits: number;
  /** Households the quota took that do not meet the standard (wrong exits), in total and per county. */
  wrongHouseholds: number;
  countyWrong: Float64Array;
}

/** The stream key of the assessment error (distinct from the blocks' and the generator's streams). */
const ALIGN_STREAM = 0x616c6967;

/** The base of the assessment error's hash for one replicate-year. */
export function errorBase(seed: number, replicate: number, year: number): number {
  return hashBase(seed, replicate + 1, ALIGN_STREAM, year);
}

/** Whether household i meets the household exit standard on its registry income: income per person at or
 *  above the line and every guarantee met (一超过、两不愁、三保障). */
export function meetsStandard(reg: Registry, i: number, line: number): boolean {
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / reg.size[i];
  if (!atOrAboveLine(pc, line)) return false;
  for (const g of GUARANTEES) if (!reg[g.column][i]) return false;
  return true;
}

/** Household i's income gap to the line, yuan per person (0 at or above it). */
function incomeGap(reg: Registry, i: number, line: number): number {
  const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / reg.size[i];
  return atOrAboveLine(pc, line) ? 0 : line - pc;
}

/** What the quota's support gave one household: guarantees put right, their cost, and income support (yuan). */
export interface Support {
  repairs: number;
  repairCost: number;
  income: number;
}

/**
 * The quota's support for household i: every unmet guarantee put right at its cost, and a transfer toward the
 * line of at most `effort` yuan per person.
 */
export function supportExit(reg: Registry, i: number, P: YearParams, effort: number): Support {
  const out = { repairs: 0, repairCost: 0, income: 0 };
  GUARANTEES.forEach((g, k) => {
    if (!reg[g.column][i]) {
      reg[g.column][i] = 1;
      out.repairs++;
      out.repairCost += P.guaranteeCost[k];
    }
  });
  out.income = Math.min(incomeGap(reg, i, P.line), effort) * reg.size[i];
  reg.incomeTransfer[i] += out.income;
  return out;
}

/** Puts a poor household without labour on the safety net (兜底): its transfer tops income per person up to the
 *  floor, now and every later year (`floored`). Returns the top-up, yuan. */
function floorHousehold(reg: Registry, i: number, floor: number): number {
  reg.floored[i] = 1;
  const n = reg.size[i];
  const other = reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeProperty[i];
  const gap = floor * n - other;
  if (gap <= reg.incomeTransfer[i]) return 0;
  const add = gap - reg.incomeTransfer[i];
  reg.incomeTransfer[i] = gap;
  return add;
}

/**
 * Aligns one replicate-year: gets `needed` more people out of the registry's poor (poor and returned
 * households), ranked by key e − η. Marks the wrong exits in `wrong`; adds the safety net's top-ups to
 * `floorCost` through the returned outcome's caller. The registry's statuses, exit years, guarantees and
 * transfers change in place.
 */
export function alignYear(
  reg: Registry,
  P: YearParams,
  needed: number,
  base: number,
  wrong: Uint8Array,
): AlignOutcome & { floorCost: number; exitsHouseholds: number } {
  const C = reg.counties.n;
  const out = {
    needed,
    aligned: 0,
    shortfall: 0,
    shift: 0,
    shiftLogit: 0,
    cost: 0,
    repairCost: 0,
    repairs: 0,
    binding: "none" as AlignOutcome["binding"],
    safetyNetExits: 0,
    wrongHouseholds: 0,
    countyWrong: new Float64Array(C),
    floorCost: 0,
    exitsHouseholds: 0,
  };
  if (!(needed > 0)) return out;
  const scale = P.alignIncomeError * P.line;
  const bound = P.alignEffortMax * P.line;
  const twoLines = atOrAboveLine(P.floor, P.line);
  const cand: number[] = [];
  const key = new Float64Array(reg.n);
  for (let i = 0; i < reg.n; i++) {
    const st = reg.status[i];
    if (st !== Status.poor && st !== Status.returned) continue;
    // 兜底: without labour, with the two lines merged, the safety net closes the income gap
    if (twoLines && reg.labourers[i] === 0) out.floorCost += reg.weight[i] * floorHousehold(reg, i, P.floor);
    const u = hashUniform(base, i);
    key[i] = incomeGap(reg, i, P.line) - scale * Math.log(u / (1 - u));
    cand.push(i);
  }
  cand.sort((a, b) => key[a] - key[b] || a - b);
  let k = 0,
    people = 0;
  for (; k < cand.length && people < needed - SHORTFALL_TOLERANCE; k++) {
    const i = cand[k];
    if (key[i] > bound) break;
    out.shift = Math.max(out.shift, key[i]);
    people += reg.weight[i] * reg.size[i];
  }
  // every household taken gets the same effort: the key of the last one (the least E that reaches the quota)
  const E = out.shift;
  for (let j = 0; j < k; j++) {
    const i = cand[j];
    const w = reg.weight[i],
      people = w * reg.size[i];
    const got = supportExit(reg, i, P, E);
    out.cost += w * (got.repairCost + got.income);
    out.repairCost += w * got.repairCost;
    if (got.repairs > 0) out.repairs += w;
    reg.status[i] = Status.exited;
    reg.exitYear[i] = P.year;
    out.aligned += people;
    out.exitsHouseholds += w;
    if (reg.floored[i] && reg.labourers[i] === 0) out.safetyNetExits += people;
    if (!meetsStandard(reg, i, P.line)) {
      wrong[i] = 1;
      out.wrongHouseholds += w;
      out.countyWrong[reg.villages.county[reg.village[i]]] += w;
    }
  }
  out.shiftLogit = scale > 0 ? E / scale : NaN;
  if (needed - out.aligned >= SHORTFALL_TOLERANCE) {
    out.shortfall = needed - out.aligned;
    out.binding = k < cand.length ? "shift" : "eligible";
  }
  return out;
}

/** The aligned run's year-end view of the registry (one pass): the poor left by reason (people), the year's
 *  exited households per county, and the people of wrongly exited households still outside the registry
 *  under the standard (missed poor), with the people outside the registry they are a share of. */
export interface AlignTally {
  incomeGap: number;
  noLabour: number;
  guarantee: number;
  countyExits: Float64Array;
  countyMissed: Float64Array;
  /** Rural residents not registered as poor, per county: the county's population less its registered poor. */
  countyOutside: Float64Array;
}

/** The missed-poor rate (漏评率) of a tally: missed poor among the residents not registered as poor. */
export function missedPoorRate(t: AlignTally, c?: number): number {
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const missed = c === undefined ? sum(t.countyMissed) : t.countyMissed[c];
  const outside = c === undefined ? sum(t.countyOutside) : t.countyOutside[c];
  return outside > 0 ? missed / outside : 0;
}

/**
 * The year-end tally of the aligned run. A wrongly exited household leaves the mark once it meets the
 * standard or is back in the registry (returned); until then it is missed poor.
 */
export function alignTally(reg: Registry, line: number, year: number, wrong: Uint8Array): AlignTally {
  const C = reg.counties.n;
  const t: AlignTally = {
    incomeGap: 0,
    noLabour: 0,
    guarantee: 0,
    countyExits: new Float64Array(C),
    countyMissed: new Float64Array(C),
    countyOutside: Float64Array.from(reg.counties.population),
  };
  const county = reg.villages.county;
  for (let i = 0; i < reg.n; i++) {
    const st = reg.status[i];
    if (st === Status.nonpoor || st === Status.marginal) continue;
    const w = reg.weight[i],
      c = county[reg.village[i]],
      n = reg.size[i];
    if (st === Status.poor || st === Status.returned) {
      wrong[i] = 0;
      t.countyOutside[c] -= w * n;
      const pc = (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / n;
      if (atOrAboveLine(pc, line)) t.guarantee += w * n;
      else if (reg.labourers[i] > 0) t.incomeGap += w * n;
      else t.noLabour += w * n;
      continue;
    }
    // exited
    if (reg.exitYear[i] === year) t.countyExits[c] += w;
    if (wrong[i] === 1) {
      if (meetsStandard(reg, i, line)) wrong[i] = 0;
      else t.countyMissed[c] += w * n;
    }
  }
  return t;
}

/**
 * The county assessment (2016 exit mechanism): a county is held back from 摘帽 in a year whose wrong-exit rate
 * (wrong exits among the year's exited households) or missed-poor rate (missed poor among its residents not
 * registered as poor) is above the limit. Returns 1 per county held back.
 */
export function assessmentHeld(
  tally: AlignTally,
  countyWrong: Float64Array | undefined,
  P: Pick<YearParams, "countyWrongExitMax" | "countyMissedPoorMax">,
): Uint8Array {
  const C = tally.countyExits.length;
  const held = new Uint8Array(C);
  for (let c = 0; c < C; c++) {
    const exits = tally.countyExits[c];
    const wrongRate = exits > 0 && countyWrong ? countyWrong[c] / exits : 0;
    const missedRate = missedPoorRate(tally, c);
    held[c] = Number(wrongRate > P.countyWrongExitMax || missedRate > P.countyMissedPoorMax);
  }
  return held;
}
