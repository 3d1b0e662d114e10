/**
 * Seeded random streams.
 *
 * tuopin never uses `Math.random`: every draw comes from a stream derived from the scenario seed, the
 * replicate index and (from the household engine on) the block of households, so a run gives the same
 * numbers whatever the number of threads and the order of work (../DESIGN "Randomness").
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
  const s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  let a = s0, b = s1, c = s2, d = s3;
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
 * Binomial draw. Exact inversion for small n·p, normal approximation with continuity correction above
 * (n·p·(1−p) ≥ 25), which is what county- and province-sized counts need.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (!(n >= 0) || !Number.isInteger(n)) throw new Error(`binomial requires a non-negative integer n (got ${n})`);
  if (!(p >= 0 && p <= 1)) throw new Error(`binomial requires 0 ≤ p ≤ 1 (got ${p})`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const variance = n * p * (1 - p);
  if (variance >= 25) {
    const x = Math.round(normal(rng, n * p, Math.sqrt(variance)));
    return Math.min(n, Math.max(0, x));
  }
  // inversion by sequential search over the pmf
  const q = 1 - p;
  let pmf = Math.pow(q, n);
  let cdf = pmf;
  const u = rng();
  let k = 0;
  while (u > cdf && k < n) {
    pmf *= ((n - k) / (k + 1)) * (p / q);
    cdf += pmf;
    k++;
  }
  return k;
}
