import { ValidationError } from "../errors.js";
import { msg } from "../messages.js";
import { yearStart } from "../parameters/period.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { commitmentAt, committedCoverage } from "./commitments.js";
import { costPath, GUARANTEES, MEASURE_TABLE, type GuaranteeDef, type MeasureTable } from "../model/measures.js";
import {
  chronicIllnessProb,
  illnessOutOfPocket,
  insuranceCoverage,
  insuranceTakeUp,
  STANDARD_FOLLOW_UPS,
  type HealthCover,
} from "../model/health.js";
import { programmeYear, type ProgrammeYear } from "./programmes.js";
import { yearlyDetection } from "../model/protection.js";

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
  /** The county assessment's wrong-exit and missed-poor limits (held back from 摘帽 above them, aligned run). */
  countyWrongExitMax: number;
  countyMissedPoorMax: number;
  /** The aligned run's bound on its effort and the scale of its assessment error, as multiples of the line
   *  (src/engine/align.ts). */
  alignEffortMax: number;
  alignIncomeError: number;
  /** Safety-net floor, as a multiple of the line. */
  floorRatio: number;
  /**
   * The safety-net floor, yuan per person a year: the rural dibao standard where the plan sets one
   * (`safety_net.dibao_standard`, e.g. Hengyang's 4,000 yuan from 2020, 002 §三(三)3), and at least
   * `model.safety_net.floor_ratio` × the line (1 once the two lines are merged, 两线合一, 000 §一(二)).
   */
  floor: number;
  /** Share of a serious illness's cost reimbursed for an insured household (derived from `health` by
   *  `illnessOutOfPocket`, for reports; the step and the hazard call that function). */
  reimbursement: number;
  /** The year's health cover a serious illness runs through (src/model/health.ts). */
  health: HealthCover;
  illnessProb: number;
  /** For a household with a chronically ill or disabled member or an elderly-only one, after contracted
   *  chronic care (`chronicIllnessProb`, src/model/health.ts). */
  illnessProbChronic: number;
  illnessCost: number;
  disasterProb: number;
  disasterLossShare: number;
  /** Share of labour households losing migrant work to the epidemic this year (0 when no epidemic). */
  epidemicJobLossShare: number;
  epidemicMonthsLost: number;
  /** Months of safety net after exit (transition period, 渐退期). */
  transitionMonths: number;
  /** The longer transition of a household whose industry income is not yet stable (reached by industry
   *  support in its exit year or since; 000 §二(二)8: up to 12 months); 0 when the plan sets none or has no
   *  transition. Such a household has the longer of the two (`exitedCatch`). */
  transitionMonthsSlowIndustry: number;
  /** Chance in a year that monitoring finds a falling exited household inside the band and lifts it back:
   *  the per-round detection over the year's rounds (`yearlyDetection`, src/model/protection.ts); 0 when
   *  the plan does not monitor exited households. */
  monitorExited: number;
  /** The same for marginal (near-poor) households; 0 unless the plan watches them. */
  monitorMarginal: number;
  /** Chance in a year that a paired cadre (结对帮扶) catches the fall of an exited household, whatever its
   *  income; 0 without cadre pairing. */
  cadreExited: number;
  /** 1 when a returned household re-enters the registry and gets the measures again (脱贫即出、返贫即入). */
  reentry: number;
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
  /** Village exit: least collective income, yuan a year (0: no condition; Kunming 000 §一(二), Quanzhou 003 §六). */
  villageCollectiveIncomeMin: number;
  /** Poor villages with a PV station, and the least collective income a station gives its village (000 §二(二)1). */
  pvVillages: number;
  pvVillageIncome: number;
  /** Listed villages (挂牌督战, 002 §三(二)): least registered poor, least poor not yet out at the start
   *  (Infinity when the plan lists none by that criterion). */
  listedVillagePoorMin: number;
  listedVillageRemainingMin: number;
  /** Per village, 1 when listed (`listedVillages` in src/engine/villages.ts, set by the run from the registry):
   *  every measure reaches all eligible poor households there. Absent: no village is listed. */
  listedVillages?: Uint8Array;
  housingRepairCost: number;
  waterCost: number;
  /** Unit costs of the measures money buys (yuan per household reached). */
  industryUnitCost: number;
  employmentUnitCost: number;
  insuranceUnitCost: number;
  /** Unit costs of every funded measure in a deeply impoverished county, as a multiple of the plan's unit
   *  costs (remote, mountainous; `model.costs.deep_county_multiplier`); other counties pay the plan's. */
  deepCountyCostMultiplier: number;
  /** The measures of the year (src/model/measures.ts), and per measure in table order its income amount (0
   *  unless it raises an income), unit cost (0 when it has none) and largest yearly coverage (for a guarantee
   *  measure, the path of the plan's commitment where it has one: src/engine/commitments.ts). */
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
  /** Mean collective operating income of a poor village at the start, yuan a year (exponential). */
  collectiveIncomeMean: number;
  /** County types (deep poor, ordinary poor, non-poor): `countyTypes` in src/engine/countyTypes.ts. */
  countyTypes: CountyTypeParams;
}

