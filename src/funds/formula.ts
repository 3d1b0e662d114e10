/**
 * Safe arithmetic formulas for fund rules of kind `formula`.
 *
 * A scenario writes a money rule as a mathjs expression over named inputs, e.g.
 * `0.2 * max(revenue - revenue_2015, 0)` or `poor_people > 1e5 ? 3000 * poor_households : 0`.
 * Scenario files are edited by hand and may be shared, so the expression is never handed to a general
 * evaluator: it is parsed by a private mathjs instance (whose `import`, `createUnit`, `evaluate`, `parse`,
 * `simplify` and `derivative` are disabled, as the mathjs security guidance recommends), and the parsed tree is
 * then checked node by node against a small whitelist before it is compiled:
 *
 * - numbers (finite constants only; no strings, booleans, units, matrices or ranges);
 * - the names the caller allows (the rule's inputs), nothing else;
 * - the operators `+ - * / ^`, unary `-` and `+`, the comparisons `< <= > >= == !=` and `and`, `or`, `not`;
 * - parentheses and the conditional `a ? b : c`;
 * - calls of `min`, `max`, `abs`, `round`, `floor`, `ceil`, `sqrt`, `log`, `exp`.
 *
 * Anything else — assignments, function definitions, property or index access, objects, arrays, ranges,
 * strings, units, implicit multiplication, several statements, any other function — is rejected with a
 * {@link FormulaError} that names what was found and what is allowed.
 *
 * Numbers follow mathjs semantics: comparisons use mathjs's relative tolerance (1e-12), `round` rounds half
 * away from zero, and a result that is not a real finite number (`1/0`, `sqrt(-1)`, `log(0)`) is an error.
 */
import { createRequire } from "node:module";
import type { MathNode } from "mathjs";
import { didYouMean, editDistance } from "../errors.js";

/** A formula that passed the whitelist, compiled once, ready to evaluate over many scopes. */
export interface CompiledFormula {
  /** The expression as written. */
  expression: string;
  /** The input names the expression uses, sorted, each once. */
  symbols: string[];
  /**
   * Evaluates the formula. Every name in {@link symbols} must be present in `scope` as a finite number.
   * A comparison or logical result is returned as 1 (true) or 0 (false).
   * @throws FormulaError when a name is missing or not a number, or when the result is not a finite number.
   */
  evaluate(scope: Readonly<Record<string, number>>): number;
}

/** An expression that is not allowed, does not parse, or does not evaluate to a finite number. */
export class FormulaError extends Error {
  /** The expression as written. */
  readonly expression: string;
  /** 0-based character index in {@link expression} where the problem is, when known. */
  readonly position?: number;
  constructor(expression: string, message: string, position?: number) {
    super(message);
    this.name = "FormulaError";
    this.expression = expression;
    if (position !== undefined) this.position = position;
  }
}

/** Functions a formula may call, with the numbers of arguments each accepts. */
const FUNCTIONS: Readonly<Record<string, { min: number; max: number }>> = {
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  floor: { min: 1, max: 1 },
  ceil: { min: 1, max: 1 },
  sqrt: { min: 1, max: 1 },
  log: { min: 1, max: 2 },
  exp: { min: 1, max: 1 },
};
const FUNCTION_NAMES = Object.keys(FUNCTIONS);

/** mathjs operator functions a formula may use, keyed by mathjs's `fn` name. */
const OPERATORS: ReadonlySet<string> = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
  "smaller",
  "smallerEq",
  "larger",
  "largerEq",
  "equal",
  "unequal",
  "and",
  "or",
  "not",
]);
const OPERATOR_LIST = "+ - * / ^, unary -, < <= > >= == !=, and, or, not";
const ALLOWED_SUMMARY =
  `numbers, the allowed names, the operators ${OPERATOR_LIST}, parentheses, a ? b : c, ` +
  `and the functions ${FUNCTION_NAMES.join(", ")}`;

/** Longest expression accepted, a guard against pathological input. */
const MAX_LENGTH = 10_000;

