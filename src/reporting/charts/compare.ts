import type { TopLevelSpec } from "vega-lite";
import { METRICS, type Metric, type RunResult } from "../../model/types.js";
import { bandOf, type TidyRow } from "../tidy.js";
import { byYear } from "../pivot.js";
import { CHART_FONT, chartHeader, type ChartContext, type Lang } from "./header.js";

/** Colours of scenarios side by side, in order (the first is the base). */
export const SCENARIO_COLOURS = [
  "#4c78a8",
  "#f58518",
  "#54a24b",
  "#b279a2",
  "#9d755d",
  "#e45756",
  "#72b7b2",
  "#ff9da6",
];

const T = {
  zh: {
    compare: (m: string) => `情景比较：${m}`,
    diff: (m: string, base: string) => `与基准情景（${base}）之差：${m}`,
    year: "年份",
    scenario: "情景",
    band: "阴影：P10–P90；虚线：预测中位数；菱形：规划目标",
    diffNote: (paired: boolean) =>
      paired ? "配对差：同一随机种子逐次重复相减，区间为差值的 P10–P90" : "注意：两情景随机种子不同，差值含抽样噪声",
    zero: "无差异",
  },
  en: {
    compare: (m: string) => `Scenarios compared: ${m}`,
    diff: (m: string, base: string) => `Difference from the base scenario (${base}): ${m}`,
    year: "Year",
    scenario: "Scenario",
    band: "Band: P10–P90; dashed: projected median; diamonds: plan targets",
    diffNote: (paired: boolean) =>
      paired
        ? "Paired difference: replicate by replicate with the same seeds; the band is its P10–P90"
        : "Note: the scenarios have different seeds, so the difference carries sampling noise",
    zero: "no difference",
  },
} as const;

const metricLabel = (metric: string, lang: Lang) => {
  const m = METRICS[metric as Metric];
  if (!m) return metric;
  const unit =
    m.unit === "people"
      ? lang === "zh"
        ? "（人）"
        : " (people)"
      : m.unit === "yuan"
        ? lang === "zh"
          ? "（亿元）"
          : " (100 million yuan)"
        : "";
  return (lang === "zh" ? m.zh : m.en) + unit;
};

/** Money is charted in 亿元 (100 million yuan), as the plans write it; everything else as it is. */
const chartScale = (metric: string) => (METRICS[metric as Metric]?.unit === "yuan" ? 1e-8 : 1);

/** A year axis with a tick on each year and a little room at both ends. */
const yearAxis = (years: number[], title: string) => ({
  field: "year",
  type: "quantitative" as const,
  title,
  scale: { domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3], nice: false },
  axis: { format: "d", values: years },
});

/**
 * The two layers of scenarios side by side: each one's P10–P90 band as an area and its P50 as a line with
 * points (dashed when `strokeDash` is given), coloured by scenario, the values in the tooltip.
 */
function bandLayers(
  bands: object[],
  x: ReturnType<typeof yearAxis>,
  colour: object,
  o: { opacity: number; yTitle: string; yFormat: string; strokeDash?: number[]; valueFormat: string },
) {
  return [
    {
      data: { values: bands },
      mark: { type: "area", opacity: o.opacity },
      encoding: {
        x,
        y: { field: "p10", type: "quantitative", title: o.yTitle, axis: { format: o.yFormat } },
        y2: { field: "p90" },
        color: colour,
      },
    },
    {
      data: { values: bands },
      mark: { type: "line", ...(o.strokeDash ? { strokeDash: o.strokeDash } : {}), point: true },
      encoding: {
        x,
        y: { field: "p50", type: "quantitative" },
        color: colour,
        tooltip: [
          { field: "scenario" },
          { field: "year" },
          { field: "p50", format: o.valueFormat },
          { field: "p10", format: o.valueFormat },
          { field: "p90", format: o.valueFormat },
        ],
      },
    },
  ];
}

/** Per year, the P10/P50/P90 of one scenario's metric (times `scale`), labelled with the scenario. */
function bandsOf(rows: TidyRow[], ctx: ChartContext, metric: string, mode?: string, scale = 1) {
  const mine = rows.filter(
    (r) =>
      r.scenario === ctx.scenario &&
      r.metric === metric &&
      (ctx.region === undefined || r.region === ctx.region) &&
      (mode === undefined || r.mode === mode),
  );
  return byYear(mine, undefined, { init: (year) => ({ year, scenario: ctx.label }), scale });
}

