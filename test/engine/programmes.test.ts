/**
 * Programmes stated as counts or shares (issue 13, item 2): a count of rangers, placements, posts or
 * students ÷ the households the measure can reach sets its coverage (or amount); a committed share sets the
 * least coverage; relocation's workers scale its jobs; forest compensation is a standing transfer; the loan
 * quota's interest subsidy is part of industry's unit cost. Paired seeds: the same registry and streams.
 */
import { describe, expect, it } from "vitest";
import {
  eligibleHouseholds,
  generateRegistry,
  loadRegions,
  loadScenario,
  overrideParameter,
  PARAMETERS,
  PROGRAMMES,
  runEngine,
  withProgrammes,
  yearParams,
  type ResolvedScenario,
} from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const base = loadScenario(fixture("programmes", "programmes.yaml"), { regions });
const ROWS = 1500;

/** The scenario with `path` set to `value` from 2018 on (the plan's own entries give way). */
function set(s: ResolvedScenario, path: string, value: number): ResolvedScenario {
  return overrideParameter(s, path, [{ from: 2018, value }], { assumption: "test" }, "test");
}

/** A measure's coverage in a year against the freshly generated registry. */
function coverage(s: ResolvedScenario, id: string, year = 2018): number {
  const reg = generateRegistry(s, { regions, maxRows: ROWS });
  const P = withProgrammes(yearParams(s, year), reg);
  return P.measureCoverage[P.measures.findIndex((m) => m.id === id)];
}

/** One replicate stepped in place: the registry's weighted incomes at the end, the poor and spending. */
function outcome(s: ResolvedScenario) {
  const reg = generateRegistry(s, { regions, maxRows: ROWS });
  const r = runEngine(s, { regions, registry: reg, replicates: 1, inPlace: true });
  const total = (col: Float32Array | Float64Array) => {
    let x = 0;
    for (let i = 0; i < reg.n; i++) x += reg.weight[i] * col[i];
    return x;
  };
  const T = r.years.length;
  return {
    wage: total(reg.incomeWage),
    farm: total(reg.incomeFarm),
    transfer: total(reg.incomeTransfer),
    poor: r.metrics.poor_people![T - 1],
    cost: r.metrics.measure_cost!.reduce((a, b) => a + b, 0),
  };
}

describe("programmes stated as counts set the measures' coverage", () => {
  it("forest rangers x10: more households reached by the ecology measure, more wage income, fewer poor", () => {
    const more = set(base, "ecology.forest_rangers", 2000);
    expect(coverage(more, "ecology")).toBeGreaterThan(coverage(base, "ecology"));
    const [a, b] = [outcome(base), outcome(more)];
    expect(b.wage).toBeGreaterThan(a.wage);
    expect(b.poor).toBeLessThan(a.poor);
  });

  it("a count is households ÷ the eligible at the start of the year (one job per household)", () => {
    const reg = generateRegistry(base, { regions, maxRows: ROWS });
    const P = yearParams(base, 2018);
    const k = P.measures.findIndex((m) => m.id === "ecology");
    const eligible = eligibleHouseholds(reg, P)[k];
    expect(withProgrammes(P, reg).measureCoverage[k]).toBeCloseTo(200 / eligible, 12);
    // two workers per household: half the households
    const two = yearParams(set(base, "model.programmes.workers_per_household", 2), 2018);
    expect(withProgrammes(two, reg).measureCoverage[k]).toBeCloseTo(100 / eligible, 12);
  });

  it("urban placements 0 or public-welfare posts 0: fewer households reached, less wage income", () => {
    for (const path of ["employment.urban_placements", "employment.public_jobs_weak_labour"]) {
      const none = set(base, path, 0);
      expect(coverage(none, "employment")).toBeLessThan(coverage(base, "employment"));
      expect(outcome(none).wage).toBeLessThan(outcome(base).wage);
    }
  });

  it("the poor's share of hires adds employment coverage in proportion", () => {
    const [c0, c5, c1] = [0, 0.5, 1].map((v) => coverage(set(base, "employment.poor_share_target", v), "employment"));
    expect(c5 - c0).toBeCloseTo(0.05, 12); // 0.5 × local_hires_ratio 0.1
    expect(c1).toBeGreaterThan(c5);
  });

  it("vocational students x10: more transfer income (the subsidy spread over the households reached)", () => {
    const more = set(base, "education.vocational_students", 3000);
    expect(outcome(more).transfer).toBeGreaterThan(outcome(base).transfer);
  });
});

