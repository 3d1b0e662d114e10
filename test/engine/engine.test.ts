import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateRegistry,
  cloneRegistry,
  generateRegistry,
  loadRegions,
  loadScenario,
  recordYear,
  runEngine,
  seedState,
  Status,
  stepHouseholds,
  yearParams,
  Acc,
  PEOPLE_SCALE,
  type Registry,
  type YearParams,
  overrideParameter,
  type ResolvedScenario,
} from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const small = loadScenario(fixture("scenarios", "small.yaml"));

/** The scenario with some parameters replaced (open-ended from the horizon's start). */
function withParams(s: ResolvedScenario, values: Record<string, number>): ResolvedScenario {
  return Object.entries(values).reduce(
    (sc, [path, value]) =>
      overrideParameter(sc, path, [{ from: s.horizon.start, value }], { assumption: "test" }, "test"),
    s,
  );
}

const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

describe("generateRegistry", () => {
  it("is deterministic and conserves people exactly: Σ size × weight = baseline poor", () => {
    const a = generateRegistry(small, { regions }),
      b = generateRegistry(small, { regions });
    expect(Array.from(a.incomeWage)).toEqual(Array.from(b.incomeWage));
    let people = 0;
    for (let i = 0; i < a.n; i++) if (a.status[i] === Status.poor) people += a.weight[i] * a.size[i];
    expect(people).toBeCloseTo(20000, 6);
    // villages belong to counties, and every household to a village
    for (let i = 0; i < a.n; i++) expect(a.village[i]).toBeLessThan(a.villages.n);
    for (let v = 0; v < a.villages.n; v++) expect(a.villages.county[v]).toBeLessThan(a.counties.n);
  });

  it("places Anhui's poor counties from data, deep counties first", () => {
    const anhui = loadScenario(fixture("scenarios", "funds.yaml"));
    const r = generateRegistry(anhui, { regions });
    expect(r.counties.n).toBe(28); // 27 poor counties (004 §一) + the other counties
    expect(r.counties.ids.slice(0, 2).sort()).toEqual(["funan", "linquan"]);
    expect(Array.from(r.counties.deep).reduce((a, b) => a + b, 0)).toBe(9);
  });
});

