import { ValidationError } from "../errors.js";
import { msg } from "../messages.js";
import { yearStart } from "../parameters/period.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { costPath, GUARANTEES, MEASURE_TABLE, type GuaranteeDef, type MeasureTable } from "../model/measures.js";
import { programmeYear, type ProgrammeYear } from "./programmes.js";

/**
 * The engine's inputs for one year, read once before anything runs (so a missing value stops the run with
 * the parameter's name before the first replicate). Paths are those of the catalog; every plan inherits
 * scenarios/base/defaults.yaml, where each has its provenance.
 */
export interface YearParams {
  year: number;
  /** Poverty line, yuan per person per year (household exit: income per person above it). */
  line: number;
  growth: number;
  growthSd: number;
  industryCoverage: number;
  industryEffect: number;
  employmentCoverage: number;
  employmentEffect: number;
  repairShare: number;
  relocationCoverage: number;
  relocationCost: number;
  ecologyCoverage: number;
  ecologyEffect: number;
  educationRepairShare: number;
  educationEffect: number;
  safetyNetCoverage: number;
  /** Safety-net floor, as a multiple of the line. */
  floorRatio: number;
  /**
   * The safety-net floor, yuan per person a year: the rural dibao standard where the plan sets one
   * (`safety_net.dibao_standard`, e.g. Hengyang's 4,000 yuan from 2020, 002 §三(三)3), and at least
   * `model.safety_net.floor_ratio` × the line (1 once the two lines are merged, 两线合一, 000 §一(二)).
   */
  floor: number;
  reimbursement: number;
  illnessProb: number;
  illnessProbChronic: number;
  illnessCost: number;
  disasterProb: number;
  disasterLossShare: number;
  /** Share of labour households losing migrant work to the epidemic this year (0 when no epidemic). */
  epidemicJobLossShare: number;
  epidemicMonthsLost: number;
  /** Months of safety net after exit (transition period, 渐退期). */
  transitionMonths: number;
  /** Chance that monitoring finds a falling exited household inside the band and lifts it back (0 when the
   *  plan does not monitor exited households). */
  monitorExited: number;
  /** The same for marginal (near-poor) households; 0 unless the plan watches them. */
  monitorMarginal: number;
  /** Disaster probability multiplier in deep-poverty areas (disaster-prone). */
  deepAreaDisasterMultiplier: number;
  /** Growth-noise multiplier for a single market income source or a relocated household. */
  fragileIncomeSdMultiplier: number;
  /** Share of uncaught falls below the line that last (become a return or a new entry): the hazard's level. */
  returnLevel: number;
  /** The monitoring band: income per person under this multiple of the line. */
  monitoringBand: number;
  /** 1 when exited households keep their support (四不摘 / policy kept after exit). */
  policyKeptAfterExit: number;
  villageIncidenceMax: number;
  countyIncidenceMax: number;
  housingRepairCost: number;
  waterCost: number;
  /** Unit costs of the measures money buys (yuan per household reached). */
  industryUnitCost: number;
  employmentUnitCost: number;
  insuranceUnitCost: number;
  /** The measures of the year (src/model/measures.ts), and per measure in table order its income amount (0
   *  unless it raises an income), unit cost (0 when it has none) and largest yearly coverage. */
  measures: MeasureTable;
  measureAmount: Float64Array;
  measureCost: Float64Array;
  measureCoverage: Float64Array;
  /** Cost of putting each guarantee right (`GUARANTEES` order; 0 for one without a cost). */
  guaranteeCost: Float64Array;
  /**
   * Coverage per county and funded measure (`[c * K + k]`, the funded measures of `measures` in table
   * order) when money limits the measures; absent, every county takes the largest coverages.
   */
  coverage?: Float64Array;
  /** The plan's programmes of the year (counts and shares that set measures' coverages at the start of
   *  the year, src/engine/programmes.ts); absent when the plan states none in force. */
  programmes?: ProgrammeYear;
  /** Stably employed workers a relocated household with labour is given (at most its labourers; each
   *  with the employment measure's income and unit cost): 1 unless the plan sets more (004 §四(三)). */
  relocationWorkers?: number;
  /** Yuan per household added to transfer income this year as a standing payment changes (forest
   *  compensation, 000 §二(二)7): this year's payment per household less last year's. */
  standingTransfer?: number;
}

/** The registry generator's inputs (read at the first year). */
export interface RegistryParams {
  maxRows: number;
  householdSize: number;
  incomeRatioMean: number;
  incomeRatioSd: number;
  illnessCauseShare: number;
  disabilityCauseShare: number;
  noLabourShare: number;
  housingUnsafeShare: number;
  waterUnsafeShare: number;
  uninsuredShare: number;
  schoolingUnmetShare: number;
  poorVillageShare: number;
  poorCountyPoorShare: number;
  poorCountyPopulationShare: number;
  marginalRatio: number;
  /** Mean margin above the line of households that exited before the horizon (income per person =
   *  (1 + X) × line, X exponential). */
  exitedIncomeMargin: number;
}

