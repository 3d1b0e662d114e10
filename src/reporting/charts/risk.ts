import type { TopLevelSpec } from "vega-lite";
import type { TidyRow } from "../tidy.js";
import {
  CHART_FONT,
  chartHeader,
  countScale,
  inContext,
  ordinalYearAxis,
  type ChartContext,
  type Lang,
} from "./header.js";

const CAUSES = ["illness", "disaster", "epidemic", "income"] as const;
const CAUSE_COLOURS = ["#e45756", "#f58518", "#b279a2", "#9d755d"];

const T = {
  zh: {
    title: (label: string) => `${label}：返贫与新致贫风险（按年份与原因，期望值）`,
    returns: "返贫人口（已脱贫户）",
    newPoor: "新致贫人口（边缘户等）",
    year: "年份",
    people: "人",
    cause: "原因",
    causes: { illness: "大病", disaster: "灾害", epidemic: "疫情", income: "收入下降" },
    caught: "被监测或过渡期拦住的（人）",
    none: "本情景未产生返贫风险指标",
  },
  en: {
    title: (label: string) => `${label}: return to poverty and new poverty (by year and cause, expected)`,
    returns: "Returns (exited households)",
    newPoor: "New poor (near-poor and others)",
    year: "Year",
    people: "People",
    cause: "Cause",
    causes: { illness: "Serious illness", disaster: "Disaster", epidemic: "Epidemic", income: "Income fall" },
    caught: "Falls caught by monitoring or the transition period",
    none: "This scenario produced no risk metrics",
  },
} as const;

/**
 * Return-to-poverty risk by year and cause: the expected (mean across replicates) returns of exited
 * households and new poor, stacked by what drove the fall, and beside them (on their own scale) the falls
 * caught by monitoring or the transition period. Means, not medians, so the causes add up to the total.
 * Pure: tidy rows in, Vega-Lite spec out.
 */
export function riskChart(rows: TidyRow[], ctx: ChartContext, lang: Lang = "zh"): TopLevelSpec {
  const t = T[lang];
  const mine = rows.filter(inContext(ctx)).filter((r) => r.stat === "mean");
  const causeLabels = CAUSES.map((c) => t.causes[c]);
  const bars = (prefix: "returns" | "new_poor") =>
    mine.flatMap((r) => {
      const k = CAUSES.findIndex((c) => r.metric === `${prefix}_${c}`);
      return k < 0 ? [] : [{ year: String(r.year), cause: causeLabels[k], order: k, people: r.value }];
    });
  const caught = mine
    .filter((r) => r.metric === "caught_people")
    .map((r) => ({ year: String(r.year), people: r.value, what: t.caught }));
  const years = [...new Set(mine.filter((r) => r.metric === "poor_people").map((r) => String(r.year)))];
  const colour = {
    field: "cause",
    type: "nominal" as const,
    title: t.cause,
    scale: { domain: causeLabels, range: CAUSE_COLOURS },
    legend: { orient: "bottom" as const, direction: "horizontal" as const },
  };
  const returns = bars("returns");
  const newPoor = bars("new_poor");
  // "~s" would print a fraction of a person as "300m"
  const fmt = (vs: { people: number }[]) => (vs.some((v) => v.people >= 1000) ? "~s" : ",.2~f");
  const x = ordinalYearAxis(years, t.year);
  const panel = (title: string, values: ReturnType<typeof bars>) => ({
    title: { text: title, fontSize: 12 },
    width: 220,
    height: 200,
    data: { values },
    mark: { type: "bar" as const },
    encoding: {
      x,
      y: {
        field: "people",
        type: "quantitative" as const,
        title: t.people,
        stack: "zero" as const,
        axis: { format: fmt(returns.concat(newPoor)) },
        scale: countScale(returns.concat(newPoor).some((v) => v.people > 0)),
      },
      color: colour,
      order: { field: "order" },
      tooltip: [{ field: "year" }, { field: "cause" }, { field: "people", format: ",.0f" }],
    },
  });
  // the falls caught are often far more than those that last: their own panel and scale
  const caughtPanel = {
    title: { text: t.caught, fontSize: 12 },
    width: 160,
    height: 200,
    data: { values: caught },
    mark: { type: "bar" as const, color: "#bab0ac" },
    encoding: {
      x,
      y: {
        field: "people",
        type: "quantitative" as const,
        title: null,
        axis: { format: fmt(caught) },
        scale: countScale(caught.some((v) => v.people > 0)),
      },
      tooltip: [{ field: "year" }, { field: "people", format: ",.0f" }],
    },
  };
  const empty = returns.length === 0 && newPoor.length === 0;
  const header = chartHeader(ctx, t.title(ctx.label), { lang });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description:
      `${ctx.scenario}: expected returns to poverty and new poor by year and cause ` +
      `(means across ${ctx.replicates} replicates)`,
    title: header.title,
    config: { font: CHART_FONT, view: { stroke: null } },
    usermeta: header.usermeta,
    ...(empty
      ? {
          data: { values: [{ text: t.none }] },
          mark: { type: "text", fontSize: 14, color: "#555" },
          encoding: { text: { field: "text" } },
          width: 520,
          height: 60,
        }
      : {
          hconcat: [
            { hconcat: [panel(t.returns, returns), panel(t.newPoor, newPoor)], resolve: { scale: { y: "shared" } } },
            ...(caught.length ? [caughtPanel] : []),
          ],
          resolve: { scale: { y: "independent" } },
        }),
  } as TopLevelSpec;
}
