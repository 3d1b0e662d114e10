/**
 * Counties differ (issue 13, item 5): deep poor, ordinary poor and non-poor counties get their own incidence,
 * income relative to the line and share without labour in the generated registry, and a deep county's
 * measures cost more. Paired seeds: each lever moved alone, the rest of the scenario as it was.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buyCoverage,
  byCountyType,
  countyCostMultiplier,
  countyType,
  CountyType,
  generateRegistry,
  incomePerCapita,
  loadRegions,
  loadScenario,
  overrideParameter,
  simulateScenario,
  Status,
  unitCosts,
  yearParams,
  SCENARIO_DIR,
  type Registry,
  type ResolvedScenario,
} from "../../src/index.js";

const regions = loadRegions();
const anhui = loadScenario(join(SCENARIO_DIR, "anhui-2018-2020.yaml"), { regions });
const kunming = loadScenario(join(SCENARIO_DIR, "kunming-2018-2020.yaml"), { regions });

const setting = (s: ResolvedScenario, path: string, value: number) =>
  overrideParameter(s, path, [{ from: s.horizon.start, value }], { assumption: "test: the lever moved" }, "test");

/** Per county type: poor people, rural population, people-weighted income ratio and share without labour. */
function byType(reg: Registry, line: number) {
  const t = [0, 1, 2].map(() => ({ poor: 0, households: 0, population: 0, ratio: 0, noLabour: 0 }));
  for (let c = 0; c < reg.counties.n; c++) t[countyType(reg.counties, c)].population += reg.counties.population[c];
  for (let i = 0; i < reg.n; i++) {
    if (reg.status[i] !== Status.poor) continue;
    const x = t[countyType(reg.counties, reg.villages.county[reg.village[i]])];
    const w = reg.weight[i];
    x.poor += w * reg.size[i];
    x.households += w;
    x.ratio += (w * reg.size[i] * incomePerCapita(reg, i)) / line;
    x.noLabour += reg.labourers[i] === 0 ? w : 0;
  }
  return t.map((x) => ({
    ...x,
    incidence: x.poor / x.population,
    ratio: x.ratio / x.poor,
    noLabour: x.noLabour / x.households,
  }));
}

/** Poor people at the end of the horizon in the deep counties and in all, summed over replicates. */
function endPoor(s: ResolvedScenario) {
  const [r] = simulateScenario(s, { regions, replicates: 3, maxRows: 3000, modes: ["mechanistic"] });
  const T = r.years.length,
    C = r.counties!.ids.length;
  let deep = 0,
    all = 0;
  for (let k = 0; k < r.replicates; k++)
    for (let c = 0; c < C; c++) {
      const p = r.counties!.poorPeople[(k * T + T - 1) * C + c];
      all += p;
      if (r.counties!.deep![c]) deep += p;
    }
  return { deep, all };
}

describe("county types in the generated registry", () => {
  const reg = generateRegistry(anhui, { regions, maxRows: 20000 });
  const line = yearParams(anhui, 2018).line;
  const [nonpoor, poor, deep] = byType(reg, line);

  it("keeps the plan's totals: the poor people exact, the 27 poor counties with the 9 deep ones", () => {
    expect(nonpoor.poor + poor.poor + deep.poor).toBeCloseTo(anhui.baseline.poor_people!.value, 0);
    expect(reg.counties.poor.reduce((a, b) => a + b, 0)).toBe(27);
    expect(reg.counties.deep.reduce((a, b) => a + b, 0)).toBe(9);
    // the two deep counties the data confirm (临泉县, 阜南县) are among them
    for (const id of ["linquan", "funan"]) expect(reg.counties.deep[reg.counties.ids.indexOf(id)]).toBe(1);
  });

  it("gives deep counties higher incidence, lower incomes and fewer households without labour", () => {
    expect(deep.incidence).toBeGreaterThan(1.3 * poor.incidence);
    expect(poor.incidence).toBeGreaterThan(nonpoor.incidence);
    expect(deep.ratio).toBeLessThan(poor.ratio - 0.1);
    expect(nonpoor.ratio).toBeGreaterThan(poor.ratio);
    expect(nonpoor.noLabour).toBeGreaterThan(poor.noLabour);
    expect(deep.noLabour).toBeLessThan(poor.noLabour);
    // re-centred: the region's registered poor keep the mean ratio of the reference (1.2) within sampling
    const people = nonpoor.poor + poor.poor + deep.poor;
    const mean = (nonpoor.ratio * nonpoor.poor + poor.ratio * poor.poor + deep.ratio * deep.poor) / people;
    expect(mean).toBeCloseTo(1.2, 1);
  });

  it("re-centres a shift on the region's value, and cancels it in a region of one type", () => {
    const [a, b, c] = byCountyType(1.2, [0.1, 0, -0.2], [0.3, 0.4, 0.3], 0, 5);
    expect(0.3 * a + 0.4 * b + 0.3 * c).toBeCloseTo(1.2, 12);
    expect(c - b).toBeCloseTo(-0.2, 12);
    expect(byCountyType(1.2, [0.1, 0, -0.2], [0, 0, 1], 0, 5)[2]).toBeCloseTo(1.2, 12);
  });

  it("flags a plan's deep villages as deep areas even without deep counties (Kunming's 166)", () => {
    const k = generateRegistry(kunming, { regions, maxRows: 5000 });
    expect(k.counties.deep.reduce((a, b) => a + b, 0)).toBe(0);
    expect(k.villages.deep.reduce((a, b) => a + b, 0)).toBe(166);
    let deepRows = 0;
    for (let i = 0; i < k.n; i++) {
      expect(k.deep[i]).toBe(k.villages.deep[k.village[i]]);
      deepRows += k.deep[i];
    }
    expect(deepRows).toBeGreaterThan(0);
  });
});

