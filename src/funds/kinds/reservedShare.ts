import { RULE_KINDS } from "../../scenario/ruleKinds.js";
import { need, type FundLine, type RuleKindModule } from "./kind.js";

/** The grant money a pool has received so far this year. */
function poolTotal(lines: readonly FundLine[], pool: string): number {
  let x = 0;
  for (const l of lines) if (l.nature === "grant" && l.pool === pool) x += l.amount;
  return x;
}

/** share of a pool (or of its increase) kept for a group: not new money (004 §三(三)). */
export const reservedShare: RuleKindModule = {
  ...RULE_KINDS.reserved_share,
  evaluate({ rule, year, previous, lines }) {
    const share = need(rule, "share", year);
    const pool = String(rule.fields.of_pool);
    const now = poolTotal(lines, pool);
    const appliesNew = String(rule.fields.applies_to ?? "new") === "new";
    // "new" money is the pool's increase over the year before; in the first year of a run there is no
    // year before in the model, and the whole pool counts as new (assumption: a pool filled by rules that
    // earmark increments, like 004 §六(一)'s, is new money every year)
    const firstYear = appliesNew && !previous;
    const basis = appliesNew && previous ? Math.max(0, now - (previous.pools.get(pool) ?? 0)) : now;
    const group = String(rule.fields.group);
    const of =
      appliesNew && !firstYear
        ? `increase of ${pool} over ${year - 1} (${Math.round(basis)})`
        : `${pool} (${Math.round(basis)})${firstYear ? ", all of it new in the run's first year" : ""}`;
    return { amount: share * basis, group, slice: { pool, amount: basis }, how: `${share} × ${of} kept for ${group}` };
  },
};
