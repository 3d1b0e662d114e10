import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importRegistryCsv, parseRegistryCsv, REGISTRY_COLUMNS } from "../../src/engine/importRegistry.js";
import { CAUSES, HOUSEHOLD_FIELDS, NO_YEAR, Status, type Registry } from "../../src/engine/registry.js";
import { ValidationError, type Problem } from "../../src/errors.js";
import { fixture, problems } from "../helpers.js";

const reg = (name: string, west?: boolean) =>
  importRegistryCsv(fixture("registry", name), west === undefined ? undefined : { west });

/** Every typed array and table of two registries, as plain arrays, for deep comparison. */
function plain(r: Registry): unknown {
  const rows = Object.fromEntries(HOUSEHOLD_FIELDS.map((f) => [f, Array.from(r[f])]));
  const table = (t: object) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v]));
  return { n: r.n, rows, villages: table(r.villages), counties: table(r.counties) };
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe("importRegistryCsv: headers and values in either language", () => {
  it("reads Chinese and English extracts of the same households into identical registries", () => {
    const zh = reg("zh.csv");
    const en = reg("en.csv");
    expect(zh.n).toBe(7);
    for (const f of HOUSEHOLD_FIELDS) {
      expect(zh[f].constructor).toBe(en[f].constructor);
      expect(zh[f], f).toEqual(en[f]);
    }
    expect(plain(zh)).toEqual(plain(en));
  });

  it("reads a mixed file (BOM, CRLF, comment, padded and full-width headers, units, order, empty last row)", () => {
    expect(plain(reg("mixed.csv"))).toEqual(plain(reg("en.csv")));
  });

  it("reads statuses, causes and yes/no values", () => {
    const r = reg("zh.csv");
    expect(Array.from(r.status)).toEqual([
      Status.exited,
      Status.poor,
      Status.returned,
      Status.marginal,
      Status.nonpoor,
      Status.exited,
      Status.poor,
    ]);
    expect(Array.from(r.cause, (c) => CAUSES[c])).toEqual([
      "illness",
      "disability",
      "education",
      "lack_technology",
      "other",
      "lack_capital",
      "transport",
    ]);
    expect(Array.from(r.elderlyOnly)).toEqual([0, 1, 0, 0, 1, 0, 0]);
    expect(Array.from(r.illness)).toEqual([1, 1, 0, 0, 1, 0, 0]);
    expect(Array.from(r.disability)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(r.housingSafe)).toEqual([1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(r.waterSafe)).toEqual([1, 1, 1, 0, 1, 1, 1]);
    expect(Array.from(r.insured)).toEqual([1, 1, 1, 1, 0, 1, 1]);
    expect(Array.from(r.exitYear)).toEqual([2018, NO_YEAR, 2017, NO_YEAR, NO_YEAR, 2019, NO_YEAR]);
    expect(Array.from(r.weight)).toEqual([1, 1, 3, 1, 2.5, 1, 2]);
    expect(Array.from(r.size)).toEqual([4, 2, 5, 3, 1, 6, 3]);
    expect(Array.from(r.labourers)).toEqual([2, 0, 3, 1, 0, 4, 2]);
    expect(Array.from(r.schoolChildren)).toEqual([1, 0, 2, 0, 0, 3, 1]);
    expect(Array.from(r.incomeWage)).toEqual([8000, 0, 12000, 5000, 0, 20000, 9000]);
    expect(Array.from(r.incomeProperty)).toEqual([0, 0, 300, 0, 0, 500, 0]);
  });

  it("applies the defaults when optional columns are absent", () => {
    const r = reg("minimal.csv");
    expect(r.n).toBe(2);
    expect(Array.from(r.size)).toEqual([4, 2]);
    for (const f of ["labourers", "elderlyOnly", "illness", "disability", "schoolChildren", "deep"] as const)
      expect(Array.from(r[f]), f).toEqual([0, 0]);
    for (const f of ["incomeWage", "incomeFarm", "incomeTransfer", "incomeProperty"] as const)
      expect(Array.from(r[f]), f).toEqual([0, 0]);
    for (const f of ["housingSafe", "waterSafe", "insured"] as const) expect(Array.from(r[f]), f).toEqual([1, 1]);
    expect(Array.from(r.cause)).toEqual([CAUSES.indexOf("other"), CAUSES.indexOf("other")]);
    expect(Array.from(r.status)).toEqual([Status.poor, Status.poor]);
    expect(Array.from(r.exitYear)).toEqual([NO_YEAR, NO_YEAR]);
    expect(Array.from(r.weight)).toEqual([1, 1]);
    expect(r.counties.deep[0]).toBe(0);
    expect(r.counties.west[0]).toBe(0);
  });

  it("applies the defaults to empty cells too", () => {
    const r = parseRegistryCsv(
      "county,village,size,cause,status,weight,insured,illness,income_farm,exit_year\nA,a,3,,,,,,,\n",
      "t.csv",
    );
    expect([r.cause[0], r.status[0], r.weight[0], r.insured[0], r.illness[0], r.incomeFarm[0], r.exitYear[0]]).toEqual([
      CAUSES.indexOf("other"),
      Status.poor,
      1,
      1,
      0,
      0,
      NO_YEAR,
    ]);
  });

  it("exports the alias table with the required columns", () => {
    expect(
      Object.entries(REGISTRY_COLUMNS)
        .filter(([, s]) => s.required)
        .map(([c]) => c),
    ).toEqual(["county", "village", "size"]);
    expect(REGISTRY_COLUMNS.county.aliases).toContain("县(市、区)");
    expect(REGISTRY_COLUMNS.weight.aliases).toEqual(["权重", "户数"]);
  });
});

describe("importRegistryCsv: villages and counties", () => {
  const r = reg("zh.csv", true);

  it("builds one county per name in first-appearance order, with flags", () => {
    const c = r.counties;
    expect(c.n).toBe(2);
    expect(c.ids).toEqual(["苍溪县", "旺苍县"]);
    expect(c.names).toEqual(["苍溪县", "旺苍县"]);
    expect(Array.from(c.poor)).toEqual([1, 1]);
    expect(Array.from(c.deep)).toEqual([1, 0]); // 苍溪县: deep on two rows of four
    expect(Array.from(c.west)).toEqual([1, 1]);
    expect(Array.from(c.exitYear)).toEqual([NO_YEAR, NO_YEAR]);
    expect(Array.from(reg("zh.csv").counties.west)).toEqual([0, 0]);
  });

  it("builds one village per (county, village) pair; the same name in two counties makes two villages", () => {
    const v = r.villages;
    expect(v.n).toBe(4);
    expect(Array.from(v.county)).toEqual([0, 0, 1, 1]);
    expect(Array.from(r.village)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect(Array.from(v.poor)).toEqual([1, 1, 1, 1]);
    expect(Array.from(v.deep)).toEqual([1, 1, 0, 0]);
    expect(Array.from(v.exitYear)).toEqual([0, 0, 0, 0]);
    // households inherit their county's deep flag, even on rows that said 否
    expect(Array.from(r.deep)).toEqual([1, 1, 1, 1, 0, 0, 0]);
  });

  it("sets populations to Σ size × weight, and they add up", () => {
    expect(Array.from(r.villages.population)).toEqual([4 + 2, 5 * 3 + 3, 1 * 2.5 + 6, 3 * 2]);
    expect(Array.from(r.counties.population)).toEqual([6 + 18, 8.5 + 6]);
    let people = 0;
    for (let i = 0; i < r.n; i++) people += r.size[i] * r.weight[i];
    expect(sum(r.villages.population)).toBe(people);
    expect(sum(r.counties.population)).toBe(people);
    for (let c = 0; c < r.counties.n; c++) {
      const own = Array.from(r.villages.population).filter((_, v) => r.villages.county[v] === c);
      expect(sum(own)).toBe(r.counties.population[c]);
    }
  });
});

describe("importRegistryCsv: problems", () => {
  it("reports every bad row of a broken extract in one ValidationError, with line and column", () => {
    let err: unknown;
    try {
      reg("broken.csv");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const p = (err as ValidationError).problems;
    const at = (x: Problem) => [x.line, x.column, x.path];
    const find = (re: RegExp) => {
      const hits = p.filter((x) => re.test(x.message.en));
      expect(hits, String(re)).toHaveLength(1);
      return hits[0];
    };
    expect(at(find(/unknown column "incme_property"; did you mean "income_property"/))).toEqual([
      1,
      73,
      "incme_property",
    ]);
    expect(at(find(/size（家庭人口） is 0, out of range; expected a whole number from 1 to 30/))).toEqual([
      3,
      9,
      "size",
    ]);
    expect(at(find(/size（家庭人口） is "three", not a whole number/))).toEqual([4, 9, "size"]);
    expect(at(find(/income_wage（工资性收入） is -500, negative/))).toEqual([5, 16, "income_wage"]);
    expect(at(find(/unknown cause of poverty "ilness"; did you mean "illness"/))).toEqual([6, 13, "cause"]);
    expect(at(find(/unknown status "exitted"; did you mean "exited"/))).toEqual([7, 23, "status"]);
    expect(at(find(/exit_year（脱贫年份） is "20x8"; expected a four-digit year/))).toEqual([8, 30, "exit_year"]);
    expect(at(find(/labourers（劳动力） is 5, more than the household size 2/))).toEqual([9, 11, "labourers"]);
    expect(at(find(/weight（权重） is "0"; expected a number above 0/))).toEqual([9, 29, "weight"]);
    expect(p).toHaveLength(9);
    for (const x of p) {
      expect(x.file).toMatch(/broken\.csv$/);
      expect(x.message.zh).not.toBe("");
    }
    // sorted by position
    expect(p.map((x) => x.line)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 9]);
    expect(find(/ilness/).message.zh).toMatch(/是否想写 "illness"/);
  });

  it("reports a missing required column on the header line, and still checks the rows", () => {
    const p = problems(() => reg("missing-column.csv"));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ line: 1, column: 1, path: "village" });
    expect(p[0].message.en).toMatch(
      /missing required column "village" \(accepted headers: village, 村, 行政村, 所属村\)/,
    );
    const q = problems(() => parseRegistryCsv("county,size\nA,0\n", "t.csv"));
    expect(q.map((x) => x.path)).toEqual(["village", "size"]);
  });

  it("reports an unknown Chinese column with a Chinese suggestion, and a duplicate column", () => {
    const p = problems(() => parseRegistryCsv("县,村,家庭人品,size,人口数\nA,a,1,2,3\n", "t.csv"));
    expect(p.map((x) => [x.line, x.column, x.path])).toEqual([
      [1, 5, "家庭人品"],
      [1, 15, "size"],
    ]);
    expect(p[0].message.zh).toMatch(/未知的列 "家庭人品"，是否想写 "家庭人口"？/);
    expect(p[1].message.en).toMatch(/column "人口数" repeats the earlier column "size"/);
  });

  it("an empty file and a header-only file have no households", () => {
    for (const f of ["empty.csv", "header-only.csv"]) {
      const p = problems(() => reg(f));
      expect(p, f).toHaveLength(1);
      expect(p[0].message.en).toMatch(/^no households/);
      expect(p[0].message.zh).toMatch(/^没有农户记录/);
    }
    expect(problems(() => parseRegistryCsv("\ufeff# only a comment\n\n", "t.csv"))[0].message.en).toMatch(
      /^no households/,
    );
  });

  it("a missing file is a ValidationError too", () => {
    expect(problems(() => importRegistryCsv(fixture("registry", "nowhere.csv")))[0].message.en).toMatch(
      /cannot read the file/,
    );
  });

  it("reports a status that contradicts the exit year, and empty names", () => {
    const p = problems(() =>
      parseRegistryCsv("county,village,size,status,exit_year\nA,a,3,未脱贫,2018\n ,a,3,,\n", "t.csv"),
    );
    expect(p.map((x) => [x.line, x.column, x.path])).toEqual([
      [2, 11, "exit_year"],
      [3, 1, "county"],
    ]);
  });

  it("reads a GB18030-encoded file (as Excel writes CSV in Chinese)", () => {
    const utf8 = readFileSync(fixture("registry", "zh.csv"), "utf8");
    const gb = readFileSync(fixture("registry", "zh-gb18030.csv"));
    expect(gb.equals(Buffer.from(utf8, "utf8"))).toBe(false);
    expect(plain(importRegistryCsv(fixture("registry", "zh-gb18030.csv")))).toEqual(plain(reg("zh.csv")));
  });
});

