/**
 * Health cover in the engine (issue 13, item 2), on paired seeds: self-pay caps, reimbursement and the
 * medical-assistance ceiling set what an illness costs the household (so illness-driven returns and new
 * poor, and what insurance and assistance pay); the premium subsidy and the insured-share commitment set
 * how many uninsured poor enrol; contracted chronic care lowers illness falls. The step, its kernel
 * constants and the hazard read the one cost function.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import {
  chronicIllnessProb,
  generateRegistry,
  householdHazard,
  illnessOutOfPocket,
  loadRegions,
  loadScenario,
  overrideParameter,
  Parameter,
  PARAMETERS,
  parsePeriodKey,
  prepareStep,
  runEngine,
  STANDARD_FOLLOW_UPS,
  Status,
  yearParams,
  type ResolvedScenario,
} from "../../src/index.js";
import { fixture, ROOT } from "../helpers.js";

const regions = loadRegions();

/** The value of a parameter from the horizon's start: an override where the scenario has the parameter, else
 *  a new one with the catalog's unit (a plan may state any health rule). */
function withParams(s: ResolvedScenario, values: Record<string, number>): ResolvedScenario {
  return Object.entries(values).reduce((sc, [path, value]) => {
    if (sc.parameters.has(path))
      return overrideParameter(sc, path, [{ from: s.horizon.start, value }], { assumption: "test" }, "test");
    const key = `${s.horizon.start}`;
    const entry = { period: parsePeriodKey(key)!, key, value, provenance: { assumption: "test" }, file: "test" };
    const parameters = new Map(sc.parameters);
    parameters.set(path, new Parameter(path, PARAMETERS[path].unit, [entry]));
    return { ...sc, parameters };
  }, s);
}

// the small scenario with every health rule a plan may state at a neutral value, so each can be moved
const small = withParams(loadScenario(fixture("scenarios", "small.yaml"), { regions }), {
  "health.topup_reimbursement": 0,
  "health.inpatient_selfpay_max": 1,
  "health.outpatient_selfpay_max": 1,
  "health.in_county_inpatient_reimbursement_min": 0,
  "health.assistance_ceiling": 1e6,
  "health.chronic_contract_share": 0,
  "health.chronic_home_visits": 0,
  // a commitment already met: the guarantees' pace
  "health.insured_share": 0,
});

// many illness shocks and households near the line, so the levers have falls to act on
const base = withParams(small, {
  "model.registry.max_rows": 3000,
  "model.shocks.illness_prob": 0.15,
  "model.shocks.illness_prob_chronic": 0.4,
});

const total = (a: Float64Array | undefined) => (a ?? new Float64Array()).reduce((x, y) => x + y, 0);

/** Illness-driven returns and new poor, and what insurance and assistance paid, over the horizon and 4
 *  replicates of one seed (paired across calls). */
function illness(s: ResolvedScenario) {
  const m = runEngine(s, { regions, seed: 31, replicates: 4 }).metrics;
  return { falls: total(m.returns_illness) + total(m.new_poor_illness), medical: total(m.medical_cost) };
}

/** Insured households at the end of the horizon (one replicate, the registry stepped in place). */
function insuredAtEnd(s: ResolvedScenario): number {
  const reg = generateRegistry(s, { regions });
  runEngine(s, { regions, seed: 37, replicates: 1, registry: reg, inPlace: true });
  let insured = 0;
  for (let i = 0; i < reg.n; i++) if (reg.status[i] !== Status.nonpoor) insured += reg.weight[i] * reg.insured[i];
  return insured;
}

