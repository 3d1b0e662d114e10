import type { ResolvedFundRule, ResolvedScenario } from "../scenario/resolve.js";
import { FUND_KINDS } from "./kinds/index.js";
import { ruleError, type FundLine, type FundState, type FundYear } from "./kinds/kind.js";
import { checkProgrammes, rulePurpose } from "./purpose.js";
import { projectRevenue, type RevenuePath } from "./revenue.js";

export { FORMULA_NAMES, FUND_KINDS, type FundLine, type FundState, type FundYear } from "./kinds/index.js";

function active(rule: ResolvedFundRule, year: number): boolean {
  return (
    (rule.years.from === undefined || year >= rule.years.from) && (rule.years.to === undefined || year <= rule.years.to)
  );
}

/**
 * Evaluates every enabled rule of a scenario for one year, in dependency order (a matching rule after the
 * rule it matches, reserved shares after the pools they split). `previous` is the year before (for
 * `floor_previous` increments and reserved shares of new money); `revenue` comes from `projectRevenue`.
 * Each rule is evaluated by its kind's module (funds/kinds/*, one per kind, with the clause it encodes);
 * its nature (grant, loan, reserved) is the kind's.
 */
export function evaluateFunds(
  s: ResolvedScenario,
  revenue: RevenuePath,
  year: number,
  state: FundState,
  previous?: FundYear,
): FundYear {
  const lines: FundLine[] = [];
  const t = revenue.years.indexOf(year);
  const rules = [...s.funds.values()].filter((r) => active(r, year));
  for (const rule of evaluationOrder(rules)) {
    const kind = FUND_KINDS[rule.kind];
    const { amount, how, group, slice, within } = kind.evaluate({ s, rule, revenue, year, t, state, previous, lines });
    lines.push({
      rule: rule.id,
      kind: rule.kind,
      label: rule.label,
      pool: rule.pool,
      ...(rule.clause ? { clause: rule.clause } : {}),
      amount,
      nature: kind.nature,
      how,
      ...(group ? { group } : {}),
      ...(slice ? { slice } : {}),
      ...(within ? { within } : {}),
      purpose: rulePurpose(s, rule),
    });
  }
  const pools = new Map<string, number>();
  let grants = 0,
    loans = 0;
  for (const l of lines) {
    if (l.nature === "grant") {
      pools.set(l.pool, (pools.get(l.pool) ?? 0) + l.amount);
      grants += l.amount;
    } else if (l.nature === "loan") loans += l.amount;
  }
  return { year, lines, pools, grants, loans };
}

/** The ids of the rules a rule refers to (its fields declared `{t: "rule"}`, such as a matching's `of_rule`). */
function referencedRules(r: ResolvedFundRule): { field: string; id: string }[] {
  return Object.entries(FUND_KINDS[r.kind].fields)
    .filter(([f, spec]) => spec.t === "rule" && r.fields[f] !== undefined)
    .map(([field]) => ({ field, id: String(r.fields[field]) }));
}

/**
 * The order rules are evaluated in: a rule after the rules it refers to (a matching rule after the rule it
 * matches, however deep the chain, in whatever order the file lists them), reserved shares last (they split
 * the pools the others fill). A cycle of references, or a reference to a reserved share (which brings no
 * money), is an error.
 */
function evaluationOrder(rules: ResolvedFundRule[]): ResolvedFundRule[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const reserved = (r: ResolvedFundRule) => FUND_KINDS[r.kind].nature === "reserved";
  const out: ResolvedFundRule[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (r: ResolvedFundRule, path: string[], field: string) => {
    if (state.get(r.id) === "done") return;
    if (state.get(r.id) === "visiting") {
      const cycle = [...path, r.id].join(" → ");
      throw ruleError(
        r,
        `funds.${r.id}.${field}`,
        `matching rules form a cycle: ${cycle}; one of them must match a rule that brings its own money`,
        `配套规则形成循环：${cycle}`,
      );
    }
    state.set(r.id, "visiting");
    for (const ref of referencedRules(r)) {
      const target = byId.get(ref.id);
      if (target && reserved(target)) {
        throw ruleError(
          r,
          `funds.${r.id}.${ref.field}`,
          `rule ${r.id} matches ${target.id}, a reserved share, which brings no money of its own; ` +
            "match the rule that fills its pool",
          `规则 ${r.id} 配套的 ${target.id} 是预留比例，本身不带来资金；请配套为该资金池注资的规则`,
        );
      }
      if (target) visit(target, [...path, r.id], ref.field);
    }
    state.set(r.id, "done");
    out.push(r);
  };
  for (const r of rules) if (!reserved(r)) visit(r, [], "of_rule");
  for (const r of rules) if (reserved(r)) out.push(r);
  return out;
}

/**
 * Evaluates every rule for every year of the horizon on the baseline's counts, so that a missing amount, a
 * revenue rule without revenue or a formula that fails stops with the rule's path before a run, never
 * halfway through one.
 */
export function checkFunds(s: ResolvedScenario, revenue: RevenuePath): void {
  const b = s.baseline;
  const people = b.poor_people?.value ?? 0;
  const state: FundState = {
    poorPeople: people,
    poorHouseholds: b.poor_households?.value ?? people / 3,
    poorVillages: b.poor_villages?.value ?? 0,
    poorCounties: b.poor_counties?.value ?? 0,
    deepCounties: 0,
    placements: 0,
  };
  let previous: FundYear | undefined;
  for (let y = s.horizon.start; y <= s.horizon.end; y++) previous = evaluateFunds(s, revenue, y, state, previous);
}

/**
 * Checks a loaded scenario's money rules (`checkFunds` on the projected revenue): what `tuopin validate` and the
 * runners call before anything is simulated or written. Loading a scenario does not run the money model.
 * Throws a ValidationError naming the rule.
 */
export function checkScenarioFunds(s: ResolvedScenario): void {
  checkProgrammes(s);
  if (s.funds.size > 0) checkFunds(s, projectRevenue(s));
}
