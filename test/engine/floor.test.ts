/**
 * The safety net and the exit test (issue 13, items 2 and 6): the floor is the dibao standard where a plan
 * sets one and at least floor_ratio × the line (两线合一 from 2019); a household topped up to the line exits
 * (income at or above the line counts, to the fen); once on the safety net, its top-up follows the floor.
 */
import { describe, expect, it } from "vitest";
import {
  generateRegistry,
  leverLiveness,
  loadRegions,
  loadScenario,
  overrideParameter,
  prepareStep,
  seedState,
  Status,
  stepHouseholds,
  yearParams,
  SCENARIO_DIR,
} from "../../src/index.js";
import { fixture } from "../helpers.js";
import { join } from "node:path";

const regions = loadRegions();
// every household without labour reached by the safety net (coverage 1)
const small = overrideParameter(
  loadScenario(fixture("scenarios", "small.yaml"), { regions }),
  "model.measures.safety_net.coverage",
  [{ from: 2018, value: 1 }],
  { assumption: "test: full coverage" },
  "test",
);

/** A registry whose household 0 is poor, without labour or market income, with every guarantee met. */
function oneFloorable() {
  const reg = generateRegistry(small, { regions, maxRows: 50 });
  reg.labourers[0] = 0;
  reg.incomeWage[0] = reg.incomeFarm[0] = reg.incomeTransfer[0] = reg.incomeProperty[0] = 0;
  reg.housingSafe[0] = reg.waterSafe[0] = reg.insured[0] = reg.schooling[0] = 1;
  reg.status[0] = Status.poor;
  reg.illness[0] = reg.disability[0] = reg.elderlyOnly[0] = reg.deep[0] = 0;
  return reg;
}

function step(reg: ReturnType<typeof oneFloorable>, year: number, state: Uint32Array, s = small) {
  const P = { ...yearParams(s, year), illnessProb: 0, illnessProbChronic: 0, disasterProb: 0 };
  stepHouseholds({
    reg,
    lo: 0,
    hi: 1,
    step: prepareStep(P),
    state,
    acc: new Float64Array(64),
    measures: true,
    exits: true,
  });
  return P;
}

describe("the safety-net floor", () => {
  it("is the larger of the dibao standard and floor_ratio × the line", () => {
    const P = yearParams(small, 2019);
    expect(P.floor).toBe(Math.max(0, P.floorRatio * P.line));
    const rich = overrideParameter(
      small,
      "model.safety_net.floor_ratio",
      [{ from: 2019, value: 0.5 }],
      {
        assumption: "test",
      },
      "test",
    );
    expect(yearParams(rich, 2019).floor).toBeCloseTo(0.5 * P.line, 9);
  });

  it("tops a household up to the line once the two lines are merged, and it exits (at the line counts)", () => {
    const reg = oneFloorable();
    const P = step(reg, 2019, seedState(1, 2, 3));
    expect(P.floorRatio).toBe(1);
    expect(reg.floored[0]).toBe(1);
    expect(reg.incomeTransfer[0] / reg.size[0]).toBeCloseTo(P.line, 1);
    expect(reg.status[0]).toBe(Status.exited);
  });

  it("below the merge (floor 0.85 × the line) the topped-up household stays poor", () => {
    const reg = oneFloorable();
    const P = step(reg, 2018, seedState(1, 2, 3));
    expect(P.floorRatio).toBeLessThan(1);
    expect(reg.floored[0]).toBe(1);
    expect(reg.status[0]).toBe(Status.poor);
  });

  it("follows the floor as it rises: a floored household is topped up again without being drawn again", () => {
    // the safety net reaches every household without labour in 2018 and none from 2019: only the floored
    // rule can top the household up in 2019
    const once = overrideParameter(
      small,
      "model.measures.safety_net.coverage",
      [{ from: 2019, value: 0 }],
      {
        assumption: "test: nobody newly reached",
      },
      "test",
    );
    const reg = oneFloorable();
    const state = seedState(4, 5, 6);
    step(reg, 2018, state);
    const before = reg.incomeTransfer[0];
    const P = step(reg, 2019, state, once);
    expect(reg.incomeTransfer[0]).toBeGreaterThan(before);
    expect(reg.incomeTransfer[0] / reg.size[0]).toBeCloseTo(P.floor, 1);
    // without the floored mark the household would keep last year's transfer
    const unmarked = oneFloorable();
    step(unmarked, 2018, seedState(4, 5, 6));
    unmarked.floored[0] = 0;
    step(unmarked, 2019, seedState(4, 5, 6), once);
    expect(unmarked.incomeTransfer[0]).toBe(before);
  });

  it("the dibao standard a plan sets moves the projection (Hengyang's 4,000 yuan)", () => {
    const hengyang = loadScenario(join(SCENARIO_DIR, "hengyang-2020.yaml"), { regions });
    const [dibao] = leverLiveness(hengyang, { regions, paths: ["safety_net.dibao_standard"] });
    expect(dibao.setByPlan).toBe(true);
    expect(dibao.live).toBe(true);
  });
});
