import type { TopLevelSpec } from "vega-lite";
import type { TidyRow } from "../tidy.js";
import { textWidth } from "../text.js";
import { CHART_FONT, chartHeader, inContext, type ChartContext, type Lang, type TitleStyle } from "./header.js";

const T = {
  zh: {
    sourceTitle: (label: string) => `${label}：扶贫资金来源（拨款，中位数）`,
    countyTitle: (label: string, y: number) => `${label}：${y}年资金分配到县（中位数）`,
    year: "年份",
    yuan: "金额（亿元）",
    rule: "资金规则",
    deep: "深度贫困县",
    other: "其他县",
    loans: "再贷款（不计入拨款）",
    need: "措施满覆盖所需",
  },
  en: {
    sourceTitle: (label: string) => `${label}: poverty funds by source (grants, median)`,
    countyTitle: (label: string, y: number) => `${label}: allocation to counties in ${y} (median)`,
    year: "Year",
    yuan: "Amount (100 million yuan)",
    rule: "Money rule",
    deep: "Deeply impoverished county",
    other: "Other county",
    loans: "Relending (not a grant)",
    need: "Needed for full coverage",
  },
} as const;

const YI = 1e8;

/** The money charts' titles: a lighter grey footnote, the CJK font named on the title itself. */
const MONEY_TITLE: TitleStyle = {
  subtitleFontSize: 10,
  subtitleColor: "#666",
  anchor: "start",
  font: CHART_FONT,
  subtitleFont: CHART_FONT,
};

/**
 * Money by source: one stacked bar per year, a segment per grant rule (its label), with the money needed for
 * full measure coverage as a tick. Pure: tidy rows and rule labels in, Vega-Lite spec out.
 */
export function moneyBySourceChart(
  rows: TidyRow[],
  ctx: ChartContext,
  rules: { id: string; label: string; nature: "grant" | "loan" | "reserved" }[],
  lang: Lang = "zh",
): TopLevelSpec {
  const t = T[lang];
  const grantRules = new Map(rules.filter((r) => r.nature === "grant").map((r) => [`fund.${r.id}`, r.label]));
  const mine = rows.filter(inContext(ctx)).filter((r) => r.stat === "p50");
  const bars = mine
    .filter((r) => grantRules.has(r.metric) && r.value !== 0)
    .map((r) => ({ year: String(r.year), rule: grantRules.get(r.metric)!, yi: r.value / YI }));
  const need = mine
    .filter((r) => r.metric === "funds_need")
    .map((r) => ({ year: String(r.year), yi: r.value / YI, what: t.need }));
  const header = chartHeader(ctx, t.sourceTitle(ctx.label), { lang, style: MONEY_TITLE });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: header.title,
    width: 420,
    height: 300,
    config: { font: CHART_FONT, legend: { labelLimit: 480, orient: "bottom", columns: 1 } },
    usermeta: header.usermeta,
    layer: [
      {
        data: { values: bars },
        mark: { type: "bar" },
        encoding: {
          x: { field: "year", type: "ordinal", title: t.year, axis: { labelAngle: 0 } },
          y: { field: "yi", type: "quantitative", title: t.yuan, stack: "zero" },
          color: { field: "rule", type: "nominal", title: t.rule, scale: { scheme: "tableau10" } },
          tooltip: [{ field: "rule" }, { field: "yi", format: ",.2f", title: t.yuan }],
        },
      },
      {
        data: { values: need },
        mark: { type: "tick", color: "#d62728", thickness: 3, size: 40 },
        encoding: {
          x: { field: "year", type: "ordinal" },
          y: { field: "yi", type: "quantitative" },
          tooltip: [{ field: "what" }, { field: "yi", format: ",.2f" }],
        },
      },
      {
        // the tick's meaning, written beside it (the stack's legend is for the rules)
        data: { values: need },
        mark: { type: "text", align: "left", dx: 24, dy: -8, fontSize: 11, color: "#d62728", font: CHART_FONT },
        encoding: {
          x: { field: "year", type: "ordinal" },
          y: { field: "yi", type: "quantitative" },
          text: { field: "what" },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Money by county in one year: a bar per county (largest first), deep counties in their own colour. */
export function moneyByCountyChart(
  rows: TidyRow[],
  ctx: ChartContext,
  counties: { ids: string[]; names: string[]; deep?: Uint8Array },
  year: number,
  lang: Lang = "zh",
): TopLevelSpec {
  const t = T[lang];
  const name = new Map(
    counties.ids.map((id, c) => [id, { name: counties.names[c], deep: Boolean(counties.deep?.[c]) }]),
  );
  const values = rows
    .filter(
      (r) =>
        r.scenario === ctx.scenario &&
        r.mode === (ctx.mode ?? "mechanistic") &&
        r.metric === "allocation" &&
        r.stat === "p50" &&
        r.year === year &&
        r.value > 0 &&
        name.has(r.region),
    )
    .map((r) => ({
      county: name.get(r.region)!.name,
      kind: name.get(r.region)!.deep ? t.deep : t.other,
      yi: r.value / YI,
    }));
  const header = chartHeader(ctx, t.countyTitle(ctx.label, year), { lang, style: MONEY_TITLE });
  // room for the longest label: server-side rendering measures CJK text short (12 px per CJK character)
  const labelRoom = 6 * Math.max(8, ...values.map((v) => textWidth(v.county))) + 8;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: header.title,
    width: 420,
    height: { step: 16 },
    config: { font: CHART_FONT, legend: { orient: "bottom" } },
    usermeta: header.usermeta,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: {
        field: "county",
        type: "nominal",
        title: null,
        sort: "-x",
        axis: { minExtent: labelRoom, labelLimit: 0 },
      },
      x: { field: "yi", type: "quantitative", title: t.yuan },
      // the legend lists only the kinds present
      color: {
        field: "kind",
        type: "nominal",
        title: null,
        scale: {
          domain: [t.deep, t.other].filter((k) => values.some((v) => v.kind === k)),
          range: [t.deep, t.other].flatMap((k, i) =>
            values.some((v) => v.kind === k) ? [["#d62728", "#4c78a8"][i]] : [],
          ),
        },
      },
      tooltip: [{ field: "county" }, { field: "yi", format: ",.3f", title: t.yuan }],
    },
  } as TopLevelSpec;
}
