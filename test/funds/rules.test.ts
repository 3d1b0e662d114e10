/**
 * Check cases of the money rules (src/funds/rules.ts `evaluateFunds`): YAML input → output, one file per rule
 * kind in test/fixtures/funds/<kind>.yaml (plus the Fuyang record, rules outside their years, and errors).
 *
 * A case file:
 *
 *   # what the cases check, citing the clauses they follow, with the arithmetic of every expectation
 *   scenario: scenarios/fund-cases.yaml   # default fixture scenario of the cases (relative to the case file)
 *   state: {poorHouseholds: 1000, poorPeople: 3000, poorVillages: 10, poorCounties: 3, deepCounties: 2,
 *           placements: 400}
 *   cases:
 *     - name: what this case checks
 *       scenario: …                       # optional: overrides the file's
 *       year: 2019
 *       state: {…}                        # optional: overrides the file's (all six counts, see FundState)
 *       previous: chain                   # optional: the years from the horizon's start to year − 1 are
 *                                         #   evaluated in turn (same state), each passed to the next, as the
 *                                         #   engine does; or {lines: {rule: amount}, pools: {pool: amount}}
 *                                         #   for a previous year given outright; absent: no previous year
 *       expect:
 *         - {rule: province-increment, amount: 40000000, nature: grant}   # a line (nature, group optional)
 *         - {rule: early-only, absent: true}                              # no line (rule not in force)
 *         - {pool: provincial_special_fund, amount: 140000000}            # grant money of a pool
 *         - {pool: poverty_relending, absent: true}
 *         - {grants: …}  /  - {loans: …}
 *         - {error: {path: funds.x.expression, message: [substrings of the English message]}}
 *                                         # evaluating stops with this one problem
 *
 * Amounts are compared with a relative tolerance of 1e-12 (an expected 0 must be 0). Every evaluation is
 * also checked for consistency: a line for exactly the rules in force that year, grants = Σ grant lines,
 * loans = Σ loan lines, pools = Σ grant lines by pool (reserved shares and loans are not new money).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  loadRegions,
  loadScenario,
  RULE_KIND_NAMES,
  ValidationError,
  type FundRuleKind,
  type ResolvedScenario,
} from "../../src/index.js";
import { projectRevenue } from "../../src/funds/revenue.js";
import { evaluateFunds, type FundLine, type FundState, type FundYear } from "../../src/funds/rules.js";
import { fixture } from "../helpers.js";

const DIR = fixture("funds");
const TOL = 1e-12;
const STATE_KEYS = [
  "poorHouseholds",
  "poorPeople",
  "poorVillages",
  "poorCounties",
  "deepCounties",
  "placements",
] as const;

type Expectation =
  | { rule: string; amount?: number; nature?: FundLine["nature"]; group?: string; absent?: boolean }
  | { pool: string; amount?: number; absent?: boolean }
  | { grants: number }
  | { loans: number }
  | { error: { path: string; message: string[] } };

interface CheckCase {
  file: string;
  name: string;
  scenario: string;
  year: number;
  state: FundState;
  previous?: "chain" | { lines?: Record<string, number>; pools?: Record<string, number> };
  expect: Expectation[];
}

/** Throws with the case file's name when a case is malformed (so a typo cannot pass silently). */
function fail(file: string, what: string): never {
  throw new Error(`test/fixtures/funds/${file}: ${what}`);
}

function onlyKeys(file: string, where: string, v: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(file, `${where} must be a mapping`);
  for (const k of Object.keys(v))
    if (!allowed.includes(k)) fail(file, `${where}: unknown key "${k}" (allowed: ${allowed.join(", ")})`);
  return v as Record<string, unknown>;
}

function readState(file: string, where: string, v: unknown): FundState {
  const r = onlyKeys(file, where, v, STATE_KEYS);
  for (const k of STATE_KEYS) if (typeof r[k] !== "number") fail(file, `${where}.${k} must be a number`);
  return r as unknown as FundState;
}

function readExpectation(file: string, where: string, v: unknown): Expectation {
  const r = onlyKeys(file, where, v, [
    "rule",
    "pool",
    "amount",
    "nature",
    "group",
    "absent",
    "grants",
    "loans",
    "error",
  ]);
  const kinds = ["rule", "pool", "grants", "loans", "error"].filter((k) => k in r);
  if (kinds.length !== 1) fail(file, `${where}: give exactly one of rule, pool, grants, loans, error`);
  if ("amount" in r && typeof r.amount !== "number") fail(file, `${where}.amount must be a number`);
  if ("rule" in r || "pool" in r) {
    if (!("amount" in r) && !("nature" in r) && !("group" in r) && r.absent !== true)
      fail(file, `${where}: expect an amount, nature, group or absent: true`);
    if (r.absent === true && Object.keys(r).length !== 2) fail(file, `${where}: absent: true takes no other field`);
  }
  if ("pool" in r) onlyKeys(file, where, r, ["pool", "amount", "absent"]);
  if ("error" in r) {
    const e = onlyKeys(file, `${where}.error`, r.error, ["path", "message"]);
    if (typeof e.path !== "string" || !Array.isArray(e.message))
      fail(file, `${where}.error needs a path and a list of message substrings`);
  }
  return r as Expectation;
}

