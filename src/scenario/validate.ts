import { didYouMean } from "../errors.js";
import { msg, type Bilingual } from "../messages.js";
import { BASELINE, PARAMETERS, TARGETS, type ParameterDef } from "../parameters/catalog.js";
import { parsePeriodKey } from "../parameters/period.js";
import { COMMON_RULE_FIELDS, RULE_KIND_NAMES, RULE_KINDS, type FieldSpec } from "./ruleKinds.js";
import { ALLOCATION_FACTORS, UNITS, type FundRuleKind, type Unit } from "./types.js";

export type Path = (string | number)[];
/** Records a problem at a path; `key` points at the key rather than the value. */
export type Report = (p: Path, m: Bilingual, key?: boolean) => void;
/** Keys of the mapping at a path, in document order (JavaScript objects reorder integer-like keys). */
export type KeysAt = (p: Path) => string[];

const TOP_KEYS = [
  "id",
  "label",
  "label_en",
  "description",
  "extends",
  "abstract",
  "region",
  "horizon",
  "run",
  "documents",
  "baseline",
  "targets",
  "parameters",
  "funds",
  "allocation",
  "programmes",
] as const;
const PROGRAMME_KEYS = ["label", "measure", "rule", "clause", "count", "share", "unit_cost", "purpose"] as const;
export const PROVENANCE_KEYS = ["source", "url", "assumption", "derived"] as const;
const VALUE_KEYS = ["value", ...PROVENANCE_KEYS, "note", "range"] as const;

export { COMMON_RULE_FIELDS, RULE_KIND_NAMES, RULE_KINDS, type FieldSpec } from "./ruleKinds.js";

/** The allocation's factor weights a scenario may give. */
export const ALLOCATION_WEIGHTS = ALLOCATION_FACTORS;

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Structural checks of one scenario file, before `extends` is followed: keys, types, units, ranges,
 * provenance, period keys. Every problem is reported through `report`; nothing is thrown.
 */
export class Checker {
  constructor(
    private readonly report: Report,
    private readonly keysAt: KeysAt,
  ) {}

