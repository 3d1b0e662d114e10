/**
 * The pieces reporting has once: the chart header, the quantile pivot, the CSV writer, the CJK text width,
 * and the provenance text that explain, sensitivity and the brief share.
 */
import { describe, expect, it } from "vitest";
import {
  byYear,
  chartContext,
  compareChart,
  differenceChart,
  footnote,
  loadRegions,
  loadScenario,
  pairedDifferenceRows,
  parseCsv,
  provenanceText,
  rowsToCsv,
  runScenario,
  textWidth,
  toCsv,
  type TidyRow,
} from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const FAST = { regions, replicates: 4, maxRows: 400 };
const funds = runScenario(loadScenario(fixture("scenarios", "funds.yaml"), { regions }), FAST);

describe("chart header", () => {
  it("every chart of a run carries the same usermeta (scenario, seed, replicates, version, model)", () => {
    const ctx = chartContext(funds);
    expect(funds.charts.map((c) => c.name)).toContain("money-by-county");
    for (const c of funds.charts) {
      const spec = c.spec as { usermeta: Record<string, unknown>; title: { subtitle: string[] } };
      expect(spec.usermeta, c.name).toMatchObject({
        scenario: ctx.scenario,
        seed: ctx.seed,
        replicates: ctx.replicates,
        version: ctx.version,
        model: ctx.model,
      });
      // the footnote ends with the run manifest
      expect(spec.title.subtitle.at(-1), c.name).toBe(footnote(ctx).at(-1));
    }
  });
  it("a chart of several runs lists each run's seed and replicates", () => {
    const variant = runScenario(loadScenario(fixture("scenarios", "funds-variant.yaml"), { regions }), FAST);
    const ctxs = [funds, variant].map((r) => chartContext(r));
    const compare = compareChart([...funds.rows, ...variant.rows], ctxs) as unknown as {
      usermeta: { scenarios: { scenario: string }[] };
    };
    expect(compare.usermeta.scenarios.map((s) => s.scenario)).toEqual([funds.scenario.id, variant.scenario.id]);
    const diff = differenceChart(pairedDifferenceRows(funds.result, variant.result), ctxs[1], { base: ctxs[0] });
    expect((diff as unknown as { usermeta: { base: string } }).usermeta.base).toBe(funds.scenario.id);
  });
});

describe("byYear", () => {
  it("pivots one series to a record per year, sorted, with only the statistics asked for", () => {
    const row = (year: number, stat: TidyRow["stat"], value: number): TidyRow => ({
      scenario: "s",
      mode: "mechanistic",
      region: "r",
      year,
      metric: "m",
      stat,
      value,
      unit: "people",
    });
    const rows = [row(2019, "p50", 5), row(2018, "p10", 1), row(2018, "p90", 3), row(2018, "target", 9)];
    expect(byYear(rows)).toEqual([
      { year: 2018, p10: 1, p90: 3 },
      { year: 2019, p50: 5 },
    ]);
    expect(byYear(rows, ["p10", "target"], { scale: 2, init: (year) => ({ year, label: "x" }) })).toEqual([
      { year: 2018, label: "x", p10: 2, target: 18 },
    ]);
  });
  it("gives P10 ≤ P50 ≤ P90 for every year of a run", () => {
    const poor = funds.rows.filter(
      (r) => r.mode === "mechanistic" && r.region === funds.scenario.region.id && r.metric === "poor_people",
    );
    const bands = byYear(poor);
    expect(bands.map((b) => b.year)).toEqual(funds.result.years);
    for (const b of bands) expect(b.p10! <= b.p50! && b.p50! <= b.p90!).toBe(true);
  });
});

describe("CSV", () => {
  it("quotes quotes, commas, line feeds and carriage returns, and reads back as written", () => {
    const records = [
      { a: 'say "hi"', b: "x,y", c: "two\nlines" },
      { a: "cr\rhere", b: null, c: 3 },
    ];
    const csv = toCsv(["a", "b", "c"], records, false);
    expect(csv).toBe('a,b,c\n"say ""hi""","x,y","two\nlines"\n"cr\rhere",,3\n');
    expect(toCsv(["a"], [], true)).toBe("\ufeffa\n");
    expect(parseCsv(csv, "test.csv").rows.map((r) => r.cells.a.text)).toEqual([`say "hi"`, "cr\rhere"]);
  });
  it("writes tidy rows with a BOM, one line per row", () => {
    const csv = rowsToCsv(funds.rows);
    expect(csv.startsWith("\ufeffscenario,mode,region,year,metric,stat,value,unit\n")).toBe(true);
    expect(csv.trimEnd().split("\n")).toHaveLength(funds.rows.length + 1);
  });
});

describe("textWidth", () => {
  it("counts a CJK or full-width character as two, anything else as one", () => {
    expect(textWidth("abc")).toBe(3);
    expect(textWidth("贫困人口")).toBe(8);
    expect(textWidth("来源：004 §二")).toBe(13);
  });
});

describe("provenanceText", () => {
  it("gives the source, else the address, else the assumption or derivation, then the note", () => {
    expect(provenanceText({ source: "004 §二", assumption: "x", note: "read  as\n1.2 million" })).toBe(
      "004 §二 — read as 1.2 million",
    );
    expect(provenanceText({ url: "https://stats.gov.cn/x" })).toBe("https://stats.gov.cn/x");
    expect(provenanceText({ assumption: "±10%" })).toBe("assumption: ±10%");
    expect(provenanceText({ derived: "a / b" })).toBe("derived: a / b");
    expect(provenanceText(undefined)).toBe("");
  });
});