/** Reads every case file of test/fixtures/funds. */
function readCases(): CheckCase[] {
  const out: CheckCase[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const doc = onlyKeys(file, "the file", parse(readFileSync(join(DIR, file), "utf8")), [
      "scenario",
      "state",
      "cases",
    ]);
    if (!Array.isArray(doc.cases) || doc.cases.length === 0) fail(file, "cases must be a non-empty list");
    doc.cases.forEach((c: unknown, i: number) => {
      const where = `cases[${i}]`;
      const r = onlyKeys(file, where, c, ["name", "scenario", "year", "state", "previous", "expect"]);
      const scenario = (r.scenario ?? doc.scenario) as string | undefined;
      if (typeof r.name !== "string") fail(file, `${where}.name must be a string`);
      if (typeof scenario !== "string") fail(file, `${where}: no scenario (give one for the file or the case)`);
      if (typeof r.year !== "number") fail(file, `${where}.year must be a number`);
      if (!Array.isArray(r.expect) || r.expect.length === 0) fail(file, `${where}.expect must be a non-empty list`);
      let previous: CheckCase["previous"];
      if (r.previous === "chain") previous = "chain";
      else if (r.previous !== undefined) {
        const p = onlyKeys(file, `${where}.previous`, r.previous, ["lines", "pools"]);
        previous = p as CheckCase["previous"];
      }
      out.push({
        file,
        name: r.name,
        scenario: join(dirname(join(DIR, file)), scenario),
        year: r.year,
        state: readState(file, `${where}.state`, r.state ?? doc.state),
        ...(previous ? { previous } : {}),
        expect: r.expect.map((e: unknown, j: number) => readExpectation(file, `${where}.expect[${j}]`, e)),
      });
    });
  }
  return out;
}

const regions = loadRegions();
const scenarios = new Map<string, ResolvedScenario>();
const scenarioAt = (path: string) => {
  if (!scenarios.has(path)) scenarios.set(path, loadScenario(path, { regions }));
  return scenarios.get(path)!;
};

/** A previous year given outright by a case: its lines (kind and pool from the scenario's rule) and pools. */
function givenYear(
  s: ResolvedScenario,
  year: number,
  p: { lines?: Record<string, number>; pools?: Record<string, number> },
): FundYear {
  const lines: FundLine[] = Object.entries(p.lines ?? {}).map(([rule, amount]) => {
    const r = s.funds.get(rule);
    return {
      rule,
      kind: r?.kind ?? "fixed_pool",
      label: rule,
      pool: r?.pool ?? "special_fund",
      amount,
      nature: "grant",
      how: "given by the check case",
    };
  });
  const pools = new Map<string, number>(Object.entries(p.pools ?? {}));
  if (!p.pools) for (const l of lines) pools.set(l.pool, (pools.get(l.pool) ?? 0) + l.amount);
  const grants = [...pools.values()].reduce((a, b) => a + b, 0);
  return { year, lines, pools, grants, loans: 0 };
}

/** Evaluates a case's year as the case says (with its previous year, if any). */
function evaluateCase(c: CheckCase): FundYear {
  const s = scenarioAt(c.scenario);
  const revenue = projectRevenue(s);
  let previous: FundYear | undefined;
  if (c.previous === "chain")
    for (let y = s.horizon.start; y < c.year; y++) previous = evaluateFunds(s, revenue, y, c.state, previous);
  else if (c.previous) previous = givenYear(s, c.year - 1, c.previous);
  return evaluateFunds(s, revenue, c.year, c.state, previous);
}

function expectClose(actual: number | undefined, expected: number, what: string): void {
  expect(actual, what).toBeTypeOf("number");
  const ok = expected === 0 ? actual === 0 : Math.abs(actual! - expected) <= TOL * Math.abs(expected);
  expect(ok, `${what}: got ${actual}, expected ${expected} (relative tolerance ${TOL})`).toBe(true);
}

/** What every evaluation must satisfy, whatever the rules. */
function checkConsistency(s: ResolvedScenario, f: FundYear): void {
  const inForce = [...s.funds.values()]
    .filter((r) => (r.years.from ?? -Infinity) <= f.year && f.year <= (r.years.to ?? Infinity))
    .map((r) => r.id);
  expect(f.lines.map((l) => l.rule).sort(), "one line per rule in force").toEqual(inForce.sort());
  const sum = (ls: FundLine[]) => ls.reduce((a, l) => a + l.amount, 0);
  expect(f.grants).toBeCloseTo(sum(f.lines.filter((l) => l.nature === "grant")), 6);
  expect(f.loans).toBeCloseTo(sum(f.lines.filter((l) => l.nature === "loan")), 6);
  const pools = new Map<string, number>();
  for (const l of f.lines) if (l.nature === "grant") pools.set(l.pool, (pools.get(l.pool) ?? 0) + l.amount);
  expect([...f.pools.keys()].sort()).toEqual([...pools.keys()].sort());
  for (const [p, v] of pools) expect(f.pools.get(p), `pool ${p}`).toBeCloseTo(v, 6);
  for (const l of f.lines) expect(Number.isFinite(l.amount), `${l.rule} is finite`).toBe(true);
}

