/**
 * tuopin — statistical simulation and scenario planning of poverty-alleviation policy.
 * Public API: named re-exports only, grouped by pipeline stage.
 */

// Scenarios: load, validate, resolve
export type {
  ScenarioSpec,
  Provenance,
  ProvenancedValue,
  Quantity,
  DatedSeries,
  DatedQuantity,
  TargetValue,
  TargetBound,
  DocumentRef,
  Unit,
  FundRule,
  FundRuleKind,
  AllocationSpec,
} from "./scenario/types.js";
export { UNITS } from "./scenario/types.js";
export {
  COMMON_RULE_FIELDS,
  RULE_KINDS,
  RULE_KIND_NAMES,
  type FieldSpec,
  type FundNature,
  type RuleKind,
} from "./scenario/ruleKinds.js";
export {
  readScenarioFile,
  parseScenarioText,
  readScenarioChain,
  expandScenarioPaths,
  type ScenarioFile,
} from "./scenario/load.js";
export {
  loadScenario,
  resolveChain,
  citedDocument,
  targetIn,
  horizonYears,
  type ResolvedScenario,
  type ResolvedFundRule,
  type ResolvedProgramme,
  type ResolvedTarget,
  type ResolvedAllocation,
  type Sourced,
} from "./scenario/resolve.js";

export { overrideParameter } from "./scenario/override.js";
export { briefFamilies, planOf, type Family } from "./scenario/families.js";
export {
  explain,
  explainablePaths,
  formatExplanation,
  suggestPath,
  type Explanation,
  type ExplainedValue,
} from "./scenario/explain.js";
export {
  parameterRole,
  recordedNotSimulated,
  setByPlan,
  type ParameterRole,
  type RecordedParameter,
} from "./scenario/context.js";

// Parameters
export { PARAMETERS, BASELINE, TARGETS, type ParameterDef, type TargetDef } from "./parameters/catalog.js";
export { COMMITMENT_GUARANTEES } from "./parameters/catalog.js";
export { Parameter, type DatedValue } from "./parameters/parameter.js";
export { parsePeriodKey, formatInstant, type Period } from "./parameters/period.js";

// Data
export { loadRegions, REGION_LEVELS, type Region, type RegionTable, type RegionLevel } from "./data/regions.js";
export { loadObservations, type Observation } from "./data/observed.js";
export { parseCsv, readCsv, type CsvTable } from "./data/csv.js";
export {
  loadBaselines,
  loadDocuments,
  parseProvenanceCell,
  type BaselineRow,
  type BaselineMetric,
} from "./data/tables.js";

// Errors
export { ValidationError, formatProblem, didYouMean, editDistance, type Problem } from "./errors.js";
export { msg, type Bilingual } from "./messages.js";

// Randomness
export { seededRng, seedState, nextUint32, NORMAL_TABLE, normal, mix32, type Rng } from "./random/rng.js";

