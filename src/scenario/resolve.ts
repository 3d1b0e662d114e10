import { createHash } from "node:crypto";
import { didYouMean, type Problem, ValidationError } from "../errors.js";
import { msg } from "../messages.js";
import { loadRegions, type Region, type RegionTable } from "../data/regions.js";
import { Parameter, type DatedValue } from "../parameters/parameter.js";
import { parsePeriodKey } from "../parameters/period.js";
import { readScenarioChain, type ScenarioFile } from "./load.js";
import type { BaselineKey, DocumentRef, Provenance, Quantity, TargetKey, TargetValue } from "./types.js";
import { BASELINE_KEYS, TARGET_KEYS } from "./types.js";

/** A value together with the file that set it. */
export type Sourced<T> = T & { file: string };

/**
 * A scenario with its `extends` chain applied: every number resolved, the region looked up, the files
 * hashed for the manifest. This is what the model stages take.
 */
export interface ResolvedScenario {
  id: string;
  label: string;
  label_en: string;
  description: string;
  region: Region;
  /** "west" gives the 3% incidence exit threshold. */
  zone: "east" | "central" | "west" | "";
  horizon: { start: number; end: number };
  seed: number;
  replicates: number;
  documents: Record<string, DocumentRef>;
  baseline: Partial<Record<BaselineKey, Sourced<Quantity>>>;
  targets: Partial<Record<TargetKey, Map<number, Sourced<TargetValue>>>>;
  parameters: Map<string, Parameter>;
  /** The chain of files, child first, with their SHA-256. */
  files: { file: string; sha256: string }[];
}

export interface LoadScenarioOptions {
  regions?: RegionTable;
}

/** The document id a `source:` string cites: `"004 §二(二)"` → `"004"`. */
export function citedDocument(source: string): string {
  return source.trim().split(/[\s§]/)[0];
}

/** Loads, validates and resolves a scenario file. Throws a ValidationError listing every problem. */
export function loadScenario(path: string, options: LoadScenarioOptions = {}): ResolvedScenario {
  const chain = readScenarioChain(path);
  const regions = options.regions ?? loadRegions();
  return resolveChain(chain, regions);
}