export interface CompareOptions {
  /** __Default value:__ `"poor_people"` */
  metric?: Metric;
  lang?: Lang;
  /** Which run's rows to chart. __Default value:__ `"mechanistic"` */
  mode?: string;
  width?: number;
  height?: number;
}

/**
 * Several scenarios side by side on one metric: per scenario its P50 (dashed, projected) and P10–P90 band in
 * its own colour, and its plan targets as diamonds. Pure: tidy rows of the scenarios and their chart
 * contexts in, Vega-Lite spec out.
 */
export function compareChart(rows: TidyRow[], ctxs: ChartContext[], options: CompareOptions = {}): TopLevelSpec {
  if (ctxs.length === 0) throw new Error("compareChart needs at least one scenario's chart context");
  const lang = options.lang ?? "zh";
  const t = T[lang];
  const metric = options.metric ?? "poor_people";
  const mode = options.mode ?? "mechanistic";
  const labels = ctxs.map((c) => c.label);
  const scale = chartScale(metric);
  const bands = ctxs.flatMap((c) => bandsOf(rows, c, metric, mode, scale));
  const targets = ctxs.flatMap((c) =>
    rows
      .filter(
        (r) =>
          r.scenario === c.scenario &&
          r.mode === mode &&
          r.metric === metric &&
          r.stat === "target" &&
          (c.region === undefined || r.region === c.region),
      )
      .map((r) => ({ year: r.year, value: r.value * scale, scenario: c.label })),
  );
  const years = [...new Set(bands.map((b) => b.year as number))].sort((a, b) => a - b);
  const colour = {
    field: "scenario",
    type: "nominal" as const,
    title: t.scenario,
    scale: { domain: labels, range: SCENARIO_COLOURS.slice(0, labels.length) },
    legend: { orient: "bottom" as const, direction: "vertical" as const, labelLimit: 520, symbolOpacity: 1 },
  };
  const x = yearAxis(years, t.year);
  const yFormat = METRICS[metric]?.unit === "/1" ? ".1%" : scale === 1 ? "~s" : ",.1f";
  const header = chartHeader(ctxs, t.compare(metricLabel(metric, lang)), { lang, notes: [t.band], meta: { metric } });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${labels.join(" vs ")}: ${METRICS[metric]?.en ?? metric}, P50 and P10–P90 across replicates`,
    title: header.title,
    width: options.width ?? 520,
    height: options.height ?? 260,
    config: { font: CHART_FONT, view: { stroke: null } },
    usermeta: header.usermeta,
    layer: [
      ...bandLayers(bands, x, colour, {
        opacity: 0.15,
        yTitle: metricLabel(metric, lang),
        yFormat,
        strokeDash: [6, 4],
        valueFormat: scale === 1 ? ",.0f" : ",.2f",
      }),
      ...(targets.length
        ? [
            {
              data: { values: targets },
              mark: { type: "point" as const, shape: "diamond", size: 110, filled: true, opacity: 0.9 },
              encoding: {
                x,
                y: { field: "value", type: "quantitative" as const },
                color: colour,
                tooltip: [{ field: "scenario" }, { field: "year" }, { field: "value", format: ",.0f" }],
              },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}

/**
 * The paired difference `other − base` of one metric, per year: P10/P50/P90 and mean across replicates of the
 * replicate-by-replicate difference. With the same seed, replicate r of both runs shares its random streams,
 * so the band shows the effect of what differs, not sampling noise. Rows carry `scenario: other's id`,
 * `mode: "difference from <base id>"`.
 */
export function pairedDifferenceRows(base: RunResult, other: RunResult, metric: Metric = "poor_people"): TidyRow[] {
  const a = base.metrics[metric];
  const b = other.metrics[metric];
  if (!a || !b)
    throw new Error(
      `pairedDifferenceRows: metric "${metric}" is missing from ${!a ? base.scenario.id : other.scenario.id}`,
    );
  if (base.replicates !== other.replicates || base.years.join() !== other.years.join()) {
    const span = (r: RunResult) => `${r.years[0]}–${r.years.at(-1)}`;
    throw new Error(
      `pairedDifferenceRows: ${other.scenario.id} (${other.replicates} replicates, ${span(other)}) and ` +
        `${base.scenario.id} (${base.replicates}, ${span(base)}) must have the same replicates and years; ` +
        "run both with the same --replicates",
    );
  }
  const T = base.years.length;
  const R = base.replicates;
  const rows: TidyRow[] = [];
  const d = new Float64Array(R);
  const round = (x: number) => Number(x.toFixed(2));
  for (let t = 0; t < T; t++) {
    let sum = 0;
    let n = 0;
    for (let r = 0; r < R; r++) {
      d[r] = b[r * T + t] - a[r * T + t];
      if (Number.isFinite(d[r])) {
        sum += d[r];
        n++;
      }
    }
    const sorted = Array.from(d)
      .filter(Number.isFinite)
      .sort((x, y) => x - y);
    if (sorted.length === 0) continue;
    const row = {
      scenario: other.scenario.id,
      mode: `difference from ${base.scenario.id}`,
      region: other.scenario.region.id,
      year: base.years[t],
      metric,
      unit: METRICS[metric].unit,
    };
    for (const { stat, value } of bandOf(sorted)) rows.push({ ...row, stat, value });
    rows.push({ ...row, stat: "mean", value: round(sum / n) });
  }
  return rows;
}

/**
 * The paired differences from a base scenario (rows of `pairedDifferenceRows`, one or more other scenarios):
 * per scenario a P50 line and P10–P90 band around a zero line. `ctx` is the other scenario's context (or
 * several, one per difference series); `options.base` names the base.
 */
export function differenceChart(
  rows: TidyRow[],
  ctx: ChartContext | ChartContext[],
  options: { lang?: Lang; base?: ChartContext; width?: number; height?: number } = {},
): TopLevelSpec {
  const ctxs = Array.isArray(ctx) ? ctx : [ctx];
  if (ctxs.length === 0) throw new Error("differenceChart needs at least one scenario's chart context");
  const lang = options.lang ?? "zh";
  const t = T[lang];
  const diffRows = rows.filter((r) => r.mode.startsWith("difference from "));
  const metric = diffRows[0]?.metric ?? "poor_people";
  const baseId = diffRows[0]?.mode.slice("difference from ".length) ?? "";
  const baseLabel = options.base?.label ?? baseId;
  const paired = options.base
    ? ctxs.every((c) => c.seed === options.base!.seed && c.replicates === options.base!.replicates)
    : true;
  const bands = ctxs.flatMap((c) => bandsOf(diffRows, c, metric, undefined, chartScale(metric)));
  const labels = ctxs.map((c) => c.label);
  const years = [...new Set(bands.map((b) => b.year as number))].sort((a, b) => a - b);
  const colour = {
    field: "scenario",
    type: "nominal" as const,
    title: t.scenario,
    scale: { domain: labels, range: SCENARIO_COLOURS.slice(1, labels.length + 1) },
    legend: { orient: "bottom" as const, direction: "vertical" as const, labelLimit: 520, symbolOpacity: 1 },
  };
  const x = yearAxis(years, t.year);
  const header = chartHeader(ctxs, t.diff(metricLabel(metric, lang), baseLabel), {
    lang,
    notes: [t.diffNote(paired)],
    base: options.base,
    baseId,
    meta: { metric },
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description:
      `${labels.join(", ")} minus ${baseLabel}: ` +
      `${METRICS[metric as Metric]?.en ?? metric}, paired P50 and P10–P90`,
    title: header.title,
    width: options.width ?? 520,
    height: options.height ?? 220,
    config: { font: CHART_FONT, view: { stroke: null } },
    usermeta: header.usermeta,
    layer: [
      {
        data: { values: [{ y: 0, what: t.zero }] },
        mark: { type: "rule", color: "#888" },
        encoding: { y: { field: "y", type: "quantitative" } },
      },
      ...bandLayers(bands, x, colour, {
        opacity: 0.2,
        yTitle: metricLabel(metric, lang),
        yFormat: "~s",
        valueFormat: ",.0f",
      }),
    ],
  } as TopLevelSpec;
}
