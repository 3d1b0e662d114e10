import type { YearParams } from "../engine/params.js";
import { countyCostMultiplier } from "../engine/countyTypes.js";
import type { Registry } from "../engine/registry.js";
import type { MoneyProvider, YearMoney } from "../engine/run.js";
import { fundedMeasures } from "../model/measures.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { allocateToCounties, allocationRule, surveyCounties, type CountySurvey } from "./allocate.js";
import { buyCoverage, maxCoverage, type Earmark } from "./measures.js";
import { GENERAL, purposeMask } from "./purpose.js";
import { projectRevenue, type RevenuePath } from "./revenue.js";
import { evaluateFunds, type FundYear } from "./rules.js";

/** Whether money limits the engine's measures in a scenario: it has money rules and does not switch it off. */
export function moneyLimits(s: ResolvedScenario, year: number): boolean {
  return s.funds.size > 0 && (s.parameters.get("model.funds.money_limits_measures")?.atYear(year) ?? 1) > 0;
}

/**
 * Money a county did not spend, kept for the next year by `model.funds.carry_forward_share` (money.ts
 * `carryForward`): per purpose, `county` is the balance each county keeps (`[c]`), `reclaimed` the yuan taken
 * back and allocated again by the factor method, still for that purpose.
 */
export interface MoneyCarry {
  county: Map<string, Float64Array>;
  reclaimed: Map<string, number>;
}

/** The money of one replicate-year, from the rules to the coverage the engine steps with. */
export interface MoneyYear {
  funds: FundYear;
  /** Yuan per county (this year's grants, every purpose). */
  budget: Float64Array;
  /** Per purpose (funds/purpose.ts), `[c]`: the money a county may spend on it this year, carried in included. */
  byPurpose: Map<string, Float64Array>;
  /** `[c * K + k]` coverage, need and expected spending (src/funds/measures.ts). */
  coverage: Float64Array;
  need: Float64Array;
  spend: Float64Array;
  /** Money not spent this year (grants and money carried in): purposes whose measures are at their cap, or no
   *  county in need. */
  unspent: number;
  /** Money brought in from the year before: balances kept by counties, and money reclaimed and allocated again. */
  carriedIn: number;
  reclaimedIn: number;
  /** What goes on to the next year (`carryForward`). */
  carry: MoneyCarry;
  /** Money needed to run every measure at its largest coverage. */
  needTotal: number;
  /** Poor people at the start of the year (for money per poor person). */
  poorPeople: number;
  /** The start-of-year survey the money was counted on. */
  survey: CountySurvey;
}

/** `model.funds.cost_rise` in a year (0 when a scenario does not set it: a constant unit cost). */
export function costRise(s: ResolvedScenario, year: number): number {
  return s.parameters.get("model.funds.cost_rise")?.atYear(year) ?? 0;
}

/**
 * At the start of a year: survey the registry (poor people, depth and eligible households per county),
 * evaluate the money rules on it, allocate each pool's grants to counties by the factor method (a reserved
 * share checked against the slice of its own pool it is of, 004 §三(三)), keep each rule's money for its
 * purpose (funds/purpose.ts), add what the year before carried forward (`carry`), and convert each county's
 * money into coverage: earmarked money first, then general money (`buyCoverage`).
 */
export function moneyYear(
  s: ResolvedScenario,
  reg: Registry,
  P: YearParams,
  revenue: RevenuePath,
  previous?: FundYear,
  carry?: MoneyCarry,
): MoneyYear {
  const survey = surveyCounties(reg, P);
  const C = reg.counties.n;
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  let poorVillages = 0,
    poorCounties = 0,
    deepCounties = 0;
  for (let v = 0; v < reg.villages.n; v++) if (reg.villages.poor[v] && reg.villages.exitYear[v] === 0) poorVillages++;
  for (let c = 0; c < C; c++) {
    if (reg.counties.poor[c] && reg.counties.exitYear[c] === 0) poorCounties++;
    if (reg.counties.deep[c]) deepCounties++;
  }
  // placements: the employment measure's largest coverage of its eligible households
  const funded = fundedMeasures(P.measures),
    K = funded.length;
  const job = funded.findIndex((m) => m.id === "employment");
  let eligibleLabour = 0;
  if (job >= 0) for (let c = 0; c < C; c++) eligibleLabour += survey.eligible[c * K + job];
  const poorPeople = sum(survey.poorPeople);
  const funds = evaluateFunds(
    s,
    revenue,
    P.year,
    {
      poorHouseholds: sum(survey.poorHouseholds),
      poorPeople,
      poorVillages,
      poorCounties,
      deepCounties,
      placements: job >= 0 ? eligibleLabour * maxCoverage(P)[job] : 0,
    },
    previous,
  );
  const { byPurpose, budget, unallocated, carriedIn, reclaimedIn } = countyMoney(s, reg, survey, funds, carry);
  const general = byPurpose.get(GENERAL) ?? new Float64Array(C);
  const earmarked: Earmark[] = [...byPurpose]
    .filter(([q]) => q !== GENERAL)
    .map(([purpose, amount]) => ({ purpose, amount, mask: purposeMask(purpose, funded) }));
  const bought = buyCoverage(general, survey.eligible, P, {
    rise: costRise(s, P.year),
    earmarked,
    costMultiplier: countyCostMultiplier(reg.counties, P),
  });
  const left = new Map<string, Float64Array>([[GENERAL, bought.unspentGeneral]]);
  earmarked.forEach((e, q) => left.set(e.purpose, bought.unspentEarmarked[q]));
  return {
    funds,
    budget,
    byPurpose,
    coverage: bought.coverage,
    need: bought.need,
    spend: bought.spend,
    unspent: sum(bought.unspent) + unallocated,
    carriedIn,
    reclaimedIn,
    carry: carryForward(left, s.parameters.get("model.funds.carry_forward_share")?.atYear(P.year) ?? 1),
    needTotal: sum(bought.need),
    poorPeople,
    survey,
  };
}