/** Applies a chain (child first) parent-to-child, then runs the checks that need the whole chain. */
export function resolveChain(chain: ScenarioFile[], regions: RegionTable): ResolvedScenario {
  const problems: Problem[] = [];
  const child = chain[0];
  const ordered = [...chain].reverse();
  const pick = <K extends "label" | "label_en" | "description" | "region" | "horizon">(k: K) => {
    let found: { value: NonNullable<ScenarioFile["spec"][K]>; from: ScenarioFile } | undefined;
    for (const f of ordered) if (f.spec[k] !== undefined) found = { value: f.spec[k] as NonNullable<ScenarioFile["spec"][K]>, from: f };
    return found;
  };
  const documents: Record<string, DocumentRef> = {};
  const baseline: ResolvedScenario["baseline"] = {};
  const targets: ResolvedScenario["targets"] = {};
  const dated = new Map<string, { unit: string; entries: DatedValue[] }>();
  let seed = 1, replicates = 100;
  for (const f of ordered) {
    const s = f.spec;
    Object.assign(documents, s.documents ?? {});
    if (s.run?.seed !== undefined) seed = s.run.seed;
    if (s.run?.replicates !== undefined) replicates = s.run.replicates;
    for (const k of BASELINE_KEYS) {
      const q = s.baseline?.[k];
      if (q) baseline[k] = { ...q, file: f.file };
    }
    for (const k of TARGET_KEYS) {
      const byYear = s.targets?.[k];
      if (!byYear) continue;
      const m = targets[k] ?? new Map<number, Sourced<TargetValue>>();
      for (const [y, tv] of Object.entries(byYear)) m.set(Number(y), { ...tv, file: f.file });
      targets[k] = m;
    }
    for (const [p, spec] of Object.entries(s.parameters ?? {})) {
      const d = dated.get(p) ?? { unit: spec.unit, entries: [] };
      const mine: DatedValue[] = Object.entries(spec.values).map(([key, dv]) => {
        const { value, ...prov } = dv;
        return { period: parsePeriodKey(key)!, key, value, provenance: prov as Provenance, file: f.file };
      });
      // within one file: open-ended values by date, then bounded ones, which win inside their periods
      mine.sort((a, b) => Number(a.period.to !== undefined) - Number(b.period.to !== undefined) || a.period.from - b.period.from);
      d.entries.push(...mine);
      dated.set(p, d);
    }
  }

  const at = (f: ScenarioFile, p: (string | number)[], message: Problem["message"]) =>
    problems.push({ file: f.file, ...f.locate(p), path: p.join("."), message });

  const label = pick("label"), region = pick("region"), horizon = pick("horizon");
  if (!label) at(child, [], msg.missingKey("label"));
  if (!horizon) at(child, [], msg.missingKey("horizon"));
  let regionRow: Region | undefined;
  if (!region) at(child, [], msg.missingKey("region"));
  else {
    regionRow = regions.byId.get(region.value);
    if (!regionRow) at(region.from, ["region"], msg.unknownRegion(region.value, didYouMean(region.value, [...regions.byId.keys()])));
  }
  // every cited document must be listed somewhere in the chain
  const docIds = Object.keys(documents);
  const checkSource = (f: ScenarioFile, p: (string | number)[], prov: Provenance) => {
    if (prov.source !== undefined) {
      const doc = citedDocument(prov.source);
      if (!(doc in documents)) at(f, [...p, "source"], msg.unknownDocument(doc, docIds));
    }
  };
  for (const f of chain) {
    const s = f.spec;
    for (const k of BASELINE_KEYS) if (s.baseline?.[k]) checkSource(f, ["baseline", k], s.baseline[k]!);
    for (const k of TARGET_KEYS)
      for (const [y, tv] of Object.entries(s.targets?.[k] ?? {})) {
        checkSource(f, ["targets", k, y], tv);
        const yr = Number(y);
        if (horizon && (yr < horizon.value.start || yr > horizon.value.end)) {
          at(f, ["targets", k, y], msg.targetOutsideHorizon(yr, horizon.value.start, horizon.value.end));
        }
      }
    for (const [p, spec] of Object.entries(s.parameters ?? {}))
      for (const [key, dv] of Object.entries(spec.values)) checkSource(f, ["parameters", p, "values", key], dv);
  }
  if (problems.length) throw new ValidationError(problems);

  const parameters = new Map<string, Parameter>();
  for (const [p, d] of dated) parameters.set(p, new Parameter(p, d.unit, d.entries));
  return {
    id: child.spec.id,
    label: label!.value,
    label_en: pick("label_en")?.value ?? child.spec.id,
    description: pick("description")?.value ?? "",
    region: regionRow!,
    zone: regions.zoneOf(regionRow!.id),
    horizon: { ...horizon!.value },
    seed,
    replicates,
    documents,
    baseline,
    targets,
    parameters,
    files: chain.map((f) => ({ file: f.file, sha256: createHash("sha256").update(f.text).digest("hex") })),
  };
}

/**
 * The value of a parameter in a year, or a clear error naming the parameter and the scenario's files.
 */
export function parameterAt(s: ResolvedScenario, path: string, year: number): number {
  const p = s.parameters.get(path);
  const file = s.files[0].file;
  if (!p) throw new ValidationError([{ file, line: 0, column: 0, path: `parameters.${path}`, message: msg.missingParameter(path) }]);
  const v = p.atYear(year);
  if (v === undefined) throw new ValidationError([{ file, line: 0, column: 0, path: `parameters.${path}`, message: msg.noValueAt(path, year) }]);
  return v;
}
