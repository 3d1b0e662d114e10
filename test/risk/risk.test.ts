import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  illnessOutOfPocket,
  generateRegistry,
  householdHazard,
  loadRegions,
  loadScenario,
  monitoringList,
  normalCdf,
  policyValues,
  riskOf,
  runEngine,
  Status,
  withSetting,
  yearParams,
  cloneRegistry,
  calibrateReturns,
  type ResolvedScenario,
} from "../../src/index.js";
import { ROOT } from "../helpers.js";

const regions = loadRegions();
const kunming = loadScenario(`${ROOT}/scenarios/kunming-2018-2020.yaml`, { regions });
const small = (s: ResolvedScenario, rows: number) =>
  withSetting(s, "model.registry.max_rows", rows, "test: a small registry");

describe("normalCdf", () => {
  it("matches tabulated values to 1e-6", () => {
    for (const [z, p] of [
      [0, 0.5],
      [1, 0.8413447461],
      [-1.96, 0.0249978952],
      [2.5, 0.9937903347],
      [-3, 0.001349898],
    ] as const)
      expect(Math.abs(normalCdf(z) - p)).toBeLessThan(1e-6);
  });
});

describe("householdHazard", () => {
  const s = small(kunming, 3000);
  const reg = generateRegistry(s, { regions });
  const P0 = yearParams(s, 2019);

  it("gives probabilities, and stronger protection (detection, transition) never raises the hazard (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 12 }),
        (ill, dis, level, det, extra, months) => {
          const P = {
            ...P0,
            illnessProb: ill,
            illnessProbChronic: Math.min(1, ill * 3),
            disasterProb: dis,
            returnLevel: level,
            monitorExited: det,
            monitorMarginal: det,
            transitionMonths: months,
          };
          const Q = {
            ...P,
            monitorExited: Math.min(1, det + extra),
            monitorMarginal: Math.min(1, det + extra),
            transitionMonths: 12,
          };
          for (let i = 0; i < reg.n; i += 97) {
            if (reg.status[i] !== Status.exited && reg.status[i] !== Status.marginal) continue;
            const h = householdHazard(reg, i, P),
              q = householdHazard(reg, i, Q);
            for (const x of [h.fall, h.caught, h.hazard, h.unprotected]) {
              expect(x).toBeGreaterThanOrEqual(0);
              expect(x).toBeLessThanOrEqual(1 + 1e-12);
            }
            expect(h.hazard).toBeLessThanOrEqual(h.unprotected + 1e-15);
            expect(q.hazard).toBeLessThanOrEqual(h.hazard + 1e-12);
          }
        },
      ),
      { numRuns: 60, seed: 17 },
    );
  });

  it("predicts the engine's returns: the hazards' expected returns match the simulated mean within MC error", () => {
    // one year, no measures reaching exited households, level 1: every uncaught fall is a return
    const s1 = withSetting(
      withSetting({ ...s, horizon: { start: 2019, end: 2019 } }, "model.risk.return_level", 1, "test"),
      "monitoring.policy_kept_after_exit",
      0,
      "test",
    );
    const base = generateRegistry(s1, { regions });
    const P = yearParams(s1, 2019);
    let expected = 0;
    for (let i = 0; i < base.n; i++)
      if (base.status[i] === Status.exited)
        expected += base.weight[i] * base.size[i] * householdHazard(base, i, P).hazard;
    const R = 40;
    const r = runEngine(s1, { regions, registry: cloneRegistry(base), replicates: R, seed: 5 });
    const xs = Array.from(r.metrics.returns_people!);
    const mean = xs.reduce((a, b) => a + b, 0) / R;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
    expect(expected).toBeGreaterThan(100);
    // the closed form uses the exact normal and probabilities, the engine a 4096-point normal table and
    // 16-bit probabilities: allow 4 standard errors plus 2%
    expect(Math.abs(mean - expected)).toBeLessThan(4 * (sd / Math.sqrt(R)) + 0.02 * expected);
  });
});

describe("the monitoring list", () => {
  const s = small(kunming, 3000);
  it("is ordered by hazard; its band: the households under the band or with a large shock; reproducible", () => {
    const a = monitoringList(s, { regions, year: 2019, top: 50 });
    for (let k = 1; k < a.households.length; k++)
      expect(a.households[k - 1].hazard).toBeGreaterThanOrEqual(a.households[k].hazard);
    for (let k = 1; k < a.villages.length; k++)
      expect(a.villages[k - 1].expected).toBeGreaterThanOrEqual(a.villages[k].expected);
    // recount the band independently on the same registry
    const reg = generateRegistry(s, { regions });
    runEngine({ ...s, horizon: { start: 2018, end: 2018 } }, { regions, registry: reg, replicates: 1, inPlace: true });
    const P = yearParams(s, 2019);
    let band = 0;
    for (let i = 0; i < reg.n; i++) {
      const st = reg.status[i];
      if (st !== Status.exited && st !== Status.marginal) continue;
      const income = reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i];
      const low = income / reg.size[i] < P.monitoringBand * P.line;
      const shock =
        reg.illness[i] === 1 && illnessOutOfPocket(P.illnessCost, P.health, reg.insured[i] === 1) > 0.3 * income;
      if (low || shock) band += reg.weight[i];
    }
    expect(a.band.households).toBeCloseTo(band, 6);
    expect(a.band.share).toBeCloseTo(a.band.people / a.band.registered, 12);
    expect(JSON.stringify(monitoringList(s, { regions, year: 2019, top: 50 }))).toBe(JSON.stringify(a));
    const again = riskOf(s, reg, 2019, 50);
    expect(again.expected.returns).toBeCloseTo(a.expected.returns, 6);
  });
});

describe("policy values", () => {
  it("monitoring and the transition period avoid falls (paired seeds); a scenario's policies are all measured", () => {
    const s = small(kunming, 1500);
    const v = policyValues(s, { regions, replicates: 6, seed: 3 });
    const ids = v.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(["transition", "monitoring", "policy_kept"]));
    for (const x of v) {
      expect(x.avoided).toBeCloseTo(x.fallsWithout - x.fallsWith, 9);
      if (x.id === "monitoring" || x.id === "transition") expect(x.avoided).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("calibrateReturns", () => {
  it("fits the national returns of 2016–2018 within 25% each, deterministically", () => {
    const a = calibrateReturns({ replicates: 2 });
    for (const f of a.fit) expect(Math.abs(f.relative)).toBeLessThan(0.25);
    expect(a.values.every((v) => v.value >= 0 && v.value <= 1)).toBe(true);
    expect(a.yaml).toContain("npx tuopin calibrate national");
  }, 120_000);
});