function reader(s: ResolvedScenario) {
  const file = s.files[0].file;
  return {
    need(path: string, year: number): number {
      const v = s.parameters.get(path)?.entryAt(yearStart(year))?.value;
      if (v === undefined) {
        const m = s.parameters.has(path) ? msg.noValueAt(path, year) : msg.missingParameter(path);
        throw new ValidationError([{ file, line: 0, column: 0, path: `parameters.${path}`, message: m }]);
      }
      return v;
    },
    opt(path: string, year: number, fallback: number): number {
      return s.parameters.get(path)?.entryAt(yearStart(year))?.value ?? fallback;
    },
  };
}

/** The year's parameters of a scenario, for a measure table (the shipped one unless given). */
export function yearParams(s: ResolvedScenario, year: number, measures: MeasureTable = MEASURE_TABLE): YearParams {
  const r = reader(s);
  const value = (path: string | number | undefined) =>
    path === undefined ? 0 : typeof path === "number" ? path : r.need(path, year);
  const base = r.need("health.base_reimbursement", year);
  return {
    year,
    line: r.need("income.poverty_line", year),
    growth: r.need("model.income.growth", year),
    growthSd: r.need("model.income.growth_sd", year),
    industryCoverage: r.need("model.measures.industry.coverage", year),
    industryEffect: r.need("model.measures.industry.effect", year),
    employmentCoverage: r.need("model.measures.employment.coverage", year),
    employmentEffect: r.need("model.measures.employment.effect", year),
    repairShare: r.need("model.measures.guarantees.repair_share", year),
    relocationCoverage: r.need("model.measures.relocation.coverage", year),
    relocationCost: r.need("model.costs.relocation", year),
    ecologyCoverage: r.need("model.measures.ecology.coverage", year),
    ecologyEffect: r.need("model.measures.ecology.effect", year),
    educationRepairShare: r.need("model.measures.education.repair_share", year),
    educationEffect: r.need("model.measures.education.effect", year),
    safetyNetCoverage: r.need("model.measures.safety_net.coverage", year),
    floorRatio: r.need("model.safety_net.floor_ratio", year),
    floor: Math.max(
      r.opt("safety_net.dibao_standard", year, 0),
      r.need("model.safety_net.floor_ratio", year) * r.need("income.poverty_line", year),
    ),
    // the county top-up (e.g. 70% → 90%, 000 §二(二)) applies where a plan sets it
    reimbursement: Math.max(base, r.opt("health.topup_reimbursement", year, base)),
    illnessProb: r.need("model.shocks.illness_prob", year),
    illnessProbChronic: r.need("model.shocks.illness_prob_chronic", year),
    illnessCost: r.need("model.shocks.illness_cost", year),
    disasterProb: r.need("model.shocks.disaster_prob", year),
    disasterLossShare: r.need("model.shocks.disaster_loss_share", year),
    epidemicJobLossShare: r.opt("shocks.epidemic.migrant_job_loss_share", year, 0),
    epidemicMonthsLost: r.opt("shocks.epidemic.months_lost", year, 0),
    transitionMonths: r.opt("safety_net.transition_months", year, 0),
    policyKeptAfterExit: r.opt("monitoring.policy_kept_after_exit", year, 0),
    // monitoring: a plan that watches unstable exited households, or sets a monitoring frequency, monitors
    // exited households; one that watches marginal households monitors those too (002 §二; 000 §二(三))
    monitorExited:
      r.opt("monitoring.watch_unstable_exited", year, 0) > 0 || r.opt("monitoring.frequency", year, 0) > 0
        ? r.need("monitoring.detection_rate", year)
        : 0,
    monitorMarginal: r.opt("monitoring.watch_marginal", year, 0) > 0 ? r.need("monitoring.detection_rate", year) : 0,
    monitoringBand: r.need("monitoring.income_band_multiple", year),
    returnLevel: r.need("model.risk.return_level", year),
    deepAreaDisasterMultiplier: r.need("model.risk.deep_area_disaster_multiplier", year),
    fragileIncomeSdMultiplier: r.need("model.risk.fragile_income_sd_multiplier", year),
    villageIncidenceMax: r.need("exit.village_incidence_max", year),
    countyIncidenceMax: r.need("exit.county_incidence_max", year),
    housingRepairCost: r.need("model.costs.housing_repair", year),
    waterCost: r.need("model.costs.water", year),
    industryUnitCost: r.need("model.measures.industry.unit_cost", year),
    employmentUnitCost: r.need("model.measures.employment.unit_cost", year),
    insuranceUnitCost: r.need("model.measures.insurance.unit_cost", year),
    measures,
    measureAmount: Float64Array.from(measures, (m) => value(m.effect.kind === "income" ? m.effect.amount : undefined)),
    measureCost: withLoanSubsidy(
      Float64Array.from(measures, (m) => value(costPath(m))),
      measures,
      r.opt("industry.loan_quota_per_household", year, 0),
      () => r.need("model.industry.benchmark_rate", year),
    ),
    measureCoverage: Float64Array.from(measures, (m) => value(m.coverage)),
    guaranteeCost: Float64Array.from(GUARANTEES, (g: GuaranteeDef) => value(g.cost)),
    ...withProgrammeParams(s, year, measures, r),
  };
}

