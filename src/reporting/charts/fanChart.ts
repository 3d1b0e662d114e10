import type { TopLevelSpec } from "vega-lite";
import type { TidyRow } from "../tidy.js";
import { METRICS, type Metric } from "../../model/types.js";
import { byYear } from "../pivot.js";
import { CHART_FONT, chartHeader, inContext, type ChartContext, type Lang } from "./header.js";

export interface FanChartOptions {
  metric?: Metric;
  lang?: Lang;
  width?: number;
  height?: number;
}

const T = {
  zh: {
    year: "年份",
    band: "P10–P90 区间",
    median: "预测中位数",
    observed: "实际",
    target: "规划目标",
    plan: "规划路径",
  },
  en: {
    year: "Year",
    band: "P10–P90 band",
    median: "Projected median",
    observed: "Observed",
    target: "Plan target",
    plan: "Plan path",
  },
} as const;

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
  const bands = byYear(mine, ["p10", "p50", "p90", "mean"]);
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
  const header = chartHeader(ctx, `${ctx.label}：${label}`, { lang });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${ctx.scenario}: ${METRICS[metric].en}, P10–P90 across ${ctx.replicates} replicates`,
    title: header.title,
    width: options.width ?? 560,
    height: options.height ?? 300,
    config: { font: CHART_FONT, view: { stroke: null } },
    usermeta: header.usermeta,
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
