import type { TopLevelSpec } from "vega-lite";
import type { Observation } from "../data/observed.js";
import { loadRegions, type RegionTable } from "../data/regions.js";
import type { Mode } from "../engine/run.js";
import { runEngine } from "../funds/engine.js";
import { runEngineParallel } from "../funds/parallel.js";
import { availableParallelism } from "node:os";
import type { RunOptions, RunResult } from "../model/types.js";
import { fanChart, type ChartContext, type Lang } from "../reporting/charts/fanChart.js";
import { moneyByCountyChart, moneyBySourceChart } from "../reporting/charts/money.js";
import { exitsChart } from "../reporting/charts/exits.js";
import { riskChart } from "../reporting/charts/risk.js";
import { headline, type Headline } from "../reporting/headline.js";
import { tidyRows, type TidyRow } from "../reporting/tidy.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import type { Provenance } from "../scenario/types.js";
import { VERSION } from "../version.js";

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

export interface ScenarioRunOptions extends RunOptions {
  observations?: Observation[];
  lang?: Lang;
  /** Which runs to make. __Default value:__ both, `["mechanistic", "target"]` */
  modes?: Mode[];
  regions?: RegionTable;
  /** Registry rows (overrides `model.registry.max_rows`; tests and quick looks). */
  maxRows?: number;
}

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
  return {
    scenario: scenario.id,
    region: scenario.region.id,
    label: lang === "en" ? scenario.label_en : scenario.label,
    seed: result.seed,
    replicates: result.replicates,
    version: VERSION,
    model: result.model,
    sources: [
      ...c.sources,
      ...(c.urls.length
        ? [lang === "en" ? `${c.urls.length} official statistic(s)` : `官方统计 ${c.urls.length} 项`]
        : []),
    ],
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
 *   ResolvedScenario  --(parameterAt(path, year))-->  numbers with provenance
 *       |  (generate the registry from aggregates; simulate replicates × years,   engine/generate.ts,
 *       |   one seeded stream per replicate and block of households)           engine/run.ts, engine/step.ts
 *       v
 *   RunResult  (replicate-major columns per metric)
 *       |  (summarise: P10/P50/P90, targets, P(met))   reporting/tidy.ts
 *       v
 *   tidy rows  --> DataFrame (reporting/frame.ts) · CSV · Vega-Lite specs (reporting/charts/*)
 *       |  (render + write, whole or not at all)      reporting/render.ts, reporting/outputs.ts
 *       v
 *   out/<scenario>/…, out/brief.html
 *
 */
export function runScenario(scenario: ResolvedScenario, options: ScenarioRunOptions = {}): ScenarioRun {
  // 1. Simulate, in each mode (progress counts both).
  const modes = options.modes ?? ["mechanistic", "target"];
  const regions = options.regions ?? loadRegions();
  const R = options.replicates ?? scenario.replicates;
  const results = modes.map((mode, k) =>
    runEngine(scenario, {
      ...options,
      regions,
      mode,
      onProgress: options.onProgress && ((d) => options.onProgress!(k * R + d, modes.length * R)),
    }),
  );
  return summarizeRuns(scenario, results, options);
}

export interface ParallelRunOptions extends ScenarioRunOptions {
  /** Worker threads; 1 runs in this thread. __Default value:__ the machine's available parallelism */
  threads?: number;
}

/**
 * `runScenario` on worker threads, for a scenario loaded from its file (`scenario.files[0]`): the same
 * numbers as one thread, faster on several cores.
 */
export async function runScenarioParallel(
  scenario: ResolvedScenario,
  options: ParallelRunOptions = {},
): Promise<ScenarioRun> {
  const threads = options.threads ?? availableParallelism();
  if (threads <= 1) return runScenario(scenario, options);
  const modes = options.modes ?? ["mechanistic", "target"];
  const R = options.replicates ?? scenario.replicates;
  const results: RunResult[] = [];
  for (const [k, mode] of modes.entries()) {
    results.push(
      await runEngineParallel(scenario, scenario.files[0].file, {
        mode,
        seed: options.seed,
        replicates: R,
        threads,
        onProgress: options.onProgress && ((d) => options.onProgress!(k * R + d, modes.length * R)),
      }),
    );
  }
  return summarizeRuns(scenario, results, options);
}

/** Tidy rows, charts and the headline of a scenario's runs (mechanistic first, then target-following). */
export function summarizeRuns(
  scenario: ResolvedScenario,
  results: RunResult[],
  options: ScenarioRunOptions = {},
): ScenarioRun {
  const result = results.find((r) => r.mode === "mechanistic") ?? results[0];
  const targetResult = results.find((r) => r.mode === "target");
  // 2. Summarise into tidy rows.
  const rows = results.flatMap((r) => tidyRows(r, r === result ? (options.observations ?? []) : []));
  // 3. Chart specs.
  const ctx = chartContext({ scenario, result }, options.lang);
  const mech = rows.filter((r) => r.mode === result.mode);
  const charts = [
    { name: "poor-people", spec: fanChart(mech, ctx, { metric: "poor_people", lang: options.lang }) },
    { name: "exits", spec: exitsChart(mech, ctx, options.lang) },
    { name: "return-risk", spec: riskChart(mech, ctx, options.lang) },
  ];
  if (result.series && result.counties) {
    const rules = [...scenario.funds.values()].map((r) => ({
      id: r.id,
      label: r.label,
      nature:
        r.kind === "relending"
          ? ("loan" as const)
          : r.kind === "reserved_share"
            ? ("reserved" as const)
            : ("grant" as const),
    }));
    charts.push({ name: "money-by-source", spec: moneyBySourceChart(mech, ctx, rules, options.lang) });
    charts.push({
      name: "money-by-county",
      spec: moneyByCountyChart(mech, ctx, result.counties, scenario.horizon.start, options.lang),
    });
  }
  return { scenario, result, targetResult, rows, charts, headline: headline(result, mech, targetResult) };
}
