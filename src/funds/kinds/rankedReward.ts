import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { need, type RuleKindModule } from "./kind.js";

/** The top `top` units of a ranking each receive `amount`. */
export const rankedReward: RuleKindModule = {
  ...RULE_KINDS.ranked_reward,
  evaluate({ rule, year }) {
    const top = need(rule, "top", year),
      a = need(rule, "amount", year);
    return { amount: top * a, how: `top ${top} ${rule.fields.among} × ${a}` };
  },
};