/**
 * The industry measure's unit cost with the interest subsidy of the loan quota a firm gets per poor
 * household it brings along (000 §二(二)1: 每带动1户按照给予2万元贷款额度同期同档次基准利率全额贴息): the
 * quota × the benchmark lending rate, a year's interest paid in full, on top of the household's project.
 */
function withLoanSubsidy(cost: Float64Array, measures: MeasureTable, quota: number, rate: () => number) {
  const k = measures.findIndex((m) => m.id === "industry");
  if (k >= 0 && quota > 0) cost[k] += quota * rate();
  return cost;
}

/** The year's programmes, relocation's workers and standing transfers (the fields of issue 13, item 2). */
function withProgrammeParams(
  s: ResolvedScenario,
  year: number,
  measures: MeasureTable,
  r: ReturnType<typeof reader>,
): Pick<YearParams, "programmes" | "relocationWorkers" | "standingTransfer"> {
  const programmes = programmeYear(s, year, measures);
  const compensation = (y: number) => forestCompensation(s, y, r);
  return {
    ...(programmes ? { programmes } : {}),
    // 004 §四(三), 000 §二(二)3: 确保贫困搬迁家庭至少1个劳动力实现稳定就业
    relocationWorkers: r.opt("relocation.workers_per_household_min", year, 1),
    standingTransfer: compensation(year) - (year > s.horizon.start ? compensation(year - 1) : 0),
  };
}

/**
 * Forest compensation per household a year (000 §二(二)7: 每年…实施公益林生态效益补偿600万亩以上): the plan's
 * compensated area × yuan per mu, over the region's rural households (rural population ÷ household size;
 * assumption: the area is spread over every rural household, poor or not, and the payment reaches them).
 * The payment is a standing transfer: it enters a household's transfer income in the year the plan starts
 * it (assumption: the registry's incomes at the start exclude the plan's compensation) and changes with it.
 */
function forestCompensation(s: ResolvedScenario, year: number, r: ReturnType<typeof reader>): number {
  const area = r.opt("ecology.forest_compensation_area", year, 0);
  if (area <= 0) return 0;
  const poor = s.baseline.poor_people?.value ?? 0;
  const rural = s.baseline.rural_population?.value ?? poor / (s.baseline.poverty_incidence?.value ?? 0.1);
  const size = s.baseline.household_size?.value ?? r.need("model.registry.household_size", year);
  const households = rural / size;
  return households > 0 ? (area * r.need("model.ecology.compensation_per_mu", year)) / households : 0;
}

export function registryParams(s: ResolvedScenario): RegistryParams {
  const r = reader(s);
  const y = s.horizon.start;
  return {
    maxRows: r.need("model.registry.max_rows", y),
    householdSize: r.need("model.registry.household_size", y),
    incomeRatioMean: r.need("model.registry.income_ratio_mean", y),
    incomeRatioSd: r.need("model.registry.income_ratio_sd", y),
    illnessCauseShare: r.need("model.registry.illness_cause_share", y),
    disabilityCauseShare: r.need("model.registry.disability_cause_share", y),
    noLabourShare: r.need("model.registry.no_labour_share", y),
    housingUnsafeShare: r.need("model.registry.housing_unsafe_share", y),
    waterUnsafeShare: r.need("model.registry.water_unsafe_share", y),
    uninsuredShare: r.need("model.registry.uninsured_share", y),
    schoolingUnmetShare: r.need("model.registry.schooling_unmet_share", y),
    poorVillageShare: r.need("model.registry.poor_village_share", y),
    poorCountyPoorShare: r.need("model.registry.poor_county_poor_share", y),
    poorCountyPopulationShare: r.need("model.registry.poor_county_population_share", y),
    marginalRatio: r.need("model.registry.marginal_ratio", y),
    exitedIncomeMargin: r.need("model.registry.exited_income_margin", y),
  };
}
