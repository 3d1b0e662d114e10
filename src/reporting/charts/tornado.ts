import type { TopLevelSpec } from "vega-lite";
import type { SensitivityRow } from "../../runners/sensitivity.js";
import { CHART_FONT, chartHeader, type ChartContext, type Lang } from "./header.js";

/** What a tornado panel shows: target-year poor people, spending on measures and guarantees, or the quotas' cost. */
export type TornadoMetric = "poor" | "cost" | "target_cost";

export interface TornadoOptions {
  lang?: Lang;
  /** One panel each, side by side, sharing the levers' axis. __Default value:__ `["poor", "cost"]` */
  metrics?: TornadoMetric[];
  /** Width of each panel. __Default value:__ 300 */
  width?: number;
  /** Height per lever (its two bars side by side). __Default value:__ 28 */
  step?: number;
}

const T = {
  zh: {
    title: "政策杠杆敏感性",
    low: "取范围下限",
    high: "取范围上限",
    base: "基准",
    setting: "取值",
    lever: "政策杠杆",
    range: "范围",
    change: "变化",
    note: (r: number) =>
      `每个杠杆分别取其范围两端、其余不变；基准与各变体用同一种子和住户表（配对随机数）；数值为 ${r} 次重复的中位数`,
    poor: (y: number) => `${y}年末贫困人口（人）`,
    cost: "帮扶措施与三保障投入合计（亿元）",
    target_cost: "按计划脱贫所需投入合计（亿元）",
  },
  en: {
    title: "sensitivity to policy levers",
    low: "Low end of range",
    high: "High end of range",
    base: "Base",
    setting: "Setting",
    lever: "Policy lever",
    range: "Range",
    change: "Change",
    note: (r: number) =>
      "Each lever at each end of its range, all else as planned; base and variants share the seed and " +
      `registry (paired random numbers); values are medians over ${r} replicates`,
    poor: (y: number) => `Poor people at the end of ${y}`,
    cost: "Spending on measures and guarantees (million yuan)",
    target_cost: "Cost of meeting the quotas (million yuan)",
  },
} as const;

/** Money is shown in 亿元 (zh) or million yuan (en). */
const scaleOf = (metric: TornadoMetric, lang: Lang) => (metric === "poor" ? 1 : lang === "zh" ? 1e8 : 1e6);

const fmtSetting = (x: number) =>
  Math.abs(x) >= 1e4 ? x.toLocaleString("en-US", { maximumFractionDigits: 0 }) : String(Number(x.toPrecision(6)));

/** Axis labels of the levers, unique (a repeated label gets its path). */
function leverLabels(rows: SensitivityRow[], lang: Lang): string[] {
  const base = rows.map((r) => `${lang === "zh" ? r.label : r.label_en} [${fmtSetting(r.low)}–${fmtSetting(r.high)}]`);
  const seen = new Map<string, number>();
  for (const b of base) seen.set(b, (seen.get(b) ?? 0) + 1);
  return base.map((b, k) => (seen.get(b)! > 1 ? `${b} · ${rows[k].lever}` : b));
}

/** The bars of one panel: per lever, base → low and base → high. */
export function tornadoBars(rows: SensitivityRow[], metric: TornadoMetric = "poor", lang: Lang = "zh") {
  const t = T[lang];
  const k = scaleOf(metric, lang);
  const labels = leverLabels(rows, lang);
  const bars: {
    lever: string;
    label: string;
    side: string;
    high: boolean;
    setting: number;
    setting_text: string;
    base: number;
    value: number;
    delta: number;
  }[] = [];
  rows.forEach((r, i) => {
    const base = r[`${metric}_base`];
    for (const side of ["low", "high"] as const) {
      const v = r[`${metric}_${side}`];
      if (base === null || v === null) continue;
      bars.push({
        lever: r.lever,
        label: labels[i],
        side: t[side],
        high: side === "high",
        setting: r[side],
        setting_text: fmtSetting(r[side]),
        base: base / k,
        value: v / k,
        delta: (v - base) / k,
      });
    }
  });
  return bars;
}

/**
 * A tornado chart of a sensitivity run: per lever (sorted as the rows are, largest swing in poor people
 * first), a bar from the base outcome to the outcome with the lever at the low end of its range and one to
 * the outcome at the high end, each labelled with the lever's setting; one panel per metric, side by side.
 * Pure: rows in, Vega-Lite spec out. Chinese labels unless `lang: "en"`.
 */
