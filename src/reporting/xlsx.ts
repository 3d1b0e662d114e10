import type { Workbook, Worksheet, Style } from "exceljs";
import { METRICS } from "../model/types.js";
import type { Headline } from "./headline.js";
import type { Stat, TidyRow } from "./tidy.js";
import type { Lang } from "./charts/header.js";
import { textWidth } from "./text.js";

export interface WorkbookInput {
  rows: TidyRow[];
  headlines?: Headline[];
  /** key/value facts of the run (e.g. the manifest object); nested values are JSON-stringified */
  manifest?: Record<string, unknown>;
  lang?: Lang; // default "zh"
}

/** Sheet names: bilingual whatever the language, at most 31 characters, none of []:*?/\ (Excel's rules). */
export const XLSX_SHEETS = {
  summary: "摘要 Summary",
  results: "结果 Results",
  tidy: "明细 Tidy rows",
  manifest: "运行清单 Manifest",
} as const;

/** The fixed time stamped into the workbook (docProps/core.xml) and onto every ZIP entry: 1980-01-01 00:00 UTC, the
 *  earliest a ZIP (DOS) date can hold. */
export const XLSX_FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/** Stats of the wide results table, in row order within a metric. `plan_path` is left to the tidy sheet. */
const WIDE_STATS: readonly Stat[] = ["p10", "p50", "p90", "mean", "target", "p_met", "observed"];

const STAT_LABELS: Record<Lang, Partial<Record<Stat, string>>> = {
  zh: {
    p10: "P10",
    p50: "P50 中位数",
    p90: "P90",
    mean: "均值",
    target: "目标",
    p_met: "达标概率",
    observed: "实际值",
  },
  en: {
    p10: "P10",
    p50: "P50 (median)",
    p90: "P90",
    mean: "Mean",
    target: "Target",
    p_met: "P(target met)",
    observed: "Observed",
  },
};

const UNIT_LABELS: Record<Lang, Record<string, string>> = {
  zh: {
    people: "人",
    households: "户",
    villages: "个村",
    counties: "个县",
    yuan: "元",
    "yuan/person": "元/人",
    "/1": "比例",
  },
  en: {
    people: "people",
    households: "households",
    villages: "villages",
    counties: "counties",
    yuan: "yuan",
    "yuan/person": "yuan/person",
    "/1": "share",
  },
};

const T = {
  zh: {
    scenario: "情景",
    mode: "模式",
    region: "地区",
    metric: "指标",
    unit: "单位",
    stat: "统计量",
    key: "项目",
    value: "值",
  },
  en: {
    scenario: "Scenario",
    mode: "Mode",
    region: "Region",
    metric: "Metric",
    unit: "Unit",
    stat: "Statistic",
    key: "Key",
    value: "Value",
  },
} as const;

const INT = "#,##0";
const PCT = "0.0%";
const DEC = "#,##0.00";

/** Excel number format of a tidy-row unit: counts and yuan whole, shares as percentages, the rest with two decimals. */
export function unitNumFmt(unit: string): string {
  switch (unit) {
    case "people":
    case "households":
    case "villages":
    case "counties":
    case "yuan":
      return INT;
    case "/1":
      return PCT;
    default:
      return DEC;
  }
}

/**
 * A metric's label in a language; metrics outside `METRICS` (`fund.<rule>`, `spend.<measure>`, `allocation`)
 * keep their name.
 */
export function metricLabel(metric: string, lang: Lang): string {
  return metric in METRICS ? METRICS[metric as keyof typeof METRICS][lang] : metric;
}

/** A summary column: a headline field, shown divided by `scale` (yuan in 亿元), its header per language and
 *  number format. */
interface SummaryColumn {
  /** A headline field, or a field of its aligned run's headline by dotted path (`aligned.binding.shift`). */
  field: keyof Headline | `aligned.${string}`;
  zh: string;
  en: string;
  fmt?: string;
  scale?: number;
}

const YI = 1e8;

