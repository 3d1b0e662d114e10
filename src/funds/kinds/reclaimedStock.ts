import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { need, type RuleKindModule } from "./kind.js";

/** share × the usable idle stock funds reclaimed for poverty. */
export const reclaimedStock: RuleKindModule = {
  ...RULE_KINDS.reclaimed_stock,
  evaluate({ rule, year }) {
    const share = need(rule, "share", year),
      stock = need(rule, "stock", year);
    return { amount: share * stock, how: `${share} × idle stock ${stock}` };
  },
};
