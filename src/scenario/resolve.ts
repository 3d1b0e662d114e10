import { createHash } from "node:crypto";
import { didYouMean, type Problem, ValidationError } from "../errors.js";
import { msg } from "../messages.js";
import { loadRegions, type Region, type RegionTable } from "../data/regions.js";
import { loadBaselines, loadDocuments, type BaselineRow } from "../data/tables.js";
import { BASELINE, TARGETS } from "../parameters/catalog.js";
import { Parameter, type DatedValue } from "../parameters/parameter.js";
import { parsePeriodKey } from "../parameters/period.js";
import { readScenarioChain, type ScenarioFile } from "./load.js";
import { checkFunds } from "../funds/rules.js";
import { projectRevenue } from "../funds/revenue.js";
import type {
  AllocationSpec,
  DocumentRef,
  FundRuleKind,
  Provenance,
  ProvenancedValue,
  Quantity,
  TargetBound,
  TargetValue,
  Unit,
} from "./types.js";
import { ALLOCATION_WEIGHTS, COMMON_RULE_FIELDS, isRecord, RULE_KINDS, type Path } from "./validate.js";

/** A value together with where it was set: a scenario file, or a data file and line. */
export type Sourced<T> = T & { file: string };

/** A target of the plan, with the year it is assessed in (a date key such as "2020-05-31" counts in 2020). */
export type ResolvedTarget = Sourced<TargetValue> & { key: string; year: number; bound: TargetBound };

/** A fund rule after `extends`: its structure, and each numeric field as a dated parameter. */
export interface ResolvedFundRule {
  id: string;
  kind: FundRuleKind;
  label: string;
  /** The pool it feeds. __Default value:__ `"special_fund"` */
  pool: string;
  clause?: string;
  years: { from?: number; to?: number };
  /** Non-numeric fields: level, per, group, of_pool, of_rule, payer, purpose, among, region, expression, unit … */
  fields: Record<string, string | number>;
  /** Numeric fields (share, amount, cap, count, ratio …) as dated parameters. */
  quantities: Record<string, Parameter>;
  /** Named inputs of a formula rule. */
  inputs: Record<string, Parameter>;
  /** The file that last set it. */
  file: string;
}

export interface ResolvedAllocation {
  method: AllocationSpec["method"];
  weights: Record<string, Parameter>;
  floor_share?: Parameter;
  cap_share?: Parameter;
}

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
  /** Start-of-horizon state: the scenario's own values over data/baselines/*.csv (year end before `start`). */
  baseline: Record<string, Sourced<Quantity>>;
  /** Target kind → its targets in date order. */
  targets: Record<string, ResolvedTarget[]>;
  parameters: Map<string, Parameter>;
  /** Enabled fund rules, by id. */
  funds: Map<string, ResolvedFundRule>;
  allocation?: ResolvedAllocation;
  /** The chain of files, child first, with their SHA-256. */
  files: { file: string; sha256: string }[];
}

export interface LoadScenarioOptions {
  regions?: RegionTable;
  baselines?: BaselineRow[];
  documents?: Record<string, DocumentRef>;
}

/** The document id a `source:` string cites: `"004 §二(二)"` → `"004"`. */
export function citedDocument(source: string): string {
  return source.trim().split(/[\s§]/)[0];
}

/** The target of a kind assessed in a year (the last one when several dates fall in it). */
export function targetIn(s: ResolvedScenario, kind: string, year: number): ResolvedTarget | undefined {
  return (s.targets[kind] ?? []).filter((t) => t.year === year).pop();
}

/** Loads, validates and resolves a scenario file. Throws a ValidationError listing every problem. */
export function loadScenario(path: string, options: LoadScenarioOptions = {}): ResolvedScenario {
  const chain = readScenarioChain(path);
  const regions = options.regions ?? loadRegions();
  const baselines = options.baselines ?? loadBaselines(undefined, new Set(regions.byId.keys()), BASELINE);
  const documents = options.documents ?? loadDocuments();
  const s = resolveChain(chain, regions, baselines, documents);
  // money rules are evaluated once on the baseline, so that a rule that cannot be computed stops here
  if (s.funds.size > 0) checkFunds(s, projectRevenue(s));
  return s;
}

const ETERNITY = { from: 0 };

