/**
 * Money by purpose (issue 13, item 4), through the public API on a small fixture with paired seeds:
 * test/fixtures/funds/scenarios/purpose-small.yaml (general money, an industry and a housing fund, a
 * reservation of the general pool for the deep counties).
 *
 * - `buyCoverage`: earmarked money never buys another purpose's measure; more money of any kind never lowers
 *   a coverage; more money earmarked for one measure never lowers another's coverage; spend + unspent = money.
 * - the cost function: `coverageFor` inverts `coverageCost`; a steeper rise buys less coverage.
 * - the engine: every fund × 2 never raises the poor count in any year; a reservation is checked against its
 *   own pool; `model.funds.carry_forward_share` moves the carried-forward series; `model.funds.cost_rise`
 *   raises the money needed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buyCoverage,
  coverageCost,
  coverageFor,
  fundedMeasures,
  generateRegistry,
  loadRegions,
  loadScenario,
  maxCoverage,
  MEASURE_TABLE,
  overrideParameter,
  Parameter,
  parsePeriodKey,
  PURPOSE_MEASURES,
  purposeMask,
  runEngine,
  surveyCounties,
  yearParams,
  type ResolvedScenario,
  type RunResult,
} from "../../src/index.js";
import { ROOT, fixture } from "../helpers.js";

const regions = loadRegions();
const s = loadScenario(fixture("funds", "scenarios", "purpose-small.yaml"), { regions });
const reg = generateRegistry(s, { regions });
const C = reg.counties.n;
const P = yearParams(s, 2018);
const funded = fundedMeasures(MEASURE_TABLE);
const K = funded.length;
const survey = surveyCounties(reg, P);
const cap = maxCoverage(P);
const ids = funded.map((m) => m.id);
const purposes = Object.keys(PURPOSE_MEASURES);

const money = (max: number) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 1, max, noNaN: true })), { minLength: C, maxLength: C })
    .map((a) => Float64Array.from(a));

describe("buyCoverage by purpose (properties)", () => {
  const earmark = fc.record({ purpose: fc.constantFrom(...purposes), amount: money(5e7) });
  const rise = fc.constantFrom(0, 0.5, 1);

  it("earmarked money buys only its purpose's measures; spend + unspent = money; coverage within the cap", () => {
    fc.assert(
      fc.property(earmark, rise, (e, r) => {
        const mask = purposeMask(e.purpose, funded);
        const b = buyCoverage(new Float64Array(C), survey.eligible, P, {
          rise: r,
          earmarked: [{ purpose: e.purpose, mask, amount: e.amount }],
        });
        for (let c = 0; c < C; c++) {
          let spent = 0;
          for (let k = 0; k < K; k++) {
            const j = c * K + k;
            spent += b.spend[j];
            expect(b.coverage[j]).toBeLessThanOrEqual(cap[k] + 1e-12);
            // a measure outside the purpose gets no money (it may cost nothing, and then is at its cap)
            if (!mask[k]) expect(b.spend[j], `${e.purpose} bought ${ids[k]}`).toBe(0);
          }
          expect(b.unspentEarmarked[0][c]).toBeGreaterThanOrEqual(-1e-6 * (1 + e.amount[c]));
          expect(Math.abs(spent + b.unspent[c] - e.amount[c])).toBeLessThanOrEqual(1e-9 * (1 + e.amount[c]));
        }
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it("more money earmarked for one purpose, or more general money, never lowers any measure's coverage", () => {
    fc.assert(
      fc.property(earmark, money(5e7), money(5e7), money(5e7), rise, (e, general, extra, more, r) => {
        const mask = purposeMask(e.purpose, funded);
        const buy = (ear: Float64Array, gen: Float64Array) =>
          buyCoverage(gen, survey.eligible, P, { rise: r, earmarked: [{ purpose: e.purpose, mask, amount: ear }] });
        const add = (a: Float64Array, b: Float64Array) => Float64Array.from(a, (x, c) => x + b[c]);
        const base = buy(e.amount, general);
        const moreEarmarked = buy(add(e.amount, extra), general);
        const moreGeneral = buy(e.amount, add(general, more));
        for (let j = 0; j < C * K; j++) {
          const k = j % K;
          expect(moreEarmarked.coverage[j], `${e.purpose} ↑ lowered ${ids[k]}`).toBeGreaterThanOrEqual(
            base.coverage[j] - 1e-12,
          );
          expect(moreGeneral.coverage[j], `general ↑ lowered ${ids[k]}`).toBeGreaterThanOrEqual(
            base.coverage[j] - 1e-12,
          );
        }
      }),
      { numRuns: 60, seed: 17 },
    );
  });

  it("one measure's need never dilutes another's earmarked money: B's coverage from its own money is the same", () => {
    // industry money alone, then with a measure of much larger need (relocation) at a higher cap: the industry
    // coverage bought by the earmark does not change
    const industry = purposeMask("industry", funded);
    const amount = new Float64Array(C).fill(2e6);
    const b1 = buyCoverage(new Float64Array(C), survey.eligible, P, {
      earmarked: [{ purpose: "industry", mask: industry, amount }],
    });
    const P2 = { ...P, measureCoverage: P.measureCoverage.map((x) => Math.min(1, x * 5)) };
    const b2 = buyCoverage(new Float64Array(C), survey.eligible, P2, {
      earmarked: [{ purpose: "industry", mask: industry, amount }],
    });
    const k = ids.indexOf("industry");
    for (let c = 0; c < C; c++) {
      if (survey.eligible[c * K + k] <= 0) continue;
      expect(b2.coverage[c * K + k]).toBeGreaterThanOrEqual(b1.coverage[c * K + k] - 1e-12);
    }
  });

  it("raising one measure's largest coverage never lowers another's while that measure was under its cap", () => {
    fc.assert(
      fc.property(money(3e7), fc.integer({ min: 0, max: K - 1 }), rise, (general, a, r) => {
        const b1 = buyCoverage(general, survey.eligible, P, { rise: r });
        const higher = P.measureCoverage.slice();
        const ka = P.measures.indexOf(funded[a]);
        higher[ka] = Math.min(1, higher[ka] * 2 + 0.05);
        const b2 = buyCoverage(general, survey.eligible, { ...P, measureCoverage: higher }, { rise: r });
        for (let c = 0; c < C; c++) {
          if (b1.coverage[c * K + a] >= cap[a] - 1e-12) continue; // A at its cap: see buyCoverage's comment
          for (let k = 0; k < K; k++)
            if (k !== a) expect(b2.coverage[c * K + k]).toBeGreaterThanOrEqual(b1.coverage[c * K + k] - 1e-9);
        }
      }),
      { numRuns: 40, seed: 19 },
    );
  });
});

describe("the cost of coverage (diminishing returns)", () => {
  it("coverageFor inverts coverageCost, and a steeper rise buys less coverage with the same money", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (u, e, x, r) => {
          expect(coverageFor(u, e, coverageCost(u, e, x, r), r)).toBeCloseTo(x, 9);
          const m = coverageCost(u, e, x, 0);
          expect(coverageFor(u, e, m, r + 0.5)).toBeLessThanOrEqual(coverageFor(u, e, m, r) + 1e-12);
        },
      ),
      { numRuns: 200, seed: 23 },
    );
  });
});

/** The scenario with every fund rule's amount multiplied by `factor` from the horizon's start. */
function scaled(sc: ResolvedScenario, factor: number): ResolvedScenario {
  const funds = new Map(sc.funds);
  for (const [id, rule] of sc.funds) {
    const q = rule.quantities.amount;
    if (!q) continue;
    const y = sc.horizon.start;
    const amount = new Parameter(q.path, q.unit, [
      ...q.entries,
      {
        period: parsePeriodKey(String(y))!,
        key: "test",
        value: q.atYear(y)! * factor,
        provenance: { assumption: "property test" },
        file: "test",
      },
    ]);
    funds.set(id, { ...rule, quantities: { ...rule.quantities, amount } });
  }
  return { ...sc, funds };
}

