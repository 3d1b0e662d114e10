/**
 * Commitments (issue 13, item 3): a plan's "guarantee met by year Y" is a completion path the engine follows
 * as far as money and capacity allow; what it could not reach is reported (guarantee_unmet_<id>, the
 * headline's missed commitments). Paired seeds: every run of a comparison has the same seed and registry.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  COMMITMENT_GUARANTEES,
  formatHeadlines,
  GUARANTEES,
  loadRegions,
  loadScenario,
  MEASURE_TABLE,
  pathCoverage,
  runEngine,
  runScenario,
  scenarioCommitments,
  yearParams,
  type ResolvedScenario,
  type RunResult,
} from "../../src/index.js";
import { problems } from "../helpers.js";

const regions = loadRegions();
const dir = mkdtempSync(join(tmpdir(), "tuopin-commit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small plan (2018–2020, no money rules: money never limits) with the given parameter lines. */
function plan(name: string, parameters: string, horizon = "{start: 2018, end: 2020}", extra = ""): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `id: ${name}
extends: base/defaults
label: 承诺测试
region: cangxi
horizon: ${horizon}
run: {seed: 11, replicates: 4}
documents:
  "T1": {title: Test document}
baseline:
  poor_people: {value: 20000, unit: people, source: "T1 §1"}
  rural_population: {value: 500000, unit: people, assumption: test input}
parameters:
${parameters}${extra}`,
  );
  return path;
}

const deadline = (g: string, year: number, stated = 2018) => `  commitments.${g}.complete_by:
    unit: year
    values:
      "${stated}": {value: ${year}, source: "T1 §3"}
`;
const capacity = (x: number) => `  model.measures.guarantees.max_yearly_coverage:
    unit: /1
    values:
      "2018": {value: ${x}, assumption: test input}
`;
const none = `  model.measures.industry.coverage:
    unit: /1
    values:
      "2018": {value: 0.3, assumption: test input}
`;

const load = (path: string) => loadScenario(path, { regions });
const run = (s: ResolvedScenario) => runEngine(s, { regions, replicates: 4, maxRows: 3000 });

/** A metric's value per replicate in a year. */
function perReplicate(r: RunResult, metric: string, year: number): number[] {
  const T = r.years.length,
    t = r.years.indexOf(year);
  const m = (r.metrics as Record<string, Float64Array>)[metric];
  return Array.from({ length: r.replicates }, (_, k) => m[k * T + t]);
}

describe("the completion path", () => {
  it("reaches a third, half the rest, then all that is left for a full commitment over three years", () => {
    const c = { guarantee: "housing" as const, from: 2018, by: 2020, share: 1 };
    expect([2018, 2019, 2020].map((y) => pathCoverage(c, y))).toEqual([1 / 3, 1 / 2, 1]);
    expect(pathCoverage(c, 2021)).toBe(1);
  });

  it("leaves (1 − share) of the stock at the deadline when followed", () => {
    for (const share of [0.3, 0.65, 0.9]) {
      const c = { guarantee: "water" as const, from: 2014, by: 2017, share };
      let left = 1;
      for (let y = 2014; y <= 2017; y++) {
        const x = pathCoverage(c, y);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        left *= 1 - x;
      }
      expect(left).toBeCloseTo(1 - share, 12);
    }
  });

  it("raises the requested coverage of the committed guarantee only, never below the default, within capacity", () => {
    const base = load(plan("none", none));
    const s = load(plan("housing-2019", deadline("housing", 2019) + capacity(0.45)));
    const housing = MEASURE_TABLE.findIndex((m) => m.id === "housing");
    for (const y of [2018, 2019, 2020]) {
      const P0 = yearParams(base, y),
        P = yearParams(s, y);
      P.measureCoverage.forEach((x, k) => {
        const guarantee = MEASURE_TABLE[k].effect.kind === "guarantee";
        if (k !== housing) expect(x).toBe(guarantee ? Math.min(0.45, P0.measureCoverage[k]) : P0.measureCoverage[k]);
        else {
          expect(x).toBeGreaterThanOrEqual(P0.measureCoverage[k]);
          expect(x).toBeLessThanOrEqual(0.45);
        }
      });
    }
    expect(yearParams(s, 2019).measureCoverage[housing]).toBe(0.45); // the path asks for 1, capacity holds it
  });

  it("lists the guarantees the catalog can commit to as those of the model", () => {
    expect([...COMMITMENT_GUARANTEES]).toEqual(GUARANTEES.map((g) => g.id));
  });
});

