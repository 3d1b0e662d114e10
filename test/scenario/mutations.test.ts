import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import {
  BASELINE,
  generateRegistry,
  loadBaselines,
  loadDocuments,
  loadRegions,
  loadScenario,
  MODES,
  runEngine,
  ValidationError,
} from "../../src/index.js";
import { ROOT, fixture } from "../helpers.js";

/**
 * Property: any mutation of a valid scenario gives either a valid scenario (which then runs) or a
 * ValidationError listing problems with positions — never another exception, never a half-run.
 */
const dir = mkdtempSync(join(tmpdir(), "tuopin-mut-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sources = [
  ...readdirSync(join(ROOT, "scenarios"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(ROOT, "scenarios", f)),
  ...["small.yaml", "small-variant.yaml", "funds.yaml", "funds-variant.yaml"].map((f) => fixture("scenarios", f)),
];
for (const s of sources) copyFileSync(s, join(dir, s.split("/").pop()!));
// plans extend base/defaults, found beside them (or else in the package)
const names = sources.map((s) => s.split("/").pop()!);
const regions = loadRegions();
const context = {
  regions,
  baselines: loadBaselines(undefined, new Set(regions.byId.keys()), BASELINE),
  documents: loadDocuments(),
};

type Json = unknown;
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
function setAt(root: Json, p: (string | number)[], f: (old: Json) => Json | undefined): Json {
  if (p.length === 0) return f(root);
  const parent = p.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], root) as Record<
    string | number,
    Json
  >;
  const k = p[p.length - 1];
  const v = f(parent[k]);
  if (v === undefined) delete parent[k];
  else parent[k] = v;
  return root;
}

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1e6, max: 1e12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 1, 1.5, 2, 1e308, -0.5, 2018, 2101, 0.999999),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "2018",
    "2018-13-01",
    "2020-01-01.2019-01-01",
    "province",
    "share",
    "/1",
    "people",
    "yuan",
    "deep_poor_counties",
    "anhui",
    "nowhere",
    "004 §一",
    "999 §一",
  ),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom("value", "unit", "source", "values", "kind", "x"),
    fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
    { maxKeys: 3 },
  ),
);

type Mutation =
  | { op: "set"; pick: number; value: Json }
  | { op: "delete"; pick: number }
  | { op: "rename"; pick: number; key: string }
  | { op: "add"; pick: number; key: string; value: Json };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), pick: fc.nat(), value: junk }),
  fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant("rename" as const),
    pick: fc.nat(),
    key: fc.oneof(
      fc.string({ minLength: 1, maxLength: 10 }),
      fc.constantFrom("values", "2019", "2020-01-01.2020-12-31", "kind", "extends", "funds", "region"),
    ),
  }),
  fc.record({
    op: fc.constant("add" as const),
    pick: fc.nat(),
    key: fc.string({ minLength: 1, maxLength: 10 }),
    value: junk,
  }),
);

function attempt(file: string, text: string): "valid" | "invalid" {
  const path = join(dir, file);
  const original = readFileSync(path, "utf8");
  writeFileSync(path, text);
  try {
    const s = loadScenario(path, context);
    // a valid scenario must run (or stop with a ValidationError): a small registry keeps this fast
    const registry = generateRegistry(s, { regions, maxRows: 200 });
    for (const mode of MODES) runEngine(s, { regions, registry, replicates: 1, mode });
    return "valid";
  } catch (e) {
    if (e instanceof ValidationError) {
      for (const p of e.problems) {
        expect(p.file).toBeTruthy();
        expect(p.message.en.length).toBeGreaterThan(0);
        expect(p.message.zh.length).toBeGreaterThan(0);
      }
      return "invalid";
    }
    throw new Error(
      `uncaught ${(e as Error).name} for a mutation of ${file}: ${(e as Error).message}\n--- text ---\n${text}`,
      { cause: e },
    );
  } finally {
    writeFileSync(path, original);
  }
}

describe("scenario mutations (property)", () => {
  it("structural mutations give a valid scenario or a ValidationError, never an uncaught exception", () => {
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: names.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, muts) => {
          const file = names[which];
          let obj: Json = parse(readFileSync(join(dir, file), "utf8"));
          for (const m of muts) {
            const ps = paths(obj);
            const p = ps[m.pick % ps.length];
            if (m.op === "set") obj = setAt(obj, p, () => structuredClone(m.value));
            else if (m.op === "delete" && p.length) obj = setAt(obj, p, () => undefined);
            else if (m.op === "rename" && p.length && typeof p[p.length - 1] === "string") {
              const parentPath = p.slice(0, -1);
              const old = p[p.length - 1] as string;
              obj = setAt(obj, parentPath, (parent) => {
                const o = parent as Record<string, Json>;
                const v = o[old];
                delete o[old];
                o[m.key] = v;
                return o;
              });
            } else if (m.op === "add") {
              obj = setAt(obj, p, (node) =>
                node && typeof node === "object" && !Array.isArray(node)
                  ? { ...(node as object), [m.key]: structuredClone(m.value) }
                  : node,
              );
            }
          }
          seen[attempt(file, stringify(obj))]++;
        },
      ),
      { numRuns: 2000, seed: 424242 },
    );
    // the generator reaches both outcomes
    expect(seen.invalid).toBeGreaterThan(100);
    expect(seen.valid).toBeGreaterThan(10);
  }, 120_000);

  it("text mutations (deletions, insertions, duplicated lines) never escape as other exceptions", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: names.length - 1 }),
        fc.nat(),
        fc.nat({ max: 40 }),
        fc.string({ maxLength: 6 }),
        fc.constantFrom("cut", "insert", "dup"),
        (which, pos, len, ins, op) => {
          const file = names[which];
          const text = readFileSync(join(dir, file), "utf8");
          const i = pos % text.length;
          let t: string;
          if (op === "cut") t = text.slice(0, i) + text.slice(i + len);
          else if (op === "insert") t = text.slice(0, i) + ins + text.slice(i);
          else {
            const lines = text.split("\n");
            const k = pos % lines.length;
            t = [...lines.slice(0, k + 1), lines[k], ...lines.slice(k + 1)].join("\n");
          }
          attempt(file, t);
        },
      ),
      { numRuns: 1000, seed: 99 },
    );
  }, 120_000);
});
