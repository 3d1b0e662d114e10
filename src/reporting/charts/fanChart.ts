import type { TopLevelSpec } from "vega-lite";
import type { TidyRow } from "../tidy.js";
import { METRICS, type Metric } from "../../model/types.js";

export type Lang = "zh" | "en";

/** What every chart carries for its footnote and `usermeta`: the run manifest in brief. */
export interface ChartContext {
  scenario: string;
  /** The region whose rows are charted (tidy rows also hold per-county rows). __Default value:__ any region */
  region?: string;
  label: string;
  seed: number;
  replicates: number;
  version: string;
  model: string;
  /** Short source lines, e.g. "004 §二(二)". */
  sources: string[];
  /** The explicit assumptions among the numbers charted (counted in the footnote; listed in the manifest). */
  assumptions?: string[];
  /** Which run's rows to chart. __Default value:__ `"mechanistic"` */
  mode?: string;
  /** The target (horizon end) year to highlight. */
  targetYear: number;
}

export interface FanChartOptions {
  metric?: Metric;
  lang?: Lang;
  width?: number;
  height?: number;
}

export const CHART_FONT = "Noto Sans CJK SC";

const T = {
  zh: {
    year: "年份",
    band: "P10–P90 区间",
    median: "预测中位数",
    observed: "实际",
    target: "规划目标",
    plan: "规划路径",
    scenario: "情景",
    seed: "随机种子",
    reps: "重复",
    src: "来源",
    model: "模型",
  },
  en: {
    year: "Year",
    band: "P10–P90 band",
    median: "Projected median",
    observed: "Observed",
    target: "Plan target",
    plan: "Plan path",
    scenario: "scenario",
    seed: "seed",
    reps: "replicates",
    src: "Sources",
    model: "model",
  },
} as const;

/** Longest footnote line, in characters (a CJK character counts as two). */
const FOOT_WIDTH = 100;
const width = (t: string) => [...t].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

/**
 * The footnote lines of a chart: sources wrapped to the chart's width (at most two lines, the rest counted),
 * then the run manifest.
 */
/** A count axis's scale from zero; when every value is zero, 0–1 (an empty domain draws NaN ticks). */
export const countScale = (anyPositive: boolean) => (anyPositive ? { zero: true } : { domain: [0, 1] });

/** Whether a tidy row belongs to the chart's scenario, region and run. */
export const inContext = (ctx: ChartContext) => (r: TidyRow) =>
  r.scenario === ctx.scenario &&
  (ctx.region === undefined || r.region === ctx.region) &&
  r.mode === (ctx.mode ?? "mechanistic");

export function footnote(ctx: ChartContext, lang: Lang = "zh"): string[] {
  const t = T[lang];
  const lines: string[] = [];
  let line = `${t.src}: `;
  let shown = 0;
  for (const src of ctx.sources) {
    const piece = (shown ? "; " : "") + src;
    if (width(line + piece) > FOOT_WIDTH) {
      if (lines.length === 1) break;
      lines.push(line);
      line = "  " + src;
    } else line += piece;
    shown++;
  }
  if (shown < ctx.sources.length)
    line +=
      lang === "zh"
        ? `；另 ${ctx.sources.length - shown} 项见清单`
        : `; ${ctx.sources.length - shown} more in the manifest`;
  if (ctx.sources.length) lines.push(line);
  const a = ctx.assumptions?.length ?? 0;
  if (a)
    lines.push(
      lang === "zh"
        ? `假设 ${a} 项（标为 assumption，逐项见 manifest.json 与情景文件）`
        : `${a} explicit assumption(s), each listed in manifest.json and the scenario file`,
    );
  lines.push(
    `tuopin ${ctx.version} · ${t.scenario} ${ctx.scenario} · ${t.model} ${ctx.model} · ${t.seed} ${ctx.seed} · ${t.reps} ${ctx.replicates}`,
  );
  return lines;
}

/**
 * A projection fan: the P10–P90 band, the median projection dashed, observations solid, plan targets
 * marked, and the target year highlighted. Pure: tidy rows in, Vega-Lite spec out.
 */
