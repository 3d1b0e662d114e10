import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AllocationError,
  allocationLpText,
  optimiseAllocation,
  reconcileAllocation,
  type AllocationOptimum,
  type AllocationProblem,
} from "../../src/funds/optimise.js";

const f64 = (...v: number[]) => Float64Array.from(v);

/** A small seeded generator (LCG), for fixtures. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The AllocationError that `f` rejects with (fails the test otherwise). */
async function allocationError(f: () => Promise<unknown>): Promise<AllocationError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof AllocationError) return e;
    throw e;
  }
  throw new Error("expected an AllocationError");
}

const dual = (r: AllocationOptimum, name: string) => {
  const c = r.constraints.find((k) => k.name === name);
  if (!c) throw new Error(`no constraint ${name} in ${r.constraints.map((k) => k.name).join(", ")}`);
  return c;
};

/** Greedy by effect: fill the best cells to capacity until the budget runs out (optimal with no other constraint). */
function greedyValue(p: AllocationProblem): number {
  const order = [...p.effect.keys()].sort((a, b) => p.effect[b] - p.effect[a]);
  let left = p.budget,
    v = 0;
  for (const i of order) {
    const x = Math.min(left, p.capacity[i]);
    v += x * p.effect[i];
    left -= x;
  }
  return v;
}

const twoByTwo = (): AllocationProblem => ({
  counties: ["A", "B"],
  measures: ["m1", "m2"],
  budget: 400,
  effect: f64(0.004, 0.002, 0.003, 0.001),
  capacity: f64(100, 200, 150, 300),
});

describe("optimiseAllocation: by hand", () => {
  it("solves a 2×2 case as greedy by effect does", async () => {
    const r = await optimiseAllocation(twoByTwo());
    // A/m1 (0.004) to its 100, B/m1 (0.003) to its 150, A/m2 (0.002) the remaining 150
    expect([...r.allocation]).toEqual([100, 150, 150, 0].map((v) => expect.closeTo(v, 9)));
    expect(r.unspent).toBe(0);
    expect(r.value).toBeCloseTo(1.15, 12);
    expect(r.status).toBe("optimal");
    // one more yuan goes to A/m2 at 0.002; one more yuan of A/m1 capacity displaces A/m2: 0.004 − 0.002
    expect(dual(r, "budget")).toMatchObject({ kind: "budget", binding: true, dual: expect.closeTo(0.002, 12) });
    expect(dual(r, "capacity A/m1").dual).toBeCloseTo(0.002, 12);
    expect(dual(r, "capacity B/m1").dual).toBeCloseTo(0.001, 12);
    expect(r.constraints.some((c) => c.name === "capacity A/m2")).toBe(false);
    expect(r.seconds).toBeGreaterThan(0);
  });

  it("matches greedy on seeded random problems without other constraints", async () => {
    const rnd = lcg(7);
    for (let k = 0; k < 5; k++) {
      const C = 6,
        M = 4;
      const p: AllocationProblem = {
        counties: Array.from({ length: C }, (_, i) => `c${i}`),
        measures: Array.from({ length: M }, (_, i) => `m${i}`),
        budget: 1e7 * (0.5 + rnd()),
        effect: Float64Array.from({ length: C * M }, () => 1e-5 * rnd()),
        capacity: Float64Array.from({ length: C * M }, () => 1e6 * rnd()),
      };
      const r = await optimiseAllocation(p);
      expect(r.value).toBeCloseTo(greedyValue(p), 9);
    }
  });

  it("reports money the counties cannot absorb as unspent, with a zero budget dual", async () => {
    const p = { ...twoByTwo(), budget: 1000 };
    const r = await optimiseAllocation(p);
    expect([...r.allocation]).toEqual([100, 200, 150, 300].map((v) => expect.closeTo(v, 9)));
    expect(r.unspent).toBeCloseTo(250, 9);
    expect(dual(r, "budget").dual).toBe(0);
  });

  it("spends the whole budget when capacity allows, even where effects are 0", async () => {
    const p = { ...twoByTwo(), effect: f64(0, 0, 0, 0) };
    const r = await optimiseAllocation(p);
    expect(r.unspent).toBe(0);
    expect(r.allocation.reduce((a, b) => a + b, 0)).toBeCloseTo(400, 9);
    for (let i = 0; i < 4; i++) expect(r.allocation[i]).toBeLessThanOrEqual(p.capacity[i]);
  });

  it("allocates nothing of a zero budget, and labels do not change the result", async () => {
    const r0 = await optimiseAllocation({ ...twoByTwo(), budget: 0 });
    expect([...r0.allocation]).toEqual([0, 0, 0, 0]);
    expect(r0.value).toBe(0);
    const a = await optimiseAllocation({ ...twoByTwo(), objective: "returns" });
    const b = await optimiseAllocation({ ...twoByTwo(), objective: "exits" });
    expect([...a.allocation]).toEqual([...b.allocation]);
  });

  it("writes LP-safe names", () => {
    const lp = allocationLpText({
      ...twoByTwo(),
      counties: ["临泉 county", "a:b"],
      reserved: [{ name: "深度 贫困", members: Uint8Array.from([1, 0]), share: 0.5 }],
    });
    expect(lp).toMatch(/^Maximize\n obj: /);
    expect(lp).not.toMatch(/临泉|深度|a:b/);
    expect(lp).toMatch(/ r0: x_0_0 \+ x_0_1\n {3}>= 0\.5/);
  });
});

