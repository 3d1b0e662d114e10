import { ValidationError } from "../errors.js";
import { msg } from "../messages.js";
import { yearStart } from "../parameters/period.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { costPath, GUARANTEES, MEASURE_TABLE, type GuaranteeDef, type MeasureTable } from "../model/measures.js";
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
    floor: floorAt(r, year),
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
    housingRepairCost: r.need("model.costs.housing_repair", year),
    waterCost: r.need("model.costs.water", year),
    industryUnitCost: r.need("model.measures.industry.unit_cost", year),
    employmentUnitCost: r.need("model.measures.employment.unit_cost", year),
    insuranceUnitCost: r.need("model.measures.insurance.unit_cost", year),
    measures,
    measureAmount: Float64Array.from(measures, (m) => value(m.effect.kind === "income" ? m.effect.amount : undefined)),
    measureCost: Float64Array.from(measures, (m) => value(costPath(m))),
    measureCoverage: Float64Array.from(measures, (m) => value(m.coverage)),
    guaranteeCost: Float64Array.from(GUARANTEES, (g: GuaranteeDef) => value(g.cost)),
  };
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
  };
}
