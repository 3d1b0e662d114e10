/**
 * Option parsing the commands share: strict parsing, integers in a range, the chart language, the options of
 * the commands that simulate (run, compare, backtest, sensitivity).
 */
import { availableParallelism } from "node:os";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Lang } from "../reporting/charts/header.js";
import { UsageError } from "./usage.js";

/** `--name N`: an integer in min–max, or undefined when the option is absent. */
export function intOption(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`--${name} expects an integer in ${min}–${max} (got "${v}")`);
  }
  return Number(v);
}

/** `--seed N`: any integer ≥ 0. */
export const seedOption = (v: string | undefined) => intOption("seed", v, 0, Number.MAX_SAFE_INTEGER);

/** `--threads N`, by default the machine's cores. */
export const threadsOption = (v: string | undefined) => intOption("threads", v, 1, 256) ?? availableParallelism();

/** `--lang zh|en`. */
export function langOption(v: string | undefined): Lang {
  if (v !== "zh" && v !== "en") throw new UsageError(`--lang expects zh or en (got "${v}")`);
  return v;
}

type CommandConfig<O> = { args: string[]; allowPositionals: true; strict: true; options: O };

/** A command's arguments: its positionals and the given options, strictly (an unknown option is an error). */
export function parseCommand<O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<CommandConfig<O>>> {
  return parseArgs<CommandConfig<O>>({
    args: argv,
    allowPositionals: true,
    strict: true,
    options,
  });
}

/** The options of every command that simulates replicates: `--json`, `--replicates N`, `--seed N`. */
export const REPLICATE_OPTIONS = {
  seed: { type: "string" },
  replicates: { type: "string" },
  json: { type: "boolean", default: false },
} as const;

/** `--threads N`. */
export const THREADS_OPTION = { threads: { type: "string" } } as const;

/** The options `run` and `compare` share. */
export const RUN_OPTIONS = {
  out: { type: "string" },
  ...REPLICATE_OPTIONS,
  lang: { type: "string", default: "zh" },
  ...THREADS_OPTION,
} as const;
