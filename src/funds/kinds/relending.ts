import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { countBasis } from "./basis.js";
import { need, type RuleKindModule } from "./kind.js";

/** Poverty relending: amount × counties of the group, a loan (counted apart from grants). */
export const relending: RuleKindModule = {
  ...RULE_KINDS.relending,
  evaluate({ s, rule, year, state }) {
    const a = need(rule, "amount", year);
    const group = String(rule.fields.group);
    const [units] = countBasis(s, group === "deep_poor_counties" ? "deep_county" : "county", year, state);
    return { amount: a * units, group, how: `${a} × ${units} ${group} (a loan)` };
  },
};
