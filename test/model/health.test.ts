/**
 * Health cover (issue 13, item 2): the out-of-pocket cost of a serious illness through insurance, the plan's
 * reimbursement guarantees and medical assistance up to its ceiling; insurance take-up from the premium
 * subsidy and the insured-share commitment; contracted chronic care.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chronicIllnessProb,
  illnessOutOfPocket,
  insuranceCoverage,
  insuranceTakeUp,
  reimbursementTargets,
  STANDARD_FOLLOW_UPS,
  type HealthCover,
} from "../../src/index.js";

/** Kunming's cover (000 §二(二)5) with the default inpatient share. */
const KUNMING: HealthCover = {
  base: 0.7,
  topup: 0.9,
  inCountyMin: 0,
  inpatientSelfPayMax: 0.1,
  outpatientSelfPayMax: 0.2,
  assistanceCeiling: 100000,
  inpatientShare: 0.8,
};

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const cover: fc.Arbitrary<HealthCover> = fc.record({
  base: unit,
  topup: unit,
  inCountyMin: unit,
  inpatientSelfPayMax: unit,
  outpatientSelfPayMax: unit,
  assistanceCeiling: fc.oneof(fc.double({ min: 0, max: 2e5, noNaN: true }), fc.constant(Infinity)),
  inpatientShare: unit,
});
const cost = fc.double({ min: 0, max: 1e6, noNaN: true });

/** The levers and the direction each moves the out-of-pocket cost when raised (−1 lowers, +1 raises). */
const LEVERS: [keyof HealthCover, -1 | 1][] = [
  ["base", -1],
  ["topup", -1],
  ["inCountyMin", -1],
  ["assistanceCeiling", -1],
  ["inpatientSelfPayMax", 1],
  ["outpatientSelfPayMax", 1],
];

describe("illnessOutOfPocket", () => {
  it("Kunming: 70% by insurance, assistance to 90% inpatient and 80% outpatient, capped by the ceiling", () => {
    expect(reimbursementTargets(KUNMING)).toEqual({ inpatient: 0.9, outpatient: 0.8 });
    // 30,000 yuan: insurance 21,000; assistance (0.2 × 0.8 + 0.1 × 0.2) × 30,000 = 5,400; the household 3,600
    expect(illnessOutOfPocket(30000, KUNMING, true)).toBeCloseTo(3600, 6);
    expect(illnessOutOfPocket(30000, { ...KUNMING, assistanceCeiling: 2000 }, true)).toBeCloseTo(7000, 6);
    expect(illnessOutOfPocket(30000, KUNMING, false)).toBe(30000);
  });

  it("is never negative, never above the cost, the whole cost when uninsured", () => {
    fc.assert(
      fc.property(cost, cover, (c, h) => {
        const oop = illnessOutOfPocket(c, h, true);
        expect(oop).toBeGreaterThanOrEqual(0);
        expect(oop).toBeLessThanOrEqual(c * (1 + 1e-12));
        expect(oop).toBeLessThanOrEqual(illnessOutOfPocket(c, h, false) * (1 + 1e-12));
        expect(illnessOutOfPocket(c, h, false)).toBe(c);
      }),
      { numRuns: 2000, seed: 13 },
    );
  });

  it("is monotone in each lever and in the cost", () => {
    fc.assert(
      fc.property(cost, cover, unit, fc.constantFrom(...LEVERS), (c, h, x, [lever, sign]) => {
        // the lever lowered to a share x of its value (an unbounded ceiling to a finite one)
        const v = h[lever] as number;
        const lo = { ...h, [lever]: Number.isFinite(v) ? x * v : x * 2e5 };
        const a = illnessOutOfPocket(c, lo, true),
          b = illnessOutOfPocket(c, h, true);
        const eps = 1e-9 * (1 + c);
        // raising the lever from lo to h moves the cost the lever's way (or leaves it)
        if (sign < 0) expect(b).toBeLessThanOrEqual(a + eps);
        else expect(b).toBeGreaterThanOrEqual(a - eps);
        expect(illnessOutOfPocket(c * (1 + x), h, true)).toBeGreaterThanOrEqual(b - eps);
      }),
      { numRuns: 3000, seed: 17 },
    );
  });

  it("each of the plan's levers binds somewhere (a self-pay cap below the top-up, a ceiling below the gap)", () => {
    const c = 30000;
    const at = (h: Partial<HealthCover>) => illnessOutOfPocket(c, { ...KUNMING, ...h }, true);
    expect(at({ inpatientSelfPayMax: 0.05 })).toBeLessThan(at({}));
    expect(at({ outpatientSelfPayMax: 0.3 })).toBeGreaterThan(at({}));
    expect(at({ assistanceCeiling: 0 })).toBeGreaterThan(at({}));
    expect(at({ inCountyMin: 0.95 })).toBeLessThan(at({}));
    expect(at({ topup: 0.95 })).toBeLessThan(at({}));
    expect(at({ base: 0.8 })).toBeLessThan(at({ assistanceCeiling: 0 }));
  });
});