/** A dated quantity as parameter entries: a plain quantity holds for all time; a series by its keys. */
function entriesOf(v: unknown, file: string): { unit: Unit; entries: DatedValue[] } {
  const r = v as Record<string, unknown>;
  if ("values" in r) {
    const values = r.values as Record<string, ProvenancedValue>;
    const entries = Object.entries(values).map(([key, dv]) => {
      const { value, ...prov } = dv;
      return { period: parsePeriodKey(key)!, key, value, provenance: prov as Provenance, file };
    });
    // open-ended values by date, then bounded ones, which win inside their periods
    entries.sort(
      (a, b) => Number(a.period.to !== undefined) - Number(b.period.to !== undefined) || a.period.from - b.period.from,
    );
    return { unit: r.unit as Unit, entries };
  }
  const { value, unit, ...prov } = r as unknown as Quantity;
  return { unit, entries: [{ period: ETERNITY, key: "ETERNITY", value, provenance: prov, file }] };
}

function appendQuantity(target: Record<string, Parameter>, name: string, path: string, v: unknown, file: string): void {
  const { unit, entries } = entriesOf(v, file);
  const prev = target[name];
  target[name] = new Parameter(path, unit, [...(prev?.entries ?? []), ...entries]);
}

/** Applies a chain (child first) parent-to-child, then runs the checks that need the whole chain. */
export function resolveChain(
  chain: ScenarioFile[],
  regions: RegionTable,
  baselineRows: BaselineRow[],
  dataDocuments: Record<string, DocumentRef>,
): ResolvedScenario {
  const problems: Problem[] = [];
  const child = chain[0];
  const ordered = [...chain].reverse();
  const at = (f: ScenarioFile, p: Path, message: Problem["message"], key = false) =>
    problems.push({ file: f.file, ...f.locate(p, key), path: p.join("."), message });
  const pick = <K extends "label" | "label_en" | "description" | "region" | "horizon">(k: K) => {
    let found: { value: NonNullable<ScenarioFile["spec"][K]>; from: ScenarioFile } | undefined;
    for (const f of ordered)
      if (f.spec[k] !== undefined) found = { value: f.spec[k] as NonNullable<ScenarioFile["spec"][K]>, from: f };
    return found;
  };

  const documents: Record<string, DocumentRef> = { ...dataDocuments };
  const ownBaseline: Record<string, Sourced<Quantity>> = {};
  const targets = new Map<string, Map<string, Sourced<TargetValue> & { key: string }>>();
  const parameters: Record<string, Parameter> = {};
  const funds = new Map<
    string,
    { rule: ResolvedFundRule; enabled: boolean; from: ScenarioFile; raw: Record<string, unknown> }
  >();
  let allocation: { spec: ResolvedAllocation; from: ScenarioFile } | undefined;
  let seed = 1,
    replicates = 100;

  for (const f of ordered) {
    const s = f.spec;
    Object.assign(documents, s.documents ?? {});
    if (s.run?.seed !== undefined) seed = s.run.seed;
    if (s.run?.replicates !== undefined) replicates = s.run.replicates;
    for (const [k, q] of Object.entries(s.baseline ?? {})) ownBaseline[k] = { ...q, file: f.file };
    for (const [k, byKey] of Object.entries(s.targets ?? {})) {
      const m = targets.get(k) ?? new Map();
      for (const [key, tv] of Object.entries(byKey)) m.set(key, { ...tv, key, file: f.file });
      targets.set(k, m);
    }
    for (const [p, spec] of Object.entries(s.parameters ?? {})) appendQuantity(parameters, p, p, spec, f.file);
    for (const [id, raw] of Object.entries(s.funds ?? {}) as unknown as [string, Record<string, unknown>][]) {
      const prev = funds.get(id);
      const kind = (raw.kind as FundRuleKind | undefined) ?? prev?.rule.kind;
      if (!kind) {
        at(f, ["funds", id], msg.partialRuleWithoutParent(id), true);
        continue;
      }
      const fresh = raw.kind !== undefined && (!prev || prev.rule.kind !== raw.kind);
      const rule: ResolvedFundRule =
        fresh || !prev
          ? {
              id,
              kind,
              label: id,
              pool: "special_fund",
              years: {},
              fields: {},
              quantities: {},
              inputs: {},
              file: f.file,
            }
          : {
              ...prev.rule,
              fields: { ...prev.rule.fields },
              quantities: { ...prev.rule.quantities },
              inputs: { ...prev.rule.inputs },
              years: { ...prev.rule.years },
              file: f.file,
            };
      const mergedRaw = fresh || !prev ? { ...raw } : { ...prev.raw, ...raw };
      if (typeof raw.label === "string") rule.label = raw.label;
      if (typeof raw.pool === "string") rule.pool = raw.pool;
      if (typeof raw.clause === "string") rule.clause = raw.clause;
      if (isRecord(raw.years)) rule.years = { ...rule.years, ...(raw.years as { from?: number; to?: number }) };
      for (const [field, spec] of Object.entries(RULE_KINDS[kind].fields)) {
        const v = raw[field];
        if (v === undefined) continue;
        if (spec.t === "quantity") appendQuantity(rule.quantities, field, `funds.${id}.${field}`, v, f.file);
        else if (spec.t === "inputs")
          for (const [name, iq] of Object.entries(v as Record<string, unknown>))
            appendQuantity(rule.inputs, name, `funds.${id}.inputs.${name}`, iq, f.file);
        else rule.fields[field] = v as string | number;
      }
      const enabled = typeof raw.enabled === "boolean" ? raw.enabled : prev && !fresh ? prev.enabled : true;
      funds.set(id, { rule, enabled, from: f, raw: mergedRaw });
    }
    if (s.allocation) {
      const a = s.allocation;
      const spec: ResolvedAllocation = allocation
        ? { ...allocation.spec, weights: { ...allocation.spec.weights } }
        : { method: a.method, weights: {} };
      spec.method = a.method ?? spec.method;
      for (const [k, w] of Object.entries(a.weights ?? {}))
        appendQuantity(spec.weights, k, `allocation.weights.${k}`, w, f.file);
      const extra: Record<string, Parameter> = {};
      if (a.floor_share) appendQuantity(extra, "floor_share", "allocation.floor_share", a.floor_share, f.file);
      if (a.cap_share) appendQuantity(extra, "cap_share", "allocation.cap_share", a.cap_share, f.file);
      allocation = { spec: { ...spec, ...extra }, from: f };
    }
  }

  // --- checks that need the whole chain ---
  const label = pick("label"),
    region = pick("region"),
    horizon = pick("horizon");
  if (!label) at(child, [], msg.missingKey("label"));
  if (!horizon) at(child, [], msg.missingKey("horizon"));
  let regionRow: Region | undefined;
  if (!region) at(child, [], msg.missingKey("region"));
  else {
    regionRow = regions.byId.get(region.value);
    if (!regionRow)
      at(region.from, ["region"], msg.unknownRegion(region.value, didYouMean(region.value, [...regions.byId.keys()])));
  }
  const docIds = Object.keys(documents);
  const checkSources = (f: ScenarioFile, p: Path, v: unknown): void => {
    if (!isRecord(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "source" && typeof x === "string") {
        const doc = citedDocument(x);
        if (!(doc in documents)) at(f, [...p, "source"], msg.unknownDocument(doc, docIds));
      } else if (k === "clause" && typeof x === "string") {
        const doc = citedDocument(x);
        if (!(doc in documents)) at(f, [...p, "clause"], msg.unknownDocument(doc, docIds));
      } else if (isRecord(x)) checkSources(f, [...p, k], x);
    }
  };
  for (const f of chain) {
    const s = f.spec;
    for (const k of ["baseline", "targets", "parameters", "funds", "allocation"] as const)
      if (s[k]) checkSources(f, [k], s[k]);
    if (horizon)
      for (const [k, byKey] of Object.entries(s.targets ?? {}))
        for (const key of Object.keys(byKey)) {
          const yr = Number(key.slice(0, 4));
          if (yr < horizon.value.start || yr > horizon.value.end)
            at(f, ["targets", k, key], msg.targetOutsideHorizon(yr, horizon.value.start, horizon.value.end));
        }
  }

  // fund rules: complete after merging, references exist, shares of one pool within 1
  const enabledRules = [...funds.values()].filter((r) => r.enabled);
  const pools = [...new Set(enabledRules.map((r) => r.rule.pool))].sort();
  const ruleIds = enabledRules.map((r) => r.rule.id);
  for (const { rule, from, raw } of enabledRules) {
    const p: Path = ["funds", rule.id];
    for (const req of RULE_KINDS[rule.kind].required) if (raw[req] === undefined) at(from, p, msg.missingKey(req));
    // a partial override was checked against every kind's fields; check it against the merged rule's kind
    if (raw.kind === undefined || from.spec.funds?.[rule.id]?.kind === undefined) {
      const allowed = [...COMMON_RULE_FIELDS, ...Object.keys(RULE_KINDS[rule.kind].fields)];
      for (const k of Object.keys(from.spec.funds?.[rule.id] ?? {}))
        if (!allowed.includes(k)) at(from, [...p, k], msg.unknownKey(k, didYouMean(k, allowed), allowed), true);
    }
    const ofRule = rule.fields.of_rule;
    if (typeof ofRule === "string" && !ruleIds.includes(ofRule))
      at(from, [...p, "of_rule"], msg.unknownRuleRef(ofRule, didYouMean(ofRule, ruleIds)));
    const ofPool = rule.fields.of_pool;
    if (typeof ofPool === "string" && !pools.includes(ofPool))
      at(from, [...p, "of_pool"], msg.unknownPool(ofPool, pools));
    const reg = rule.fields.region;
    if (typeof reg === "string" && !regions.byId.has(reg))
      at(from, [...p, "region"], msg.unknownRegion(reg, didYouMean(reg, [...regions.byId.keys()])));
  }
  if (horizon) {
    const years: number[] = [];
    for (let y = horizon.value.start; y <= horizon.value.end; y++) years.push(y);
    const groups = new Map<string, typeof enabledRules>();
    for (const r of enabledRules) {
      const key =
        r.rule.kind === "reserved_share"
          ? `pool ${r.rule.fields.of_pool}`
          : r.rule.kind === "revenue_increment_share"
            ? `the ${r.rule.fields.level} revenue increment of ${r.rule.fields.region ?? region?.value}`
            : undefined;
      if (key) groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const [what, rs] of groups) {
      for (const y of years) {
        const active = rs.filter((r) => (r.rule.years.from ?? -Infinity) <= y && y <= (r.rule.years.to ?? Infinity));
        const total = active.reduce((sum, r) => sum + (r.rule.quantities.share?.atYear(y) ?? 0), 0);
        if (total > 1 + 1e-12) {
          const last = active[active.length - 1];
          at(
            last.from,
            ["funds", last.rule.id, "share"],
            msg.sharesAboveOne(
              what,
              y,
              Number(total.toFixed(6)),
              active.map((r) => r.rule.id),
            ),
          );
          break;
        }
      }
    }
    if (allocation) {
      for (const y of years) {
        const ws = ALLOCATION_WEIGHTS.map((k) => allocation!.spec.weights[k]?.atYear(y)).filter(
          (w): w is number => w !== undefined,
        );
        const total = ws.reduce((a, b) => a + b, 0);
        if (ws.length && Math.abs(total - 1) > 1e-9) {
          at(allocation.from, ["allocation", "weights"], msg.weightsNotOne(y, Number(total.toFixed(6))));
          break;
        }
      }
    }
  }
  if (problems.length) throw new ValidationError(problems);

  // baseline: data rows for the region at the end of the year before the horizon, then the scenario's own
  const baseline: Record<string, Sourced<Quantity>> = {};
  for (const row of baselineRows) {
    if (row.region === regionRow!.id && row.year === horizon!.value.start - 1 && row.metric in BASELINE) {
      baseline[row.metric] = { value: row.value, unit: row.unit as Unit, ...row.provenance, file: row.at };
    }
  }
  Object.assign(baseline, ownBaseline);

  const resolvedTargets: Record<string, ResolvedTarget[]> = {};
  for (const [k, m] of targets) {
    resolvedTargets[k] = [...m.values()]
      .map((t) => ({ ...t, year: Number(t.key.slice(0, 4)), bound: t.bound ?? TARGETS[k].bound }))
      .sort((a, b) => (parsePeriodKey(a.key)?.from ?? 0) - (parsePeriodKey(b.key)?.from ?? 0));
  }
  const paramMap = new Map(Object.entries(parameters));
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
    targets: resolvedTargets,
    parameters: paramMap,
    funds: new Map(enabledRules.map((r) => [r.rule.id, r.rule])),
    allocation: allocation?.spec,
    files: chain.map((f) => ({ file: f.file, sha256: createHash("sha256").update(f.text).digest("hex") })),
  };
}
