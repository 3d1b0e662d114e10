import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFormula, FormulaError } from "../../src/funds/formula.js";

const NAMES = ["revenue", "poor_people", "poor_households", "x", "y"] as const;

/** The FormulaError thrown by `f` (fails the test when it throws nothing or something else). */
function formulaError(f: () => unknown): FormulaError {
  try {
    f();
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
  throw new Error("expected a FormulaError");
}

describe("compileFormula: allowed expressions", () => {
  it("evaluates arithmetic over the allowed names", () => {
    const f = compileFormula("0.2 * revenue + 3000 * poor_households", NAMES);
    expect(f.symbols).toEqual(["poor_households", "revenue"]);
    expect(f.evaluate({ revenue: 1e9, poor_households: 100 })).toBeCloseTo(2e8 + 3e5, 6);
    // compiled once, evaluated again with another scope
    expect(f.evaluate({ revenue: 0, poor_households: 1 })).toBe(3000);
  });

  it("evaluates conditionals, comparisons, logic and the allowed functions", () => {
    const scope = { revenue: 5e8, poor_people: 120_000, poor_households: 40_000, x: -2.5, y: 9 };
    const cases: [string, number][] = [
      ["poor_people > 1e5 ? 3000 * poor_households : 0", 1.2e8],
      ["poor_people <= 1e5 ? 1 : 2", 2],
      ["max(revenue - 4e8, 0) * 0.2", 2e7],
      ["min(x, y, 3)", -2.5],
      ["abs(x)", 2.5],
      ["round(x)", -3],
      ["round(1.23456, 2)", 1.23],
      ["floor(x) + ceil(x)", -5],
      ["sqrt(y)", 3],
      ["log(exp(2))", 2],
      ["log(8, 2)", 3],
      ["2 ^ 10", 1024],
      ["-(x) + +y", 11.5],
      ["(x < 0 and y > 0) or not (x == y)", 1],
      ["x != x", 0],
      ["y >= 9 ? (x > 0 ? 1 : 2) : 3", 2],
    ];
    for (const [e, want] of cases) expect(compileFormula(e, NAMES).evaluate(scope), e).toBeCloseTo(want, 9);
  });

  it("needs only the names the expression uses", () => {
    const f = compileFormula("2 * x", NAMES);
    expect(f.evaluate({ x: 4 })).toBe(8);
    expect(compileFormula("42", []).evaluate({})).toBe(42);
  });
});

describe("compileFormula: forbidden constructs", () => {
  const forbidden: [string, RegExp][] = [
    ["f(x) = x", /function definition/],
    ["import({})", /function "import" .*not allowed/],
    ["x.constructor", /property or index access/],
    ["x[1]", /property or index access/],
    ["[1,2]", /an array/],
    ['"a"', /a string/],
    ["2 cm", /implicit multiplication.*units/],
    ["2 x", /implicit multiplication/],
    ['evaluate("1")', /function "evaluate"/],
    ['parse("1")', /function "parse"/],
    ["createUnit('foo')", /function "createUnit"/],
    ["a = 1", /an assignment/],
    ["sin(x)", /function "sin" .*not allowed.*allowed functions: min, max/],
    ["1:3", /a range/],
    ["{a: 1}", /an object/],
    ["x; y", /several statements/],
    ["x!", /operator "!"/],
    ["x mod 2", /operator "mod"/],
    ["x'", /operator "'"/],
    ["2 cm to inch", /unit conversion/],
    ["true", /constant true/],
    ["1e400", /finite/],
    ["pi * x", /unknown name "pi"/],
    ["max", /is a function and must be called/],
    ["abs(x, y)", /takes 1 argument, got 2/],
    ["x(2)", /function "x"/],
    ["", /empty/],
  ];
  for (const [e, re] of forbidden) {
    it(`rejects ${JSON.stringify(e)}`, () => {
      const err = formulaError(() => compileFormula(e, NAMES));
      expect(err.message).toMatch(re);
      expect(err.expression).toBe(e);
      expect(err).toBeInstanceOf(Error);
    });
  }

  it("reports a syntax error with its position", () => {
    const err = formulaError(() => compileFormula("1 + * 2", NAMES));
    expect(err.message).toMatch(/cannot read "1 \+ \* 2"/);
    expect(err.position).toBe(4);
  });

  it("names an unknown symbol, suggests the closest allowed one and lists them", () => {
    const err = formulaError(() => compileFormula("0.2 * revenu", ["revenue", "poor_people"]));
    expect(err.message).toBe(
      'unknown name "revenu" in "0.2 * revenu" (did you mean "revenue"?); allowed names: revenue, poor_people',
    );
    expect(err.position).toBe(6);
    const far = formulaError(() => compileFormula("zzz_total + 1", ["revenue"]));
    expect(far.message).not.toMatch(/did you mean/);
    expect(far.message).toMatch(/allowed names: revenue/);
  });

  it("suggests a function name for a misspelt call", () => {
    expect(formulaError(() => compileFormula("mx(x, 1)", NAMES)).message).toMatch(/did you mean "max"/);
  });

  it("has no way to reach the mathjs instance through allowed pieces", () => {
    // a name that happens to be a mathjs function is still just an input name, read from the scope only
    const f = compileFormula("evaluate + 1", ["evaluate"]);
    expect(f.evaluate({ evaluate: 1 })).toBe(2);
    expect(() => f.evaluate({})).toThrow(FormulaError);
  });
});

describe("compileFormula: evaluation errors", () => {
  it("rejects non-finite results, naming the scope values", () => {
    const f = compileFormula("revenue / poor_people", NAMES);
    const err = formulaError(() => f.evaluate({ revenue: 1, poor_people: 0 }));
    expect(err.message).toMatch(/gives Infinity, not a finite number, with poor_people = 0, revenue = 1/);
    expect(formulaError(() => compileFormula("sqrt(x)", NAMES).evaluate({ x: -1 })).message).toMatch(/NaN.*x = -1/);
    expect(formulaError(() => compileFormula("log(x)", NAMES).evaluate({ x: 0 })).message).toMatch(/-Infinity/);
    expect(formulaError(() => compileFormula("x * 2", NAMES).evaluate({ x: Number.NaN })).message).toMatch(/NaN/);
  });

  it("rejects missing and non-numeric inputs", () => {
    const f = compileFormula("revenue + poor_people", NAMES);
    expect(formulaError(() => f.evaluate({ revenue: 1 })).message).toMatch(/needs "poor_people", which is not given/);
    expect(formulaError(() => f.evaluate({ revenue: 1, poor_people: "2" as unknown as number })).message).toMatch(
      /is string, not a number/,
    );
  });
});

/** A random tree over the allowed pieces, printed as mathjs text and evaluated as plain JS. */
type Tree =
  | { k: "num"; v: number }
  | { k: "sym"; name: string }
  | { k: "bin"; op: "+" | "-" | "*"; a: Tree; b: Tree }
  | { k: "neg"; a: Tree }
  | { k: "fn"; fn: "min" | "max" | "abs"; args: Tree[] }
  | { k: "if"; cmp: "<" | "<=" | ">" | ">=" | "==" | "!="; l: Tree; r: Tree; a: Tree; b: Tree };

const SYMS = ["x", "y", "poor_people"];
const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -9, max: 9 }).map((v) => ({ k: "num", v }) as Tree),
    fc.constantFrom(...SYMS).map((name) => ({ k: "sym", name }) as Tree),
    fc
      .record({ op: fc.constantFrom("+", "-", "*"), a: tie("t"), b: tie("t") })
      .map((r) => ({ k: "bin", ...r }) as Tree),
    tie("t").map((a) => ({ k: "neg", a }) as Tree),
    fc
      .record({ fn: fc.constantFrom("min", "max", "abs"), args: fc.array(tie("t"), { minLength: 1, maxLength: 3 }) })
      .map((r) => (r.fn === "abs" ? { k: "fn", fn: "abs", args: [r.args[0]] } : { k: "fn", ...r }) as Tree),
    fc
      .record({
        cmp: fc.constantFrom("<", "<=", ">", ">=", "==", "!="),
        l: tie("t"),
        r: tie("t"),
        a: tie("t"),
        b: tie("t"),
      })
      .map((r) => ({ k: "if", ...r }) as Tree),
  ),
})).t;

