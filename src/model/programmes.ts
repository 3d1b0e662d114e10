/**
 * The programmes a plan states as counts or shares (issue 13, item 2): forest rangers, urban placements,
 * public-welfare jobs, the poor's share of local hires, leading firms' coverage, vocational students. Each
 * bears on one measure of the measure table (src/model/measures.ts) and becomes that measure's largest
 * yearly coverage (or, for a subsidy paid per student, its amount) at the start of each year, against the
 * households the measure can reach then (src/engine/programmes.ts). No programme has its own random draw:
 * each is the measure it names (a ranger job is the ecology measure, a placement the employment measure),
 * so a plan without programmes gives the same numbers as before.
 *
 * How a programme's number sets the measure's yearly coverage c (the model default d, the measure's
 * eligible households E at the start of the year, H the programme's households this year):
 *  - `stands_for`: the programme is the measure; c = H / E replaces d (d stood in for the count a plan did
 *    not state: the ecology default is itself read from Kunming's rangers).
 *  - `adds`: the programme is one channel of the measure; c = d + H / E (d carries the channels the plan
 *    gives no number for: training, organised labour export, transport subsidies).
 *  - `adds_share`: a share of hires is a channel too: c = d + share × coefficient (hires per eligible
 *    household a year, an assumption in scenarios/base/defaults.yaml).
 *  - `least_share`: a share the plan commits to reach by the end of the horizon (以上: a least); the yearly
 *    coverage that reaches it over the N years it is in force, 1 − (1 − s)^(1/N), is a floor: c = max(c, ·).
 *  - `spreads_amount`: a count of beneficiaries × a yuan amount, paid to the households the measure reaches
 *    (the registry has no flag for the beneficiaries themselves).
 * Counts of people become households at `model.programmes.workers_per_household` people each (assumption:
 * one job per household; no seed says otherwise). Counts are yearly: every count here is stated per year
 * (每年) or for each year of the plan (000 §二(二)). Coverage is kept in [0, 1].
 */
import type { ResolvedProgramme, ResolvedScenario } from "../scenario/resolve.js";

export type ProgrammeRule = "stands_for" | "adds" | "adds_share" | "least_share" | "spreads_amount";

export interface ProgrammeDef {
  id: string;
  zh: string;
  en: string;
  /** The catalog path of the plan's number. */
  path: string;
  /** The measure it sets (a `MEASURE_TABLE` id). */
  measure: string;
  rule: ProgrammeRule;
  /** People (converted to households) for counts; for `adds_share` the coefficient path the share
   *  multiplies; for `spreads_amount` the path of the yuan per beneficiary. */
  coefficient?: string;
  /** Whether the number counts people (converted to households) rather than households or students. */
  people?: boolean;
  /** The seed clause that states it (for the reader; the scenario files cite it per value). */
  clause: string;
  /** The path of a yuan-per-household unit cost that replaces the measure's own while the programme is in
   *  force (a scenario programme's `unit_cost`). */
  cost?: string;
}

/** A scenario programme's rule (`programmes:` in a scenario file) → the rule of this table it is. */
export const SCENARIO_PROGRAMME_RULES: Readonly<Record<ScenarioProgrammeRule, ProgrammeRule>> = {
  stands: "stands_for",
  adds: "adds",
  least: "least_share",
};
export type ScenarioProgrammeRule = ResolvedProgramme["rule"];

/** A scenario's programmes as rows of this table: their numbers at `programmes.<id>.count | share | unit_cost`. */
export function scenarioProgrammes(s: Pick<ResolvedScenario, "programmes">): ProgrammeDef[] {
  return [...(s.programmes?.values() ?? [])].map((p) => ({
    id: p.id,
    zh: p.label,
    en: p.id,
    path: `programmes.${p.id}.${p.rule === "least" ? "share" : "count"}`,
    measure: p.measure,
    rule: SCENARIO_PROGRAMME_RULES[p.rule],
    people: p.quantities.count?.unit === "people",
    clause: p.clause ?? "",
    ...(p.quantities.unit_cost ? { cost: `programmes.${p.id}.unit_cost` } : {}),
  }));
}

export const PROGRAMMES = [
  {
    id: "forest_rangers",
    zh: "生态护林员",
    en: "Forest rangers",
    path: "ecology.forest_rangers",
    measure: "ecology",
    rule: "stands_for",
    people: true,
    clause: "000 §二(二)7 续聘贫困户生态护林员1300人以上",
  },
  {
    id: "urban_placements",
    zh: "主城区安置贫困劳动力",
    en: "Urban placements",
    path: "employment.urban_placements",
    measure: "employment",
    rule: "adds",
    people: true,
    clause: "000 §二(二)2 主城区每年安置…贫困劳动力不低于6000人",
  },
  {
    id: "public_jobs_weak_labour",
    zh: "弱劳动力公益岗位",
    en: "Public-welfare jobs for weak labour",
    path: "employment.public_jobs_weak_labour",
    measure: "employment",
    rule: "adds",
    people: true,
    // the registry does not tell weak labour from full labour: the posts reach households with labour; the
    // post's pay, 500 yuan a month (000 §二(二)2), is the employment measure's 6,000 yuan a year
    clause: "000 §二(二)1 每年带动至少2000名以上弱劳动能力贫困人口实现稳定增收",
  },
  {
    id: "poor_share_of_hires",
    zh: "扶贫车间和公益岗位吸纳贫困人口比例",
    en: "Poor people's share of workshop and public-welfare hires",
    path: "employment.poor_share_target",
    measure: "employment",
    rule: "adds_share",
    coefficient: "model.employment.local_hires_ratio",
    clause: "004 §四(二) 力争吸纳贫困人口就业比例达到50%",
  },
  {
    id: "leading_firm_households",
    zh: "龙头企业带动有劳动能力贫困户",
    en: "Able poor households linked to leading firms",
    path: "industry.leading_firm_household_coverage_min",
    measure: "industry",
    rule: "least_share",
    clause: "002 §三(三)4 与有产业发展能力和意愿的贫困户建立带贫益贫机制的比例达到80%以上",
  },
  {
    // a firm that brings a poor village along links that village's able poor households: at least the
    // village share of able households is reached (poor households live mostly in poor villages)
    id: "leading_firm_villages",
    zh: "龙头企业带动贫困村",
    en: "Poor villages linked to leading firms",
    path: "industry.leading_firm_village_coverage_min",
    measure: "industry",
    rule: "least_share",
    clause: "002 §三(三)4 龙头企业带动贫困村发展产业的数量占贫困村总数比例达到60%以上",
  },
  {
    id: "vocational_students",
    zh: "雨露计划职业教育补助",
    en: "Vocational-school subsidy (雨露计划)",
    path: "education.vocational_students",
    measure: "education",
    rule: "spreads_amount",
    coefficient: "model.measures.education.vocational_subsidy",
    clause: "000 §二(二)4 每年在贫困地区完成不低于2000名学生的“雨露计划”职业教育补助",
  },
] as const satisfies readonly ProgrammeDef[];
export type Programme = (typeof PROGRAMMES)[number]["id"];

/** The coefficient that turns a count of people into households reached. */
export const WORKERS_PER_HOUSEHOLD = "model.programmes.workers_per_household";
