import { join } from "node:path";
import { loadRegions } from "../data/regions.js";
import { writeFileAtomic } from "../reporting/atomic.js";
import type { Lang } from "../reporting/charts/header.js";
import { tornadoChart } from "../reporting/charts/tornado.js";
import { svgToPng, toSvg } from "../reporting/render.js";
import { runSensitivity, sensitivityToJson, type SensitivityResult } from "../runners/sensitivity.js";
import { sensitivityChartContext, sensitivityRowsToCsv } from "../reporting/sensitivity.js";
import { loadScenario } from "../scenario/resolve.js";
import { SENSITIVITY_HELP } from "./help.js";
import { intOption, langOption, parseCommand, REPLICATE_OPTIONS, seedOption } from "./options.js";
import { progressBar } from "./progress.js";
import { UsageError } from "./usage.js";

/** Wrong usage of the command (exit status 2). */
export { UsageError } from "./usage.js";

const fmt = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : Math.round(x).toLocaleString("en-US"));
const signed = (x: number | null) =>
  x === null || Number.isNaN(x) ? "—" : `${x > 0 ? "+" : ""}${Math.round(x).toLocaleString("en-US")}`;
const num = (x: number) =>
  Math.abs(x) >= 1e4 ? Math.round(x).toLocaleString("en-US") : String(Number(x.toPrecision(6)));

/** The plain table of a sensitivity run: one line per lever, largest swing in poor people first. */
export function formatSensitivity(result: SensitivityResult): string {
  const b = result.base;
  const quotas = b.target_cost !== null;
  const head = [
    `sensitivity of ${result.scenario.id}: P50 of ${result.replicates} replicates per run, seed ${result.seed}, ` +
      "paired (same seed and registry)",
    `base: poor people at the end of ${result.target_year} ${fmt(b.poor)}; ` +
      `spending on measures and guarantees ${result.years[0]}–${result.target_year} ${fmt(b.cost)} yuan` +
      (quotas ? `; cost of meeting the quotas ${fmt(b.target_cost)} yuan` : ""),
    "",
  ];
  if (result.rows.length === 0)
    return [...head, "no levers: no value in force during the horizon gives a range"].join("\n");
  const header = [
    "lever",
    "value",
    "low–high",
    "poor Δ low",
    "poor Δ high",
    "spending Δ low",
    "spending Δ high",
    ...(quotas ? ["quotas cost Δ low", "quotas cost Δ high"] : []),
  ];
  const body = result.rows.map((r) => [
    r.lever,
    num(r.value),
    `${num(r.low)}–${num(r.high)}`,
    signed(r.poor_delta_low),
    signed(r.poor_delta_high),
    signed(r.cost_delta_low),
    signed(r.cost_delta_high),
    ...(quotas ? [signed(r.target_cost_delta_low), signed(r.target_cost_delta_high)] : []),
  ]);
  const widths = header.map((_, k) => Math.max(header[k].length, ...body.map((c) => c[k].length)));
  const line = (cells: string[]) =>
    cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ");
  return [...head, line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** Writes `DIR/<scenario>--sensitivity.{csv,vl.json,svg,png}`, each whole or not at all; returns the paths. */
export async function writeSensitivityOutputs(
  result: SensitivityResult,
  outDir: string,
  lang: Lang = "zh",
): Promise<string[]> {
  const stem = join(outDir, `${result.scenario.id}--sensitivity`);
  const spec = tornadoChart(result.rows, sensitivityChartContext(result, lang), { lang });
  const svg = await toSvg(spec);
  const png = await svgToPng(await toSvg(spec, 2));
  const files: [string, string | Uint8Array][] = [
    [`${stem}.csv`, sensitivityRowsToCsv(result.rows)],
    [`${stem}.vl.json`, JSON.stringify(spec, null, 2) + "\n"],
    [`${stem}.svg`, svg],
    [`${stem}.png`, png],
  ];
  for (const [path, data] of files) writeFileAtomic(path, data);
  return files.map(([p]) => p);
}

/** `tuopin sensitivity <scenario> [--json] [--out DIR] [--replicates N] [--seed N] [--lang zh|en]`; the exit status. */
export async function cmdSensitivity(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...REPLICATE_OPTIONS,
    out: { type: "string" },
    lang: { type: "string", default: "zh" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(SENSITIVITY_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      "sensitivity needs exactly one scenario file, e.g. tuopin sensitivity scenarios/kunming-2018-2020.yaml",
    );
  const lang = langOption(values.lang);
  const seed = seedOption(values.seed);
  const replicates = intOption("replicates", values.replicates, 1, 100000);
  const log = values.json ? process.stderr : process.stdout;

  const regions = loadRegions();
  const s = loadScenario(positionals[0], { regions });
  const onProgress = progressBar(`${s.id} sensitivity`.padEnd(28), process.stderr);
  const result = runSensitivity(s, { regions, seed, replicates, onProgress });
  if (!process.stderr.isTTY && !values.json)
    log.write(
      `ran ${s.id} sensitivity: ${result.levers.length} levers, ` +
        `${result.runs} runs of ${result.replicates} replicates\n`,
    );
  if (values.out) for (const f of await writeSensitivityOutputs(result, values.out, lang)) log.write(`wrote ${f}\n`);
  log.write("\n" + formatSensitivity(result) + "\n");
  if (values.json) process.stdout.write(JSON.stringify(sensitivityToJson(result), null, 2) + "\n");
  return 0;
}
