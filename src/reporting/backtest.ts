import { join } from "node:path";
import { loadObservations } from "../data/observed.js";
import { loadRegions } from "../data/regions.js";
import { SCENARIO_DIR } from "../paths.js";
import { loadScenario } from "../scenario/resolve.js";
import { byYear } from "./pivot.js";
import { runScenarioParallel } from "./scenarioRun.js";

/** The backtest document (`tuopin backtest national --json`). */
export interface Backtest {
  scenario: string;
  /** The last year whose figures feed the model. */
  inputs_until: number;
  /** Coefficients fitted to later outcomes, with how (the exception to `inputs_until`, stated openly). */
  fitted_later: { parameter: string; how: string }[];
  seed: number;
  replicates: number;
  series: {
    year: number;
    p10: number;
    p50: number;
    p90: number;
    unit: "people";
    observed?: number;
    error?: number;
    relative_error?: number;
  }[];
  /** Mean absolute percentage error of P50 over the years with a non-zero observation, or null without any. */
  mape: number | null;
  /** Mean absolute error of P50, in people, over the years with an observation, or null without any. */
  mae: number | null;
  /** Years whose observation lies inside the P10–P90 band. */
  covered: number;
  note: string;
}

export interface BacktestOptions {
  replicates?: number;
  seed?: number;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs scenarios/national-2016-2020.yaml — built from figures up to end 2015 only — in mechanistic mode and
 * compares its projected poor population with observed figures in data/observed.csv for 2016–2020, where
 * there are any (NBS year-end counts 2016–2019 and "all out" in 2020: data/README.md).
 */
export async function backtest(options: BacktestOptions = {}): Promise<Backtest> {
  const regions = loadRegions();
  const s = loadScenario(join(SCENARIO_DIR, "national-2016-2020.yaml"), { regions });
  const run = await runScenarioParallel(s, { ...options, regions, modes: ["mechanistic"] });
  const observed = loadObservations(undefined, new Set(regions.byId.keys())).filter(
    (o) => o.region === "china" && o.metric === "poor_people",
  );
  const bands = byYear(run.rows.filter((r) => r.region === s.region.id && r.metric === "poor_people"));
  const series = run.result.years.map((year) => {
    const o = observed.find((x) => x.year === year)?.value;
    const band = bands.find((b) => b.year === year)!;
    const p50 = band.p50!;
    return {
      year,
      p10: band.p10!,
      p50,
      p90: band.p90!,
      unit: "people" as const,
      // a relative error needs a non-zero observation (2020: everyone out)
      ...(o !== undefined
        ? { observed: o, error: p50 - o, ...(o !== 0 ? { relative_error: (p50 - o) / o } : {}) }
        : {}),
    };
  });
  const withObs = series.filter((x) => x.error !== undefined);
  const withRel = series.filter((x) => x.relative_error !== undefined);
  return {
    scenario: s.id,
    inputs_until: s.horizon.start - 1,
    // the return hazard's level is fitted to the reported returns of 2016–2018 (tuopin calibrate national):
    // returns, not the poor counts this backtest is scored on; say so rather than hide it
    fitted_later: [...(s.parameters.get("model.risk.return_level")?.entries ?? [])]
      .filter(
        (e) => "derived" in e.provenance && /calibrate/.test(String((e.provenance as { derived: string }).derived)),
      )
      .slice(0, 1)
      .map((e) => ({
        parameter: "model.risk.return_level",
        how: String((e.provenance as { derived: string }).derived),
      })),
    seed: run.result.seed,
    replicates: run.result.replicates,
    series,
    mape: withRel.length ? withRel.reduce((a, x) => a + Math.abs(x.relative_error!), 0) / withRel.length : null,
    mae: withObs.length ? withObs.reduce((a, x) => a + Math.abs(x.error!), 0) / withObs.length : null,
    covered: withObs.filter((x) => x.observed! >= x.p10 && x.observed! <= x.p90).length,
    note: withObs.length
      ? `error against ${withObs.length} observed year(s) in data/observed.csv; ` +
        "relative error where the observation is not 0"
      : "data/observed.csv has no national poor counts after 2015, so no error can be computed yet; " +
        "add sourced 2016–2020 rows to compare",
  };
}

export function formatBacktest(b: Backtest): string {
  const fmt = (x: number | undefined) => (x === undefined ? "—" : Math.round(x).toLocaleString("en-US"));
  const err = (x: Backtest["series"][number]) =>
    x.relative_error !== undefined
      ? `${(x.relative_error * 100).toFixed(1)}%`
      : x.error !== undefined
        ? `${x.error >= 0 ? "+" : ""}${fmt(x.error)}`
        : "—";
  const lines = [
    `${b.scenario}: inputs until end ${b.inputs_until}; seed ${b.seed}, ${b.replicates} replicates`,
    ...b.fitted_later.map(
      (f) => `  except ${f.parameter}, fitted to later returns to poverty (not to the poor counts below): ${f.how}`,
    ),
    "year          P10          P50          P90     observed        error",
  ];
  for (const x of b.series) {
    lines.push(
      [String(x.year), ...[x.p10, x.p50, x.p90, x.observed].map((v) => fmt(v).padStart(11)), err(x).padStart(11)].join(
        "  ",
      ),
    );
  }
  if (b.mae === null) lines.push(`(${b.note})`);
  else {
    lines.push(
      `mean absolute error ${fmt(b.mae)} people; ` +
        `MAPE ${b.mape === null ? "—" : `${(b.mape * 100).toFixed(1)}%`}; ` +
        `observed inside P10–P90 in ${b.covered} of ${b.series.filter((x) => x.error !== undefined).length} years`,
    );
    lines.push(`(${b.note})`);
  }
  return lines.join("\n");
}
