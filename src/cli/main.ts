import { parseArgs } from "node:util";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { PACKAGE_ROOT } from "../paths.js";
import { join } from "node:path";
import { loadRegions } from "../data/regions.js";
import { loadObservations } from "../data/observed.js";
import { ValidationError, formatProblem, type Problem } from "../errors.js";
import { formatHeadlines } from "../reporting/headline.js";
import { writeScenarioOutputs, writeChartFiles } from "../reporting/outputs.js";
import { briefCharts, renderIndex, writeBrief } from "../reporting/brief.js";
import { writeFileAtomic } from "../reporting/atomic.js";
import { runScenarioParallel, type ScenarioRun } from "../reporting/scenarioRun.js";
import { availableParallelism } from "node:os";
import { backtest, formatBacktest } from "../reporting/backtest.js";
import { expandScenarioPaths } from "../scenario/load.js";
import { loadScenario, type ResolvedScenario } from "../scenario/resolve.js";
import { VERSION } from "../version.js";
import { explain, explainablePaths, formatExplanation, suggestPath } from "../scenario/explain.js";
import { progressBar } from "./progress.js";
import type { Lang } from "../reporting/charts/header.js";
import { optimiseScenario } from "../funds/optimiseScenario.js";
import { checkScenarioFunds } from "../funds/rules.js";
import { calibrateReturns, formatCalibration } from "../runners/calibrate.js";
import { formatRisk, monitoringList } from "../risk/monitoring.js";
import { policyValues } from "../risk/policies.js";
import { formatOptimum, optimumToJson } from "../funds/optimumReport.js";

const HELP = `tuopin ${VERSION} — poverty-alleviation scenario simulation (脱贫攻坚情景模拟)

Usage:
  tuopin run <scenario.yaml|folder>... [options]
  tuopin compare <base.yaml> <other.yaml>... [--brief FILE.html] [--out DIR] [--json] [options]
  tuopin validate <scenario.yaml|folder>... [--json]
  tuopin explain <scenario.yaml> <path> [--json]
  tuopin backtest national [--json] [--replicates N] [--seed N]
  tuopin sensitivity <scenario.yaml> [--json] [--out DIR] [--replicates N] [--seed N] [--lang zh|en]
  tuopin optimise <scenario.yaml> [--year Y] [--json]
  tuopin calibrate national [--json] [--replicates N] [--seed N]
  tuopin risk <scenario.yaml> [--year Y] [--top N] [--policies] [--replicates N] [--json]
  tuopin --help | --version

Commands:
  run        Validate every scenario first (nothing runs if any is invalid), then simulate each one and
             print a summary table. A folder stands for every *.yaml file in it.
  compare    Run two or more scenarios with the same replicates (the first is the base) and write a
             one-page, self-contained HTML brief (--brief): a headline table (target met? year met, total
             money, money per exit, expected returns, cost of the quotas), four charts (the poor side by side,
             the paired difference from the base, returns, money), the assumptions that differ, sources and
             the manifest. --out DIR also writes each scenario's outputs and the brief's charts
             (DIR/comparison/: .vl.json, .svg, .png).
  validate   Check scenario files and report every problem with file, line and column; exit 0 only when
             all are valid.
  backtest   Run the national scenario from end 2015 (inputs stop at 2015) and print the projected poor
             population for 2016–2020 (P10/P50/P90), with the error against observed figures in data/
             where there are any.
  optimise   For one year of a scenario with money rules (--year, default the first): the allocation of the year's grants across
             counties and measures that maximises expected exits under the plan's constraints (reserved
             shares, floor and cap shares, coverage ≤ eligible), solved as a linear programme (HiGHS);
             prints it beside the plan's own allocation, the gain, and the value of one more yuan under
             each binding constraint (duals).
  risk       Return-to-poverty and new-poverty risk for one year (--year, default the first): expected
             returns and new poor by what drives them, the monitoring list (households and villages
             ranked by hazard, the band of income under about 1.5 × the line or a large shock, and its
             size against the ~5% / ≤ 10% guidance); with --policies, what each protective policy in
             force is worth (with and without it, paired seeds): falls avoided and cost per fall avoided.
  calibrate  Fit the return hazard's level (model.risk.return_level) so that the national scenario
             reproduces the returns to poverty reported for 2016–2018; print the fitted values, the
             residuals and the YAML that scenarios/base/defaults.yaml carries.
  sensitivity  Move each policy lever the scenario marks (a value with a range) to the ends of its range
             with paired seeds; report the effect on the target-year poor count and on money, as a table,
             JSON, or (--out) a tornado chart (.vl.json, SVG, PNG) and CSV.
  explain    Print the resolved dated values of one parameter and their sources, after extends: a
             parameter path (income.poverty_line), baseline.<key>, targets.<kind>, funds.<rule>[.<field>],
             allocation.weights.<factor>. Without a path, list the paths the scenario sets.

Options for run:
  --out DIR          Write per-scenario outputs to DIR/<scenario>/ (rows.csv, rows.xlsx, charts as
                     .vl.json/.svg/.png, manifest.json), a brief per plan comparing its scenarios
                     (DIR/briefs/<plan>.html: the base and its <plan>--<variant> files) and DIR/index.html,
                     the overview. Each file or folder is written whole or not at all. Without --out nothing
                     is written.
  --seed N           Override every scenario's seed (integer ≥ 0). Same seed, same numbers, same bytes.
  --replicates N     Override every scenario's Monte Carlo replicate count (1–100000).
  --json             Print one JSON document to stdout: per scenario and year, P10/P50/P90 and mean of
                     each projected metric, the plan's targets and the share of replicates meeting them;
                     where the scenario has money rules, the money of each rule (fund.<rule>), what each
                     measure gets (spend.<measure>), grants, loans, need, shortfall, unspent, money per
                     poor person and per exit, and each county's allocation.
                     The summary table and progress go to stderr instead.
  --lang zh|en       Language of chart titles and labels (default zh).
  --threads N        Worker threads for the Monte Carlo replicates (default: the machine's cores). The
                     numbers are the same with any N: each replicate has its own random streams.
  -h, --help         Show this help.

Each scenario runs in two modes: mechanistic (exits emerge from incomes, measures and guarantees) and
target-following (the plan's yearly quotas set the exits; the run reports what closing the gaps costs).

Exit status: 0 success; 1 invalid input (every problem is listed); 2 wrong usage.
`;

