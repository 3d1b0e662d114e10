import { mean, quantileSorted } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { parameterRole, recordedNotSimulated, type RecordedParameter } from "../scenario/context.js";
import { explain, explainablePaths, type Explanation } from "../scenario/explain.js";
import { METRICS, type Metric, type RunResult } from "../model/types.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { provenanceText } from "../scenario/provenance.js";
import { VERSION } from "../version.js";
import { writeFileAtomic } from "./atomic.js";
import { compareChart, differenceChart, pairedDifferenceRows } from "./charts/compare.js";
import { exitsChart } from "./charts/exits.js";
import type { Lang } from "./charts/header.js";
import { riskChart } from "./charts/risk.js";
import { toSvg } from "./render.js";
import { chartContext, citations, type ScenarioRun } from "./scenarioRun.js";
import type { TidyRow } from "./tidy.js";

/** One way in which a scenario differs from the base: a parameter, target, baseline figure or money rule. */
export interface ScenarioDifference {
  path: string;
  label?: string;
  /** The base's values, in brief ("2018: 0.2; 2019–2020: 0.3"), or "—" where the base does not set it. */
  base: string;
  other: string;
  /** Where the other scenario's value comes from: a seed section, an address, or an assumption. */
  provenance: string;
}

const round = (x: number) =>
  Math.abs(x) >= 1000 ? Math.round(x).toLocaleString("en-US") : String(Number(x.toPrecision(6)));

/** The values of an explanation by year, runs of equal values merged: "2018–2019: 0.3; 2020: 0". */
function brief(e: Explanation | undefined): string {
  if (!e) return "—";
  const parts: string[] = [];
  let from = 0;
  const ys = e.byYear;
  for (let k = 1; k <= ys.length; k++) {
    if (k === ys.length || ys[k].value !== ys[from].value) {
      const span = k - 1 === from ? String(ys[from].year) : `${ys[from].year}–${ys[k - 1].year}`;
      parts.push(`${span}: ${ys[from].value === null ? "—" : round(ys[from].value!)}`);
      from = k;
    }
  }
  const fields = e.fields
    ? Object.entries(e.fields)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")
    : "";
  const values = parts.length === 1 && ys.length > 1 ? parts[0].replace(/^[^:]*: /, "") : parts.join("; ");
  return [values, fields].filter(Boolean).join(" · ") || "—";
}

/**
 * How `other` differs from `base`: every parameter, target, baseline figure, fund rule and allocation weight
 * whose values by year (or fields) are not the same, with the other's provenance; plus horizon, seed and
 * replicates when they differ.
 */
export function scenarioDifferences(base: ResolvedScenario, other: ResolvedScenario): ScenarioDifference[] {
  const out: ScenarioDifference[] = [];
  const horizon = (s: ResolvedScenario) => `${s.horizon.start}–${s.horizon.end}`;
  // the run's own settings, cited to the variant's file
  const setting = (path: string, a: string, b: string) => {
    if (a !== b) out.push({ path, base: a, other: b, provenance: other.files[0]?.file ?? "" });
  };
  setting("horizon", horizon(base), horizon(other));
  setting("run.seed", String(base.seed), String(other.seed));
  setting("run.replicates", String(base.replicates), String(other.replicates));
  const paths = [...new Set([...explainablePaths(base), ...explainablePaths(other)])];
  for (const path of paths) {
    const a = explain(base, path);
    const b = explain(other, path);
    const ka = a ? JSON.stringify([a.byYear.map((y) => y.value), a.fields ?? null]) : "";
    const kb = b ? JSON.stringify([b.byYear.map((y) => y.value), b.fields ?? null]) : "";
    if (ka === kb) continue;
    // a changed horizon changes every byYear: compare what was written instead
    if (
      a &&
      b &&
      horizon(base) !== horizon(other) &&
      JSON.stringify(a.history.map((h) => [h.period, h.value])) ===
        JSON.stringify(b.history.map((h) => [h.period, h.value]))
    )
      continue;
    out.push({
      path,
      label: (b ?? a)?.label,
      base: brief(a),
      other: brief(b),
      provenance: provenanceText((b ?? a)?.history.at(-1)?.provenance) || (b ? "" : "removed"),
    });
  }
  return out;
}

