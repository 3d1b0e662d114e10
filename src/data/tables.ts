import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { didYouMean, readAll, ValidationError, type Problem } from "../errors.js";
import { DATA_DIR } from "../paths.js";
import type { DocumentRef, Provenance } from "../vocabulary.js";
import { readCsv, type Cell } from "./csv.js";

const rel = (path: string) => relative(process.cwd(), path) || path;

/** The seed documents any scenario or data row may cite by id (data/documents.csv). */
export function loadDocuments(path = join(DATA_DIR, "documents.csv")): Record<string, DocumentRef> {
  const name = rel(path);
  const t = readCsv(path, name, ["id", "title", "published", "issuer", "file"]);
  const problems: Problem[] = [];
  const out: Record<string, DocumentRef> = {};
  for (const row of t.rows) {
    const c = row.cells;
    const id = c.id.text.trim();
    if (id in out)
      problems.push({
        file: name,
        line: c.id.line,
        column: c.id.column,
        path: "id",
        message: { zh: `文件 id "${id}" 重复`, en: `duplicate document id "${id}"` },
      });
    if (!c.title.text.trim())
      problems.push({
        file: name,
        line: c.title.line,
        column: c.title.column,
        path: "title",
        message: { zh: "缺少标题", en: "title is empty" },
      });
    out[id] = {
      title: c.title.text.trim(),
      published: c.published.text.trim() || undefined,
      issuer: c.issuer.text.trim() || undefined,
      file: c.file.text.trim() || undefined,
    };
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/** A baseline figure from a file of data/baselines/, with where it was read. */
export interface BaselineRow {
  region: string;
  metric: string;
  /** The figure holds at the end of this year (the start of the next). */
  year: number;
  value: number;
  unit: string;
  provenance: Provenance;
  /** "data/baselines/<region>.csv:LINE", for `tuopin explain`. */
  at: string;
}

const PROV_KINDS = ["url", "source", "derived", "assumption"] as const;

/** Parses a provenance cell "url:https://…", "source:004 §一", "derived:…" or "assumption:…". */
export function parseProvenanceCell(text: string): Provenance | undefined {
  const m = /^(url|source|derived|assumption):\s*(.+)$/s.exec(text.trim());
  if (!m || !(PROV_KINDS as readonly string[]).includes(m[1])) return undefined;
  if (m[1] === "url" && !/^https?:\/\//.test(m[2])) return undefined;
  return { [m[1]]: m[2].trim() } as Provenance;
}

/** What a baseline metric's rows are checked against: its unit, and whether it counts whole things. */
export interface BaselineMetric {
  unit: string;
  integer?: boolean;
}

/**
 * Loads data/baselines/*.csv (or one such file): per region and year-end, the registered poor, villages,
 * counties, deep-poverty counts, revenue … in base units, each row with its provenance. Checked like every
 * data file: columns, numbers, years, regions, duplicates, provenance, and, given `metrics` (the baseline
 * catalog, BASELINE in src/parameters/catalog.ts, which the scenario layer passes), known metrics and their
 * units. The catalog is passed in rather than imported because data/ sits below parameters/.
 */
export function loadBaselines(
  path = join(DATA_DIR, "baselines"),
  knownRegions?: ReadonlySet<string>,
  metrics?: Readonly<Record<string, BaselineMetric>>,
): BaselineRow[] {
  if (existsSync(path) && statSync(path).isDirectory()) return loadBaselineDir(path, knownRegions, metrics);
  const name = rel(path);
  const t = readCsv(path, name, ["region", "metric", "year", "value", "unit", "provenance"]);
  const problems: Problem[] = [];
  const out: BaselineRow[] = [];
  const seen = new Set<string>();
  for (const row of t.rows) {
    const c = row.cells;
    const at = (k: string, message: Problem["message"]) => {
      const cell: Cell = c[k];
      problems.push({ file: name, line: cell.line, column: cell.column, path: k, message });
    };
    const r = checkBaselineRow(c, at, knownRegions, metrics);
    const key = `${r.region}|${r.metric}|${r.year}`;
    if (seen.has(key)) at("year", { zh: `重复的记录 (${key})`, en: `duplicate row for (${key})` });
    seen.add(key);
    out.push({ ...r, at: `${name}:${row.line}` });
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/** One file per region; all problems of all files are reported together, rows repeated across files too. */
function loadBaselineDir(
  dir: string,
  knownRegions?: ReadonlySet<string>,
  metrics?: Readonly<Record<string, BaselineMetric>>,
): BaselineRow[] {
  const seen = new Map<string, string>();
  const files = readdirSync(dir)
    .filter((x) => x.endsWith(".csv"))
    .sort();
  const perFile = readAll(files, (f, problems) => {
    const rows = loadBaselines(join(dir, f), knownRegions, metrics);
    for (const r of rows) {
      const key = `${r.region}|${r.metric}|${r.year}`;
      const other = seen.get(key);
      if (other) {
        const [file, line] = r.at.split(/:(?=\d+$)/);
        const message = { zh: `记录 (${key}) 与 ${other} 重复`, en: `row (${key}) duplicates ${other}` };
        problems.push({ file, line: Number(line), column: 1, path: "", message });
      }
      seen.set(key, r.at);
    }
    return rows;
  });
  return perFile.flat();
}

/** One baseline row's cells read and checked (metric and unit against `metrics` when given). */
function checkBaselineRow(
  c: Record<string, Cell>,
  at: (k: string, message: Problem["message"]) => void,
  knownRegions?: ReadonlySet<string>,
  metrics?: Readonly<Record<string, BaselineMetric>>,
): Omit<BaselineRow, "at"> {
  const region = c.region.text.trim(),
    metric = c.metric.text.trim(),
    unit = c.unit.text.trim();
  const value = Number(c.value.text),
    year = Number(c.year.text);
  const def = metrics?.[metric];
  if (metrics && !def) at("metric", unknownMetric(metric, Object.keys(metrics)));
  else if (def && unit !== def.unit)
    at("unit", {
      zh: `单位 "${unit}" 不对，应为 "${def.unit}"`,
      en: `unit "${unit}" is wrong for ${metric}; expected "${def.unit}"`,
    });
  const v = c.value.text;
  if (v.trim() === "" || !Number.isFinite(value) || value < 0)
    at("value", { zh: `数值 "${v}" 应为非负数`, en: `value "${v}" must be a non-negative number` });
  else if (def?.integer && !Number.isInteger(value))
    at("value", { zh: `数值 "${v}" 应为整数`, en: `value "${v}" must be a whole count` });
  if (!Number.isInteger(year) || year < 1978 || year > 2030)
    at("year", {
      zh: `年份 "${c.year.text}" 应为 1978–2030 的整数`,
      en: `year "${c.year.text}" must be an integer in 1978–2030`,
    });
  if (knownRegions && !knownRegions.has(region))
    at("region", {
      zh: `地区 "${region}" 不在 data/regions.csv 中`,
      en: `region "${region}" is not in data/regions.csv`,
    });
  const provenance = parseProvenanceCell(c.provenance.text);
  if (!provenance)
    at("provenance", {
      zh: "来源应写为 url:…、source:…、derived:… 或 assumption:…",
      en: 'provenance must read "url:https://…", "source:<doc> §<section>", "derived:…" or "assumption:…"',
    });
  return { region, metric, year, value, unit, provenance: provenance ?? {} };
}

function unknownMetric(metric: string, known: string[]): Problem["message"] {
  const suggestion = didYouMean(metric, known);
  return {
    zh: `未知指标 "${metric}"`,
    en:
      `unknown metric "${metric}"` +
      (suggestion ? `; did you mean "${suggestion}"?` : `; metrics: ${known.join(", ")}`),
  };
}