/**
 * The private, locked-down mathjs instance, created on first use (creating it takes about half a second,
 * which a process without formulas should not pay); its `parse` is captured before being disabled.
 */
let lockedParse: ((expr: string) => MathNode) | undefined;
function parse(expression: string): MathNode {
  if (!lockedParse) {
    // loaded on first use too: importing mathjs builds its default instance, which costs every process
    // (and every worker thread) half a second
    const { create, all } = createRequire(import.meta.url)("mathjs") as typeof import("mathjs");
    const math = create(all, { predictable: true });
    lockedParse = math.parse;
    const disabled = (name: string) => () => {
      throw new Error(`function ${name} is disabled in formulas`);
    };
    math.import(
      {
        import: disabled("import"),
        createUnit: disabled("createUnit"),
        evaluate: disabled("evaluate"),
        parse: disabled("parse"),
        simplify: disabled("simplify"),
        derivative: disabled("derivative"),
        compile: disabled("compile"),
        resolve: disabled("resolve"),
        reviver: disabled("reviver"),
      },
      { override: true },
    );
  }
  return lockedParse(expression);
}

/** A did-you-mean suggestion, unless it would replace every character of what was written. */
function suggest(name: string, candidates: readonly string[]): string | undefined {
  const guess = didYouMean(name, candidates);
  if (guess === undefined) return undefined;
  return editDistance(name.toLowerCase(), guess.toLowerCase()) < Math.max(name.length, guess.length)
    ? guess
    : undefined;
}

/** The mathjs type of a result that is not a number (a matrix, a unit …), for the error message. */
function kindOf(result: object): string {
  return (result as { type?: string }).type ?? "value";
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function allowedNames(allowed: readonly string[]): string {
  return allowed.length === 0 ? "allowed names: none" : `allowed names: ${allowed.join(", ")}`;
}

/** Best-effort 0-based position of `needle` (as a whole word when it is a name) in the expression. */
function locate(expression: string, needle: string, word: boolean): number | undefined {
  if (needle === "") return undefined;
  if (!word) {
    const i = expression.indexOf(needle);
    return i >= 0 ? i : undefined;
  }
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`(?<![A-Za-z0-9_$.])${escaped}(?![A-Za-z0-9_$])`).exec(expression);
  return m ? m.index : undefined;
}

/** What a node is, in plain words, for error messages. */
function describe(node: MathNode): string {
  switch (node.type) {
    case "AssignmentNode":
      return "an assignment";
    case "FunctionAssignmentNode":
      return "a function definition";
    case "AccessorNode":
      return "a property or index access";
    case "IndexNode":
      return "an index";
    case "ObjectNode":
      return "an object";
    case "ArrayNode":
      return "an array";
    case "RangeNode":
      return "a range";
    case "BlockNode":
      return "several statements";
    case "RelationalNode":
      return "a chained comparison";
    default:
      return `a ${node.type.replace(/Node$/, "").toLowerCase()}`;
  }
}

