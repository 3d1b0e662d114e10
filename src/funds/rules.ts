import { ValidationError } from "../errors.js";
import type { ResolvedFundRule, ResolvedScenario } from "../scenario/resolve.js";
import type { FundRuleKind, RevenueLevel } from "../scenario/types.js";
import { compileFormula, type CompiledFormula } from "./formula.js";
import type { RevenuePath } from "./revenue.js";

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
  /** `grant` (new money in the pool), `loan` (relending) or `reserved` (a part of a pool kept for a group). */
  nature: "grant" | "loan" | "reserved";
  /** For reserved shares: the group the money is kept for. */
  group?: string;
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

/** Assumed splits of employment placements among the per-worker bases the seeds pay for. */
const WORKER_BASIS_SHARE: Record<string, number> = {
  // assumption: organised exports split evenly between out of province and out of county (000 §二(二)2
  // pays both, no split given)
  worker_out_of_province: 0.5,
  worker_out_of_county: 0.5,
  // every placed worker stays away 3 months or more (the transport subsidy's condition): an upper bound
  worker_away_3_months: 1,
  // assumption: a fifth of placements are hires by poverty workshops (扶贫车间); no figure in the seeds
  hire: 0.2,
};

const num = (rule: ResolvedFundRule, field: string, year: number): number | undefined =>
  rule.quantities[field]?.atYear(year);

function need(s: ResolvedScenario, rule: ResolvedFundRule, field: string, year: number): number {
  const v = num(rule, field, year);
  if (v === undefined) {
    throw new ValidationError([
      {
        file: rule.file,
        line: 0,
        column: 0,
        path: `funds.${rule.id}.${field}`,
        message: {
          en: `rule ${rule.id} has no ${field} for ${year}; give a value dated ${year} or earlier`,
          zh: `资金规则 ${rule.id} 缺少 ${year} 年的 ${field}；请给出 ${year} 年或更早的取值`,
        },
      },
    ]);
  }
  return v;
}

function active(rule: ResolvedFundRule, year: number): boolean {
  return (
    (rule.years.from === undefined || year >= rule.years.from) && (rule.years.to === undefined || year <= rule.years.to)
  );
}

/** Names a formula may use besides its own inputs. */
export const FORMULA_NAMES = [
  "year",
  "poor_households",
  "poor_people",
  "poor_villages",
  "poor_counties",
  "deep_counties",
  "placements",
  "revenue",
  "revenue_increment",
  "county_revenue_index",
] as const;

const formulaCache = new WeakMap<ResolvedFundRule, CompiledFormula>();