const SUMMARY: SummaryColumn[] = [
  { field: "label", zh: "情景", en: "Scenario" },
  { field: "scenario", zh: "情景编号", en: "Scenario id" },
  { field: "start_year", zh: "起始年", en: "Start year", fmt: "0" },
  { field: "target_year", zh: "目标年", en: "Target year", fmt: "0" },
  { field: "poor_start", zh: "期初贫困人口（人）", en: "Poor people at start (people)", fmt: INT },
  { field: "poor_end_p10", zh: "期末贫困人口 P10（人）", en: "Poor people at end, P10 (people)", fmt: INT },
  { field: "poor_end_p50", zh: "期末贫困人口 P50（人）", en: "Poor people at end, P50 (people)", fmt: INT },
  { field: "poor_end_p90", zh: "期末贫困人口 P90（人）", en: "Poor people at end, P90 (people)", fmt: INT },
  { field: "target_remaining", zh: "目标剩余贫困人口（人）", en: "Target remaining poor (people)", fmt: INT },
  { field: "p_target_met", zh: "达标概率（%）", en: "Probability target met (%)", fmt: PCT },
  { field: "year_met", zh: "P50 达标年份", en: "Year P50 meets target", fmt: "0" },
  { field: "exits_total_p50", zh: "累计脱贫人口 P50（人）", en: "People exited over horizon, P50 (people)", fmt: INT },
  {
    field: "returns_total_p50",
    zh: "累计返贫人口 P50（人）",
    en: "Returns to poverty over horizon, P50 (people)",
    fmt: INT,
  },
  {
    field: "returns_total_mean",
    zh: "累计返贫人口 均值（人）",
    en: "Returns to poverty over horizon, mean (people)",
    fmt: "#,##0.0",
  },
  { field: "funds_total_p50", zh: "扶贫资金合计 P50（元）", en: "Grants over horizon, P50 (yuan)", fmt: INT },
  {
    field: "funds_total_p50",
    zh: "扶贫资金合计 P50（亿元）",
    en: "Grants over horizon, P50 (100 million yuan)",
    fmt: DEC,
    scale: YI,
  },
  {
    field: "cost_per_exit_p50",
    zh: "每脱贫一人资金 P50（元/人）",
    en: "Grants per person exiting, P50 (yuan/person)",
    fmt: INT,
  },
  {
    field: "target_cost_p50",
    zh: "按计划脱贫所需投入 P50（元）",
    en: "Cost of meeting the quotas, P50 (yuan)",
    fmt: INT,
  },
  {
    field: "target_cost_p50",
    zh: "按计划脱贫所需投入 P50（亿元）",
    en: "Cost of meeting the quotas, P50 (100 million yuan)",
    fmt: DEC,
    scale: YI,
  },
  ...alignedColumns(),
];

/** The aligned run's headline (src/reporting/aligned.ts) in flat columns; its years stay in the results sheet. */
function alignedColumns(): SummaryColumn[] {
  const c = (field: string, zh: string, en: string, fmt?: string, scale?: number): SummaryColumn => ({
    field: `aligned.${field}`,
    zh,
    en,
    fmt,
    scale,
  });
  return [
    c("last_quota_year", "最后任务年", "Last quota year", "0"),
    c("p_met", "各年任务均完成的概率（%）", "Probability every quota is met (%)", PCT),
    c("p_feasible", "最后任务年可行概率（%）", "Probability the last quota is feasible (%)", PCT),
    c("shortfall_p50", "最后任务年缺口 P50（人）", "Shortfall in the last quota year, P50 (people)", INT),
    c("shortfall_worst_p50", "最大年度缺口 P50（人）", "Largest yearly shortfall, P50 (people)", INT),
    c("effort_p50", "最大年度帮扶力度 P50（元/人）", "Largest yearly effort, P50 (yuan/person)", INT),
    c("effort_max", "帮扶力度上限（元/人）", "Bound on the effort (yuan/person)", INT),
    c("money_beyond_rules_p50", "超出规则资金的投入 P50（元）", "Money beyond the rules, P50 (yuan)", INT),
    c(
      "money_beyond_rules_p50",
      "超出规则资金的投入 P50（亿元）",
      "Money beyond the rules, P50 (100 million yuan)",
      DEC,
      YI,
    ),
    c("wrong_exit_rate_p50", "错退率 P50（%）", "Wrong-exit rate, P50 (%)", PCT),
    c("wrong_exit_rate_max", "错退率 逐年 P50 最高（%）", "Wrong-exit rate, highest yearly P50 (%)", PCT),
    c("wrong_exit_limit", "错退率考核上限（%）", "Wrong-exit limit of the assessment (%)", PCT),
    c("missed_poor_rate_p50", "漏评率 P50（%）", "Missed-poor rate, P50 (%)", PCT),
    c("missed_poor_rate_max", "漏评率 逐年 P50 最高（%）", "Missed-poor rate, highest yearly P50 (%)", PCT),
    c("binding.shift", "受帮扶力度上限约束的概率（%）", "Probability bound by the largest effort (%)", PCT),
    c("binding.eligible", "受剩余贫困户数约束的概率（%）", "Probability bound by the poor left (%)", PCT),
    c("binding.money", "受资金约束的概率（%）", "Probability bound by money (%)", PCT),
    c("remaining.income_gap", "期末剩余：收入未达标 P50（人）", "Poor left at end: income gap, P50 (people)", INT),
    c("remaining.no_labour", "期末剩余：无劳动力 P50（人）", "Poor left at end: no labour, P50 (people)", INT),
    c("remaining.guarantee", "期末剩余：三保障未达标 P50（人）", "Poor left at end: guarantees, P50 (people)", INT),
  ];
}

