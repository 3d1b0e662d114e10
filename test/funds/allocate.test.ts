/**
 * Properties of the money's way to the households (fast-check, seeded): the factor allocation among counties
 * (src/funds/allocate.ts), what a county's budget buys (src/funds/measures.ts `buyCoverage`), and the engine
 * with money limiting the measures (more money never lowers expected exits).
 *
 * Fixture: test/fixtures/funds/scenarios/alloc-small.yaml — Anhui's 28 counties (27 poor of which 9 deep, and
 * the other counties together) over a 600-row registry, one fixed pool with half reserved for deep counties.
 *
 * Precedence in `allocateToCounties`, as the code applies it:
 *   1. factor shares (the weighted factors, over the counties with poor people);
 *   2. floor and cap shares by water-filling; the floor is lowered to 1/n and the cap raised to 1/n when
 *      needed (n = counties with poor people), so they are always feasible together;
 *   3. reserved groups are topped up to their amount from the counties outside them, in proportion to what
 *      those have: a reservation wins over caps (a member may end above the cap) and over floors (a county
 *      outside may end below the floor);
 *   4. rounding drift goes to the largest amount.
 * So floors and caps are checked where no reservation moves money (no reserved group).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cloneRegistry,
  generateRegistry,
  loadRegions,
  loadScenario,
  Parameter,
  parsePeriodKey,
  runEngine,
  Status,
  yearParams,
  type Registry,
  type ResolvedScenario,
} from "../../src/index.js";
import {
  allocateToCounties,
  FACTORS,
  surveyCounties,
  type AllocationRule,
  type Factor,
} from "../../src/funds/allocate.js";
import { buyCoverage, K, maxCoverage } from "../../src/funds/measures.js";
import { groupMembers } from "../../src/funds/money.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const s = loadScenario(fixture("funds", "scenarios", "alloc-small.yaml"), { regions });
const base = generateRegistry(s, { regions });
const C = base.counties.n;
const YEARS = [2018, 2019, 2020];
const params = new Map(YEARS.map((y) => [y, yearParams(s, y)]));
const sum = (a: ArrayLike<number>) => {
  let x = 0;
  for (let i = 0; i < a.length; i++) x += a[i];
  return x;
};

/** The registry with every household of the given counties taken out of poverty (counties with no poor). */
function withoutPoorIn(reg: Registry, counties: number[]): Registry {
  if (counties.length === 0) return reg;
  const r = cloneRegistry(reg);
  const drop = new Uint8Array(C);
  for (const c of counties) drop[c] = 1;
  for (let i = 0; i < r.n; i++) if (drop[r.villages.county[r.village[i]]]) r.status[i] = Status.nonpoor;
  return r;
}

// --- arbitraries ---
// Pools and budgets are kept to at least 0.001 and 0.01 yuan: with subnormal amounts such as 5e-324 yuan,
// pool × share underflows to 0 and spend = need × budget / need loses its relative precision, which says
// nothing about the allocation. Weights may be anything in [0, 1], subnormal ones included.
const pool = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-3, max: 1e12, noNaN: true }),
  fc.double({ min: 1e6, max: 1e9, noNaN: true }),
);
const weight = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));
const weights = fc
  .tuple(...FACTORS.map(() => weight))
  .map((ws) => Object.fromEntries(FACTORS.map((f, i) => [f, ws[i]])) as Record<Factor, number>);
const share = fc.double({ min: 0, max: 1, noNaN: true });
const floorShare = fc.option(fc.oneof(fc.double({ min: 0, max: 0.06, noNaN: true }), share), { nil: undefined });
const capShare = fc.option(fc.oneof(fc.double({ min: 0, max: 0.1, noNaN: true }), share), { nil: undefined });
const emptied = fc.oneof(
  { arbitrary: fc.constant([] as number[]), weight: 2 },
  { arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: C - 1 }), { maxLength: C }), weight: 3 },
);
const members = fc.oneof(
  fc.constantFrom("deep_poor_counties", "poor_counties").map((g) => groupMembers(base, g)),
  fc.array(fc.boolean(), { minLength: C, maxLength: C }).map((b) => Uint8Array.from(b, Number)),
);
const year = fc.constantFrom(...YEARS);

