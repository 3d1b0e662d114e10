/** `tuopin run` and `tuopin compare`: validate every scenario first, run each, then write and report. */
import { join } from "node:path";
import { loadObservations } from "../data/observed.js";
import { loadRegions } from "../data/regions.js";
import { readAll } from "../errors.js";
import { writeFileAtomic } from "../reporting/atomic.js";
import { briefCharts, renderIndex, writeBrief } from "../reporting/brief.js";
import type { Lang } from "../reporting/charts/header.js";
import { formatHeadlines } from "../reporting/headline.js";
import { runsToJson } from "../reporting/json.js";
import { notebookLinks } from "../reporting/notebooks.js";
import { writeChartFiles, writeScenarioOutputs } from "../reporting/outputs.js";
import { runScenarioParallel, type ScenarioRun } from "../reporting/scenarioRun.js";
import { briefFamilies } from "../scenario/families.js";
import { expandScenarioPaths } from "../scenario/load.js";
import { checkScenarioFunds } from "../funds/rules.js";
import { loadScenario, type ResolvedScenario } from "../scenario/resolve.js";
import { HELP } from "./help.js";
import { intOption, langOption, parseCommand, RUN_OPTIONS, seedOption, threadsOption } from "./options.js";
import { progressBar } from "./progress.js";
import { UsageError } from "./usage.js";

type Log = NodeJS.WritableStream;

/** `tuopin run <scenario.yaml|folder>... [options]`; returns the exit status. */
export async function cmdRun(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...RUN_OPTIONS, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError("run needs at least one scenario file or folder, e.g. tuopin run scenarios/");
  const lang = langOption(values.lang);
  const seed = seedOption(values.seed);
  const replicates = intOption("replicates", values.replicates, 1, 100000);
  const threads = threadsOption(values.threads);
  const files = expandScenarioPaths(positionals);
  if (files.length === 0) throw new UsageError(`no *.yaml scenario files in ${positionals.join(", ")}`);
  const log = values.json ? process.stderr : process.stdout;
  // 1. validate everything first, 2. run each scenario (in memory), then 3. write
  const scenarios = loadAll(files);
  const runs = await runAll(scenarios, { seed, replicates, threads, lang }, values.json ? undefined : log);
  if (values.out) await writeRunOutputs(runs, values.out, lang, log);
  report(runs, values.json, log);
  return 0;
}

/** `tuopin compare <base.yaml> <other.yaml>... [--brief FILE.html] [--out DIR] [--json]`. */
export async function cmdCompare(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...RUN_OPTIONS, brief: { type: "string" } });
  checkCompareUse(positionals, values);
  const lang = langOption(values.lang);
  const seed = seedOption(values.seed);
  const threads = threadsOption(values.threads);
  const scenarios = loadAll(expandScenarioPaths(positionals));
  if (new Set(scenarios.map((s) => s.id)).size !== scenarios.length)
    throw new UsageError(`each scenario may be given once (got ${scenarios.map((s) => s.id).join(", ")})`);
  // the same number of replicates for all, so that differences are paired replicate by replicate
  const replicates = intOption("replicates", values.replicates, 1, 100000) ?? scenarios[0].replicates;
  const log = values.json ? process.stderr : process.stdout;
  const runs = await runAll(scenarios, { seed, replicates, threads, lang });
  if (values.out) await writeComparisonOutputs(runs, values.out, lang, log);
  if (values.brief) {
    await writeBrief(runs, values.brief, { lang });
    log.write(`wrote ${values.brief}\n`);
  }
  report(runs, values.json, log);
  return 0;
}

function checkCompareUse(positionals: string[], values: { brief?: string; out?: string; json?: boolean }): void {
  if (positionals.length < 2)
    throw new UsageError(
      "compare needs two or more scenario files, the first being the base: " +
        "tuopin compare a.yaml b.yaml --brief out/brief.html",
    );
  if (!values.brief && !values.out && !values.json)
    throw new UsageError(
      "compare writes a brief (--brief FILE.html), charts and tables (--out DIR) or JSON (--json); give at least one",
    );
  if (values.brief && !values.brief.endsWith(".html"))
    throw new UsageError(`--brief expects an .html file (got "${values.brief}")`);
}

/** Loads every scenario, collecting all problems of all files before anything runs. */
function loadAll(paths: string[]): ResolvedScenario[] {
  const regions = loadRegions();
  return readAll(paths, (p) => {
    const s = loadScenario(p, { regions });
    checkScenarioFunds(s);
    return s;
  });
}

/** Runs validated scenarios one after another (each on the worker threads), with a progress bar each. */
async function runAll(
  scenarios: ResolvedScenario[],
  options: { seed?: number; replicates?: number; threads: number; lang: Lang },
  log?: Log,
): Promise<ScenarioRun[]> {
  const regions = loadRegions();
  const observations = loadObservations(undefined, new Set(regions.byId.keys()));
  const runs: ScenarioRun[] = [];
  for (const s of scenarios) {
    const onProgress = progressBar(s.id.padEnd(36), process.stderr);
    runs.push(await runScenarioParallel(s, { ...options, regions, observations, onProgress }));
    if (log && !process.stderr.isTTY) log.write(`ran ${s.id}: ${options.replicates ?? s.replicates} replicates\n`);
  }
  return runs;
}

/** `run --out`: each scenario's folder, a brief per plan (DIR/briefs/<plan>.html) and the overview. */
async function writeRunOutputs(runs: ScenarioRun[], out: string, lang: Lang, log: Log): Promise<void> {
  for (const r of runs) log.write(`wrote ${(await writeScenarioOutputs(r, out, lang)).dir}/\n`);
  const briefs: { file: string; label: string; scenarios: string[] }[] = [];
  for (const { plan, members } of briefFamilies(runs, (r) => r.scenario.id)) {
    const file = join(out, "briefs", `${plan}.html`);
    await writeBrief(members, file, { lang });
    const label = lang === "en" ? members[0].scenario.label_en : members[0].scenario.label;
    briefs.push({ file: `briefs/${plan}.html`, label, scenarios: members.map((m) => m.scenario.id) });
    log.write(`wrote ${file}\n`);
  }
  const index = join(out, "index.html");
  writeFileAtomic(index, renderIndex(runs, briefs, { lang, notebooks: notebookLinks() }));
  log.write(`wrote ${index}\n`);
}

/** `compare --out`: each scenario's folder and the brief's charts in DIR/comparison/. */
async function writeComparisonOutputs(runs: ScenarioRun[], out: string, lang: Lang, log: Log): Promise<void> {
  for (const r of runs) log.write(`wrote ${(await writeScenarioOutputs(r, out, lang)).dir}/\n`);
  const dir = join(out, "comparison");
  await writeChartFiles(dir, briefCharts(runs, lang));
  log.write(`wrote ${dir}/\n`);
}

/** The summary table (to the log), and with --json the JSON document (to stdout). */
function report(runs: ScenarioRun[], json: boolean | undefined, log: Log): void {
  log.write("\n" + formatHeadlines(runs.map((r) => r.headline)) + "\n");
  if (json) process.stdout.write(JSON.stringify(runsToJson(runs), null, 2) + "\n");
}
