import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { need, type RuleKindModule } from "./kind.js";

/** ratio × the matched rule's amount (000 §二(二)1); the matched rule is evaluated first. */
export const matching: RuleKindModule = {
  ...RULE_KINDS.matching,
  evaluate({ rule, year, lines }) {
    const of = String(rule.fields.of_rule);
    const ratio = need(rule, "ratio", year);
    const matched = lines.find((l) => l.rule === of)?.amount ?? 0;
    return {
      amount: ratio * matched,
      how: `${ratio} × ${of} (${Math.round(matched)}), paid by the ${rule.fields.payer}`,
    };
  },
};
