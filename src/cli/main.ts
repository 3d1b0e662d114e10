/** The command line: `tuopin <command> …`. Each command is its own module; this one dispatches and exits. */
import { ValidationError } from "../errors.js";
import { VERSION } from "../version.js";
import { cmdBacktest, cmdCalibrate, cmdOptimise, cmdRisk } from "./analyses.js";
import { HELP } from "./help.js";
import { cmdExplain, cmdValidate } from "./inspect.js";
import { cmdCompare, cmdRun } from "./run.js";
import { cmdSensitivity } from "./sensitivity.js";
import { UsageError } from "./usage.js";

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  run: cmdRun,
  compare: cmdCompare,
  validate: cmdValidate,
  explain: cmdExplain,
  backtest: cmdBacktest,
  sensitivity: cmdSensitivity,
  calibrate: cmdCalibrate,
  risk: cmdRisk,
  optimise: cmdOptimise,
  optimize: cmdOptimise,
};

/** Entry point: returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    return await dispatch(cmd, rest);
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

async function dispatch(cmd: string | undefined, rest: string[]): Promise<number> {
  if (cmd === undefined || ["-h", "--help", "help"].includes(cmd)) {
    process.stdout.write(HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === "-v" || cmd === "--version") {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command)
    throw new UsageError(
      `unknown command "${cmd}"; commands: run, compare, validate, explain, backtest, sensitivity, optimise, ` +
        "calibrate, risk (see tuopin --help)",
    );
  return await command(rest);
}
