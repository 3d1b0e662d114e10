import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import type { RevenueLevel } from "../../scenario/types.js";
import { need, ruleError, type RuleKindModule } from "./kind.js";

/** Where a level's earmarked increment is spent, when not wherever the factor method sends it. */
const LEVEL_SPENT_IN: Partial<Record<RevenueLevel, string>> = {
  poor_county: "poor_counties",
  other_county: "non_poor_counties",
};

/**
 * share × (level revenue this year − last year) (004 §六(一)); a fall yields nothing (`zero`), a negative
 * amount (`negative`) or last year's amount (`floor_previous`).
 */
export const revenueIncrementShare: RuleKindModule = {
  ...RULE_KINDS.revenue_increment_share,
  evaluate({ s, rule, revenue, year, t, previous }) {
    const level = String(rule.fields.level) as RevenueLevel;
    const series = revenue.byLevel[level];
    if (t < 1 || !Number.isFinite(series[t]) || !Number.isFinite(series[t - 1])) {
      throw ruleError(
        rule,
        `funds.${rule.id}`,
        `rule ${rule.id} needs the region's local revenue in ${year - 1} and ${year}: give a baseline ` +
          `local_revenue for ${s.horizon.start - 1} (data/baselines/${s.region.id}.csv or the scenario's ` +
          `baseline) and parameters.fiscal.revenue_growth for every year of the horizon`,
        `资金规则 ${rule.id} 需要 ${year - 1} 和 ${year} 年的地方财政收入：请在基线中给出 ${s.horizon.start - 1} ` +
          `年的 local_revenue，并为规划期每年给出 parameters.fiscal.revenue_growth`,
      );
    }
    const share = need(rule, "share", year);
    const inc = series[t] - series[t - 1];
    const mode = String(rule.fields.negative_increment ?? "zero");
    let amount: number;
    if (inc >= 0) amount = share * inc;
    else if (mode === "negative") amount = share * inc;
    else if (mode === "floor_previous") amount = previous?.lines.find((l) => l.rule === rule.id)?.amount ?? 0;
    else amount = 0;
    const fall = inc < 0 ? ` (a fall: ${mode})` : "";
    // each level earmarks its own increment for its own poverty budget (004 §六(一) 增列专项扶贫资金预算): a poor
    // county's money is spent in the poor counties, the other counties' in the others (LEVEL_SPENT_IN)
    const within = LEVEL_SPENT_IN[level];
    return {
      amount,
      how: `${share} × ${level} revenue increment ${Math.round(inc)}${fall}${within ? `, spent in ${within}` : ""}`,
      ...(within ? { within } : {}),
    };
  },
};