const set = (sc: ResolvedScenario, path: string, value: number) =>
  overrideParameter(sc, path, [{ from: sc.horizon.start, value }], { assumption: "test" }, "test");

describe("money by purpose in the engine (paired seeds)", () => {
  const R = 3;
  const run = (sc: ResolvedScenario, seed = 7): RunResult => runEngine(sc, { regions, replicates: R, seed });
  const T = 3;

  it("every fund × 2 never raises the poor count in any year (each replicate, same seeds)", () => {
    for (const seed of [7, 8]) {
      const a = run(s, seed).metrics.poor_people!,
        b = run(scaled(s, 2), seed).metrics.poor_people!;
      let lower = 0;
      for (let i = 0; i < R * T; i++) {
        expect(b[i], `replicate-year ${i}, seed ${seed}`).toBeLessThanOrEqual(a[i]);
        lower += a[i] - b[i];
      }
      expect(lower).toBeGreaterThan(0); // not vacuous: money limits the measures here
    }
  });

  it("the carry-forward share moves the carried-forward series (all kept: none reclaimed; none kept)", () => {
    const rich = scaled(s, 20); // more than the measures can use: money is left over
    const keep = run(set(rich, "model.funds.carry_forward_share", 1)).series!;
    const back = run(set(rich, "model.funds.carry_forward_share", 0)).series!;
    const total = (x: Float64Array) => x.reduce((p, q) => p + q, 0);
    expect(total(keep["funds.carried_in"])).toBeGreaterThan(0);
    expect(total(keep["funds.reclaimed_in"])).toBe(0);
    expect(total(back["funds.carried_in"])).toBe(0);
    expect(total(back["funds.reclaimed_in"])).toBeGreaterThan(0);
  });

  it("a steeper cost rise raises the money needed and never lowers the poor count on average", () => {
    const flat = run(set(s, "model.funds.cost_rise", 0)).metrics,
      steep = run(set(s, "model.funds.cost_rise", 1)).metrics;
    const mean = (x: Float64Array) => x.reduce((p, q) => p + q, 0) / x.length;
    expect(steep.funds_need![0]).toBeGreaterThan(flat.funds_need![0]);
    expect(mean(steep.poor_people!)).toBeGreaterThanOrEqual(mean(flat.poor_people!));
  });

  it("a reservation is checked against its own pool: without it the deep counties get less of that pool", () => {
    const off = { ...s, funds: new Map([...s.funds].filter(([id]) => id !== "deep-reservation")) };
    const deepBudget = (r: RunResult) => {
      let x = 0;
      for (let c = 0; c < C; c++) if (reg.counties.deep[c]) x += r.counties!.budget![c]; // replicate 0, year 1
      return x;
    };
    const on = deepBudget(run(s)),
      without = deepBudget(run(off));
    // the deep counties get at least 60% of the general pool with the reservation
    expect(on).toBeGreaterThanOrEqual(0.6 * 150e6 - 1);
    expect(on).toBeGreaterThan(without);
  });
});

describe("the plans' money rules", () => {
  it("Anhui: a poor county's revenue increment goes to poor counties; a larger share moves money there", () => {
    const a = loadScenario(`${ROOT}/scenarios/anhui-2018-2020.yaml`, { regions });
    const poorBudget = (sc: ResolvedScenario) => {
      const r = runEngine(sc, { regions, replicates: 1, seed: 3, maxRows: 1500 });
      const n = r.counties!.ids.length;
      const g = generateRegistry(sc, { regions, maxRows: 1500 });
      let poor = 0;
      for (let c = 0; c < n; c++) if (g.counties.poor[c]) poor += r.counties!.budget![c];
      return poor;
    };
    expect(poorBudget(set(a, "fiscal.level_share.poor_county", 0.25))).toBeGreaterThan(
      poorBudget(set(a, "fiscal.level_share.poor_county", 0.08)),
    );
  });
});