// Model: the household engine
export { METRICS, type Metric, type RunResult, type RunOptions } from "./model/types.js";
export {
  ENGINE_METRICS,
  YEAR_METRICS,
  fallSlot,
  type MetricDef,
  type MetricSource,
  type EngineMetric,
  type YearMetric,
} from "./model/metrics.js";
export {
  MEASURE_TABLE,
  GUARANTEES,
  SHOCKS,
  FALL_SHOCKS,
  Flag,
  DRAW,
  DRAWS,
  drawSlot,
  householdFlags,
  fundedMeasures,
  measurePaths,
  type MeasureDef,
  type MeasureEffect,
  type MeasureTable,
  type GuaranteeDef,
  type Guarantee,
  type Shock,
  type DrawName,
} from "./model/measures.js";
export {
  runHouseholds,
  quotaFor,
  hasQuota,
  recordYear,
  recordMetrics,
  MODES,
  type Mode,
  type EngineOptions,
  type MoneyProvider,
  type MoneyPlan,
  type YearMoney,
  type Quota,
} from "./engine/run.js";
export {
  alignYear,
  SHORTFALL_TOLERANCE,
  alignTally,
  assessmentHeld,
  meetsStandard,
  supportExit,
  type AlignOutcome,
  type AlignTally,
} from "./engine/align.js";
export { runEngine, registryAtYear } from "./funds/engine.js";
export { collectiveIncomes, listedVillages, pvOrder, withListedVillages } from "./engine/villages.js";
export {
  importRegistryCsv,
  parseRegistryCsv,
  REGISTRY_COLUMNS,
  type ImportRegistryOptions,
} from "./engine/importRegistry.js";
export { generateRegistry, type GenerateOptions } from "./engine/generate.js";
export {
  byCountyType,
  countyCostMultiplier,
  countyType,
  CountyType,
  typeShares,
  type CountyTypeCode,
} from "./engine/countyTypes.js";
export {
  stepHouseholds,
  prepareStep,
  kernelSource,
  exitCost,
  thr16,
  Acc,
  PEOPLE_SCALE,
  type StepOptions,
  type StepArgs,
  type PreparedStep,
} from "./engine/step.js";
export {
  yearParams,
  registryParams,
  type YearParams,
  type RegistryParams,
  type CountyTypeParams,
} from "./engine/params.js";
export {
  commitmentAt,
  committedCoverage,
  guaranteeTally,
  pathCoverage,
  scenarioCommitments,
  CAPACITY as COMMITMENT_CAPACITY,
  type Commitment,
  type GuaranteeTally,
} from "./engine/commitments.js";
// health cover: what a serious illness costs the household, insurance take-up, contracted chronic care
export { healthCover } from "./engine/params.js";
export {
  illnessOutOfPocket,
  reimbursementTargets,
  insuranceTakeUp,
  insuranceCoverage,
  uninsuredToEnrol,
  chronicIllnessProb,
  STANDARD_FOLLOW_UPS,
  type HealthCover,
} from "./model/health.js";
export {
  programmeYear,
  withProgrammes,
  eligibleHouseholds,
  type ProgrammeYear,
  type ProgrammeInputs,
} from "./engine/programmes.js";
export {
  PROGRAMMES,
  SCENARIO_PROGRAMME_RULES,
  WORKERS_PER_HOUSEHOLD,
  type ProgrammeDef,
  type ScenarioProgrammeRule,
  type ProgrammeRule,
  type Programme,
} from "./model/programmes.js";
export {
  allocateRegistry,
  cloneRegistry,
  incomePerCapita,
  CAUSES,
  CAUSE_ZH,
  Status,
  STATUS_NAMES,
  NO_YEAR,
  HOUSEHOLD_FIELDS,
  type Registry,
  type VillageTable,
  type CountyTable,
  type Cause,
  type StatusCode,
} from "./engine/registry.js";

// Runners: simulate; reporting/scenarioRun.ts summarises (tidy rows, charts, headline)
export {
  simulateScenario,
  simulateScenarioParallel,
  type SimulateOptions,
  type ParallelSimulateOptions,
} from "./runners/runScenario.js";
export {
  runScenario,
  runScenarioParallel,
  summarizeRuns,
  citations,
  chartContext,
  type ScenarioRun,
  type ScenarioRunOptions,
  type ParallelRunOptions,
} from "./reporting/scenarioRun.js";
export { runEngineParallel, type ParallelOptions } from "./funds/parallel.js";

// money: rules, revenue, allocation, coverage, optimiser
export {
  checkScenarioFunds,
  evaluateFunds,
  FORMULA_NAMES,
  FUND_KINDS,
  type FundLine,
  type FundState,
  type FundYear,
} from "./funds/rules.js";
export type { RuleInput, RuleKindModule, RuleOutput } from "./funds/kinds/index.js";
export { projectRevenue, withRevenueGrowth, type RevenuePath } from "./funds/revenue.js";
export {
  allocateToCounties,
  allocationRule,
  surveyCounties,
  FACTORS,
  FISCAL_CAPACITY,
  type AllocationRule,
  type CountySurvey,
  type Factor,
} from "./funds/allocate.js";
export {
  buyCoverage,
  coverageCost,
  coverageFor,
  maxCoverage,
  unitCosts,
  MEASURES,
  MEASURE_LABELS,
  K as MEASURE_COUNT,
  type BuyOptions,
  type CoverageBought,
  type Earmark,
  type Measure,
} from "./funds/measures.js";
export {
  moneyYear,
  moneyLimits,
  groupMembers,
  scenarioMoney,
  carryForward,
  costRise,
  CARRY_SERIES,
  type MoneyCarry,
  type MoneyYear,
} from "./funds/money.js";
export { checkProgrammes, GENERAL, PURPOSES, PURPOSE_MEASURES, purposeMask, rulePurpose } from "./funds/purpose.js";
export { exitsPerHousehold } from "./funds/effects.js";
export { compileFormula, FormulaError, type CompiledFormula } from "./funds/formula.js";
export {
  optimiseAllocation,
  AllocationError,
  type AllocationProblem,
  type AllocationOptimum,
  type AllocationConstraint,
} from "./funds/optimise.js";
export { optimiseScenario, type ScenarioOptimum } from "./funds/optimiseScenario.js";
export { optimumToJson, formatOptimum } from "./funds/optimumReport.js";
export { moneyBySourceChart, moneyByCountyChart } from "./reporting/charts/money.js";