/**
 * Evaluates every enabled rule of a scenario for one year, in dependency order (a matching rule after the
 * rule it matches, reserved shares after the pools they split). `previous` is the year before (for
 * `floor_previous` increments and reserved shares of new money); `revenue` comes from `projectRevenue`.
 *
 * Each kind, with the clause that motivates it:
 *  - revenue_increment_share: share × (level revenue this year − last year) (004 §六(一)); a fall yields
 *    nothing (`zero`), a negative amount (`negative`) or last year's amount (`floor_previous`);
 *  - floor_growing_with_revenue: amount × county revenue index relative to `base_year` (001 §三(四));
 *  - per_unit: amount × units, the units counted by the engine (poor households, poor people, poor
 *    villages, placements …) unless the rule fixes `count`; monthly amounts × 12 (000 §二(二)2);
 *  - reserved_share: share of a pool (or its increase) kept for a group — not new money (004 §三(三));
 *  - matching: ratio × the matched rule's amount (000 §二(二)1);
 *  - fixed_pool, ranked_reward (top × amount), reclaimed_stock (share × stock), paired_assistance
 *    (amount × helped), relending (amount × counties of the group; a loan), formula (mathjs, safe).
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
  const byId = new Map<string, FundLine>();
  for (const rule of evaluationOrder(rules)) {
    const base = {
      rule: rule.id,
      kind: rule.kind,
      label: rule.label,
      pool: rule.pool,
      ...(rule.clause ? { clause: rule.clause } : {}),
    };
    let amount = 0,
      how = "",
      nature: FundLine["nature"] = "grant",
      group: string | undefined;
    switch (rule.kind) {
      case "revenue_increment_share": {
        const level = String(rule.fields.level) as RevenueLevel;
        const series = revenue.byLevel[level];
        if (t < 1 || !Number.isFinite(series[t]) || !Number.isFinite(series[t - 1])) {
          throw new ValidationError([
            {
              file: rule.file,
              line: 0,
              column: 0,
              path: `funds.${rule.id}`,
              message: {
                en: `rule ${rule.id} needs the region's local revenue in ${year - 1} and ${year}: give a baseline local_revenue for ${s.horizon.start - 1} (data/baselines/${s.region.id}.csv or the scenario's baseline) and parameters.fiscal.revenue_growth for every year of the horizon`,
                zh: `资金规则 ${rule.id} 需要 ${year - 1} 和 ${year} 年的地方财政收入：请在基线中给出 ${s.horizon.start - 1} 年的 local_revenue，并为规划期每年给出 parameters.fiscal.revenue_growth`,
              },
            },
          ]);
        }
        const share = need(s, rule, "share", year);
        const inc = series[t] - series[t - 1];
        const mode = String(rule.fields.negative_increment ?? "zero");
        if (inc >= 0) amount = share * inc;
        else if (mode === "negative") amount = share * inc;
        else if (mode === "floor_previous") amount = previous?.lines.find((l) => l.rule === rule.id)?.amount ?? 0;
        else amount = 0;
        how = `${share} × ${level} revenue increment ${Math.round(inc)}${inc < 0 ? ` (a fall: ${mode})` : ""}`;
        break;
      }
      case "floor_growing_with_revenue": {
        const a = need(s, rule, "amount", year);
        const by = Number(rule.fields.base_year);
        const tb = revenue.years.indexOf(by);
        // before the horizon the index is 1 (the year before the horizon is the index base)
        const rel = revenue.countyIndex[t] / (tb >= 0 ? revenue.countyIndex[tb] : 1);
        amount = a * rel;
        how = `${a} × county revenue ${year} / ${tb >= 0 ? by : revenue.years[0]} (${rel.toFixed(4)})`;
        break;
      }
      case "per_unit": {
        const a = need(s, rule, "amount", year);
        const per = String(rule.fields.per);
        const fixed = num(rule, "count", year);
        let units: number;
        let what: string;
        if (fixed !== undefined) [units, what] = [fixed, "units fixed by the plan"];
        else [units, what] = countBasis(s, per, year, state);
        const monthly = rule.quantities.amount.unit.endsWith("/month");
        amount = a * units * (monthly ? 12 : 1);
        // a cap per recipient (a workshop's 50,000) needs the recipients, which the model does not count
        how = `${a}${monthly ? " × 12 months" : ""} × ${Math.round(units)} ${per} (${what})${num(rule, "cap", year) !== undefined ? `; cap ${num(rule, "cap", year)} per recipient not applied: recipients are not counted` : ""}`;
        break;
      }
      case "reserved_share": {
        const share = need(s, rule, "share", year);
        const pool = String(rule.fields.of_pool);
        const now = poolTotal(lines, pool);
        const appliesNew = String(rule.fields.applies_to ?? "new") === "new";
        // "new" money is the pool's increase over the year before; in the first year of a run there is no
        // year before in the model, and the whole pool counts as new (assumption: a pool filled by rules that
        // earmark increments, like 004 §六(一)'s, is new money every year)
        const firstYear = appliesNew && !previous;
        const basis = appliesNew && previous ? Math.max(0, now - (previous.pools.get(pool) ?? 0)) : now;
        amount = share * basis;
        nature = "reserved";
        group = String(rule.fields.group);
        how = `${share} × ${appliesNew && !firstYear ? `increase of ${pool} over ${year - 1} (${Math.round(basis)})` : `${pool} (${Math.round(basis)})${firstYear ? ", all of it new in the run's first year" : ""}`} kept for ${group}`;
        break;
      }
      case "matching": {
        const of = String(rule.fields.of_rule);
        const ratio = need(s, rule, "ratio", year);
        const matched = byId.get(of);
        amount = ratio * (matched?.amount ?? 0);
        how = `${ratio} × ${of} (${Math.round(matched?.amount ?? 0)}), paid by the ${rule.fields.payer}`;
        break;
      }
      case "fixed_pool":
        amount = need(s, rule, "amount", year);
        how = `fixed, for ${rule.fields.purpose}`;
        break;
      case "ranked_reward": {
        const top = need(s, rule, "top", year),
          a = need(s, rule, "amount", year);
        amount = top * a;
        how = `top ${top} ${rule.fields.among} × ${a}`;
        break;
      }
      case "reclaimed_stock": {
        const share = need(s, rule, "share", year),
          stock = need(s, rule, "stock", year);
        amount = share * stock;
        how = `${share} × idle stock ${stock}`;
        break;
      }
      case "paired_assistance": {
        const a = need(s, rule, "amount", year),
          helped = need(s, rule, "helped", year);
        amount = a * helped;
        how = `${a} × ${helped} helped`;
        break;
      }
      case "relending": {
        const a = need(s, rule, "amount", year);
        group = String(rule.fields.group);
        const [units] = countBasis(s, group === "deep_poor_counties" ? "deep_county" : "county", year, state);
        amount = a * units;
        nature = "loan";
        how = `${a} × ${units} ${group} (a loan)`;
        break;
      }
      case "formula": {
        const inputs = Object.keys(rule.inputs);
        let f = formulaCache.get(rule);
        if (!f) {
          try {
            f = compileFormula(String(rule.fields.expression), [...inputs, ...FORMULA_NAMES]);
          } catch (e) {
            throw new ValidationError([
              {
                file: rule.file,
                line: 0,
                column: 0,
                path: `funds.${rule.id}.expression`,
                message: { en: (e as Error).message, zh: `公式无效：${(e as Error).message}` },
              },
            ]);
          }
          formulaCache.set(rule, f);
        }
        const scope: Record<string, number> = {
          year,
          poor_households: state.poorHouseholds,
          poor_people: state.poorPeople,
          poor_villages: state.poorVillages,
          poor_counties: state.poorCounties,
          deep_counties: state.deepCounties,
          placements: state.placements,
          revenue: revenue.total[t],
          revenue_increment: revenue.total[t] - revenue.total[t - 1],
          county_revenue_index: revenue.countyIndex[t],
        };
        for (const k of inputs) scope[k] = rule.inputs[k].atYear(year) ?? NaN;
        try {
          amount = f.evaluate(scope);
        } catch (e) {
          throw new ValidationError([
            {
              file: rule.file,
              line: 0,
              column: 0,
              path: `funds.${rule.id}.expression`,
              message: {
                en: `${year}: ${(e as Error).message}`,
                zh: `${year} 年公式求值失败：${(e as Error).message}`,
              },
            },
          ]);
        }
        how = `${rule.fields.expression}`;
        break;
      }
    }
    const line: FundLine = { ...base, amount, nature, how, ...(group ? { group } : {}) };
    lines.push(line);
    byId.set(rule.id, line);
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

/**
 * The order rules are evaluated in: a matching rule after the rule it matches (however deep the chain, in
 * whatever order the file lists them), reserved shares last (they split the pools the others fill).
 * A matching cycle, or a match of a reserved share (which brings no money), is an error.
 */
