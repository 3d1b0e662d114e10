/**
 * The layers of src/ point one way: data → parameters → scenario → model/engine → funds, risk → runners →
 * reporting → notebook → cli → index. This test reads every `src/**\/*.ts` file's relative imports (static,
 * `export … from`, `import type` and dynamic `import()`, by the TypeScript compiler's own scanner), and fails
 * listing every import that points up a layer and every cycle of imports between files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const SRC = join(ROOT, "src");

/** Layers from the bottom; a file may import its own layer or one below. */
const LAYERS: [name: string, matches: (file: string) => boolean][] = [
  [
    "base (errors, messages, paths, version, vocabulary, random, data)",
    (f) => /^(errors|messages|paths|version|vocabulary)\.ts$/.test(f) || /^(random|data)\//.test(f),
  ],
  ["parameters", (f) => f.startsWith("parameters/")],
  ["scenario", (f) => f.startsWith("scenario/")],
  // the model's tables (src/model) and the engine that steps them are one layer, as the issue's order has it
  // ("model/engine"): the tables name registry columns, the engine reads the tables; file cycles still fail
  ["model, engine", (f) => /^(model|engine)\//.test(f)],
  ["funds, risk", (f) => /^(funds|risk)\//.test(f)],
  ["runners", (f) => f.startsWith("runners/")],
  ["reporting", (f) => f.startsWith("reporting/")],
  ["notebook", (f) => f === "notebook.ts"],
  ["cli", (f) => f.startsWith("cli/")],
  ["index", (f) => f === "index.ts"],
];

function layerOf(file: string): number {
  const k = LAYERS.findIndex(([, matches]) => matches(file));
  if (k < 0) throw new Error(`src/${file} is in no layer: add its directory to LAYERS in test/layers.test.ts`);
  return k;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Each file (relative to src/) and the files it imports (relative to src/), from its relative specifiers. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sourceFiles(SRC).sort()) {
    const info = ts.preProcessFile(readFileSync(path, "utf8"), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => relative(SRC, resolve(dirname(path), spec.replace(/\.js$/, ".ts"))));
    graph.set(relative(SRC, path), [...new Set(targets)].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** One concrete cycle through the first file of a component, by breadth-first search inside it. */
function cyclePath(graph: Map<string, string[]>, scc: string[]): string[] {
  const inside = new Set(scc);
  const start = scc[0];
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = from.get(u)!) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

describe("layers of src/", () => {
  const graph = importGraph();

  it("reads the imports of every source file", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get("index.ts")!.length).toBeGreaterThan(20);
    for (const file of graph.keys()) layerOf(file);
    // every relative import names a file that exists
    const missing = [...graph].flatMap(([f, ts]) => ts.filter((t) => !graph.has(t)).map((t) => `${f} → ${t}`));
    expect(missing).toEqual([]);
  });

  it("finds an upward import and a cycle when there is one", () => {
    const g = new Map([
      ["runners/a.ts", ["reporting/b.ts"]],
      ["reporting/b.ts", ["runners/a.ts"]],
    ]);
    expect(cycles(g)).toEqual([["reporting/b.ts", "runners/a.ts"]]);
    expect(cyclePath(g, ["reporting/b.ts", "runners/a.ts"])).toEqual([
      "reporting/b.ts",
      "runners/a.ts",
      "reporting/b.ts",
    ]);
    expect(layerOf("runners/a.ts")).toBeLessThan(layerOf("reporting/b.ts"));
  });

  it("has no import pointing up a layer", () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((t) => graph.has(t) && layerOf(t) > layerOf(file))
        .map((t) => `${file} (${LAYERS[layerOf(file)][0]}) → ${t} (${LAYERS[layerOf(t)][0]})`),
    );
    expect(upward).toEqual([]);
  });

  it("has no import cycle between files", () => {
    const found = cycles(graph).map((scc) => `${scc.join(", ")} (e.g. ${cyclePath(graph, scc).join(" → ")})`);
    expect(found).toEqual([]);
  });
});