/**
 * What each county may spend, by purpose: each pool's grants allocated to counties by the factor method with
 * the reservations of that pool (`allocateToCounties`, the reservation checked against its slice), each rule's
 * money following its pool's allocation and keeping its purpose; then the year before's balances and the money
 * it reclaimed (allocated by the factor method, keeping its purpose).
 */
function countyMoney(
  s: ResolvedScenario,
  reg: Registry,
  survey: CountySurvey,
  funds: FundYear,
  carry: MoneyCarry | undefined,
) {
  const C = reg.counties.n;
  const rule = allocationRule(s, funds.year);
  const byPurpose = new Map<string, Float64Array>();
  const purse = (q: string) => {
    let a = byPurpose.get(q);
    if (!a) byPurpose.set(q, (a = new Float64Array(C)));
    return a;
  };
  const budget = new Float64Array(C);
  let unallocated = 0;
  // each pool's net money by purpose (a negative increment lowers its own purpose's money in the pool), apart
  // for money a level spends in its own counties (`within`)
  const pools = new Map<string, { pool: string; within?: string; purposes: Map<string, number> }>();
  for (const l of funds.lines) {
    if (l.nature !== "grant") continue;
    const key = `${l.pool}\u0000${l.within ?? ""}`;
    const p = pools.get(key) ?? { pool: l.pool, ...(l.within ? { within: l.within } : {}), purposes: new Map() };
    pools.set(key, p);
    const q = l.purpose ?? GENERAL;
    p.purposes.set(q, (p.purposes.get(q) ?? 0) + l.amount);
  }
  for (const { pool, within, purposes } of pools.values()) {
    const total = [...purposes.values()].reduce((a, b) => a + Math.max(0, b), 0);
    const net = Math.max(
      0,
      [...purposes.values()].reduce((a, b) => a + b, 0),
    );
    // a reservation is checked against the pool it names (the part without a level of its own)
    const reserved = within
      ? []
      : funds.lines
          .filter((l) => l.nature === "reserved" && l.slice?.pool === pool && l.amount > 0)
          .map((l) => ({
            group: l.group!,
            amount: l.amount,
            of: l.slice!.amount,
            members: groupMembers(reg, l.group!),
          }));
    const where = within ? surveyWithin(survey, groupMembers(reg, within)) : survey;
    const { amounts, unallocated: u } = allocateToCounties(net, reg, where, { ...rule, reserved });
    unallocated += u;
    for (let c = 0; c < C; c++) budget[c] += amounts[c];
    if (net <= 0) continue;
    for (const [q, x] of purposes) {
      if (x <= 0) continue;
      const a = purse(q);
      for (let c = 0; c < C; c++) a[c] += (amounts[c] * x) / total; // the purpose's part of the pool
    }
  }
  let carriedIn = 0,
    reclaimedIn = 0;
  for (const [q, kept] of carry?.county ?? []) {
    const a = purse(q);
    for (let c = 0; c < C; c++) {
      a[c] += kept[c];
      carriedIn += kept[c];
    }
  }
  for (const [q, x] of carry?.reclaimed ?? []) {
    if (x <= 0) continue;
    const { amounts, unallocated: u } = allocateToCounties(x, reg, survey, rule);
    unallocated += u;
    reclaimedIn += x;
    const a = purse(q);
    for (let c = 0; c < C; c++) a[c] += amounts[c];
  }
  return { byPurpose, budget, unallocated, carriedIn, reclaimedIn };
}

