/**
 * Seeded random streams.
 *
 * tuopin never uses `Math.random`: every draw comes from a stream derived from the scenario seed, the
 * replicate index and (from the household engine on) the block of households, so a run gives the same
 * numbers whatever the number of threads and the order of work (test/engine/threads.test.ts checks it).
 *
 * The generator is xoshiro128** (Blackman & Vigna 2018), 53-bit doubles from two 32-bit outputs, with its
 * state seeded by splitmix32 so that no state is all zeros.
 */

/** A source of uniform random numbers in [0, 1). */
export type Rng = () => number;

/** splitmix32 step: a good 32-bit mixer used to derive independent seeds. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seeds a 4-word xoshiro128** state from a list of integers (seed, replicate, block …). */
export function seedState(...keys: number[]): Uint32Array {
  if (keys.length === 0) throw new Error("seedState requires at least one key");
  let h = 0x6a09e667;
  for (const k of keys) {
    if (!Number.isSafeInteger(k)) throw new Error(`seedState requires integer keys (got ${k})`);
    // fold both 32-bit halves of the key
    h = mix32(h ^ (k >>> 0));
    h = mix32(h ^ Math.floor(k / 4294967296));
  }
  const st = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    h = mix32(h + i);
    st[i] = h;
  }
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  return st;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** One xoshiro128** output, advancing `st` in place. Returns an unsigned 32-bit integer. */
export function nextUint32(st: Uint32Array): number {
  const s0 = st[0],
    s1 = st[1],
    s2 = st[2],
    s3 = st[3];
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  let a = s0,
    b = s1,
    c = s2,
    d = s3;
  c ^= a;
  d ^= b;
  b ^= c;
  a ^= d;
  c ^= t;
  d = rotl(d, 11);
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  return result;
}

/**
 * Counter-based uniforms: one draw per index i of a keyed family, in (0, 1), with no state, so the draw of
 * an item does not depend on which other items are drawn or in what order (the aligned run's assessment
 * error, src/engine/align.ts). `hashBase(...keys)` keys the family (seed, replicate, stream, year); the draw
 * is two rounds of splitmix32's finaliser over the base and the index, 32 bits, shifted off 0 and 1.
 */
export function hashBase(...keys: number[]): number {
  return seedState(...keys)[0];
}

/** The uniform of index `i` in the family `base` (see `hashBase`), in (0, 1). */
export function hashUniform(base: number, i: number): number {
  return (mix32(base ^ mix32(i)) + 0.5) / 4294967296;
}

/**
 * A stream of uniform doubles in [0, 1) with 53 random bits.
 * @example
 * const u = seededRng(42, 0); u(); // same value on every machine
 */
export function seededRng(...keys: number[]): Rng {
  const st = seedState(...keys);
  return () => ((nextUint32(st) >>> 5) * 67108864 + (nextUint32(st) >>> 6)) * 1.1102230246251565e-16;
}

/** Standard normal draw by Box–Muller (one of the pair; the other is discarded for simplicity of state). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  let u = rng();
  while (u <= 0) u = rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Standard-normal quantiles at the midpoints of 4,096 equal-probability cells, for drawing a normal from one
 * 32-bit output (its top 12 bits pick the cell). Discrete, but its mean is 0 and its variance within 0.2% of 1,
 * which is ample for income noise; computed once with Acklam's inverse-normal approximation (relative error
 * about 1e-9).
 *
 * Why not simple-statistics' `probit`: it is accurate only to about 1e-2 (probit(0.975) = 1.9572 against
 * 1.95996; over this table's 4,096 cells the largest difference from Acklam is 0.0128), and any change to the
 * table moves every number of every run (the golden rows in test/golden pin them). So the table stays Acklam's.
 */
export const NORMAL_TABLE: Float64Array = (() => {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const inv = (p: number): number => {
    if (p < 0.02425) {
      const q = Math.sqrt(-2 * Math.log(p));
      return (
        (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
      );
    }
    if (p > 1 - 0.02425) return -inv(1 - p);
    const q = p - 0.5,
      r = q * q;
    return (
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    );
  };
  const t = new Float64Array(4096);
  for (let k = 0; k < 4096; k++) t[k] = inv((k + 0.5) / 4096);
  return t;
})();
