import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { need, type RuleKindModule } from "./kind.js";

/** amount × county revenue index relative to `base_year` (001 §三(四)). */
export const floorGrowingWithRevenue: RuleKindModule = {
  ...RULE_KINDS.floor_growing_with_revenue,
  evaluate({ rule, revenue, year, t }) {
    const a = need(rule, "amount", year);
    const by = Number(rule.fields.base_year);
    const tb = revenue.years.indexOf(by);
    // before the horizon the index is 1 (the year before the horizon is the index base)
    const rel = revenue.countyIndex[t] / (tb >= 0 ? revenue.countyIndex[tb] : 1);
    return {
      amount: a * rel,
      how: `${a} × county revenue ${year} / ${tb >= 0 ? by : revenue.years[0]} (${rel.toFixed(4)})`,
    };
  },
};