import { UsageError } from "./usage.js";
import { cmdSensitivity } from "./sensitivity.js";

function intOption(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`--${name} expects an integer in ${min}–${max} (got "${v}")`);
  }
  return Number(v);
}

/** Loads every scenario, collecting all problems of all files before anything runs. */
function loadAll(paths: string[]): ResolvedScenario[] {
  const regions = loadRegions();
  const problems: Problem[] = [];
  const out: ResolvedScenario[] = [];
  for (const p of paths) {
    try {
      const s = loadScenario(p, { regions });
      checkScenarioFunds(s);
      out.push(s);
    } catch (e) {
      if (e instanceof ValidationError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/** The options `run` and `compare` share. */
const RUN_OPTIONS = {
  out: { type: "string" },
  seed: { type: "string" },
  replicates: { type: "string" },
  json: { type: "boolean", default: false },
  lang: { type: "string", default: "zh" },
  threads: { type: "string" },
} as const;

function langOption(v: string | undefined): Lang {
  if (v !== "zh" && v !== "en") throw new UsageError(`--lang expects zh or en (got "${v}")`);
  return v;
}

/** Runs validated scenarios one after another (each on the worker threads), with a progress bar each. */
async function runAll(
  scenarios: ResolvedScenario[],
  options: { seed?: number; replicates?: number; threads: number; lang: Lang },
  log?: NodeJS.WritableStream,
): Promise<ScenarioRun[]> {
  const regions = loadRegions();
  const observations = loadObservations(undefined, new Set(regions.byId.keys()));
  const runs: ScenarioRun[] = [];
  for (const s of scenarios) {
    runs.push(
      await runScenarioParallel(s, {
        ...options,
        regions,
        observations,
        onProgress: progressBar(s.id.padEnd(36), process.stderr),
      }),
    );
    if (log && !process.stderr.isTTY) log.write(`ran ${s.id}: ${options.replicates ?? s.replicates} replicates\n`);
  }
  return runs;
}

async function cmdRun(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { ...RUN_OPTIONS, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError("run needs at least one scenario file or folder, e.g. tuopin run scenarios/");
  const lang = langOption(values.lang);
  const seed = intOption("seed", values.seed, 0, Number.MAX_SAFE_INTEGER);
  const replicates = intOption("replicates", values.replicates, 1, 100000);
  const threads = intOption("threads", values.threads, 1, 256) ?? availableParallelism();
  const files = expandScenarioPaths(positionals);
  if (files.length === 0) throw new UsageError(`no *.yaml scenario files in ${positionals.join(", ")}`);
  const log = values.json ? process.stderr : process.stdout;

  // 1. Validate everything first.
  const scenarios = loadAll(files);
  // 2. Run each scenario (in memory), then 3. write.
  const runs = await runAll(scenarios, { seed, replicates, threads, lang }, values.json ? undefined : log);
  if (values.out) {
    for (const r of runs) {
      const { dir } = await writeScenarioOutputs(r, values.out, lang);
      log.write(`wrote ${dir}/\n`);
    }
    // one brief per plan: the base scenario and its variants (files named <base>--<variant>.yaml)
    const families = new Map<string, ScenarioRun[]>();
    for (const r of runs) {
      const family = r.scenario.id.split("--")[0];
      families.set(family, [...(families.get(family) ?? []), r]);
    }
    const briefs: { file: string; label: string; scenarios: string[] }[] = [];
    for (const [family, members] of families) {
      members.sort(
        (a, b) =>
          Number(a.scenario.id !== family) - Number(b.scenario.id !== family) ||
          a.scenario.id.localeCompare(b.scenario.id),
      );
      const file = join(values.out, "briefs", `${family}.html`);
      await writeBrief(members, file, { lang });
      briefs.push({
        file: `briefs/${family}.html`,
        label: lang === "en" ? members[0].scenario.label_en : members[0].scenario.label,
        scenarios: members.map((m) => m.scenario.id),
      });
      log.write(`wrote ${file}\n`);
    }
    const index = join(values.out, "index.html");
    writeFileAtomic(index, renderIndex(runs, briefs, { lang, notebooks: notebookLinks() }));
    log.write(`wrote ${index}\n`);
  }
  log.write("\n" + formatHeadlines(runs.map((r) => r.headline)) + "\n");
  if (values.json) process.stdout.write(JSON.stringify(runsToJson(runs), null, 2) + "\n");
  return 0;
}

/** The notebooks' HTML renderings that `npm start` writes under out/notebooks/, with their titles. */
function notebookLinks(): { file: string; title: string }[] {
  const dir = join(PACKAGE_ROOT, "notebooks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => {
      let title = f;
      try {
        const nb = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
          cells: { cell_type: string; source: string | string[] }[];
        };
        const first = nb.cells.find((c) => c.cell_type === "markdown");
        const text = first ? (Array.isArray(first.source) ? first.source.join("") : first.source) : "";
        title = text.split("\n")[0].replace(/^#+\s*/, "") || f;
      } catch {
        // a notebook that cannot be read keeps its file name as title
      }
      return { file: `notebooks/${f.replace(/\.ipynb$/, ".html")}`, title };
    });
}

async function cmdCompare(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { ...RUN_OPTIONS, brief: { type: "string" } },
  });
  if (positionals.length < 2)
    throw new UsageError(
      "compare needs two or more scenario files, the first being the base: tuopin compare a.yaml b.yaml --brief out/brief.html",
    );
  if (!values.brief && !values.out && !values.json)
    throw new UsageError(
      "compare writes a brief (--brief FILE.html), charts and tables (--out DIR) or JSON (--json); give at least one",
    );
  if (values.brief && !values.brief.endsWith(".html"))
    throw new UsageError(`--brief expects an .html file (got "${values.brief}")`);
  const lang = langOption(values.lang);
  const seed = intOption("seed", values.seed, 0, Number.MAX_SAFE_INTEGER);
  const threads = intOption("threads", values.threads, 1, 256) ?? availableParallelism();
  const files = expandScenarioPaths(positionals);
  const scenarios = loadAll(files);
  if (new Set(scenarios.map((s) => s.id)).size !== scenarios.length)
    throw new UsageError(`each scenario may be given once (got ${scenarios.map((s) => s.id).join(", ")})`);
  // the same number of replicates for all, so that differences are paired replicate by replicate
  const replicates = intOption("replicates", values.replicates, 1, 100000) ?? scenarios[0].replicates;
  const log = values.json ? process.stderr : process.stdout;
  const runs = await runAll(scenarios, { seed, replicates, threads, lang });
  if (values.out) {
    for (const r of runs) log.write(`wrote ${(await writeScenarioOutputs(r, values.out, lang)).dir}/\n`);
    const dir = join(values.out, "comparison");
    await writeChartFiles(dir, briefCharts(runs, lang));
    log.write(`wrote ${dir}/\n`);
  }
  if (values.brief) {
    await writeBrief(runs, values.brief, { lang });
    log.write(`wrote ${values.brief}\n`);
  }
  log.write("\n" + formatHeadlines(runs.map((r) => r.headline)) + "\n");
  if (values.json) process.stdout.write(JSON.stringify(runsToJson(runs), null, 2) + "\n");
  return 0;
}

/** Per county of the mechanistic run: poor people (P10/P50/P90), P(exited) and the money allocated by year. */
function countiesOf(r: ScenarioRun) {
  const c = r.result.counties;
  if (!c) return [];
  return c.ids.map((id, k) => ({
    id,
    name: c.names[k],
    poor_county: c.poor[k] === 1,
    ...(c.deep ? { deep: c.deep[k] === 1 } : {}),
    years: r.result.years.map((year) => {
      const get = (metric: string, stat: string) =>
        r.rows.find(
          (x) =>
            x.mode === r.result.mode && x.region === id && x.year === year && x.metric === metric && x.stat === stat,
        )?.value;
      return {
        year,
        poor_people: { p10: get("poor_people", "p10"), p50: get("poor_people", "p50"), p90: get("poor_people", "p90") },
        ...(c.poor[k] ? { p_exited: get("county_exited", "mean") } : {}),
        ...(c.returns
          ? {
              returns_people: {
                p10: get("returns_people", "p10"),
                p50: get("returns_people", "p50"),
                p90: get("returns_people", "p90"),
              },
              new_poor_people: {
                p10: get("new_poor_people", "p10"),
                p50: get("new_poor_people", "p50"),
                p90: get("new_poor_people", "p90"),
              },
            }
          : {}),
        ...(c.budget
          ? {
              allocation: {
                unit: "yuan",
                p10: get("allocation", "p10"),
                p50: get("allocation", "p50"),
                p90: get("allocation", "p90"),
              },
            }
          : {}),
      };
    }),
  }));
}

/** The `--json` document. */
export function runsToJson(runs: ScenarioRun[]) {
  return {
    tuopin_version: VERSION,
    scenarios: runs.map((r) => {
      const yearsOf = (mode: string) =>
        r.result.years.map((year) => {
          const entry: Record<string, unknown> = { year };
          for (const row of r.rows) {
            if (
              row.mode !== mode ||
              row.region !== r.scenario.region.id ||
              row.year !== year ||
              row.stat === "observed" ||
              row.stat === "plan_path"
            )
              continue;
            const m = (entry[row.metric] ??= { unit: row.unit }) as Record<string, unknown>;
            if (row.stat === "p_met") m.p_target_met = row.value;
            else m[row.stat] = row.value;
          }
          return entry;
        });
      return {
        id: r.scenario.id,
        label: r.scenario.label,
        label_en: r.scenario.label_en,
        region: r.scenario.region.id,
        model: r.result.model,
        seed: r.result.seed,
        replicates: r.result.replicates,
        horizon: r.scenario.horizon,
        headline: r.headline,
        years: yearsOf(r.result.mode),
        ...(r.targetResult ? { target_following: { years: yearsOf(r.targetResult.mode) } } : {}),
        counties: countiesOf(r),
      };
    }),
  };
}

async function cmdBacktest(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean", default: false },
      replicates: { type: "string" },
      seed: { type: "string" },
      threads: { type: "string" },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== "national")
    throw new UsageError('backtest takes one case: "national" (tuopin backtest national)');
  const bt = await backtest({
    replicates: intOption("replicates", values.replicates, 1, 100000),
    seed: intOption("seed", values.seed, 0, Number.MAX_SAFE_INTEGER),
    threads: intOption("threads", values.threads, 1, 256) ?? availableParallelism(),
    onProgress: progressBar("national backtest".padEnd(36), process.stderr),
  });
  process.stdout.write(values.json ? JSON.stringify(bt, null, 2) + "\n" : formatBacktest(bt) + "\n");
  return 0;
}

async function cmdExplain(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean", default: false } },
  });
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError(
      "explain needs a scenario file and a path, e.g. tuopin explain scenarios/anhui-2018-2020.yaml funds",
    );
  const s = loadScenario(positionals[0]);
  if (positionals.length === 1) {
    const paths = explainablePaths(s);
    process.stdout.write(
      values.json ? JSON.stringify({ scenario: s.id, paths }, null, 2) + "\n" : paths.join("\n") + "\n",
    );
    return 0;
  }
  const e = explain(s, positionals[1]);
  if (!e) {
    const hint = suggestPath(s, positionals[1]);
    process.stderr.write(
      `tuopin: ${s.id} sets nothing at "${positionals[1]}"${hint ? `; did you mean "${hint}"?` : ""}\nRun "tuopin explain ${positionals[0]}" to list the paths it sets.\n`,
    );
    return 1;
  }
  process.stdout.write(values.json ? JSON.stringify(e, null, 2) + "\n" : formatExplanation(e) + "\n");
  return 0;
}

