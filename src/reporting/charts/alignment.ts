import type { TopLevelSpec } from "vega-lite";
import type { TidyRow } from "../tidy.js";
import { CHART_FONT, chartHeader, countScale, ordinalYearAxis, type ChartContext, type Lang } from "./header.js";

const T = {
  zh: {
    title: (label: string, year: number, feasible: number, short: number, shift: number) =>
      `${label}：${year} 年任务` +
      (feasible >= 0.995
        ? "可以完成"
        : `可行的概率 ${Math.round(feasible * 100)}%（缺口 P50 ${Math.round(short).toLocaleString("en-US")} 人）`) +
      `，需每人加力约 ${Math.round(shift).toLocaleString("en-US")} 元`,
    none: (label: string) => `${label}：规划没有逐年脱贫任务，无需对齐`,
    exits: "脱贫人口：措施带来的与任务推动的（均值）",
    money: "钱：规则带来的与任务另需的（均值，万元）",
    wrong: "错退率与考核上限",
    year: "年份",
    people: "人",
    wan: "万元",
    share: "比例",
    parts: ["按措施和标准脱贫", "按任务推动脱贫", "任务缺口"],
    moneyParts: ["规则带来的资金", "任务另需：补齐三保障", "任务另需：收入帮扶"],
    quota: "任务",
    limit: "上限",
    rate: "错退率（P50）",
  },
  en: {
    title: (label: string, year: number, feasible: number, short: number, shift: number) =>
      `${label}: the ${year} quota ` +
      (feasible >= 0.995
        ? "can be met"
        : `is feasible in ${Math.round(feasible * 100)}% of runs ` +
          `(short by ${Math.round(short).toLocaleString("en-US")} people, P50)`) +
      `, at about ${Math.round(shift).toLocaleString("en-US")} yuan more per person`,
    none: (label: string) => `${label}: the plan sets no yearly quota, so there is nothing to align`,
    exits: "Exits: by the measures, and pushed by the quota (means)",
    money: "Money: what the rules bring, and what the quota adds (means, 10,000 yuan)",
    wrong: "Wrong-exit rate against the assessment's limit",
    year: "Year",
    people: "People",
    wan: "10,000 yuan",
    share: "Share",
    parts: ["Exits by the measures and the standard", "Exits the quota pushed", "Shortfall"],
    moneyParts: ["Money of the rules", "Quota adds: guarantees", "Quota adds: income support"],
    quota: "Quota",
    limit: "Limit",
    rate: "Wrong-exit rate (P50)",
  },
} as const;

const PART_COLOURS = ["#4c78a8", "#f58518", "#e45756"];
const MONEY_COLOURS = ["#9ecae9", "#f58518", "#ffbf79"];

/** One panel of stacked bars by year (parts in order, colours given). */
function stackedPanel(
  title: string,
  values: { year: string; part: string; order: number; value: number }[],
  domain: readonly string[],
  range: string[],
  yTitle: string,
) {
  return {
    title: { text: title, fontSize: 12 },
    width: 220,
    height: 200,
    data: { values },
    mark: { type: "bar" as const },
    encoding: {
      x: ordinalYearAxis([...new Set(values.map((v) => v.year))], ""),
      y: {
        field: "value",
        type: "quantitative" as const,
        title: yTitle,
        stack: "zero" as const,
        axis: { format: "~s" },
        scale: countScale(values.some((v) => v.value > 0)),
      },
      color: {
        field: "part",
        type: "nominal" as const,
        title: null,
        scale: { domain: [...domain], range },
        legend: { orient: "bottom" as const, direction: "vertical" as const },
      },
      order: { field: "order" },
      tooltip: [{ field: "year" }, { field: "part" }, { field: "value", format: ",.0f" }],
    },
  };
}

/**
 * What meeting the quotas takes (the aligned run, src/engine/align.ts), for a leader: per quota year, the
 * exits the measures bring and those the quota pushes, with the shortfall and the quota; the money of the
 * rules beside the money the quota adds (guarantees and income support); the projected wrong-exit rate
 * against the county assessment's limit. Means where parts add up, the P50 for the rate. The title states
 * the finding for the last quota year. Pure: tidy rows of the aligned run in, Vega-Lite spec out.
 */
