/**
 * Villages beyond their incidence (issue 13, item 2): collective income, PV stations (000 §二(二)1), the
 * collective-income exit condition (000 §一(二), 003 §六) and the villages listed for supervision (挂牌督战,
 * 002 §三(二)). Paired seeds: two runs differ only by the parameter moved.
 */
import { describe, expect, it } from "vitest";
import {
  collectiveIncomes,
  generateRegistry,
  listedVillages,
  loadRegions,
  loadScenario,
  overrideParameter,
  pvOrder,
  runEngine,
  SCENARIO_DIR,
  Status,
  yearParams,
  type ResolvedScenario,
  type RunResult,
} from "../../src/index.js";
import { join } from "node:path";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const small = loadScenario(fixture("scenarios", "small-villages.yaml"), { regions });

/** The scenario with some parameters replaced (open-ended from the horizon's start). */
function withParams(s: ResolvedScenario, values: Record<string, number>): ResolvedScenario {
  return Object.entries(values).reduce(
    (sc, [path, value]) =>
      overrideParameter(sc, path, [{ from: s.horizon.start, value }], { assumption: "test" }, "test"),
    s,
  );
}

const run = (s: ResolvedScenario) => runEngine(s, { regions, replicates: 3, seed: 11, maxRows: 1500 });
const total = (r: RunResult, m: "villages_exit" | "villages_collective_income_met") =>
  r.metrics[m]!.reduce((a, b) => a + b, 0);
const poorVillages = generateRegistry(small, { regions }).villages.poor.reduce((a, b) => a + b, 0);

/** Village exits never exceed the poor villages; the cumulative count never falls. */
function checkInvariants(r: RunResult) {
  const T = r.years.length;
  for (let k = 0; k < r.replicates; k++) {
    let prev = 0;
    for (let t = 0; t < T; t++) {
      const i = k * T + t;
      const cum = r.metrics.villages_exited_total![i];
      expect(cum).toBeGreaterThanOrEqual(prev);
      expect(cum).toBeLessThanOrEqual(poorVillages);
      expect(r.metrics.villages_exit![i]).toBeGreaterThanOrEqual(0);
      expect(r.metrics.villages_collective_income_met![i]).toBeLessThanOrEqual(poorVillages);
      prev = cum;
    }
  }
}

// every poor village passes the incidence test, so the collective-income condition alone decides
const incomeBinds = withParams(small, {
  "exit.village_incidence_max": 1,
  "exit.village_collective_income_min": 50000,
});

describe("village collective income and PV stations", () => {
  it("starts positive in poor villages only, and a station lifts its village to the PV income", () => {
    const reg = generateRegistry(small, { regions });
    const V = reg.villages;
    for (let v = 0; v < V.n; v++) expect(V.collectiveIncome![v] > 0).toBe(V.poor[v] === 1);
    const order = pvOrder(V);
    expect(order.length).toBe(poorVillages);
    const P = { pvVillages: 3, pvVillageIncome: 80000 };
    const income = collectiveIncomes(V, P)!;
    for (let v = 0; v < V.n; v++) {
      const station = Array.from(order.slice(0, 3)).includes(v);
      expect(income[v]).toBe(station ? Math.max(80000, V.collectiveIncome![v]) : V.collectiveIncome![v]);
    }
  });

  it("more PV villages: more villages meet the income condition and more exit (paired seeds)", () => {
    const none = run(withParams(incomeBinds, { "industry.pv_villages": 0 }));
    const many = run(withParams(incomeBinds, { "industry.pv_villages": poorVillages }));
    expect(total(many, "villages_collective_income_met")).toBeGreaterThan(
      total(none, "villages_collective_income_met"),
    );
    expect(total(many, "villages_exit")).toBeGreaterThan(total(none, "villages_exit"));
    // with a station in every poor village, every one meets the condition and exits in the first year
    expect(many.metrics.villages_exit![0]).toBe(poorVillages);
    expect(many.metrics.village_collective_income_least![0]).toBeGreaterThanOrEqual(50000);
    checkInvariants(none);
    checkInvariants(many);
  });

  it("a higher collective-income minimum: fewer village exits (paired seeds)", () => {
    const low = run(withParams(incomeBinds, { "exit.village_collective_income_min": 0 }));
    const high = run(withParams(incomeBinds, { "exit.village_collective_income_min": 50000 }));
    expect(total(high, "villages_exit")).toBeLessThan(total(low, "villages_exit"));
    expect(total(high, "villages_collective_income_met")).toBeLessThan(total(low, "villages_collective_income_met"));
    checkInvariants(low);
    checkInvariants(high);
  });

  it("Kunming: without its 200 PV villages fewer poor villages meet the 50,000-yuan condition from 2019", () => {
    const kunming = loadScenario(join(SCENARIO_DIR, "kunming-2018-2020.yaml"), { regions });
    const plan = run(kunming);
    const none = run(withParams(kunming, { "industry.pv_villages": 0 }));
    const T = plan.years.length,
      t2019 = plan.years.indexOf(2019);
    for (let k = 0; k < 3; k++)
      expect(none.metrics.villages_collective_income_met![k * T + t2019]).toBeLessThan(
        plan.metrics.villages_collective_income_met![k * T + t2019],
      );
  });
});

describe("villages listed for supervision (挂牌督战)", () => {
  it("lists exactly the poor villages with enough registered or remaining poor", () => {
    const reg = generateRegistry(small, { regions });
    const P = { listedVillagePoorMin: 1500, listedVillageRemainingMin: 1200 };
    const listed = listedVillages(reg, P)!;
    const registered = new Float64Array(reg.villages.n),
      remaining = new Float64Array(reg.villages.n);
    for (let i = 0; i < reg.n; i++) {
      const people = reg.weight[i] * reg.size[i];
      if (reg.status[i] === Status.poor || reg.status[i] === Status.returned) remaining[reg.village[i]] += people;
      if (reg.status[i] !== Status.marginal && reg.status[i] !== Status.nonpoor) registered[reg.village[i]] += people;
    }
    for (let v = 0; v < reg.villages.n; v++)
      expect(listed[v]).toBe(reg.villages.poor[v] && (registered[v] >= 1500 || remaining[v] >= 1200) ? 1 : 0);
    expect(listedVillages(reg, { listedVillagePoorMin: Infinity, listedVillageRemainingMin: Infinity })).toBe(
      undefined,
    );
    expect(yearParams(loadScenario(fixture("scenarios", "small.yaml")), 2018).listedVillagePoorMin).toBe(Infinity);
  });

  it("listing the poor villages lowers the poor count and raises exits (paired seeds)", () => {
    const plain = run(small);
    const listed = run(withParams(small, { "monitoring.listed_village_remaining_min": 1 }));
    const T = plain.years.length;
    for (let k = 0; k < 3; k++) {
      const i = k * T + T - 1;
      expect(listed.metrics.poor_people![i]).toBeLessThan(plain.metrics.poor_people![i]);
    }
    const exits = (r: RunResult) => r.metrics.exits_people!.reduce((a, b) => a + b, 0);
    expect(exits(listed)).toBeGreaterThan(exits(plain));
    checkInvariants(listed);
  });
});