describe("stepHouseholds: the household exit rule (property)", () => {
  it("a poor household exits exactly when its income per person is above the line and the guarantees hold", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ratio: fc.double({ min: 0.2, max: 2, noNaN: true }),
            size: fc.integer({ min: 1, max: 8 }),
            h: fc.boolean(),
            w: fc.boolean(),
            ins: fc.boolean(),
            sch: fc.boolean(),
          }),
          { minLength: 1, maxLength: 50 },
        ),
        (hs) => {
          const P: YearParams = {
            ...yearParams(small, 2018),
            growth: 0,
            growthSd: 0,
            illnessProb: 0,
            illnessProbChronic: 0,
            disasterProb: 0,
            epidemicJobLossShare: 0,
          };
          const reg = generateRegistry(small, { regions, maxRows: hs.length });
          for (let i = 0; i < reg.n; i++) {
            const x = hs[i % hs.length];
            reg.status[i] = Status.poor;
            reg.size[i] = x.size;
            reg.incomeWage[i] = reg.incomeTransfer[i] = reg.incomeProperty[i] = 0;
            reg.incomeFarm[i] = x.ratio * P.line * x.size;
            reg.housingSafe[i] = Number(x.h);
            reg.waterSafe[i] = Number(x.w);
            reg.insured[i] = Number(x.ins);
            reg.schooling[i] = Number(x.sch);
          }
          const before = cloneRegistry(reg);
          stepHouseholds({
            reg,
            lo: 0,
            hi: reg.n,
            step: P,
            state: seedState(1),
            acc: new Float64Array(Acc.size),
            measures: false,
            exits: true,
          });
          for (let i = 0; i < reg.n; i++) {
            const pc = before.incomeFarm[i] / before.size[i];
            const ok =
              pc > P.line && before.housingSafe[i] && before.waterSafe[i] && before.insured[i] && before.schooling[i];
            expect(reg.status[i] === Status.exited, `household ${i}`).toBe(Boolean(ok));
          }
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe("recordYear: village and county exit rules (property)", () => {
  it("no village or county exits with its incidence at or above its threshold, and every one below it does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.06, noNaN: true }), { minLength: 2, maxLength: 12 }),
        (incidences) => {
          const V = incidences.length;
          const villages = {
            n: V,
            county: new Uint32Array(V).map((_, v) => v % 2),
            population: new Float64Array(V).fill(1000),
            poor: new Uint8Array(V).fill(1),
            deep: new Uint8Array(V),
            exitYear: new Uint16Array(V),
          };
          const counties = {
            n: 2,
            ids: ["a", "b"],
            names: ["a", "b"],
            poor: Uint8Array.of(1, 1),
            deep: new Uint8Array(2),
            west: new Uint8Array(2),
            population: Float64Array.of(0, 0),
            exitYear: new Uint16Array(2),
          };
          for (let v = 0; v < V; v++) counties.population[v % 2] += 1000;
          const reg: Registry = allocateRegistry(V, villages, counties);
          for (let v = 0; v < V; v++) {
            reg.village[v] = v;
            reg.size[v] = 1;
            reg.weight[v] = incidences[v] * 1000;
            reg.status[v] = Status.poor;
          }
          const rec = recordYear(reg, { year: 2019, villageIncidenceMax: 0.02, countyIncidenceMax: 0.03 });
          // the engine counts people in units of 1 / PEOPLE_SCALE (fixed point, exact under any thread split)
          const counted = incidences.map((x) => Math.round(x * 1000 * PEOPLE_SCALE) / PEOPLE_SCALE);
          for (let v = 0; v < V; v++) expect(villages.exitYear[v] === 2019).toBe(counted[v] / 1000 < 0.02);
          for (let c = 0; c < 2; c++) {
            let poor = 0;
            for (let v = c; v < V; v += 2) poor += counted[v];
            expect(counties.exitYear[c] === 2019).toBe(poor / counties.population[c] < 0.03);
          }
          expect(rec.villagesExit).toBe(counted.filter((x) => x / 1000 < 0.02).length);
          expect(Math.abs(rec.poorPeople - incidences.reduce((a, x) => a + x * 1000, 0))).toBeLessThan(
            V / PEOPLE_SCALE,
          );
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe("runEngine", () => {
  it("conserves people in every replicate and year: poor_end = poor_start + new poor + returns − exits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (seed, illness, disaster) => {
          const s = withParams(small, {
            "model.shocks.illness_prob": illness,
            "model.shocks.disaster_prob": disaster,
            "model.registry.max_rows": 400,
          });
          const r = runEngine(s, { regions, seed, replicates: 3 });
          const T = r.years.length;
          for (let k = 0; k < 3; k++) {
            let prev = 20000;
            for (let t = 0; t < T; t++) {
              const i = k * T + t;
              const m = r.metrics;
              expect(m.poor_people![i]).toBeCloseTo(
                prev + m.new_poor_people![i] + m.returns_people![i] - m.exits_people![i],
                4,
              );
              prev = m.poor_people![i];
            }
          }
        },
      ),
      { numRuns: 25, seed: 3 },
    );
  });

  it("more measure coverage never lowers expected exits (paired seeds)", () => {
    const exits = (cov: number) =>
      sum(
        runEngine(
          withParams(small, {
            "model.measures.industry.coverage": cov,
            "model.measures.employment.coverage": cov,
            "model.registry.max_rows": 2000,
          }),
          { regions, seed: 9, replicates: 8 },
        ).metrics.exits_people!,
      );
    const levels = [0, 0.2, 0.5, 1].map(exits);
    for (let k = 1; k < levels.length; k++) expect(levels[k]).toBeGreaterThanOrEqual(levels[k - 1]);
  });

  it("a fixed seed gives identical numbers; replicate r does not depend on the replicate count", () => {
    const a = runEngine(small, { regions, seed: 4, replicates: 3 }),
      b = runEngine(small, { regions, seed: 4, replicates: 5 });
    const T = a.years.length;
    for (const m of ["poor_people", "returns_people", "villages_exited_total"] as const) {
      expect(Array.from(a.metrics[m]!)).toEqual(Array.from(b.metrics[m]!.slice(0, 3 * T)));
    }
    const c = runEngine(small, { regions, seed: 5, replicates: 3 });
    expect(Array.from(c.metrics.poor_people!)).not.toEqual(Array.from(a.metrics.poor_people!));
  });

  // the aligned run (target-following) has its own tests: test/engine/align.test.ts

  it("cumulative exits start from the exits before the horizon (registered total − poor at the start)", () => {
    const k = loadScenario("scenarios/kunming-2018-2020.yaml");
    const r = runEngine(k, { regions, replicates: 2 });
    const T = r.years.length;
    for (let j = 0; j < 2; j++)
      expect(r.metrics.cumulative_exits_people![j * T]).toBeCloseTo(
        350400 - 105600 + r.metrics.exits_people![j * T],
        4,
      );
  });
});

describe("per-county results", () => {
  it("tidy rows give each county's poor people and its probability of having exited, which never falls", async () => {
    const { runScenario } = await import("../../src/index.js");
    const run = runScenario(loadScenario(fixture("scenarios", "funds.yaml")), {
      replicates: 6,
      modes: ["mechanistic"],
    });
    const counties = run.result.counties!;
    expect(counties.ids).toContain("linquan");
    for (const id of counties.ids.filter((_, c) => counties.poor[c])) {
      const p = run.rows.filter((r) => r.region === id && r.metric === "county_exited").map((r) => r.value);
      expect(p).toHaveLength(3);
      for (let t = 1; t < p.length; t++) expect(p[t]).toBeGreaterThanOrEqual(p[t - 1]);
      for (const x of p) expect(x >= 0 && x <= 1).toBe(true);
    }
    // counties' poor add up to the scenario's poor in every replicate and year
    const T = run.result.years.length,
      C = counties.ids.length;
    for (let i = 0; i < 6 * T; i++) {
      let sum = 0;
      for (let c = 0; c < C; c++) sum += counties.poorPeople[i * C + c];
      expect(sum).toBeCloseTo(run.result.metrics.poor_people![i], 3);
    }
  });
});