/** A headline's value at a dotted path (undefined where a step is missing, e.g. no aligned run). */
const fieldAt = (h: Headline, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), h);

/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32767;

const HEADER_STYLE: Partial<Style> = Object.freeze({
  font: Object.freeze({ bold: true }),
  fill: Object.freeze({ type: "pattern", pattern: "solid", fgColor: Object.freeze({ argb: "FFDDEBF7" }) }),
  alignment: Object.freeze({ vertical: "middle", wrapText: true }),
} as const);

/**
 * Style objects shared by the body cells of the large sheets. exceljs gives every cell a style object of its own and,
 * when writing, resolves each one anew unless it has seen that very object before; sharing them halves the writing
 * time of 50,000 rows. They are never mutated: a cell's format is changed by assigning another shared object.
 */
const PLAIN_TEXT: Partial<Style> = Object.freeze({});
const PLAIN_NUMBER: Partial<Style> = Object.freeze({ numFmt: "General" });

/** Cell values: numbers that are not finite (NaN: undefined; ±Infinity) become empty cells, which Excel can store. */
const num = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

/** Approximate display width of a number under one of the formats used here, without formatting it. */
function numberWidth(x: number, fmt: string | undefined): number {
  const sign = x < 0 ? 1 : 0;
  if (fmt === PCT) return String(Math.round(Math.abs(x) * 100)).length + 3 + sign;
  if (fmt === "0") return String(Math.round(Math.abs(x))).length + sign;
  if (fmt?.startsWith("#,##0")) {
    const digits = String(Math.round(Math.abs(x))).length;
    const decimals = fmt.includes(".") ? fmt.length - fmt.indexOf(".") : 0;
    return digits + Math.floor((digits - 1) / 3) + decimals + sign;
  }
  return String(x).length;
}

/**
 * Styles a sheet the same way everywhere: a bold, filled header row that stays frozen, an autofilter over the
 * header, and column widths fitted to the content (CJK counting double; between 6 and 50 characters).
 * `widths` holds each column's widest cell content, header included.
 */
function finishSheet(ws: Worksheet, widths: number[]): void {
  const header = ws.getRow(1);
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: widths.length } };
  widths.forEach((w, k) => {
    ws.getColumn(k + 1).width = Math.min(50, Math.max(6, w + 2));
  });
}

/** One row per headline. Fields the columns above do not know (the headline grows) follow under their own names. */
function summarySheet(wb: Workbook, headlines: Headline[], lang: Lang): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.summary);
  const known = new Set<string>(SUMMARY.map((c) => c.field.split(".")[0]));
  const extra: string[] = [];
  for (const h of headlines) for (const k of Object.keys(h)) if (!known.has(k) && !extra.includes(k)) extra.push(k);
  const columns = [
    ...SUMMARY.map((c) => ({ ...c, field: c.field as string })),
    ...extra.map((k) => ({ field: k, zh: k, en: k, fmt: undefined, scale: undefined })),
  ];
  const header = columns.map((c) => c[lang]);
  ws.addRow(header);
  // long headers wrap, so their width counts only up to 24 characters
  const widths = header.map((h) => Math.min(24, textWidth(h)));
  for (const h of headlines) {
    const row = ws.addRow(
      columns.map((c) => {
        const v = fieldAt(h, c.field);
        if (typeof v === "number") return num(v / (c.scale ?? 1));
        if (typeof v === "string" || typeof v === "boolean") return v;
        return v === null || v === undefined ? null : JSON.stringify(v);
      }),
    );
    columns.forEach((c, k) => {
      const cell = row.getCell(k + 1);
      if (c.fmt) cell.numFmt = c.fmt;
      const v = cell.value;
      const w = typeof v === "number" ? numberWidth(v, c.fmt) : typeof v === "string" ? textWidth(v) : 0;
      if (w > widths[k]) widths[k] = w;
    });
  }
  finishSheet(ws, widths);
}

