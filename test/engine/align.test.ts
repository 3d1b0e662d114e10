/**
 * The aligned run (issue 14, src/engine/align.ts): quotas met by the least effort that reaches them, with the
 * money, the feasibility and the wrong exits it implies; reproducible and thread-independent.
 */
import { describe, expect, it } from "vitest";
import {
  alignYear,
  generateRegistry,
  loadRegions,
  loadScenario,
  meetsStandard,
  quotaFor,
  runEngine,
  SHORTFALL_TOLERANCE,
  Status,
  yearParams,
  type RunResult,
} from "../../src/index.js";
import { ROOT, fixture, withParams } from "../helpers.js";

const regions = loadRegions();
const small = loadScenario(fixture("scenarios", "small.yaml"), { regions });
const run = (s = small, replicates = 4): RunResult => runEngine(s, { regions, mode: "target", replicates });
const at = (r: RunResult, m: string, k: number, year: number) =>
  r.metrics[m as keyof RunResult["metrics"]]![k * r.years.length + r.years.indexOf(year)];

describe("the aligned run", () => {
  const r = run();

  it("meets each quota, or reports the shortfall: exits + shortfall ≥ quota (to one row's people)", () => {
    for (let k = 0; k < r.replicates; k++)
      for (const y of r.years) {
        const quota = at(r, "quota_people", k, y);
        expect(Number.isFinite(quota)).toBe(true); // 2018 and 2020 by the plan, 2019 on the path between
        const reached = at(r, "exits_people", k, y) + at(r, "align_shortfall", k, y);
        expect(reached).toBeGreaterThanOrEqual(quota - SHORTFALL_TOLERANCE);
        // the quota's exits stop at the row that reaches it (the step's own exits may go beyond the quota)
        if (at(r, "aligned_exits_people", k, y) > 0) expect(at(r, "exits_people", k, y)).toBeLessThan(quota + 13 * 2);
        expect(at(r, "align_feasible", k, y)).toBe(Number(at(r, "align_shortfall", k, y) === 0));
      }
  });

  it("keeps the mechanistic run's measures: its exits are the step's plus the quota's, never fewer", () => {
    const m = runEngine(small, { regions, replicates: 4 });
    // the first year starts from the same registry and draws: the step's exits are the mechanistic run's
    for (let k = 0; k < 4; k++)
      expect(at(r, "exits_people", k, 2018) - at(r, "aligned_exits_people", k, 2018)).toBeCloseTo(
        at(m, "exits_people", k, 2018),
        6,
      );
  });

  it("follows the even path to a later target in a year the plan gives no quota (2019)", () => {
    for (let k = 0; k < r.replicates; k++) {
      const start = at(r, "poor_people", k, 2018);
      const path = start - start / 2; // half of what is left to the 2020 target of 0
      expect(at(r, "poor_people", k, 2019) - at(r, "align_shortfall", k, 2019)).toBeLessThanOrEqual(path + 1e-6);
    }
  });

  it("counts a quota met up to rounding as met: fractional weights leave no sub-person shortfall", () => {
    // 0.1 + 0.2 − 0.1 is 0.20000000000000004 in floating point: "none left" asks for every poor person left
    const q = quotaFor(small, 2020, { start: 1, end: 0.2 }, 0.1)!;
    expect(q.capped).toBe(false);
    expect(q.needed).toBeCloseTo(0.2, 12);
    // a quota beyond the poor left by more than half a person is capped
    expect(quotaFor(small, 2018, { start: 9000, end: 7000 }, 0)!.capped).toBe(true);
    expect(quotaFor(small, 2018, { start: 9000, end: 8000 }, 0)!.capped).toBe(false);
  });

  it("gives the same bytes for the same seed, and other numbers for another seed", () => {
    const again = run();
    for (const m of Object.keys(r.metrics) as (keyof RunResult["metrics"])[])
      expect(Array.from(again.metrics[m]!), m).toEqual(Array.from(r.metrics[m]!));
    const other = runEngine(small, { regions, mode: "target", replicates: 4, seed: 8 });
    expect(Array.from(other.metrics.align_shift!)).not.toEqual(Array.from(r.metrics.align_shift!));
  });

  it("records no wrong exits and nobody missed in the mechanistic run, and NaN for the quota's metrics", () => {
    const m = runEngine(small, { regions, replicates: 2 });
    expect(Array.from(m.metrics.wrong_exit_rate!).every((x) => x === 0)).toBe(true);
    expect(Array.from(m.metrics.missed_poor_rate!).every((x) => x === 0)).toBe(true);
    expect(Array.from(m.metrics.align_shift!).every(Number.isNaN)).toBe(true);
  });
});