/** The row of the brief's headline table for one scenario. */
export interface BriefRow {
  scenario: string;
  label: string;
  years: string;
  poor_start: number;
  poor_end_p10: number;
  poor_end_p50: number;
  poor_end_p90: number;
  target_remaining: number | null;
  /** Share of replicates meeting the remaining-poor target. */
  p_target_met: number | null;
  year_met: number | null;
  funds_total_p50: number | null;
  cost_per_exit_p50: number | null;
  returns_total_mean: number;
  target_cost_p50: number | null;
  /** The aligned run: share of replicates whose last quota is feasible, and the money beyond the rules. */
  p_quotas_feasible: number | null;
  money_beyond_rules_p50: number | null;
}

export function briefRows(runs: ScenarioRun[]): BriefRow[] {
  return runs.map(({ headline: h }) => ({
    scenario: h.scenario,
    label: h.label,
    years: h.start_year === h.target_year ? String(h.start_year) : `${h.start_year}–${h.target_year}`,
    poor_start: h.poor_start,
    poor_end_p10: h.poor_end_p10,
    poor_end_p50: h.poor_end_p50,
    poor_end_p90: h.poor_end_p90,
    target_remaining: h.target_remaining,
    p_target_met: h.p_target_met,
    year_met: h.year_met,
    funds_total_p50: h.funds_total_p50,
    cost_per_exit_p50: h.cost_per_exit_p50,
    returns_total_mean: h.returns_total_mean,
    target_cost_p50: h.target_cost_p50,
    p_quotas_feasible: h.aligned?.p_feasible ?? null,
    money_beyond_rules_p50: h.aligned?.money_beyond_rules_p50 ?? null,
  }));
}

/** Whether two runs can be differenced replicate by replicate. */
const pairable = (a: ScenarioRun, b: ScenarioRun) =>
  a.result.replicates === b.result.replicates && a.result.years.join() === b.result.years.join();

/**
 * The brief's four charts. Several scenarios: the poor side by side, the paired difference from the base
 * (the first), returns side by side, and money side by side (grants; or cumulative exits without money
 * rules). One scenario: its projection fan, exits by level, return risk by cause, and money by source (or
 * the cumulative exits). Where the base's plan sets quotas, a fifth: what meeting them takes (its "quotas" chart).
 */
export function briefCharts(runs: ScenarioRun[], lang: Lang = "zh"): { name: string; spec: TopLevelSpec }[] {
  if (runs.length === 0) throw new Error("a brief needs at least one scenario run");
  const ctxs = runs.map((r) => chartContext(r, lang));
  const rows: TidyRow[] = runs.flatMap((r) => r.rows);
  const money = runs.some((r) => r.scenario.funds.size > 0);
  const [base] = runs;
  const charts: { name: string; spec: TopLevelSpec }[] = [
    { name: "compare-poor-people", spec: compareChart(rows, ctxs, { metric: "poor_people", lang }) },
  ];
  const pairs = runs.flatMap((o, k) => (k > 0 && pairable(base, o) ? [{ run: o, ctx: ctxs[k] }] : []));
  if (pairs.length) {
    const diff = pairs.flatMap((o) => pairedDifferenceRows(base.result, o.run.result, "poor_people"));
    charts.push({
      name: "difference-poor-people",
      spec: differenceChart(
        diff,
        pairs.map((o) => o.ctx),
        { lang, base: ctxs[0] },
      ),
    });
  } else {
    charts.push({ name: "exits", spec: exitsChart(base.rows, ctxs[0], lang) });
  }
  if (runs.length > 1)
    charts.push({ name: "compare-returns", spec: compareChart(rows, ctxs, { metric: "returns_people", lang }) });
  else charts.push({ name: "return-risk", spec: riskChart(base.rows, ctxs[0], lang) });
  if (runs.length > 1)
    charts.push({
      name: money ? "compare-funds" : "compare-exits",
      spec: compareChart(rows, ctxs, { metric: money ? "funds_grants" : "cumulative_exits_people", lang }),
    });
  else
    charts.push(
      base.charts.find((c) => c.name === "money-by-source") ?? {
        name: "cumulative-exits",
        spec: compareChart(rows, ctxs, { metric: "cumulative_exits_people", lang }),
      },
    );
  // one scenario: a fan chart first (observed solid, plan path), not a one-line comparison
  if (runs.length === 1) charts[0] = base.charts.find((c) => c.name === "poor-people") ?? charts[0];
  // what the base's quotas take: the scenario run's own chart (built there only where the plan sets quotas)
  const quotas = base.charts.find((c) => c.name === "quotas");
  if (quotas) charts.push(quotas);
  return charts;
}

