import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { VERSION } from "../version.js";
import { PACKAGE_ROOT } from "../paths.js";
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "./charts/header.js";
import { writeDirAtomic } from "./atomic.js";
import { svgToPng, toSvg } from "./render.js";
import { citations, type ScenarioRun } from "./scenarioRun.js";
import { rowsToCsv } from "./tidy.js";
import { rowsToXlsx } from "./xlsx.js";
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

/** Each chart as files: the Vega-Lite spec (`.vl.json`), SVG, and PNG at twice the size (Chinese fonts). */
export async function chartFiles(
  charts: { name: string; spec: TopLevelSpec }[],
): Promise<[string, string | Uint8Array][]> {
  const out: [string, string | Uint8Array][] = [];
  for (const c of charts) {
    out.push([`${c.name}.vl.json`, JSON.stringify(c.spec, null, 2) + "\n"]);
    const svg = await toSvg(c.spec);
    out.push([`${c.name}.svg`, svg]);
    out.push([`${c.name}.png`, await svgToPng(svg, 2)]);
  }
  return out;
}

/** Writes charts' files into a folder, whole or not at all. */
export async function writeChartFiles(dir: string, charts: { name: string; spec: TopLevelSpec }[]): Promise<string[]> {
  const files = await chartFiles(charts);
  await writeDirAtomic(dir, async (tmp) => {
    for (const [name, data] of files) writeFileSync(join(tmp, name), data);
  });
  return files.map(([name]) => name);
}

/** Data files every run reads, hashed into the manifest. */
export function dataFiles(): string[] {
  const base = ["data/regions.csv", "data/documents.csv", "data/observed.csv"];
  const dir = join(PACKAGE_ROOT, "data", "baselines");
  return [
    ...base,
    ...readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .sort()
      .map((f) => `data/baselines/${f}`),
  ];
}

export function hashDataFiles(): { file: string; sha256: string }[] {
  return dataFiles().map((f) => ({ file: f, sha256: sha256(readFileSync(join(PACKAGE_ROOT, f))) }));
}

/**
 * Writes one scenario's outputs into `outDir/<id>/`, whole or not at all: tidy rows (CSV in UTF-8 with a BOM;
 * XLSX with the headline, a wide table by year, the tidy rows and what was run), each chart as `.vl.json`,
 * `.svg` and `.png`, and `manifest.json` last.
 */
export async function writeScenarioOutputs(
  run: ScenarioRun,
  outDir: string,
  lang: Lang = "zh",
): Promise<{ dir: string; manifest: Manifest }> {
  const dir = join(outDir, run.scenario.id);
  let manifest!: Manifest;
  await writeDirAtomic(dir, async (tmp) => {
    const outputs: Manifest["outputs"] = [];
    const put = (name: string, data: string | Uint8Array) => {
      writeFileSync(join(tmp, name), data);
      outputs.push({
        file: name,
        bytes: typeof data === "string" ? Buffer.byteLength(data) : data.byteLength,
        sha256: sha256(data),
      });
    };
    put("rows.csv", rowsToCsv(run.rows));
    const r = run.result;
    const data = hashDataFiles();
    const provenance = citations(run.scenario);
    // the workbook's manifest sheet: what was run (the outputs and time are in manifest.json)
    const ran = {
      tuopin_version: VERSION,
      scenario: run.scenario.id,
      label: run.scenario.label,
      files: run.scenario.files,
      data,
      seed: r.seed,
      replicates: r.replicates,
      model: r.model,
      years: r.years,
      sources: provenance,
    };
    put("rows.xlsx", await rowsToXlsx({ rows: run.rows, headlines: [run.headline], manifest: ran, lang }));
    for (const [name, data] of await chartFiles(run.charts)) put(name, data);
    manifest = {
      tuopin_version: VERSION,
      model: r.model,
      modes: [r, run.targetResult].filter((x): x is typeof r => x !== undefined).map((x) => x.mode),
      scenario: { id: run.scenario.id, label: run.scenario.label, files: run.scenario.files },
      data,
      seed: r.seed,
      replicates: r.replicates,
      random_streams:
        "registry: xoshiro128** (seed, 0x7e61); replicate r, block b of 4096 households: " +
        "xoshiro128** (seed, r + 1, b); seeded by splitmix32",
      years: r.years,
      provenance,
      outputs,
      node: process.version,
      created_at: new Date().toISOString(),
    };
    writeFileSync(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  });
  return { dir, manifest };
}
