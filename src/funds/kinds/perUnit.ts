import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { countBasis } from "./basis.js";
import { need, num, type RuleKindModule } from "./kind.js";

/**
 * amount × units, the units counted by the engine (poor households, poor people, poor villages, placements …)
 * unless the rule fixes `count`; monthly amounts × 12 (000 §二(二)2).
 */
export const perUnit: RuleKindModule = {
  ...RULE_KINDS.per_unit,
  evaluate({ s, rule, year, state }) {
    const a = need(rule, "amount", year);
    const per = String(rule.fields.per);
    const fixed = num(rule, "count", year);
    const [units, what] = fixed !== undefined ? [fixed, "units fixed by the plan"] : countBasis(s, per, year, state);
    const monthly = rule.quantities.amount.unit.endsWith("/month");
    // a cap per recipient (a workshop's 50,000) needs the recipients, which the model does not count
    const cap = num(rule, "cap", year);
    const capNote = cap !== undefined ? `; cap ${cap} per recipient not applied: recipients are not counted` : "";
    return {
      amount: a * units * (monthly ? 12 : 1),
      how: `${a}${monthly ? " × 12 months" : ""} × ${Math.round(units)} ${per} (${what})${capNote}`,
    };
  },
};