/**
 * A chart for the brief's grid: its footnote's sources, assumptions and manifest lines (which the brief's
 * footer carries in full) replaced by a pointer to the footer, so that the plot keeps its width.
 */
function briefFigure(spec: TopLevelSpec, lang: Lang): TopLevelSpec {
  const title = spec.title;
  if (!title || typeof title !== "object" || Array.isArray(title)) return spec;
  const sub = (title as { subtitle?: string | string[] }).subtitle;
  const lines = (Array.isArray(sub) ? sub : sub ? [sub] : []).filter(
    (l) => !/^(来源|Sources|假设|tuopin |\s|\d+ explicit assumption)/.test(l),
  );
  lines.push(
    lang === "zh" ? "来源、假设与运行清单见页脚" : "Sources, assumptions and the run manifest: see the footer",
  );
  return { ...spec, title: { ...title, subtitle: lines } } as TopLevelSpec;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const L = {
  zh: {
    title: "脱贫情景比较简报",
    scenario: "情景",
    years: "年份",
    poorStart: "期初贫困人口",
    poorEnd: "期末贫困人口 P50<br><small>(P10–P90)</small>",
    met: "目标达成？<br><small>达标概率</small>",
    yearMet: "达标年份",
    money: "扶贫资金合计<br><small>拨款 P50</small>",
    perExit: "每脱贫一人资金<br><small>P50</small>",
    returns: "预期返贫人口<br><small>期望值</small>",
    quotaCost: "按计划脱贫所需投入<br><small>P50</small>",
    feasible: "年度任务可行？<br><small>最后任务年可行概率</small>",
    beyond: "超出规则资金的投入<br><small>P50</small>",
    quotas: "按计划脱贫（对齐模拟）",
    quotasText: (q: QuotaFacts) =>
      `${q.label}：完成年度任务需超出规则资金 ${q.beyond}（按计划脱贫所需投入合计 ${q.cost}）；` +
      `最后任务年（${q.year} 年）任务在 ${q.feasible} 的重复中可行，缺口 P50 ${q.shortfall} 人；` +
      `最大年度每人加力 P50 ${q.effort} 元（上限 ${q.effortMax} 元）；` +
      `错退率 P50 ${q.wrong}（逐年最高 ${q.wrongMax}），考核上限 ${q.limit}。`,
    yes: "达成",
    no: "未达成",
    noTarget: "无目标",
    base: "基准",
    differ: "与基准情景不同的假设",
    noDiffer: "与基准情景相同（仅运行设置不同或完全相同）。",
    path: "参数",
    baseV: "基准取值",
    otherV: "本情景取值",
    prov: "来源或假设",
    sources: "来源",
    manifest: "运行清单",
    seeds: "种子文件",
    stats: "官方统计",
    assumptions: "明确假设",
    note:
      "期末贫困人口、达标、资金与返贫取自机制模拟（收入、帮扶措施与“三保障”决定脱贫，资金按规划规则分配）；" +
      "“按计划脱贫所需投入”取自按计划脱贫模拟（规划年度任务决定脱贫）。" +
      "区间为蒙特卡洛重复的 P10–P90，只含住户层面的随机性，不含系数本身的不确定性。",
    yi: "亿元",
    yuan: "元",
    recorded: "记录而未模拟的规划数字",
    recordedNote: "以下数字为规划所定、连同来源记录在情景中，但模型没有相应机制，改动它们不改变任何预测：",
    reason: "原因",
    scenarios: "情景",
    effect: (mean: string, lo: string, hi: string) =>
      `同一随机种子逐次配对：期末贫困人口变化 ${mean} 人（P10–P90：${lo} 至 ${hi}）。`,
    movedOutputs: (names: string) => `变化的输出：${names}。`,
    noEffect: (levers: string) =>
      `同一随机种子逐次配对，本情景的任何预测数字均与基准相同：所改动的参数（${levers}）在本规划中不起约束作用` +
      "（例如所要求的份额已被满足，或该数字仅被记录、未被模拟）。",
  },
  en: {
    title: "Poverty-exit scenario brief",
    scenario: "Scenario",
    years: "Years",
    poorStart: "Poor at start",
    poorEnd: "Poor at end P50<br><small>(P10–P90)</small>",
    met: "Target met?<br><small>P(met)</small>",
    yearMet: "Year met",
    money: "Total money<br><small>grants, P50</small>",
    perExit: "Money per exit<br><small>P50</small>",
    returns: "Expected returns<br><small>mean</small>",
    quotaCost: "Cost of the quotas<br><small>P50</small>",
    feasible: "Quotas feasible?<br><small>last quota year, share of runs</small>",
    beyond: "Money beyond the rules<br><small>P50</small>",
    quotas: "Meeting the quotas (aligned run)",
    quotasText: (q: QuotaFacts) =>
      `${q.label}: meeting the quotas takes ${q.beyond} beyond the rules (${q.cost} in all); ` +
      `the last quota (${q.year}) is feasible in ${q.feasible} of replicates, shortfall P50 ${q.shortfall} ` +
      `people; largest yearly effort P50 ${q.effort} yuan per person (bound ${q.effortMax}); ` +
      `wrong-exit rate P50 ${q.wrong} (highest year ${q.wrongMax}) vs the ${q.limit} limit.`,
    yes: "met",
    no: "not met",
    noTarget: "no target",
    base: "base",
    differ: "Assumptions that differ from the base",
    noDiffer: "Same as the base (only run settings differ, or nothing).",
    path: "Parameter",
    baseV: "Base",
    otherV: "This scenario",
    prov: "Source or assumption",
    sources: "Sources",
    manifest: "Run manifest",
    seeds: "Seed documents",
    stats: "Official statistics",
    assumptions: "Explicit assumptions",
    note:
      "Poor at end, targets, money and returns come from the mechanistic run (incomes, measures and the " +
      "guarantees set exits; money is allocated by the plan's rules); the cost of the quotas comes from the " +
      "target-following run (the plan's yearly quotas set exits). Bands are P10–P90 across Monte Carlo " +
      "replicates: household-level randomness only, not uncertainty about the coefficients.",
    yi: "100 million yuan",
    yuan: "yuan",
    recorded: "Numbers of the plan recorded, not simulated",
    recordedNote:
      "The plan states these numbers and the scenarios keep them with their sources, but the model has no " +
      "mechanism for them: changing one changes no projection.",
    reason: "Reason",
    scenarios: "Scenarios",
    effect: (mean: string, lo: string, hi: string) =>
      `Paired on the same seeds, replicate by replicate: the poor at the end move by ${mean} people ` +
      `(P10–P90 ${lo} to ${hi}).`,
    movedOutputs: (names: string) => ` The outputs that differ: ${names}.`,
    noEffect: (levers: string) =>
      "Paired on the same seeds, no projected number of this scenario differs from the base: the levers it " +
      `moves (${levers}) do not bind in this plan (the share they ask for is already met, or the number is ` +
      "recorded, not simulated).",
  },
} as const;

/** The headline table (target met? year met, money, money per exit, returns, cost of the quotas) as HTML. */
export function headlineTable(
  runs: ScenarioRun[],
  lang: Lang = "zh",
  options: { link?: (r: ScenarioRun) => string | undefined; markBase?: boolean } = {},
): string {
  const { link, markBase = true } = options;
  const t = L[lang];
  const int = (x: number | null) =>
    x === null || !Number.isFinite(x) ? "—" : Math.round(x).toLocaleString(lang === "zh" ? "zh-CN" : "en-US");
  const yi = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${(x / 1e8).toFixed(2)} ${t.yi}`);
  const yuan = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${int(x)} ${t.yuan}`);
  const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${Math.round(x * 100)}%`);
  const rows = briefRows(runs);
  const label = (r: ScenarioRun) => {
    const text = escapeHtml(lang === "en" ? r.scenario.label_en : r.scenario.label);
    const href = link?.(r);
    return href ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
  };
  const tableRows = rows
    .map((h, k) => {
      const met =
        h.p_target_met === null
          ? t.noTarget
          : `${h.year_met !== null ? t.yes : t.no}<br><small>${Math.round(h.p_target_met * 100)}%</small>`;
      const cls = h.p_target_met === null ? "" : h.year_met !== null ? ' class="met"' : ' class="notmet"';
      const tag = markBase && k === 0 && runs.length > 1 ? ` <span class="tag">${t.base}</span>` : "";
      const poorEnd = `${int(h.poor_end_p50)}<br><small>${int(h.poor_end_p10)}–${int(h.poor_end_p90)}</small>`;
      return (
        `<tr><td>${label(runs[k])}${tag}<br><small>${escapeHtml(h.scenario)}</small></td><td>${h.years}</td>` +
        `<td>${int(h.poor_start)}</td><td>${poorEnd}</td>` +
        `<td${cls}>${met}</td><td>${h.year_met ?? "—"}</td>` +
        `<td>${yi(h.funds_total_p50)}</td><td>${yuan(h.cost_per_exit_p50)}</td>` +
        `<td>${int(h.returns_total_mean)}</td><td>${yi(h.target_cost_p50)}</td>` +
        `<td>${pct(h.p_quotas_feasible)}</td><td>${yi(h.money_beyond_rules_p50)}</td></tr>`
      );
    })
    .join("\n");
  const heads = [t.scenario, t.years, t.poorStart, t.poorEnd, t.met, t.yearMet, t.money, t.perExit, t.returns];
  return `<table id="headline"><thead><tr>${cells("th", [...heads, t.quotaCost, t.feasible, t.beyond])}</tr></thead>
<tbody>
${tableRows}
</tbody></table>`;
}

/** The aligned run's numbers a sentence of the brief states, formatted (all from the run). */
interface QuotaFacts {
  label: string;
  year: number;
  beyond: string;
  cost: string;
  feasible: string;
  shortfall: string;
  effort: string;
  effortMax: string;
  wrong: string;
  wrongMax: string;
  limit: string;
}

/**
 * Per scenario with quotas, a sentence on what meeting them takes (the aligned run's headline,
 * src/reporting/aligned.ts): money beyond the rules, the last quota's feasibility and shortfall, the effort
 * against its bound, the wrong-exit rate against the county limit. Empty when no scenario has quotas.
 */
function quotasHtml(runs: ScenarioRun[], lang: Lang): string {
  const t = L[lang];
  const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "—");
  const pct = (x: number, digits = 0) => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "—");
  const money = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${(x / 1e8).toFixed(2)} ${t.yi}`);
  const lines = runs.flatMap(({ scenario: s, headline: h }) => {
    const a = h.aligned;
    if (!a) return [];
    const facts: QuotaFacts = {
      label: lang === "en" ? s.label_en : s.label,
      year: a.last_quota_year,
      beyond: money(a.money_beyond_rules_p50),
      cost: money(a.target_cost_p50),
      feasible: pct(a.p_feasible),
      shortfall: int(a.shortfall_p50),
      effort: int(a.effort_p50),
      effortMax: int(a.effort_max),
      wrong: pct(a.wrong_exit_rate_p50, 1),
      wrongMax: pct(a.wrong_exit_rate_max, 1),
      limit: pct(a.wrong_exit_limit, 1),
    };
    const cls = a.p_feasible < 1 || a.wrong_exit_rate_max > a.wrong_exit_limit ? ' class="notmet"' : "";
    return [`<p${cls} data-scenario="${escapeHtml(s.id)}">${escapeHtml(t.quotasText(facts))}</p>`];
  });
  return lines.length ? `<h2>${t.quotas}</h2>\n<div id="quotas">\n${lines.join("\n")}\n</div>` : "";
}