describe("shares the plan commits to set the least coverage", () => {
  it("leading firms' household share: 1 − (1 − s)^(1/N) a year over the N years in force, more farm income", () => {
    const none = set(
      set(base, "industry.leading_firm_household_coverage_min", 0),
      "industry.leading_firm_village_coverage_min",
      0,
    );
    const default2018 = yearParams(none, 2018).measureCoverage[0];
    expect(coverage(none, "industry")).toBeCloseTo(default2018, 12);
    // 0.8 over 2018–2020 (3 years); the village share 0.6 is lower
    expect(coverage(base, "industry")).toBeCloseTo(1 - Math.pow(0.2, 1 / 3), 12);
    expect(coverage(base, "industry", 2020)).toBeCloseTo(1 - Math.pow(0.2, 1 / 3), 12);
    const villages = set(base, "industry.leading_firm_village_coverage_min", 1);
    expect(coverage(villages, "industry")).toBe(1);
    expect(outcome(base).farm).toBeGreaterThan(outcome(none).farm);
  });
});

describe("coverage stays in [0, 1]", () => {
  it("for counts far above the eligible, counts of 0 and shares at their ends", () => {
    const cases: [string, number][] = [
      ["ecology.forest_rangers", 1e9],
      ["ecology.forest_rangers", 0],
      ["employment.urban_placements", 1e9],
      ["employment.poor_share_target", 1],
      ["industry.leading_firm_household_coverage_min", 1],
    ];
    for (const [path, v] of cases) {
      const s = set(base, path, v);
      for (const year of [2018, 2019, 2020]) {
        const reg = generateRegistry(s, { regions, maxRows: 300 });
        for (const c of withProgrammes(yearParams(s, year), reg).measureCoverage) {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(coverage(set(base, "ecology.forest_rangers", 1e9), "ecology")).toBe(1);
    expect(coverage(set(base, "ecology.forest_rangers", 0), "ecology")).toBe(0);
  });
});

describe("relocation's workers, forest compensation and the loan quota", () => {
  it("two stably employed workers per relocated household: more wage income than one", () => {
    const all = set(base, "model.measures.relocation.coverage", 1);
    const two = set(all, "relocation.workers_per_household_min", 2);
    expect(outcome(two).wage).toBeGreaterThan(outcome(all).wage);
  });

  it("forest compensation x10: more transfer income and fewer poor; paid once, as a standing transfer", () => {
    const more = set(base, "ecology.forest_compensation_area", 1e7);
    const [a, b] = [outcome(base), outcome(more)];
    expect(b.transfer).toBeGreaterThan(a.transfer);
    expect(b.poor).toBeLessThanOrEqual(a.poor);
    // 1,000,000 mu × 15 yuan ÷ (500,000 rural people ÷ household size) per household, in 2018 only
    const P18 = yearParams(base, 2018),
      P19 = yearParams(base, 2019);
    expect(P18.standingTransfer).toBeGreaterThan(0);
    expect(P19.standingTransfer).toBe(0);
  });

  it("the loan quota's interest subsidy raises industry's unit cost and the money spent", () => {
    const none = set(base, "industry.loan_quota_per_household", 0);
    const k = yearParams(base, 2018).measures.findIndex((m) => m.id === "industry");
    expect(yearParams(base, 2018).measureCost[k] - yearParams(none, 2018).measureCost[k]).toBeCloseTo(
      20000 * 0.0435,
      9,
    );
    expect(outcome(base).cost).toBeGreaterThan(outcome(none).cost);
  });
});

describe("the catalog", () => {
  it("says what each programme's number drives", () => {
    for (const p of PROGRAMMES) expect(PARAMETERS[p.path].drives, p.path).toBeTruthy();
    for (const path of [
      "employment.startup_loan_max",
      "employment.startup_loan_years",
      "industry.loan_interest_subsidy_share_min",
      "education.university_set_aside_share",
    ])
      expect(PARAMETERS[path].context, path).toBeTruthy();
  });
});