/** How the registered poor differ by county type (the generator's `model.registry.*_county.*` parameters). */
export interface CountyTypeParams {
  /** Poverty incidence of a deep county relative to an ordinary poor county of the same region. */
  deepIncidenceRatio: number;
  /** Mean income ratio (to the line) of the registered poor, by type relative to the region's mean
   *  (`[non-poor, ordinary poor, deep]`, ordinary 0; re-centred on the region's mean). */
  incomeRatioShift: [number, number, number];
  /** The same for the share of households without labour. */
  noLabourShift: [number, number, number];
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
  const health = healthCover(s, year);
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
    floor: floorAt(r, year),
    reimbursement: reimbursedShare(r.need("model.shocks.illness_cost", year), health),
    health,
    illnessProb: r.need("model.shocks.illness_prob", year),
    // contracted care of the four chronic diseases (002 §三(三)2) lowers the higher chance
    illnessProbChronic: chronicIllnessProb(
      r.need("model.shocks.illness_prob_chronic", year),
      r.opt("health.chronic_contract_share", year, 0),
      // contracted patients get the national standard's follow-ups unless the plan states its own
      r.opt("health.chronic_home_visits", year, STANDARD_FOLLOW_UPS),
      r.need("model.health.chronic_care_effect", year),
    ),
    illnessCost: r.need("model.shocks.illness_cost", year),
    disasterProb: r.need("model.shocks.disaster_prob", year),
    disasterLossShare: r.need("model.shocks.disaster_loss_share", year),
    epidemicJobLossShare: r.opt("shocks.epidemic.migrant_job_loss_share", year, 0),
    epidemicMonthsLost: r.opt("shocks.epidemic.months_lost", year, 0),
    transitionMonths: r.opt("safety_net.transition_months", year, 0),
    // 回报周期较长的产业可适当延长至12个月 (000 §二(二)8): it extends the transition, so without one there is
    // nothing to extend
    transitionMonthsSlowIndustry:
      r.opt("safety_net.transition_months", year, 0) > 0
        ? r.opt("safety_net.transition_months_slow_industry", year, 0)
        : 0,
    policyKeptAfterExit: r.opt("monitoring.policy_kept_after_exit", year, 0),
    ...monitoringAt(r, year),
    reentry: r.need("monitoring.reentry", year),
    monitoringBand: r.need("monitoring.income_band_multiple", year),
    returnLevel: r.need("model.risk.return_level", year),
    deepAreaDisasterMultiplier: r.need("model.risk.deep_area_disaster_multiplier", year),
    fragileIncomeSdMultiplier: r.need("model.risk.fragile_income_sd_multiplier", year),
    villageIncidenceMax: r.need("exit.village_incidence_max", year),
    countyIncidenceMax: r.need("exit.county_incidence_max", year),
    countyWrongExitMax: r.need("exit.county_wrong_exit_max", year),
    countyMissedPoorMax: r.need("exit.county_missed_poor_max", year),
    alignEffortMax: r.need("model.alignment.effort_max", year),
    alignIncomeError: r.need("model.alignment.income_error", year),
    // no national amount: the national standard measures a village's exit by its incidence alone, so there is
    // no collective-income condition unless a plan sets one (Kunming 000 §一(二), Quanzhou 003 §六)
    villageCollectiveIncomeMin: r.opt("exit.village_collective_income_min", year, 0),
    pvVillages: r.opt("industry.pv_villages", year, 0),
    pvVillageIncome: r.opt("industry.pv_village_income_min", year, 0),
    listedVillagePoorMin: r.opt("monitoring.listed_village_poor_min", year, Infinity),
    listedVillageRemainingMin: r.opt("monitoring.listed_village_remaining_min", year, Infinity),
    housingRepairCost: r.need("model.costs.housing_repair", year),
    waterCost: r.need("model.costs.water", year),
    industryUnitCost: r.need("model.measures.industry.unit_cost", year),
    employmentUnitCost: r.need("model.measures.employment.unit_cost", year),
    insuranceUnitCost: r.need("model.measures.insurance.unit_cost", year),
    deepCountyCostMultiplier: r.need("model.costs.deep_county_multiplier", year),
    measures,
    measureAmount: Float64Array.from(measures, (m) => value(m.effect.kind === "income" ? m.effect.amount : undefined)),
    measureCost: withLoanSubsidy(
      Float64Array.from(measures, (m) => value(costPath(m))),
      measures,
      r.opt("industry.loan_quota_per_household", year, 0),
      () => r.need("model.industry.benchmark_rate", year),
    ),
    // the insurance measure aims at the plan's insured share (take-up by the premium subsidy); a commitment
    // then raises a guarantee measure's coverage to its completion path, within the capacity
    measureCoverage: withTakeUp(
      s,
      year,
      measures,
      committedCoverage(
        s,
        year,
        measures,
        Float64Array.from(measures, (m) =>
          m.id === INSURANCE ? insuranceReach(s, year, value(m.coverage)) : value(m.coverage),
        ),
      ),
    ),
    guaranteeCost: Float64Array.from(GUARANTEES, (g: GuaranteeDef) => value(g.cost)),
    ...withProgrammeParams(s, year, measures, r),
  };
}