export function tornadoChart(rows: SensitivityRow[], ctx: ChartContext, options: TornadoOptions = {}): TopLevelSpec {
  const lang = options.lang ?? "zh";
  const t = T[lang];
  const metrics = (options.metrics ?? ["poor", "cost"]).filter(
    (m) => m !== "target_cost" || rows.some((r) => r.target_cost_base !== null),
  );
  const order = leverLabels(rows, lang);
  const replicates = ctx.replicates;
  const colors = { domain: [t.low, t.high], range: ["#4c78a8", "#f58518"] };
  const panel = (metric: TornadoMetric, first: boolean) => {
    const bars = tornadoBars(rows, metric, lang);
    const base = bars.length ? bars[0].base : null;
    const title = metric === "poor" ? t.poor(ctx.targetYear) : t[metric];
    const fmt = metric === "poor" ? ",.0f" : ",.2f";
    const y = {
      field: "label",
      type: "nominal" as const,
      sort: order,
      axis: first ? { labelLimit: lang === "zh" ? 320 : 440, title: null } : null,
    };
    const x = {
      field: "base",
      type: "quantitative" as const,
      title,
      scale: { zero: false, nice: true },
      axis: { format: ",~r" },
    };
    // each lever's two bars side by side (low above high), so that effects in the same direction do not hide each other
    const yOffset = { field: "side", type: "nominal" as const, sort: [t.low, t.high] };
    // the setting at the bar's far end; a zero effect puts the low end's to the left and the high end's to the right
    const textLayer = (up: boolean) => ({
      transform: [
        {
          filter: up
            ? "datum.value > datum.base || (datum.value == datum.base && datum.high)"
            : "datum.value < datum.base || (datum.value == datum.base && !datum.high)",
        },
      ],
      mark: {
        type: "text" as const,
        align: up ? ("left" as const) : ("right" as const),
        dx: up ? 3 : -3,
        fontSize: 10,
        color: "#333",
      },
      encoding: { y, yOffset, x: { field: "value", type: "quantitative" as const }, text: { field: "setting_text" } },
    });
    return {
      width: options.width ?? 300,
      height: Math.max(1, rows.length) * (options.step ?? 28),
      layer: [
        {
          data: { values: bars },
          layer: [
            {
              mark: { type: "bar" as const },
              encoding: {
                y,
                yOffset,
                x,
                x2: { field: "value" },
                // one legend for all panels (the color scale is shared)
                color: {
                  field: "side",
                  type: "nominal" as const,
                  title: null,
                  scale: colors,
                  ...(first ? { legend: { orient: "top" as const, direction: "horizontal" as const } } : {}),
                },
                tooltip: [
                  { field: "label", title: t.lever },
                  { field: "side", title: t.range },
                  { field: "setting_text", title: t.setting },
                  { field: "base", title: t.base, format: fmt },
                  { field: "value", title, format: fmt },
                  { field: "delta", title: t.change, format: `+${fmt}` },
                ],
              },
            },
            textLayer(true),
            textLayer(false),
          ],
        },
        ...(base === null
          ? []
          : [
              {
                data: { values: [{ base, text: t.base }] },
                mark: { type: "rule" as const, color: "#222", strokeWidth: 1.2 },
                encoding: { x: { field: "base", type: "quantitative" as const } },
              },
            ]),
      ],
    };
  };
  const panels = metrics.map((m, i) => panel(m, i === 0));
  const header = chartHeader(ctx, `${ctx.label}${lang === "zh" ? "：" : ": "}${t.title}`, {
    lang,
    notes: [t.note(replicates)],
    meta: { chart: "tornado", levers: rows.map((r) => r.lever), metrics },
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description:
      `${ctx.scenario}: one-at-a-time sensitivity of ${rows.length} policy levers, ` +
      `P50 across ${replicates} replicates, paired seeds`,
    title: header.title,
    config: { font: CHART_FONT, view: { stroke: null } },
    usermeta: header.usermeta,
    ...(panels.length === 1
      ? panels[0]
      : { hconcat: panels, spacing: 24, resolve: { scale: { y: "shared", color: "shared" } } }),
  } as TopLevelSpec;
}