describe("its levers (paired seeds)", () => {
  const base = run(small, 3);

  it("a lower bound on the effort leaves a shortfall and makes the quota infeasible", () => {
    const tight = run(withParams(small, { "model.alignment.effort_max": 0.05 }), 3);
    for (let k = 0; k < 3; k++) {
      expect(at(tight, "align_shift", k, 2020)).toBeLessThanOrEqual(0.05 * yearParams(small, 2020).line + 1e-9);
      expect(at(tight, "align_shortfall", k, 2020)).toBeGreaterThan(at(base, "align_shortfall", k, 2020));
      expect(at(tight, "align_feasible", k, 2020)).toBe(0);
      expect(at(tight, "align_binding_shift", k, 2020)).toBe(1);
    }
  });

  it("a larger assessment error makes more wrong exits, and wrong exits hold counties back", () => {
    const s = withParams(small, { "model.alignment.income_error": 0.5 });
    const noisy = run(s, 3);
    const wrong = (x: RunResult) => Array.from(x.metrics.wrong_exit_rate!).reduce((a, b) => a + b, 0);
    expect(wrong(noisy)).toBeGreaterThan(wrong(base));
    expect(wrong(noisy)).toBeGreaterThan(0);
    // a stricter county assessment holds more counties back (none may exit above a 0 limit with wrong exits)
    const strict = run(withParams(s, { "exit.county_wrong_exit_max": 0, "exit.county_missed_poor_max": 0 }), 3);
    const total = (x: RunResult, m: "counties_held_by_assessment" | "counties_exit") =>
      Array.from(x.metrics[m]!).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    expect(total(strict, "counties_held_by_assessment")).toBeGreaterThan(total(noisy, "counties_held_by_assessment"));
    expect(total(strict, "counties_exit")).toBeLessThan(total(noisy, "counties_exit"));
  });

  it("brings the last poor out through the safety net where the two lines are merged", () => {
    const merged = run(withParams(small, { "model.safety_net.floor_ratio": 1, "model.alignment.effort_max": 2 }), 2);
    for (let k = 0; k < 2; k++) {
      expect(at(merged, "safety_net_exits", k, 2020)).toBeGreaterThan(0);
      expect(at(merged, "remaining_no_labour", k, 2020)).toBe(0);
      expect(at(merged, "poor_people", k, 2020)).toBe(at(merged, "align_shortfall", k, 2020));
    }
  });
});

describe("alignYear", () => {
  it("takes households in the order of their income gap when the assessment has no error, and prices them", () => {
    const s = withParams(small, { "model.alignment.income_error": 0, "model.safety_net.floor_ratio": 0.5 });
    const reg = generateRegistry(s, { regions, maxRows: 400 });
    const P = yearParams(s, 2018);
    const poor = Array.from({ length: reg.n }, (_, i) => i).filter((i) => reg.status[i] === Status.poor);
    const gap = (i: number) =>
      Math.max(
        0,
        P.line - (reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i]) / reg.size[i],
      );
    const gaps = new Map(poor.map((i) => [i, gap(i)]));
    const out = alignYear(reg, P, 3000, 12345, new Uint8Array(reg.n));
    const taken = poor.filter((i) => reg.status[i] === Status.exited);
    const left = poor.filter((i) => reg.status[i] !== Status.exited);
    expect(out.aligned).toBeGreaterThanOrEqual(3000);
    expect(Math.max(...taken.map((i) => gaps.get(i)!))).toBeLessThanOrEqual(Math.min(...left.map((i) => gaps.get(i)!)));
    expect(out.shift).toBeCloseTo(Math.max(...taken.map((i) => gaps.get(i)!)), 6);
    // without error, every household taken gets its full gap and its guarantees: all meet the standard
    expect(out.wrongHouseholds).toBe(0);
    for (const i of taken) expect(meetsStandard(reg, i, P.line)).toBe(true);
    expect(out.cost).toBeGreaterThan(0);
  });
});

describe("on worker threads", () => {
  it("gives the aligned run the same numbers with 1 and 2 threads", async () => {
    const tp = await import(`${ROOT}/dist/index.js`);
    const s = tp.loadScenario(fixture("scenarios", "small.yaml"));
    const [one, two] = await Promise.all(
      [1, 2].map((threads) =>
        tp.runEngineParallel(s, fixture("scenarios", "small.yaml"), { mode: "target", replicates: 4, threads }),
      ),
    );
    for (const m of ["align_shift", "target_cost", "wrong_exit_rate", "poor_people", "counties_exit"])
      expect(Array.from(two.metrics[m]), m).toEqual(Array.from(one.metrics[m]));
  });
});