/** Three counties × two measures: county 2 is "deep" and has the weakest effects. */
const deepFixture = (share: number, budget = 1000): AllocationProblem => ({
  counties: ["funan", "linquan", "deep"],
  measures: ["industry", "jobs"],
  budget,
  effect: f64(0.005, 0.003, 0.004, 0.002, 0.001, 0.0015),
  capacity: f64(200, 300, 250, 400, 300, 300),
  reserved: [{ name: "deep_poor_counties", members: Uint8Array.from([0, 0, 1]), share }],
});

describe("optimiseAllocation: duals", () => {
  it("a binding reserved share's dual is its finite difference: the loss per yuan forced into the group", async () => {
    const share = 0.4,
      eps = 1e-3;
    const r = await optimiseAllocation(deepFixture(share));
    const c = dual(r, "reserved deep_poor_counties ≥ 40%");
    expect(c.binding).toBe(true);
    expect(c.kind).toBe("reserved");
    const r2 = await optimiseAllocation(deepFixture(share + eps));
    const fd = (r2.value - r.value) / (eps * 1000);
    expect(c.dual).toBeLessThan(0);
    expect(c.dual).toBeCloseTo(fd, 10);
    // by hand: deep/jobs (0.0015) is full, so the marginal yuan inside is deep/industry at 0.001; outside,
    // funan/jobs at 0.003 is the cell not yet full
    expect(c.dual).toBeCloseTo(0.001 - 0.003, 12);
  });

  it("a reserved share that does not bind has dual 0", async () => {
    // funan, the most effective county, gets far more than 10% anyway
    const r = await optimiseAllocation({
      ...deepFixture(0),
      reserved: [{ name: "funan_only", members: Uint8Array.from([1, 0, 0]), share: 0.1 }],
    });
    const c = dual(r, "reserved funan_only ≥ 10%");
    expect(c.binding).toBe(false);
    expect(c.dual).toBe(0);
  });

  it("the budget dual is the marginal effect of one more yuan", async () => {
    const p = { ...deepFixture(0), reserved: undefined };
    const r = await optimiseAllocation(p);
    const r2 = await optimiseAllocation({ ...p, budget: p.budget + 1 });
    expect(dual(r, "budget").dual).toBeCloseTo(r2.value - r.value, 10);
    expect(dual(r, "budget").dual).toBeCloseTo(0.002, 12);
  });

  it("with a binding reserved share, one more budget yuan is worth budget dual + share × reserved dual", async () => {
    const share = 0.4;
    const r = await optimiseAllocation(deepFixture(share));
    const r2 = await optimiseAllocation(deepFixture(share, 1001));
    const total = dual(r, "budget").dual + share * dual(r, "reserved deep_poor_counties ≥ 40%").dual;
    expect(total).toBeCloseTo(r2.value - r.value, 10);
  });

  it("floor, cap and capacity duals match finite differences", async () => {
    // budget 800: deep gets its floor of 200 (deep/jobs), linquan its cap of 200 (linquan/industry), funan the
    // remaining 400 (industry full at 200, jobs 200 of 300): the marginal yuan is funan/jobs at 0.003
    const base: AllocationProblem = {
      ...deepFixture(0, 800),
      reserved: undefined,
      countyFloor: f64(0, 0, 200),
      countyCap: f64(Infinity, 200, Infinity),
    };
    const r = await optimiseAllocation(base);
    const floor = dual(r, "floor deep"),
      cap = dual(r, "cap linquan");
    expect(floor).toMatchObject({ kind: "floor", binding: true });
    expect(cap).toMatchObject({ kind: "cap", binding: true });
    expect(floor.dual).toBeCloseTo(0.0015 - 0.003, 12);
    expect(cap.dual).toBeCloseTo(0.004 - 0.003, 12);
    const rf = await optimiseAllocation({ ...base, countyFloor: f64(0, 0, 201) });
    expect(floor.dual).toBeCloseTo(rf.value - r.value, 10);
    expect(floor.dual).toBeLessThan(0);
    const rc = await optimiseAllocation({ ...base, countyCap: f64(Infinity, 201, Infinity) });
    expect(cap.dual).toBeCloseTo(rc.value - r.value, 10);
    expect(cap.dual).toBeGreaterThan(0);
    const capacity = base.capacity.slice();
    capacity[0] += 1; // funan/industry, at capacity
    const rk = await optimiseAllocation({ ...base, capacity });
    const k = dual(r, "capacity funan/industry");
    expect(k.binding).toBe(true);
    expect(k.dual).toBeCloseTo(rk.value - r.value, 10);
    expect(k.dual).toBeCloseTo(0.005 - 0.003, 12);
  });
});

