import { describe, expect, it } from "vitest";
import { briefFamilies, planOf } from "../../src/index.js";

describe("brief families (a plan and its <plan>--<variant> scenarios)", () => {
  it("planOf strips the variant", () => {
    expect(planOf("anhui-2018-2020--revenue-fall-2020")).toBe("anhui-2018-2020");
    expect(planOf("anhui-2018-2020")).toBe("anhui-2018-2020");
    expect(planOf("small-variant")).toBe("small-variant");
  });

  it("groups by plan in order of first appearance, the plan first and its variants by id", () => {
    const ids = ["b--y", "a", "b--x", "c--only", "b", "a--z"];
    const families = briefFamilies(ids, (id) => id);
    expect(families).toEqual([
      { plan: "b", members: ["b", "b--x", "b--y"] },
      { plan: "a", members: ["a", "a--z"] },
      { plan: "c", members: ["c--only"] },
    ]);
  });

  it("puts every item in exactly one family, whatever the items are", () => {
    const runs = ["k--2", "k", "k--1", "m"].map((id) => ({ scenario: { id } }));
    const families = briefFamilies(runs, (r) => r.scenario.id);
    expect(families.flatMap((f) => f.members).sort((a, b) => a.scenario.id.localeCompare(b.scenario.id))).toEqual(
      [...runs].sort((a, b) => a.scenario.id.localeCompare(b.scenario.id)),
    );
    for (const f of families) for (const m of f.members) expect(planOf(m.scenario.id)).toBe(f.plan);
  });
});
