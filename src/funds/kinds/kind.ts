/**
 * What every money rule kind's module has and gets: its declared facts (scenario/ruleKinds.ts) and an
 * evaluator, which turns one rule into one year's amount. The kinds are collected in ./index.ts.
 */
import { ValidationError } from "../../errors.js";
import type { ResolvedFundRule, ResolvedScenario } from "../../scenario/resolve.js";
import type { FundNature, RuleKind } from "../../scenario/ruleKinds.js";
import type { FundRuleKind } from "../../scenario/types.js";
import type { RevenuePath } from "../revenue.js";

/** What the rules count on at the start of a year (weighted counts from the engine, or given by a test). */
export interface FundState {
  poorHouseholds: number;
  poorPeople: number;
  /** Poor villages not yet exited. */
  poorVillages: number;
  /** Poor counties not yet exited. */
  poorCounties: number;
  deepCounties: number;
  /** Households the employment measure is expected to place this year (coverage × eligible). */
  placements: number;
}

/** One rule's money in one year. */
export interface FundLine {
  rule: string;
  kind: FundRuleKind;
  label: string;
  pool: string;
  clause?: string;
  /** Yuan. Reserved shares carry the amount reserved (not new money); relending is a loan. */
  amount: number;
  /** The rule kind's nature: `grant` (new money in the pool), `loan` or `reserved` (kept for a group). */
  nature: FundNature;
  /** For reserved shares: the group the money is kept for. */
  group?: string;
  /**
   * For reserved shares: the part of the pool `of_pool` the share is of (the pool's new money, or all of it):
   * the allocation checks the reservation against this slice of its own pool (allocate.ts), not all grants.
   */
  slice?: { pool: string; amount: number };
  /** What the money may buy (funds/purpose.ts): a purpose of `PURPOSE_MEASURES`, or `general`. */
  purpose?: string;
  /** For grants a level collects and spends itself: the counties it goes to (a group of `groupMembers`). */
  within?: string;
  /** How the amount was reached, for the tables. */
  how: string;
}

/** The money of one year, rule by rule. */
export interface FundYear {
  year: number;
  lines: FundLine[];
  /** Grant money by pool. */
  pools: Map<string, number>;
  grants: number;
  loans: number;
}

/** What an evaluator sees of one rule in one year. */
export interface RuleInput {
  s: ResolvedScenario;
  rule: ResolvedFundRule;
  revenue: RevenuePath;
  year: number;
  /** The year's index in `revenue.years` (0 is the year before the horizon). */
  t: number;
  state: FundState;
  /** The year before, when there is one in the run. */
  previous?: FundYear;
  /** The lines evaluated so far this year: the rules this one refers to come first. */
  lines: readonly FundLine[];
}

/** One rule's amount in one year, how it was reached, and the group a reserved or lent amount is for. */
export interface RuleOutput {
  amount: number;
  how: string;
  group?: string;
  /** For reserved shares: the slice of its own pool the share is of. */
  slice?: { pool: string; amount: number };
  /** For grants a level spends in its own counties: the group of counties. */
  within?: string;
}

/** A money rule kind: its declared facts and its evaluator. */
export interface RuleKindModule extends RuleKind {
  evaluate(x: RuleInput): RuleOutput;
}

/** A ValidationError about one rule (the problem's path is `funds.<id>` or below). */
export function ruleError(rule: ResolvedFundRule, path: string, en: string, zh: string): ValidationError {
  return new ValidationError([{ file: rule.file, line: 0, column: 0, path, message: { en, zh } }]);
}

/** A rule's quantity in a year, if it has one. */
export const num = (rule: ResolvedFundRule, field: string, year: number): number | undefined =>
  rule.quantities[field]?.atYear(year);

/** A rule's quantity in a year, or a clear error naming what to give. */
export function need(rule: ResolvedFundRule, field: string, year: number): number {
  const v = num(rule, field, year);
  if (v === undefined) {
    throw ruleError(
      rule,
      `funds.${rule.id}.${field}`,
      `rule ${rule.id} has no ${field} for ${year}; give a value dated ${year} or earlier`,
      `资金规则 ${rule.id} 缺少 ${year} 年的 ${field}；请给出 ${year} 年或更早的取值`,
    );
  }
  return v;
}
