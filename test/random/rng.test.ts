import { describe, expect, it } from "vitest";
import { binomial, nextUint32, normal, seededRng } from "../../src/index.js";

describe("xoshiro128**", () => {
  it("nextUint32 matches the published test vector for state {1, 2, 3, 4}", () => {
    // reference: the xoshiro128** C code of Blackman & Vigna, first outputs from s = {1, 2, 3, 4}
    const st = Uint32Array.of(1, 2, 3, 4);
    expect([nextUint32(st), nextUint32(st), nextUint32(st), nextUint32(st)]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it("seededRng(seed, replicate) is reproducible and streams differ", () => {
    const a = seededRng(42, 0),
      b = seededRng(42, 0),
      c = seededRng(42, 1);
    const xa = Array.from({ length: 5 }, a),
      xb = Array.from({ length: 5 }, b),
      xc = Array.from({ length: 5 }, c);
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    for (const x of xa) expect(x >= 0 && x < 1).toBe(true);
  });

  it("uniforms have mean 1/2 within 4 standard errors", () => {
    const rng = seededRng(1);
    const n = 100_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += rng();
    // SE of the mean of U(0,1) is sqrt(1/12/n)
    expect(Math.abs(s / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });
});

describe("samplers", () => {
  it("normal(rng, mean, sd) has the right mean within 4 SE", () => {
    const rng = seededRng(3);
    const n = 50_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += normal(rng, 10, 2);
    expect(Math.abs(s / n - 10)).toBeLessThan((4 * 2) / Math.sqrt(n));
  });

  it("binomial(rng, n, p) stays in [0, n] and has mean n·p within 4 SE, in both branches", () => {
    for (const [n, p] of [
      [20, 0.3],
      [1_000_000, 0.37],
    ] as const) {
      const rng = seededRng(5, n);
      const k = 4000;
      let s = 0;
      for (let i = 0; i < k; i++) {
        const x = binomial(rng, n, p);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(n);
        expect(Number.isInteger(x)).toBe(true);
        s += x;
      }
      expect(Math.abs(s / k - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / k) + 0.5);
    }
  });

  it("binomial rejects impossible arguments with a named message", () => {
    const rng = seededRng(1);
    expect(() => binomial(rng, -1, 0.5)).toThrow(/binomial requires a non-negative integer n/);
    expect(() => binomial(rng, 10, 1.5)).toThrow(/binomial requires 0 ≤ p ≤ 1/);
  });
});