/**
 * The year's health cover (src/model/health.ts): basic + critical-illness reimbursement, and the plan's
 * guarantees where it states them — the county top-up, the in-county inpatient floor, the self-pay caps (000
 * §二(二)5; 002 §三(三)2) and the medical-assistance ceiling (000 §二(二)5) —, neutral where it does not.
 */
export function healthCover(s: ResolvedScenario, year: number): HealthCover {
  const r = reader(s);
  return {
    base: r.need("health.base_reimbursement", year),
    topup: r.opt("health.topup_reimbursement", year, 0),
    inCountyMin: r.opt("health.in_county_inpatient_reimbursement_min", year, 0),
    inpatientSelfPayMax: r.opt("health.inpatient_selfpay_max", year, 1),
    outpatientSelfPayMax: r.opt("health.outpatient_selfpay_max", year, 1),
    assistanceCeiling: r.opt("health.assistance_ceiling", year, Infinity),
    inpatientShare: r.need("model.health.inpatient_share", year),
  };
}

/** Share of a serious illness's cost the cover pays an insured household (the ceiling makes it depend on
 *  the cost); for a cost of 0, that of 1 yuan. */
function reimbursedShare(cost: number, health: HealthCover): number {
  const c = cost > 0 ? cost : 1;
  return 1 - illnessOutOfPocket(c, health, true) / c;
}

/** The insurance measure's id in the measure table (its coverage is the enrolment drive's, see below). */
const INSURANCE = "insurance";

/**
 * The insurance enrolment drive's reach (`insuranceCoverage` with full take-up, src/model/health.ts): the
 * guarantees' pace, or the reach the plan's insured-share commitment needs (`health.insured_share`). A dated
 * commitment may raise it further (`committedCoverage`); `withTakeUp` then applies the premium subsidy's take-up.
 */
function insuranceReach(s: ResolvedScenario, year: number, pace: number): number {
  // a dated commitment owns the path (its share is the insured share's, `commitmentAt`); undated, the insured
  // share is to be reached now
  if (commitmentAt(s, "insurance", year)) return pace;
  const target = s.parameters.get("health.insured_share")?.entryAt(yearStart(year))?.value;
  return insuranceCoverage(pace, target, reader(s).need("model.registry.uninsured_share", s.horizon.start), 1);
}

