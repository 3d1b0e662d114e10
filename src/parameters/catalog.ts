import { UNITS, type TargetBound, type Unit } from "../vocabulary.js";

/**
 * The catalog: every baseline quantity, target kind and dated parameter a scenario may set, with its unit
 * and range. A scenario key that is not here is an error with a did-you-mean, so a misspelt key never
 * passes silently (the failure PolicyEngine users report in core#505). Model stages read these paths.
 */
export interface ParameterDef {
  unit: Unit;
  label: string;
  label_en: string;
  min?: number;
  max?: number;
  integer?: boolean;
  /**
   * What the parameter drives: the engine quantity it feeds (e.g. "safety-net floor, YearParams.floor").
   * Every entry of PARAMETERS has `drives` or `context`; the liveness test moves every one with `drives`
   * across its range and fails if no output moves.
   */
  drives?: string;
  /**
   * Declared context: the plan states it and tuopin keeps it with its source, but the model has no
   * mechanism for it. The reason, shown by `explain`, `validate` and the brief ("recorded, not simulated").
   */
  context?: string;
}

export interface TargetDef extends ParameterDef {
  /** How the plan's number is read unless the file says otherwise. */
  bound: TargetBound;
  /** The projected metric it is compared with, once a model stage produces it. */
  metric?: string;
  /** Cumulative since the start of the plan (e.g. Kunming's 344,800 by end 2018). */
  cumulative?: boolean;
}

type Opts = Omit<ParameterDef, "unit" | "label" | "label_en">;

/** What a level's revenue share drives (004 §六(一): each level earmarks a share of its own increment). */
const LEVEL_DRIVES = (level: string) =>
  `the ${level} level's revenue (funds/revenue.ts byLevel), whose increment revenue_increment_share rules ` +
  "of that level earmark; read only by such rules";
const def = (unit: Unit, label: string, label_en: string, opts: Opts = {}): ParameterDef => ({
  unit,
  label,
  label_en,
  ...(unit === "/1" ? { min: 0, max: 1 } : { min: 0 }),
  ...(["people", "households", "villages", "counties", "townships", "students"].includes(unit)
    ? { integer: true }
    : {}),
  ...opts,
});
const share = (label: string, label_en: string, opts: Opts = {}) => def("/1", label, label_en, opts);

/** Why the water standards are context (002 §三(三)2). */
const WATER_CONTEXT =
  "the standard the safe-water guarantee is checked against; the registry records whether each household's " +
  "guarantee is met (model.registry.water_unsafe_share, repaired by the water measure), not litres, minutes " +
  "or supply days, so the model has no quantity a stricter or looser standard would move";
/** Why the monitored-population shares are context. */
const MONITORING_SHARE_CONTEXT =
  "a guidance on the size of the watched list, reported against it by `tuopin risk` (band share vs target and " +
  "cap); the engine's list is every watched household inside the income band, not capped to a share";
/** Why the assessment rules are context (002 §四(四)). */
const ASSESSMENT_CONTEXT =
  "a rule of the township assessment (weights, accountability of the bottom-ranked); the model has no " +
  "townships' effort or ranking for it to act on (the top-20 reward's money is a fund rule)";

/** State at the start of the horizon (1 January of its first year). */
export const BASELINE: Record<string, ParameterDef> = {
  poor_people: def("people", "建档立卡贫困人口", "Registered poor people"),
  poor_households: def("households", "建档立卡贫困户", "Registered poor households"),
  poor_villages: def("villages", "贫困村", "Poor villages not yet exited"),
  poor_counties: def("counties", "贫困县", "Poor counties not yet exited"),
  deep_poor_counties: def("counties", "深度贫困县", "Deeply impoverished counties"),
  deep_poor_villages: def("villages", "深度贫困村", "Deeply impoverished villages"),
  exited_villages: def(
    "villages",
    "此前已出列的贫困村",
    "Poor villages exited before the horizon (for cumulative targets)",
  ),
  exited_counties: def(
    "counties",
    "此前已摘帽的贫困县",
    "Poor counties exited before the horizon (for cumulative targets)",
  ),
  counties_with_poor: def(
    "counties",
    "有脱贫任务的县（市、区）",
    "Counties and districts with poor households (poor or not)",
  ),
  registered_poor_total: def("people", "累计建档立卡贫困人口", "All people ever registered in the plan"),
  rural_population: def("people", "农村人口", "Rural population (denominator of incidence)"),
  household_size: def("people/household", "户均人口", "People per poor household", { min: 1, max: 10 }),
  local_revenue: def("yuan", "地方一般公共预算收入（上年）", "Local general public budget revenue (previous year)"),
  rural_income_per_capita: def("yuan/person/year", "农民人均收入", "Rural income per person"),
  poverty_incidence: share("贫困发生率", "Poverty incidence"),
};

