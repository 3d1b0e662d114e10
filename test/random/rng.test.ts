import { describe, expect, it } from "vitest";
import { erf } from "mathjs";
import { NORMAL_TABLE, nextUint32, normal, seededRng } from "../../src/index.js";

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

  it("NORMAL_TABLE holds the normal quantiles of its 4,096 cell midpoints (Acklam, far finer than 1e-2)", () => {
    const phi = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
    let worst = 0;
    for (let k = 0; k < NORMAL_TABLE.length; k++)
      worst = Math.max(worst, Math.abs(phi(NORMAL_TABLE[k]) - (k + 0.5) / 4096));
    expect(worst).toBeLessThan(1e-8);
    const mean = NORMAL_TABLE.reduce((a, b) => a + b, 0) / NORMAL_TABLE.length;
    const variance = NORMAL_TABLE.reduce((a, b) => a + (b - mean) ** 2, 0) / NORMAL_TABLE.length;
    expect(Math.abs(mean)).toBeLessThan(1e-9);
    expect(Math.abs(variance - 1)).toBeLessThan(0.002);
  });
});
