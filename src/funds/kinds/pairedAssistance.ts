import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { need, type RuleKindModule } from "./kind.js";

/** amount × helped units: what helping counties put into the counties they help. */
export const pairedAssistance: RuleKindModule = {
  ...RULE_KINDS.paired_assistance,
  evaluate({ rule, year }) {
    const a = need(rule, "amount", year),
      helped = need(rule, "helped", year);
    return { amount: a * helped, how: `${a} × ${helped} helped` };
  },
};
