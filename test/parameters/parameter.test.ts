import { describe, expect, it } from "vitest";
import { Parameter, parsePeriodKey, type DatedValue } from "../../src/index.js";

const v = (key: string, value: number): DatedValue => ({
  period: parsePeriodKey(key)!,
  key,
  value,
  provenance: { assumption: "test" },
  file: "t.yaml",
});

describe("parsePeriodKey", () => {
  it("reads years, instants and bounded periods", () => {
    expect(parsePeriodKey("2018")).toEqual({ from: 20180101 });
    expect(parsePeriodKey("2018-07-01")).toEqual({ from: 20180701 });
    expect(parsePeriodKey("2020-01-01.2020-12-31")).toEqual({ from: 20200101, to: 20201231 });
    expect(parsePeriodKey("2020.2021")).toEqual({ from: 20200101, to: 20211231 });
  });
  it("rejects malformed keys and impossible dates", () => {
    for (const k of ["18", "2018-13-01", "2019-02-29", "2018-01-01.x", "a.b.c", ""])
      expect(parsePeriodKey(k)).toBeUndefined();
  });
});

describe("Parameter", () => {
  it("atYear(y) holds a value from its date until the next", () => {
    const p = new Parameter("x", "/1", [v("2018", 0.1), v("2020", 0.3)]);
    expect([2017, 2018, 2019, 2020, 2021].map((y) => p.atYear(y))).toEqual([undefined, 0.1, 0.1, 0.3, 0.3]);
  });
  it("a bounded override applies inside its period and the prior value resumes after it", () => {
    const p = new Parameter("x", "/1", [v("2018", 0.1), v("2020", 0.3), v("2019-01-01.2019-12-31", 0.9)]);
    expect([2018, 2019, 2020].map((y) => p.atYear(y))).toEqual([0.1, 0.9, 0.3]);
  });
  it("a later open-ended value replaces everything from its date on (OpenFisca update semantics)", () => {
    const p = new Parameter("x", "/1", [v("2018", 0.1), v("2020", 0.3), v("2019", 0.5)]);
    expect([2018, 2019, 2020, 2021].map((y) => p.atYear(y))).toEqual([0.1, 0.5, 0.5, 0.5]);
  });
});
