import { existsSync, readFileSync, statSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative, resolve as resolvePath } from "node:path";
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { didYouMean, type Problem, ValidationError } from "../errors.js";
import { msg, type Bilingual } from "../messages.js";
import { BASELINE_UNITS, PARAMETERS, TARGET_UNITS } from "../parameters/catalog.js";
import { parsePeriodKey } from "../parameters/period.js";
import { BASELINE_KEYS, TARGET_KEYS, type ScenarioSpec } from "./types.js";

/** A scenario file as read: its spec, where it lives, and how to locate any path in it. */
export interface ScenarioFile {
  spec: ScenarioSpec;
  /** Path as given (relative to the working directory where possible), used in messages. */
  file: string;
  /** Absolute path. */
  absPath: string;
  /** Raw text, for hashing into the manifest. */
  text: string;
  /** 1-based line and column of a path in the file (the nearest existing ancestor if absent). */
  locate(path: (string | number)[], key?: boolean): { line: number; column: number };
}

type Path = (string | number)[];

const TOP_KEYS = ["id", "label", "label_en", "description", "extends", "region", "horizon", "run", "documents", "baseline", "targets", "parameters"] as const;
const PROVENANCE_KEYS = ["source", "url", "assumption", "derived"] as const;

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Finds the YAML node at a path, and optionally the key node of its pair. */
function nodeAt(doc: Document, path: Path, key: boolean): YamlNode | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const seg of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
    if (!pair) return undefined;
    keyNode = pair.key;
    node = pair.value;
  }
  return (key ? keyNode : node) as YamlNode | undefined;
}

/**
 * Reads and structurally validates one scenario file, without following `extends`.
 * Every problem in the file is collected; a ValidationError carries them all.
 */
export function readScenarioFile(path: string): ScenarioFile {
  const absPath = resolvePath(path);
  const file = relative(process.cwd(), absPath) || path;
  if (!existsSync(absPath) || !statSync(absPath).isFile()) {
    throw new ValidationError([{ file, line: 0, column: 0, path: "", message: { zh: `找不到情景文件 ${file}`, en: `scenario file not found: ${file}` } }]);
  }
  const text = readFileSync(absPath, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({ file, line: pos.line, column: pos.col, path: "", message: msg.yamlSyntax(e.message.split("\n")[0]) });
  }
  if (problems.length) throw new ValidationError(problems);

  const locate = (p: Path, key = false) => {
    for (let k = p.length; k >= 0; k--) {
      const n = nodeAt(doc, p.slice(0, k), key && k === p.length);
      if (n?.range) {
        const pos = lineCounter.linePos(n.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const report = (p: Path, message: Bilingual, key = false) => {
    problems.push({ file, ...locate(p, key), path: p.join("."), message });
  };
  // keys in document order: JavaScript objects put integer-like keys ("2019", "2018") first and sorted
  const keysAt = (p: Path): string[] => {
    const n = nodeAt(doc, p, false);
    return isMap(n) ? n.items.map((i) => String(isScalar(i.key) ? i.key.value : i.key)) : [];
  };
  validateStructure(raw, report, keysAt);
  if (problems.length === 0) {
    const spec = raw as ScenarioSpec;
    const stem = basename(absPath).replace(/\.ya?ml$/, "");
    if (spec.id !== stem) report(["id"], msg.idMismatch(spec.id, stem));
  }
  if (problems.length) throw new ValidationError(problems);
  return { spec: raw as ScenarioSpec, file, absPath, text, locate };
}

type Report = (p: Path, m: Bilingual, key?: boolean) => void;

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], at: Path, report: Report): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) report([...at, k], msg.unknownKey(k, didYouMean(k, allowed), allowed), true);
  }
}

function checkNumber(v: unknown, at: Path, report: Report, opts: { min?: number; max?: number; integer?: boolean } = {}): v is number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    report(at, msg.wrongType(opts.integer ? "an integer" : "a number", typeName(v)));
    return false;
  }
  if (opts.integer && !Number.isInteger(v)) {
    report(at, msg.wrongType("an integer", String(v)));
    return false;
  }
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
    report(at, msg.outOfRange(v, opts.min, opts.max));
    return false;
  }
  return true;
}

function checkString(v: unknown, at: Path, report: Report): v is string {
  if (typeof v !== "string" || v.trim() === "") {
    report(at, msg.wrongType("a non-empty string", typeName(v)));
    return false;
  }
  return true;
}

function checkProvenance(obj: Record<string, unknown>, at: Path, report: Report): void {
  const given = PROVENANCE_KEYS.filter((k) => obj[k] !== undefined);
  if (given.length !== 1) {
    report(at, msg.provenance());
    return;
  }
  checkString(obj[given[0]], [...at, given[0]], report);
  if (given[0] === "url" && typeof obj.url === "string" && !/^https?:\/\//.test(obj.url)) {
    report([...at, "url"], msg.wrongType("an address starting with http:// or https://", JSON.stringify(obj.url)));
  }
  if (obj.note !== undefined) checkString(obj.note, [...at, "note"], report);
}