/** Target kinds, keyed by year (or ISO date) in a scenario. */
export const TARGETS: Record<string, TargetDef> = {
  people_exit: {
    ...def("people", "当年脱贫人口", "People exiting in the year"),
    bound: "at_least",
    metric: "exits_people",
  },
  households_exit: {
    ...def("households", "当年脱贫户", "Households exiting in the year"),
    bound: "at_least",
    metric: "exits_households",
  },
  villages_exit: {
    ...def("villages", "当年出列贫困村", "Villages exiting in the year"),
    bound: "at_least",
    metric: "villages_exit",
  },
  counties_exit: {
    ...def("counties", "当年摘帽贫困县", "Counties exiting in the year"),
    bound: "at_least",
    metric: "counties_exit",
  },
  deep_villages_exit: {
    ...def("villages", "当年出列深度贫困村", "Deeply impoverished villages exiting in the year"),
    bound: "at_least",
  },
  cumulative_people_exit: {
    ...def("people", "累计脱贫人口", "Cumulative people exited"),
    bound: "at_least",
    cumulative: true,
    metric: "cumulative_exits_people",
  },
  cumulative_villages_exit: {
    ...def("villages", "累计出列贫困村", "Cumulative villages exited"),
    bound: "at_least",
    cumulative: true,
    metric: "villages_exited_total",
  },
  cumulative_counties_exit: {
    ...def("counties", "累计摘帽贫困县", "Cumulative counties exited"),
    bound: "at_least",
    cumulative: true,
    metric: "counties_exited_total",
  },
  poor_remaining: {
    ...def("people", "年末剩余贫困人口", "Poor people remaining at year end"),
    bound: "at_most",
    metric: "poor_people",
  },
  guarantees_reached: {
    ...def(
      "people",
      "实现两不愁三保障人数",
      "People with food, clothing, schooling, health care and housing guaranteed",
    ),
    bound: "at_least",
  },
  housing_repairs: { ...def("households", "危房改造户数", "Dangerous-housing repairs"), bound: "at_least" },
  rural_income_per_capita: {
    ...def("yuan/person/year", "农民人均纯收入", "Rural net income per person"),
    bound: "at_least",
  },
  poor_area_income_growth_margin: {
    ...share("贫困地区收入增幅高于全省的幅度", "Income growth of poor areas above the provincial average", { min: -1 }),
    bound: "at_least",
  },
  village_collective_income_min: {
    ...def("yuan/village", "村集体经营性收入下限", "Least collective operating income of a village"),
    bound: "at_least",
    // compared with the lowest collective income among the registered poor villages (src/engine/villages.ts)
    metric: "village_collective_income_least",
  },
  processing_output_growth: {
    ...share("农产品加工产值增长", "Growth of agricultural processing output", { max: 10 }),
    bound: "at_least",
  },
  problems_fixed_share: { ...share("问题整改完成比例", "Share of look-back problems fixed"), bound: "at_least" },
  villages_transformed_share: { ...share("贫困村面貌改变比例", "Poor villages transformed"), bound: "at_least" },
  households_transformed_share: { ...share("贫困户脱贫致富比例", "Poor households transformed"), bound: "at_least" },
  village_paved_road_share: { ...share("建制村通硬化路比例", "Villages with paved roads"), bound: "at_least" },
  village_bus_share: { ...share("建制村通客车比例", "Villages with bus service"), bound: "at_least" },
  housing_d_grade_repaired_share: {
    ...share("D级危房改造比例", "D-grade dangerous houses repaired"),
    bound: "at_least",
  },
  housing_c_grade_repaired_share: {
    ...share("C级危房改造比例", "C-grade dangerous houses repaired"),
    bound: "at_least",
  },
  households_trained_share: {
    ...share("贫困户有培训劳动力比例", "Poor households with a trained member"),
    bound: "at_least",
  },
  households_nonfarm_worker_share: {
    ...share("贫困户有非农就业劳动力比例", "Poor households with a non-farm worker"),
    bound: "at_least",
  },
  households_microcredit_share: {
    ...share("贫困户获得贴息贷款比例", "Poor households with subsidised loans"),
    bound: "at_least",
  },
  forest_cover_share: { ...share("森林覆盖率", "Forest cover"), bound: "at_least" },
  ecological_income_share: { ...share("生态收入占比", "Share of income from ecology"), bound: "at_least" },
  schooling_retention_share: { ...share("九年义务教育巩固率", "Nine-year schooling retention"), bound: "at_least" },
  medical_enrolment_share: { ...share("新农合参合率", "Rural co-operative medical enrolment"), bound: "at_least" },
  industry_coverage_share: {
    ...share("产业帮扶覆盖率", "Poor households covered by industry support"),
    bound: "at_least",
  },
  new_operator_coverage_share: {
    ...share("新型经营主体带动贫困户覆盖率", "Poor households linked to new agricultural operators"),
    bound: "at_least",
  },
  ecommerce_village_share: { ...share("贫困村电商覆盖率", "Poor villages using e-commerce"), bound: "at_least" },
  health_insured_share: { ...share("贫困人口参保率", "Poor people insured"), bound: "at_least" },
};

/**
 * The guarantees a plan can commit to (the ids of `GUARANTEES` in src/model/measures.ts, one layer up; a test
 * checks they agree): "全面解决贫困人口住房和饮水安全问题" by a year is `commitments.housing.complete_by` and
 * `commitments.water.complete_by`, with `commitments.<id>.share` the share of the unmet put right (1 unless
 * said).
 */
export const COMMITMENT_GUARANTEES = ["housing", "water", "insurance", "schooling"] as const;

function commitmentParameters(): Record<string, ParameterDef> {
  const zh = { housing: "住房安全", water: "饮水安全", insurance: "基本医疗保险", schooling: "义务教育保障" };
  const out: Record<string, ParameterDef> = {};
  for (const g of COMMITMENT_GUARANTEES) {
    out[`commitments.${g}.complete_by`] = def(
      "year",
      `${zh[g]}承诺完成年份`,
      `Year by which the ${g} guarantee is met`,
      {
        min: 2000,
        max: 2035,
        integer: true,
        drives:
          `the ${g} measure's yearly coverage: a completion path to the deadline ` +
          "(YearParams.measureCoverage, src/engine/commitments.ts)",
      },
    );
    out[`commitments.${g}.share`] = share(
      `${zh[g]}承诺解决比例`,
      `Share of the households without the ${g} guarantee at the commitment's start put right by its deadline`,
      { drives: `the slope of the ${g} completion path (src/engine/commitments.ts)` },
    );
  }
  return out;
}