/** Cells of one table row: each value in its own `<th>` or `<td>`. */
const cells = (tag: "th" | "td", values: string[]) => values.map((v) => `<${tag}>${v}</${tag}>`).join("");

const STYLE = [
  "<style>",
  "@page{size:A4 landscape;margin:10mm}",
  'body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;' +
    "margin:16px auto;max-width:1240px;color:#222;font-size:13px}",
  "h1{font-size:20px;margin:0 0 2px} h2{font-size:15px;margin:14px 0 6px;border-bottom:2px solid #4c78a8;" +
    "padding-bottom:2px} h3{font-size:13px;margin:8px 0 4px}",
  ".sub{color:#555;margin:0 0 10px;font-size:12px}",
  "table{border-collapse:collapse;width:100%} th,td{border-bottom:1px solid #ddd;padding:4px 6px;" +
    "text-align:right;vertical-align:top}",
  "th:first-child,td:first-child{text-align:left} th{background:#f3f5f8;font-weight:600}",
  "table.diff td,table.diff th{text-align:left;font-size:12px}",
  "td.met{color:#1a7f37;font-weight:600} td.notmet{color:#c0392b;font-weight:600} p.notmet{color:#c0392b}",
  ".tag{background:#4c78a8;color:#fff;border-radius:3px;padding:0 4px;font-size:11px}",
  "small{color:#666} code{font-size:11px}",
  ".charts{display:grid;grid-template-columns:1fr 1fr;gap:6px 12px;margin-top:8px} " +
    "figure{margin:0;overflow:hidden} figure svg{max-width:100%;height:auto}",
  // the quotas chart has three panels side by side: the grid's full width
  'figure[data-chart="quotas"]{grid-column:1/-1}',
  "footer{font-size:11px;color:#555;margin-top:10px} .url{word-break:break-all}",
  "@media print{body{max-width:none;margin:0} .charts{break-inside:avoid}}",
  "</style>",
].join("\n");