describe("a commitment in the engine (paired seeds, no money limit)", () => {
  const base = run(load(plan("base", none)));
  const by2019 = run(load(plan("by2019", deadline("housing", 2019))));

  it("leaves none of the unmet at its deadline when money and capacity allow", () => {
    for (const x of perReplicate(by2019, "guarantee_unmet_housing", 2019)) expect(x).toBeLessThanOrEqual(0.005);
    // without it, the default yearly share leaves about 0.65² of the stock
    for (const x of perReplicate(base, "guarantee_unmet_housing", 2019)) expect(x).toBeGreaterThan(0.25);
    // the other guarantees do not move
    expect(perReplicate(by2019, "guarantee_unmet_water", 2019)).toEqual(
      perReplicate(base, "guarantee_unmet_water", 2019),
    );
  });

  it("reports a shortfall at the deadline when capacity is tight", () => {
    const tight = run(load(plan("tight", deadline("housing", 2019) + capacity(0.2))));
    for (const x of perReplicate(tight, "guarantee_unmet_housing", 2019)) expect(x).toBeGreaterThan(0.5);
  });

  it("repairs faster with an earlier deadline", () => {
    const by2018 = run(load(plan("by2018", deadline("housing", 2018))));
    const by2020 = run(load(plan("by2020", deadline("housing", 2020))));
    const early = perReplicate(by2018, "guarantee_unmet_housing", 2018),
      late = perReplicate(by2020, "guarantee_unmet_housing", 2018);
    early.forEach((x, k) => expect(x).toBeLessThan(late[k]));
  });

  it("keeps the unmet shares within [0, 1] and never rising (only the registered poor lack a guarantee)", () => {
    for (const r of [base, by2019])
      for (const g of GUARANTEES) {
        const T = r.years.length;
        const m = (r.metrics as Record<string, Float64Array>)[`guarantee_unmet_${g.id}`];
        for (let k = 0; k < r.replicates; k++)
          for (let t = 0; t < T; t++) {
            expect(m[k * T + t]).toBeGreaterThanOrEqual(0);
            expect(m[k * T + t]).toBeLessThanOrEqual(t === 0 ? 1 : m[k * T + t - 1] + 1e-12);
          }
      }
  });

  it("exits more households held back only by housing (fewer poor at the deadline)", () => {
    const poor = (r: RunResult) => perReplicate(r, "poor_people", 2019);
    const held = (r: RunResult) => perReplicate(r, "held_by_guarantees", 2019);
    poor(by2019).forEach((x, k) => expect(x).toBeLessThan(poor(base)[k]));
    held(by2019).forEach((x, k) => expect(x).toBeLessThan(held(base)[k]));
  });
});

describe("a commitment and money", () => {
  /** The plan's only money: a yearly pool of `yuan` (money then limits every funded measure). */
  const pool = (yuan: number) => `funds:
  pool:
    kind: fixed_pool
    purpose: housing
    amount: {value: ${yuan}, unit: yuan, source: "T1 §4"}
`;
  it("is followed as far as money allows: a tight budget leaves a shortfall at the deadline, a large one none", () => {
    const poor = run(load(plan("poor", deadline("housing", 2018), undefined, pool(1e6))));
    const rich = run(load(plan("rich", deadline("housing", 2018), undefined, pool(1e11))));
    const tight = perReplicate(poor, "guarantee_unmet_housing", 2018),
      ample = perReplicate(rich, "guarantee_unmet_housing", 2018);
    tight.forEach((x, k) => {
      expect(x).toBeGreaterThan(0.5);
      expect(ample[k]).toBeLessThanOrEqual(0.005);
    });
  });
});

describe("the summary", () => {
  it("names a commitment missed at its deadline and not one that is met", () => {
    const met = runScenario(load(plan("met", deadline("water", 2019))), { regions, replicates: 4, maxRows: 3000 });
    const missed = runScenario(load(plan("missed", deadline("water", 2019) + capacity(0.2))), {
      regions,
      replicates: 4,
      maxRows: 3000,
    });
    expect(met.headline.commitments).toEqual([expect.objectContaining({ guarantee: "water", missed: false })]);
    expect(missed.headline.commitments).toEqual([expect.objectContaining({ guarantee: "water", missed: true })]);
    const text = formatHeadlines([met.headline, missed.headline]);
    expect(text).toMatch(/missed: commitment missed: water by 2019/);
    expect(text).not.toMatch(/^met: commitment missed/m);
  });

  it("reads the shipped plans' commitments with their deadlines", () => {
    const kunming = scenarioCommitments(load(join("scenarios", "kunming-2018-2020.yaml")));
    expect(kunming.map((c) => [c.guarantee, c.by])).toEqual([
      ["housing", 2018],
      ["water", 2018],
      ["insurance", 2018],
      ["schooling", 2018],
    ]);
    const anhui = scenarioCommitments(load(join("scenarios", "anhui-2018-2020.yaml")));
    expect(anhui.find((c) => c.guarantee === "insurance")?.by).toBe(2020);
  });
});

describe("an invalid commitment", () => {
  it("names the file, the place and what was expected for a deadline before the horizon", () => {
    const path = plan("early", deadline("housing", 2016));
    const [p] = problems(() => load(path));
    expect(p.file).toContain("early.yaml");
    expect(p.path).toBe("parameters.commitments.housing.complete_by.values.2018.value");
    expect(p.line).toBeGreaterThan(0);
    expect(p.message.en).toMatch(/deadline 2016 is before the year it is stated 2018; expected a year from 2018/);
  });

  it("rejects a deadline before the horizon's start stated before it", () => {
    const [p] = problems(() => load(plan("before", deadline("water", 2016, 2015))));
    expect(p.message.en).toMatch(/before the horizon's first year 2018/);
  });

  it("rejects a share without a deadline, and a share above 1", () => {
    const share = (x: number) => `  commitments.insurance.share:
    unit: /1
    values:
      "2018": {value: ${x}, source: "T1 §3"}
`;
    const [p] = problems(() => load(plan("nodeadline", share(0.5))));
    expect(p.path).toBe("parameters.commitments.insurance.share");
    expect(p.message.en).toMatch(/has no deadline: set "commitments.insurance.complete_by"/);
    expect(problems(() => load(plan("toomuch", deadline("insurance", 2019) + share(1.5)))).length).toBe(1);
  });
});
