/**
 * Programmes a scenario states (`programmes:`, issue 13 item 3): each is a row of the programmes table with
 * its own dated numbers, applied by the same code as the built-in rows. Paired seeds: the same registry and
 * streams with and without the programme.
 */
import { describe, expect, it } from "vitest";
import {
  checkScenarioFunds,
  explain,
  generateRegistry,
  loadRegions,
  loadScenario,
  runEngine,
  ValidationError,
  withProgrammes,
  yearParams,
  type Problem,
  type ResolvedScenario,
} from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const load = (name: string) => loadScenario(fixture("scenario-programmes", `${name}.yaml`), { regions });
const ROWS = 1500;

/** A measure's coverage in a year against the freshly generated registry (paired: same seed). */
function measureOf(s: ResolvedScenario, id: string, year = 2018) {
  const reg = generateRegistry(s, { regions, maxRows: ROWS });
  const P = withProgrammes(yearParams(s, year), reg);
  const k = P.measures.findIndex((m) => m.id === id);
  return { coverage: P.measureCoverage[k], cost: P.measureCost[k] };
}

/** One replicate stepped in place: weighted wage income at the end and the poor in the last year. */
function outcome(s: ResolvedScenario) {
  const reg = generateRegistry(s, { regions, maxRows: ROWS });
  const r = runEngine(s, { regions, registry: reg, replicates: 1, inPlace: true });
  let wage = 0;
  for (let i = 0; i < reg.n; i++) wage += reg.weight[i] * reg.incomeWage[i];
  return { wage, poor: r.metrics.poor_people!, cost: r.metrics.measure_cost! };
}

/** The problems of loading a scenario and checking it as a run does. */
function problemsOf(name: string): Problem[] {
  try {
    checkScenarioFunds(load(name));
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  return [];
}

describe("a scenario programme", () => {
  const plain = load("plain"),
    jobs = load("jobs"),
    zero = load("jobs-zero"),
    firms = load("firms");

  it("an adds employment programme raises employment coverage and wage income on paired seeds", () => {
    const [a, b] = [measureOf(plain, "employment"), measureOf(jobs, "employment")];
    expect(b.coverage).toBeGreaterThan(a.coverage);
    expect(b.coverage).toBeLessThanOrEqual(1);
    // in force 2018–2019 only: 2020 is the measure's default
    expect(measureOf(jobs, "employment", 2020).coverage).toBeCloseTo(measureOf(plain, "employment", 2020).coverage);
    const [x, y] = [outcome(plain), outcome(jobs)];
    expect(y.wage).toBeGreaterThan(x.wage);
    expect(y.poor.at(-1)).toBeLessThanOrEqual(x.poor.at(-1)!);
  });

  it("count 0 (a variant changing one field) changes nothing", () => {
    expect(measureOf(zero, "employment")).toEqual(measureOf(plain, "employment"));
    const [x, y] = [outcome(plain), outcome(zero)];
    expect(y.wage).toBe(x.wage);
    expect(y.poor).toEqual(x.poor);
    expect(y.cost).toEqual(x.cost);
  });

  it("a least share sets the yearly coverage that reaches it by the horizon, at its unit cost", () => {
    const f = measureOf(firms, "industry"),
      p = measureOf(plain, "industry");
    // "2018" holds from 2018 on: 0.9 reached over the horizon's three years, 1 − (1 − c)^3 = 0.9
    expect(f.coverage).toBeCloseTo(Math.max(1 - Math.pow(0.1, 1 / 3), p.coverage), 12);
    expect(f.coverage).toBeGreaterThan(p.coverage);
    expect(f.cost).toBe(5000);
    // the other measures are untouched
    expect(measureOf(firms, "employment")).toEqual(measureOf(plain, "employment"));
  });

  it("validation names file, line and path: unknown measure, unknown rule, count and share both, units", () => {
    const problems = problemsOf("bad");
    const find = (path: string) => problems.find((q) => q.path === path);
    expect(find("programmes.rule.rule")?.message.en).toMatch(/did you mean "adds"/);
    expect(find("programmes.both.share")?.message.en).toMatch(/not both/);
    for (const q of problems) {
      expect(q.file).toMatch(/bad\.yaml$/);
      expect(q.line).toBeGreaterThan(0);
    }
    const measure = problemsOf("bad-measure");
    expect(measure.find((q) => q.path === "programmes.typo.measure")?.message.en).toMatch(/did you mean "employment"/);
    expect(measure.find((q) => q.path === "programmes.typo.purpose")?.line).toBe(10);
    expect(measure.every((q) => q.file.endsWith("bad-measure.yaml") && q.line > 0)).toBe(true);
    const unit = problemsOf("bad-unit");
    expect(unit.map((q) => q.path)).toContain("programmes.jobs.count.unit");
  });

  it("explain shows the programme and its dated count", () => {
    const e = explain(jobs, "programmes.urban-jobs");
    expect(e?.fields).toMatchObject({ measure: "employment", rule: "adds", purpose: "employment" });
    expect(e?.children).toContain("programmes.urban-jobs.count");
    const c = explain(jobs, "programmes.urban-jobs.count");
    expect(c?.byYear.find((v) => v.year === 2018)?.value).toBe(800);
  });
});