/** Checks a quantity `{value, unit, <provenance>}` with the expected unit. */
function checkQuantity(v: unknown, unit: string, at: Path, report: Report, extraKeys: readonly string[] = []): void {
  if (!isRecord(v)) {
    report(at, msg.wrongType(`a mapping {value, unit, source|url|assumption}`, typeName(v)));
    return;
  }
  checkKeys(v, ["value", "unit", ...PROVENANCE_KEYS, "note", ...extraKeys], at, report);
  if (v.value === undefined) report(at, msg.missingKey("value"));
  else checkNumber(v.value, [...at, "value"], report, { min: 0 });
  if (v.unit === undefined) report(at, msg.missingKey("unit"));
  else if (v.unit !== unit) report([...at, "unit"], msg.wrongUnit(String(v.unit), unit));
  checkProvenance(v, at, report);
}

function validateStructure(raw: unknown, report: Report, keysAt: (p: Path) => string[]): void {
  if (!isRecord(raw)) {
    report([], msg.notAMapping("the scenario file / 情景文件"));
    return;
  }
  checkKeys(raw, TOP_KEYS, [], report);
  if (raw.id === undefined) report([], msg.missingKey("id"));
  else if (checkString(raw.id, ["id"], report) && !/^[a-z0-9][a-z0-9-]*$/.test(raw.id)) {
    report(["id"], msg.wrongType("kebab-case letters, digits and hyphens", JSON.stringify(raw.id)));
  }
  const extending = raw.extends !== undefined;
  if (extending) checkString(raw.extends, ["extends"], report);
  for (const k of ["label", "region"] as const) {
    if (raw[k] === undefined) {
      if (!extending) report([], msg.missingKey(k));
    } else checkString(raw[k], [k], report);
  }
  for (const k of ["label_en", "description"] as const) if (raw[k] !== undefined) checkString(raw[k], [k], report);

  if (raw.horizon === undefined) {
    if (!extending) report([], msg.missingKey("horizon"));
  } else if (!isRecord(raw.horizon)) report(["horizon"], msg.wrongType("a mapping {start, end}", typeName(raw.horizon)));
  else {
    checkKeys(raw.horizon, ["start", "end"], ["horizon"], report);
    const okS = checkNumber(raw.horizon.start, ["horizon", "start"], report, { integer: true, min: 2000, max: 2100 });
    const okE = checkNumber(raw.horizon.end, ["horizon", "end"], report, { integer: true, min: 2000, max: 2100 });
    if (okS && okE && (raw.horizon.start as number) > (raw.horizon.end as number)) {
      report(["horizon"], msg.horizonOrder(raw.horizon.start as number, raw.horizon.end as number));
    }
  }
  if (raw.run !== undefined) {
    if (!isRecord(raw.run)) report(["run"], msg.wrongType("a mapping {seed, replicates}", typeName(raw.run)));
    else {
      checkKeys(raw.run, ["seed", "replicates"], ["run"], report);
      if (raw.run.seed !== undefined) checkNumber(raw.run.seed, ["run", "seed"], report, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
      if (raw.run.replicates !== undefined) checkNumber(raw.run.replicates, ["run", "replicates"], report, { integer: true, min: 1, max: 100000 });
    }
  }
  if (raw.documents !== undefined) {
    if (!isRecord(raw.documents)) report(["documents"], msg.wrongType("a mapping of document ids", typeName(raw.documents)));
    else
      for (const [id, d] of Object.entries(raw.documents)) {
        if (!isRecord(d)) {
          report(["documents", id], msg.wrongType("a mapping {title, published, issuer, file}", typeName(d)));
          continue;
        }
        checkKeys(d, ["title", "published", "issuer", "file"], ["documents", id], report);
        if (d.title === undefined) report(["documents", id], msg.missingKey("title"));
        else checkString(d.title, ["documents", id, "title"], report);
        for (const k of ["published", "issuer", "file"]) if (d[k] !== undefined) checkString(d[k], ["documents", id, k], report);
      }
  }
  if (raw.baseline !== undefined) {
    if (!isRecord(raw.baseline)) report(["baseline"], msg.wrongType("a mapping", typeName(raw.baseline)));
    else {
      checkKeys(raw.baseline, BASELINE_KEYS, ["baseline"], report);
      for (const k of BASELINE_KEYS) if (raw.baseline[k] !== undefined) checkQuantity(raw.baseline[k], BASELINE_UNITS[k], ["baseline", k], report);
    }
  }
  if (raw.targets !== undefined) {
    if (!isRecord(raw.targets)) report(["targets"], msg.wrongType("a mapping", typeName(raw.targets)));
    else {
      checkKeys(raw.targets, TARGET_KEYS, ["targets"], report);
      for (const k of TARGET_KEYS) {
        const byYear = raw.targets[k];
        if (byYear === undefined) continue;
        if (!isRecord(byYear)) {
          report(["targets", k], msg.wrongType("a mapping of year → target", typeName(byYear)));
          continue;
        }
        for (const [y, tv] of Object.entries(byYear)) {
          if (!/^\d{4}$/.test(y)) report(["targets", k, y], msg.wrongType("a year (YYYY) as key", JSON.stringify(y)), true);
          checkQuantity(tv, TARGET_UNITS[k], ["targets", k, y], report, ["bound"]);
          if (isRecord(tv) && tv.bound !== undefined && !["at_least", "about", "at_most", "exactly"].includes(tv.bound as string)) {
            report(["targets", k, y, "bound"], msg.wrongType("one of at_least, about, at_most, exactly", typeName(tv.bound)));
          }
        }
      }
    }
  }
  if (raw.parameters !== undefined) {
    if (!isRecord(raw.parameters)) report(["parameters"], msg.wrongType("a mapping of parameter paths", typeName(raw.parameters)));
    else
      for (const [p, spec] of Object.entries(raw.parameters)) {
        const def = PARAMETERS[p];
        if (!def) {
          const known = Object.keys(PARAMETERS);
          report(["parameters", p], msg.unknownKey(p, didYouMean(p, known), known), true);
          continue;
        }
        const at: Path = ["parameters", p];
        if (!isRecord(spec)) {
          report(at, msg.wrongType("a mapping {unit, values}", typeName(spec)));
          continue;
        }
        checkKeys(spec, ["unit", "description", "values"], at, report);
        if (spec.unit === undefined) report(at, msg.missingKey("unit"));
        else if (spec.unit !== def.unit) report([...at, "unit"], msg.wrongUnit(String(spec.unit), def.unit));
        if (spec.values === undefined) {
          report(at, msg.missingKey("values"));
          continue;
        }
        if (!isRecord(spec.values)) {
          report([...at, "values"], msg.wrongType("a mapping of period → {value, source}", typeName(spec.values)));
          continue;
        }
        let lastOpen = -Infinity;
        const bounded: { key: string; from: number; to: number }[] = [];
        const values = spec.values;
        for (const key of keysAt([...at, "values"])) {
          const dv = values[key];
          const vp: Path = [...at, "values", key];
          const period = parsePeriodKey(key);
          if (!period) report(vp, msg.badPeriod(key), true);
          else if (period.to !== undefined) {
            if (period.to < period.from) report(vp, msg.periodOrder(key), true);
            const clash = bounded.find((b) => period.from <= b.to && b.from <= (period.to as number));
            if (clash) report(vp, msg.periodOverlap(clash.key, key), true);
            bounded.push({ key, from: period.from, to: period.to });
          } else {
            if (period.from <= lastOpen) report(vp, { zh: `日期 "${key}" 未按升序排列`, en: `date "${key}" is out of order (dates must ascend)` }, true);
            lastOpen = period.from;
          }
          if (!isRecord(dv)) {
            report(vp, msg.wrongType("a mapping {value, source|url|assumption}", typeName(dv)));
            continue;
          }
          checkKeys(dv, ["value", ...PROVENANCE_KEYS, "note"], vp, report);
          if (dv.value === undefined) report(vp, msg.missingKey("value"));
          else checkNumber(dv.value, [...vp, "value"], report, { min: def.min, max: def.max, integer: def.integer });
          checkProvenance(dv, vp, report);
        }
      }
  }
}

/** Lists scenario files: each argument is a file or a folder (its *.yaml files, sorted). */
export function expandScenarioPaths(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (existsSync(a) && statSync(a).isDirectory()) {
      for (const f of readdirSync(a).sort()) if (/\.ya?ml$/.test(f)) out.push(join(a, f));
    } else out.push(a);
  }
  return out;
}

