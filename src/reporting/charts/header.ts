import type { TidyRow } from "../tidy.js";
import { textWidth } from "../text.js";

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

export const CHART_FONT = "Noto Sans CJK SC";

/** A count axis's scale from zero; when every value is zero, 0–1 (an empty domain draws NaN ticks). */
export const countScale = (anyPositive: boolean) => (anyPositive ? { zero: true } : { domain: [0, 1] });

/** The year as bars' categories: one band per year of `years`, labels upright. */
export const ordinalYearAxis = (years: readonly (number | string)[], title: string) => ({
  field: "year",
  type: "ordinal" as const,
  title,
  scale: { domain: years },
  axis: { labelAngle: 0 },
});

/** Whether a tidy row belongs to the chart's scenario, region and run. */
export const inContext = (ctx: ChartContext) => (r: TidyRow) =>
  r.scenario === ctx.scenario &&
  (ctx.region === undefined || r.region === ctx.region) &&
  r.mode === (ctx.mode ?? "mechanistic");

const T = {
  zh: { scenario: "情景", seed: "随机种子", reps: "重复", src: "来源", model: "模型" },
  en: { scenario: "scenario", seed: "seed", reps: "replicates", src: "Sources", model: "model" },
} as const;

/** Longest footnote line, in half-width characters (`textWidth`: a CJK character counts as two). */
const FOOT_WIDTH = 100;

/** The footnote's sources (wrapped to the chart's width, at most two lines, the rest counted) and assumptions. */
function citedLines(ctx: Pick<ChartContext, "sources" | "assumptions">, lang: Lang): string[] {
  const lines: string[] = [];
  let line = `${T[lang].src}: `;
  let shown = 0;
  for (const src of ctx.sources) {
    const piece = (shown ? "; " : "") + src;
    if (textWidth(line + piece) > FOOT_WIDTH) {
      if (lines.length === 1) break;
      lines.push(line);
      line = "  " + src;
    } else line += piece;
    shown++;
  }
  const more = ctx.sources.length - shown;
  if (more) line += lang === "zh" ? `；另 ${more} 项见清单` : `; ${more} more in the manifest`;
  if (ctx.sources.length) lines.push(line);
  const a = ctx.assumptions?.length ?? 0;
  if (a)
    lines.push(
      lang === "zh"
        ? `假设 ${a} 项（标为 assumption，逐项见 manifest.json 与情景文件）`
        : `${a} explicit assumption(s), each listed in manifest.json and the scenario file`,
    );
  return lines;
}

/**
 * The footnote lines of a chart of one run: sources wrapped to the chart's width (at most two lines, the rest
 * counted), the number of explicit assumptions, then the run manifest.
 */
export function footnote(ctx: ChartContext, lang: Lang = "zh"): string[] {
  const t = T[lang];
  const manifest = [
    `tuopin ${ctx.version}`,
    `${t.scenario} ${ctx.scenario}`,
    `${t.model} ${ctx.model}`,
    `${t.seed} ${ctx.seed}`,
    `${t.reps} ${ctx.replicates}`,
  ];
  return [...citedLines(ctx, lang), manifest.join(" · ")];
}

/** The footnote of a chart of several runs: the sources of all, then each run's seed and replicates. */
function comparisonFootnote(ctxs: ChartContext[], lang: Lang): string[] {
  const [first] = ctxs;
  const cited = {
    sources: [...new Set(ctxs.flatMap((c) => c.sources))],
    assumptions: [...new Set(ctxs.flatMap((c) => c.assumptions ?? []))],
  };
  return [
    ...citedLines(cited, lang),
    `tuopin ${first.version} · ${first.model}`,
    ...ctxs.map((c) =>
      lang === "zh"
        ? `  情景 ${c.scenario}：随机种子 ${c.seed}，重复 ${c.replicates}`
        : `  scenario ${c.scenario}: seed ${c.seed}, ${c.replicates} replicates`,
    ),
  ];
}

/** How a chart's title is drawn (everything of Vega-Lite's title but its text and subtitle). */
export type TitleStyle = Record<string, string | number>;

/** The charts' title: left-aligned, the footnote in small grey type. */
export const TITLE_STYLE: TitleStyle = { anchor: "start", subtitleFontSize: 10, subtitleColor: "#555" };

export interface HeaderOptions {
  lang?: Lang;
  /** Lines above the footnote: what the chart's marks mean. */
  notes?: string[];
  /** The chart's own `usermeta` after the run's (the metric charted, the levers …). */
  meta?: Record<string, unknown>;
  /** __Default value:__ `TITLE_STYLE` */
  style?: TitleStyle;
  /** Several runs: the base scenario they are compared with, named first in the footnote. */
  base?: ChartContext;
  /** Several runs: the base scenario's id, put in `usermeta.base`. */
  baseId?: string;
}

export interface ChartHeader {
  title: { text: string; subtitle: string[]; [style: string]: string | number | string[] };
  usermeta: Record<string, unknown>;
}

/**
 * The one header of every chart: the title with its notes and footnote as subtitle, and `usermeta`. For one
 * run the footnote ends with the run manifest and `usermeta` holds scenario, seed, replicates, version and
 * model; for several runs (`ctx` an array) the footnote lists each run's seed and replicates, and so does
 * `usermeta.scenarios`.
 */
export function chartHeader(ctx: ChartContext | ChartContext[], text: string, o: HeaderOptions = {}): ChartHeader {
  const lang = o.lang ?? "zh";
  const style = o.style ?? TITLE_STYLE;
  const notes = o.notes ?? [];
  if (!Array.isArray(ctx)) {
    const { scenario, seed, replicates, version, model } = ctx;
    return {
      title: { text, subtitle: [...notes, ...footnote(ctx, lang)], ...style },
      usermeta: { scenario, seed, replicates, version, model, ...o.meta },
    };
  }
  return {
    title: { text, subtitle: [...notes, ...comparisonFootnote(o.base ? [o.base, ...ctx] : ctx, lang)], ...style },
    usermeta: {
      ...(o.baseId !== undefined ? { base: o.baseId } : {}),
      scenarios: ctx.map((c) => ({ scenario: c.scenario, seed: c.seed, replicates: c.replicates })),
      version: ctx[0].version,
      ...o.meta,
    },
  };
}
