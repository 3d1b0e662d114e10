/** The help texts of the command line (`tuopin --help`, `tuopin sensitivity --help`). */
import { SENSITIVITY_REPLICATES } from "../runners/sensitivity.js";
import { VERSION } from "../version.js";

/** `tuopin --help`. */
export const HELP = `tuopin ${VERSION} — poverty-alleviation scenario simulation (脱贫攻坚情景模拟)

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
             money, money per exit, expected returns, cost of the quotas, whether they are feasible), four
             charts (the poor side by side, the paired difference from the base, returns, money) and a fifth
             where the base sets quotas (what meeting them takes, with a sentence per scenario), the
             assumptions that differ, sources and the manifest. --out DIR also writes each scenario's
             outputs and the brief's charts
             (DIR/comparison/: .vl.json, .svg, .png).
  validate   Check scenario files and report every problem with file, line and column; exit 0 only when
             all are valid.
  backtest   Run the national scenario from end 2015 (inputs stop at 2015) and print the projected poor
             population for 2016–2020 (P10/P50/P90), with the error against observed figures in data/
             where there are any.
  optimise   For one year of a scenario with money rules (--year, default the first): the allocation of
             the year's grants across counties and measures that maximises expected exits under the plan's
             constraints (reserved shares, floor and cap shares, coverage ≤ eligible), solved as a linear
             programme (HiGHS); prints it beside the plan's own allocation, the gain, and the value of one
             more yuan under each binding constraint (duals).
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
aligned (target-following: the plan's yearly quotas met by the least effort that reaches them; the run
reports the effort, the money beyond the rules, whether each quota was feasible and the wrong exits it risks).

Exit status: 0 success; 1 invalid input (every problem is listed); 2 wrong usage.
`;

/** `tuopin sensitivity --help`. */
export const SENSITIVITY_HELP = `Usage:
  tuopin sensitivity <scenario.yaml> [--json] [--out DIR] [--replicates N] [--seed N] [--lang zh|en]

Moves each policy lever the scenario marks (every dated value in force during the horizon whose provenance
gives a range: in parameters and in fund rules) to the low and to the high end of its range, one at a time,
with paired random numbers (same seed, replicates and generated registry as the base run), and reports
the effect on the target year's poor people (P50, mechanistic mode) and on money: spending on measures
and guarantees over the horizon (P50, mechanistic) and the cost of meeting the plan's quotas (P50,
target-following mode). Levers are listed by their swing in poor people, largest first.

Options:
  --json             Print one JSON document to stdout (the table goes to stderr).
  --out DIR          Write DIR/<scenario>--sensitivity.{csv,vl.json,svg,png}: the rows (CSV, UTF-8 with BOM)
                     and the tornado chart.
  --replicates N     Replicates of every run (1–100000; default ${SENSITIVITY_REPLICATES}).
  --seed N           Override the scenario's seed (integer ≥ 0).
  --lang zh|en       Language of the chart (default zh).
  -h, --help         Show this help.
`;
