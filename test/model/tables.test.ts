/**
 * The model's tables (src/model): a measure, a guarantee, a shock and a metric are each defined once, and
 * the step, the money, the reports and the engine's accumulators derive from them. A measure added to a
 * test-only table shows up in the step (incomes, measure cost), in the money need and in the rows.
 */
import { describe, expect, it } from "vitest";
import {
  Acc,
  buyCoverage,
  DRAW,
  DRAWS,
  drawSlot,
  ENGINE_METRICS,
  exitCost,
  Flag,
  generateRegistry,
  kernelSource,
  GUARANTEES,
  loadRegions,
  loadScenario,
  MEASURE_TABLE,
  MEASURES,
  measurePaths,
  METRICS,
  Parameter,
  PARAMETERS,
  parsePeriodKey,
  RISK_CAUSES,
  runEngine,
  SHOCKS,
  surveyCounties,
  tidyRows,
  YEAR_METRICS,
  yearParams,
  type MeasureDef,
  type MeasureTable,
  type ResolvedScenario,
} from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const small = loadScenario(fixture("scenarios", "small.yaml"), { regions });
const funds = loadScenario(fixture("scenarios", "funds.yaml"), { regions });

/** A cash transfer to households without labour, with its own parameters (a test's measure). */
const TEST_TRANSFER: MeasureDef = {
  id: "test_transfer",
  zh: "测试转移支付",
  en: "Test transfer",
  eligible: Flag.noLabour,
  effect: { kind: "income", component: "transfer", amount: "test.transfer.amount" },
  cost: "test.transfer.unit_cost",
  coverage: "test.transfer.coverage",
  funded: true,
  stage: 4,
  // shares the education subsidy's draw (the draw layout is part of every number; a new draw would move them)
  draw: "education",
};
const TABLE: MeasureTable = [...MEASURE_TABLE, TEST_TRANSFER];

/** The scenario with the test measure's parameters (one value from the start of the horizon). */
function withTestParameters(s: ResolvedScenario, amount: number): ResolvedScenario {
  const parameters = new Map(s.parameters);
  const key = `${s.horizon.start}`;
  for (const [path, unit, value] of [
    ["test.transfer.amount", "yuan/household/year", amount],
    ["test.transfer.unit_cost", "yuan/household", amount],
    ["test.transfer.coverage", "/1", 1],
  ] as const)
    parameters.set(
      path,
      new Parameter(path, unit, [
        { period: parsePeriodKey(key)!, key, value, provenance: { assumption: "test input" }, file: "test" },
      ]),
    );
  return { ...s, parameters };
}

describe("the shipped tables", () => {
  it("every parameter a measure or guarantee reads is in the catalog", () => {
    const paths = [...measurePaths(MEASURE_TABLE), ...GUARANTEES.flatMap((g) => ("cost" in g ? [g.cost] : []))];
    for (const p of paths) expect(PARAMETERS[p], p).toBeDefined();
  });

  it("the money's measures are the funded ones, in table order; every measure reads a draw of the layout", () => {
    expect(MEASURES).toEqual(MEASURE_TABLE.filter((m) => m.funded).map((m) => m.id));
    for (const m of MEASURE_TABLE) expect(drawSlot(m.draw)).toBeLessThan(2 * DRAWS);
    // no two draws share a half of an output
    const slots = Object.keys(DRAW).map((d) => drawSlot(d as keyof typeof DRAW));
    expect(new Set(slots).size).toBe(slots.length);
  });

  it("falls by shock: a slot and two metrics per shock; the risk causes are the shocks and income", () => {
    expect(RISK_CAUSES).toEqual([...SHOCKS.map((s) => s.id), "income"]);
    for (const s of SHOCKS) {
      expect(METRICS[`returns_${s.id}`].zh).toBe(s.returns.zh);
      expect(METRICS[`new_poor_${s.id}`].en).toBe(s.newPoor.en);
    }
  });

  it("metrics: the engine's are those with a source; the accumulator has one slot per source, all distinct", () => {
    expect(ENGINE_METRICS).toEqual(Object.keys(METRICS).filter((m) => m !== "county_exited"));
    for (const m of YEAR_METRICS) expect(ENGINE_METRICS).toContain(m);
    const slots = Object.entries(Acc).filter(([k]) => k !== "size");
    expect(new Set(slots.map(([, v]) => v)).size).toBe(slots.length);
    expect(Math.max(...slots.map(([, v]) => v))).toBe(Acc.size - 1);
  });
});