/** The survey restricted to a group of counties (the others counted as having no poor), or the whole survey
 *  when no county of the group has poor people (the money then goes where the factor method sends it). */
function surveyWithin(survey: CountySurvey, members: Uint8Array): CountySurvey {
  if (!survey.poorPeople.some((p, c) => p > 0 && members[c])) return survey;
  const keep = (a: Float64Array) => Float64Array.from(a, (x, c) => (members[c] ? x : 0));
  return {
    ...survey,
    poorPeople: keep(survey.poorPeople),
    poorHouseholds: keep(survey.poorHouseholds),
    gap: keep(survey.gap),
  };
}

/**
 * What a year's unspent money becomes (`model.funds.carry_forward_share`, f): each county keeps f of its
 * balance for the same purpose next year (结转); the rest is reclaimed (收回) and allocated again next year by
 * the factor method, still for its purpose, so it moves to the counties whose poor the factors weigh — the
 * reclaiming of idle funds 004 §六(一) counts on (市县两级政府清理收回的财政存量资金).
 */
export function carryForward(left: Map<string, Float64Array>, share: number): MoneyCarry {
  const f = Math.min(1, Math.max(0, share));
  const county = new Map<string, Float64Array>(),
    reclaimed = new Map<string, number>();
  for (const [q, u] of left) {
    let back = 0;
    county.set(
      q,
      Float64Array.from(u, (x) => {
        const v = Math.max(0, x);
        back += (1 - f) * v;
        return f * v;
      }),
    );
    reclaimed.set(q, back);
  }
  return { county, reclaimed };
}

/** Counties of a reserved group (1 = member). Village groups count their counties. */
export function groupMembers(reg: Registry, group: string): Uint8Array {
  const C = reg.counties.n;
  const m = new Uint8Array(C);
  for (let c = 0; c < C; c++) {
    if (group === "deep_poor_counties") m[c] = reg.counties.deep[c];
    else if (group === "poor_counties") m[c] = reg.counties.poor[c];
    else if (group === "non_poor_counties") m[c] = 1 - reg.counties.poor[c];
    else m[c] = 1;
  }
  if (group === "deep_poor_villages" || group === "poor_villages") {
    m.fill(0);
    for (let v = 0; v < reg.villages.n; v++)
      if (group === "poor_villages" ? reg.villages.poor[v] : reg.villages.deep[v]) m[reg.villages.county[v]] = 1;
  }
  return m;
}

/** Series of the money brought in from the year before: balances counties kept, and money reclaimed. */
export const CARRY_SERIES = ["funds.carried_in", "funds.reclaimed_in"] as const;

/**
 * The plan's money for the engine (`EngineOptions.money`): revenue projected once; each replicate-year the
 * rules, the allocation to counties and the coverage they buy (`moneyYear`), on the replicate's own registry
 * and with last year's funds; series per rule (`fund.<id>`) and per funded measure (`spend.<id>`).
 */
export const scenarioMoney: MoneyProvider = (s, params) => {
  if (s.funds.size === 0) return undefined;
  const revenue = projectRevenue(s);
  const limits = params.map((P) => moneyLimits(s, P.year));
  const funded = fundedMeasures(params[0].measures),
    K = funded.length;
  const spendNames = funded.map((m) => `spend.${m.id}`);
  return {
    series: [...[...s.funds.keys()].map((id) => `fund.${id}`), ...spendNames, ...CARRY_SERIES],
    replicate() {
      let previous: FundYear | undefined;
      let carry: MoneyCarry | undefined;
      return (reg, t, P = params[t]): YearMoney => {
        const money = moneyYear(s, reg, P, revenue, previous, carry);
        previous = money.funds;
        carry = money.carry;
        const series: [string, number][] = money.funds.lines.map((l) => [`fund.${l.rule}`, l.amount]);
        series.push([CARRY_SERIES[0], money.carriedIn], [CARRY_SERIES[1], money.reclaimedIn]);
        const C = money.budget.length;
        for (let m = 0; m < K; m++) {
          let x = 0;
          for (let c = 0; c < C; c++) x += money.spend[c * K + m];
          series.push([spendNames[m], x]);
        }
        return {
          grants: money.funds.grants,
          loans: money.funds.loans,
          need: money.needTotal,
          unspent: money.unspent,
          poorPeople: money.poorPeople,
          ...(limits[t] ? { coverage: money.coverage } : {}),
          budget: money.budget,
          series,
        };
      };
    },
  };
};