export interface BriefOptions {
  lang?: Lang;
  /** A heading above the title, e.g. the plan's name. */
  heading?: string;
}

/** The assumptions in which one scenario differs from the base, as a heading and a table. */
function differencesHtml(base: ScenarioRun, other: ScenarioRun, lang: Lang): string {
  const t = L[lang];
  const label = lang === "en" ? other.scenario.label_en : other.scenario.label;
  const d = scenarioDifferences(base.scenario, other.scenario);
  const row = (x: ScenarioDifference) => {
    const recorded = isRecorded(x.path) ? `<br><small>${escapeHtml(t.recorded)}</small>` : "";
    const label = x.label ? `<br><small>${escapeHtml(x.label)}</small>` : "";
    const path = `<code>${escapeHtml(x.path)}</code>${label}${recorded}`;
    return `<tr>${cells("td", [path, ...[x.base, x.other, x.provenance].map(escapeHtml)])}</tr>`;
  };
  const body = d.length
    ? `<table class="diff"><thead><tr>${cells("th", [t.path, t.baseV, t.otherV, t.prov])}</tr></thead>` +
      `<tbody>${d.map(row).join("")}</tbody></table>`
    : `<p>${t.noDiffer}</p>`;
  const effect = pairedEffectHtml(base, other, d, lang);
  return `<h3>${escapeHtml(label)} <small>vs ${escapeHtml(base.scenario.id)}</small></h3>${body}${effect}`;
}