describe("insurance take-up", () => {
  it("rises with the premium subsidy from the unsubsidised take-up to 1", () => {
    expect(insuranceTakeUp(0, 0.5)).toBe(0.5);
    expect(insuranceTakeUp(1, 0.5)).toBe(1);
    fc.assert(
      fc.property(unit, unit, unit, (a, b, u) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(insuranceTakeUp(hi, u)).toBeGreaterThanOrEqual(insuranceTakeUp(lo, u));
        expect(insuranceTakeUp(lo, u)).toBeGreaterThanOrEqual(u - 1e-12);
        expect(insuranceTakeUp(hi, u)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500, seed: 19 },
    );
  });

  it("the coverage aims at the insured-share commitment: 100% reaches every uninsured household", () => {
    expect(insuranceCoverage(0.35, undefined, 0.1, 1)).toBeCloseTo(0.35, 12);
    expect(insuranceCoverage(0.35, 1, 0.1, 1)).toBe(1);
    expect(insuranceCoverage(0.35, 1, 0.1, 0.75)).toBe(0.75);
    // 95% insured from 90%: half the uninsured must enrol
    expect(insuranceCoverage(0.35, 0.95, 0.1, 1)).toBeCloseTo(0.5, 12);
    // a commitment already met does not slow the pace
    expect(insuranceCoverage(0.35, 0.8, 0.1, 1)).toBeCloseTo(0.35, 12);
    fc.assert(
      fc.property(unit, unit, unit, unit, unit, (pace, t1, t2, u, take) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = insuranceCoverage(pace, lo, u, take),
          b = insuranceCoverage(pace, hi, u, take);
        expect(b).toBeGreaterThanOrEqual(a);
        expect(a).toBeGreaterThanOrEqual(insuranceCoverage(pace, undefined, u, take));
        expect(b).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500, seed: 23 },
    );
  });
});

describe("contracted chronic care", () => {
  it("lowers the chronic illness chance with the contracted share and visits up to the standard's 4", () => {
    expect(chronicIllnessProb(0.2, 0, 4, 0.15)).toBe(0.2);
    expect(chronicIllnessProb(0.2, 1, 0, 0.15)).toBe(0.2);
    expect(chronicIllnessProb(0.2, 1, STANDARD_FOLLOW_UPS, 0.15)).toBeCloseTo(0.17, 12);
    expect(chronicIllnessProb(0.2, 1, 12, 0.15)).toBeCloseTo(0.17, 12);
    expect(chronicIllnessProb(0.2, 1, 2, 0.15)).toBeCloseTo(0.185, 12);
    fc.assert(
      fc.property(unit, unit, unit, fc.integer({ min: 0, max: 12 }), unit, (p, s1, s2, v, e) => {
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(chronicIllnessProb(p, hi, v, e)).toBeLessThanOrEqual(chronicIllnessProb(p, lo, v, e));
        expect(chronicIllnessProb(p, hi, v + 1, e)).toBeLessThanOrEqual(chronicIllnessProb(p, hi, v, e));
        expect(chronicIllnessProb(p, hi, v, e)).toBeGreaterThanOrEqual(0);
        expect(chronicIllnessProb(p, hi, v, e)).toBeLessThanOrEqual(p);
      }),
      { numRuns: 500, seed: 29 },
    );
  });
});
