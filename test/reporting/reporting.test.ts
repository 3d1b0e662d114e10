import { describe, expect, it } from "vitest";
import {
  fanChart,
  loadScenario,
  meets,
  renderBrief,
  rowsToCsv,
  runScenario,
  svgToPng,
  toSvg,
  wideByYear,
} from "../../src/index.js";
import { fixture } from "../helpers.js";

const run = runScenario(loadScenario(fixture("scenarios", "small.yaml")), { replicates: 60 });

describe("tidyRows", () => {
  it("has P10 ≤ P50 ≤ P90 for every metric and year", () => {
    for (const metric of ["poor_people", "exits_people", "incidence"]) {
      for (const w of wideByYear(run.rows, metric)) {
        if (w.p50 === undefined || w.p50 === null) continue;
        expect(w.p10!).toBeLessThanOrEqual(w.p50);
        expect(w.p50).toBeLessThanOrEqual(w.p90!);
      }
    }
  });
  it("carries the plan's targets, the share of replicates meeting them, and the implied plan path", () => {
    const t = run.rows.filter((r) => r.stat === "target" && r.mode === "mechanistic");
    expect(t.map((r) => [r.year, r.metric, r.value])).toEqual([
      [2018, "exits_people", 8000],
      [2020, "poor_people", 0],
    ]);
    // p_met is the share of replicates whose 2018 exits reach 8,000, counted here from the run itself
    const pmet = run.rows.find((r) => r.stat === "p_met" && r.year === 2018 && r.mode === "mechanistic")!;
    const T = run.result.years.length;
    let met = 0;
    for (let k = 0; k < run.result.replicates; k++) if (run.result.metrics.exits_people![k * T] >= 8000) met++;
    expect(pmet.value).toBeCloseTo(met / run.result.replicates, 6);
    const path = run.rows
      .filter((r) => r.stat === "plan_path" && r.mode === "mechanistic")
      .map((r) => [r.year, r.value]);
    expect(path).toEqual([
      [2017, 20000],
      [2018, 12000],
    ]);
  });
  it("has rows for both modes; the target-following run meets the 2018 quota in every replicate", () => {
    expect(new Set(run.rows.map((r) => r.mode))).toEqual(new Set(["mechanistic", "target"]));
    expect(run.rows.find((r) => r.mode === "target" && r.stat === "p_met" && r.year === 2018)!.value).toBe(1);
    expect(run.headline.target_cost_p50).toBeGreaterThan(0);
  });
  it("charts what meeting the quotas takes, its title stating the last quota year's finding", () => {
    const spec = run.charts.find((c) => c.name === "quotas")!.spec as unknown as {
      title: { text: string };
      hconcat: { layer?: { data: { values: { year: string; value: number }[] } }[] }[];
    };
    const feasible = run.rows.find(
      (r) => r.mode === "target" && r.metric === "align_feasible" && r.year === 2020 && r.stat === "mean",
    )!;
    expect(spec.title.text).toContain("2020 年任务");
    expect(spec.title.text).toContain(feasible.value >= 0.995 ? "可以完成" : `${Math.round(feasible.value * 100)}%`);
    // the wrong-exit panel's bars sit on the years they belong to (string categories, as the axis)
    const bars = spec.hconcat[2].layer![0].data.values;
    expect(bars.map((b) => b.year)).toEqual(["2018", "2019", "2020"]);
    // a plan without quotas has no such chart
    const plain = runScenario(loadScenario(fixture("scenarios", "funds.yaml")), { replicates: 2 });
    expect(plain.charts.map((c) => c.name)).not.toContain("quotas");
  });
  it("meets() reads the bounds of targets", () => {
    expect(meets(10, 10, "at_least")).toBe(true);
    expect(meets(9, 10, "at_least")).toBe(false);
    expect(meets(0, 0, "at_most")).toBe(true);
    expect(meets(105, 100, "about")).toBe(true);
    expect(meets(111, 100, "about")).toBe(false);
  });
  it("rowsToCsv writes UTF-8 with a BOM and a header", () => {
    const csv = rowsToCsv(run.rows);
    expect(csv.startsWith("\ufeffscenario,mode,region,year,metric,stat,value,unit\n")).toBe(true);
    expect(csv.trim().split("\n")).toHaveLength(run.rows.length + 1);
  });
});

describe("fanChart", () => {
  const spec = run.charts[0].spec;
  it("is a Vega-Lite spec with Chinese title, the manifest in usermeta and a CJK font", () => {
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(JSON.stringify(spec.title)).toMatch(/测试情景：贫困人口/);
    expect(spec.usermeta).toMatchObject({ scenario: "small", seed: 7, replicates: 60 });
    expect(spec.config?.font).toBe("Noto Sans CJK SC");
  });
  it("renders English labels on request", () => {
    const en = fanChart(
      run.rows,
      {
        scenario: "small",
        region: "cangxi",
        label: "Test",
        seed: 7,
        replicates: 60,
        version: "x",
        model: "household engine",
        sources: [],
        targetYear: 2020,
      },
      { lang: "en" },
    );
    expect(JSON.stringify(en)).toMatch(/Projected median/);
    expect(JSON.stringify(en)).not.toMatch(/预测中位数/);
  });
  it("renders to SVG with the Chinese title as text, and to a PNG", async () => {
    const svg = await toSvg(spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("测试情景");
    const png = await svgToPng(svg);
    expect(Array.from(png.slice(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });
});

describe("renderBrief", () => {
  it("is one self-contained page with the headline table and inline charts, loading nothing", async () => {
    const html = await renderBrief([run]);
    expect(html).toContain('<table id="headline">');
    expect(html).toContain("测试情景");
    expect(html).toMatch(/<figure data-chart="[a-z-]+"><svg/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|url\(http/);
  });
});