describe("county-type levers move the projection (paired seeds)", () => {
  it("a larger deep-county income shortfall leaves more poor in the deep counties at the end", () => {
    const lower = endPoor(setting(anhui, "model.registry.deep_county.income_ratio_shift", -0.4));
    const none = endPoor(setting(anhui, "model.registry.deep_county.income_ratio_shift", 0));
    expect(lower.deep).toBeGreaterThan(none.deep);
    expect(lower.all).not.toBe(none.all);
  });

  it("a higher deep-county incidence puts more of the poor there, the total unchanged", () => {
    const g = (r: number) =>
      byType(
        generateRegistry(setting(anhui, "model.registry.deep_county.incidence_ratio", r), {
          regions,
          maxRows: 5000,
        }),
        3436,
      );
    const [lo, hi] = [g(1), g(3)];
    expect(hi[CountyType.deep].poor).toBeGreaterThan(lo[CountyType.deep].poor);
    expect(hi.reduce((a, x) => a + x.poor, 0)).toBeCloseTo(
      lo.reduce((a, x) => a + x.poor, 0),
      0,
    );
  });

  it("a dearer deep county buys less coverage with the same money, so more of its poor remain", () => {
    const P = yearParams(anhui, 2018);
    const reg = generateRegistry(anhui, { regions, maxRows: 2000 });
    const m = countyCostMultiplier(reg.counties, P);
    const C = reg.counties.n;
    const K = unitCosts(P).length;
    const eligible = new Float64Array(C * K).fill(100),
      budget = new Float64Array(C).fill(1e5);
    const flat = buyCoverage(budget, eligible, P),
      dear = buyCoverage(budget, eligible, P, { costMultiplier: m });
    for (let c = 0; c < C; c++)
      for (let k = 0; k < K; k++) {
        const j = c * K + k;
        expect(dear.need[j]).toBeCloseTo(flat.need[j] * (reg.counties.deep[c] ? P.deepCountyCostMultiplier : 1), 6);
        if (reg.counties.deep[c]) expect(dear.coverage[j]).toBeLessThanOrEqual(flat.coverage[j]);
        else expect(dear.coverage[j]).toBe(flat.coverage[j]);
      }
    const cheap = endPoor(setting(anhui, "model.costs.deep_county_multiplier", 1));
    const costly = endPoor(setting(anhui, "model.costs.deep_county_multiplier", 3));
    expect(costly.deep).toBeGreaterThan(cheap.deep);
  });

  it("a more disaster-prone deep area leaves more poor in Kunming, whose deep areas are villages", () => {
    const calm = endPoor(setting(kunming, "model.risk.deep_area_disaster_multiplier", 1));
    const prone = endPoor(setting(kunming, "model.risk.deep_area_disaster_multiplier", 5));
    expect(prone.all).toBeGreaterThan(calm.all);
  });
});
