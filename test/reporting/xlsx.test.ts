import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Headline } from "../../src/reporting/headline.js";
import type { TidyRow } from "../../src/reporting/tidy.js";
import { rowsToXlsx, XLSX_FIXED_DATE, XLSX_SHEETS, type WorkbookInput } from "../../src/reporting/xlsx.js";
import { textWidth } from "../../src/reporting/text.js";

const base = { scenario: "anhui-test", mode: "mechanistic", region: "anhui" };
const band = (metric: string, unit: string, year: number, p50: number): TidyRow[] => [
  { ...base, year, metric, stat: "p10", value: p50 * 0.9, unit },
  { ...base, year, metric, stat: "p50", value: p50, unit },
  { ...base, year, metric, stat: "p90", value: p50 * 1.1, unit },
  { ...base, year, metric, stat: "mean", value: p50 * 1.01, unit },
];
// years deliberately out of order; a metric outside METRICS (spend.housing); a county; a NaN
const rows: TidyRow[] = [
  ...band("poor_people", "people", 2020, 1234.5),
  ...band("poor_people", "people", 2019, 523456),
  ...band("incidence", "/1", 2019, 0.0123),
  ...band("incidence", "/1", 2020, 0.0001),
  ...band("cost_per_exit", "yuan/person", 2019, 8765.4321),
  ...band("spend.housing", "yuan", 2019, 3.2e9),
  ...band("spend.housing", "yuan", 2020, 2.5e9),
  { ...base, region: "340824", year: 2020, metric: "poor_people", stat: "p50", value: 17, unit: "people" },
  { ...base, year: 2020, metric: "poor_people", stat: "target", value: 0, unit: "people" },
  { ...base, year: 2020, metric: "poor_people", stat: "p_met", value: 0.35, unit: "/1" },
  { ...base, year: 2019, metric: "poor_people", stat: "observed", value: 500000, unit: "people" },
  { ...base, year: 2018, metric: "poor_people", stat: "plan_path", value: 700000, unit: "people" },
  { ...base, year: 2020, metric: "cost_per_exit", stat: "p50", value: NaN, unit: "yuan/person" },
];
const headlines: Headline[] = [
  {
    scenario: "anhui-test",
    label: "安徽省脱贫攻坚 2019–2020（测试）",
    start_year: 2019,
    target_year: 2020,
    poor_start: 700000,
    poor_end_p10: 1111.1,
    poor_end_p50: 1234.5,
    poor_end_p90: 1358,
    exits_total_p50: 698765,
    target_remaining: 0,
    p_target_met: 0.35,
    year_met: null,
    returns_total_p50: 4321,
    returns_total_mean: 4400.25,
    funds_total_p50: 2.5e10,
    cost_per_exit_p50: 35777.7,
    target_cost_p50: 1.23e9,
  },
  {
    scenario: "national",
    label: "全国",
    start_year: 2016,
    target_year: 2020,
    poor_start: NaN,
    poor_end_p10: 0,
    poor_end_p50: 0,
    poor_end_p90: 10,
    exits_total_p50: 4.3e7,
    target_remaining: null,
    p_target_met: null,
    year_met: 2020,
    returns_total_p50: 0,
    returns_total_mean: 0.4,
    funds_total_p50: null,
    cost_per_exit_p50: null,
    target_cost_p50: null,
  },
];
const manifest = {
  tuopin_version: "0.1.0",
  seed: 20200101,
  years: [2019, 2020],
  scenario: { id: "anhui-test", label: "安徽" },
  note: null,
};
const input: WorkbookInput = { rows, headlines, manifest };

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}
const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
/** Rows of a sheet as arrays of values, the header first. */
const table = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    out.push(Array.from({ length: ws.columnCount }, (_, k) => row.getCell(k + 1).value ?? null));
  });
  return out;
};
/** The results row of a region, metric label and stat label. */
const resultRow = (ws: ExcelJS.Worksheet, region: string, metric: string, stat: string) => {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(3).value === region && row.getCell(4).value === metric && row.getCell(6).value === stat)
      found = row;
  });
  if (!found) throw new Error(`no row ${region} ${metric} ${stat}`);
  return found;
};

