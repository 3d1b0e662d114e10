import { existsSync, readFileSync, statSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative, resolve as resolvePath } from "node:path";
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { type Problem, ValidationError } from "../errors.js";
import { msg, type Bilingual } from "../messages.js";
import type { ScenarioSpec } from "./types.js";
import { Checker, type Path } from "./validate.js";
import { SCENARIO_DIR } from "../paths.js";

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
    throw new ValidationError([
      {
        file,
        line: 0,
        column: 0,
        path: "",
        message: { zh: `找不到情景文件 ${file}`, en: `scenario file not found: ${file}` },
      },
    ]);
  }
  return parseScenarioText(readFileSync(absPath, "utf8"), file, absPath);
}

/**
 * Parses and structurally validates scenario text, as if read from `file` (whose name must match the id).
 * Throws a ValidationError with every problem; never anything else for bad input.
 */
export function parseScenarioText(text: string, file: string, absPath = resolvePath(file)): ScenarioFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({
      file,
      line: pos.line,
      column: pos.col,
      path: "",
      message: msg.yamlSyntax(e.message.split("\n")[0]),
    });
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
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ValidationError([{ file, line: 1, column: 1, path: "", message: msg.yamlSyntax((e as Error).message) }]);
  }
  const report = (p: Path, message: Bilingual, key = false) => {
    problems.push({ file, ...locate(p, key), path: p.join("."), message });
  };
  // keys in document order: JavaScript objects put integer-like keys ("2019", "2018") first and sorted
  const keysAt = (p: Path): string[] => {
    const n = nodeAt(doc, p, false);
    return isMap(n) ? n.items.map((i) => String(isScalar(i.key) ? i.key.value : i.key)) : [];
  };
  new Checker(report, keysAt).scenario(raw);
  if (problems.length === 0) {
    const spec = raw as ScenarioSpec;
    const stem = basename(absPath).replace(/\.ya?ml$/, "");
    if (spec.id !== stem) report(["id"], msg.idMismatch(spec.id, stem));
  }
  if (problems.length) throw new ValidationError(problems);
  return { spec: raw as ScenarioSpec, file, absPath, text, locate };
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
      problems.push({
        file: chain[chain.length - 1].file,
        ...chain[chain.length - 1].locate(["extends"]),
        path: "extends",
        message: msg.extendsCycle(ids),
      });
      break;
    }
    seen.push(f.absPath);
    chain.push(f);
    const parent = f.spec.extends;
    if (parent === undefined) break;
    // a parent is looked up beside the file; the bundled base tree (base/…) is also found in the package
    let parentPath = join(dirname(f.absPath), `${parent}.yaml`);
    if (!existsSync(parentPath) && parent.startsWith("base/")) parentPath = join(SCENARIO_DIR, `${parent}.yaml`);
    if (!existsSync(parentPath)) {
      problems.push({ file: f.file, ...f.locate(["extends"]), path: "extends", message: msg.extendsNotFound(parent) });
      break;
    }
    current = parentPath;
  }
  if (problems.length) throw new ValidationError(problems);
  return chain;
}