  keys(obj: Record<string, unknown>, allowed: readonly string[], at: Path): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) this.report([...at, k], msg.unknownKey(k, didYouMean(k, allowed), allowed), true);
    }
  }

  number(v: unknown, at: Path, opts: { min?: number; max?: number; integer?: boolean } = {}): v is number {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      this.report(at, msg.wrongType(opts.integer ? "an integer" : "a number", typeName(v)));
      return false;
    }
    if (opts.integer && !Number.isInteger(v)) {
      this.report(at, msg.wrongType("an integer", String(v)));
      return false;
    }
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      this.report(at, msg.outOfRange(v, opts.min, opts.max));
      return false;
    }
    return true;
  }

  string(v: unknown, at: Path): v is string {
    if (typeof v !== "string" || v.trim() === "") {
      this.report(at, msg.wrongType("a non-empty string", typeName(v)));
      return false;
    }
    return true;
  }

  mapping(v: unknown, at: Path, what: string): v is Record<string, unknown> {
    if (!isRecord(v)) {
      this.report(at, msg.wrongType(what, typeName(v)));
      return false;
    }
    return true;
  }

  provenance(obj: Record<string, unknown>, at: Path): void {
    const given = PROVENANCE_KEYS.filter((k) => obj[k] !== undefined);
    if (given.length !== 1) {
      this.report(at, msg.provenance());
      return;
    }
    this.string(obj[given[0]], [...at, given[0]]);
    if (given[0] === "url" && typeof obj.url === "string" && !/^https?:\/\//.test(obj.url)) {
      this.report(
        [...at, "url"],
        msg.wrongType("an address starting with http:// or https://", JSON.stringify(obj.url)),
      );
    }
    if (obj.note !== undefined) this.string(obj.note, [...at, "note"]);
  }

  /** `{value, <provenance>, note?, range?}` within the definition's bounds. */
  valueWithProvenance(
    v: Record<string, unknown>,
    at: Path,
    bounds: Pick<ParameterDef, "min" | "max" | "integer">,
    extra: readonly string[] = [],
  ): void {
    this.keys(v, [...VALUE_KEYS, ...extra], at);
    if (v.value === undefined) this.report(at, msg.missingKey("value"));
    else this.number(v.value, [...at, "value"], bounds);
    this.provenance(v, at);
    if (v.range !== undefined) {
      const r = v.range;
      if (
        !Array.isArray(r) ||
        r.length !== 2 ||
        typeof r[0] !== "number" ||
        typeof r[1] !== "number" ||
        !(r[0] <= r[1])
      ) {
        this.report([...at, "range"], msg.wrongType("a list [low, high] with low ≤ high", typeName(r)));
      } else {
        this.number(r[0], [...at, "range", 0], bounds);
        this.number(r[1], [...at, "range", 1], bounds);
        if (typeof v.value === "number" && (v.value < r[0] || v.value > r[1])) {
          this.report([...at, "value"], msg.valueOutsideOwnRange(v.value, r[0], r[1]));
        }
      }
    }
  }

  /** A quantity `{value, unit, <provenance>}` in one of the allowed units. */
  quantity(
    v: unknown,
    units: readonly Unit[],
    at: Path,
    bounds: Pick<ParameterDef, "min" | "max" | "integer"> = { min: 0 },
    extra: readonly string[] = [],
  ): void {
    if (!this.mapping(v, at, "a mapping {value, unit, source|url|assumption|derived}")) return;
    this.valueWithProvenance(v, at, bounds, ["unit", ...extra]);
    this.unit(v, units, at);
  }

  unit(v: Record<string, unknown>, units: readonly Unit[], at: Path): void {
    if (v.unit === undefined) this.report(at, msg.missingKey("unit"));
    else if (!units.includes(v.unit as Unit))
      this.report([...at, "unit"], msg.wrongUnit(String(v.unit), units.join(" | ")));
  }

  /** A dated series `{unit, values: {period: {value, …}}}`: period keys valid, ascending, bounded ones disjoint. */
  series(v: unknown, units: readonly Unit[], at: Path, bounds: Pick<ParameterDef, "min" | "max" | "integer">): void {
    if (!this.mapping(v, at, "a mapping {unit, values}")) return;
    this.keys(v, ["unit", "description", "values"], at);
    this.unit(v, units, at);
    if (v.description !== undefined) this.string(v.description, [...at, "description"]);
    if (v.values === undefined) {
      this.report(at, msg.missingKey("values"));
      return;
    }
    if (!this.mapping(v.values, [...at, "values"], "a mapping of period → {value, source}")) return;
    if (Object.keys(v.values).length === 0)
      this.report([...at, "values"], msg.wrongType("at least one dated value", "an empty mapping"));
    let lastOpen = -Infinity;
    const bounded: { key: string; from: number; to: number }[] = [];
    const values = v.values;
    for (const key of this.keysAt([...at, "values"])) {
      const dv = values[key];
      const vp: Path = [...at, "values", key];
      const period = parsePeriodKey(key);
      if (!period) this.report(vp, msg.badPeriod(key), true);
      else if (period.to !== undefined) {
        if (period.to < period.from) this.report(vp, msg.periodOrder(key), true);
        const clash = bounded.find((b) => period.from <= b.to && b.from <= (period.to as number));
        if (clash) this.report(vp, msg.periodOverlap(clash.key, key), true);
        bounded.push({ key, from: period.from, to: period.to });
      } else {
        if (period.from <= lastOpen) this.report(vp, msg.periodOutOfOrder(key), true);
        lastOpen = period.from;
      }
      if (this.mapping(dv, vp, "a mapping {value, source|url|assumption|derived}"))
        this.valueWithProvenance(dv, vp, bounds);
    }
  }

  /** Either form of a dated quantity. */
  datedQuantity(
    v: unknown,
    units: readonly Unit[],
    at: Path,
    bounds: Pick<ParameterDef, "min" | "max" | "integer"> = { min: 0 },
  ): void {
    if (isRecord(v) && "values" in v) this.series(v, units, at, bounds);
    else this.quantity(v, units, at, bounds);
  }

  scenario(raw: unknown): void {
    if (!isRecord(raw)) {
      this.report([], msg.notAMapping("the scenario file / 情景文件"));
      return;
    }
    this.keys(raw, TOP_KEYS, []);
    if (raw.id === undefined) this.report([], msg.missingKey("id"));
    else if (this.string(raw.id, ["id"]) && !/^[a-z0-9][a-z0-9-]*$/.test(raw.id)) {
      this.report(["id"], msg.wrongType("kebab-case letters, digits and hyphens", JSON.stringify(raw.id)));
    }
    if (raw.abstract !== undefined && typeof raw.abstract !== "boolean")
      this.report(["abstract"], msg.wrongType("true or false", typeName(raw.abstract)));
    const extending = raw.extends !== undefined || raw.abstract === true;
    if (
      raw.extends !== undefined &&
      this.string(raw.extends, ["extends"]) &&
      !/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/.test(raw.extends)
    ) {
      this.report(
        ["extends"],
        msg.wrongType("a scenario id, or a relative path such as base/defaults", JSON.stringify(raw.extends)),
      );
    }
    for (const k of ["label", "region"] as const) {
      if (raw[k] === undefined) {
        if (!extending) this.report([], msg.missingKey(k));
      } else this.string(raw[k], [k]);
    }
    for (const k of ["label_en", "description"] as const) if (raw[k] !== undefined) this.string(raw[k], [k]);
    if (raw.horizon === undefined) {
      if (!extending) this.report([], msg.missingKey("horizon"));
    } else if (this.mapping(raw.horizon, ["horizon"], "a mapping {start, end}")) {
      const h = raw.horizon;
      this.keys(h, ["start", "end"], ["horizon"]);
      const okS = this.number(h.start, ["horizon", "start"], { integer: true, min: 2000, max: 2100 });
      const okE = this.number(h.end, ["horizon", "end"], { integer: true, min: 2000, max: 2100 });
      if (okS && okE && (h.start as number) > (h.end as number))
        this.report(["horizon"], msg.horizonOrder(h.start as number, h.end as number));
    }
    if (raw.run !== undefined && this.mapping(raw.run, ["run"], "a mapping {seed, replicates}")) {
      this.keys(raw.run, ["seed", "replicates"], ["run"]);
      if (raw.run.seed !== undefined)
        this.number(raw.run.seed, ["run", "seed"], { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
      if (raw.run.replicates !== undefined)
        this.number(raw.run.replicates, ["run", "replicates"], { integer: true, min: 1, max: 100000 });
    }
    if (raw.documents !== undefined && this.mapping(raw.documents, ["documents"], "a mapping of document ids")) {
      for (const [id, d] of Object.entries(raw.documents)) {
        const at = ["documents", id];
        if (!this.mapping(d, at, "a mapping {title, published, issuer, file}")) continue;
        this.keys(d, ["title", "published", "issuer", "file"], at);
        if (d.title === undefined) this.report(at, msg.missingKey("title"));
        else this.string(d.title, [...at, "title"]);
        for (const k of ["published", "issuer", "file"]) if (d[k] !== undefined) this.string(d[k], [...at, k]);
      }
    }
    if (raw.baseline !== undefined && this.mapping(raw.baseline, ["baseline"], "a mapping")) {
      const known = Object.keys(BASELINE);
      for (const [k, v] of Object.entries(raw.baseline)) {
        const d = BASELINE[k];
        if (!d) this.report(["baseline", k], msg.unknownKey(k, didYouMean(k, known), known), true);
        else this.quantity(v, [d.unit], ["baseline", k], d);
      }
    }
    if (raw.targets !== undefined && this.mapping(raw.targets, ["targets"], "a mapping")) {
      const known = Object.keys(TARGETS);
      for (const [k, byYear] of Object.entries(raw.targets)) {
        const d = TARGETS[k];
        if (!d) {
          this.report(["targets", k], msg.unknownKey(k, didYouMean(k, known), known), true);
          continue;
        }
        if (!this.mapping(byYear, ["targets", k], "a mapping of year → target")) continue;
        for (const [y, tv] of Object.entries(byYear)) {
          if (!/^\d{4}$/.test(y) && !(parsePeriodKey(y) && !y.includes(".")))
            this.report(
              ["targets", k, y],
              msg.wrongType("a year (YYYY) or a date (YYYY-MM-DD) as key", JSON.stringify(y)),
              true,
            );
          this.quantity(tv, [d.unit], ["targets", k, y], d, ["bound"]);
          if (
            isRecord(tv) &&
            tv.bound !== undefined &&
            !["at_least", "about", "at_most", "exactly"].includes(tv.bound as string)
          ) {
            this.report(
              ["targets", k, y, "bound"],
              msg.wrongType("one of at_least, about, at_most, exactly", typeName(tv.bound)),
            );
          }
        }
      }
    }
    if (raw.parameters !== undefined && this.mapping(raw.parameters, ["parameters"], "a mapping of parameter paths")) {
      const known = Object.keys(PARAMETERS);
      for (const [p, spec] of Object.entries(raw.parameters)) {
        const d = PARAMETERS[p];
        if (!d) this.report(["parameters", p], msg.unknownKey(p, didYouMean(p, known), known), true);
        else this.series(spec, [d.unit], ["parameters", p], d);
      }
    }
    if (raw.funds !== undefined && this.mapping(raw.funds, ["funds"], "a mapping of rule id → rule")) {
      for (const [id, rule] of Object.entries(raw.funds)) this.rule(id, rule, extending);
    }
    if (raw.allocation !== undefined) this.allocation(raw.allocation);
    if (raw.programmes !== undefined && this.mapping(raw.programmes, ["programmes"], "a mapping of id → programme"))
      for (const [id, p] of Object.entries(raw.programmes)) this.programme(id, p);
  }

  /** A programme's fields (the measure, the rule and count-or-share are checked once the chain is merged). */
  programme(id: string, p: unknown): void {
    const at: Path = ["programmes", id];
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(id))
      this.report(at, msg.wrongType("a programme id of lowercase letters, digits, - and _", JSON.stringify(id)), true);
    if (!this.mapping(p, at, "a mapping {measure, rule, count | share, …}")) return;
    this.keys(p, PROGRAMME_KEYS, at);
    for (const k of ["label", "measure", "rule", "clause", "purpose"] as const)
      if (p[k] !== undefined) this.string(p[k], [...at, k]);
    if (p.count !== undefined) this.series(p.count, ["people", "households"], [...at, "count"], { min: 0 });
    if (p.share !== undefined) this.series(p.share, ["/1"], [...at, "share"], { min: 0, max: 1 });
    if (p.unit_cost !== undefined) this.quantity(p.unit_cost, ["yuan/household"], [...at, "unit_cost"]);
  }

  /** A fund rule. Without `kind` (allowed only in a variant) it is a partial override checked after merging. */
  rule(id: string, rule: unknown, extending: boolean): void {
    const at: Path = ["funds", id];
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(id))
      this.report(at, msg.wrongType("a rule id of lowercase letters, digits, - and _", JSON.stringify(id)), true);
    if (!this.mapping(rule, at, "a mapping {kind, …}")) return;
    if (rule.kind === undefined) {
      if (!extending) this.report(at, msg.missingKey("kind"));
      this.ruleFields(rule, at, undefined);
      return;
    }
    if (typeof rule.kind !== "string" || !(rule.kind in RULE_KINDS)) {
      this.report(
        [...at, "kind"],
        msg.unknownRuleKind(String(rule.kind), didYouMean(String(rule.kind), RULE_KIND_NAMES), RULE_KIND_NAMES),
      );
      return;
    }
    this.ruleFields(rule, at, rule.kind as FundRuleKind);
  }

  /** Checks a rule's fields against its kind, or against every kind's fields when the kind is not known yet. */
  ruleFields(
    rule: Record<string, unknown>,
    at: Path,
    kind: FundRuleKind | undefined,
    requireAll = kind !== undefined,
  ): void {
    const specs: Record<string, FieldSpec> = kind
      ? RULE_KINDS[kind].fields
      : Object.assign({}, ...RULE_KIND_NAMES.map((k) => RULE_KINDS[k].fields));
    this.keys(rule, [...COMMON_RULE_FIELDS, ...Object.keys(specs)], at);
    if (requireAll && kind)
      for (const r of RULE_KINDS[kind].required) if (rule[r] === undefined) this.report(at, msg.missingKey(r));
    if (rule.label !== undefined) this.string(rule.label, [...at, "label"]);
    if (rule.pool !== undefined && this.string(rule.pool, [...at, "pool"]) && !/^[a-z][a-z0-9_]*$/.test(rule.pool)) {
      this.report(
        [...at, "pool"],
        msg.wrongType("a pool name of lowercase letters, digits and _", JSON.stringify(rule.pool)),
      );
    }
    if (rule.clause !== undefined) this.string(rule.clause, [...at, "clause"]);
    if (rule.enabled !== undefined && typeof rule.enabled !== "boolean")
      this.report([...at, "enabled"], msg.wrongType("true or false", typeName(rule.enabled)));
    if (rule.years !== undefined && this.mapping(rule.years, [...at, "years"], "a mapping {from, to}")) {
      this.keys(rule.years, ["from", "to"], [...at, "years"]);
      for (const k of ["from", "to"])
        if (rule.years[k] !== undefined)
          this.number(rule.years[k], [...at, "years", k], { integer: true, min: 2000, max: 2100 });
      if (typeof rule.years.from === "number" && typeof rule.years.to === "number" && rule.years.from > rule.years.to) {
        this.report([...at, "years"], msg.horizonOrder(rule.years.from, rule.years.to));
      }
    }
    for (const [field, spec] of Object.entries(specs)) {
      const v = rule[field];
      if (v === undefined) continue;
      const fp = [...at, field];
      switch (spec.t) {
        case "quantity":
          this.datedQuantity(
            v,
            spec.units,
            fp,
            spec.units.includes("/1") ? { min: 0, max: field === "ratio" ? 100 : 1 } : { min: 0 },
          );
          break;
        case "enum":
          if (typeof v !== "string" || !spec.values.includes(v)) {
            this.report(fp, msg.notOneOf(typeName(v), spec.values, didYouMean(String(v), spec.values)));
          }
          break;
        case "year":
          this.number(v, fp, { integer: true, min: 2000, max: 2100 });
          break;
        case "string":
        case "rule":
        case "pool":
        case "region":
          this.string(v, fp);
          break;
        case "inputs":
          if (this.mapping(v, fp, "a mapping of input name → quantity")) {
            for (const [name, iq] of Object.entries(v)) {
              if (!/^[a-z][a-z0-9_]*$/.test(name))
                this.report(
                  [...fp, name],
                  msg.wrongType("an input name of lowercase letters, digits and _", JSON.stringify(name)),
                  true,
                );
              this.datedQuantity(iq, UNITS, [...fp, name], {});
            }
          }
          break;
      }
    }
  }

  allocation(a: unknown): void {
    const at: Path = ["allocation"];
    if (!this.mapping(a, at, "a mapping {method, weights, floor_share, cap_share}")) return;
    this.keys(a, ["method", "weights", "floor_share", "cap_share"], at);
    if (a.method !== "factor") this.report([...at, "method"], msg.notOneOf(typeName(a.method), ["factor"], undefined));
    if (a.weights === undefined) this.report(at, msg.missingKey("weights"));
    else if (this.mapping(a.weights, [...at, "weights"], "a mapping of factor → weight")) {
      this.keys(a.weights, ALLOCATION_WEIGHTS, [...at, "weights"]);
      for (const [k, w] of Object.entries(a.weights))
        if ((ALLOCATION_WEIGHTS as readonly string[]).includes(k))
          this.datedQuantity(w, ["/1"], [...at, "weights", k], { min: 0, max: 1 });
    }
    for (const k of ["floor_share", "cap_share"])
      if (a[k] !== undefined) this.datedQuantity(a[k], ["/1"], [...at, k], { min: 0, max: 1 });
  }
}