const isRecorded = (path: string) => {
  const role = parameterRole(path);
  return role !== undefined && "context" in role;
};

/**
 * The variant's effect, paired replicate by replicate on the same seeds: the change of the poor at the end
 * (mean and P10–P90 of the differences), or, when no projected number differs at all, a sentence saying
 * that the levers it moves do not bind in this plan. Empty when the runs are not paired (other seed,
 * replicates or years).
 */
function pairedEffectHtml(base: ScenarioRun, other: ScenarioRun, d: ScenarioDifference[], lang: Lang): string {
  const [a, b] = [base.result, other.result];
  if (a.seed !== b.seed || a.replicates !== b.replicates || a.years.join() !== b.years.join()) return "";
  const t = L[lang];
  const moved = (Object.keys(a.metrics) as Metric[]).filter((m) => !sameValues(a.metrics[m], b.metrics[m]));
  if (moved.length === 0 && d.length)
    return `<p class="effect">${escapeHtml(t.noEffect(d.map((x) => x.path).join(", ")))}</p>`;
  const pa = a.metrics.poor_people;
  const pb = b.metrics.poor_people;
  if (moved.length === 0 || !pa || !pb) return "";
  const T = a.years.length;
  const diffs = Array.from({ length: a.replicates }, (_, r) => pb[r * T + T - 1] - pa[r * T + T - 1]).sort(
    (x, y) => x - y,
  );
  const signed = (x: number) => (x > 0 ? "+" : "") + Math.round(x).toLocaleString("en-US");
  const text = t.effect(signed(mean(diffs)), signed(quantileSorted(diffs, 0.1)), signed(quantileSorted(diffs, 0.9)));
  // where the poor at the end do not move, say which outputs do (e.g. a transition period changes returns)
  const others = diffs.every((x) => x === 0) ? moved.map((m) => METRICS[m][lang]) : [];
  const tail = others.length ? t.movedOutputs(others.join(lang === "zh" ? "、" : "; ")) : "";
  return `<p class="effect">${escapeHtml(text + tail)}</p>`;
}