function print(t: Tree): string {
  switch (t.k) {
    case "num":
      return t.v < 0 ? `(${t.v})` : String(t.v);
    case "sym":
      return t.name;
    case "bin":
      return `(${print(t.a)} ${t.op} ${print(t.b)})`;
    case "neg":
      return `-(${print(t.a)})`;
    case "fn":
      return `${t.fn}(${t.args.map(print).join(", ")})`;
    case "if":
      return `((${print(t.l)} ${t.cmp} ${print(t.r)}) ? (${print(t.a)}) : (${print(t.b)}))`;
  }
}

function jsEval(t: Tree, s: Record<string, number>): number {
  switch (t.k) {
    case "num":
      return t.v;
    case "sym":
      return s[t.name];
    case "bin": {
      const a = jsEval(t.a, s),
        b = jsEval(t.b, s);
      return t.op === "+" ? a + b : t.op === "-" ? a - b : a * b;
    }
    case "neg":
      return -jsEval(t.a, s);
    case "fn": {
      const v = t.args.map((a) => jsEval(a, s));
      return t.fn === "min" ? Math.min(...v) : t.fn === "max" ? Math.max(...v) : Math.abs(v[0]);
    }
    case "if": {
      const l = jsEval(t.l, s),
        r = jsEval(t.r, s);
      const c = { "<": l < r, "<=": l <= r, ">": l > r, ">=": l >= r, "==": l === r, "!=": l !== r }[t.cmp];
      return c ? jsEval(t.a, s) : jsEval(t.b, s);
    }
  }
}

describe("compileFormula: property", () => {
  it("random expressions of allowed pieces evaluate as the same tree in plain JS", () => {
    fc.assert(
      fc.property(
        tree,
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 1000 }),
        (t, x, y, p) => {
          const scope = { x, y, poor_people: p };
          const want = jsEval(t, scope);
          const f = compileFormula(print(t), SYMS);
          // out of the exact-integer range
          if (!Number.isFinite(want) || Math.abs(want) > Number.MAX_SAFE_INTEGER) return;
          const got = f.evaluate(scope);
          expect(got === 0 ? 0 : got).toBe(want === 0 ? 0 : want); // -0 and 0 are the same amount
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
