/** `tuopin backtest`, `calibrate`, `risk` and `optimise`: the analyses beside a scenario's run. */
import { loadRegions } from "../data/regions.js";
import { optimiseScenario } from "../funds/optimiseScenario.js";
import { formatOptimum, optimumToJson } from "../funds/optimumReport.js";
import { formatRisk, monitoringList } from "../risk/monitoring.js";
import { policyValues, type PolicyValue } from "../risk/policies.js";
import { backtest, formatBacktest } from "../reporting/backtest.js";
import { calibrateReturns, formatCalibration } from "../runners/calibrate.js";
import { loadScenario, type ResolvedScenario } from "../scenario/resolve.js";
import { intOption, parseCommand, REPLICATE_OPTIONS, seedOption, THREADS_OPTION, threadsOption } from "./options.js";
import { progressBar, progressLine } from "./progress.js";
import { UsageError } from "./usage.js";

const json = (x: unknown) => JSON.stringify(x, null, 2) + "\n";

/** `tuopin backtest national [--json] [--replicates N] [--seed N] [--threads N]`. */
export async function cmdBacktest(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...REPLICATE_OPTIONS, ...THREADS_OPTION });
  if (positionals.length !== 1 || positionals[0] !== "national")
    throw new UsageError('backtest takes one case: "national" (tuopin backtest national)');
  const bt = await backtest({
    replicates: intOption("replicates", values.replicates, 1, 100000),
    seed: seedOption(values.seed),
    threads: threadsOption(values.threads),
    onProgress: progressBar("national backtest".padEnd(36), process.stderr),
  });
  process.stdout.write(values.json ? json(bt) : formatBacktest(bt) + "\n");
  return 0;
}

/** `tuopin calibrate national [--json] [--replicates N] [--seed N]`. */
export async function cmdCalibrate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, REPLICATE_OPTIONS);
  if (positionals.length !== 1 || positionals[0] !== "national")
    throw new UsageError("calibrate takes one target: tuopin calibrate national [--json] [--replicates N] [--seed N]");
  const replicates = intOption("replicates", values.replicates, 1, 1000),
    seed = intOption("seed", values.seed, 0, 2 ** 32 - 1);
  const line = progressLine();
  const c = calibrateReturns({
    ...(replicates !== undefined ? { replicates } : {}),
    ...(seed !== undefined ? { seed } : {}),
    onProgress: (n) => line.write(`calibrating: ${n} runs`),
  });
  line.end();
  process.stdout.write(values.json ? json(c) : formatCalibration(c) + "\n");
  return 0;
}

/** `tuopin risk <scenario.yaml> [--year Y] [--top N] [--policies] [--replicates N] [--json]`. */
export async function cmdRisk(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    json: { type: "boolean", default: false },
    year: { type: "string" },
    top: { type: "string" },
    policies: { type: "boolean", default: false },
    replicates: { type: "string" },
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
  const line = progressLine();
  const policies = values.policies
    ? policyValues(s, {
        regions,
        ...(replicates !== undefined ? { replicates } : {}),
        onProgress: (d, t) => line.write(`policy values: ${d}/${t} runs`),
      })
    : undefined;
  if (policies) line.end();
  if (values.json) process.stdout.write(json({ ...report, ...(policies ? { policies } : {}) }));
  else process.stdout.write(formatRisk(report) + "\n" + (policies ? formatPolicies(s, policies) : ""));
  return 0;
}

/** What each protective policy in force is worth, one line each, for `risk --policies`. */
function formatPolicies(s: ResolvedScenario, policies: PolicyValue[]): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const lines = policies.map(
    (p) =>
      `  ${p.zh} ${p.id.padEnd(16)} ${n(p.avoided).padStart(10)} falls avoided ` +
      `(P10–P90 ${n(p.avoidedP10)} to ${n(p.avoidedP90)}; ${n(p.fallsWithout)} without, ${n(p.fallsWith)} with)  ` +
      `cost per fall avoided ${p.costPerAvoided === null ? "—" : n(p.costPerAvoided) + " yuan"}\n`,
  );
  if (policies.length === 0) lines.push("  (no protective policy is in force in this scenario)\n");
  return (
    `\nwhat each protective policy in force is worth over ${s.horizon.start}–${s.horizon.end} ` +
    `(returns and new poor, mean of paired runs):\n` +
    lines.join("")
  );
}

/** `tuopin optimise <scenario.yaml> [--year Y] [--json]`. */
export async function cmdOptimise(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    json: { type: "boolean", default: false },
    year: { type: "string" },
  });
  if (positionals.length !== 1)
    throw new UsageError("optimise takes one scenario file: tuopin optimise <scenario.yaml> [--year Y] [--json]");
  const regions = loadRegions();
  const s = loadScenario(positionals[0], { regions });
  if (s.funds.size === 0)
    throw new UsageError(
      `${positionals[0]} has no money rules (funds:), so there is nothing to allocate; ` +
        "try scenarios/anhui-2018-2020.yaml",
    );
  const year = intOption("year", values.year, s.horizon.start, s.horizon.end);
  const o = await optimiseScenario(s, { regions, ...(year !== undefined ? { year } : {}) });
  process.stdout.write(values.json ? json(optimumToJson(o)) : formatOptimum(o) + "\n");
  return 0;
}