function sameValues(x: ArrayLike<number> | undefined, y: ArrayLike<number> | undefined): boolean {
  if (x === undefined || y === undefined) return x === y;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}

/** The context parameters the plans' own files set, each once with the scenarios that set it. */
function recordedHtml(runs: ScenarioRun[], lang: Lang): string {
  const t = L[lang];
  const byPath = new Map<string, { r: RecordedParameter; ids: string[] }>();
  for (const run of runs)
    for (const r of recordedNotSimulated(run.scenario).filter((x) => x.setByPlan)) {
      const entry = byPath.get(r.path) ?? { r, ids: [] };
      entry.ids.push(run.scenario.id);
      byPath.set(r.path, entry);
    }
  if (byPath.size === 0) return "";
  const rows = [...byPath.values()].map(({ r, ids }) => {
    const label = lang === "en" ? r.label_en : r.label;
    const path = `<code>${escapeHtml(r.path)}</code><br><small>${escapeHtml(label)}</small>`;
    return `<tr>${cells("td", [path, escapeHtml(r.reason), escapeHtml(ids.join(", "))])}</tr>`;
  });
  return (
    `<h2>${t.recorded}</h2>\n<p class="sub">${t.recordedNote}</p>\n<table class="diff" id="recorded"><thead><tr>` +
    `${cells("th", [t.path, t.reason, t.scenarios])}</tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

/** The footer's sources: the seed documents cited, the official statistics, the number of assumptions. */
function sourcesHtml(runs: ScenarioRun[], lang: Lang): string {
  const t = L[lang];
  const cites = runs.map((r) => citations(r.scenario));
  const docs = new Map<string, string>();
  for (const r of runs)
    for (const [id, d] of Object.entries(r.scenario.documents))
      docs.set(id, `${id} ${d.title}${d.published ? ` (${d.published})` : ""}`);
  const cited = new Set(cites.flatMap((c) => c.sources.map((s) => s.trim().split(/[\s§]/)[0])));
  const seeds = [...docs.entries()]
    .filter(([id]) => cited.has(id))
    .map(([, d]) => escapeHtml(d))
    .join("；");
  const urls = [...new Set(cites.flatMap((c) => c.urls))].map((u) => `<span class="url">${escapeHtml(u)}</span>`);
  const assumptions = new Set(cites.flatMap((c) => c.assumptions)).size;
  const where =
    lang === "zh"
      ? "逐项见各情景 manifest.json 与 tuopin explain"
      : "each listed in the scenarios' manifest.json and by tuopin explain";
  return [
    `<p><b>${t.seeds}:</b> ${seeds}</p>`,
    `<p><b>${t.stats}:</b> ${urls.join(" · ") || "—"}</p>`,
    `<p><b>${t.assumptions}:</b> ${assumptions} (${where})</p>`,
  ].join("\n");
}

/** One scenario's line of the footer's manifest: files with their hashes, seed, replicates, model, modes. */
function manifestItem(r: ScenarioRun): string {
  const files = r.scenario.files.map((f) => `${escapeHtml(f.file)} (sha256 ${f.sha256.slice(0, 12)})`).join(" ← ");
  const modes = [r.result, r.targetResult]
    .filter((x): x is RunResult => x !== undefined)
    .map((x) => x.mode)
    .join(" + ");
  const run = `seed ${r.result.seed}; ${r.result.replicates} replicates; ${escapeHtml(r.result.model)}`;
  return `<li><code>${escapeHtml(r.scenario.id)}</code>: ${files}; ${run}; modes ${modes}</li>`;
}

/**
 * A one-page, self-contained HTML brief comparing scenarios (the first is the base): a headline table (target
 * met? year met, total money, money per exit, expected returns, cost of the quotas, whether they are feasible and
 * the money they take beyond the rules), a sentence per scenario on its quotas, four charts (five with the
 * base's quotas) as inline SVG,
 * the assumptions that differ from the base, the sources and the run manifest. It loads nothing from the
 * network (no script, stylesheet, font or image by address), and the same runs give the same bytes.
 */
export async function renderBrief(runs: ScenarioRun[], options: BriefOptions = {}): Promise<string> {
  const lang = options.lang ?? "zh";
  const t = L[lang];
  const charts = briefCharts(runs, lang);
  const figures: string[] = [];
  for (const c of charts)
    figures.push(`<figure data-chart="${escapeHtml(c.name)}">${await toSvg(briefFigure(c.spec, lang))}</figure>`);
  const [base, ...others] = runs;
  const diffs = others.map((o) => differencesHtml(base, o, lang)).join("\n");
  const sources = sourcesHtml(runs, lang);
  const manifest = runs.map(manifestItem).join("\n");
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">
<meta name="generator" content="tuopin ${escapeHtml(VERSION)}">
<title>${escapeHtml(options.heading ? `${options.heading} · ` : "")}${t.title}</title>
${STYLE}</head><body>
${options.heading ? `<p class="sub">${escapeHtml(options.heading)}</p>` : ""}<h1>${t.title}</h1>
<p class="sub">tuopin ${escapeHtml(VERSION)} · ${escapeHtml(base.result.model)} · ${t.note}</p>
${headlineTable(runs, lang)}
${quotasHtml(runs, lang)}
<div class="charts" id="charts">
${figures.join("\n")}
</div>
${others.length ? `<h2>${t.differ}</h2>\n<div id="differences">${diffs}</div>` : ""}
${recordedHtml(runs, lang)}
<footer>
<h2>${t.sources}</h2>
${sources}
<h2>${t.manifest}</h2>
<ul id="manifest">
${manifest}
</ul>
</footer>
</body></html>
`;
}

/** Writes the brief whole or not at all. */
export async function writeBrief(runs: ScenarioRun[], path: string, options: BriefOptions = {}): Promise<void> {
  writeFileAtomic(path, await renderBrief(runs, options));
}

/**
 * The overview of a whole run (`tuopin run --out`): every scenario's headline, with links to each plan's
 * brief and to each scenario's folder of charts, tables and manifest. Self-contained like the briefs.
 */
export function renderIndex(
  runs: ScenarioRun[],
  briefs: { file: string; label: string; scenarios: string[] }[],
  options: { lang?: Lang; notebooks?: { file: string; title: string }[] } = {},
): string {
  const lang = options.lang ?? "zh";
  const t = L[lang];
  const title = lang === "zh" ? "脱贫情景模拟：全部情景总览" : "Poverty-exit scenarios: overview of the run";
  const list = briefs
    .map(
      (b) =>
        `<li><a href="${escapeHtml(b.file)}">${escapeHtml(b.label)}</a> ` +
        `<small>(${b.scenarios.map(escapeHtml).join(", ")})</small></li>`,
    )
    .join("\n");
  const nbs = (options.notebooks ?? [])
    .map((n) => `<li><a href="${escapeHtml(n.file)}">${escapeHtml(n.title)}</a></li>`)
    .join("\n");
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">
<meta name="generator" content="tuopin ${escapeHtml(VERSION)}">
<title>${title}</title>
${STYLE}</head><body>
<h1>${title}</h1>
<p class="sub">tuopin ${escapeHtml(VERSION)} · ${escapeHtml(runs[0]?.result.model ?? "")} · ${t.note}</p>
${headlineTable(runs, lang, { link: (r) => `${r.scenario.id}/`, markBase: false })}
<h2>${lang === "zh" ? "各规划的比较简报" : "Briefs comparing each plan's scenarios"}</h2>
<ul id="briefs">
${list}
</ul>
${nbs ? `<h2>${lang === "zh" ? "笔记本（HTML）" : "Notebooks (HTML)"}</h2>\n<ul id="notebooks">\n${nbs}\n</ul>` : ""}
</body></html>
`;
}
