import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, runScenario, ValidationError, type Problem } from "../../src/index.js";
import { ROOT, fixture } from "../helpers.js";

function problemsOf(path: string, run = false): Problem[] {
  try {
    const s = loadScenario(path);
    if (run) runScenario(s, { replicates: 2 });
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error(`expected ${path} to be invalid`);
}

describe("scenarios/*.yaml", () => {
  const files = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml"));
  it("there is at least one scenario", () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(`${f} loads, validates and resolves, and every number has a provenance`, () => {
      const s = loadScenario(join(ROOT, "scenarios", f));
      expect(s.id).toBe(f.replace(/\.yaml$/, ""));
      for (const q of Object.values(s.baseline))
        expect([q.source, q.url, q.assumption, q.derived].filter(Boolean)).toHaveLength(1);
      for (const m of Object.values(s.targets))
        for (const q of m.values()) expect([q.source, q.url, q.assumption, q.derived].filter(Boolean)).toHaveLength(1);
    });
  }
});

describe("loadScenario: extends", () => {
  it("a variant inherits its parent's numbers and overrides dated values", () => {
    const base = loadScenario(fixture("scenarios", "small.yaml"));
    const v = loadScenario(fixture("scenarios", "small-variant.yaml"));
    expect(v.label).toBe("测试变体");
    expect(v.baseline.poor_people?.value).toBe(20000);
    const rate = (s: typeof v, y: number) => s.parameters.get("model.measures.industry.coverage")!.atYear(y);
    expect([2018, 2019, 2020].map((y) => rate(base, y))).toEqual([0.4, 0.4, 0.1]);
    expect([2018, 2019, 2020].map((y) => rate(v, y))).toEqual([0.4, 0.6, 0.6]);
    expect(v.files.map((f) => f.file.split("/").pop())).toEqual(["small-variant.yaml", "small.yaml", "defaults.yaml"]);
  });
});

/** One broken fixture per failure mode, with the words its message must contain (OpenFisca style). */
const CASES: [file: string, words: RegExp[], line?: number][] = [
  ["unknown-key.yaml", [/unknown key "horizn"; did you mean "horizon"/, /未知的键/], 5],
  ["unknown-key.yaml", [/unknown key "poor_peple"; did you mean "poor_people"/], 7],
  ["share-out-of-range.yaml", [/value 1.4 is outside \[0, 1\]/, /超出范围/], 9],
  ["wrong-type.yaml", [/expected an integer, got string "2020"/]],
  ["wrong-type.yaml", [/expected an integer, got string "many"/]],
  ["wrong-unit.yaml", [/unit "households" is wrong; expected "people"/]],
  ["no-provenance.yaml", [/exactly one provenance/, /来源/]],
  ["bad-period.yaml", [/date "2018" is out of order/]],
  ["bad-period.yaml", [/period key "2018-13-01" is invalid/]],
  ["bad-period.yaml", [/period "2020-06-01.2020-01-01" ends before it starts/]],
  ["overlap.yaml", [/periods "2018-01-01.2018-12-31" and "2018-06-01.2019-06-30" overlap/]],
  ["unknown-region.yaml", [/region "cangxii" is not in data\/regions.csv; did you mean "cangxi"/]],
  ["unknown-parameter.yaml", [/unknown key "model.income.growht"; did you mean "model.income.growth"/]],
  ["target-after-horizon.yaml", [/target year 2021 is outside the horizon 2018–2020/]],
  ["unknown-document.yaml", [/cites document "009" which is not listed under documents/]],
  ["cycle-a.yaml", [/extends forms a cycle: cycle-a -> cycle-b -> cycle-a/]],
  ["missing-parent.yaml", [/extends names scenario "no-such-scenario"/]],
  ["yaml-syntax.yaml", [/YAML syntax error/]],
  ["id-mismatch.yaml", [/id "another-name" must equal the file name "id-mismatch"/]],
  [
    "rule-unknown-kind.yaml",
    [
      /fund rule kind "revenue_increment_shares" does not exist; did you mean "revenue_increment_share"/,
      /资金规则类型/,
    ],
    7,
  ],
  ["rule-missing-field.yaml", [/missing required key "amount"/]],
  ["rule-bad-enum.yaml", [/string "provence" is not one of province, city/, /did you mean "province"/], 8],
  ["rule-wrong-unit.yaml", [/unit "yuan" is wrong; expected "\/1"/]],
  ["rule-wrong-unit.yaml", [/value 20 is outside \[0, 1\]/]],
  [
    "pool-shares-above-one.yaml",
    [/shares of pool provincial_new sum to 1.1 in 2019, above 1 \(rules: deep, villages\)/],
  ],
  ["weights-not-one.yaml", [/factor weights sum to 1.2 in 2018; they must sum to 1/]],
  ["rule-bad-refs.yaml", [/rule "citty" does not exist or is disabled; did you mean "city"/]],
  ["rule-bad-refs.yaml", [/no rule feeds pool "nowhere" \(pools fed: special_fund\)/]],
  ["rule-bad-refs.yaml", [/region "fuyangg" is not in data\/regions.csv; did you mean "fuyang"/]],
  ["partial-rule-no-parent.yaml", [/rule "no-such-rule" has no kind and no inherited rule has this id/]],
  ["partial-rule-no-parent.yaml", [/unknown key "per"/]],
  ["value-outside-range.yaml", [/value 9 lies outside its own range \[3, 6\]/]],
  ["bad-target-key.yaml", [/unknown key "people_exits"; did you mean "people_exit"/]],
  ["bad-target-key.yaml", [/expected a year \(YYYY\) or a date/]],
];

describe("loadScenario: broken fixtures", () => {
  for (const [file, words, line] of CASES) {
    it(`${file}: ${words.map((w) => w.source).join(" & ")}`, () => {
      const problems = problemsOf(fixture("broken", file));
      const hit = problems.find((p) => words.every((w) => w.test(`${p.message.en} ${p.message.zh}`)));
      expect(hit, problems.map((p) => p.message.en).join("\n")).toBeDefined();
      expect(hit!.file).toMatch(new RegExp(`${file.replace(".", "\\.")}|cycle-b\\.yaml`));
      if (line !== undefined) expect(hit!.line).toBe(line);
      expect(hit!.line).toBeGreaterThan(0);
      expect(hit!.column).toBeGreaterThan(0);
    });
  }

  it("reports every problem of a file together", () => {
    expect(problemsOf(fixture("broken", "bad-period.yaml")).length).toBeGreaterThanOrEqual(3);
    expect(problemsOf(fixture("broken", "unknown-key.yaml")).length).toBe(2);
  });

  it("a scenario missing a parameter the model needs stops before running, naming the parameter", () => {
    const problems = problemsOf(fixture("broken", "missing-parameter.yaml"), true);
    expect(problems[0].message.en).toMatch(
      /the model needs parameter "[a-z_.]+", which the scenario \(and what it extends\) does not set/,
    );
  });

  it("a missing file is a clear error", () => {
    expect(problemsOf(fixture("broken", "nope.yaml"))[0].message.en).toMatch(/scenario file not found/);
  });

  it("the error message names file:line:column and the dotted path", () => {
    try {
      loadScenario(fixture("broken", "share-out-of-range.yaml"));
    } catch (e) {
      expect((e as Error).message).toMatch(
        /share-out-of-range\.yaml:9:\d+ parameters\.model\.measures\.industry\.coverage\.values\.2018\.value/,
      );
      return;
    }
    throw new Error("expected an error");
  });
});
