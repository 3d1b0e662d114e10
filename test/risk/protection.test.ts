/**
 * Protection against a fall after exit (issue 13, item 2: transition months and monitoring frequency feed
 * protection): the catch probability (src/model/protection.ts, one definition for the step and the hazard),
 * and on paired seeds, each lever moving the falls that last in the expected direction.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cloneRegistry,
  exitedCatch,
  generateRegistry,
  householdHazard,
  loadRegions,
  loadScenario,
  Parameter,
  parsePeriodKey,
  runEngine,
  Status,
  transitionShare,
  withSetting,
  yearlyDetection,
  yearParams,
  type ResolvedScenario,
} from "../../src/index.js";
import { ROOT } from "../helpers.js";

const regions = loadRegions();
const kunming = loadScenario(`${ROOT}/scenarios/kunming-2018-2020.yaml`, { regions });
/** The scenario with `path` at `value` over the horizon (added when the plan does not set it). */
function set(s: ResolvedScenario, path: string, value: number): ResolvedScenario {
  if (s.parameters.has(path)) return withSetting(s, path, value, "test");
  const key = String(s.horizon.start);
  const entry = { period: parsePeriodKey(key)!, key, value, provenance: { assumption: "test" }, file: "(test)" };
  const parameters = new Map(s.parameters);
  parameters.set(path, new Parameter(path, "flag", [entry]));
  return { ...s, parameters };
}
/** Kunming on a small registry, every uncaught fall lasting (level 1) so protection has falls to act on. */
const base = set(set(kunming, "model.registry.max_rows", 3000), "model.risk.return_level", 1);
const R = 6;

/** Per replicate, the people returning and newly poor over the horizon, and the people whose fall was caught. */
function falls(s: ResolvedScenario) {
  const r = runEngine(s, { regions, replicates: R, seed: 11, mode: "mechanistic" });
  const T = r.years.length;
  const sum = (m: Float64Array, k: number) => m.subarray(k * T, (k + 1) * T).reduce((a, b) => a + b, 0);
  return Array.from({ length: R }, (_, k) => ({
    lasting: sum(r.metrics.returns_people!, k) + sum(r.metrics.new_poor_people!, k),
    returns: sum(r.metrics.returns_people!, k),
    caught: sum(r.metrics.caught_people!, k),
    poor: Array.from(r.metrics.poor_people!.subarray(k * T, (k + 1) * T)),
  }));
}

describe("yearlyDetection", () => {
  it("is the per-round detection at one round a year, 0 without rounds, rises with rounds toward 1", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 365, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (d, f, more) => {
          const y = yearlyDetection(d, f);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(1);
          expect(yearlyDetection(d, f + more)).toBeGreaterThanOrEqual(y - 1e-12);
          expect(yearlyDetection(d, 1)).toBeCloseTo(d, 12);
          expect(yearlyDetection(d, 0)).toBe(0);
          expect(yearlyDetection(0, f)).toBe(0);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
    // four rounds at 0.5 each: a fall meets 1–4 rounds before the year ends, (0.5 + 0.75 + 0.875 + 0.9375) / 4
    expect(yearlyDetection(0.5, 4)).toBeCloseTo(0.765625, 12);
  });

  it("transition months cover the years after exit in turn", () => {
    expect(transitionShare(6, 2018, 2019)).toBe(0.5);
    expect(transitionShare(6, 2018, 2020)).toBe(0);
    expect(transitionShare(18, 2018, 2019)).toBe(1);
    expect(transitionShare(18, 2018, 2020)).toBe(0.5);
    expect(transitionShare(0, 2018, 2019)).toBe(0);
  });
});

