/**
 * The `--json` document of `tuopin run` and `tuopin compare`: per scenario and year, each projected metric's
 * statistics from the tidy rows, the headline, and per county the poor, exits, risk and money.
 */
import type { RunResult } from "../model/types.js";
import type { ScenarioRun } from "./scenarioRun.js";
import { VERSION } from "../version.js";

type Counties = NonNullable<RunResult["counties"]>;

/** The `--json` document. */
export function runsToJson(runs: ScenarioRun[]) {
  return {
    tuopin_version: VERSION,
    scenarios: runs.map((r) => ({
      id: r.scenario.id,
      label: r.scenario.label,
      label_en: r.scenario.label_en,
      region: r.scenario.region.id,
      model: r.result.model,
      seed: r.result.seed,
      replicates: r.result.replicates,
      horizon: r.scenario.horizon,
      headline: r.headline,
      years: yearsOf(r, r.result.mode),
      ...(r.targetResult ? { target_following: { years: yearsOf(r, r.targetResult.mode) } } : {}),
      counties: countiesOf(r),
    })),
  };
}

/** The scenario region's rows of one mode, by year and metric: `{ unit, p10, p50, p90, mean, p_target_met … }`. */
function yearsOf(r: ScenarioRun, mode: string): Record<string, unknown>[] {
  const entries = new Map(r.result.years.map((year) => [year, { year } as Record<string, unknown>]));
  for (const row of r.rows) {
    const entry = entries.get(row.year);
    if (!entry || row.mode !== mode || row.region !== r.scenario.region.id) continue;
    if (row.stat === "observed" || row.stat === "plan_path") continue;
    const m = (entry[row.metric] ??= { unit: row.unit }) as Record<string, unknown>;
    if (row.stat === "p_met") m.p_target_met = row.value;
    else m[row.stat] = row.value;
  }
  return [...entries.values()];
}

/** Per county of the mechanistic run: poor people (P10/P50/P90), P(exited) and the money allocated by year. */
function countiesOf(r: ScenarioRun) {
  const c = r.result.counties;
  if (!c) return [];
  // one pass over the rows: a value by (region, year, metric, stat), so the document is linear in its size
  const values = new Map<string, number>();
  for (const x of r.rows)
    if (x.mode === r.result.mode) values.set(`${x.region}|${x.year}|${x.metric}|${x.stat}`, x.value);
  return c.ids.map((id, k) => ({
    id,
    name: c.names[k],
    poor_county: c.poor[k] === 1,
    ...(c.deep ? { deep: c.deep[k] === 1 } : {}),
    years: r.result.years.map((year) =>
      countyYear(c, k, year, (metric, stat) => values.get(`${id}|${year}|${metric}|${stat}`)),
    ),
  }));
}

/** One county's year: its rows of the mechanistic run, the money and risk parts where the run has them. */
function countyYear(c: Counties, k: number, year: number, get: (metric: string, stat: string) => number | undefined) {
  const band = (metric: string) => ({ p10: get(metric, "p10"), p50: get(metric, "p50"), p90: get(metric, "p90") });
  return {
    year,
    poor_people: band("poor_people"),
    ...(c.poor[k] ? { p_exited: get("county_exited", "mean") } : {}),
    ...(c.returns ? { returns_people: band("returns_people"), new_poor_people: band("new_poor_people") } : {}),
    ...(c.budget ? { allocation: { unit: "yuan", ...band("allocation") } } : {}),
  };
}