async function cmdValidate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean", default: false } },
  });
  if (positionals.length === 0) throw new UsageError("validate needs at least one scenario file or folder");
  const files = expandScenarioPaths(positionals);
  const regions = loadRegions();
  const results: { file: string; valid: boolean; problems: Problem[] }[] = [];
  for (const f of files) {
    try {
      checkScenarioFunds(loadScenario(f, { regions }));
      results.push({ file: f, valid: true, problems: [] });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      results.push({ file: f, valid: false, problems: e.problems });
    }
  }
  if (values.json)
    process.stdout.write(JSON.stringify({ valid: results.every((r) => r.valid), files: results }, null, 2) + "\n");
  else
    for (const r of results) {
      if (r.valid) process.stdout.write(`ok  ${r.file}\n`);
      else
        process.stdout.write(
          `ERR ${r.file}\n${r.problems.map((p) => formatProblem(p).replace(/^/gm, "    ")).join("\n")}\n`,
        );
    }
  return results.every((r) => r.valid) ? 0 : 1;
}

async function cmdRisk(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean", default: false },
      year: { type: "string" },
      top: { type: "string" },
      policies: { type: "boolean", default: false },
      replicates: { type: "string" },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      "risk takes one scenario file: tuopin risk <scenario.yaml> [--year Y] [--top N] [--policies] [--json]",
    );
  const regions = loadRegions();
  const s = loadScenario(positionals[0], { regions });
  const year = intOption("year", values.year, s.horizon.start, s.horizon.end);
  const top = intOption("top", values.top, 1, 100000) ?? 20;
  const replicates = intOption("replicates", values.replicates, 1, 100000);
  const report = monitoringList(s, { regions, top, ...(year !== undefined ? { year } : {}) });
  const tty = process.stderr.isTTY;
  const policies = values.policies
    ? policyValues(s, {
        regions,
        ...(replicates !== undefined ? { replicates } : {}),
        onProgress: (d, t) => tty && process.stderr.write(`\rpolicy values: ${d}/${t} runs`),
      })
    : undefined;
  if (tty && policies) process.stderr.write("\n");
  if (values.json) {
    process.stdout.write(JSON.stringify({ ...report, ...(policies ? { policies } : {}) }, null, 2) + "\n");
    return 0;
  }
  process.stdout.write(formatRisk(report) + "\n");
  if (policies) {
    const n = (x: number) => Math.round(x).toLocaleString("en-US");
    process.stdout.write(
      `\nwhat each protective policy in force is worth over ${s.horizon.start}–${s.horizon.end} (returns and new poor, mean of paired runs):\n`,
    );
    for (const p of policies)
      process.stdout.write(
        `  ${p.zh} ${p.id.padEnd(16)} ${n(p.avoided).padStart(10)} falls avoided (P10–P90 ${n(p.avoidedP10)} to ${n(p.avoidedP90)}; ${n(p.fallsWithout)} without, ${n(p.fallsWith)} with)  cost per fall avoided ${p.costPerAvoided === null ? "—" : n(p.costPerAvoided) + " yuan"}\n`,
      );
    if (policies.length === 0) process.stdout.write("  (no protective policy is in force in this scenario)\n");
  }
  return 0;
}