describe("optimiseAllocation: the plan", () => {
  it("reports the plan's value, the gain, and no violations for a feasible plan", async () => {
    const p = { ...deepFixture(0.4), plan: f64(100, 100, 100, 100, 300, 100) };
    const r = await optimiseAllocation(p);
    expect(r.planViolations).toEqual([]);
    expect(r.planValue).toBeCloseTo(0.5 + 0.3 + 0.4 + 0.2 + 0.3 + 0.15, 12);
    expect(r.gain).toBeCloseTo(r.value - r.planValue!, 12);
    expect(r.gain!).toBeGreaterThan(0);
  });

  it("names the constraints an infeasible plan breaks", async () => {
    const p = { ...deepFixture(0.4), plan: f64(250, 100, 100, 100, 100, 100) };
    const r = await optimiseAllocation(p);
    expect(r.planViolations).toEqual([
      "capacity funan/industry: plan 250 yuan > 200 yuan",
      "reserved deep_poor_counties ≥ 40%: plan gives the group 200 yuan < 400 yuan",
    ]);
  });
});

describe("optimiseAllocation: infeasible and invalid inputs", () => {
  it("floors above the budget", async () => {
    const e = await allocationError(() => optimiseAllocation({ ...twoByTwo(), countyFloor: f64(250, 200) }));
    expect(e.message).toMatch(
      /county floors sum to 450 yuan, above the budget of 400 yuan; lower the floors or raise the budget/,
    );
  });

  it("a floor above what the county can absorb", async () => {
    const e = await allocationError(() => optimiseAllocation({ ...twoByTwo(), countyFloor: f64(350, 0) }));
    expect(e.problems).toEqual([
      "floor A asks for at least 350 yuan, but its measures' capacity sums to 300 yuan; " +
        "lower the floor or raise the county's capacity or cap",
    ]);
    const e2 = await allocationError(() =>
      optimiseAllocation({ ...twoByTwo(), countyFloor: f64(150, 0), countyCap: f64(120, Infinity) }),
    );
    expect(e2.problems[0]).toMatch(/floor A asks for at least 150 yuan, but its cap is 120 yuan/);
  });

  it("a reserved share above what its group can absorb, or above what floors elsewhere leave", async () => {
    const e = await allocationError(() => optimiseAllocation(deepFixture(0.7)));
    expect(e.problems).toEqual([
      "reserved deep_poor_counties ≥ 70% needs 700 yuan in its 1 counties, which can absorb only 600 yuan " +
        "(capacity and caps); lower the share or raise those counties' capacity or caps",
    ]);
    const e2 = await allocationError(() => optimiseAllocation({ ...deepFixture(0.5), countyFloor: f64(300, 300, 0) }));
    expect(e2.message).toMatch(
      new RegExp(
        "reserved deep_poor_counties ≥ 50% needs 500 yuan and the floors of the counties outside the group " +
          "need 600 yuan, together above the budget of 1,000 yuan",
      ),
    );
  });

  it("conflicts only the solver finds are reported with the constraints involved", async () => {
    // two disjoint groups of 60% each: each alone can be met, together they need 120% of the budget
    const p: AllocationProblem = {
      ...deepFixture(0),
      capacity: f64(1000, 1000, 1000, 1000, 1000, 1000),
      reserved: [
        { name: "north", members: Uint8Array.from([1, 0, 0]), share: 0.6 },
        { name: "south", members: Uint8Array.from([0, 1, 1]), share: 0.6 },
      ],
    };
    const e = await allocationError(() => optimiseAllocation(p));
    expect(e.message).toMatch(/no allocation meets the reserved shares, floors and caps together/);
    expect(e.problems).toEqual([
      "budget 1,000 yuan",
      "reserved north ≥ 60% (600 yuan)",
      "reserved south ≥ 60% (600 yuan)",
    ]);
  });

  it("malformed inputs are listed all at once", async () => {
    const p = {
      ...twoByTwo(),
      budget: Number.NaN,
      effect: f64(0.1, Number.NaN, 0, 0),
      capacity: f64(1, -1, 1),
      reserved: [{ name: "g", members: Uint8Array.from([1]), share: 1.5 }],
      countyFloor: f64(1, 2, 3),
    };
    const e = await allocationError(() => optimiseAllocation(p));
    expect(e.problems).toEqual([
      "budget must be a finite number ≥ 0, got NaN",
      "effect[1] is NaN",
      "capacity has 3 values, expected 4",
      "countyFloor has 3 values, expected 2",
      "reserved[0] (g): share must be in [0, 1], got 1.5",
      "reserved[0] (g): members must be a Uint8Array of length 2 (one per county)",
    ]);
    const neg = await allocationError(() => optimiseAllocation({ ...twoByTwo(), capacity: f64(1, -2, 1, 1) }));
    expect(neg.problems).toEqual(["capacity[1] is negative (-2)"]);
  });
});