function checkExpectations(c: CheckCase, f: FundYear): void {
  for (const e of c.expect) {
    if ("rule" in e) {
      const line = f.lines.find((l) => l.rule === e.rule);
      if (e.absent) {
        expect(line, `rule ${e.rule} gives no line in ${c.year}`).toBeUndefined();
        continue;
      }
      expect(line, `rule ${e.rule} has a line in ${c.year}`).toBeDefined();
      if (e.amount !== undefined) expectClose(line!.amount, e.amount, `${e.rule} ${c.year}`);
      if (e.nature !== undefined) expect(line!.nature, `${e.rule} nature`).toBe(e.nature);
      if (e.group !== undefined) expect(line!.group, `${e.rule} group`).toBe(e.group);
    } else if ("pool" in e) {
      if (e.absent) expect(f.pools.has(e.pool), `pool ${e.pool} absent in ${c.year}`).toBe(false);
      else expectClose(f.pools.get(e.pool), e.amount!, `pool ${e.pool} ${c.year}`);
    } else if ("grants" in e) expectClose(f.grants, e.grants, `grants ${c.year}`);
    else if ("loans" in e) expectClose(f.loans, e.loans, `loans ${c.year}`);
  }
}

const cases = readCases();

describe("fund rules: check cases (test/fixtures/funds/*.yaml)", () => {
  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      const wantError = c.expect.find((e): e is Extract<Expectation, { error: unknown }> => "error" in e);
      if (wantError) {
        // the rules are evaluated for the case's year (and the years before it, for a chain)
        let caught: unknown;
        try {
          evaluateCase(c);
        } catch (e) {
          caught = e;
        }
        expect(caught, "a ValidationError").toBeInstanceOf(ValidationError);
        const problems = (caught as ValidationError).problems;
        expect(problems).toHaveLength(1);
        const p = problems[0];
        expect(p.path).toBe(wantError.error.path);
        expect(p.file).toMatch(/test[\\/]fixtures[\\/]funds[\\/]scenarios[\\/].+\.yaml$/);
        for (const m of wantError.error.message) expect(p.message.en).toContain(m);
        expect(p.message.zh.length).toBeGreaterThan(0);
        return;
      }
      const f = evaluateCase(c);
      checkConsistency(scenarioAt(c.scenario), f);
      checkExpectations(c, f);
    });
  }
});

describe("fund rules: the check cases cover", () => {
  const ruleOf = (c: CheckCase, id: string) => scenarioAt(c.scenario).funds.get(id);
  const named = cases.flatMap((c) => c.expect.flatMap((e) => ("rule" in e && !e.absent ? [ruleOf(c, e.rule)] : [])));

  it("every rule a case names exists in its scenario", () => {
    for (const c of cases)
      for (const e of c.expect) if ("rule" in e) expect(ruleOf(c, e.rule), `${c.file}: ${e.rule}`).toBeDefined();
  });

  it("every rule kind", () => {
    const kinds = new Set(named.map((r) => r!.kind));
    expect([...kinds].sort()).toEqual([...RULE_KIND_NAMES].sort() as FundRuleKind[]);
  });

  it("every negative_increment mode, every reserved_share basis, fixed and counted per-unit bases", () => {
    const of = (k: FundRuleKind, field: string, dflt: string) =>
      new Set(named.filter((r) => r!.kind === k).map((r) => String(r!.fields[field] ?? dflt)));
    expect([...of("revenue_increment_share", "negative_increment", "zero")].sort()).toEqual([
      "floor_previous",
      "negative",
      "zero",
    ]);
    expect([...of("reserved_share", "applies_to", "new")].sort()).toEqual(["all", "new"]);
    const perUnit = named.filter((r) => r!.kind === "per_unit");
    expect(perUnit.some((r) => r!.quantities.count)).toBe(true);
    expect(perUnit.some((r) => !r!.quantities.count && r!.fields.per === "poor_household")).toBe(true);
    expect(perUnit.some((r) => r!.quantities.amount.unit.endsWith("/month"))).toBe(true);
    expect(perUnit.some((r) => String(r!.fields.per).startsWith("worker_") || r!.fields.per === "hire")).toBe(true);
  });

  it("a rule outside its years, and the two errors the brief names", () => {
    expect(cases.some((c) => c.expect.some((e) => "rule" in e && e.absent))).toBe(true);
    const paths = cases.flatMap((c) => c.expect.flatMap((e) => ("error" in e ? [e.error.path] : [])));
    expect(paths.some((p) => /^funds\.[^.]+$/.test(p))).toBe(true);
    expect(paths.some((p) => /^funds\.[^.]+\.expression$/.test(p))).toBe(true);
  });
});
