import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario, runSkeleton, type ResolvedScenario } from "../../src/index.js";
import { Parameter, parsePeriodKey } from "../../src/index.js";
import { fixture } from "../helpers.js";

const base = loadScenario(fixture("scenarios", "small.yaml"));

/** The small scenario with a different baseline and exit-rate parameters. */
function withInputs(poor: number, rate: number, sd: number): ResolvedScenario {
  const p = (path: string, value: number) =>
    new Parameter(path, "/1", [{ period: parsePeriodKey("2018")!, key: "2018", value, provenance: { assumption: "property test" }, file: "t" }]);
  return {
    ...base,
    baseline: { ...base.baseline, poor_people: { value: poor, unit: "people", assumption: "property test", file: "t" } },
    parameters: new Map([
      ["model.skeleton.exit_rate", p("model.skeleton.exit_rate", rate)],
      ["model.skeleton.exit_rate_sd", p("model.skeleton.exit_rate_sd", sd)],
    ]),
  };
}

describe("runSkeleton", () => {
  it("conserves people: poor at start = poor at end + all exits, in every replicate (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 0, max: 2 ** 31 }), (poor, rate, sd, seed) => {
        const r = runSkeleton(withInputs(poor, rate, sd), { seed, replicates: 5 });
        const T = r.years.length;
        for (let k = 0; k < 5; k++) {
          let exits = 0;
          let prev = poor;
          for (let t = 0; t < T; t++) {
            const e = r.metrics.exits_people![k * T + t];
            const p = r.metrics.poor_people![k * T + t];
            expect(e).toBeGreaterThanOrEqual(0);
            expect(p).toBe(prev - e);
            prev = p;
            exits += e;
          }
          expect(prev + exits).toBe(poor);
        }
      }),
      { numRuns: 300, seed: 20240101 },
    );
  });

  it("a higher exit rate never leaves more poor on average (paired seeds)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 0.01, max: 0.1, noNaN: true }), (rate, delta) => {
        const mean = (r: ReturnType<typeof runSkeleton>) => r.metrics.poor_people!.reduce((a, b) => a + b, 0);
        const lo = runSkeleton(withInputs(100_000, rate, 0), { seed: 1, replicates: 20 });
        const hi = runSkeleton(withInputs(100_000, Math.min(1, rate + delta), 0), { seed: 1, replicates: 20 });
        expect(mean(hi)).toBeLessThanOrEqual(mean(lo));
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it("the same seed gives identical numbers; another seed gives others", () => {
    const a = runSkeleton(base, { seed: 11 }), b = runSkeleton(base, { seed: 11 }), c = runSkeleton(base, { seed: 12 });
    expect(Array.from(a.metrics.poor_people!)).toEqual(Array.from(b.metrics.poor_people!));
    expect(Array.from(a.metrics.poor_people!)).not.toEqual(Array.from(c.metrics.poor_people!));
  });

  it("replicate r does not depend on how many replicates run (one stream per replicate)", () => {
    const few = runSkeleton(base, { seed: 3, replicates: 3 }), many = runSkeleton(base, { seed: 3, replicates: 40 });
    const T = few.years.length;
    expect(Array.from(many.metrics.poor_people!.slice(0, 3 * T))).toEqual(Array.from(few.metrics.poor_people!));
  });

  it("the median path is near the expected decay (rate 0.4, 0.4, 0.1 from 20,000)", () => {
    const r = runSkeleton(base, { replicates: 400 });
    const T = r.years.length;
    const end = Array.from({ length: 400 }, (_, k) => r.metrics.poor_people![k * T + T - 1]).sort((a, b) => a - b)[200];
    // E ≈ 20000·0.6·0.6·0.9 = 6480 when sd = 0; with sd 0.05 the median stays close
    expect(Math.abs(end - 6480)).toBeLessThan(400);
  });

  it("reports progress once per replicate", () => {
    const calls: number[] = [];
    runSkeleton(base, { replicates: 4, onProgress: (d) => calls.push(d) });
    expect(calls).toEqual([1, 2, 3, 4]);
  });
});