describe("a measure added to the table", () => {
  it("reaches households in the step: incomes and the measure cost move, the guarantees' cost does not", () => {
    const s = withTestParameters(small, 3000);
    const opts = { regions, replicates: 2, seed: 7, maxRows: 400, mode: "mechanistic" as const };
    const shipped = runEngine(s, opts),
      added = runEngine(s, { ...opts, measures: TABLE });
    const sum = (a: Float64Array | undefined) => a!.reduce((x, y) => x + y, 0);
    expect(sum(added.metrics.measure_cost)).toBeGreaterThan(sum(shipped.metrics.measure_cost));
    // the transfer lifts households without labour: never fewer exits in the first year (same draws)
    expect(added.metrics.exits_people![0]).toBeGreaterThanOrEqual(shipped.metrics.exits_people![0]);
    // with an amount of 0 it changes nothing at all (it adds 0 to incomes and costs)
    const zero = runEngine(withTestParameters(small, 0), { ...opts, measures: TABLE });
    expect(Array.from(zero.metrics.poor_people!)).toEqual(Array.from(shipped.metrics.poor_people!));
    expect(Array.from(zero.metrics.measure_cost!)).toEqual(Array.from(shipped.metrics.measure_cost!));
  });

  it("is compiled into the step's kernel: one block of its own, with its flags and its draw", () => {
    const s = withTestParameters(small, 3000);
    const shipped = kernelSource(yearParams(s, 2018)),
      added = kernelSource(yearParams(s, 2018, TABLE));
    expect(shipped).not.toContain("// test_transfer");
    const block = added.split("// test_transfer\n")[1].split("\n")[0];
    expect(block).toContain(`(flags & ${Flag.noLabour}) === ${Flag.noLabour}`);
    expect(block).toContain("(u6 & 0xffff)"); // the education subsidy's draw: output 6, low half
    expect(block).toContain("tr += hit * add");
    // every shipped measure has its block, in step order (by stage)
    for (const m of MEASURE_TABLE) expect(shipped).toContain(`// ${m.id}\n`);
  });

  it("needs money (its eligible households × unit cost × coverage) and gets a spend series in the rows", () => {
    const s = withTestParameters(funds, 2000);
    const P = yearParams(s, s.horizon.start, TABLE);
    const reg = generateRegistry(s, { regions, maxRows: 400 });
    const survey = surveyCounties(reg, P);
    const K = MEASURES.length + 1;
    expect(survey.eligible.length).toBe(reg.counties.n * K);
    const bought = buyCoverage(new Float64Array(reg.counties.n).fill(1e12), survey.eligible, P);
    for (let c = 0; c < reg.counties.n; c++)
      expect(bought.need[c * K + K - 1]).toBeCloseTo(2000 * survey.eligible[c * K + K - 1], 3);
    const r = runEngine(s, { regions, replicates: 2, seed: 3, maxRows: 400, mode: "mechanistic", measures: TABLE });
    expect(r.series!["spend.test_transfer"].some((x) => x > 0)).toBe(true);
    expect(tidyRows(r).some((row) => row.metric === "spend.test_transfer" && row.value > 0)).toBe(true);
  });
});

describe("the cost of carrying a household over the exit rule", () => {
  it("is its income gap plus every unmet guarantee at its cost", () => {
    const P = yearParams(small, 2018);
    const reg = generateRegistry(small, { regions, maxRows: 50 });
    const i = 0;
    reg.incomeWage[i] = reg.incomeFarm[i] = reg.incomeTransfer[i] = reg.incomeProperty[i] = 0;
    reg.size[i] = 2;
    reg.housingSafe[i] = reg.waterSafe[i] = reg.insured[i] = reg.schooling[i] = 1;
    expect(exitCost(reg, i, P)).toBe(P.line * 2);
    reg.insured[i] = 0;
    reg.housingSafe[i] = 0;
    expect(exitCost(reg, i, P)).toBe(P.line * 2 + P.insuranceUnitCost + P.housingRepairCost);
    reg.schooling[i] = 0; // an administrative duty: no cost
    expect(exitCost(reg, i, P)).toBe(P.line * 2 + P.insuranceUnitCost + P.housingRepairCost);
    // at the line (to the fen) the income test is met: nothing to close
    reg.incomeTransfer[i] = P.line * 2 - 0.01;
    reg.housingSafe[i] = reg.insured[i] = reg.schooling[i] = 1;
    expect(exitCost(reg, i, P)).toBe(0);
  });
});
