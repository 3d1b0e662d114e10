import type { YearParams } from "../engine/params.js";
import { countyCostMultiplier } from "../engine/countyTypes.js";
import type { Registry } from "../engine/registry.js";
import type { MoneyProvider, YearMoney } from "../engine/run.js";
import { fundedMeasures } from "../model/measures.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { allocateToCounties, allocationRule, surveyCounties, type CountySurvey } from "./allocate.js";
import { buyCoverage, maxCoverage } from "./measures.js";
import { projectRevenue, type RevenuePath } from "./revenue.js";
import { evaluateFunds, type FundYear } from "./rules.js";

/** Whether money limits the engine's measures in a scenario: it has money rules and does not switch it off. */
export function moneyLimits(s: ResolvedScenario, year: number): boolean {
  return s.funds.size > 0 && (s.parameters.get("model.funds.money_limits_measures")?.atYear(year) ?? 1) > 0;
}

/** The money of one replicate-year, from the rules to the coverage the engine steps with. */
export interface MoneyYear {
  funds: FundYear;
  /** Yuan per county (grants). */
  budget: Float64Array;
  /** `[c * K + k]` coverage, need and expected spending (src/funds/measures.ts). */
  coverage: Float64Array;
  need: Float64Array;
  spend: Float64Array;
  /** Grant money not spent: counties whose budget exceeds their need, or no county in need. */
  unspent: number;
  /** Money needed to run every measure at its largest coverage. */
  needTotal: number;
  /** Poor people at the start of the year (for money per poor person). */
  poorPeople: number;
  /** The start-of-year survey the money was counted on. */
  survey: CountySurvey;
}

/**
 * At the start of a year: survey the registry (poor people, depth and eligible households per county),
 * evaluate the money rules on it, allocate the grants to counties by the factor method (reserved shares
 * honoured), split each county's money among measures by need and convert it into coverage.
 */
export function moneyYear(
  s: ResolvedScenario,
  reg: Registry,
  P: YearParams,
  revenue: RevenuePath,
  previous?: FundYear,
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
  const rule = allocationRule(s, P.year);
  const reserved = funds.lines
    .filter((l) => l.nature === "reserved")
    .map((l) => ({ group: l.group!, amount: l.amount, members: groupMembers(reg, l.group!) }));
  const { amounts: budget, unallocated } = allocateToCounties(funds.grants, reg, survey, { ...rule, reserved });
  const bought = buyCoverage(budget, survey.eligible, P, countyCostMultiplier(reg.counties, P));
  return {
    funds,
    budget,
    coverage: bought.coverage,
    need: bought.need,
    spend: bought.spend,
    unspent: sum(bought.unspent) + unallocated,
    needTotal: sum(bought.need),
    poorPeople,
    survey,
  };
}

/** Counties of a reserved group (1 = member). Village groups count their counties. */
export function groupMembers(reg: Registry, group: string): Uint8Array {
  const C = reg.counties.n;
  const m = new Uint8Array(C);
  for (let c = 0; c < C; c++) {
    if (group === "deep_poor_counties") m[c] = reg.counties.deep[c];
    else if (group === "poor_counties") m[c] = reg.counties.poor[c];
    else m[c] = 1;
  }
  if (group === "deep_poor_villages" || group === "poor_villages") {
    m.fill(0);
    for (let v = 0; v < reg.villages.n; v++)
      if (group === "poor_villages" ? reg.villages.poor[v] : reg.villages.deep[v]) m[reg.villages.county[v]] = 1;
  }
  return m;
}

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
    series: [...[...s.funds.keys()].map((id) => `fund.${id}`), ...spendNames],
    replicate() {
      let previous: FundYear | undefined;
      return (reg, t, P = params[t]): YearMoney => {
        const money = moneyYear(s, reg, P, revenue, previous);
        previous = money.funds;
        const series: [string, number][] = money.funds.lines.map((l) => [`fund.${l.rule}`, l.amount]);
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