// return-to-poverty risk: hazard, monitoring list, policy values, calibration
export { householdHazard, normalCdf, RISK_CAUSES, type Hazard, type RiskCause } from "./risk/hazard.js";
export {
  eitherCatches,
  exitedCatch,
  marginalCatch,
  slowIndustry,
  transitionShare,
  yearlyDetection,
  type ProtectionParams,
} from "./model/protection.js";
export {
  monitoringList,
  riskOf,
  formatRisk,
  MONITORING_GUIDANCE,
  type RiskReport,
  type WatchedHousehold,
} from "./risk/monitoring.js";
export { policyValues, withSetting, PROTECTIVE_POLICIES, type PolicyValue } from "./risk/policies.js";
export { leverLiveness, extremesOf, type Liveness, type LivenessOptions } from "./runners/liveness.js";
export { calibrateReturns, formatCalibration, type Calibration } from "./runners/calibrate.js";
export { runReplicateOnThreads } from "./engine/threads.js";
export { backtest, formatBacktest, type Backtest, type BacktestOptions } from "./reporting/backtest.js";

// Sensitivity
export {
  findLevers,
  leverVariant,
  runSensitivity,
  sensitivityToJson,
  hasQuotas,
  SENSITIVITY_REPLICATES,
  SENSITIVITY_COLUMNS,
  type Lever,
  type SensitivityOptions,
  type SensitivityResult,
  type SensitivityRow,
  type SensitivityOutcome,
} from "./runners/sensitivity.js";
export { sensitivityChartContext, sensitivityRowsToCsv } from "./reporting/sensitivity.js";
export { provenanceText } from "./scenario/provenance.js";
export { tornadoChart, tornadoBars, type TornadoMetric, type TornadoOptions } from "./reporting/charts/tornado.js";

// Reporting
export {
  tidyRows,
  rowsToCsv,
  meets,
  planPath,
  ABOUT_TOLERANCE,
  TIDY_COLUMNS,
  bandOf,
  type TidyRow,
  type Stat,
} from "./reporting/tidy.js";
export { byYear, BAND } from "./reporting/pivot.js";
export { toCsv, csvField } from "./reporting/csv.js";
export { textWidth } from "./reporting/text.js";
export {
  headline,
  formatHeadlines,
  replicateTotals,
  type Headline,
  type CommitmentOutcome,
} from "./reporting/headline.js";
export { alignedHeadline, type AlignedHeadline, type AlignedYear } from "./reporting/aligned.js";
export { toDataFrame, wideByYear, htmlTable } from "./reporting/frame.js";
export { fanChart, type FanChartOptions } from "./reporting/charts/fanChart.js";
export {
  chartHeader,
  footnote,
  CHART_FONT,
  TITLE_STYLE,
  type ChartContext,
  type ChartHeader,
  type HeaderOptions,
  type TitleStyle,
  type Lang,
} from "./reporting/charts/header.js";
export { exitsChart } from "./reporting/charts/exits.js";
export { riskChart } from "./reporting/charts/risk.js";
export {
  compareChart,
  differenceChart,
  pairedDifferenceRows,
  SCENARIO_COLOURS,
  type CompareOptions,
} from "./reporting/charts/compare.js";
export { toSvg, svgToPng } from "./reporting/render.js";
export {
  writeScenarioOutputs,
  chartFiles,
  writeChartFiles,
  hashDataFiles,
  dataFiles,
  type Manifest,
} from "./reporting/outputs.js";
export {
  renderBrief,
  writeBrief,
  renderIndex,
  briefCharts,
  briefRows,
  headlineTable,
  scenarioDifferences,
  type BriefRow,
  type BriefOptions,
  type ScenarioDifference,
} from "./reporting/brief.js";
export { writeFileAtomic, writeDirAtomic } from "./reporting/atomic.js";
export { rowsToXlsx, XLSX_SHEETS, type WorkbookInput } from "./reporting/xlsx.js";

// Notebooks
export {
  displayChart,
  displayTable,
  displayFrame,
  frameRecords,
  notebookProgress,
  type FrameLike,
} from "./notebook.js";

// The --json document of run and compare, and the notebooks the overview links to (the CLI itself is bin/tuopin.js)
export { runsToJson } from "./reporting/json.js";
export { notebookLinks, type NotebookLink } from "./reporting/notebooks.js";
export { VERSION } from "./version.js";
export { PACKAGE_ROOT, DATA_DIR, SCENARIO_DIR } from "./paths.js";
