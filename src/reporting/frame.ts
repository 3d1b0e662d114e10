import type { DataFrame } from "danfojs-node";
import { byYear } from "./pivot.js";
import type { TidyRow } from "./tidy.js";

/**
 * Tidy rows as a danfo.js DataFrame (long format). danfojs-node is imported lazily: it pulls in
 * TensorFlow.js and takes about a second to load, which only notebooks and table work should pay.
 */
export async function toDataFrame(rows: TidyRow[]): Promise<DataFrame> {
  const dfd = await import("danfojs-node");
  return new dfd.DataFrame(rows.map((r) => ({ ...r })));
}

/** One row per year with the statistics of one metric as columns (p10, p50, p90, mean, target, p_met). */
export function wideByYear(
  rows: TidyRow[],
  metric: string,
  scenario?: string,
  mode = "mechanistic",
  region?: string,
): Record<string, number | null>[] {
  // rows hold the scenario's region and its counties; by default the first region listed (the scenario's)
  region ??= rows.find(
    (r) => r.metric === metric && r.mode === mode && (scenario === undefined || r.scenario === scenario),
  )?.region;
  const stats = ["p10", "p50", "p90", "mean", "target", "plan_path", "p_met", "observed"] as const;
  const mine = rows.filter(
    (r) =>
      r.metric === metric &&
      r.mode === mode &&
      r.region === region &&
      (scenario === undefined || r.scenario === scenario),
  );
  const out: Record<string, number | null>[] = byYear(mine, stats, {
    init: (year) => ({ year, ...Object.fromEntries(stats.map((s) => [s, null])) }),
  });
  // drop columns that are empty in every row
  const keep = ["year", ...stats.filter((s) => out.some((o) => o[s] !== null))];
  return out.map((o) => Object.fromEntries(keep.map((k) => [k, o[k]])));
}

/** A DataFrame (or plain records) as an HTML table, for notebooks and the brief. */
export function htmlTable(records: Record<string, unknown>[], caption?: string): string {
  if (records.length === 0) return "<table></table>";
  const cols = Object.keys(records[0]);
  const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  const fmt = (v: unknown) =>
    typeof v === "number"
      ? Math.abs(v) < 1 && v !== 0
        ? v.toFixed(3)
        : Math.round(v).toLocaleString("en-US")
      : v === null || v === undefined
        ? ""
        : esc(String(v));
  const fmtYear = (v: unknown) => (v === null || v === undefined ? "" : esc(String(v)));
  return (
    `<table>${caption ? `<caption>${esc(caption)}</caption>` : ""}` +
    `<thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>` +
    records
      .map((r) => `<tr>${cols.map((c) => `<td>${c === "year" ? fmtYear(r[c]) : fmt(r[c])}</td>`).join("")}</tr>`)
      .join("") +
    "</tbody></table>"
  );
}