describe("reconcileAllocation", () => {
  const p = deepFixture(0);
  it("removes solver drift above the budget without breaking bounds", () => {
    const x = f64(200 + 1e-7, 300, 250, 250 + 3e-7, -1e-10, 0);
    const u = reconcileAllocation(p, x, 1e-8);
    expect(u).toBe(0);
    const sum = x.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum + u - p.budget)).toBeLessThanOrEqual(1e-12 * p.budget);
    for (let i = 0; i < x.length; i++) {
      expect(x[i]).toBeGreaterThanOrEqual(0);
      expect(x[i]).toBeLessThanOrEqual(p.capacity[i]);
    }
  });

  it("places drift below the budget into cells with room rather than calling it unspent", () => {
    const x = f64(200, 300, 250, 250 - 4e-7, 0, 0);
    const u = reconcileAllocation(p, x, 0);
    expect(u).toBe(0);
    expect(Math.abs(x.reduce((a, b) => a + b, 0) - p.budget)).toBeLessThanOrEqual(1e-12 * p.budget);
    for (let i = 0; i < x.length; i++) expect(x[i]).toBeLessThanOrEqual(p.capacity[i]);
  });

  it("keeps real unspent money when every cell is full", () => {
    const q = { ...p, budget: 2000 };
    const x = Float64Array.from(q.capacity, (v) => v + 1e-9);
    const u = reconcileAllocation(q, x, 250);
    expect([...x]).toEqual([...q.capacity]);
    expect(u).toBeCloseTo(2000 - 1750, 9);
  });
});