/** Dated parameters: path → definition. */
export const PARAMETERS: Record<string, ParameterDef> = {
  // the household engine: registry generation from aggregates
  "model.registry.max_rows": def(
    "households",
    "住户表最大行数（超出时一行代表多户相同住户）",
    "Largest number of registry rows; beyond it a row stands for several identical households",
    {
      min: 100,
      max: 50_000_000,
      drives:
        "registry resolution: rows = min(households, max_rows), each row weighted so the people stay exact; " +
        "a run's own row count overrides it (the benchmark's); the liveness audit's caps it",
    },
  ),
  "model.registry.household_size": def(
    "people/household",
    "户均人口（缺省）",
    "People per poor household where the baseline does not say",
    {
      min: 1,
      max: 10,
      drives:
        "household size (1 + Poisson) and so households = poor people ÷ size, where the baseline gives neither " +
        "household_size nor poor_households (Cangxi, Quanzhou and the national scenario give one: it does not bind)",
    },
  ),
  "model.registry.income_ratio_mean": def(
    "/1",
    "建档立卡户人均收入与扶贫标准之比（均值）",
    "Mean of registered households' income per person relative to the line",
    {
      drives: "generated registry: mean income per person of the registered poor relative to the line",
      min: 0.05,
      max: 5,
    },
  ),
  "model.registry.income_ratio_sd": def("/1", "收入比的对数标准差", "Log standard deviation of that ratio", {
    drives: "generated registry: spread of that income ratio",
    min: 0,
    max: 3,
  }),
  "model.registry.illness_cause_share": share(
    "因病致贫户占比",
    "Share of poor households whose main cause is illness",
    { drives: "generated registry: households poor through illness (the higher illness chance)" },
  ),
  "model.registry.disability_cause_share": share(
    "因残致贫户占比",
    "Share of poor households whose main cause is disability",
    { drives: "generated registry: households poor through disability (the higher illness chance, no labour)" },
  ),
  "model.registry.no_labour_share": share("无劳动力户占比", "Share of poor households without a labourer", {
    drives: "generated registry: households without labour (safety net, no labour measures)",
  }),
  "model.registry.housing_unsafe_share": share(
    "住房不安全户占比",
    "Share of poor households without safe housing at the start",
    { drives: "generated registry: households whose housing guarantee is unmet at the start" },
  ),
  "model.registry.water_unsafe_share": share(
    "饮水不安全户占比",
    "Share of poor households without safe water at the start",
    { drives: "generated registry: households whose water guarantee is unmet at the start" },
  ),
  "model.registry.uninsured_share": share("未参保户占比", "Share of poor households not insured at the start", {
    drives: "generated registry: households uninsured at the start (insurance guarantee, illness losses)",
  }),
  "model.registry.poor_village_share": share(
    "居住在贫困村的贫困人口占比",
    "Share of the poor living in poor villages",
    { drives: "generated registry: the poor living in poor villages (village incidence and exits)" },
  ),
  "model.villages.collective_income_mean": def(
    "yuan/village",
    "贫困村集体经营性收入均值（起点）",
    "Mean collective operating income of a poor village at the start",
    {
      drives:
        "village collective income at the start: exponential across poor villages with this mean " +
        "(generateRegistry), read by the village exit condition and villages_collective_income_met",
    },
  ),
  "model.registry.poor_county_poor_share": share(
    "贫困县中的贫困人口占比",
    "Share of a region's poor living in its poor counties",
    {
      drives:
        "split of the registered poor between poor counties and the other-counties aggregate (their incidence, " +
        "and so county exit and the allocation's factors); binds only in a region with both (not a county plan " +
        "such as Cangxi, nor Hengyang or Quanzhou, whose baselines count no poor county)",
    },
  ),
  "model.registry.poor_county_population_share": share(
    "贫困县农村人口占比",
    "Share of a region's rural population living in its poor counties",
    {
      drives:
        "split of the rural population (incidence denominators) between poor counties and the other counties; " +
        "binds only in a region with both, as poor_county_poor_share",
    },
  ),
  "model.registry.deep_county.incidence_ratio": def(
    "/1",
    "深度贫困县贫困发生率与一般贫困县之比",
    "Poverty incidence of a deeply impoverished county relative to an ordinary poor county",
    {
      min: 0.1,
      max: 10,
      drives:
        "deep counties' share of the registered poor (incidence, county exit, the allocation's factors); " +
        "binds where a plan has deep counties (Anhui's 9)",
    },
  ),
  "model.registry.deep_county.income_ratio_shift": def(
    "/1",
    "深度贫困县贫困户收入比（相对扶贫标准）的均值偏移",
    "Shift of deep-county registered poor's mean income ratio (to the line) from the region's mean",
    {
      min: -1,
      max: 1,
      drives:
        "mean income (relative to the line) of the generated registered poor in deep counties, re-centred so " +
        "the region's mean stays model.registry.income_ratio_mean; binds where a plan has deep counties",
    },
  ),
  "model.registry.nonpoor_county.income_ratio_shift": def(
    "/1",
    "非贫困县贫困户收入比（相对扶贫标准）的均值偏移",
    "Shift of non-poor-county registered poor's mean income ratio (to the line) from the region's mean",
    {
      min: -1,
      max: 1,
      drives:
        "mean income (relative to the line) of the generated registered poor outside poor counties, re-centred " +
        "on the region's mean; binds in a region with poor and non-poor counties",
    },
  ),
  "model.registry.deep_county.no_labour_shift": def(
    "/1",
    "深度贫困县无劳动力户占比偏移",
    "Shift of the share of deep-county poor households without labour from the region's share",
    {
      min: -1,
      max: 1,
      drives:
        "share without labour (safety net, no labour measures) of the generated poor in deep counties, " +
        "re-centred on model.registry.no_labour_share; binds where a plan has deep counties",
    },
  ),
  "model.registry.nonpoor_county.no_labour_shift": def(
    "/1",
    "非贫困县无劳动力户占比偏移",
    "Shift of the share of non-poor-county poor households without labour from the region's share",
    {
      min: -1,
      max: 1,
      drives:
        "share without labour of the generated poor outside poor counties, re-centred on the region's share; " +
        "binds in a region with poor and non-poor counties",
    },
  ),
  "model.costs.deep_county_multiplier": def(
    "/1",
    "深度贫困县帮扶措施单位成本倍数",
    "Unit costs of measures in a deeply impoverished county relative to the plan's",
    {
      min: 0.1,
      max: 10,
      drives:
        "money's need and so coverage per yuan in deep counties (buyCoverage's per-county cost multiplier); " +
        "binds where a plan has deep counties and money rules that limit the measures (Anhui)",
    },
  ),
  "model.risk.deep_area_disaster_multiplier": def(
    "/1",
    "深度贫困地区灾害概率倍数",
    "Disaster probability in deep-poverty (disaster-prone) areas relative to elsewhere",
    {
      min: 0,
      max: 10,
      drives:
        "disaster probability of households in a deep county or a deep village (Anhui's 9 counties, Kunming's " +
        "166 villages); none in Cangxi, Hengyang, Quanzhou or the national backtest (its inputs stop at 2015, " +
        "before deep areas were designated in 2017)",
    },
  ),
  "model.risk.fragile_income_sd_multiplier": def(
    "/1",
    "单一收入来源或搬迁户收入波动倍数",
    "Income volatility of single-source or relocated households relative to others",
    { drives: "growth noise of a household with a single market income source or newly relocated", min: 0, max: 10 },
  ),
  "model.risk.return_level": share(
    "跌破标准后持续（计为返贫或新致贫）的比例",
    "Share of uncaught falls below the line that last and count as a return or new entry (the hazard's level)",
    { drives: "share of uncaught falls below the line that last (returns and new poor)" },
  ),
  "model.registry.exited_income_margin": def(
    "/1",
    "已脱贫户人均收入超出扶贫标准的平均幅度",
    "Mean margin of exited households' income per person above the line (as a multiple of the line)",
    {
      min: 0,
      max: 5,
      drives:
        "incomes of the households that exited before the horizon (the pool returns come from); binds only " +
        "where the baseline's registered_poor_total exceeds the poor at the start (not Cangxi, Hengyang, Quanzhou)",
    },
  ),
  "model.registry.marginal_ratio": def(
    "/1",
    "边缘户与贫困户之比",
    "Marginal (near-poor, unregistered) households per poor household",
    { drives: "generated registry: marginal (near-poor) households per poor household (new poor)", min: 0, max: 5 },
  ),
  // the household engine: yearly dynamics
  "model.income.growth": share(
    "贫困户收入年增长（无帮扶措施时）",
    "Yearly income growth of poor households without measures",
    { drives: "yearly growth of every household's market income", min: -1 },
  ),
  "model.income.growth_sd": share(
    "收入增长的个体标准差",
    "Household-level standard deviation of yearly income growth",
    { drives: "spread of that growth between households (falls, exits)", max: 2 },
  ),
  "model.measures.industry.coverage": share(
    "产业帮扶年覆盖率（有劳动力的未脱贫户）",
    "Yearly share of poor households with labour reached by industry support",
    { drives: "largest yearly coverage of industry support among labour households" },
  ),
  "model.measures.industry.effect": def("yuan/household/year", "产业帮扶增收", "Income gain from industry support", {
    drives: "farm income a household reached by industry support gains",
  }),
  "model.measures.employment.coverage": share(
    "就业帮扶年覆盖率（有劳动力的未脱贫户）",
    "Yearly share of poor households with labour reached by employment support",
    { drives: "largest yearly coverage of employment support among labour households" },
  ),
  "model.measures.employment.effect": def(
    "yuan/household/year",
    "就业帮扶增收",
    "Income gain from employment support",
    { drives: "wage income a household reached by employment support gains (and relocation's job)" },
  ),
  "model.measures.relocation.coverage": share(
    "易地扶贫搬迁年覆盖率（缺地、缺水、交通落后致贫户）",
    "Yearly share of poor households poor for lack of land, water or transport that are relocated",
    { drives: "largest yearly coverage of relocation among households poor for lack of land, water or transport" },
  ),
  "model.measures.ecology.coverage": share(
    "生态护林员年覆盖率（有劳动力的未脱贫户）",
    "Yearly share of poor households with labour given an ecological job",
    { drives: "largest yearly coverage of ranger jobs among labour households" },
  ),
  "model.measures.ecology.effect": def(
    "yuan/household/year",
    "生态护林员年收入",
    "Yearly pay of an ecological job (forest ranger)",
    { drives: "a ranger's yearly pay: wage income and the job's cost" },
  ),
  "model.measures.education.repair_share": share(
    "义务教育保障未达标户当年解决比例",
    "Yearly share of households whose schooling guarantee is put right",
    { drives: "yearly share of households with a child out of school put right (控辍保学)" },
  ),
  "model.measures.education.effect": def(
    "yuan/household/year",
    "教育资助",
    "Yearly education subsidy for households with children in school",
    { drives: "education subsidy: transfer income per household with school children, and its cost" },
  ),
  "model.registry.schooling_unmet_share": share(
    "有在校生但义务教育保障未达标户占比",
    "Share of households with school children whose schooling is not guaranteed at the start",
    { drives: "generated registry: households with a child out of compulsory school" },
  ),
  "model.costs.relocation": def("yuan/household", "易地搬迁户均成本", "Cost of relocating a household", {
    drives: "cost of relocating a household (money's need, spend.relocation)",
  }),
  "model.measures.guarantees.repair_share": share(
    "“三保障”未达标户当年解决比例",
    "Yearly share of unmet guarantees (housing, water, insurance) put right",
    {
      drives:
        "the guarantee measures' requested yearly coverage without a commitment, and the least pace under one " +
        "(YearParams.measureCoverage, src/engine/commitments.ts)",
    },
  ),
  // commitments (issue 13, item 3): a capacity, and per guarantee a deadline and a share (src/engine/commitments.ts)
  "model.measures.guarantees.max_yearly_coverage": share(
    "“三保障”未达标户当年最多解决比例（实施能力）",
    "Largest yearly share of a guarantee's unmet households the administration can put right (capacity)",
    {
      drives:
        "the cap on a guarantee measure's requested yearly coverage under a commitment " +
        "(YearParams.measureCoverage, src/engine/commitments.ts)",
    },
  ),
  ...commitmentParameters(),
  "model.measures.safety_net.coverage": share(
    "无劳动力户兜底覆盖率",
    "Share of poor households without labour covered by the safety net",
    { drives: "yearly share of no-labour poor households the safety net reaches" },
  ),
  "model.safety_net.floor_ratio": def(
    "/1",
    "兜底后人均收入与扶贫标准之比",
    "Income per person after the safety-net top-up, relative to the line",
    { drives: "safety-net floor as a multiple of the line (YearParams.floor)", min: 0, max: 3 },
  ),
  "model.safety_net.dibao_yearly_rise": share(
    "逐年提高低保标准的年增幅",
    "Yearly rise of the dibao standard where a plan raises it every year without an amount",
    { drives: "safety-net floor (YearParams.floor): last year's floor × (1 + rise) where dibao_rises_yearly holds" },
  ),
  "model.monitoring.frequency_default": def(
    "times/year",
    "未规定频次时的监测轮次",
    "Monitoring rounds a year where a plan watches households without stating a frequency",
    { min: 0, max: 365, drives: "monitoring's yearly catch (YearParams.monitorExited/monitorMarginal) via its rounds" },
  ),
  "model.monitoring.cadre_detection": share(
    "结对干部发现返贫风险的年概率",
    "Chance in a year that a paired cadre catches a registered household's fall",
    { drives: "paired cadre's catch of an exited household's fall (YearParams.cadreExited)" },
  ),
  "model.shocks.illness_prob": share("大病冲击年发生率", "Yearly probability of a serious illness in a household", {
    drives: "illness shock: yearly chance for a household without an ill member (step, hazard)",
  }),
  "model.shocks.illness_prob_chronic": share(
    "有慢病/大病成员户的年发病率",
    "Yearly probability for households with an ill member",
    { drives: "illness shock: yearly chance for an ill, disabled or elderly-only household (step, hazard)" },
  ),
  "model.shocks.illness_cost": def(
    "yuan/household",
    "大病医疗费用（报销前）",
    "Cost of a serious illness before reimbursement",
    { drives: "illness shock: the cost illnessOutOfPocket splits between the household and its cover" },
  ),
  "model.shocks.disaster_prob": share("自然灾害年发生率", "Yearly probability of a disaster hitting a household", {
    drives: "yearly chance of a disaster (farm income lost)",
  }),
  "model.shocks.disaster_loss_share": share("受灾时生产经营收入损失比例", "Share of farm income lost in a disaster", {
    drives: "share of farm income a disaster takes",
  }),
  "model.costs.housing_repair": def("yuan/household", "危房改造户均成本", "Cost of making a house safe", {
    drives: "cost of making a house safe (money's need, spend.housing)",
  }),
  "model.costs.water": def("yuan/household", "饮水安全户均成本", "Cost of safe water per household", {
    drives: "cost of safe water per household (money's need, spend.water)",
  }),
  "model.measures.industry.unit_cost": def(
    "yuan/household",
    "产业帮扶户均成本",
    "Cost of industry support per household reached",
    { drives: "cost per household of industry support (money's need and coverage bought)" },
  ),
  "model.measures.employment.unit_cost": def(
    "yuan/household",
    "就业帮扶户均成本",
    "Cost of employment support per household reached",
    { drives: "cost per household of employment support (money's need and coverage bought)" },
  ),
  "model.measures.insurance.unit_cost": def(
    "yuan/household",
    "参保资助户均成本",
    "Cost of insuring an uninsured poor household (premium subsidy)",
    { drives: "cost per household of the insurance subsidy (money's need and coverage bought)" },
  ),
  "model.programmes.workers_per_household": def(
    "people/household",
    "项目人数折合户数（每户人数）",
    "People a programme's count reaches per household (a count of people ÷ this = households)",
    { min: 1, max: 10, drives: "programme counts of people as households (src/engine/programmes.ts)" },
  ),
  "model.employment.local_hires_ratio": share(
    "扶贫车间和公益岗位年招用人数（每户有劳动力未脱贫户）",
    "Workshop and public-welfare hires a year per poor household with labour",
    { drives: "employment coverage added by the poor's share of hires (employment.poor_share_target)" },
  ),
  "model.measures.education.vocational_subsidy": def(
    "yuan/person/year",
    "雨露计划职业教育每生每年补助",
    "Yearly 雨露计划 vocational subsidy per student",
    { drives: "education amount from education.vocational_students" },
  ),
  "model.ecology.compensation_per_mu": def(
    "yuan/mu/year",
    "公益林生态效益补偿标准（每亩每年）",
    "Forest ecological compensation per mu a year",
    { drives: "transfer income from ecology.forest_compensation_area" },
  ),
  "model.industry.benchmark_rate": share("贷款基准利率（一年期）", "Benchmark lending rate (one year)", {
    drives: "industry unit cost from industry.loan_quota_per_household",
  }),
  "model.funds.money_limits_measures": def(
    "flag",
    "资金约束帮扶覆盖",
    "Money limits measure coverage (1) or measures run at their largest coverage (0)",
    {
      max: 1,
      integer: true,
      drives:
        "whether the money's coverage (funds/money.ts) replaces the measures' largest coverage in the step; " +
        "read only in a plan with money rules (a plan without them has nothing to limit)",
    },
  ),
  "model.funds.cost_rise": def(
    "/1",
    "帮扶成本随覆盖面上升系数",
    "Rise of the cost per household reached with coverage (diminishing returns to money)",
    {
      max: 5,
      drives:
        "cost of coverage x: unit cost × eligible × x × (1 + rise × x) (funds/measures.ts coverageCost), " +
        "in buyCoverage, the need and the optimiser",
    },
  ),
  "model.funds.carry_forward_share": share(
    "结余资金结转比例",
    "Share of a county's unspent money it keeps for the next year (the rest is reclaimed and reallocated)",
    {
      drives:
        "next year's county money by purpose (kept balances) against money reclaimed and allocated again " +
        "by the factor method (funds/money.ts carryForward; series funds.carried_in, funds.reclaimed_in)",
    },
  ),

  // exit standards
  "exit.village_incidence_max": share("贫困村出列的贫困发生率上限", "Village exit: highest poverty incidence", {
    drives: "village exit (出列): a poor village exits when its year-end incidence is below it (recordYear)",
  }),
  "exit.county_incidence_max": share("贫困县摘帽的贫困发生率上限", "County exit: highest poverty incidence", {
    drives:
      "county exit (摘帽): a poor county exits when its year-end incidence is below it (recordYear); " +
      "no output moves in a plan whose region has no poor county left (Hengyang 2020, Quanzhou)",
  }),
  "exit.county_wrong_exit_max": share("错退率上限", "County exit: highest wrong-exit rate", {
    drives:
      "county exit (摘帽) in the aligned run: a poor county whose year's wrong-exit rate (exits the quota " +
      "pushed without the standard met, src/engine/align.ts) is above it is held back that year; the mechanistic " +
      "run exits only by the standard, so there it cannot bind",
  }),
  "exit.county_missed_poor_max": share("漏评率上限", "County exit: highest missed-poor rate", {
    drives:
      "county exit (摘帽) in the aligned run: a poor county whose missed-poor rate (wrongly exited households " +
      "still under the standard and outside the registry, src/engine/align.ts) is above it is held back that year",
  }),
  "model.alignment.effort_max": def(
    "/1",
    "完成任务的人均帮扶力度上限（相对扶贫标准）",
    "Largest extra support per person a quota may call for in a year, as a multiple of the line",
    {
      drives:
        "the bound on the aligned run's shift (src/engine/align.ts): a quota needing more effort per person " +
        "than this × the year's line is infeasible, and the shortfall is reported",
      min: 0,
      max: 10,
    },
  ),
  "model.alignment.income_error": def(
    "/1",
    "核定收入的误差尺度（相对扶贫标准）",
    "Scale of the error in the incomes a quota's exits are judged on, as a multiple of the line",
    {
      drives:
        "the aligned run's ranking (src/engine/align.ts): the logistic scale of the error between a household's " +
        "assessed and modelled income gap; larger, the more the quota's exits stray from the cheapest and the " +
        "more of them are wrong exits",
      min: 0,
      max: 2,
    },
  ),
  "exit.county_recognition_min": share("群众认可度下限", "County exit: least public recognition", {
    context: "public recognition in the county assessment is a survey answer; the model has no opinion of households",
  }),
  "exit.village_collective_income_min": def(
    "yuan/village",
    "出列村集体经济收入下限",
    "Village exit: least collective income",
    {
      drives:
        "village exit (出列): a poor village exits only with its collective income at or above it " +
        "(recordYear, src/engine/villages.ts); villages_collective_income_met counts those meeting it",
    },
  ),

  // incomes and the line
  "income.poverty_line": def("yuan/person/year", "国家扶贫标准（现价）", "National poverty line (current prices)", {
    drives: "the exit test's income line, the floor, the monitoring band and every gap priced by target-following",
  }),

  // fiscal
  "fiscal.revenue_growth": share("地方财政收入增长率", "Growth of local fiscal revenue", {
    min: -1,
    drives:
      "projected local revenue, whose yearly increment the revenue-increment rules earmark (src/funds/revenue.ts)",
  }),
  "fiscal.county_revenue_growth": share("县级财政收入增长率", "Growth of county fiscal revenue", {
    min: -1,
    drives:
      "the county revenue index (funds/revenue.ts countyIndex) that floor_growing_with_revenue rules raise " +
      "their floor with (001 §三(四)); read only by such rules",
  }),
  "fiscal.level_share.province": share(
    "省本级收入占地方财政收入比例",
    "Share of the region's local revenue collected by the province itself",
    { drives: LEVEL_DRIVES("province") },
  ),
  "fiscal.level_share.poor_county": share(
    "贫困县收入占比",
    "Share of the region's local revenue collected by its poor counties",
    { drives: LEVEL_DRIVES("poor_county") + "; that money goes to the poor counties only" },
  ),
  "fiscal.level_share.poor_county_city": share(
    "贫困县所在设区市本级收入占比",
    "Share collected by the districted cities that contain poor counties (city level only)",
    { drives: LEVEL_DRIVES("poor_county_city") },
  ),
  "fiscal.level_share.other_county": share(
    "其他有脱贫任务市县收入占比",
    "Share collected by the other cities and counties with poverty tasks",
    { drives: LEVEL_DRIVES("other_county") + "; that money goes to the counties outside the poor ones" },
  ),

  // industry
  "industry.loan_interest_subsidy_share_min": share(
    "带贫主体贷款贴息比例下限",
    "Least interest subsidy for firms bringing poor households along",
    {
      context:
        "a least share of the interest on the loans of firms and co-operatives, by the poor households they " +
        "bring along; the model has no firms or their loan volumes (the per-household quota, " +
        "industry.loan_quota_per_household, carries the subsidy's cost per household)",
    },
  ),
  "industry.loan_quota_per_household": def(
    "yuan/household",
    "每带动一户贫困户贴息贷款额度",
    "Fully subsidised loan quota per poor household brought along",
    {
      drives:
        "industry unit cost: + quota × model.industry.benchmark_rate, a year's interest subsidised in full " +
        "per household reached (money needed, spending, and coverage where money limits it)",
    },
  ),
  "industry.pv_villages": def("villages", "光伏扶贫电站覆盖贫困村", "Poor villages with photovoltaic stations", {
    drives:
      "village collective income: this many poor villages (deep first, then the weakest collectives) have a " +
      "station that lifts their collective income to industry.pv_village_income_min (src/engine/villages.ts)",
  }),
  "industry.pv_village_income_min": def(
    "yuan/village",
    "光伏电站村集体年收益下限",
    "Least yearly collective income from a village PV station",
    { drives: "village collective income: the least collective income of a village with a PV station" },
  ),
  "industry.leading_firm_village_coverage_min": share(
    "龙头企业覆盖贫困村比例下限",
    "Least share of poor villages covered by leading firms",
    {
      drives:
        "industry coverage: a least share of households with labour reached by the horizon's end " +
        "(a linked village links its able households; programme leading_firm_villages)",
    },
  ),
  "industry.leading_firm_household_coverage_min": share(
    "龙头企业覆盖有劳动能力贫困户比例下限",
    "Least share of able poor households covered by leading firms",
    {
      drives:
        "industry coverage: a least share of households with labour reached by the horizon's end, " +
        "1 − (1 − share)^(1/years) a year (programme leading_firm_households)",
    },
  ),

  // employment
  "employment.poor_share_target": share(
    "扶贫车间和公益岗位吸纳贫困人口比例",
    "Share of poor people among workshop and public-welfare hires",
    {
      drives:
        "employment coverage: + share × model.employment.local_hires_ratio a year (programme " +
        "poor_share_of_hires, a channel on top of the default)",
    },
  ),
  "employment.urban_placements": def(
    "people",
    "主城区每年安置贫困劳动力",
    "Poor workers placed in main urban districts per year",
    {
      drives:
        "employment coverage: + placements (as households) ÷ households with labour eligible at the start " +
        "of the year (programme urban_placements)",
    },
  ),
  "employment.public_jobs_weak_labour": def(
    "people",
    "弱劳动力公益性岗位",
    "Public-welfare jobs for weak-labour poor people per year",
    {
      drives:
        "employment coverage: + posts (as households) ÷ households with labour eligible at the start of " +
        "the year (programme public_jobs_weak_labour)",
    },
  ),
  "employment.startup_loan_max": def("yuan/person", "创业担保贷款上限", "Largest start-up guarantee loan", {
    context:
      "a credit ceiling for people who start a business; the model has no self-employment or credit channel " +
      "and no count of borrowers, so the loan's size cannot reach a household's income",
  }),
  "employment.startup_loan_years": def("year", "创业担保贷款期限", "Term of start-up guarantee loans", {
    max: 30,
    context:
      "the term of the start-up guarantee loans (see employment.startup_loan_max): no credit channel in the model",
  }),

  // relocation
  "relocation.workers_per_household_min": def(
    "people/household",
    "搬迁户稳定就业人数下限",
    "Least stably employed workers per relocated household",
    {
      max: 10,
      drives:
        "relocation's jobs: a relocated household with labour gets min(workers, its labourers) × the " +
        "employment measure's income and unit cost",
    },
  ),

  // ecology
  "ecology.forest_rangers": def("people", "建档立卡贫困人口生态护林员", "Forest rangers from poor households", {
    drives:
      "ecology coverage: rangers (as households) ÷ households with labour eligible at the start of the " +
      "year, in place of the default (programme forest_rangers)",
  }),
  "ecology.forest_compensation_area": def("mu", "公益林生态补偿面积", "Forest area under ecological compensation", {
    drives:
      "transfer income: area × model.ecology.compensation_per_mu ÷ the region's rural households, a standing " +
      "payment (YearParams.standingTransfer)",
  }),

  // education
  "education.university_set_aside_share": share(
    "高校事业收入提取资助比例",
    "University business income set aside for poor students",
    {
      context:
        "a share of three city universities' business income for their poor students; the model has " +
        "neither the universities' income nor university students in the registry",
    },
  ),
  "education.vocational_students": def(
    "students",
    "雨露计划职业教育补助人数",
    "Students in the 雨露计划 vocational subsidy per year",
    {
      drives:
        "education measure's amount: students × model.measures.education.vocational_subsidy spread over " +
        "the households it reaches (programme vocational_students)",
    },
  ),

  // health (src/model/health.ts): what a serious illness costs the household, insurance take-up
  "health.insured_share": share("贫困人口参保比例", "Poor people insured", {
    drives: "insurance take-up: the share insured the insurance measure's yearly coverage aims at (insuranceCoverage)",
  }),
  "health.premium_subsidy_min": share("参保个人缴费补贴比例下限", "Least premium subsidy", {
    drives: "insurance take-up: share of the uninsured reached who enrol (insuranceTakeUp) → insurance coverage",
  }),
  "health.base_reimbursement": share(
    "基本医保和大病保险报销比例",
    "Reimbursement by basic and critical-illness insurance",
    { drives: "out-of-pocket cost of a serious illness for the insured (illnessOutOfPocket): insurance's share" },
  ),
  "health.topup_reimbursement": share("兜底后报销比例", "Reimbursement after the county top-up", {
    drives: "out-of-pocket cost of a serious illness (illnessOutOfPocket): inpatient reimbursement target",
  }),
  "health.inpatient_selfpay_max": share("住院自付比例上限", "Largest self-paid share of compliant inpatient costs", {
    drives: "out-of-pocket cost of a serious illness (illnessOutOfPocket): cap on the inpatient self-paid share",
  }),
  "health.outpatient_selfpay_max": share("门诊自付比例上限", "Largest self-paid share of outpatient costs", {
    drives: "out-of-pocket cost of a serious illness (illnessOutOfPocket): cap on the outpatient self-paid share",
  }),
  "health.in_county_inpatient_reimbursement_min": share(
    "县域内住院报销比例下限",
    "Least in-county inpatient reimbursement",
    { drives: "out-of-pocket cost of a serious illness (illnessOutOfPocket): inpatient reimbursement floor" },
  ),
  "health.assistance_ceiling": def(
    "yuan/person/year",
    "医疗救助年封顶线",
    "Ceiling of medical assistance per person and year",
    { drives: "out-of-pocket cost of a serious illness (illnessOutOfPocket): most medical assistance pays" },
  ),
  "health.chronic_contract_share": share("四种慢病签约服务比例", "Four chronic diseases under contracted care", {
    drives: "yearly chance of a serious illness in a chronically ill household (chronicIllnessProb)",
  }),
  "health.chronic_home_visits": def("times/year", "慢病患者年随访次数", "Home visits a year to chronic patients", {
    max: 365,
    drives: "yearly chance of a serious illness in a chronically ill household (chronicIllnessProb), up to 4 visits",
  }),
  "model.health.inpatient_share": share("大病费用中住院费用占比", "Inpatient share of a serious illness's cost", {
    drives:
      "out-of-pocket cost of a serious illness (illnessOutOfPocket): split between inpatient and outpatient rules",
  }),
  "model.health.takeup_unsubsidised": share(
    "无缴费补贴时未参保贫困户参保比例",
    "Share of the uninsured poor reached who enrol paying the whole premium",
    { drives: "insurance take-up at no premium subsidy (insuranceTakeUp) → insurance coverage" },
  ),
  "model.health.chronic_care_effect": share(
    "签约管理降低慢病户大病发生率的比例",
    "Reduction of the serious-illness chance of a chronically ill household under contracted care",
    { drives: "yearly chance of a serious illness in a chronically ill household (chronicIllnessProb)" },
  ),

  // water
  // the standard the safe-water guarantee is checked against (002 §三(三)2): the registry records whether
  // the guarantee is met, not litres, minutes or supply days, so no quantity of the model follows them
  "water.litres_per_person_day_min": def("litres/person/day", "人均日供水量下限", "Least water per person and day", {
    context: WATER_CONTEXT,
  }),
  "water.fetch_minutes_max": def("minutes", "取水往返时间上限", "Longest round trip to fetch water", {
    context: WATER_CONTEXT,
  }),
  "water.supply_guarantee_min": share("供水保证率下限", "Least water supply guarantee", { context: WATER_CONTEXT }),

  // safety net
  "safety_net.dibao_standard": def(
    "yuan/person/year",
    "农村低保标准",
    "Rural minimum living allowance (dibao) standard",
    { drives: "safety-net floor (YearParams.floor): the plan's rural dibao standard, at least floor_ratio x the line" },
  ),
  "safety_net.dibao_rises_yearly": def(
    "flag",
    "逐年提高农村低保标准",
    "The rural dibao standard is raised every year",
    {
      max: 1,
      integer: true,
      drives:
        "safety-net floor (YearParams.floor): at least last year's floor raised by model.safety_net.dibao_yearly_rise",
    },
  ),
  "safety_net.transition_months": def(
    "months",
    "收入超过低保标准后的渐退期",
    "Transition period of dibao after income passes the line",
    { max: 36, drives: "transition period's catch of an exited household's fall: its months in each year after exit" },
  ),
  "safety_net.transition_months_slow_industry": def(
    "months",
    "见效慢产业的渐退期",
    "Transition period for slow-return industries",
    {
      max: 36,
      drives: "transition of exited households reached by industry support in their exit year or since (industryYear)",
    },
  ),

  // monitoring and protection against return
  "monitoring.frequency": def("times/year", "动态监测频次", "Monitoring rounds per year", {
    max: 365,
    drives:
      "monitoring's yearly catch (rounds × per-round detection); a stated frequency watches a group without a flag",
  }),
  "monitoring.income_band_multiple": def(
    "/1",
    "监测对象收入线（扶贫标准的倍数）",
    "Monitoring band: income below this multiple of the line",
    {
      min: 1,
      max: 5,
      drives: "the watched list: start-of-year income per person under band × line (monitoring's catch)",
    },
  ),
  "monitoring.share_target": share(
    "监测对象规模（占建档立卡人口）",
    "Monitored population as a share of registered poor",
    { context: MONITORING_SHARE_CONTEXT },
  ),
  "monitoring.share_max": share("深度贫困地区监测对象规模上限", "Largest monitored share in deep-poverty areas", {
    context: MONITORING_SHARE_CONTEXT,
  }),
  "monitoring.detection_rate": share("监测发现率", "Share of at-risk households the monitoring finds", {
    drives: "monitoring's catch: share of fallen households on the list one round finds (YearParams.monitorExited)",
  }),
  "monitoring.policy_kept_after_exit": def(
    "flag",
    "摘帽不摘责任、政策、帮扶、监管",
    "Policy kept after exit (四不摘)",
    { max: 1, integer: true, drives: "measures reaching exited households (the kernel's eligibility, funds' need)" },
  ),
  "monitoring.reentry": def(
    "flag",
    "脱贫即出、返贫即入（动态管理）",
    "Dynamic registry: exit when out, re-enter when back",
    { max: 1, integer: true, drives: "measures reaching returned households (they re-enter the registry)" },
  ),
  "monitoring.watch_unstable_exited": def("flag", "重点监测不稳定脱贫户", "Unstable exited households are watched", {
    max: 1,
    integer: true,
    drives: "whether monitoring catches falls of exited households on the list (YearParams.monitorExited)",
  }),
  "monitoring.watch_marginal": def("flag", "重点监测贫困边缘户", "Marginal households near the line are watched", {
    max: 1,
    integer: true,
    drives: "whether monitoring catches falls of marginal households on the list (YearParams.monitorMarginal)",
  }),
  "monitoring.listed_village_poor_min": def(
    "people",
    "挂牌督战村：贫困人口下限",
    "Villages listed for supervision: at least this many poor people",
    {
      drives:
        "listed villages (挂牌督战): a poor village with at least this many registered poor at the start of " +
        "the horizon is listed, and every measure reaches all its eligible poor households (coverage 1)",
    },
  ),
  "monitoring.listed_village_remaining_min": def(
    "people",
    "挂牌督战村：上年底未脱贫人口下限",
    "Villages listed for supervision: at least this many not yet out at the end of the previous year",
    {
      drives:
        "listed villages (挂牌督战): a poor village with at least this many poor not yet out at the start of " +
        "the horizon is listed, and every measure reaches all its eligible poor households (coverage 1)",
    },
  ),
  "monitoring.listed_relocation_site_min": def(
    "people",
    "挂牌督战的集中安置点：人口下限",
    "Relocation sites listed for supervision: at least this many people",
    {
      context:
        "the registry has no relocation sites: relocation is a household flag, not a place, and generated " +
        "registries start with no household relocated, so no site and its size can be listed",
    },
  ),
  "monitoring.cadre_pairing": def("flag", "干部结对帮扶每户", "A cadre paired with every poor household", {
    max: 1,
    integer: true,
    drives: "a paired cadre's catch of an exited household's fall, any income (YearParams.cadreExited)",
  }),

  // assessment
  "assessment.crosscheck_weight_min": share(
    "交叉检查在乡镇考核中的权重下限",
    "Least weight of the June cross-check in the township assessment",
    { context: ASSESSMENT_CONTEXT },
  ),
  "assessment.bottom_accountable": def("townships", "排名靠后问责乡镇数", "Bottom-ranked townships held to account", {
    context: ASSESSMENT_CONTEXT,
  }),

  // shocks
  "shocks.epidemic.migrant_job_loss_share": share(
    "疫情导致外出务工失业比例",
    "Share of migrant poor workers losing work to the epidemic",
    { drives: "share of labour households losing migrant work in an epidemic year" },
  ),
  "shocks.epidemic.months_lost": def("months", "疫情损失务工月数", "Months of migrant work lost to the epidemic", {
    drives: "months of wage income a household hit by the epidemic loses",
    max: 12,
  }),
};

/** What each fund-rule field's quantity must be measured in. */
export const RULE_FIELD_UNITS: Record<string, readonly Unit[]> = {
  share: ["/1"],
  ratio: ["/1"],
  // every money unit, a total or per unit (yuan, yuan/person, … yuan/household/year), in UNITS' order
  amount: UNITS.filter((u) => u.startsWith("yuan")),
  cap: ["yuan"],
  count: ["people", "households", "villages", "counties", "townships", "students"],
  stock: ["yuan"],
  helped: ["counties", "villages", "townships"],
  top: ["townships", "villages", "counties"],
  reach: ["people", "households", "villages", "counties", "townships"],
  floor_share: ["/1"],
  cap_share: ["/1"],
};
