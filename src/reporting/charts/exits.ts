import type { TopLevelSpec } from "vega-lite";
import type { TidyRow } from "../tidy.js";
import { byYear } from "../pivot.js";
import {
  CHART_FONT,
  chartHeader,
  countScale,
  inContext,
  ordinalYearAxis,
  type ChartContext,
  type Lang,
} from "./header.js";

const T = {
  zh: {
    title: (label: string) => `${label}：分层级脱贫（户、村、县）与规划任务`,
    yearly: "当年",
    cumulative: "累计（含此前）",
    year: "年份",
    people: "脱贫人口（人）",
    households: "脱贫户（户）",
    villages: "出列贫困村（个）",
    counties: "摘帽贫困县（个）",
    p50: "预测中位数",
    band: "P10–P90",
    target: "规划任务",
  },
  en: {
    title: (label: string) => `${label}: exits by level (households, villages, counties) against the plan`,
    yearly: "in the year",
    cumulative: "cumulative (incl. before)",
    year: "Year",
    people: "People exiting",
    households: "Households exiting",
    villages: "Villages exiting",
    counties: "Counties exiting",
    p50: "Projected median",
    band: "P10–P90",
    target: "Plan target",
  },
} as const;

type Level = "people" | "households" | "villages" | "counties";
const YEARLY: Record<Level, string> = {
  people: "exits_people",
  households: "exits_households",
  villages: "villages_exit",
  counties: "counties_exit",
};
const CUMULATIVE: Partial<Record<Level, string>> = {
  people: "cumulative_exits_people",
  villages: "villages_exited_total",
  counties: "counties_exited_total",
};

const COLOURS = { bar: "#4c78a8", band: "#1f3b5a", target: "#e45756" };

/**
 * Exits by level against the plan: one panel per level (people or households, villages, counties) with the
 * yearly exits (P50 bar, P10–P90 whisker) and the plan's yearly targets as red diamonds; below, where the plan
 * sets cumulative targets, the cumulative count (P50 line, P10–P90 band) against them. Pure: tidy rows in,
 * Vega-Lite spec out.
 */
export function exitsChart(rows: TidyRow[], ctx: ChartContext, lang: Lang = "zh"): TopLevelSpec {
  const t = T[lang];
  const mine = rows.filter(inContext(ctx));
  const has = (metric: string, stat?: string) =>
    mine.some((r) => r.metric === metric && (stat === undefined || r.stat === stat));
  // households unless the plan counts people and not households
  const first: Level = has(YEARLY.people, "target") && !has(YEARLY.households, "target") ? "people" : "households";
  const levels: Level[] = [first, "villages", "counties"];
  const stats = (metric: string) => byYear(mine.filter((r) => r.metric === metric));
  const targetsOf = (metric: string) =>
    mine.filter((r) => r.metric === metric && r.stat === "target").map((r) => ({ year: r.year, value: r.value }));
  const years = [
    ...new Set(mine.filter((r) => r.metric === YEARLY.people && r.stat === "p50").map((r) => r.year)),
  ].sort((a, b) => a - b);
  const x = ordinalYearAxis(years, t.year);
  const legend = {
    data: { values: [{ k: t.p50 }, { k: t.band }, { k: t.target }] },
    mark: { type: "point" as const, opacity: 0 },
    encoding: {
      color: {
        field: "k",
        type: "nominal" as const,
        title: null,
        scale: { domain: [t.p50, t.band, t.target], range: [COLOURS.bar, COLOURS.band, COLOURS.target] },
        legend: { orient: "top" as const, direction: "horizontal" as const, symbolOpacity: 1 },
      },
    },
  };
  const yScale = (values: Record<string, number>[], targets: { value: number }[]) =>
    countScale(values.some((v) => v.p90 > 0 || v.p50 > 0) || targets.some((x) => x.value > 0));
  const yearly = levels.map((level) => {
    const values = stats(YEARLY[level]);
    const targets = targetsOf(YEARLY[level]);
    return {
      title: { text: `${t[level]} · ${t.yearly}`, fontSize: 12 },
      width: 180,
      height: 160,
      layer: [
        {
          data: { values },
          mark: { type: "bar" as const, color: COLOURS.bar, opacity: 0.8 },
          encoding: {
            x,
            y: {
              field: "p50",
              type: "quantitative" as const,
              title: null,
              axis: { format: "~s" },
              scale: yScale(values, targets),
            },
            tooltip: [
              { field: "year" },
              { field: "p50", format: ",.0f", title: t.p50 },
              { field: "p10", format: ",.0f" },
              { field: "p90", format: ",.0f" },
            ],
          },
        },
        {
          data: { values },
          mark: { type: "rule" as const, color: COLOURS.band },
          encoding: { x, y: { field: "p10", type: "quantitative" as const }, y2: { field: "p90" } },
        },
        ...(targets.length
          ? [
              {
                data: { values: targets },
                mark: { type: "point" as const, shape: "diamond", size: 90, filled: true, color: COLOURS.target },
                encoding: {
                  x,
                  y: { field: "value", type: "quantitative" as const },
                  tooltip: [{ field: "year" }, { field: "value", format: ",.0f", title: t.target }],
                },
              },
            ]
          : []),
        ...(level === first ? [legend] : []),
      ],
    };
  });
  const cumulativeLevels = levels.filter((l) => CUMULATIVE[l] && has(CUMULATIVE[l]!, "target"));
  const cumulative = cumulativeLevels.map((level) => {
    const metric = CUMULATIVE[level]!;
    const values = stats(metric);
    const targets = targetsOf(metric);
    return {
      title: { text: `${t[level]} · ${t.cumulative}`, fontSize: 12 },
      width: 180,
      height: 120,
      layer: [
        {
          data: { values },
          mark: { type: "area" as const, color: COLOURS.bar, opacity: 0.25 },
          encoding: {
            x,
            y: {
              field: "p10",
              type: "quantitative" as const,
              title: null,
              axis: { format: "~s" },
              scale: yScale(values, targets),
            },
            y2: { field: "p90" },
          },
        },
        {
          data: { values },
          mark: { type: "line" as const, color: COLOURS.bar, point: true, strokeDash: [6, 4] },
          encoding: {
            x,
            y: { field: "p50", type: "quantitative" as const },
            tooltip: [{ field: "year" }, { field: "p50", format: ",.0f", title: t.p50 }],
          },
        },
        {
          data: { values: targets },
          mark: { type: "point" as const, shape: "diamond", size: 90, filled: true, color: COLOURS.target },
          encoding: {
            x,
            y: { field: "value", type: "quantitative" as const },
            tooltip: [{ field: "year" }, { field: "value", format: ",.0f", title: t.target }],
          },
        },
      ],
    };
  });
  const header = chartHeader(ctx, t.title(ctx.label), { lang });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description:
      `${ctx.scenario}: exits of ${first}, villages and counties per year ` +
      `(P50, P10–P90 across ${ctx.replicates} replicates) against the plan's targets`,
    title: header.title,
    config: { font: CHART_FONT, view: { stroke: null }, axis: { labelFontSize: 10 } },
    usermeta: header.usermeta,
    vconcat: [{ hconcat: yearly }, ...(cumulative.length ? [{ hconcat: cumulative }] : [])],
    resolve: { scale: { y: "independent" } },
  } as TopLevelSpec;
}