/**
 * Reads a scenario and every scenario it extends (same folder, `<id>.yaml`), child first. Detects cycles
 * and missing parents. Problems in every file of the chain are reported together.
 */
export function readScenarioChain(path: string): ScenarioFile[] {
  const chain: ScenarioFile[] = [];
  const problems: Problem[] = [];
  let current: string | undefined = path;
  const seen: string[] = [];
  while (current) {
    let f: ScenarioFile;
    try {
      f = readScenarioFile(current);
    } catch (e) {
      if (e instanceof ValidationError) {
        problems.push(...e.problems);
        break;
      }
      throw e;
    }
    if (seen.includes(f.absPath)) {
      const ids = [...chain.map((c) => c.spec.id), f.spec.id];
      problems.push({ file: chain[chain.length - 1].file, ...chain[chain.length - 1].locate(["extends"]), path: "extends", message: msg.extendsCycle(ids) });
      break;
    }
    seen.push(f.absPath);
    chain.push(f);
    const parent = f.spec.extends;
    if (parent === undefined) break;
    const parentPath = join(dirname(f.absPath), `${parent}.yaml`);
    if (!existsSync(parentPath)) {
      problems.push({ file: f.file, ...f.locate(["extends"]), path: "extends", message: msg.extendsNotFound(parent) });
      break;
    }
    current = parentPath;
  }
  if (problems.length) throw new ValidationError(problems);
  return chain;
}
