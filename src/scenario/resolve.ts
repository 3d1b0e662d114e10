import { createHash } from "node:crypto";
import { didYouMean, type Problem, ValidationError } from "../errors.js";
import { msg } from "../messages.js";
import { loadRegions, type Region, type RegionTable } from "../data/regions.js";
import { loadBaselines, loadDocuments, type BaselineRow } from "../data/tables.js";
import { BASELINE, COMMITMENT_GUARANTEES, TARGETS } from "../parameters/catalog.js";
import { Parameter, type DatedValue } from "../parameters/parameter.js";
import { parsePeriodKey } from "../parameters/period.js";
import { readScenarioChain, type ScenarioFile } from "./load.js";
import { PROGRAMME_RULES } from "./types.js";
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

/** A scenario programme after `extends`: a row of the programmes table (src/model/programmes.ts) whose
 *  numbers are its own dated parameters, at `programmes.<id>.count | share | unit_cost`. */
export interface ResolvedProgramme {
  id: string;
  label: string;
  /** A measure id; checked against the measure table where a run starts (src/funds/purpose.ts). */
  measure: string;
  rule: (typeof PROGRAMME_RULES)[number];
  clause?: string;
  purpose?: string;
  quantities: Record<string, Parameter>;
  /** Where each field was set, for errors found above this layer. */
  at: Record<string, { file: string; line: number; column: number }>;
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
  /** The programmes the plan states (`programmes:`), by id. */
  programmes?: Map<string, ResolvedProgramme>;
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
/** The years of the horizon, first to last. */
export function horizonYears(s: Pick<ResolvedScenario, "horizon">): number[] {
  return Array.from({ length: s.horizon.end - s.horizon.start + 1 }, (_, i) => s.horizon.start + i);
}

export function targetIn(s: ResolvedScenario, kind: string, year: number): ResolvedTarget | undefined {
  return (s.targets[kind] ?? []).filter((t) => t.year === year).pop();
}

/** Loads, validates and resolves a scenario file. Throws a ValidationError listing every problem. */
export function loadScenario(path: string, options: LoadScenarioOptions = {}): ResolvedScenario {
  const chain = readScenarioChain(path);
  const regions = options.regions ?? loadRegions();
  const baselines = options.baselines ?? loadBaselines(undefined, new Set(regions.byId.keys()), BASELINE);
  const documents = options.documents ?? loadDocuments();
  // the money rules are checked by evaluating them (checkScenarioFunds in funds/rules.ts) where a run or
  // `tuopin validate` starts, not here: loading a scenario does not run the money model
  return resolveChain(chain, regions, baselines, documents);
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

/** Reports a problem at a path of a scenario file (`key`: at the key rather than its value). */
type At = (f: ScenarioFile, p: Path, message: Problem["message"], key?: boolean) => void;

/** A fund rule as merged so far: the rule, whether it is on, the file that last set it and its merged fields. */
interface MergedRule {
  rule: ResolvedFundRule;
  enabled: boolean;
  from: ScenarioFile;
  raw: Record<string, unknown>;
}

/** What the files of a chain set, merged parent to child (a child's value wins), before the checks. */
interface Merged {
  documents: Record<string, DocumentRef>;
  ownBaseline: Record<string, Sourced<Quantity>>;
  targets: Map<string, Map<string, Sourced<TargetValue> & { key: string }>>;
  parameters: Record<string, Parameter>;
  funds: Map<string, MergedRule>;
  allocation?: { spec: ResolvedAllocation; from: ScenarioFile };
  /** Programme id → its fields as merged, each with the file that set it. */
  programmes: Map<string, Record<string, { v: unknown; from: ScenarioFile }>>;
  seed: number;
  replicates: number;
}

type HeadKey = "label" | "label_en" | "description" | "region" | "horizon";
type Picked<K extends HeadKey> = { value: NonNullable<ScenarioFile["spec"][K]>; from: ScenarioFile } | undefined;

/** Applies a chain (child first) parent-to-child, then runs the checks that need the whole chain. */
export function resolveChain(
  chain: ScenarioFile[],
  regions: RegionTable,
  baselineRows: BaselineRow[],
  dataDocuments: Record<string, DocumentRef>,
): ResolvedScenario {
  const problems: Problem[] = [];
  const at: At = (f, p, message, key = false) =>
    problems.push({ file: f.file, ...f.locate(p, key), path: p.join("."), message });
  const child = chain[0];
  const merged = mergeChain(chain, dataDocuments, at);
  const pick = <K extends HeadKey>(k: K): Picked<K> => pickLast(chain, k);
  const label = pick("label"),
    region = pick("region"),
    horizon = pick("horizon");
  const regionRow = checkHead(child, label, region, horizon, regions, at);
  for (const f of chain) checkFile(f, merged.documents, horizon?.value, at);
  const enabledRules = [...merged.funds.values()].filter((r) => r.enabled);
  checkFundRules(enabledRules, regions, at);
  if (horizon) checkYearly(enabledRules, merged.allocation, horizon.value, region?.value, at);
  if (horizon) checkCommitments(chain, merged.parameters, horizon.value.start, at);
  const programmes = resolveProgrammes(merged, at);
  if (problems.length) throw new ValidationError(problems);
  return {
    id: child.spec.id,
    label: label!.value,
    label_en: pick("label_en")?.value ?? child.spec.id,
    description: pick("description")?.value ?? "",
    region: regionRow!,
    zone: regions.zoneOf(regionRow!.id),
    horizon: { ...horizon!.value },
    seed: merged.seed,
    replicates: merged.replicates,
    documents: merged.documents,
    baseline: resolveBaseline(baselineRows, regionRow!, horizon!.value.start, merged.ownBaseline),
    targets: resolveTargets(merged.targets),
    parameters: new Map(Object.entries(merged.parameters)),
    funds: new Map(enabledRules.map((r) => [r.rule.id, r.rule])),
    allocation: merged.allocation?.spec,
    ...(programmes.size > 0 ? { programmes } : {}),
    files: chain.map((f) => ({ file: f.file, sha256: createHash("sha256").update(f.text).digest("hex") })),
  };
}

/** The value of a top-level key as the chain leaves it (the child's when it sets it), with its file. */
function pickLast<K extends HeadKey>(chain: ScenarioFile[], k: K): Picked<K> {
  const f = chain.find((x) => x.spec[k] !== undefined);
  return f ? { value: f.spec[k] as NonNullable<ScenarioFile["spec"][K]>, from: f } : undefined;
}

/** Merges the chain's files, parent first. */
function mergeChain(chain: ScenarioFile[], dataDocuments: Record<string, DocumentRef>, at: At): Merged {
  const m: Merged = {
    documents: { ...dataDocuments },
    ownBaseline: {},
    targets: new Map(),
    parameters: {},
    funds: new Map(),
    programmes: new Map(),
    seed: 1,
    replicates: 100,
  };
  for (const f of [...chain].reverse()) mergeFile(m, f, at);
  return m;
}

/** Applies one file over what its parents set. */
function mergeFile(m: Merged, f: ScenarioFile, at: At): void {
  const s = f.spec;
  Object.assign(m.documents, s.documents ?? {});
  if (s.run?.seed !== undefined) m.seed = s.run.seed;
  if (s.run?.replicates !== undefined) m.replicates = s.run.replicates;
  for (const [k, q] of Object.entries(s.baseline ?? {})) m.ownBaseline[k] = { ...q, file: f.file };
  for (const [k, byKey] of Object.entries(s.targets ?? {})) {
    const t = m.targets.get(k) ?? new Map();
    for (const [key, tv] of Object.entries(byKey)) t.set(key, { ...tv, key, file: f.file });
    m.targets.set(k, t);
  }
  for (const [p, spec] of Object.entries(s.parameters ?? {})) appendQuantity(m.parameters, p, p, spec, f.file);
  for (const [id, raw] of Object.entries(s.funds ?? {}) as unknown as [string, Record<string, unknown>][]) {
    const rule = mergeFundRule(m.funds.get(id), id, raw, f);
    if (rule) m.funds.set(id, rule);
    else at(f, ["funds", id], msg.partialRuleWithoutParent(id), true);
  }
  if (s.allocation) m.allocation = { spec: mergeAllocation(m.allocation?.spec, s.allocation, f.file), from: f };
  for (const [id, raw] of Object.entries(s.programmes ?? {})) {
    const fields = { ...m.programmes.get(id) };
    for (const [k, v] of Object.entries(raw as unknown as Record<string, unknown>)) fields[k] = { v, from: f };
    m.programmes.set(id, fields);
  }
}

/**
 * The merged programmes, checked as a whole (a variant may change one field): the rule is known, a count for
 * `stands`/`adds` and a share for `least`, never both. The measure and purpose are checked against the model's
 * tables where a run starts (`checkScenarioFunds`), with the places recorded here.
 */
function resolveProgrammes(m: Merged, at: At): Map<string, ResolvedProgramme> {
  const out = new Map<string, ResolvedProgramme>();
  const rules: readonly string[] = PROGRAMME_RULES;
  for (const [id, fields] of m.programmes) {
    const last = Object.values(fields).reduce((a, b) => (a.from.file === b.from.file ? a : b));
    const where = (k: string) => fields[k]?.from ?? last.from;
    const path = (k: string): Path => ["programmes", id, ...(fields[k] ? [k] : [])];
    const measure = fields.measure?.v,
      rule = fields.rule?.v;
    let ok = true;
    const fail = (k: string, message: Parameters<At>[2], key = false) => {
      at(where(k), path(k), message, key);
      ok = false;
    };
    if (typeof measure !== "string") fail("measure", msg.missingKey("measure"));
    if (typeof rule !== "string") fail("rule", msg.missingKey("rule"));
    else if (!rules.includes(rule)) fail("rule", msg.unknownProgrammeRule(rule, didYouMean(rule, rules), rules));
    const wants = rule === "least" ? "share" : "count";
    if (fields.count && fields.share) fail("share", msg.countOrShare(), true);
    else if (typeof rule === "string" && rules.includes(rule) && !fields[wants])
      fail(wants, msg.programmeNeeds(rule, wants));
    if (!ok) continue;
    const quantities: Record<string, Parameter> = {};
    for (const k of ["count", "share", "unit_cost"])
      if (fields[k]) appendQuantity(quantities, k, `programmes.${id}.${k}`, fields[k].v, fields[k].from.file);
    const str = (k: string) => (typeof fields[k]?.v === "string" ? (fields[k].v as string) : undefined);
    out.set(id, {
      id,
      label: str("label") ?? id,
      measure: measure as string,
      rule: rule as ResolvedProgramme["rule"],
      ...(str("clause") ? { clause: str("clause") } : {}),
      ...(str("purpose") ? { purpose: str("purpose") } : {}),
      quantities,
      at: Object.fromEntries(
        Object.keys(fields).map((k) => [k, { file: where(k).file, ...where(k).locate(path(k), false) }]),
      ),
      file: last.from.file,
    });
  }
  return out;
}

/**
 * A fund rule of one file over the inherited one: a rule with a new kind starts afresh, a partial one (no
 * kind) updates the inherited rule. Undefined when a partial rule has nothing to update.
 */
function mergeFundRule(
  prev: MergedRule | undefined,
  id: string,
  raw: Record<string, unknown>,
  f: ScenarioFile,
): MergedRule | undefined {
  const kind = (raw.kind as FundRuleKind | undefined) ?? prev?.rule.kind;
  if (!kind) return undefined;
  const fresh = raw.kind !== undefined && (!prev || prev.rule.kind !== raw.kind);
  const rule: ResolvedFundRule =
    fresh || !prev
      ? { id, kind, label: id, pool: "special_fund", years: {}, fields: {}, quantities: {}, inputs: {}, file: f.file }
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
  setRuleFields(rule, raw, f.file);
  const enabled = typeof raw.enabled === "boolean" ? raw.enabled : prev && !fresh ? prev.enabled : true;
  return { rule, enabled, from: f, raw: mergedRaw };
}

/** The kind's own fields of a rule: quantities and inputs as dated parameters, the others as they are. */
function setRuleFields(rule: ResolvedFundRule, raw: Record<string, unknown>, file: string): void {
  const id = rule.id;
  for (const [field, spec] of Object.entries(RULE_KINDS[rule.kind].fields)) {
    const v = raw[field];
    if (v === undefined) continue;
    if (spec.t === "quantity") appendQuantity(rule.quantities, field, `funds.${id}.${field}`, v, file);
    else if (spec.t === "inputs")
      for (const [name, iq] of Object.entries(v as Record<string, unknown>))
        appendQuantity(rule.inputs, name, `funds.${id}.inputs.${name}`, iq, file);
    else rule.fields[field] = v as string | number;
  }
}

/** The allocation of one file over the inherited one. */
function mergeAllocation(prev: ResolvedAllocation | undefined, a: AllocationSpec, file: string): ResolvedAllocation {
  const spec: ResolvedAllocation = prev ? { ...prev, weights: { ...prev.weights } } : { method: a.method, weights: {} };
  spec.method = a.method ?? spec.method;
  for (const [k, w] of Object.entries(a.weights ?? {}))
    appendQuantity(spec.weights, k, `allocation.weights.${k}`, w, file);
  const extra: Record<string, Parameter> = {};
  if (a.floor_share) appendQuantity(extra, "floor_share", "allocation.floor_share", a.floor_share, file);
  if (a.cap_share) appendQuantity(extra, "cap_share", "allocation.cap_share", a.cap_share, file);
  return { ...spec, ...extra };
}

// --- checks that need the whole chain ---

/** Label, region and horizon are set somewhere in the chain, and the region exists; returns its row. */
function checkHead(
  child: ScenarioFile,
  label: Picked<"label">,
  region: Picked<"region">,
  horizon: Picked<"horizon">,
  regions: RegionTable,
  at: At,
): Region | undefined {
  if (!label) at(child, [], msg.missingKey("label"));
  if (!horizon) at(child, [], msg.missingKey("horizon"));
  if (!region) {
    at(child, [], msg.missingKey("region"));
    return undefined;
  }
  const row = regions.byId.get(region.value);
  if (!row)
    at(region.from, ["region"], msg.unknownRegion(region.value, didYouMean(region.value, [...regions.byId.keys()])));
  return row;
}

/** One file of the chain: every source and clause cites a listed document, every target lies in the horizon. */
function checkFile(
  f: ScenarioFile,
  documents: Record<string, DocumentRef>,
  horizon: { start: number; end: number } | undefined,
  at: At,
): void {
  const s = f.spec;
  for (const k of ["baseline", "targets", "parameters", "funds", "allocation", "programmes"] as const)
    if (s[k]) checkSources(f, [k], s[k], documents, at);
  if (!horizon) return;
  for (const [k, byKey] of Object.entries(s.targets ?? {}))
    for (const key of Object.keys(byKey)) {
      const yr = Number(key.slice(0, 4));
      if (yr < horizon.start || yr > horizon.end)
        at(f, ["targets", k, key], msg.targetOutsideHorizon(yr, horizon.start, horizon.end));
    }
}

/**
 * Commitments (src/engine/commitments.ts): a deadline is a year neither before the year it is stated nor
 * before the horizon's start, and a committed share has a deadline.
 */
function checkCommitments(chain: ScenarioFile[], parameters: Record<string, Parameter>, start: number, at: At): void {
  for (const g of COMMITMENT_GUARANTEES) {
    const path = `commitments.${g}.complete_by`;
    const deadline = parameters[path];
    for (const e of deadline?.entries ?? []) {
      const f = chain.find((x) => x.file === e.file);
      const stated = Math.floor(e.period.from / 10000);
      const where = ["parameters", path, "values", e.key, "value"];
      if (f && e.value < stated) at(f, where, msg.commitmentBeforeStart(path, e.value, stated, "stated"));
      else if (f && e.value < start) at(f, where, msg.commitmentBeforeStart(path, e.value, start, "horizon"));
    }
    const share = parameters[`commitments.${g}.share`];
    if (share && !deadline) {
      const f = chain.find((x) => x.file === share.entries[0].file);
      if (f) at(f, ["parameters", share.path], msg.commitmentWithoutDeadline(share.path, path), true);
    }
  }
}

/** Every `source:` and `clause:` under `v` cites a document listed in the chain or data/documents.csv. */
function checkSources(f: ScenarioFile, p: Path, v: unknown, documents: Record<string, DocumentRef>, at: At): void {
  if (!isRecord(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if ((k === "source" || k === "clause") && typeof x === "string") {
      const doc = citedDocument(x);
      if (!(doc in documents)) at(f, [...p, k], msg.unknownDocument(doc, Object.keys(documents)));
    } else if (isRecord(x)) checkSources(f, [...p, k], x, documents, at);
  }
}

/** Fund rules after merging: complete, their fields those of their kind, and what they refer to exists. */
function checkFundRules(enabledRules: MergedRule[], regions: RegionTable, at: At): void {
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
}

/** The checks made year by year over the horizon: shares within 1, factor weights summing to 1. */
function checkYearly(
  enabledRules: MergedRule[],
  allocation: Merged["allocation"],
  horizon: { start: number; end: number },
  region: string | undefined,
  at: At,
): void {
  const years: number[] = [];
  for (let y = horizon.start; y <= horizon.end; y++) years.push(y);
  checkShares(enabledRules, years, region, at);
  if (allocation) checkWeights(allocation, years, at);
}

/** The shares drawn from one pool, or from one revenue increment, sum to at most 1 in every year. */
function checkShares(enabledRules: MergedRule[], years: number[], region: string | undefined, at: At): void {
  const groups = new Map<string, MergedRule[]>();
  for (const r of enabledRules) {
    const key =
      r.rule.kind === "reserved_share"
        ? `pool ${r.rule.fields.of_pool}`
        : r.rule.kind === "revenue_increment_share"
          ? `the ${r.rule.fields.level} revenue increment of ${r.rule.fields.region ?? region}`
          : undefined;
    if (key) groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [what, rs] of groups) {
    for (const y of years) {
      const active = rs.filter((r) => (r.rule.years.from ?? -Infinity) <= y && y <= (r.rule.years.to ?? Infinity));
      const total = active.reduce((sum, r) => sum + (r.rule.quantities.share?.atYear(y) ?? 0), 0);
      if (total > 1 + 1e-12) {
        const last = active[active.length - 1];
        const ids = active.map((r) => r.rule.id);
        at(last.from, ["funds", last.rule.id, "share"], msg.sharesAboveOne(what, y, Number(total.toFixed(6)), ids));
        break;
      }
    }
  }
}

/** The factor weights sum to 1 in every year (the first year where they do not is reported). */
function checkWeights(allocation: NonNullable<Merged["allocation"]>, years: number[], at: At): void {
  for (const y of years) {
    const ws = ALLOCATION_WEIGHTS.map((k) => allocation.spec.weights[k]?.atYear(y)).filter(
      (w): w is number => w !== undefined,
    );
    const total = ws.reduce((a, b) => a + b, 0);
    if (ws.length && Math.abs(total - 1) > 1e-9) {
      at(allocation.from, ["allocation", "weights"], msg.weightsNotOne(y, Number(total.toFixed(6))));
      break;
    }
  }
}

// --- the resolved values ---

/** Data rows for the region at the end of the year before the horizon, then the scenario's own values. */
function resolveBaseline(
  rows: BaselineRow[],
  region: Region,
  start: number,
  own: Record<string, Sourced<Quantity>>,
): Record<string, Sourced<Quantity>> {
  const baseline: Record<string, Sourced<Quantity>> = {};
  for (const row of rows) {
    if (row.region === region.id && row.year === start - 1 && row.metric in BASELINE) {
      baseline[row.metric] = { value: row.value, unit: row.unit as Unit, ...row.provenance, file: row.at };
    }
  }
  return Object.assign(baseline, own);
}

/** Targets by kind in date order, each with the year it is assessed in and its bound (the kind's by default). */
function resolveTargets(targets: Merged["targets"]): Record<string, ResolvedTarget[]> {
  const resolved: Record<string, ResolvedTarget[]> = {};
  for (const [k, m] of targets) {
    resolved[k] = [...m.values()]
      .map((t) => ({ ...t, year: Number(t.key.slice(0, 4)), bound: t.bound ?? TARGETS[k].bound }))
      .sort((a, b) => (parsePeriodKey(a.key)?.from ?? 0) - (parsePeriodKey(b.key)?.from ?? 0));
  }
  return resolved;
}
