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

/** Dated parameters: path → definition. */
export const PARAMETERS: Record<string, ParameterDef> = {
  // the household engine: registry generation from aggregates
  "model.registry.max_rows": def(
    "households",
    "住户表最大行数（超出时一行代表多户相同住户）",
    "Largest number of registry rows; beyond it a row stands for several identical households",
    { min: 100, max: 50_000_000 },
  ),
  "model.registry.household_size": def(
    "people/household",
    "户均人口（缺省）",
    "People per poor household where the baseline does not say",
    { min: 1, max: 10 },
  ),
  "model.registry.income_ratio_mean": def(
    "/1",
    "建档立卡户人均收入与扶贫标准之比（均值）",
    "Mean of registered households' income per person relative to the line",
    { min: 0.05, max: 5 },
  ),
  "model.registry.income_ratio_sd": def("/1", "收入比的对数标准差", "Log standard deviation of that ratio", {
    min: 0,
    max: 3,
  }),
  "model.registry.illness_cause_share": share("因病致贫户占比", "Share of poor households whose main cause is illness"),
  "model.registry.disability_cause_share": share(
    "因残致贫户占比",
    "Share of poor households whose main cause is disability",
  ),
  "model.registry.no_labour_share": share("无劳动力户占比", "Share of poor households without a labourer"),
  "model.registry.housing_unsafe_share": share(
    "住房不安全户占比",
    "Share of poor households without safe housing at the start",
  ),
  "model.registry.water_unsafe_share": share(
    "饮水不安全户占比",
    "Share of poor households without safe water at the start",
  ),
  "model.registry.uninsured_share": share("未参保户占比", "Share of poor households not insured at the start"),
  "model.registry.poor_village_share": share("居住在贫困村的贫困人口占比", "Share of the poor living in poor villages"),
  "model.registry.poor_county_poor_share": share(
    "贫困县中的贫困人口占比",
    "Share of a region's poor living in its poor counties",
  ),
  "model.registry.poor_county_population_share": share(
    "贫困县农村人口占比",
    "Share of a region's rural population living in its poor counties",
  ),
  "model.risk.deep_area_disaster_multiplier": def(
    "/1",
    "深度贫困地区灾害概率倍数",
    "Disaster probability in deep-poverty (disaster-prone) areas relative to elsewhere",
    { min: 0, max: 10 },
  ),
  "model.risk.fragile_income_sd_multiplier": def(
    "/1",
    "单一收入来源或搬迁户收入波动倍数",
    "Income volatility of single-source or relocated households relative to others",
    { min: 0, max: 10 },
  ),
  "model.risk.return_level": share(
    "跌破标准后持续（计为返贫或新致贫）的比例",
    "Share of uncaught falls below the line that last and count as a return or new entry (the hazard's level)",
  ),
  "model.registry.exited_income_margin": def(
    "/1",
    "已脱贫户人均收入超出扶贫标准的平均幅度",
    "Mean margin of exited households' income per person above the line (as a multiple of the line)",
    { min: 0, max: 5 },
  ),
  "model.registry.marginal_ratio": def(
    "/1",
    "边缘户与贫困户之比",
    "Marginal (near-poor, unregistered) households per poor household",
    { min: 0, max: 5 },
  ),
  // the household engine: yearly dynamics
  "model.income.growth": share(
    "贫困户收入年增长（无帮扶措施时）",
    "Yearly income growth of poor households without measures",
    { min: -1 },
  ),
  "model.income.growth_sd": share(
    "收入增长的个体标准差",
    "Household-level standard deviation of yearly income growth",
    { max: 2 },
  ),
  "model.measures.industry.coverage": share(
    "产业帮扶年覆盖率（有劳动力的未脱贫户）",
    "Yearly share of poor households with labour reached by industry support",
  ),
  "model.measures.industry.effect": def("yuan/household/year", "产业帮扶增收", "Income gain from industry support"),
  "model.measures.employment.coverage": share(
    "就业帮扶年覆盖率（有劳动力的未脱贫户）",
    "Yearly share of poor households with labour reached by employment support",
  ),
  "model.measures.employment.effect": def("yuan/household/year", "就业帮扶增收", "Income gain from employment support"),
  "model.measures.relocation.coverage": share(
    "易地扶贫搬迁年覆盖率（缺地、缺水、交通落后致贫户）",
    "Yearly share of poor households poor for lack of land, water or transport that are relocated",
  ),
  "model.measures.ecology.coverage": share(
    "生态护林员年覆盖率（有劳动力的未脱贫户）",
    "Yearly share of poor households with labour given an ecological job",
  ),
  "model.measures.ecology.effect": def(
    "yuan/household/year",
    "生态护林员年收入",
    "Yearly pay of an ecological job (forest ranger)",
  ),
  "model.measures.education.repair_share": share(
    "义务教育保障未达标户当年解决比例",
    "Yearly share of households whose schooling guarantee is put right",
  ),
  "model.measures.education.effect": def(
    "yuan/household/year",
    "教育资助",
    "Yearly education subsidy for households with children in school",
  ),
  "model.registry.schooling_unmet_share": share(
    "有在校生但义务教育保障未达标户占比",
    "Share of households with school children whose schooling is not guaranteed at the start",
  ),
  "model.costs.relocation": def("yuan/household", "易地搬迁户均成本", "Cost of relocating a household"),
  "model.measures.guarantees.repair_share": share(
    "“三保障”未达标户当年解决比例",
    "Yearly share of unmet guarantees (housing, water, insurance) put right",
  ),
  "model.measures.safety_net.coverage": share(
    "无劳动力户兜底覆盖率",
    "Share of poor households without labour covered by the safety net",
  ),
  "model.safety_net.floor_ratio": def(
    "/1",
    "兜底后人均收入与扶贫标准之比",
    "Income per person after the safety-net top-up, relative to the line",
    { min: 0, max: 3 },
  ),
  "model.shocks.illness_prob": share("大病冲击年发生率", "Yearly probability of a serious illness in a household"),
  "model.shocks.illness_prob_chronic": share(
    "有慢病/大病成员户的年发病率",
    "Yearly probability for households with an ill member",
  ),
  "model.shocks.illness_cost": def(
    "yuan/household",
    "大病医疗费用（报销前）",
    "Cost of a serious illness before reimbursement",
  ),
  "model.shocks.disaster_prob": share("自然灾害年发生率", "Yearly probability of a disaster hitting a household"),
  "model.shocks.disaster_loss_share": share("受灾时生产经营收入损失比例", "Share of farm income lost in a disaster"),
  "model.costs.housing_repair": def("yuan/household", "危房改造户均成本", "Cost of making a house safe"),
  "model.costs.water": def("yuan/household", "饮水安全户均成本", "Cost of safe water per household"),
  "model.measures.industry.unit_cost": def(
    "yuan/household",
    "产业帮扶户均成本",
    "Cost of industry support per household reached",
  ),
  "model.measures.employment.unit_cost": def(
    "yuan/household",
    "就业帮扶户均成本",
    "Cost of employment support per household reached",
  ),
  "model.measures.insurance.unit_cost": def(
    "yuan/household",
    "参保资助户均成本",
    "Cost of insuring an uninsured poor household (premium subsidy)",
  ),
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
  "exit.village_incidence_max": share("贫困村出列的贫困发生率上限", "Village exit: highest poverty incidence"),
  "exit.county_incidence_max": share("贫困县摘帽的贫困发生率上限", "County exit: highest poverty incidence"),
  "exit.county_wrong_exit_max": share("错退率上限", "County exit: highest wrong-exit rate"),
  "exit.county_missed_poor_max": share("漏评率上限", "County exit: highest missed-poor rate"),
  "exit.county_recognition_min": share("群众认可度下限", "County exit: least public recognition"),
  "exit.village_collective_income_min": def(
    "yuan/village",
    "出列村集体经济收入下限",
    "Village exit: least collective income",
  ),

  // incomes and the line
  "income.poverty_line": def("yuan/person/year", "国家扶贫标准（现价）", "National poverty line (current prices)"),
  "income.rural_growth": share("农民收入年增长率", "Yearly growth of rural incomes", { min: -1 }),

  // fiscal
  "fiscal.revenue_growth": share("地方财政收入增长率", "Growth of local fiscal revenue", { min: -1 }),
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
  ),
  "industry.loan_quota_per_household": def(
    "yuan/household",
    "每带动一户贫困户贴息贷款额度",
    "Fully subsidised loan quota per poor household brought along",
  ),
  "industry.pv_villages": def("villages", "光伏扶贫电站覆盖贫困村", "Poor villages with photovoltaic stations"),
  "industry.pv_village_income_min": def(
    "yuan/village",
    "光伏电站村集体年收益下限",
    "Least yearly collective income from a village PV station",
  ),
  "industry.leading_firm_village_coverage_min": share(
    "龙头企业覆盖贫困村比例下限",
    "Least share of poor villages covered by leading firms",
  ),
  "industry.leading_firm_household_coverage_min": share(
    "龙头企业覆盖有劳动能力贫困户比例下限",
    "Least share of able poor households covered by leading firms",
  ),

  // employment
  "employment.poor_share_target": share(
    "扶贫车间和公益岗位吸纳贫困人口比例",
    "Share of poor people among workshop and public-welfare hires",
  ),
  "employment.urban_placements": def(
    "people",
    "主城区每年安置贫困劳动力",
    "Poor workers placed in main urban districts per year",
  ),
  "employment.public_jobs_weak_labour": def(
    "people",
    "弱劳动力公益性岗位",
    "Public-welfare jobs for weak-labour poor people per year",
  ),
  "employment.startup_loan_max": def("yuan/person", "创业担保贷款上限", "Largest start-up guarantee loan"),
  "employment.startup_loan_years": def("year", "创业担保贷款期限", "Term of start-up guarantee loans", { max: 30 }),

  // relocation
  "relocation.workers_per_household_min": def(
    "people/household",
    "搬迁户稳定就业人数下限",
    "Least stably employed workers per relocated household",
    { max: 10 },
  ),

  // ecology
  "ecology.forest_rangers": def("people", "建档立卡贫困人口生态护林员", "Forest rangers from poor households"),
  "ecology.forest_compensation_area": def("mu", "公益林生态补偿面积", "Forest area under ecological compensation"),

  // education
  "education.university_set_aside_share": share(
    "高校事业收入提取资助比例",
    "University business income set aside for poor students",
  ),
  "education.vocational_students": def(
    "students",
    "雨露计划职业教育补助人数",
    "Students in the 雨露计划 vocational subsidy per year",
  ),

  // health
  "health.insured_share": share("贫困人口参保比例", "Poor people insured"),
  "health.premium_subsidy_min": share("参保个人缴费补贴比例下限", "Least premium subsidy"),
  "health.base_reimbursement": share(
    "基本医保和大病保险报销比例",
    "Reimbursement by basic and critical-illness insurance",
  ),
  "health.topup_reimbursement": share("兜底后报销比例", "Reimbursement after the county top-up"),
  "health.inpatient_selfpay_max": share("住院自付比例上限", "Largest self-paid share of compliant inpatient costs"),
  "health.outpatient_selfpay_max": share("门诊自付比例上限", "Largest self-paid share of outpatient costs"),
  "health.in_county_inpatient_reimbursement_min": share(
    "县域内住院报销比例下限",
    "Least in-county inpatient reimbursement",
  ),
  "health.assistance_ceiling": def(
    "yuan/person/year",
    "医疗救助年封顶线",
    "Ceiling of medical assistance per person and year",
  ),
  "health.chronic_contract_share": share("四种慢病签约服务比例", "Four chronic diseases under contracted care"),
  "health.chronic_home_visits": def("times/year", "慢病患者年随访次数", "Home visits a year to chronic patients", {
    max: 365,
  }),

  // water
  "water.litres_per_person_day_min": def("litres/person/day", "人均日供水量下限", "Least water per person and day"),
  "water.fetch_minutes_max": def("minutes", "取水往返时间上限", "Longest round trip to fetch water"),
  "water.supply_guarantee_min": share("供水保证率下限", "Least water supply guarantee"),

  // safety net
  "safety_net.dibao_standard": def(
    "yuan/person/year",
    "农村低保标准",
    "Rural minimum living allowance (dibao) standard",
  ),
  "safety_net.dibao_rises_yearly": def(
    "flag",
    "逐年提高农村低保标准",
    "The rural dibao standard is raised every year",
    { max: 1, integer: true },
  ),
  "safety_net.transition_months": def(
    "months",
    "收入超过低保标准后的渐退期",
    "Transition period of dibao after income passes the line",
    { max: 36 },
  ),
  "safety_net.transition_months_slow_industry": def(
    "months",
    "见效慢产业的渐退期",
    "Transition period for slow-return industries",
    { max: 36 },
  ),

  // monitoring and protection against return
  "monitoring.frequency": def("times/year", "动态监测频次", "Monitoring rounds per year", { max: 365 }),
  "monitoring.income_band_multiple": def(
    "/1",
    "监测对象收入线（扶贫标准的倍数）",
    "Monitoring band: income below this multiple of the line",
    { min: 1, max: 5 },
  ),
  "monitoring.share_target": share(
    "监测对象规模（占建档立卡人口）",
    "Monitored population as a share of registered poor",
  ),
  "monitoring.share_max": share("深度贫困地区监测对象规模上限", "Largest monitored share in deep-poverty areas"),
  "monitoring.detection_rate": share("监测发现率", "Share of at-risk households the monitoring finds"),
  "monitoring.policy_kept_after_exit": def(
    "flag",
    "摘帽不摘责任、政策、帮扶、监管",
    "Policy kept after exit (四不摘)",
    { max: 1, integer: true },
  ),
  "monitoring.reentry": def(
    "flag",
    "脱贫即出、返贫即入（动态管理）",
    "Dynamic registry: exit when out, re-enter when back",
    { max: 1, integer: true },
  ),
  "monitoring.watch_unstable_exited": def("flag", "重点监测不稳定脱贫户", "Unstable exited households are watched", {
    max: 1,
    integer: true,
  }),
  "monitoring.watch_marginal": def("flag", "重点监测贫困边缘户", "Marginal households near the line are watched", {
    max: 1,
    integer: true,
  }),
  "monitoring.listed_village_poor_min": def(
    "people",
    "挂牌督战村：贫困人口下限",
    "Villages listed for supervision: at least this many poor people",
  ),
  "monitoring.listed_village_remaining_min": def(
    "people",
    "挂牌督战村：上年底未脱贫人口下限",
    "Villages listed for supervision: at least this many not yet out at the end of the previous year",
  ),
  "monitoring.listed_relocation_site_min": def(
    "people",
    "挂牌督战的集中安置点：人口下限",
    "Relocation sites listed for supervision: at least this many people",
  ),
  "monitoring.cadre_pairing": def("flag", "干部结对帮扶每户", "A cadre paired with every poor household", {
    max: 1,
    integer: true,
  }),

  // assessment
  "assessment.crosscheck_weight_min": share(
    "交叉检查在乡镇考核中的权重下限",
    "Least weight of the June cross-check in the township assessment",
  ),
  "assessment.bottom_accountable": def("townships", "排名靠后问责乡镇数", "Bottom-ranked townships held to account"),

  // shocks
  "shocks.epidemic.migrant_job_loss_share": share(
    "疫情导致外出务工失业比例",
    "Share of migrant poor workers losing work to the epidemic",
  ),
  "shocks.epidemic.months_lost": def("months", "疫情损失务工月数", "Months of migrant work lost to the epidemic", {
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
