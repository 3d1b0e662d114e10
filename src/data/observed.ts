import { join, relative } from "node:path";
import { ValidationError, type Problem } from "../errors.js";
import { DATA_DIR } from "../paths.js";
import { readCsv } from "./csv.js";

/** An observed figure with its source, for charts (the solid line) and backtests. */
export interface Observation {
  region: string;
  metric: string;
  year: number;
  value: number;
  unit: string;
  source_url: string;
}

const COLUMNS = ["region", "metric", "year", "value", "unit", "source_url"] as const;

/**
 * Loads data/observed.csv: observed series in base units (people, not 10,000 people). Each row is checked:
 * numeric non-negative value, an integer year in 1978–2030, a source address, no duplicate
 * (region, metric, year). `knownRegions`, when given, must contain every region id used.
 */
export function loadObservations(
  path = join(DATA_DIR, "observed.csv"),
  knownRegions?: ReadonlySet<string>,
): Observation[] {
  const name = relative(process.cwd(), path) || path;
  const t = readCsv(path, name, COLUMNS);
  const problems: Problem[] = [];
  const out: Observation[] = [];
  const seen = new Set<string>();
  for (const row of t.rows) {
    const c = row.cells;
    const at = (k: string, message: Problem["message"]) =>
      problems.push({ file: name, line: c[k].line, column: c[k].column, path: k, message });
    const value = Number(c.value.text);
    const year = Number(c.year.text);
    if (c.value.text.trim() === "" || !Number.isFinite(value) || value < 0)
      at("value", {
        zh: `数值 "${c.value.text}" 应为非负数`,
        en: `value "${c.value.text}" must be a non-negative number`,
      });
    if (!Number.isInteger(year) || year < 1978 || year > 2030)
      at("year", {
        zh: `年份 "${c.year.text}" 应为 1978–2030 的整数`,
        en: `year "${c.year.text}" must be an integer in 1978–2030`,
      });
    if (!/^https?:\/\//.test(c.source_url.text.trim()))
      at("source_url", { zh: "缺少来源网址", en: "source_url must be the address the figure was read from" });
    const region = c.region.text.trim();
    if (knownRegions && !knownRegions.has(region))
      at("region", {
        zh: `地区 "${region}" 不在 data/regions.csv 中`,
        en: `region "${region}" is not in data/regions.csv`,
      });
    const metric = c.metric.text.trim();
    const key = `${region}|${metric}|${year}`;
    if (seen.has(key)) at("year", { zh: `重复的记录 (${key})`, en: `duplicate row for (${key})` });
    seen.add(key);
    out.push({ region, metric, year, value, unit: c.unit.text.trim(), source_url: c.source_url.text.trim() });
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}