interface Case {
  pool: number;
  rule: AllocationRule;
  emptied: number[];
  year: number;
}
const allocationCase = (withReserved: boolean) =>
  fc
    .record({
      pool,
      weights,
      floorShare,
      capShare,
      emptied,
      year,
      reserved: withReserved ? fc.option(fc.record({ members, share }), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ pool, weights, floorShare, capShare, emptied, year, reserved }): Case => ({
      pool,
      emptied,
      year,
      rule: {
        weights,
        ...(floorShare !== undefined ? { floorShare } : {}),
        ...(capShare !== undefined ? { capShare } : {}),
        ...(reserved
          ? { reserved: [{ group: "test", members: reserved.members, amount: reserved.share * pool }] }
          : {}),
      },
    }));

function allocate(c: Case) {
  const reg = withoutPoorIn(base, c.emptied);
  const survey = surveyCounties(reg, params.get(c.year)!);
  return { reg, survey, ...allocateToCounties(c.pool, reg, survey, c.rule) };
}

describe("allocateToCounties (properties)", () => {
  it("the fixture has several counties, some with poor people in each group", () => {
    const survey = surveyCounties(base, params.get(2018)!);
    expect(C).toBe(28);
    expect(survey.poorPeople.filter((p) => p > 0).length).toBeGreaterThan(20);
  });

  it("allocated = available: Σ amounts + unallocated = pool; no amount is negative; no poor people, no money", () => {
    fc.assert(
      fc.property(allocationCase(true), (c) => {
        const { survey, amounts, unallocated } = allocate(c);
        expect(unallocated).toBeGreaterThanOrEqual(0);
        const total = sum(amounts) + unallocated;
        expect(Math.abs(total - c.pool), `Σ ${total} vs pool ${c.pool}`).toBeLessThanOrEqual(1e-9 * c.pool);
        for (let k = 0; k < C; k++) {
          expect(amounts[k], `county ${k}`).toBeGreaterThanOrEqual(0);
          if (!(survey.poorPeople[k] > 0)) expect(amounts[k], `county ${k} has no poor people`).toBe(0);
        }
        // nothing is left unallocated while some county has poor people
        if (survey.poorPeople.some((p) => p > 0)) expect(unallocated).toBe(0);
      }),
      { numRuns: 100, seed: 20180101 },
    );
  });

  it("a reserved group gets at least its amount whenever counties outside it had money to give", () => {
    fc.assert(
      fc.property(
        allocationCase(true).filter((c) => c.rule.reserved !== undefined && c.pool > 0),
        (c) => {
          const { survey, amounts } = allocate(c);
          const g = c.rule.reserved![0];
          const inGroup = (k: number) => g.members[k] === 1 && survey.poorPeople[k] > 0;
          // what the counties outside the group would have had without the reservation
          const without = allocate({ ...c, rule: { ...c.rule, reserved: [] } }).amounts;
          let outsideBefore = 0;
          for (let k = 0; k < C; k++) if (!inGroup(k)) outsideBefore += without[k];
          const anyMember = Array.from({ length: C }, (_, k) => k).some(inGroup);
          if (!anyMember || outsideBefore <= 0) return;
          let got = 0;
          for (let k = 0; k < C; k++) if (inGroup(k)) got += amounts[k];
          // the group can get at most the whole pool; it must get its amount, or all that was outside it
          const want = Math.min(g.amount, c.pool);
          expect(got, `group gets ${got}, reserved ${g.amount}, pool ${c.pool}`).toBeGreaterThanOrEqual(
            want - 1e-9 * c.pool,
          );
        },
      ),
      { numRuns: 100, seed: 20180102 },
    );
  });

  it("floors and caps are honoured (no reserved group; floor lowered, cap raised to 1/n when infeasible)", () => {
    fc.assert(
      fc.property(
        allocationCase(false).filter((c) => c.pool > 0),
        (c) => {
          const { survey, amounts } = allocate(c);
          const n = survey.poorPeople.filter((p) => p > 0).length;
          if (n === 0) return;
          const lo = Math.min(c.rule.floorShare ?? 0, 1 / n),
            hi = Math.max(c.rule.capShare ?? 1, 1 / n);
          for (let k = 0; k < C; k++) {
            if (!(survey.poorPeople[k] > 0)) continue;
            const x = amounts[k] / c.pool;
            expect(x, `county ${k}: share ${x} below the floor ${lo} (n = ${n})`).toBeGreaterThanOrEqual(lo - 1e-9);
            expect(x, `county ${k}: share ${x} above the cap ${hi} (n = ${n})`).toBeLessThanOrEqual(hi + 1e-9);
          }
        },
      ),
      { numRuns: 100, seed: 20180103 },
    );
  });
});

