import { RULE_KINDS } from "../scenario/ruleKinds.js";
import type { TopLevelSpec } from "vega-lite";
import type { Observation } from "../data/observed.js";
import type { RunResult } from "../model/types.js";
import {
  simulateScenario,
  simulateScenarioParallel,
  type ParallelSimulateOptions,
  type SimulateOptions,
} from "../runners/runScenario.js";
import { horizonYears, type ResolvedScenario } from "../scenario/resolve.js";
import type { Provenance } from "../scenario/types.js";
import { VERSION } from "../version.js";
import { exitsChart } from "./charts/exits.js";
import { fanChart } from "./charts/fanChart.js";
import type { ChartContext, Lang } from "./charts/header.js";
import { moneyByCountyChart, moneyBySourceChart } from "./charts/money.js";
import { riskChart } from "./charts/risk.js";
import { alignmentChart } from "./charts/alignment.js";
import { hasQuota } from "../engine/run.js";
import { headline, type Headline } from "./headline.js";
import { tidyRows, type TidyRow } from "./tidy.js";

/** Everything one scenario run produces before anything is written. */
export interface ScenarioRun {
  scenario: ResolvedScenario;
  /** The mechanistic run: exits emerge from incomes, measures and guarantees. */
  result: RunResult;
  /** The target-following run: the plan's quotas set the exits; it reports what they cost. */
  targetResult?: RunResult;
  /** Tidy rows of both runs (column `mode`). */
  rows: TidyRow[];
  charts: { name: string; spec: TopLevelSpec }[];
  headline: Headline;
}

export interface ScenarioRunOptions extends SimulateOptions {
  observations?: Observation[];
  lang?: Lang;
}

export interface ParallelRunOptions extends ScenarioRunOptions, ParallelSimulateOptions {}

/** The distinct citations of a scenario's numbers, for chart footnotes: seed sections, then addresses. */
export function citations(s: ResolvedScenario): { sources: string[]; urls: string[]; assumptions: string[] } {
  const all: Provenance[] = [
    ...Object.values(s.baseline),
    ...Object.values(s.targets).flatMap((m) => [...m.values()]),
    ...[...s.parameters.values()].flatMap((p) => p.entries.map((e) => e.provenance)),
  ];
  const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined))];
  return {
    sources: uniq(all.map((p) => p.source)),
    urls: uniq(all.map((p) => p.url)),
    assumptions: uniq(all.map((p) => p.assumption)),
  };
}

/**
 * What a chart of this run carries in its footnote and `usermeta`: the scenario, seed, replicates, version,
 * model, the seed sections and official statistics cited, and the explicit assumptions.
 */
export function chartContext(
  run: { scenario: ResolvedScenario; result: Pick<RunResult, "seed" | "replicates" | "model"> },
  lang: Lang = "zh",
): ChartContext {
  const { scenario, result } = run;
  const c = citations(scenario);
  const statistics = lang === "en" ? `${c.urls.length} official statistic(s)` : `官方统计 ${c.urls.length} 项`;
  return {
    scenario: scenario.id,
    region: scenario.region.id,
    label: lang === "en" ? scenario.label_en : scenario.label,
    seed: result.seed,
    replicates: result.replicates,
    version: VERSION,
    model: result.model,
    sources: [...c.sources, ...(c.urls.length ? [statistics] : [])],
    assumptions: c.assumptions,
    targetYear: scenario.horizon.end,
  };
}

/**
 * Runs one scenario end to end, in memory.
 *
 *   scenarios/*.yaml
 *       |  (load + validate + resolve extends)      scenario/load.ts, scenario/resolve.ts
 *       v
 *   ResolvedScenario  --(yearParams(s, year): Parameter.atYear)-->  the year's numbers   engine/params.ts
 *       |  (generate the registry from aggregates; simulate replicates × years,   engine/generate.ts,
 *       |   one seeded stream per replicate and block of households;            engine/run.ts, engine/step.ts,
 *       |   the money rules' grants bought into coverage each year)             funds/engine.ts
 *       v
 *   RunResult per mode (replicate-major columns per metric)     runners/runScenario.ts (simulateScenario)
 *       |  (summarise: P10/P50/P90, targets, P(met))   summarizeRuns below, reporting/tidy.ts
 *       v
 *   tidy rows  --> DataFrame (reporting/frame.ts) · CSV · Vega-Lite specs (reporting/charts/*)
 *       |  (render + write, whole or not at all)      reporting/render.ts, reporting/outputs.ts
 *       v
 *   out/<scenario>/…, out/brief.html
 *
 */
export function runScenario(scenario: ResolvedScenario, options: ScenarioRunOptions = {}): ScenarioRun {
  return summarizeRuns(scenario, simulateScenario(scenario, options), options);
}

/**
 * `runScenario` on worker threads, for a scenario loaded from its file (`scenario.files[0]`): the same
 * numbers as one thread, faster on several cores.
 */
export async function runScenarioParallel(
  scenario: ResolvedScenario,
  options: ParallelRunOptions = {},
): Promise<ScenarioRun> {
  return summarizeRuns(scenario, await simulateScenarioParallel(scenario, options), options);
}

/** The money rules as the money-by-source chart stacks them: grants, loans (relending) and reservations. */
function ruleNatures(scenario: ResolvedScenario) {
  return [...scenario.funds.values()].map((r) => ({
    id: r.id,
    label: r.label,
    nature: RULE_KINDS[r.kind].nature,
  }));
}

/** Tidy rows, charts and the headline of a scenario's runs (mechanistic first, then target-following). */
export function summarizeRuns(
  scenario: ResolvedScenario,
  results: RunResult[],
  options: ScenarioRunOptions = {},
): ScenarioRun {
  const result = results.find((r) => r.mode === "mechanistic") ?? results[0];
  const targetResult = results.find((r) => r.mode === "target");
  const lang = options.lang;
  // tidy rows of every run; observations beside the mechanistic one
  const rows = results.flatMap((r) => tidyRows(r, r === result ? (options.observations ?? []) : []));
  const ctx = chartContext({ scenario, result }, lang);
  const mech = rows.filter((r) => r.mode === result.mode);
  const charts = [
    { name: "poor-people", spec: fanChart(mech, ctx, { metric: "poor_people", lang }) },
    { name: "exits", spec: exitsChart(mech, ctx, lang) },
    { name: "return-risk", spec: riskChart(mech, ctx, lang) },
  ];
  // what meeting the quotas takes: the aligned run, where the plan sets quotas
  if (targetResult && horizonYears(scenario).some((y) => hasQuota(scenario, y))) {
    const limit = scenario.parameters.get("exit.county_wrong_exit_max")?.atYear(scenario.horizon.end) ?? NaN;
    const target = rows.filter((r) => r.mode === targetResult.mode);
    charts.push({ name: "quotas", spec: alignmentChart(target, ctx, limit, lang) });
  }
  if (result.series && result.counties) {
    const start = scenario.horizon.start;
    charts.push({ name: "money-by-source", spec: moneyBySourceChart(mech, ctx, ruleNatures(scenario), lang) });
    charts.push({ name: "money-by-county", spec: moneyByCountyChart(mech, ctx, result.counties, start, lang) });
  }
  return { scenario, result, targetResult, rows, charts, headline: headline(result, mech, targetResult) };
}