export function alignmentChart(
  rows: TidyRow[],
  ctx: ChartContext,
  wrongExitMax: number,
  lang: Lang = "zh",
): TopLevelSpec {
  const t = T[lang];
  const mine = rows.filter(
    (r) => r.scenario === ctx.scenario && (ctx.region === undefined || r.region === ctx.region) && r.mode === "target",
  );
  const val = (metric: string, year: number, stat = "mean") =>
    mine.find((r) => r.metric === metric && r.year === year && r.stat === stat)?.value ?? NaN;
  const years = [...new Set(mine.filter((r) => r.metric === "quota_people").map((r) => r.year))].sort();
  const header = (title: string) => chartHeader({ ...ctx, mode: "target" }, title, { lang });
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${ctx.scenario}: what meeting the quotas takes (aligned run, ${ctx.replicates} replicates)`,
    config: { font: CHART_FONT, view: { stroke: null } },
  };
  if (years.length === 0) {
    const h = header(t.none(ctx.label));
    return {
      ...base,
      title: h.title,
      usermeta: h.usermeta,
      data: { values: [{ text: t.none(ctx.label) }] },
      mark: { type: "text", fontSize: 14, color: "#555" },
      encoding: { text: { field: "text" } },
      width: 520,
      height: 60,
    } as TopLevelSpec;
  }
  const last = years[years.length - 1];
  const part = (year: number, k: number, value: number) => ({ year: String(year), part: t.parts[k], order: k, value });
  const exits = years.flatMap((y) => [
    part(y, 0, val("exits_people", y) - val("aligned_exits_people", y)),
    part(y, 1, val("aligned_exits_people", y)),
    part(y, 2, val("align_shortfall", y)),
  ]);
  const quota = years.map((y) => ({ year: String(y), value: val("quota_people", y), what: t.quota }));
  const wan = (x: number) => (Number.isFinite(x) ? x / 1e4 : 0);
  const money = years.flatMap((y) =>
    [val("funds_grants", y), val("align_repair_cost", y), val("target_cost", y) - val("align_repair_cost", y)].map(
      (v, k) => ({ year: String(y), part: t.moneyParts[k], order: k, value: wan(v) }),
    ),
  );
  const wrong = years.map((y) => ({ year: String(y), value: val("wrong_exit_rate", y, "p50"), what: t.rate }));
  const h = header(
    t.title(
      ctx.label,
      last,
      val("align_feasible", last),
      val("align_shortfall", last, "p50"),
      val("align_shift", last, "p50"),
    ),
  );
  const tick = {
    data: { values: quota },
    mark: { type: "tick" as const, color: "#222", thickness: 2, size: 40 },
    encoding: {
      x: { field: "year", type: "ordinal" as const },
      y: { field: "value", type: "quantitative" as const },
      tooltip: [{ field: "what" }, { field: "value", format: ",.0f" }],
    },
  };
  const exitsPanel = stackedPanel(t.exits, exits, t.parts, PART_COLOURS, t.people);
  const { title: exitsTitle, width, height, ...exitsLayer } = exitsPanel;
  const wrongPanel = {
    title: { text: t.wrong, fontSize: 12 },
    width: 160,
    height: 200,
    layer: [
      {
        data: { values: wrong },
        mark: { type: "bar" as const, color: "#b279a2" },
        encoding: {
          x: ordinalYearAxis(years.map(String), ""),
          y: { field: "value", type: "quantitative" as const, title: t.share, axis: { format: ".1%" } },
          tooltip: [{ field: "year" }, { field: "what" }, { field: "value", format: ".2%" }],
        },
      },
      {
        data: { values: [{ limit: wrongExitMax, what: t.limit }] },
        mark: { type: "rule" as const, color: "#e45756", strokeDash: [4, 3] },
        encoding: { y: { field: "limit", type: "quantitative" as const }, tooltip: [{ field: "what" }] },
      },
    ],
  };
  return {
    ...base,
    title: h.title,
    usermeta: h.usermeta,
    hconcat: [
      { title: exitsTitle, width, height, layer: [exitsLayer, tick] },
      stackedPanel(t.money, money, t.moneyParts, MONEY_COLOURS, t.wan),
      wrongPanel,
    ],
    resolve: { scale: { y: "independent", color: "independent" } },
  } as TopLevelSpec;
}