describe("allocateToCounties (examples the properties found; four counties in need, the rest empty)", () => {
  const survey0 = surveyCounties(base, params.get(2018)!);
  /** A survey with only the first counties in need, with the given poor people and income gaps. */
  const survey = (poorPeople: number[], gap: number[]) => {
    const pp = new Float64Array(C),
      g = new Float64Array(C);
    pp.set(poorPeople);
    g.set(gap);
    return { ...survey0, poorPeople: pp, gap: g };
  };
  const first4 = (a: Float64Array) => Array.from(a.slice(0, 4));
  const expectShares = (amounts: Float64Array, want: number[]) => {
    want.forEach((w, k) => expect(amounts[k], `county ${k}`).toBeCloseTo(w * 1e6, 3));
    expect(sum(amounts.slice(4))).toBe(0);
  };

  it("a floor and a cap binding in the same pass: the counties between them share what is left", () => {
    // shares 0.55, 0.19, 0.19, 0.07 with floor 0.2 and cap 0.3: county 0 at the cap, county 3 at the floor,
    // counties 1 and 2 (equal shares) split 1 − 0.3 − 0.2 = 0.5. (Before the fix: 0.4, 0.2, 0.2, 0.2 —
    // every county was fixed in one pass and the drift went to the largest, past the cap.)
    const r = allocateToCounties(1e6, base, survey([55, 19, 19, 7], [1, 1, 1, 1]), {
      weights: { poor_population: 1 },
      floorShare: 0.2,
      capShare: 0.3,
    });
    expectShares(r.amounts, [0.3, 0.25, 0.25, 0.2]);
    expect(first4(r.amounts).every((x) => x <= 0.3e6 * (1 + 1e-12))).toBe(true);
  });

  it("counties with no factor share take what the capped others cannot", () => {
    // depth only, gaps 3, 1, 0, 0; cap 0.3, floor 0.05: counties 0 and 1 at the cap, 0.4 left for the two
    // counties with no gap (0.2 each, above their floor). (Before the fix: 0.6, 0.3, 0.05, 0.05 — the 0.3
    // nobody could take went to county 0 as rounding drift, twice its cap.)
    const r = allocateToCounties(1e6, base, survey([10, 10, 10, 10], [3, 1, 0, 0]), {
      weights: { depth: 1 },
      floorShare: 0.05,
      capShare: 0.3,
    });
    expectShares(r.amounts, [0.3, 0.3, 0.2, 0.2]);
  });

  it("a reserved group whose members have nothing yet still gets its amount", () => {
    // depth only, gaps 0, 2, 1, 1 → 0, 0.5, 0.25, 0.25; county 0 reserved 0.4 of the pool: it gets 0.4, the
    // others give 0.4 in proportion (× 0.6). (Before the fix: county 0 got nothing.)
    const members = new Uint8Array(C);
    members[0] = 1;
    const r = allocateToCounties(1e6, base, survey([10, 10, 10, 10], [0, 2, 1, 1]), {
      weights: { depth: 1 },
      reserved: [{ group: "test", members, amount: 0.4e6 }],
    });
    expectShares(r.amounts, [0.4, 0.3, 0.15, 0.15]);
  });
});