describe("what an illness costs the household", () => {
  it("the step's kernel constants and the hazard use illnessOutOfPocket", () => {
    const s = withParams(base, { "health.topup_reimbursement": 0.9, "health.assistance_ceiling": 3000 });
    const P = yearParams(s, 2019);
    const k = prepareStep(P);
    expect(k.illnessLossInsured).toBe(illnessOutOfPocket(P.illnessCost, P.health, true));
    expect(k.illnessLossUninsured).toBe(illnessOutOfPocket(P.illnessCost, P.health, false));
    expect(P.reimbursement).toBeCloseTo(1 - k.illnessLossInsured / P.illnessCost, 12);
    // the hazard of an insured household rises when the ceiling leaves more to pay
    const reg = generateRegistry(s, { regions });
    const i = reg.insured.findIndex((x, j) => x === 1 && reg.status[j] === Status.marginal);
    const tight = householdHazard(reg, i, { ...P, health: { ...P.health, assistanceCeiling: 0 } });
    const loose = householdHazard(reg, i, { ...P, health: { ...P.health, assistanceCeiling: Infinity } });
    expect(tight.fall).toBeGreaterThan(loose.fall);
  });

  it("a higher inpatient self-pay cap → more illness falls and less paid by the cover", () => {
    const at = (cap: number) => illness(withParams(base, { "health.inpatient_selfpay_max": cap }));
    const [low, mid, high] = [0.05, 0.3, 1].map(at);
    expect(mid.falls).toBeGreaterThanOrEqual(low.falls);
    expect(high.falls).toBeGreaterThanOrEqual(mid.falls);
    expect(high.falls).toBeGreaterThan(low.falls);
    expect(high.medical).toBeLessThan(low.medical);
  });

  it("a higher outpatient self-pay cap → more illness falls (Kunming's 70% and top-up to 90%)", () => {
    const kunming = withParams(base, { "health.base_reimbursement": 0.7, "health.topup_reimbursement": 0.9 });
    const at = (cap: number) => illness(withParams(kunming, { "health.outpatient_selfpay_max": cap }));
    const [none, capped] = [1, 0].map(at);
    expect(none.falls).toBeGreaterThan(capped.falls);
    expect(none.medical).toBeLessThan(capped.medical);
  });

  it("a higher medical-assistance ceiling → fewer illness falls (Kunming's top-up to 90%)", () => {
    const topped = withParams(base, { "health.base_reimbursement": 0.5, "health.topup_reimbursement": 0.9 });
    const at = (ceiling: number) => illness(withParams(topped, { "health.assistance_ceiling": ceiling }));
    const [none, some, full] = [0, 4000, 100000].map(at);
    expect(some.falls).toBeLessThanOrEqual(none.falls);
    expect(full.falls).toBeLessThanOrEqual(some.falls);
    expect(full.falls).toBeLessThan(none.falls);
    expect(full.medical).toBeGreaterThan(none.medical);
  });

  it("a higher in-county inpatient reimbursement floor → fewer illness falls (Hengyang's 85%)", () => {
    const at = (floor: number) => illness(withParams(base, { "health.in_county_inpatient_reimbursement_min": floor }));
    expect(at(0.85).falls).toBeLessThan(at(0).falls);
  });

  it("a plan stating the contract but not the visits gets the standard's follow-ups (Kunming, 000 §二(二)5)", () => {
    const k = loadScenario(join(ROOT, "scenarios", "kunming-2018-2020.yaml"), { regions });
    const at = (path: string) => k.parameters.get(path)!.atYear(2018)!;
    expect(k.parameters.has("health.chronic_home_visits")).toBe(false);
    const p = at("model.shocks.illness_prob_chronic");
    const expected = chronicIllnessProb(p, 1, STANDARD_FOLLOW_UPS, at("model.health.chronic_care_effect"));
    expect(yearParams(k, 2018).illnessProbChronic).toBeCloseTo(expected, 12);
    expect(expected).toBeLessThan(p);
  });

  it("contracted chronic care (4 visits a year) → fewer illness falls", () => {
    const at = (share: number) =>
      illness(withParams(base, { "health.chronic_contract_share": share, "health.chronic_home_visits": 4 }));
    expect(at(1).falls).toBeLessThan(at(0).falls);
  });
});

describe("insurance take-up", () => {
  it("premium subsidy 0 → fewer insured households than a full subsidy", () => {
    const at = (subsidy: number) => insuredAtEnd(withParams(base, { "health.premium_subsidy_min": subsidy }));
    expect(at(0)).toBeLessThan(at(1));
  });

  it("a commitment to insure every poor person → more insured than the guarantees' pace alone", () => {
    const committed = withParams(base, { "health.insured_share": 1, "health.premium_subsidy_min": 1 });
    const pace = withParams(base, { "health.insured_share": 0, "health.premium_subsidy_min": 1 });
    expect(insuredAtEnd(committed)).toBeGreaterThan(insuredAtEnd(pace));
    // with the full subsidy and a 100% commitment, the insurance measure reaches every uninsured poor household
    const P = yearParams(committed, 2018);
    expect(P.measureCoverage[P.measures.findIndex((m) => m.id === "insurance")]).toBe(1);
  });
});
