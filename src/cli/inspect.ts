/** `tuopin validate` and `tuopin explain`: read scenarios without running them. */
import { loadRegions } from "../data/regions.js";
import { formatProblem, ValidationError, type Problem } from "../errors.js";
import { explain, explainablePaths, formatExplanation, suggestPath } from "../scenario/explain.js";
import { recordedNotSimulated, type RecordedParameter } from "../scenario/context.js";
import { expandScenarioPaths } from "../scenario/load.js";
import { checkScenarioFunds } from "../funds/rules.js";
import { loadScenario } from "../scenario/resolve.js";
import { parseCommand } from "./options.js";
import { UsageError } from "./usage.js";

const JSON_OPTION = { json: { type: "boolean", default: false } } as const;

/** `tuopin validate <scenario.yaml|folder>... [--json]`: exit 0 only when every file is valid. */
export async function cmdValidate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, JSON_OPTION);
  if (positionals.length === 0) throw new UsageError("validate needs at least one scenario file or folder");
  const files = expandScenarioPaths(positionals);
  const regions = loadRegions();
  const results = files.map((file) => {
    try {
      const s = loadScenario(file, { regions });
      checkScenarioFunds(s);
      // the context parameters the plan's own files set: kept with their source, not simulated
      const recorded = recordedNotSimulated(s).filter((r) => r.setByPlan);
      return { file, valid: true, problems: [] as Problem[], recorded };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return { file, valid: false, problems: e.problems, recorded: [] as RecordedParameter[] };
    }
  });
  const valid = results.every((r) => r.valid);
  if (values.json) process.stdout.write(JSON.stringify({ valid, files: results }, null, 2) + "\n");
  else
    for (const r of results) {
      if (r.valid) process.stdout.write(`ok  ${r.file}\n${r.recorded.map(recordedNote).join("")}`);
      else {
        const problems = r.problems.map((p) => formatProblem(p).replace(/^/gm, "    ")).join("\n");
        process.stdout.write(`ERR ${r.file}\n${problems}\n`);
      }
    }
  return valid ? 0 : 1;
}

/** A validate note: a parameter the plan sets that the model records but does not simulate. */
function recordedNote(r: RecordedParameter): string {
  return `    note: ${r.path} (${r.label_en}) is recorded, not simulated: ${r.reason}\n`;
}

/** `tuopin explain <scenario.yaml> [path] [--json]`: a path's resolved values, or the paths the scenario sets. */
export async function cmdExplain(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, JSON_OPTION);
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError(
      "explain needs a scenario file and a path, e.g. tuopin explain scenarios/anhui-2018-2020.yaml funds",
    );
  const [file, path] = positionals;
  const s = loadScenario(file);
  if (path === undefined) {
    const paths = explainablePaths(s);
    process.stdout.write(
      values.json ? JSON.stringify({ scenario: s.id, paths }, null, 2) + "\n" : paths.join("\n") + "\n",
    );
    return 0;
  }
  const e = explain(s, path);
  if (!e) {
    const hint = suggestPath(s, path);
    process.stderr.write(
      `tuopin: ${s.id} sets nothing at "${path}"${hint ? `; did you mean "${hint}"?` : ""}\n` +
        `Run "tuopin explain ${file}" to list the paths it sets.\n`,
    );
    return 1;
  }
  process.stdout.write(values.json ? JSON.stringify(e, null, 2) + "\n" : formatExplanation(e) + "\n");
  return 0;
}