describe("buyCoverage (properties)", () => {
  const budget = fc.oneof(
    fc.constant(0),
    fc.double({ min: 0.01, max: 1e7, noNaN: true }),
    fc.double({ min: 0.01, max: 1e10, noNaN: true }),
  );
  const budgets = fc.array(budget, { minLength: C, maxLength: C }).map((b) => Float64Array.from(b));
  const more = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1e9, noNaN: true })), {
    minLength: C,
    maxLength: C,
  });

  it("coverage within the largest; spend ≤ budget; spend + unspent = budget; more budget never lowers coverage", () => {
    fc.assert(
      fc.property(budgets, more, year, emptied, (b1, extra, y, empty) => {
        const P = params.get(y)!;
        const survey = surveyCounties(withoutPoorIn(base, empty), P);
        const maxCov = maxCoverage(P);
        const b2 = Float64Array.from(b1, (x, k) => x + extra[k]);
        const r1 = buyCoverage(b1, survey.eligible, P),
          r2 = buyCoverage(b2, survey.eligible, P);
        for (let c = 0; c < C; c++) {
          let spent = 0;
          for (let k = 0; k < K; k++) {
            const j = c * K + k;
            expect(r1.coverage[j]).toBeGreaterThanOrEqual(0);
            expect(r1.coverage[j], `county ${c} measure ${k}`).toBeLessThanOrEqual(maxCov[k] + 1e-12);
            expect(r1.spend[j]).toBeGreaterThanOrEqual(0);
            expect(r2.coverage[j], `county ${c} measure ${k}: more budget, less coverage`).toBeGreaterThanOrEqual(
              r1.coverage[j],
            );
            spent += r1.spend[j];
          }
          expect(spent, `county ${c} spends more than its budget`).toBeLessThanOrEqual(b1[c] * (1 + 1e-12));
          expect(r1.unspent[c]).toBeGreaterThanOrEqual(0);
          expect(Math.abs(spent + r1.unspent[c] - b1[c]), `county ${c}: spend + unspent ≠ budget`).toBeLessThanOrEqual(
            1e-9 * Math.max(b1[c], 1),
          );
        }
      }),
      { numRuns: 100, seed: 20180104 },
    );
  });
});

/** The scenario with one rule's amount replaced from the horizon's start on. */
function withAmount(sc: ResolvedScenario, id: string, value: number): ResolvedScenario {
  const rule = sc.funds.get(id)!;
  const q = rule.quantities.amount;
  const amount = new Parameter(q.path, q.unit, [
    ...q.entries,
    {
      period: parsePeriodKey(String(sc.horizon.start))!,
      key: "test",
      value,
      provenance: { assumption: "property test" },
      file: "test",
    },
  ]);
  const funds = new Map(sc.funds);
  funds.set(id, { ...rule, quantities: { ...rule.quantities, amount } });
  return { ...sc, funds };
}

describe("runEngine with money limiting the measures (property)", () => {
  it("raising a fixed pool never lowers the mean cumulative exits (same seed)", () => {
    const T = YEARS.length,
      R = 3;
    const meanCumulative = (sc: ResolvedScenario, seed: number) => {
      const m = runEngine(sc, { regions, replicates: R, seed }).metrics.cumulative_exits_people!;
      return YEARS.map((_, t) => {
        let x = 0;
        for (let r = 0; r < R; r++) x += m[r * T + t];
        return x / R;
      });
    };
    // not vacuous: money limits the measures here, so more of it does raise exits
    const [low, high] = [1e8, 1e9].map((a) => meanCumulative(withAmount(s, "special-fund", a), 1));
    expect(high[T - 1]).toBeGreaterThan(low[T - 1]);
    fc.assert(
      fc.property(
        fc.double({ min: 1e7, max: 1e9, noNaN: true }),
        fc.double({ min: 1.1, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        (amount, factor, seed) => {
          const low = meanCumulative(withAmount(s, "special-fund", amount), seed);
          const high = meanCumulative(withAmount(s, "special-fund", amount * factor), seed);
          for (let t = 0; t < T; t++)
            expect(high[t], `${YEARS[t]}: ${amount} → ${amount * factor} yuan, seed ${seed}`).toBeGreaterThanOrEqual(
              low[t],
            );
        },
      ),
      { numRuns: 12, seed: 20180105 },
    );
  });
});
