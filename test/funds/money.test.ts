import { describe, expect, it } from "vitest";
import { loadRegions, loadScenario, runEngine, MEASURES, optimiseScenario, type RunResult } from "../../src/index.js";
import { ROOT, fixture } from "../helpers.js";

const regions = loadRegions();

describe("money in the engine (fixture with revenue, per-unit, fixed and matching rules)", () => {
  const s = loadScenario(fixture("scenarios", "funds.yaml"), { regions });
  const r: RunResult = runEngine(s, { regions, replicates: 4, seed: 11 });
  const T = r.years.length;
  const C = r.counties!.ids.length;

  it("allocates exactly the grants to counties, every replicate and year (allocated = available)", () => {
    for (let i = 0; i < 4 * T; i++) {
      let sum = 0;
      for (let c = 0; c < C; c++) {
        const b = r.counties!.budget![i * C + c];
        expect(b).toBeGreaterThanOrEqual(0);
        sum += b;
      }
      const grants = r.metrics.funds_grants![i];
      expect(grants).toBeGreaterThan(0);
      expect(Math.abs(sum - grants) / grants).toBeLessThan(1e-9);
    }
  });

  it("grant rules add up to the grants; what the measures get plus what is left equals the grants", () => {
    const grantRules = [...s.funds.values()]
      .filter((x) => x.kind !== "relending" && x.kind !== "reserved_share")
      .map((x) => `fund.${x.id}`);
    for (let i = 0; i < 4 * T; i++) {
      const rules = grantRules.reduce((a, k) => a + r.series![k][i], 0);
      const spend = MEASURES.reduce((a, m) => a + r.series![`spend.${m}`][i], 0);
      const grants = r.metrics.funds_grants![i];
      expect(Math.abs(rules - grants) / grants).toBeLessThan(1e-9);
      // money brought in from the year before (balances kept, money reclaimed) is spent or left like the grants
      const brought = r.series!["funds.carried_in"][i] + r.series!["funds.reclaimed_in"][i];
      expect(Math.abs(spend + r.metrics.funds_unspent![i] - grants - brought) / grants).toBeLessThan(1e-9);
      expect(r.metrics.funds_shortfall![i]).toBeCloseTo(Math.max(0, r.metrics.funds_need![i] - grants), 3);
    }
  });

  it("the same seed gives the same money, serial or in a different replicate batch", () => {
    const again = runEngine(s, { regions, replicates: 2, seed: 11, firstReplicate: 2 });
    for (const k of ["funds_grants", "funds_unspent"] as const)
      expect(Array.from(again.metrics[k]!)).toEqual(Array.from(r.metrics[k]!.slice(2 * T)));
  });
});

describe("optimiseScenario", () => {
  it("never does worse than the plan's allocation, spends what it is given, honours coverage ≤ eligible", async () => {
    const s = loadScenario(`${ROOT}/scenarios/cangxi-2014-2019.yaml`, { regions });
    const o = await optimiseScenario(s, { regions });
    expect(o.budget).toBeGreaterThan(0);
    expect(o.optimumExits).toBeGreaterThanOrEqual(o.planExits - 1e-6);
    const total = o.optimum.allocation.reduce((a, b) => a + b, 0) + o.optimum.unspent;
    expect(Math.abs(total - o.budget) / o.budget).toBeLessThan(1e-9);
    for (let j = 0; j < o.optimum.allocation.length; j++)
      expect(o.optimum.allocation[j]).toBeLessThanOrEqual(o.problem.capacity[j] * (1 + 1e-9) + 1e-6);
    // Cangxi's money is short of its need: the budget constraint binds and a yuan more is worth something
    const budget = o.optimum.constraints.find((c) => c.kind === "budget")!;
    expect(budget.binding).toBe(true);
    expect(budget.dual).toBeGreaterThan(0);
  });
});