/** A random small problem that is feasible at its budget and at 1.5 × its budget. */
const problemArb = fc
  .record({
    C: fc.integer({ min: 1, max: 5 }),
    M: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    budget: fc.integer({ min: 0, max: 5000 }),
    withFloors: fc.boolean(),
    withCaps: fc.boolean(),
    withReserved: fc.boolean(),
    withPlan: fc.boolean(),
  })
  .map(({ C, M, seed, budget, withFloors, withCaps, withReserved, withPlan }) => {
    const rnd = lcg(seed);
    const effect = Float64Array.from({ length: C * M }, () => Math.round(rnd() * 1000) / 1e5);
    const capacity = Float64Array.from({ length: C * M }, () => (rnd() < 0.1 ? 0 : Math.round(rnd() * 1000)));
    const countyCap = withCaps
      ? Float64Array.from({ length: C }, () => (rnd() < 0.3 ? Infinity : Math.round(rnd() * 2000)))
      : undefined;
    const absorb = Float64Array.from({ length: C }, (_, c) => {
      let s = 0;
      for (let m = 0; m < M; m++) s += capacity[c * M + m];
      return countyCap ? Math.min(s, countyCap[c]) : s;
    });
    const countyFloor = withFloors
      ? Float64Array.from(absorb, (a) => rnd() * 0.4 * Math.min(a, budget / C))
      : undefined;
    const members = Uint8Array.from({ length: C }, () => (rnd() < 0.5 ? 1 : 0));
    let groupAbsorb = 0;
    for (let c = 0; c < C; c++) if (members[c]) groupAbsorb += absorb[c];
    const share = budget > 0 ? Math.min(0.5, (0.9 * groupAbsorb) / (1.5 * budget)) * rnd() : 0;
    const p: AllocationProblem = {
      counties: Array.from({ length: C }, (_, i) => `c${i}`),
      measures: Array.from({ length: M }, (_, i) => `m${i}`),
      budget,
      effect,
      capacity,
      countyFloor,
      countyCap,
      reserved: withReserved ? [{ name: "g", members, share }] : undefined,
    };
    if (withPlan) {
      // a feasible plan: floors first, then the group's share, then the rest, each cell within its capacity and cap
      const plan = new Float64Array(C * M);
      const put = (c: number, amount: number) => {
        let per = 0;
        for (let m = 0; m < M; m++) per += plan[c * M + m];
        let left = Math.min(amount, (countyCap ? countyCap[c] : Infinity) - per);
        let placed = 0;
        for (let m = 0; m < M && left > 0; m++) {
          const add = Math.min(left, capacity[c * M + m] - plan[c * M + m]);
          plan[c * M + m] += add;
          left -= add;
          placed += add;
        }
        return placed;
      };
      let left = budget;
      if (countyFloor) for (let c = 0; c < C; c++) left -= put(c, countyFloor[c]);
      if (p.reserved) {
        let got = 0;
        for (let c = 0; c < C; c++) if (members[c] && countyFloor) got += countyFloor[c];
        for (let c = 0; c < C && got < share * budget; c++)
          if (members[c]) {
            const d = put(c, share * budget - got);
            got += d;
            left -= d;
          }
      }
      for (let c = 0; c < C && left > 1e-9; c++) left -= put(c, left * rnd());
      p.plan = plan;
    }
    return p;
  });

describe("optimiseAllocation: properties", () => {
  it(
    "allocated + unspent = budget, no negatives, within capacity, floors, caps and reserved shares; " +
      "gain ≥ 0 for a feasible plan; more budget never lowers the value",
    async () => {
      await fc.assert(
        fc.asyncProperty(problemArb, async (p) => {
          const C = p.counties.length,
            M = p.measures.length,
            B = p.budget;
          const tol = 1e-9 * Math.max(B, 1);
          const r = await optimiseAllocation(p);
          let sum = 0;
          const per = new Float64Array(C);
          for (let c = 0; c < C; c++) {
            for (let m = 0; m < M; m++) {
              const x = r.allocation[c * M + m];
              expect(x).toBeGreaterThanOrEqual(0);
              expect(x).toBeLessThanOrEqual(p.capacity[c * M + m]);
              sum += x;
              per[c] += x;
            }
            if (p.countyFloor) expect(per[c]).toBeGreaterThanOrEqual(p.countyFloor[c] - tol);
            if (p.countyCap) expect(per[c]).toBeLessThanOrEqual(p.countyCap[c] + tol);
          }
          expect(r.unspent).toBeGreaterThanOrEqual(0);
          expect(Math.abs(sum + r.unspent - B)).toBeLessThanOrEqual(1e-9 * Math.max(B, 1));
          let capacityTotal = 0;
          for (let c = 0; c < C; c++) {
            let s = 0;
            for (let m = 0; m < M; m++) s += p.capacity[c * M + m];
            capacityTotal += p.countyCap ? Math.min(s, p.countyCap[c]) : s;
          }
          if (r.unspent > 0) expect(capacityTotal).toBeLessThan(B);
          for (const g of p.reserved ?? []) {
            let s = 0;
            for (let c = 0; c < C; c++) if (g.members[c]) s += per[c];
            expect(s).toBeGreaterThanOrEqual(g.share * B - tol);
          }
          if (p.plan) {
            expect(r.planViolations).toEqual([]);
            expect(r.gain!).toBeGreaterThanOrEqual(-1e-9 * Math.max(r.value, 1));
          }
          const more = await optimiseAllocation({ ...p, budget: B * 1.5, plan: undefined });
          expect(more.value).toBeGreaterThanOrEqual(r.value - 1e-9 * Math.max(r.value, 1));
        }),
        { numRuns: 30, seed: 20261123 },
      );
    },
  );
});