describe("importRegistryCsv: property", () => {
  const base = readFileSync(fixture("registry", "en.csv"), "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => l.split(","));
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const cellValue = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(
      "",
      " ",
      "0",
      "-1",
      "1.5",
      "31",
      "255",
      "256",
      "1e309",
      "NaN",
      "Infinity",
      "0x10",
      "是",
      "否",
      "因病",
      "返贫",
      "2100",
      "65536",
      "３",
      "__proto__",
      "constructor",
      "\ufeff",
      "\r\n",
      '"',
      ",",
    ),
    fc.integer().map(String),
    fc.double().map(String),
  );

  it("random cells in a valid extract give a consistent Registry or a ValidationError, nothing else", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            row: fc.nat(base.length - 1),
            col: fc.nat(base[0].length - 1),
            value: cellValue,
            quoted: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (edits) => {
          const rows = base.map((r) => r.slice());
          for (const e of edits) rows[e.row][e.col] = e.quoted ? quote(e.value) : e.value;
          const text = rows.map((r) => r.join(",")).join("\n") + "\n";
          let r: Registry;
          try {
            r = parseRegistryCsv(text, "fuzz.csv", { west: true });
          } catch (e) {
            if (!(e instanceof ValidationError)) throw e;
            expect(e.problems.length).toBeGreaterThan(0);
            for (const p of e.problems) {
              expect(p.file).toBe("fuzz.csv");
              expect(p.line).toBeGreaterThanOrEqual(0);
              expect(p.message.zh.length * p.message.en.length).toBeGreaterThan(0);
            }
            return;
          }
          for (const f of HOUSEHOLD_FIELDS) expect(r[f].length).toBe(r.n);
          let people = 0;
          for (let i = 0; i < r.n; i++) {
            expect(r.size[i]).toBeGreaterThanOrEqual(1);
            expect(r.size[i]).toBeLessThanOrEqual(30);
            expect(r.weight[i]).toBeGreaterThan(0);
            expect(
              Number.isFinite(
                r.weight[i] + r.incomeWage[i] + r.incomeFarm[i] + r.incomeTransfer[i] + r.incomeProperty[i],
              ),
            ).toBe(true);
            expect(r.village[i]).toBeLessThan(r.villages.n);
            people += r.size[i] * r.weight[i];
          }
          expect(sum(r.villages.population)).toBeCloseTo(people, 6);
          expect(sum(r.counties.population)).toBeCloseTo(people, 6);
        },
      ),
      { numRuns: 500, seed: 20240601 },
    );
  });

  it("random header cells give a Registry or a ValidationError, nothing else", () => {
    fc.assert(
      fc.property(fc.nat(base[0].length - 1), cellValue, (col, value) => {
        const rows = base.map((r) => r.slice());
        rows[0][col] = quote(value);
        try {
          parseRegistryCsv(rows.map((r) => r.join(",")).join("\n"), "fuzz.csv");
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
