import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkScenarioFunds, explain, loadScenario } from "../../src/index.js";
import { fixture, problems, ROOT } from "../helpers.js";

describe("fund rules", () => {
  const s = loadScenario(fixture("scenarios", "funds.yaml"));
  it("are resolved with their kinds, pools and dated quantities", () => {
    const r = s.funds.get("province-increment")!;
    expect(r).toMatchObject({
      kind: "revenue_increment_share",
      pool: "provincial_new",
      clause: "004 §六(一)",
      fields: { level: "province" },
    });
    expect(r.quantities.share.atYear(2019)).toBe(0.2);
    expect(s.funds.get("household-startup")!.pool).toBe("special_fund");
    expect(s.funds.get("workshop")!.quantities.cap.atYear(2018)).toBe(50000);
    expect(s.allocation?.weights.poor_population.atYear(2020)).toBe(0.5);
  });

  it("a variant disables an inherited rule and overrides one field for a bounded period", () => {
    const v = loadScenario(fixture("scenarios", "funds-variant.yaml"));
    expect(v.funds.has("deep-reservation")).toBe(false);
    const share = v.funds.get("province-increment")!.quantities.share;
    expect([2018, 2019, 2020].map((y) => share.atYear(y))).toEqual([0.2, 0.2, 0.25]);
    expect(v.funds.get("province-increment")!.fields.level).toBe("province"); // inherited structure
  });

  it("explain lists a rule and a field's history with sources", () => {
    const rule = explain(s, "funds.deep-reservation")!;
    expect(rule.fields).toMatchObject({
      kind: "reserved_share",
      of_pool: "provincial_new",
      group: "deep_poor_counties",
    });
    const share = explain(s, "funds.deep-reservation.share")!;
    expect(share.history[0]).toMatchObject({ value: 0.5, provenance: { source: "004 §三(三)", range: [0.5, 0.8] } });
    expect(share.byYear).toEqual([
      { year: 2018, value: 0.5 },
      { year: 2019, value: 0.5 },
      { year: 2020, value: 0.5 },
    ]);
  });

  it("explain reads baselines from data with their file and line", () => {
    const b = explain(s, "baseline.poor_villages")!;
    expect(b.history[0]).toMatchObject({ value: 789, provenance: { source: "004 §一" } });
    expect(b.history[0].file).toMatch(/^data\/baselines\/anhui\.csv:\d+$/);
    expect(explain(s, "baseline.nothing")).toBeUndefined();
  });
});

describe("loading a scenario does not run the money model", () => {
  it("a rule that cannot be computed loads, and checkScenarioFunds stops it with the rule's path", () => {
    const s = loadScenario(fixture("funds", "scenarios", "no-revenue.yaml"));
    expect(s.funds.get("county-increment")!.kind).toBe("revenue_increment_share");
    const p = problems(() => checkScenarioFunds(s));
    expect(p).toHaveLength(1);
    expect(p[0].path).toBe("funds.county-increment");
    expect(p[0].message.en).toContain("local_revenue for 2017");
  });

  it("checkScenarioFunds passes a scenario whose rules compute, and one without rules", () => {
    expect(() => checkScenarioFunds(loadScenario(fixture("scenarios", "funds.yaml")))).not.toThrow();
    expect(() => checkScenarioFunds(loadScenario(fixture("scenarios", "small.yaml")))).not.toThrow();
  });

  it("src/scenario imports nothing from the layers above it (funds, model, engine, risk, runners, …)", () => {
    const dir = join(ROOT, "src", "scenario");
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".ts"))) {
      const text = readFileSync(join(dir, f), "utf8");
      const from = [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]);
      for (const m of from)
        expect(m, `${f} imports ${m}`).not.toMatch(/^\.\.\/(funds|model|engine|risk|runners|reporting|cli)\//);
    }
  });
});