describe("the plan's protection levers move the falls that last (paired seeds)", () => {
  it("monitoring 12 rounds a year catches more falls than 1: fewer lasting falls", () => {
    const once = falls(set(base, "monitoring.frequency", 1)),
      monthly = falls(set(base, "monitoring.frequency", 12));
    for (let k = 0; k < R; k++) {
      expect(monthly[k].lasting).toBeLessThanOrEqual(once[k].lasting + 1e-6);
      expect(monthly[k].caught).toBeGreaterThanOrEqual(once[k].caught - 1e-6);
    }
    expect(monthly.reduce((a, x) => a + x.lasting, 0)).toBeLessThan(once.reduce((a, x) => a + x.lasting, 0));
    const P1 = yearParams(set(base, "monitoring.frequency", 1), 2019),
      P12 = yearParams(set(base, "monitoring.frequency", 12), 2019);
    expect(P12.monitorExited).toBeGreaterThan(P1.monitorExited);
    expect(P12.monitorMarginal).toBeGreaterThan(P1.monitorMarginal); // all rural residents watched (000 §五(一))
  });

  it("detection 0 (and no transition) catches nothing; detection 0.5 catches some", () => {
    const off = set(set(base, "safety_net.transition_months", 0), "safety_net.transition_months_slow_industry", 0);
    const none = falls(set(off, "monitoring.detection_rate", 0)),
      some = falls(set(off, "monitoring.detection_rate", 0.5));
    for (const x of none) expect(x.caught).toBe(0);
    expect(some.reduce((a, x) => a + x.caught, 0)).toBeGreaterThan(0);
    for (let k = 0; k < R; k++) expect(some[k].lasting).toBeLessThanOrEqual(none[k].lasting + 1e-6);
  });

  it("the longer transition for slow-return industry means fewer returns", () => {
    const short = falls(set(base, "safety_net.transition_months_slow_industry", 0)),
      long = falls(set(base, "safety_net.transition_months_slow_industry", 12));
    for (let k = 0; k < R; k++) expect(long[k].returns).toBeLessThanOrEqual(short[k].returns + 1e-6);
    expect(long.reduce((a, x) => a + x.returns, 0)).toBeLessThan(short.reduce((a, x) => a + x.returns, 0));
  });

  it("a paired cadre for every household catches falls of exited households: fewer returns", () => {
    const without = falls(base),
      paired = falls(set(base, "monitoring.cadre_pairing", 1));
    for (let k = 0; k < R; k++) expect(paired[k].returns).toBeLessThanOrEqual(without[k].returns + 1e-6);
    expect(paired.reduce((a, x) => a + x.returns, 0)).toBeLessThan(without.reduce((a, x) => a + x.returns, 0));
  });

  it("a dibao standard raised every year lifts the floor in later years and never raises the poor", () => {
    const rising = set(base, "safety_net.dibao_rises_yearly", 1);
    let higher = 0;
    for (const y of [2018, 2019, 2020]) {
      const a = yearParams(base, y).floor,
        b = yearParams(rising, y).floor;
      expect(b).toBeGreaterThanOrEqual(a);
      if (b > a) higher++;
    }
    expect(higher).toBeGreaterThan(0);
    const flat = falls(base),
      up = falls(rising);
    for (let k = 0; k < R; k++) flat[k].poor.forEach((p, t) => expect(up[k].poor[t]).toBeLessThanOrEqual(p + 1e-6));
  });

  it("without re-entry returned households get no measures: no fewer poor at the end", () => {
    const mean = (xs: ReturnType<typeof falls>) => xs.reduce((a, x) => a + x.poor[x.poor.length - 1], 0) / R;
    expect(mean(falls(set(base, "monitoring.reentry", 0)))).toBeGreaterThanOrEqual(mean(falls(base)));
  });

  it("policy kept after exit: measures reach exited households, fewer returns", () => {
    const kept = falls(base),
      dropped = falls(set(base, "monitoring.policy_kept_after_exit", 0));
    expect(kept.reduce((a, x) => a + x.returns, 0)).toBeLessThan(dropped.reduce((a, x) => a + x.returns, 0));
  });
});

describe("the closed-form hazard uses the step's protection", () => {
  it("caught is exitedCatch of the exit year, industry year and band; expected returns match the engine", () => {
    const s1 = set(
      set(
        set({ ...base, horizon: { start: 2019, end: 2019 } }, "monitoring.cadre_pairing", 1),
        "monitoring.frequency",
        12,
      ),
      "monitoring.policy_kept_after_exit",
      0,
    );
    const reg = generateRegistry(s1, { regions });
    const P = yearParams(s1, 2019);
    let expected = 0;
    for (let i = 0; i < reg.n; i++) {
      if (reg.status[i] !== Status.exited) continue;
      const h = householdHazard(reg, i, P);
      const inBand = h.incomeRatio < P.monitoringBand;
      expect(h.caught).toBeCloseTo(exitedCatch(P, 2019, reg.exitYear[i], false, inBand), 12);
      expected += reg.weight[i] * reg.size[i] * h.hazard;
    }
    const runs = 30;
    const r = runEngine(s1, { regions, registry: cloneRegistry(reg), replicates: runs, seed: 5 });
    const xs = Array.from(r.metrics.returns_people!);
    const mean = xs.reduce((a, b) => a + b, 0) / runs;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs - 1));
    expect(expected).toBeGreaterThan(100);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * (sd / Math.sqrt(runs)) + 0.02 * expected);
  });
});