function evaluationOrder(rules: ResolvedFundRule[]): ResolvedFundRule[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: ResolvedFundRule[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (r: ResolvedFundRule, path: string[]) => {
    if (state.get(r.id) === "done") return;
    if (state.get(r.id) === "visiting") {
      throw new ValidationError([
        {
          file: r.file,
          line: 0,
          column: 0,
          path: `funds.${r.id}.of_rule`,
          message: {
            en: `matching rules form a cycle: ${[...path, r.id].join(" → ")}; one of them must match a rule that brings its own money`,
            zh: `配套规则形成循环：${[...path, r.id].join(" → ")}`,
          },
        },
      ]);
    }
    state.set(r.id, "visiting");
    if (r.kind === "matching") {
      const target = byId.get(String(r.fields.of_rule));
      if (target?.kind === "reserved_share") {
        throw new ValidationError([
          {
            file: r.file,
            line: 0,
            column: 0,
            path: `funds.${r.id}.of_rule`,
            message: {
              en: `rule ${r.id} matches ${target.id}, a reserved share, which brings no money of its own; match the rule that fills its pool`,
              zh: `规则 ${r.id} 配套的 ${target.id} 是预留比例，本身不带来资金；请配套为该资金池注资的规则`,
            },
          },
        ]);
      }
      if (target) visit(target, [...path, r.id]);
    }
    state.set(r.id, "done");
    out.push(r);
  };
  for (const r of rules) if (r.kind !== "reserved_share") visit(r, []);
  for (const r of rules) if (r.kind === "reserved_share") out.push(r);
  return out;
}

function poolTotal(lines: FundLine[], pool: string): number {
  let x = 0;
  for (const l of lines) if (l.nature === "grant" && l.pool === pool) x += l.amount;
  return x;
}

/** How many units a per-unit basis counts this year, and how that was reached. */
function countBasis(s: ResolvedScenario, per: string, year: number, st: FundState): [number, string] {
  switch (per) {
    case "poor_household":
      return [st.poorHouseholds, "poor households at the start of the year"];
    case "poor_person":
    case "person_year":
      return [st.poorPeople, "poor people at the start of the year"];
    case "village":
      return [st.poorVillages, "poor villages not yet out"];
    case "county":
      return [st.poorCounties, "poor counties not yet out"];
    case "deep_county":
      return [st.deepCounties, "deeply impoverished counties"];
    case "public_job_month": {
      const jobs = s.parameters.get("employment.public_jobs_weak_labour")?.atYear(year);
      return jobs === undefined
        ? [0, "no count of public jobs (employment.public_jobs_weak_labour)"]
        : [jobs, "employment.public_jobs_weak_labour"];
    }
    default:
      if (per in WORKER_BASIS_SHARE)
        return [
          st.placements * WORKER_BASIS_SHARE[per],
          `${WORKER_BASIS_SHARE[per]} × expected placements (assumption)`,
        ];
      return [0, `the model does not count ${per}; give the rule a count`];
  }
}

/**
 * Checks a scenario's money rules before anything runs: every rule is evaluated for every year of the
 * horizon on the baseline's counts, so a missing amount, a revenue rule without revenue or a formula that
 * fails stops at loading (with the rule's path), never halfway through a run.
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
