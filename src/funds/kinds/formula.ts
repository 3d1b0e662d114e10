import type { ResolvedFundRule } from "../../scenario/resolve.js";
import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { compileFormula, type CompiledFormula } from "../formula.js";
import { ruleError, type RuleInput, type RuleKindModule } from "./kind.js";

/** Names a formula may use besides its own inputs. */
export const FORMULA_NAMES = [
  "year",
  "poor_households",
  "poor_people",
  "poor_villages",
  "poor_counties",
  "deep_counties",
  "placements",
  "revenue",
  "revenue_increment",
  "county_revenue_index",
] as const;

const formulaCache = new WeakMap<ResolvedFundRule, CompiledFormula>();

/** The rule's expression, compiled once per rule; an invalid one names `funds.<id>.expression`. */
function compiled(rule: ResolvedFundRule): CompiledFormula {
  let f = formulaCache.get(rule);
  if (!f) {
    try {
      f = compileFormula(String(rule.fields.expression), [...Object.keys(rule.inputs), ...FORMULA_NAMES]);
    } catch (e) {
      const m = (e as Error).message;
      throw ruleError(rule, `funds.${rule.id}.expression`, m, `公式无效：${m}`);
    }
    formulaCache.set(rule, f);
  }
  return f;
}

/** The values of the names a formula may use, this year. */
function scopeOf({ rule, revenue, year, t, state }: RuleInput): Record<string, number> {
  const scope: Record<string, number> = {
    year,
    poor_households: state.poorHouseholds,
    poor_people: state.poorPeople,
    poor_villages: state.poorVillages,
    poor_counties: state.poorCounties,
    deep_counties: state.deepCounties,
    placements: state.placements,
    revenue: revenue.total[t],
    revenue_increment: revenue.total[t] - revenue.total[t - 1],
    county_revenue_index: revenue.countyIndex[t],
  };
  for (const k of Object.keys(rule.inputs)) scope[k] = rule.inputs[k].atYear(year) ?? NaN;
  return scope;
}

/** A money rule the other kinds do not cover: a mathjs expression, evaluated safely (funds/formula.ts). */
export const formula: RuleKindModule = {
  ...RULE_KINDS.formula,
  evaluate(x) {
    const { rule, year } = x;
    const f = compiled(rule);
    let amount: number;
    try {
      amount = f.evaluate(scopeOf(x));
    } catch (e) {
      const m = (e as Error).message;
      throw ruleError(rule, `funds.${rule.id}.expression`, `${year}: ${m}`, `${year} 年公式求值失败：${m}`);
    }
    return { amount, how: `${rule.fields.expression}` };
  },
};