/**
 * Of the uninsured the drive reaches (by the pace, the insured-share commitment or a dated commitment's path),
 * the share who enrol: the take-up the premium subsidy buys (`health.premium_subsidy_min`, 000 §二(二)5: 100%;
 * 002 §三(三)2: ≥ 50%; `insuranceTakeUp`).
 */
function withTakeUp(s: ResolvedScenario, year: number, measures: MeasureTable, coverage: Float64Array): Float64Array {
  const k = measures.findIndex((m) => m.id === INSURANCE);
  if (k < 0) return coverage;
  const r = reader(s);
  coverage[k] *= insuranceTakeUp(
    r.need("health.premium_subsidy_min", year),
    r.need("model.health.takeup_unsubsidised", year),
  );
  return coverage;
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

/**
 * The safety-net floor of a year, yuan per person: the plan's dibao standard and at least floor_ratio × the
 * line; where the plan raises the dibao standard every year (逐年提高农村最低生活保障水平, 003 §五, no amount
 * given), at least last year's floor raised by `model.safety_net.dibao_yearly_rise`.
 */
function floorAt(r: ReturnType<typeof reader>, year: number): number {
  const rule = Math.max(
    r.opt("safety_net.dibao_standard", year, 0),
    r.need("model.safety_net.floor_ratio", year) * r.need("income.poverty_line", year),
  );
  if (!(r.opt("safety_net.dibao_rises_yearly", year, 0) > 0)) return rule;
  // the year before: its own floor (raised too while the flag held), or its rule; no line, no rise to apply
  if (Number.isNaN(r.opt("income.poverty_line", year - 1, NaN))) return rule;
  return Math.max(rule, floorAt(r, year - 1) * (1 + r.need("model.safety_net.dibao_yearly_rise", year)));
}

/**
 * The year's monitoring (防返贫动态监测). Who is watched: a plan's flag for unstable exited households
 * (002 §三(二)) or marginal ones (边缘户, 002 §三(二)) decides for its group; where the plan sets no flag for
 * a group, a stated monitoring frequency watches it (Kunming monitors all rural residents every quarter,
 * 000 §五(一)). How often: the plan's frequency, else `model.monitoring.frequency_default`. Each round finds a
 * fallen household on the list with `monitoring.detection_rate`. A paired cadre (monitoring.cadre_pairing:
 * 002 §三(一)3, 003 §十一) catches a fall of a registered household with its own yearly chance.
 */
function monitoringAt(r: ReturnType<typeof reader>, year: number) {
  const stated = r.opt("monitoring.frequency", year, NaN);
  const byFrequency = stated > 0;
  const watches = (flag: string) => {
    const v = r.opt(flag, year, NaN);
    return Number.isNaN(v) ? byFrequency : v > 0;
  };
  const exited = watches("monitoring.watch_unstable_exited"),
    marginal = watches("monitoring.watch_marginal");
  const detection =
    exited || marginal
      ? yearlyDetection(
          r.need("monitoring.detection_rate", year),
          Number.isNaN(stated) ? r.need("model.monitoring.frequency_default", year) : stated,
        )
      : 0;
  return {
    monitorExited: exited ? detection : 0,
    monitorMarginal: marginal ? detection : 0,
    cadreExited: r.opt("monitoring.cadre_pairing", year, 0) > 0 ? r.need("model.monitoring.cadre_detection", year) : 0,
  };
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
    countyTypes: {
      deepIncidenceRatio: r.need("model.registry.deep_county.incidence_ratio", y),
      incomeRatioShift: [
        r.need("model.registry.nonpoor_county.income_ratio_shift", y),
        0,
        r.need("model.registry.deep_county.income_ratio_shift", y),
      ],
      noLabourShift: [
        r.need("model.registry.nonpoor_county.no_labour_shift", y),
        0,
        r.need("model.registry.deep_county.no_labour_shift", y),
      ],
    },
    collectiveIncomeMean: r.need("model.villages.collective_income_mean", y),
  };
}
