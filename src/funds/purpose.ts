/**
 * Money by purpose (issue 13, item 4): which measures a fund's money may buy. One table, `PURPOSE_MEASURES`:
 * a fund with a purpose buys only the measures its purpose names; money without a purpose (revenue
 * increments, reclaimed stock, paired assistance, rewards, formulas …) is general and buys any funded measure.
 *
 * A rule's purpose (`rulePurpose`): its own `purpose` field (fixed pools); for a matching rule, the purpose of
 * the rule it matches (a 1:1 配套 of the city's industry fund is industry money, 000 §二(二)1); for a per-unit
 * subsidy paid per placed worker or per public-job month, employment (000 §二(二)2 pays organisers and
 * workshops for placements); otherwise general.
 */
import { didYouMean, ValidationError, type Problem } from "../errors.js";
import { msg } from "../messages.js";
import { MEASURE_TABLE, type MeasureTable } from "../model/measures.js";
import type { ResolvedFundRule, ResolvedScenario } from "../scenario/resolve.js";
import { ruleError } from "./kinds/kind.js";

/** Money that buys any funded measure. */
export const GENERAL = "general";

/**
 * The measures each purpose may buy (funded measure ids of src/model/measures.ts). The model has no roads,
 * grids or village collective accounts of its own, so purposes that fund them are read as the household
 * measure they reach (each line says why).
 */
export const PURPOSE_MEASURES: Readonly<Record<string, readonly string[]>> = {
  industry: ["industry"],
  // 001 §四(三): 增收项目启动资金, start-up money of a household's income project
  income_projects: ["industry"],
  // 003 §六: collective income projects; the poor households' share reaches them as asset income (资产收益扶贫),
  // an industry measure in the model
  village_collective: ["industry"],
  employment: ["employment"],
  ecology: ["ecology"],
  relocation: ["relocation"],
  // 住房安全有保障: repair of unsafe houses and, where repair cannot make them safe, relocation (004 §四(三))
  housing: ["housing", "relocation"],
  water: ["water"],
  // 003 §七: roads, irrigation, grid, drinking water …; of these the model has only safe drinking water
  infrastructure: ["water"],
  insurance: ["insurance"],
  health: ["insurance"],
  education: ["education"],
};

/** The purposes a rule may name: those of the table and `general`. */
export const PURPOSES = [GENERAL, ...Object.keys(PURPOSE_MEASURES)] as const;

/** Per-unit bases that pay for placements (employment money, funds/kinds/basis.ts). */
const EMPLOYMENT_BASES = new Set([
  "worker_out_of_province",
  "worker_out_of_county",
  "worker_away_3_months",
  "hire",
  "public_job_month",
]);

/** A rule's purpose (see the module's comment); an unknown purpose is a validation error naming the rule. */
export function rulePurpose(s: ResolvedScenario, rule: ResolvedFundRule, seen: Set<string> = new Set()): string {
  const own = rule.fields.purpose;
  if (own !== undefined) {
    const p = String(own);
    if (p !== GENERAL && !(p in PURPOSE_MEASURES)) {
      throw ruleError(
        rule,
        `funds.${rule.id}.purpose`,
        `rule ${rule.id}: purpose "${p}" names no measure the model funds; use one of ${PURPOSES.join(", ")}`,
        `资金规则 ${rule.id} 的用途 "${p}" 不对应模型中的帮扶措施；可用：${PURPOSES.join("、")}`,
      );
    }
    return p;
  }
  if (rule.kind === "matching" && !seen.has(rule.id)) {
    const of = s.funds.get(String(rule.fields.of_rule));
    if (of) return rulePurpose(s, of, new Set([...seen, rule.id]));
  }
  if (rule.kind === "per_unit" && EMPLOYMENT_BASES.has(String(rule.fields.per))) return "employment";
  return GENERAL;
}

/**
 * Which funded measures (table order of `fundedMeasures(table)`) a purpose may buy, as a 0/1 mask; general
 * money buys all of them. A purpose whose measures are not in the table (a custom table) buys nothing.
 */
export function purposeMask(purpose: string, funded: MeasureTable): Uint8Array {
  if (purpose === GENERAL) return new Uint8Array(funded.length).fill(1);
  const ids = PURPOSE_MEASURES[purpose] ?? [];
  return Uint8Array.from(funded, (m) => Number(ids.includes(m.id)));
}

/**
 * A scenario's programmes name a measure of the measure table and, when they say who pays, a purpose of
 * `PURPOSE_MEASURES`: checked where a run or `tuopin validate` starts (the scenario layer does not know the
 * model's tables), each problem at its line. Throws a ValidationError.
 */
export function checkProgrammes(s: Pick<ResolvedScenario, "programmes">): void {
  const measures: string[] = MEASURE_TABLE.map((m) => m.id);
  const problems: Problem[] = [];
  for (const p of s.programmes?.values() ?? []) {
    const at = (k: string, message: Problem["message"]) =>
      problems.push({ ...p.at[k], path: `programmes.${p.id}.${k}`, message });
    if (!measures.includes(p.measure))
      at("measure", msg.unknownMeasure(p.measure, didYouMean(p.measure, measures), measures));
    if (p.purpose !== undefined && !PURPOSES.includes(p.purpose))
      at("purpose", msg.unknownKey(p.purpose, didYouMean(p.purpose, PURPOSES), PURPOSES));
  }
  if (problems.length) throw new ValidationError(problems);
}