afterEach(() => {
  vi.useRealTimers();
});

describe("rowsToXlsx", async () => {
  const zh = await rowsToXlsx(input);
  const wb = await load(zh);

  it("is a ZIP with the four sheets, named bilingually within Excel's rules", () => {
    expect([...zh.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "摘要 Summary",
      "结果 Results",
      "明细 Tidy rows",
      "运行清单 Manifest",
    ]);
    for (const name of Object.values(XLSX_SHEETS)) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it("leaves out the summary and manifest sheets when not given", async () => {
    const w = await load(await rowsToXlsx({ rows }));
    expect(w.worksheets.map((s) => s.name)).toEqual(["结果 Results", "明细 Tidy rows"]);
  });

  it("gives every sheet a bold, filled, frozen header with an autofilter and fitted widths", () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      const h = ws.getRow(1);
      for (let k = 1; k <= ws.columnCount; k++) {
        expect(h.getCell(k).font?.bold).toBe(true);
        expect(h.getCell(k).fill).toMatchObject({ type: "pattern", pattern: "solid" });
      }
      expect(ws.autoFilter).toBeTruthy();
      for (let k = 1; k <= ws.columnCount; k++) expect(ws.getColumn(k).width).toBeGreaterThanOrEqual(6);
    }
    // a CJK character counts double: the metric column fits the widest Chinese label
    expect(textWidth("贫困发生率")).toBe(10);
    expect(textWidth("P50 中位数")).toBe(10);
    expect(sheet(wb, XLSX_SHEETS.results).getColumn(4).width).toBe(textWidth("贫困人口（年末）") + 2);
  });

  it("round-trips the tidy rows exactly, NaN as an empty cell", () => {
    const t = table(sheet(wb, XLSX_SHEETS.tidy));
    expect(t[0]).toEqual(["scenario", "mode", "region", "year", "metric", "stat", "value", "unit"]);
    const expected = rows.map((r) => [
      r.scenario,
      r.mode,
      r.region,
      r.year,
      r.metric,
      r.stat,
      Number.isNaN(r.value) ? null : r.value,
      r.unit,
    ]);
    expect(t.slice(1)).toEqual(expected);
  });

  it("spreads the results wide by year, with Chinese labels and number formats by unit", () => {
    const ws = sheet(wb, XLSX_SHEETS.results);
    expect(table(ws)[0]).toEqual(["情景", "模式", "地区", "指标", "单位", "统计量", 2019, 2020]);
    const p50 = resultRow(ws, "anhui", "贫困人口（年末）", "P50 中位数");
    expect(p50.getCell(5).value).toBe("人");
    expect([p50.getCell(7).value, p50.getCell(8).value]).toEqual([523456, 1234.5]);
    expect(p50.getCell(7).numFmt).toBe("#,##0");
    const inc = resultRow(ws, "anhui", "贫困发生率", "P90");
    expect(inc.getCell(7).value).toBeCloseTo(0.0123 * 1.1, 12);
    expect(inc.getCell(7).numFmt).toBe("0.0%");
    const cpe = resultRow(ws, "anhui", "每脱贫一人资金", "均值");
    expect(cpe.getCell(7).numFmt).toBe("#,##0.00");
    expect(resultRow(ws, "anhui", "每脱贫一人资金", "P50 中位数").getCell(8).value).toBeNull();
    // a metric outside METRICS keeps its name; yuan are whole
    const spend = resultRow(ws, "anhui", "spend.housing", "P10");
    expect(spend.getCell(5).value).toBe("元");
    expect(spend.getCell(8).value).toBe(2.5e9 * 0.9);
    expect(spend.getCell(8).numFmt).toBe("#,##0");
    // targets, the share meeting them and observations; a county; no plan path
    expect(resultRow(ws, "anhui", "贫困人口（年末）", "目标").getCell(8).value).toBe(0);
    const met = resultRow(ws, "anhui", "贫困人口（年末）", "达标概率");
    expect([met.getCell(5).value, met.getCell(8).value, met.getCell(8).numFmt]).toEqual(["比例", 0.35, "0.0%"]);
    expect(resultRow(ws, "anhui", "贫困人口（年末）", "实际值").getCell(7).value).toBe(500000);
    expect(resultRow(ws, "340824", "贫困人口（年末）", "P50 中位数").getCell(8).value).toBe(17);
    expect(table(ws).flat()).not.toContain("plan_path");
    // bands come in order within a metric, the metric's targets after them
    const stats: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(3).value === "anhui" && row.getCell(4).value === "贫困人口（年末）")
        stats.push(row.getCell(6).value);
    });
    expect(stats).toEqual(["P10", "P50 中位数", "P90", "均值", "目标", "达标概率", "实际值"]);
  });

  it("summarises the headlines with units in the headers and Chinese intact", () => {
    const ws = sheet(wb, XLSX_SHEETS.summary);
    const t = table(ws);
    expect(t[0]).toContain("期末贫困人口 P50（人）");
    expect(t[0]).toContain("按计划脱贫所需投入 P50（亿元）");
    expect(t).toHaveLength(3);
    const col = (name: string) => (t[0] as string[]).indexOf(name) + 1;
    const r = ws.getRow(2);
    expect(r.getCell(1).value).toBe("安徽省脱贫攻坚 2019–2020（测试）");
    expect(r.getCell(col("期末贫困人口 P50（人）")).value).toBe(1234.5);
    expect(r.getCell(col("期末贫困人口 P50（人）")).numFmt).toBe("#,##0");
    expect(r.getCell(col("达标概率（%）")).value).toBe(0.35);
    expect(r.getCell(col("达标概率（%）")).numFmt).toBe("0.0%");
    expect(r.getCell(col("按计划脱贫所需投入 P50（亿元）")).value).toBeCloseTo(12.3, 10);
    expect(r.getCell(col("按计划脱贫所需投入 P50（元）")).value).toBe(1.23e9);
    expect(r.getCell(col("扶贫资金合计 P50（亿元）")).value).toBe(250);
    expect(r.getCell(col("累计返贫人口 均值（人）")).value).toBe(4400.25);
    expect(r.getCell(col("每脱贫一人资金 P50（元/人）")).numFmt).toBe("#,##0");
    // NaN and null are empty
    const n = ws.getRow(3);
    expect(n.getCell(1).value).toBe("全国");
    expect(n.getCell(col("期初贫困人口（人）")).value).toBeNull();
    expect(n.getCell(col("目标剩余贫困人口（人）")).value).toBeNull();
    expect(n.getCell(col("P50 达标年份")).value).toBe(2020);
  });

  it("keeps headline fields it does not know, under their own names", async () => {
    const grown = headlines.map((h, k) => ({ ...h, villages_total_p50: 10 + k }));
    const ws = sheet(await load(await rowsToXlsx({ rows, headlines: grown })), XLSX_SHEETS.summary);
    const t = table(ws);
    expect(t[0].at(-1)).toBe("villages_total_p50");
    expect(t.slice(1).map((r) => r.at(-1))).toEqual([10, 11]);
  });

  it("lists the manifest as key and value, nested values as JSON", () => {
    const t = table(sheet(wb, XLSX_SHEETS.manifest));
    expect(t).toEqual([
      ["项目", "值"],
      ["tuopin_version", "0.1.0"],
      ["seed", 20200101],
      ["years", "[2019,2020]"],
      ["scenario", '{"id":"anhui-test","label":"安徽"}'],
      ["note", null],
    ]);
  });

  it("switches headers and labels to English, keeping the sheet names", async () => {
    const en = await load(await rowsToXlsx({ ...input, lang: "en" }));
    expect(en.worksheets.map((w) => w.name)).toEqual(wb.worksheets.map((w) => w.name));
    const res = sheet(en, XLSX_SHEETS.results);
    expect(table(res)[0]).toEqual(["Scenario", "Mode", "Region", "Metric", "Unit", "Statistic", 2019, 2020]);
    const p50 = resultRow(res, "anhui", "Poor people (year end)", "P50 (median)");
    expect([p50.getCell(5).value, p50.getCell(7).value]).toEqual(["people", 523456]);
    expect(table(sheet(en, XLSX_SHEETS.summary))[0]).toContain("Poor people at end, P50 (people)");
    expect(table(sheet(en, XLSX_SHEETS.manifest))[0]).toEqual(["Key", "Value"]);
    // the tidy rows do not depend on the language
    expect(table(sheet(en, XLSX_SHEETS.tidy))).toEqual(table(sheet(wb, XLSX_SHEETS.tidy)));
  });

  it("is byte-identical for identical input, whatever the clock says", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2021-02-25T10:00:00Z"));
    const a = await rowsToXlsx(input);
    const plainA = await new ExcelJS.Workbook().xlsx.writeBuffer();
    vi.setSystemTime(new Date("2024-07-01T13:37:43Z"));
    const b = await rowsToXlsx(input);
    const plainB = await new ExcelJS.Workbook().xlsx.writeBuffer();
    vi.useRealTimers();
    // control: left alone, exceljs stamps the clock into the file
    expect(Buffer.from(plainA as unknown as Uint8Array).equals(Buffer.from(plainB as unknown as Uint8Array))).toBe(
      false,
    );
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(zh))).toBe(true);
    expect(wb.created.getTime()).toBe(XLSX_FIXED_DATE.getTime());
    expect(wb.modified.getTime()).toBe(XLSX_FIXED_DATE.getTime());
  });

  it("is byte-identical across real time, two calls two seconds apart (ZIP times have a 2 s resolution)", async () => {
    const a = await rowsToXlsx(input);
    await new Promise((r) => setTimeout(r, 2100));
    const b = await rowsToXlsx(input);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  let python = true;
  try {
    execFileSync("python3", ["-c", "import zipfile"], { stdio: "ignore" });
  } catch {
    python = false;
  }
  it.skipIf(!python)(
    "opens in an independent ZIP reader (Python's zipfile): CRCs check, entries dated 1980-01-01",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tuopin-xlsx-"));
      try {
        const file = join(dir, "r.xlsx");
        writeFileSync(file, zh);
        const script =
          "import sys, zipfile, json\nz = zipfile.ZipFile(sys.argv[1])\n" +
          "print(json.dumps({'bad': z.testzip(), 'dates': sorted({i.date_time for i in z.infolist()}), " +
          "'names': [i.filename for i in z.infolist()]}))";
        const out = JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }));
        expect(out.bad).toBeNull();
        expect(out.dates).toEqual([[1980, 1, 1, 0, 0, 0]]);
        expect(out.names).toContain("xl/worksheets/sheet1.xml");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("writes 50,000 tidy rows in reasonable time", async () => {
    const big: TidyRow[] = [];
    const stats = ["p10", "p50", "p90", "mean"] as const;
    for (let c = 0; big.length < 50_000; c++) {
      for (const metric of ["poor_people", "returns_people", "new_poor_people", "allocation", "incidence"]) {
        for (let year = 2016; year <= 2020; year++) {
          for (const stat of stats) {
            const unit = metric === "allocation" ? "yuan" : metric === "incidence" ? "/1" : "people";
            big.push({
              scenario: "anhui-2018-2020",
              mode: c % 2 ? "target" : "mechanistic",
              region: `34${String(c).padStart(4, "0")}`,
              year,
              metric,
              stat,
              value: (c * 7919 + year * 31 + stats.indexOf(stat)) / 7,
              unit,
            });
          }
        }
      }
    }
    const t0 = performance.now();
    const bytes = await rowsToXlsx({ rows: big, headlines, manifest });
    const ms = performance.now() - t0;
    console.log(
      `rowsToXlsx: ${big.length} tidy rows in ${Math.round(ms)} ms, ${(bytes.byteLength / 1e6).toFixed(1)} MB`,
    );
    const w = await load(bytes);
    expect(sheet(w, XLSX_SHEETS.tidy).rowCount).toBe(big.length + 1);
    expect(sheet(w, XLSX_SHEETS.results).rowCount).toBe(big.length / 5 + 1);
    // a guard against pathologically slow output, not a benchmark
    expect(ms).toBeLessThan(60_000);
  });
});
