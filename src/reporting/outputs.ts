import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScenarioRun } from "../runners/runScenario.js";
import { citations } from "../runners/runScenario.js";
import { VERSION } from "../version.js";
import { PACKAGE_ROOT } from "../paths.js";
import { writeDirAtomic, writeFileAtomic } from "./atomic.js";
import type { Headline } from "./headline.js";
import { svgToPng, toSvg } from "./render.js";
import { rowsToCsv } from "./tidy.js";
import { writeFileSync } from "node:fs";

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** What was run and what it wrote: the last file written, so its presence means the folder is whole. */
export interface Manifest {
  tuopin_version: string;
  model: string;
  modes: string[];
  scenario: { id: string; label: string; files: { file: string; sha256: string }[] };
  data: { file: string; sha256: string }[];
  seed: number;
  replicates: number;
  random_streams: string;
  years: number[];
  provenance: { sources: string[]; urls: string[]; assumptions: string[] };
  outputs: { file: string; bytes: number; sha256: string }[];
  node: string;
  /** Wall-clock time of the run; the only field that differs between two runs with the same seed. */
  created_at: string;
}

/** Data files every run reads, hashed into the manifest. */
export function dataFiles(): string[] {
  const base = ["data/regions.csv", "data/documents.csv", "data/observed.csv"];
  const dir = join(PACKAGE_ROOT, "data", "baselines");
  return [...base, ...readdirSync(dir).filter((f) => f.endsWith(".csv")).sort().map((f) => `data/baselines/${f}`)];
}

export function hashDataFiles(): { file: string; sha256: string }[] {
  return dataFiles().map((f) => ({ file: f, sha256: sha256(readFileSync(join(PACKAGE_ROOT, f))) }));
}

/**
 * Writes one scenario's outputs into `outDir/<id>/`, whole or not at all: tidy rows (CSV, UTF-8 BOM),
 * each chart as `.vl.json`, `.svg` and `.png`, and `manifest.json` last.
 */
export async function writeScenarioOutputs(run: ScenarioRun, outDir: string): Promise<{ dir: string; manifest: Manifest }> {
  const dir = join(outDir, run.scenario.id);
  let manifest!: Manifest;
  await writeDirAtomic(dir, async (tmp) => {
    const outputs: Manifest["outputs"] = [];
    const put = (name: string, data: string | Uint8Array) => {
      writeFileSync(join(tmp, name), data);
      outputs.push({ file: name, bytes: typeof data === "string" ? Buffer.byteLength(data) : data.byteLength, sha256: sha256(data) });
    };
    put("rows.csv", rowsToCsv(run.rows));
    for (const c of run.charts) {
      put(`${c.name}.vl.json`, JSON.stringify(c.spec, null, 2) + "\n");
      const svg = await toSvg(c.spec);
      put(`${c.name}.svg`, svg);
      put(`${c.name}.png`, await svgToPng(await toSvg(c.spec, 2)));
    }
    const r = run.result;
    manifest = {
      tuopin_version: VERSION,
      model: r.model,
      modes: [r, run.targetResult].filter((x): x is typeof r => x !== undefined).map((x) => x.mode),
      scenario: { id: run.scenario.id, label: run.scenario.label, files: run.scenario.files },
      data: hashDataFiles(),
      seed: r.seed,
      replicates: r.replicates,
      random_streams: "registry: xoshiro128** (seed, 0x7e61); replicate r, block b of 4096 households: xoshiro128** (seed, r + 1, b); seeded by splitmix32",
      years: r.years,
      provenance: citations(run.scenario),
      outputs,
      node: process.version,
      created_at: new Date().toISOString(),
    };
    writeFileSync(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  });
  return { dir, manifest };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A one-page, self-contained HTML brief comparing scenarios: the headline table, each scenario's chart as
 * inline SVG, and the run manifest. It loads nothing from the network.
 */
export async function renderBrief(runs: ScenarioRun[]): Promise<string> {
  const fmt = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : Math.round(x).toLocaleString("zh-CN"));
  const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
  const hs: Headline[] = runs.map((r) => r.headline);
  const rowsHtml = hs
    .map(
      (h) => `<tr><td>${escapeHtml(h.label)}<br><small>${escapeHtml(h.scenario)}</small></td><td>${h.start_year}–${h.target_year}</td>` +
        `<td>${fmt(h.poor_start)}</td><td>${fmt(h.poor_end_p50)}<br><small>${fmt(h.poor_end_p10)} – ${fmt(h.poor_end_p90)}</small></td>` +
        `<td>${fmt(h.target_remaining)}</td><td>${pct(h.p_target_met)}</td>` +
        `<td>${h.year_met ?? (h.target_remaining === null ? "—" : "未达成 not met")}</td>` +
        `<td>${fmt(h.returns_total_p50)}</td><td>${h.target_cost_p50 === null ? "—" : `${(h.target_cost_p50 / 1e8).toFixed(2)} 亿元`}</td></tr>`,
    )
    .join("\n");
  const charts: string[] = [];
  for (const r of runs) for (const c of r.charts) charts.push(`<figure>${await toSvg(c.spec)}</figure>`);
  const manifestLines = runs
    .map((r) => `<li>${escapeHtml(r.scenario.id)}: ${r.scenario.files.map((f) => `${escapeHtml(f.file)} (sha256 ${f.sha256.slice(0, 12)})`).join(", ")}; seed ${r.result.seed}; ${r.result.replicates} replicates; ${escapeHtml(r.result.model)}, modes ${[r.result, r.targetResult].filter(Boolean).map((x) => x!.mode).join(" + ")}</li>`)
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>tuopin 情景比较简报 · scenario brief</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:24px auto;max-width:1100px;color:#222}
h1{font-size:22px;margin:0 0 4px} .sub{color:#555;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:14px} th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left} th{background:#f3f5f8}
small{color:#666} .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:8px;margin-top:12px} figure{margin:0} figure svg{max-width:100%;height:auto}
footer{font-size:12px;color:#555;margin-top:16px}
</style></head><body>
<h1>脱贫情景比较简报 · Poverty-exit scenario brief</h1>
<p class="sub">tuopin ${escapeHtml(VERSION)} · 模型 model: ${escapeHtml(runs[0]?.result.model ?? "")}。期末贫困人口、达标与返贫取自机制模拟（收入、帮扶措施与“三保障”决定脱贫）；“所需投入”取自按计划脱贫模拟（规划年度任务决定脱贫，计算补齐收入差距与“三保障”的投入）。
Poor at end, P(met) and returns come from the mechanistic run; the cost comes from the target-following run, in which the plan's quotas set the exits.</p>
<table id="headline"><thead><tr><th>情景 Scenario</th><th>年份 Years</th><th>期初贫困人口<br>Poor at start</th><th>期末贫困人口 P50<br>(P10 – P90)</th><th>目标 Target</th><th>达标概率<br>P(met)</th><th>达标年份<br>Year met</th><th>返贫人口<br>Returns</th><th>按计划脱贫所需投入<br>Cost of the quotas</th></tr></thead>
<tbody>
${rowsHtml}
</tbody></table>
<div class="charts">
${charts.join("\n")}
</div>
<footer><p>运行清单 Manifest:</p><ul>
${manifestLines}
</ul></footer>
</body></html>
`;
}

/** Writes the brief whole or not at all. */
export async function writeBrief(runs: ScenarioRun[], path: string): Promise<void> {
  writeFileAtomic(path, await renderBrief(runs));
}

