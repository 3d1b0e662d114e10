import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { need, type RuleKindModule } from "./kind.js";

/** A fixed amount for a purpose. */
export const fixedPool: RuleKindModule = {
  ...RULE_KINDS.fixed_pool,
  evaluate: ({ rule, year }) => ({ amount: need(rule, "amount", year), how: `fixed, for ${rule.fields.purpose}` }),
};
