import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  alignedHeadline,
  formatHeadlines,
  loadScenario,
  renderBrief,
  rowsToXlsx,
  runScenario,
  runsToJson,
  XLSX_SHEETS,
} from "../../src/index.js";
import { fixture, withParams } from "../helpers.js";

const OPTS = { replicates: 16 };
const small = loadScenario(fixture("scenarios", "small.yaml"));
const run = runScenario(small, OPTS);
// the same plan and seed with the effort bounded at a thousandth of the line: paired replicate by replicate
const tight = runScenario(withParams(small, { "model.alignment.effort_max": 0.001 }), OPTS);
const plain = runScenario(loadScenario(fixture("scenarios", "funds.yaml")), { replicates: 2 });
const a = run.headline.aligned!;
const at = tight.headline.aligned!;

describe("alignedHeadline", () => {
  it("summarises the aligned run of a plan with quotas; shares in [0, 1], effort within its bound", () => {
    expect(alignedHeadline(run.targetResult!)).toEqual(a);
    expect(a.last_quota_year).toBe(2020);
    expect(a.years.map((y) => y.year)).toEqual([2018, 2019, 2020]);
    expect(a.years[0].quota).toBe(8000);
    const shares = [a.p_met, a.p_feasible, a.binding.shift, a.binding.eligible, a.binding.money];
    for (const p of [...shares, ...a.years.map((y) => y.p_feasible)])
      expect(Math.abs(p - 0.5)).toBeLessThanOrEqual(0.5);
    expect(a.p_met).toBeLessThanOrEqual(a.p_feasible + 1e-12);
    expect(a.shortfall_worst_p50).toBeGreaterThanOrEqual(a.shortfall_p50);
    const param = (path: string) => small.parameters.get(path)?.atYear(2020) ?? NaN;
    expect(a.effort_max).toBeCloseTo(param("model.alignment.effort_max") * param("income.poverty_line"), 6);
    expect(a.effort_p50).toBeLessThanOrEqual(a.effort_max + 1e-6);
    expect(a.wrong_exit_rate_max).toBeGreaterThanOrEqual(a.years[a.years.length - 1].wrong_exit_rate_p50);
    expect(a.wrong_exit_limit).toBe(param("exit.county_wrong_exit_max"));
    // one number, one place: the headline's cost of the quotas is the aligned run's
    expect(run.headline.target_cost_p50).toBe(a.target_cost_p50);
    expect(a.target_cost_p50).toBeGreaterThan(0);
  });
  it("counts p_met and p_feasible from the run's replicates", () => {
    const r = run.targetResult!;
    const T = r.years.length;
    const sf = r.metrics.align_shortfall!;
    let met = 0;
    for (let k = 0; k < r.replicates; k++) if ([0, 1, 2].every((t) => !(sf[k * T + t] > 0.5))) met++;
    expect(a.p_met).toBeCloseTo(met / r.replicates, 12);
    const fe = r.metrics.align_feasible!;
    const feasible = Array.from({ length: r.replicates }, (_, k) => fe[k * T + T - 1]);
    expect(a.p_feasible).toBeCloseTo(feasible.filter((x) => x === 1).length / r.replicates, 12);
  });
  it("a tiny bound on the effort makes the quotas less feasible, not more (same seeds)", () => {
    expect(at.effort_max).toBeLessThan(a.effort_max);
    expect(at.effort_p50).toBeLessThanOrEqual(at.effort_max + 1e-6);
    expect(at.p_feasible).toBeLessThanOrEqual(a.p_feasible);
    expect(at.p_met).toBeLessThanOrEqual(a.p_met);
    expect(at.shortfall_worst_p50).toBeGreaterThanOrEqual(a.shortfall_worst_p50);
    expect(at.shortfall_worst_p50).toBeGreaterThan(0);
    expect(at.binding.shift).toBeGreaterThan(0);
  });
  it("is null for a plan without quotas", () => {
    expect(plain.targetResult).toBeDefined();
    expect(plain.headline.aligned).toBeNull();
    expect(alignedHeadline(plain.targetResult!)).toBeNull();
    expect(alignedHeadline(run.result)).toBeNull(); // the mechanistic run has no quota rows
  });
});

describe("reporting the aligned run", () => {
  it("the terminal table has its columns, and a line where the last quota is infeasible", () => {
    const text = formatHeadlines([run.headline, tight.headline, plain.headline]);
    for (const col of ["quotas cost", "quotas feasible", "effort/person", "wrong exits"]) expect(text).toContain(col);
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(200);
    const pct = Math.round((1 - at.p_feasible) * 100);
    expect(text).toContain(`small: quota of 2020 not met in ${pct}% of replicates: shortfall P50`);
    expect(text).toMatch(/bound by the largest effort in \d+%/);
  });
  it("the brief charts the base's quotas and states what they take, in both languages", async () => {
    const zh = await renderBrief([run]);
    expect(zh).toContain('<figure data-chart="quotas">');
    expect(zh).toContain('<div id="quotas">');
    expect(zh).toContain(`最后任务年（2020 年）任务在 ${Math.round(a.p_feasible * 100)}% 的重复中可行`);
    expect(zh).toContain("年度任务可行？");
    const en = await renderBrief([run], { lang: "en" });
    expect(en).toContain(`the last quota (2020) is feasible in ${Math.round(a.p_feasible * 100)}% of replicates`);
    expect(en).toContain(`vs the ${(a.wrong_exit_limit * 100).toFixed(1)}% limit`);
    const none = await renderBrief([plain]);
    expect(none).not.toContain('<figure data-chart="quotas">');
    expect(none).not.toContain('id="quotas"');
  });
  it("JSON carries the aligned headline, NaN as null", () => {
    const text = JSON.stringify(runsToJson([run, plain]));
    expect(text).not.toMatch(/NaN/);
    const doc = JSON.parse(text) as { scenarios: { headline: { aligned: unknown } }[] };
    expect(doc.scenarios[0].headline.aligned).toMatchObject({ last_quota_year: 2020, p_feasible: a.p_feasible });
    expect(doc.scenarios[1].headline.aligned).toBeNull();
  });
  it("the workbook's summary has the aligned columns", async () => {
    const bytes = await rowsToXlsx({ rows: run.rows, headlines: [run.headline, plain.headline], lang: "en" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(XLSX_SHEETS.summary)!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf("Probability the last quota is feasible (%)") + 1;
    expect(col).toBeGreaterThan(0);
    expect(ws.getRow(2).getCell(col).value).toBeCloseTo(a.p_feasible, 12);
    expect(ws.getRow(3).getCell(col).value).toBeNull();
    expect(header).not.toContain("aligned");
  });
});