async function cmdCalibrate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean", default: false }, replicates: { type: "string" }, seed: { type: "string" } },
  });
  if (positionals.length !== 1 || positionals[0] !== "national")
    throw new UsageError("calibrate takes one target: tuopin calibrate national [--json] [--replicates N] [--seed N]");
  const replicates = intOption("replicates", values.replicates, 1, 1000),
    seed = intOption("seed", values.seed, 0, 2 ** 32 - 1);
  const tty = process.stderr.isTTY;
  const c = calibrateReturns({
    ...(replicates !== undefined ? { replicates } : {}),
    ...(seed !== undefined ? { seed } : {}),
    onProgress: (n) => tty && process.stderr.write(`\rcalibrating: ${n} runs`),
  });
  if (tty) process.stderr.write("\n");
  process.stdout.write(values.json ? JSON.stringify(c, null, 2) + "\n" : formatCalibration(c) + "\n");
  return 0;
}

async function cmdOptimise(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean", default: false }, year: { type: "string" } },
  });
  if (positionals.length !== 1)
    throw new UsageError("optimise takes one scenario file: tuopin optimise <scenario.yaml> [--year Y] [--json]");
  const regions = loadRegions();
  const s = loadScenario(positionals[0], { regions });
  if (s.funds.size === 0)
    throw new UsageError(
      `${positionals[0]} has no money rules (funds:), so there is nothing to allocate; try scenarios/anhui-2018-2020.yaml`,
    );
  const year = intOption("year", values.year, s.horizon.start, s.horizon.end);
  const o = await optimiseScenario(s, { regions, ...(year !== undefined ? { year } : {}) });
  if (values.json) {
    process.stdout.write(JSON.stringify(optimumToJson(o), null, 2) + "\n");
    return 0;
  }
  process.stdout.write(formatOptimum(o) + "\n");
  return 0;
}

/** Entry point: returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(HELP);
        return cmd === undefined ? 2 : 0;
      case "-v":
      case "--version":
        process.stdout.write(VERSION + "\n");
        return 0;
      case "run":
        return await cmdRun(rest);
      case "compare":
        return await cmdCompare(rest);
      case "validate":
        return await cmdValidate(rest);
      case "explain":
        return await cmdExplain(rest);
      case "backtest":
        return await cmdBacktest(rest);
      case "sensitivity":
        return await cmdSensitivity(rest);
      case "calibrate":
        return await cmdCalibrate(rest);
      case "risk":
        return await cmdRisk(rest);
      case "optimise":
      case "optimize":
        return await cmdOptimise(rest);
      default:
        throw new UsageError(
          `unknown command "${cmd}"; commands: run, compare, validate, explain, backtest, sensitivity, optimise, calibrate, risk (see tuopin --help)`,
        );
    }
  } catch (e) {
    if (e instanceof ValidationError) {
      process.stderr.write(`tuopin: invalid input, nothing was run or written.\n${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`tuopin: ${(e as Error).message}\nRun "tuopin --help" for the options.\n`);
      return 2;
    }
    throw e;
  }
}