/**
 * The wide results table: one row per scenario, mode, region, metric, statistic (and unit), one column per year.
 * Rows follow the tidy rows' order of first appearance of each scenario, mode, region and metric, and then
 * `WIDE_STATS`.
 */
function resultsSheet(wb: Workbook, rows: TidyRow[], lang: Lang): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.results);
  const order = {
    scenario: new Map<string, number>(),
    mode: new Map<string, number>(),
    region: new Map<string, number>(),
    metric: new Map<string, number>(),
  };
  const rank = (m: Map<string, number>, k: string) => {
    let i = m.get(k);
    if (i === undefined) m.set(k, (i = m.size));
    return i;
  };
  interface Group {
    key: number[];
    row: TidyRow;
    values: Map<number, number>;
  }
  const groups = new Map<string, Group>();
  const years = new Set<number>();
  for (const r of rows) {
    const s = WIDE_STATS.indexOf(r.stat);
    if (s < 0) continue;
    const key = [
      rank(order.scenario, r.scenario),
      rank(order.mode, r.mode),
      rank(order.region, r.region),
      rank(order.metric, r.metric),
      s,
    ];
    const id = `${key.join("\u0000")}\u0000${r.unit}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, row: r, values: new Map() }));
    g.values.set(r.year, r.value);
    years.add(r.year);
  }
  const yearList = [...years].sort((a, b) => a - b);
  const sorted = [...groups.values()].sort((a, b) => {
    for (let k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
    return a.row.unit < b.row.unit ? -1 : a.row.unit > b.row.unit ? 1 : 0;
  });
  const t = T[lang];
  const header: (string | number)[] = [t.scenario, t.mode, t.region, t.metric, t.unit, t.stat, ...yearList];
  ws.addRow(header);
  const widths = header.map((h) => (typeof h === "number" ? String(h).length : textWidth(h)));
  const labels = new Map<string, string>();
  const fmtStyles = new Map<string, Partial<Style>>();
  for (const g of sorted) {
    const r = g.row;
    let label = labels.get(r.metric);
    if (label === undefined) labels.set(r.metric, (label = metricLabel(r.metric, lang)));
    const unit = UNIT_LABELS[lang][r.unit] ?? r.unit;
    const text = [r.scenario, r.mode, r.region, label, unit, STAT_LABELS[lang][r.stat] ?? r.stat];
    const values = yearList.map((y) => num(g.values.get(y)));
    const row = ws.addRow([...text, ...values]);
    const fmt = unitNumFmt(r.unit);
    const style = fmtStyles.get(fmt) ?? Object.freeze({ numFmt: fmt });
    fmtStyles.set(fmt, style);
    text.forEach((s, k) => {
      row.getCell(k + 1).style = PLAIN_TEXT;
      const w = textWidth(s);
      if (w > widths[k]) widths[k] = w;
    });
    values.forEach((v, k) => {
      const cell = row.getCell(text.length + k + 1);
      cell.style = v === null ? PLAIN_TEXT : style;
      if (v === null) return;
      const w = numberWidth(v, fmt);
      if (w > widths[text.length + k]) widths[text.length + k] = w;
    });
  }
  finishSheet(ws, widths);
}

/** The tidy rows as in the CSV (same columns, same order, values unformatted). */
function tidySheet(wb: Workbook, rows: TidyRow[]): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.tidy);
  const header = ["scenario", "mode", "region", "year", "metric", "stat", "value", "unit"];
  ws.addRow(header);
  const widths = header.map((h) => h.length);
  // widths of distinct strings are measured once
  const seen = [
    new Set<string>(),
    new Set<string>(),
    new Set<string>(),
    null,
    new Set<string>(),
    new Set<string>(),
    null,
    new Set<string>(),
  ];
  const data: (string | number | null)[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const cells = [r.scenario, r.mode, r.region, r.year, r.metric, r.stat, num(r.value), r.unit];
    data[i] = cells;
    for (let k = 0; k < cells.length; k++) {
      const v = cells[k];
      const s = seen[k];
      let w: number;
      if (typeof v === "string") {
        if (s!.has(v)) continue;
        s!.add(v);
        w = textWidth(v);
      } else if (typeof v === "number") w = String(v).length;
      else continue;
      if (w > widths[k]) widths[k] = w;
    }
  }
  ws.addRows(data);
  for (let i = 0; i < rows.length; i++) {
    const row = ws.getRow(i + 2);
    for (let k = 0; k < header.length; k++) row.getCell(k + 1).style = k === 3 || k === 6 ? PLAIN_NUMBER : PLAIN_TEXT;
  }
  finishSheet(ws, widths);
}

function manifestSheet(wb: Workbook, manifest: Record<string, unknown>, lang: Lang): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.manifest);
  const header = [T[lang].key, T[lang].value];
  ws.addRow(header);
  const widths = header.map(textWidth);
  for (const [key, v] of Object.entries(manifest)) {
    let value: string | number | boolean | null;
    if (v === null || v === undefined) value = null;
    else if (typeof v === "number") value = num(v);
    else if (typeof v === "string" || typeof v === "boolean") value = v;
    else if (v instanceof Date) value = v.toISOString();
    else value = JSON.stringify(v) ?? String(v);
    // Excel refuses longer cells
    if (typeof value === "string" && value.length > MAX_CELL_CHARS) value = value.slice(0, MAX_CELL_CHARS - 1) + "…";
    ws.addRow([key, value]);
    widths[0] = Math.max(widths[0], textWidth(key));
    widths[1] = Math.max(widths[1], value === null ? 0 : textWidth(String(value)));
  }
  finishSheet(ws, widths);
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE =
  ((XLSX_FIXED_DATE.getUTCFullYear() - 1980) << 9) |
  ((XLSX_FIXED_DATE.getUTCMonth() + 1) << 5) |
  XLSX_FIXED_DATE.getUTCDate();

/**
 * Sets the modification time of every entry of a ZIP archive to `XLSX_FIXED_DATE`, in place. It walks the central
 * directory (from the end-of-central-directory record) rather than scanning for signatures, which compressed data may
 * contain, and patches each central entry (offsets 12–15) and the local header it points to (offsets 10–13).
 * JSZip, which exceljs writes with, stores no other time stamp (no extended-timestamp extra field).
 */
export function fixZipDates(zip: Uint8Array): void {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  // the end record is 22 bytes, followed by a comment of at most 65,535
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("xlsx: no ZIP end-of-central-directory record");
  const entries = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  for (let k = 0; k < entries; k++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new Error(`xlsx: bad ZIP central directory entry at ${p}`);
    dv.setUint16(p + 12, DOS_TIME, true);
    dv.setUint16(p + 14, DOS_DATE, true);
    const local = dv.getUint32(p + 42, true);
    if (dv.getUint32(local, true) !== 0x04034b50) throw new Error(`xlsx: bad ZIP local header at ${local}`);
    dv.setUint16(local + 10, DOS_TIME, true);
    dv.setUint16(local + 12, DOS_DATE, true);
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
}

/**
 * An .xlsx workbook of results, byte-identical for identical input. Sheets: a summary of the headlines (if given),
 * the results wide by year, the tidy rows as in the CSV, and the manifest (if given). Labels and headers are in
 * `lang` (default Chinese); sheet names are bilingual. exceljs is loaded on first use, so that importing this
 * module (as worker threads do) stays cheap.
 */
export async function rowsToXlsx(input: WorkbookInput): Promise<Uint8Array> {
  const mod = await import("exceljs");
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const lang = input.lang ?? "zh";
  const wb = new ExcelJS.Workbook();
  wb.creator = "tuopin";
  wb.lastModifiedBy = "tuopin";
  wb.created = XLSX_FIXED_DATE;
  wb.modified = XLSX_FIXED_DATE;
  if (input.headlines) summarySheet(wb, input.headlines, lang);
  resultsSheet(wb, input.rows, lang);
  tidySheet(wb, input.rows);
  if (input.manifest) manifestSheet(wb, input.manifest, lang);
  // a copy of exceljs' Node Buffer, which may view a shared pool
  const out = new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as Uint8Array);
  fixZipDates(out);
  return out;
}