/** A position hint for a node of a forbidden kind. */
function locateNode(expression: string, node: MathNode): number | undefined {
  switch (node.type) {
    case "AssignmentNode":
    case "FunctionAssignmentNode":
      return locate(expression, "=", false);
    case "AccessorNode":
    case "IndexNode": {
      const dot = /\.[A-Za-z_$]/.exec(expression);
      const br = expression.indexOf("[");
      const cands = [dot ? dot.index : -1, br].filter((i) => i >= 0);
      return cands.length ? Math.min(...cands) : undefined;
    }
    case "ObjectNode":
      return locate(expression, "{", false);
    case "ArrayNode":
      return locate(expression, "[", false);
    case "RangeNode":
      return locate(expression, ":", false);
    case "BlockNode": {
      const m = /[;\n]/.exec(expression);
      return m ? m.index : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Walks the parsed tree and throws on the first node outside the whitelist; collects the names used.
 * Node fields are read through a narrow structural view: mathjs's node classes are not discriminated unions.
 */
function check(
  expression: string,
  root: MathNode,
  allowed: ReadonlySet<string>,
  allowedList: readonly string[],
): Set<string> {
  const symbols = new Set<string>();
  const fail = (message: string, position?: number): never => {
    throw new FormulaError(expression, message, position);
  };
  const visit = (node: MathNode): void => {
    const n = node as unknown as {
      type: string;
      value?: unknown;
      name?: string;
      fn?: unknown;
      op?: string;
      implicit?: boolean;
      args?: MathNode[];
      content?: MathNode;
      condition?: MathNode;
      trueExpr?: MathNode;
      falseExpr?: MathNode;
    };
    switch (n.type) {
      case "ConstantNode": {
        const v = n.value;
        if (typeof v === "number") {
          if (!Number.isFinite(v))
            fail(`the number in ${quote(expression)} is too large to be finite; allowed: finite numbers`);
          return;
        }
        if (typeof v === "string") {
          fail(
            `a string ${quote(v)} in ${quote(expression)} is not allowed; allowed: ${ALLOWED_SUMMARY}`,
            locate(expression, quote(v), false) ?? locate(expression, `'${v}'`, false),
          );
        }
        fail(
          `the constant ${String(v)} in ${quote(expression)} is not allowed (only numbers); ` +
            `allowed: ${ALLOWED_SUMMARY}`,
          locate(expression, String(v), true),
        );
        return;
      }
      case "SymbolNode": {
        const name = n.name ?? "";
        if (!allowed.has(name)) {
          const position = locate(expression, name, true);
          if (Object.hasOwn(FUNCTIONS, name))
            fail(
              `${quote(name)} in ${quote(expression)} is a function and must be called, e.g. ${name}(x); ` +
                allowedNames(allowedList),
              position,
            );
          const guess = suggest(name, allowedList);
          fail(
            `unknown name ${quote(name)} in ${quote(expression)}` +
              `${guess ? ` (did you mean ${quote(guess)}?)` : ""}; ${allowedNames(allowedList)}`,
            position,
          );
        }
        symbols.add(name);
        return;
      }
      case "ParenthesisNode":
        visit(n.content as MathNode);
        return;
      case "ConditionalNode":
        visit(n.condition as MathNode);
        visit(n.trueExpr as MathNode);
        visit(n.falseExpr as MathNode);
        return;
      case "OperatorNode": {
        const fn = typeof n.fn === "string" ? n.fn : "";
        const op = n.op ?? fn;
        if (!OPERATORS.has(fn)) {
          const what = op === "to" || op === "in" ? "unit conversion" : `the operator ${quote(op)}`;
          fail(
            `${what} in ${quote(expression)} is not allowed; allowed operators: ${OPERATOR_LIST}`,
            locate(expression, op, /^[a-z]+$/.test(op)),
          );
        }
        if (n.implicit) {
          const text = node.toString();
          fail(
            `implicit multiplication ${quote(text)} in ${quote(expression)} is not allowed ` +
              "(units are not supported either); write * between the factors",
            locate(expression, text, false),
          );
        }
        for (const a of n.args ?? []) visit(a);
        return;
      }
      case "FunctionNode": {
        const callee = n.fn as MathNode & { type: string; name?: string };
        const name = callee.type === "SymbolNode" ? (callee.name ?? "") : "";
        if (!name || !Object.hasOwn(FUNCTIONS, name)) {
          const shown = name || callee.toString();
          const position = locate(expression, shown, name !== "");
          const guess = name ? suggest(name, FUNCTION_NAMES) : undefined;
          fail(
            `the function ${quote(shown)} in ${quote(expression)} is not allowed` +
              `${guess ? ` (did you mean ${quote(guess)}?)` : ""}; allowed functions: ${FUNCTION_NAMES.join(", ")}`,
            position,
          );
        }
        const arity = FUNCTIONS[name];
        const args = n.args ?? [];
        if (args.length < arity.min || args.length > arity.max) {
          const want =
            arity.max === Infinity
              ? `at least ${arity.min}`
              : arity.min === arity.max
                ? `${arity.min}`
                : `${arity.min} or ${arity.max}`;
          fail(
            `${name}() in ${quote(expression)} takes ${want} argument${want === "1" ? "" : "s"}, got ${args.length}`,
            locate(expression, name, true),
          );
        }
        for (const a of args) visit(a);
        return;
      }
      default:
        fail(
          `${describe(node)} in ${quote(expression)} is not allowed; allowed: ${ALLOWED_SUMMARY}`,
          locateNode(expression, node),
        );
    }
  };
  visit(root);
  return symbols;
}

/**
 * Parses `expression`, checks it against the whitelist (see the module documentation) with `allowed` as the
 * only names it may use, and compiles it once.
 *
 * @param expression mathjs syntax, e.g. `0.2 * revenue`.
 * @param allowed the input names the formula may read.
 * @throws FormulaError on a syntax error (with the position), a forbidden construct, or an unknown name
 *   (with a did-you-mean suggestion and the list of allowed names).
 */
export function compileFormula(expression: string, allowed: readonly string[]): CompiledFormula {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw new FormulaError(String(expression ?? ""), "the formula is empty; write an expression such as 0.2 * revenue");
  }
  if (expression.length > MAX_LENGTH) {
    throw new FormulaError(
      expression.slice(0, 80) + "…",
      `the formula is ${expression.length} characters long; at most ${MAX_LENGTH} are allowed`,
    );
  }
  let root: MathNode;
  try {
    root = parse(expression);
  } catch (e) {
    const err = e as Error & { char?: number };
    const position = typeof err.char === "number" ? Math.max(0, Math.min(expression.length, err.char - 1)) : undefined;
    const msg = err.message.replace(/\s*\(char \d+\)\s*$/, "");
    throw new FormulaError(
      expression,
      `cannot read ${quote(expression)}: ${msg}${position !== undefined ? ` at character ${position + 1}` : ""}`,
      position,
    );
  }
  const allowedSet = new Set(allowed);
  const symbols = [...check(expression, root, allowedSet, allowed)].sort();
  const code = root.compile();
  return {
    expression,
    symbols,
    evaluate(scope: Readonly<Record<string, number>>): number {
      const values = new Map<string, number>();
      const missing: string[] = [];
      for (const s of symbols) {
        if (scope == null || !Object.hasOwn(scope, s)) {
          missing.push(s);
          continue;
        }
        const v = scope[s];
        if (typeof v !== "number") {
          throw new FormulaError(
            expression,
            `the input ${quote(s)} of ${quote(expression)} is ${v === null ? "null" : typeof v}, not a number`,
          );
        }
        values.set(s, v);
      }
      if (missing.length) {
        throw new FormulaError(
          expression,
          `${quote(expression)} needs ${missing.map(quote).join(", ")}, ` +
            `which ${missing.length === 1 ? "is" : "are"} not given; ` +
            `given: ${scope ? Object.keys(scope).join(", ") || "nothing" : "nothing"}`,
        );
      }
      const shown = () =>
        symbols.length ? symbols.map((s) => `${s} = ${String(values.get(s))}`).join(", ") : "no inputs";
      let result: unknown;
      try {
        result = code.evaluate(values);
      } catch (e) {
        throw new FormulaError(
          expression,
          `${quote(expression)} cannot be evaluated with ${shown()}: ${(e as Error).message}`,
        );
      }
      if (typeof result === "boolean") return result ? 1 : 0;
      if (typeof result !== "number" || !Number.isFinite(result)) {
        const what =
          typeof result === "number"
            ? String(result)
            : `a ${typeof result === "object" && result !== null ? kindOf(result) : typeof result}`;
        throw new FormulaError(expression, `${quote(expression)} gives ${what}, not a finite number, with ${shown()}`);
      }
      return result;
    },
  };
}