export function fanChart(rows: TidyRow[], ctx: ChartContext, options: FanChartOptions = {}): TopLevelSpec {
  const metric = options.metric ?? "poor_people";
  const lang = options.lang ?? "zh";
  const t = T[lang];
  const label = lang === "zh" ? METRICS[metric].zh : METRICS[metric].en;
  const mine = rows.filter(inContext(ctx)).filter((r) => r.metric === metric);
  const byYear = new Map<number, Record<string, number>>();
  for (const r of mine) {
    if (r.stat !== "p10" && r.stat !== "p50" && r.stat !== "p90" && r.stat !== "mean") continue;
    const o = byYear.get(r.year) ?? { year: r.year };
    o[r.stat] = r.value;
    byYear.set(r.year, o);
  }
  const bands = [...byYear.values()].sort((a, b) => a.year - b.year);
  const plan = mine.filter((r) => r.stat === "plan_path").map((r) => ({ year: r.year, value: r.value }));
  const observed = mine.filter((r) => r.stat === "observed").map((r) => ({ year: r.year, value: r.value }));
  // the dashes start from the baseline (the plan path's first point, the year before the horizon) or else
  // from the last observation before the horizon
  const firstYear = bands.length ? bands[0].year : ctx.targetYear;
  const start =
    plan.find((p) => p.year === firstYear - 1) ??
    observed.filter((o) => o.year < firstYear).sort((a, b) => b.year - a.year)[0];
  const median = [
    ...(start ? [{ year: start.year, p50: start.value }] : []),
    ...bands.map((b) => ({ year: b.year, p50: b.p50 })),
  ];
  const targets = mine
    .filter((r) => r.stat === "target")
    .map((r) => ({ year: r.year, value: r.value, kind: t.target }));
  // the legend lists only what is drawn
  const legend: [string, string][] = [
    [t.band, "#a6bddb"],
    [t.median, "#4c78a8"],
    ...(observed.length ? [[t.observed, "#222"] as [string, string]] : []),
    ...(plan.length > 1 ? [[t.plan, "#f4a3a3"] as [string, string]] : []),
    ...(targets.length ? [[t.target, "#e45756"] as [string, string]] : []),
  ];
  const x = {
    field: "year",
    type: "quantitative" as const,
    title: t.year,
    scale: { zero: false, nice: false, padding: 18 },
    axis: { format: "d", tickMinStep: 1 },
  };
  const yTitle = `${label}${METRICS[metric].unit === "people" ? (lang === "zh" ? "（人）" : " (people)") : ""}`;
  const yFormat = METRICS[metric].unit === "/1" ? ".1%" : "~s";
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${ctx.scenario}: ${METRICS[metric].en}, P10–P90 across ${ctx.replicates} replicates`,
    title: {
      text: `${ctx.label}：${label}`,
      subtitle: footnote(ctx, lang),
      anchor: "start",
      subtitleFontSize: 10,
      subtitleColor: "#555",
    },
    width: options.width ?? 560,
    height: options.height ?? 300,
    config: { font: CHART_FONT, view: { stroke: null } },
    usermeta: {
      scenario: ctx.scenario,
      seed: ctx.seed,
      replicates: ctx.replicates,
      version: ctx.version,
      model: ctx.model,
    },
    layer: [
      {
        data: { values: [{ year: ctx.targetYear }] },
        mark: { type: "rule", color: "#e45756", strokeWidth: 14, opacity: 0.12 },
        encoding: { x },
      },
      {
        data: { values: bands },
        mark: { type: "area", opacity: 0.25, color: "#4c78a8" },
        encoding: {
          x,
          y: { field: "p10", type: "quantitative", title: yTitle, axis: { format: yFormat } },
          y2: { field: "p90" },
        },
      },
      {
        data: { values: median },
        mark: { type: "line", strokeDash: [6, 4], color: "#4c78a8", point: true },
        encoding: {
          x,
          y: { field: "p50", type: "quantitative" },
          tooltip: [{ field: "year" }, { field: "p50", format: ",.0f", title: t.median }],
        },
      },
      ...(observed.length
        ? [
            {
              data: { values: observed },
              mark: { type: "line" as const, color: "#222", point: true },
              encoding: { x, y: { field: "value", type: "quantitative" as const } },
            },
          ]
        : []),
      ...(plan.length > 1
        ? [
            {
              data: { values: plan },
              mark: { type: "line" as const, color: "#e45756", strokeDash: [2, 3], strokeWidth: 1.5 },
              encoding: { x, y: { field: "value", type: "quantitative" as const } },
            },
          ]
        : []),
      ...(targets.length
        ? [
            {
              data: { values: targets },
              mark: { type: "point" as const, shape: "diamond", size: 120, filled: true, color: "#e45756" },
              encoding: {
                x,
                y: { field: "value", type: "quantitative" as const },
                tooltip: [{ field: "year" }, { field: "value", format: ",.0f", title: t.target }],
              },
            },
          ]
        : []),
      {
        data: { values: legend.map(([k]) => ({ k })) },
        mark: { type: "point", opacity: 0 },
        encoding: {
          color: {
            field: "k",
            type: "nominal",
            title: null,
            scale: { domain: legend.map(([k]) => k), range: legend.map(([, c]) => c) },
            legend: { orient: "top", direction: "horizontal", symbolOpacity: 1 },
          },
        },
      },
    ],
  } as TopLevelSpec;
}
