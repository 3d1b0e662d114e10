/**
 * Importer of a household registry extract (建档立卡 extract) from CSV into the engine's `Registry`.
 *
 * One row per household, or per group of identical households (`weight`). Headers may be English, Chinese
 * or any mix (see REGISTRY_COLUMNS); a UTF-8 BOM, surrounding spaces, full-width characters, letter case and
 * `_`/`-`/space differences in English names are tolerated, and a trailing unit such as `(元)` is ignored.
 * A file that is not valid UTF-8 is decoded as GB18030 (what Excel in Chinese writes as "CSV").
 *
 * Every row is checked and every problem is reported together in one ValidationError, each with the file,
 * the cell's line and column, the canonical column name as `path`, and a bilingual message saying what was
 * found, what was expected and how to fix it. Rows whose cells are all empty (as spreadsheets leave at the
 * end) are skipped. Bad input never throws anything but ValidationError.
 *
 * Denominators: the extract holds registered households only (poor, exited, returned, marginal and the few
 * non-poor rows a registry carries), not every rural resident. A village's `population` is therefore set to
 * the people in its rows (Σ size × weight), the best denominator the extract offers; incidence computed
 * against it is an UPPER BOUND of the true incidence (for a village made only of poor rows it is 100%).
 * Replace `villages.population` / `counties.population` with census or statistical-yearbook figures when
 * you have them.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parseCsv, type Cell, type CsvTable } from "../data/csv.js";
import { didYouMean, ValidationError, type Problem } from "../errors.js";
import type { Bilingual } from "../messages.js";
import {
  allocateRegistry,
  CAUSE_ZH,
  CAUSES,
  NO_YEAR,
  Status,
  STATUS_NAMES,
  type Cause,
  type CountyTable,
  type Registry,
  type StatusCode,
  type VillageTable,
} from "./registry.js";

/** Specification of one column of the extract: whether it is required and its accepted header names. */
export interface RegistryColumnSpec {
  required: boolean;
  /** Header names accepted besides the canonical (English) name. */
  aliases: readonly string[];
}

/**
 * Columns of a registry extract, by canonical (English) name, with the Chinese and other header names
 * accepted for each. Header matching ignores case, spaces, `_` and `-`, full/half-width forms and a trailing
 * unit in parentheses (`工资性收入(元)`); registry field names such as `schoolChildren` match too.
 */
export const REGISTRY_COLUMNS = {
  county: { required: true, aliases: ["县", "县(市、区)", "所属县"] },
  village: { required: true, aliases: ["村", "行政村", "所属村"] },
  size: { required: true, aliases: ["家庭人口", "家庭人口数", "人口数"] },
  labourers: { required: false, aliases: ["劳动力", "劳动力人数"] },
  elderly_only: { required: false, aliases: ["纯老户"] },
  illness: { required: false, aliases: ["患病", "大病慢病"] },
  disability: { required: false, aliases: ["残疾"] },
  school_children: { required: false, aliases: ["在校生", "在校生人数"] },
  cause: { required: false, aliases: ["主要致贫原因", "致贫原因"] },
  income_wage: { required: false, aliases: ["工资性收入"] },
  income_farm: { required: false, aliases: ["生产经营性收入"] },
  income_transfer: { required: false, aliases: ["转移性收入"] },
  income_property: { required: false, aliases: ["财产性收入"] },
  housing_safe: { required: false, aliases: ["住房安全"] },
  water_safe: { required: false, aliases: ["饮水安全"] },
  insured: { required: false, aliases: ["参加医保"] },
  deep: { required: false, aliases: ["深度贫困县"] },
  status: { required: false, aliases: ["贫困户状态", "状态"] },
  exit_year: { required: false, aliases: ["脱贫年份"] },
  weight: { required: false, aliases: ["权重", "户数"] },
} as const satisfies Record<string, RegistryColumnSpec>;

export type RegistryColumn = keyof typeof REGISTRY_COLUMNS;

export interface ImportRegistryOptions {
  /** Counties of the extract lie in the west (3% incidence exit threshold). Default false. */
  west?: boolean;
}

/** Largest household size accepted. */
export const MAX_HOUSEHOLD_SIZE = 30;
/** Plausible range of an exit year. */
export const EXIT_YEAR_RANGE = [1980, 2100] as const;
/** At most this many problems are listed; the rest are counted in one closing problem. */
export const MAX_LISTED_PROBLEMS = 1000;

const COLUMN_NAMES = Object.keys(REGISTRY_COLUMNS) as RegistryColumn[];
const COLUMN_INDEX = new Map<RegistryColumn, number>(COLUMN_NAMES.map((c, k) => [c, k]));
/** Chinese display name of each column (its first alias). */
const ZH_NAME = new Map<RegistryColumn, string>(COLUMN_NAMES.map((c) => [c, REGISTRY_COLUMNS[c].aliases[0]]));
/** Every accepted header name, for did-you-mean. */
const ALL_HEADER_NAMES: string[] = COLUMN_NAMES.flatMap((c) => [c, ...REGISTRY_COLUMNS[c].aliases]);

/** Header key: NFKC, no BOM, lower case, without spaces, `_` and `-`. */
function headerKey(s: string): string {
  return s
    .replace(/\uFEFF/g, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
}
const HEADER_LOOKUP = new Map<string, RegistryColumn>();
for (const c of COLUMN_NAMES) for (const a of [c, ...REGISTRY_COLUMNS[c].aliases]) HEADER_LOOKUP.set(headerKey(a), c);

function columnOf(header: string): RegistryColumn | undefined {
  const k = headerKey(header);
  return HEADER_LOOKUP.get(k) ?? HEADER_LOOKUP.get(k.replace(/\((元|人|户|年|元\/年|元\/户|人数)\)$/, ""));
}

/** NFKC (full-width digits and letters to ASCII), skipped for ASCII text. */
function nfkc(s: string): string {
  // eslint-disable-next-line no-control-regex -- any character outside ASCII
  return /[^\x00-\x7f]/.test(s) ? s.normalize("NFKC") : s;
}

/** Value key: NFKC, trimmed, lower case, inner runs of space or `-` as `_` (memoised: values repeat). */
function valueKey(s: string): string {
  let k = VALUE_KEYS.get(s);
  if (k === undefined) {
    k = nfkc(s)
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    if (VALUE_KEYS.size > 4096) VALUE_KEYS.clear();
    VALUE_KEYS.set(s, k);
  }
  return k;
}
const VALUE_KEYS = new Map<string, string>();

const YES_NO = new Map<string, 0 | 1>([
  ["1", 1],
  ["0", 0],
  ["是", 1],
  ["否", 0],
  ["有", 1],
  ["无", 0],
  ["yes", 1],
  ["no", 0],
  ["y", 1],
  ["n", 0],
  ["true", 1],
  ["false", 0],
]);

const CAUSE_LOOKUP = new Map<string, number>();
CAUSES.forEach((c, i) => {
  CAUSE_LOOKUP.set(c, i);
  CAUSE_LOOKUP.set(CAUSE_ZH[c], i);
  CAUSE_LOOKUP.set(`${CAUSE_ZH[c]}致贫`, i);
});
CAUSE_LOOKUP.set("lack_labor", CAUSES.indexOf("lack_labour"));
const CAUSE_NAMES: string[] = CAUSES.flatMap((c: Cause) => [c, CAUSE_ZH[c]]);

/** Chinese names of the statuses, in STATUS_NAMES order. */
export const STATUS_ZH = ["未脱贫", "已脱贫", "返贫", "边缘户", "非贫困户"] as const;
const STATUS_LOOKUP = new Map<string, StatusCode>();
STATUS_NAMES.forEach((s, i) => {
  STATUS_LOOKUP.set(s, Status[s]);
  STATUS_LOOKUP.set(STATUS_ZH[i], Status[s]);
});
for (const [k, s] of [
  ["non_poor", "nonpoor"],
  ["脱贫", "exited"],
  ["返贫户", "returned"],
  ["非贫困", "nonpoor"],
  ["贫困", "poor"],
] as const) {
  STATUS_LOOKUP.set(k, Status[s]);
}
const STATUS_ALL: string[] = STATUS_NAMES.flatMap((s, i) => [s, STATUS_ZH[i]]);

/**
 * Reads a registry extract from a CSV file. Throws ValidationError listing every problem (bad cells with
 * line and column, unknown or duplicate columns, missing required columns, an unreadable or empty file).
 */
export function importRegistryCsv(path: string, options: ImportRegistryOptions = {}): Registry {
  const file = relative(process.cwd(), path) || path;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ValidationError([
      problem(file, 0, 0, "", {
        zh: `无法读取文件：${reason}；请检查路径和权限`,
        en: `cannot read the file: ${reason}; check the path and its permissions`,
      }),
    ]);
  }
  return parseRegistryCsv(decode(bytes), file, options);
}

/** UTF-8 (BOM allowed), or GB18030 when the bytes are not valid UTF-8. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** As importRegistryCsv, from the text of the file; `file` names it in problems. */
export function parseRegistryCsv(text: string, file: string, options: ImportRegistryOptions = {}): Registry {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // nothing but blank and comment lines
  if (!/^(?!#).*\S/m.test(text)) throw new ValidationError([noHouseholds(file)]);
  const t = parseCsv(text, file);
  const problems = new Problems();
  const where = mapHeader(t, problems);
  const rows = t.rows.filter((r) => !isBlank(r.cells, t.header));
  if (rows.length === 0) {
    problems.add(noHouseholds(file));
    throw problems.error();
  }
  const reg = allocateRegistry(rows.length, emptyVillages(), emptyCounties());
  const places = new Places(rows.length);
  const mapped = COLUMN_NAMES.map((c) => where.get(c));
  rows.forEach((row, i) => {
    // the cells of the mapped columns, by canonical column (parseCsv gave every row all header fields)
    const cells = mapped.map((h) => (h === undefined ? undefined : own(row.cells, h)));
    const ctx: RowContext = { file, line: row.line, problems, cellOf: (c) => cells[COLUMN_INDEX.get(c)!] };
    const h = readHousehold(ctx);
    checkHousehold(ctx, h);
    places.add(i, h.county, h.village, h.deep === 1);
    storeHousehold(reg, i, h);
  });
  if (problems.count > 0) throw problems.error();
  places.attach(reg, options.west ?? false);
  return reg;
}

// ---------------------------------------------------------------------------------------------------------
// header

/** Canonical column → its header text (as the rows are keyed); reports unknown, duplicate and missing columns. */
function mapHeader(t: CsvTable, problems: Problems): Map<RegistryColumn, string> {
  const where = new Map<RegistryColumn, string>();
  t.header.forEach((h, k) => {
    const at = t.headerCells[k];
    if (h === "") {
      // a nameless column (a trailing comma) is harmless while it stays empty
      if (t.rows.some((r) => (own(r.cells, "")?.text.trim() ?? "") !== "")) problems.add(namelessColumn(t.file, at, k));
      return;
    }
    const c = columnOf(h);
    if (c === undefined) problems.add(unknownColumn(t.file, at, h));
    else if (where.has(c) || t.header.indexOf(h) !== k) {
      problems.add(
        problem(t.file, at.line, at.column, c, {
          zh: `列 "${h}" 与前面的列 "${where.get(c) ?? h}" 重复（都是 ${c}）；请只保留一列`,
          en: `column "${h}" repeats the earlier column "${where.get(c) ?? h}" (both are ${c}); keep only one`,
        }),
      );
    } else where.set(c, h);
  });
  for (const c of COLUMN_NAMES) {
    if (!REGISTRY_COLUMNS[c].required || where.has(c)) continue;
    const names = [c, ...REGISTRY_COLUMNS[c].aliases];
    problems.add(
      problem(t.file, t.headerLine, 1, c, {
        zh: `缺少必填列 ${ZH_NAME.get(c)}（可写作 ${names.join("、")}）；请在表头加入该列`,
        en: `missing required column "${c}" (accepted headers: ${names.join(", ")}); add it to the header row`,
      }),
    );
  }
  return where;
}

function namelessColumn(file: string, at: Cell, k: number): Problem {
  return problem(file, at.line, at.column, "", {
    zh: `第 ${k + 1} 列没有列名但有数据；请填写列名或删除该列`,
    en: `column ${k + 1} has no name in the header but holds values; name it or delete it`,
  });
}

function unknownColumn(file: string, at: Cell, h: string): Problem {
  const s = didYouMean(h.normalize("NFKC").trim(), ALL_HEADER_NAMES);
  return problem(file, at.line, at.column, h, {
    zh:
      `未知的列 "${h}"` +
      (s ? `，是否想写 "${s}"？` : `；可用的列：${COLUMN_NAMES.map((x) => ZH_NAME.get(x)).join("、")}。`) +
      "请改正列名，或删除不需要导入的列",
    en:
      `unknown column "${h}"` +
      (s ? `; did you mean "${s}"?` : `; known columns: ${COLUMN_NAMES.join(", ")}.`) +
      " Rename it, or delete it if it is not part of the extract",
  });
}

// ---------------------------------------------------------------------------------------------------------
// rows

/** One row's values, undefined where a cell is bad (already reported). */
type Household = ReturnType<typeof readHousehold>;

/** Reads every cell of a row, in column order, reporting each bad one. */
function readHousehold(ctx: RowContext) {
  return {
    county: readName(ctx, "county"),
    village: readName(ctx, "village"),
    size: readInt(ctx, "size", 1, MAX_HOUSEHOLD_SIZE, undefined, "人", "people"),
    labourers: readInt(ctx, "labourers", 0, MAX_HOUSEHOLD_SIZE, 0, "人", "people"),
    school: readInt(ctx, "school_children", 0, MAX_HOUSEHOLD_SIZE, 0, "人", "children"),
    elderly: readFlag(ctx, "elderly_only", 0),
    illness: readFlag(ctx, "illness", 0),
    disability: readFlag(ctx, "disability", 0),
    cause: readEnum(
      ctx,
      "cause",
      CAUSE_LOOKUP,
      CAUSE_NAMES,
      CAUSES.indexOf("other"),
      "主要致贫原因",
      "cause of poverty",
    ),
    wage: readMoney(ctx, "income_wage"),
    farm: readMoney(ctx, "income_farm"),
    transfer: readMoney(ctx, "income_transfer"),
    property: readMoney(ctx, "income_property"),
    housing: readFlag(ctx, "housing_safe", 1),
    water: readFlag(ctx, "water_safe", 1),
    insured: readFlag(ctx, "insured", 1),
    deep: readFlag(ctx, "deep", 0),
    status: readEnum(ctx, "status", STATUS_LOOKUP, STATUS_ALL, Status.poor, "贫困户状态", "status"),
    exitYear: readYear(ctx, "exit_year"),
    weight: readWeight(ctx, "weight"),
  };
}

/** Consistency between the cells of a row: no more labourers or pupils than people; no exit year while poor. */
function checkHousehold(ctx: RowContext, h: Household): void {
  if (h.size !== undefined) {
    for (const [c, v] of [
      ["labourers", h.labourers],
      ["school_children", h.school],
    ] as const) {
      if (v === undefined || v <= h.size) continue;
      bad(ctx, c, ctx.cellOf(c)!, {
        zh: `${label(c)} 为 ${v}，多于家庭人口 ${h.size}；应不超过家庭人口，请核对两者`,
        en: `${label(c)} is ${v}, more than the household size ${h.size}; it cannot exceed the size, check both`,
      });
    }
  }
  if (h.status === Status.poor && h.exitYear !== undefined && h.exitYear !== NO_YEAR) {
    bad(ctx, "exit_year", ctx.cellOf("exit_year")!, {
      zh: `状态为未脱贫，却有脱贫年份 ${h.exitYear}；请清空脱贫年份，或把状态改为已脱贫/返贫`,
      en:
        `status is poor but exit year is ${h.exitYear}; ` +
        "clear the exit year, or set the status to exited or returned",
    });
  }
}

/** Row `i` of the registry from a household's values, the defaults where a value is missing. */
function storeHousehold(reg: Registry, i: number, h: Household): void {
  reg.weight[i] = h.weight ?? 1;
  reg.size[i] = h.size ?? 0;
  reg.labourers[i] = h.labourers ?? 0;
  reg.elderlyOnly[i] = h.elderly ?? 0;
  reg.illness[i] = h.illness ?? 0;
  reg.disability[i] = h.disability ?? 0;
  reg.schoolChildren[i] = h.school ?? 0;
  reg.cause[i] = h.cause ?? 0;
  reg.incomeWage[i] = h.wage ?? 0;
  reg.incomeFarm[i] = h.farm ?? 0;
  reg.incomeTransfer[i] = h.transfer ?? 0;
  reg.incomeProperty[i] = h.property ?? 0;
  reg.housingSafe[i] = h.housing ?? 1;
  reg.waterSafe[i] = h.water ?? 1;
  reg.insured[i] = h.insured ?? 1;
  reg.status[i] = h.status ?? Status.poor;
  reg.exitYear[i] = h.exitYear ?? NO_YEAR;
}

// ---------------------------------------------------------------------------------------------------------
// villages and counties

/** The counties (by name, in first-appearance order) and villages (by county and name) the rows name. */
class Places {
  private readonly countyIndex = new Map<string, number>();
  private readonly countyNames: string[] = [];
  private readonly countyDeep: number[] = [];
  private readonly villageIndex = new Map<string, number>();
  private readonly villageCounty: number[] = [];
  private readonly villageOfRow: Int32Array;

  constructor(rows: number) {
    this.villageOfRow = new Int32Array(rows).fill(-1);
  }

  /** Row `i` lies in `village` of `county`; a deep row makes its county deep. */
  add(i: number, county: string | undefined, village: string | undefined, deep: boolean): void {
    if (county === undefined) return;
    let ci = this.countyIndex.get(county);
    if (ci === undefined) {
      ci = this.countyNames.length;
      this.countyIndex.set(county, ci);
      this.countyNames.push(county);
      this.countyDeep.push(0);
    }
    if (deep) this.countyDeep[ci] = 1;
    if (village === undefined) return;
    const key = `${county}\u0000${village}`;
    let vi = this.villageIndex.get(key);
    if (vi === undefined) {
      vi = this.villageCounty.length;
      this.villageIndex.set(key, vi);
      this.villageCounty.push(ci);
    }
    this.villageOfRow[i] = vi;
  }

  /** Sets the registry's village of each row, its villages and counties, their populations from the rows. */
  attach(reg: Registry, west: boolean): void {
    const villages = this.villages();
    for (let i = 0; i < reg.n; i++) {
      const v = this.villageOfRow[i];
      reg.village[i] = v;
      reg.deep[i] = villages.deep[v];
      // the stored (float32) weight, so that Σ size × weight over rows equals the populations exactly
      villages.population[v] += reg.size[i] * reg.weight[i];
    }
    const nc = this.countyNames.length;
    const counties: CountyTable = {
      n: nc,
      ids: this.countyNames.slice(),
      names: this.countyNames.slice(),
      poor: new Uint8Array(nc).fill(1),
      deep: Uint8Array.from(this.countyDeep),
      west: new Uint8Array(nc).fill(west ? 1 : 0),
      population: new Float64Array(nc),
      exitYear: new Uint16Array(nc).fill(NO_YEAR),
    };
    for (let v = 0; v < villages.n; v++) counties.population[villages.county[v]] += villages.population[v];
    reg.villages = villages;
    reg.counties = counties;
  }

  /** Every village poor and not yet exited, deep where its county is. */
  private villages(): VillageTable {
    const nv = this.villageCounty.length;
    const villages: VillageTable = {
      n: nv,
      county: Uint32Array.from(this.villageCounty),
      population: new Float64Array(nv),
      poor: new Uint8Array(nv).fill(1),
      deep: new Uint8Array(nv),
      exitYear: new Uint16Array(nv).fill(NO_YEAR),
    };
    for (let v = 0; v < nv; v++) villages.deep[v] = this.countyDeep[this.villageCounty[v]];
    return villages;
  }
}

// ---------------------------------------------------------------------------------------------------------
// problems

function problem(file: string, line: number, column: number, path: string, message: Bilingual): Problem {
  return { file, line, column, path, message };
}

function noHouseholds(file: string): Problem {
  return problem(file, 0, 0, "", {
    zh: "没有农户记录：文件为空或只有表头；请在表头下方每户填写一行",
    en: "no households: the file is empty or has only a header row; add one row per household below the header",
  });
}

/** Collects problems, listing at most MAX_LISTED_PROBLEMS and counting the rest by column. */
class Problems {
  readonly listed: Problem[] = [];
  private readonly omitted = new Map<string, number>();
  private file = "";
  count = 0;
  add(p: Problem): void {
    this.count++;
    this.file = p.file;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(p);
    else this.omitted.set(p.path, (this.omitted.get(p.path) ?? 0) + 1);
  }
  error(): ValidationError {
    const out = this.listed.slice().sort((a, b) => a.line - b.line || a.column - b.column);
    const more = this.count - this.listed.length;
    if (more > 0) {
      const by = [...this.omitted].map(([k, v]) => `${k || "?"}: ${v}`).join(", ");
      out.push(
        problem(this.file, 0, 0, "", {
          zh: `另有 ${more} 处错误未列出（按列：${by}）；请先改正以上错误后重新导入`,
          en: `${more} more problems are not listed (by column: ${by}); fix the ones above and import again`,
        }),
      );
    }
    return new ValidationError(out);
  }
}

// ---------------------------------------------------------------------------------------------------------
// cells

interface RowContext {
  file: string;
  line: number;
  problems: Problems;
  cellOf(c: RegistryColumn): Cell | undefined;
}

/** How a column is named in messages: `size`（家庭人口）. */
function label(c: RegistryColumn): string {
  return `${c}（${ZH_NAME.get(c)}）`;
}

function bad(ctx: RowContext, c: RegistryColumn, cell: Cell, message: Bilingual): undefined {
  ctx.problems.add(problem(ctx.file, cell.line, cell.column, c, message));
  return undefined;
}

/** The cell's text trimmed, or undefined when the column is absent or the cell empty. */
function textOf(ctx: RowContext, c: RegistryColumn): { cell: Cell; text: string } | undefined {
  const cell = ctx.cellOf(c);
  if (cell === undefined) return undefined;
  const text = cell.text.trim();
  return text === "" ? undefined : { cell, text };
}

/** A quoted, shortened rendering of what was found. */
function shown(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return JSON.stringify(one.length > 40 ? `${one.slice(0, 40)}…` : one);
}

function readName(ctx: RowContext, c: "county" | "village"): string | undefined {
  const cell = ctx.cellOf(c);
  if (cell === undefined) return undefined; // missing column, reported once on the header
  const name = cell.text.trim().replace(/\s+/g, " ");
  if (name === "") {
    const what = c === "county" ? { zh: "县名", en: "county name" } : { zh: "村名", en: "village name" };
    return bad(ctx, c, cell, {
      zh: `${label(c)} 为空；每户都应填写${what.zh}`,
      en: `${label(c)} is empty; every household needs its ${what.en}`,
    });
  }
  return name;
}

function readInt(
  ctx: RowContext,
  c: RegistryColumn,
  min: number,
  max: number,
  dflt: number | undefined,
  unitZh: string,
  unitEn: string,
): number | undefined {
  const v = textOf(ctx, c);
  const expected = { zh: `${min}–${max} 的整数（${unitZh}）`, en: `a whole number from ${min} to ${max} (${unitEn})` };
  if (v === undefined) {
    const cell = ctx.cellOf(c);
    if (dflt === undefined && cell !== undefined) {
      return bad(ctx, c, cell, {
        zh: `${label(c)} 为空；应为${expected.zh}，请填写`,
        en: `${label(c)} is empty; expected ${expected.en}; fill it in`,
      });
    }
    return dflt;
  }
  const s = nfkc(v.text)
    .replace(/(人|名|个)$/, "")
    .trim();
  if (!/^\+?\d+(\.0+)?$/.test(s)) {
    return bad(ctx, c, v.cell, {
      zh: `${label(c)} 为 ${shown(v.text)}，不是整数；应为${expected.zh}，请用阿拉伯数字填写`,
      en: `${label(c)} is ${shown(v.text)}, not a whole number; expected ${expected.en}; write it in digits`,
    });
  }
  const x = Number(s);
  if (x < min || x > max) {
    return bad(ctx, c, v.cell, {
      zh: `${label(c)} 为 ${x}，超出范围；应为${expected.zh}，请核对`,
      en: `${label(c)} is ${x}, out of range; expected ${expected.en}; check the value`,
    });
  }
  return x;
}

function readFlag(ctx: RowContext, c: RegistryColumn, dflt: 0 | 1): 0 | 1 | undefined {
  const v = textOf(ctx, c);
  if (v === undefined) return dflt;
  const x = YES_NO.get(valueKey(v.text));
  if (x === undefined) {
    return bad(ctx, c, v.cell, {
      zh: `${label(c)} 为 ${shown(v.text)}；应为 1/0 或 是/否（留空取 ${dflt}），请改正`,
      en: `${label(c)} is ${shown(v.text)}; expected 1/0, yes/no or 是/否 (empty means ${dflt}); correct it`,
    });
  }
  return x;
}

function readEnum<T extends number>(
  ctx: RowContext,
  c: RegistryColumn,
  lookup: Map<string, T>,
  names: string[],
  dflt: T,
  whatZh: string,
  whatEn: string,
): T | undefined {
  const v = textOf(ctx, c);
  if (v === undefined) return dflt;
  const x = lookup.get(valueKey(v.text));
  if (x === undefined) {
    const s = didYouMean(v.text.normalize("NFKC").trim(), names);
    const english = names.filter((_, k) => k % 2 === 0);
    const chinese = names.filter((_, k) => k % 2 === 1);
    return bad(ctx, c, v.cell, {
      zh:
        `未知的${whatZh} ${shown(v.text)}` +
        (s ? `，是否想写 "${s}"？` : "") +
        `应为 ${chinese.join("、")}（或英文 ${english.join("、")}），请改正`,
      en:
        `unknown ${whatEn} ${shown(v.text)}` +
        (s ? `; did you mean "${s}"?` : "") +
        ` Expected one of ${english.join(", ")} (or in Chinese ${chinese.join(", ")}); correct it`,
    });
  }
  return x;
}

/** A decimal number (digits, optional sign, decimals, exponent, thousands separators), or undefined. */
function parseNumber(text: string): number | undefined {
  let s = nfkc(text).trim().replace(/\s+/g, "");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const x = Number(s);
  return Number.isFinite(x) && Number.isFinite(Math.fround(x)) ? x : undefined;
}

function readMoney(ctx: RowContext, c: RegistryColumn): number | undefined {
  const v = textOf(ctx, c);
  if (v === undefined) return 0;
  const x = parseNumber(v.text.replace(/元$/, ""));
  if (x === undefined) {
    return bad(ctx, c, v.cell, {
      zh: `${label(c)} 为 ${shown(v.text)}，不是数值；应为该户全年收入（元，≥ 0），请只填写数字`,
      en:
        `${label(c)} is ${shown(v.text)}, not a number; ` +
        "expected the household's yearly income in yuan (≥ 0); write digits only",
    });
  }
  if (x < 0) {
    return bad(ctx, c, v.cell, {
      zh: `${label(c)} 为 ${x}，是负数；收入应 ≥ 0（元/户/年），经营亏损请记为 0 并核对`,
      en:
        `${label(c)} is ${x}, negative; income must be ≥ 0 (yuan per household per year); ` +
        "record a loss as 0 and check the value",
    });
  }
  return x;
}

function readWeight(ctx: RowContext, c: RegistryColumn): number | undefined {
  const v = textOf(ctx, c);
  if (v === undefined) return 1;
  const x = parseNumber(v.text);
  if (x === undefined || !(Math.fround(x) > 0)) {
    return bad(ctx, c, v.cell, {
      zh: `${label(c)} 为 ${shown(v.text)}；应为大于 0 的数（此行代表的户数，留空取 1），请改正`,
      en:
        `${label(c)} is ${shown(v.text)}; ` +
        "expected a number above 0 (households this row stands for; empty means 1); correct it",
    });
  }
  return x;
}

function readYear(ctx: RowContext, c: RegistryColumn): number | undefined {
  const v = textOf(ctx, c);
  if (v === undefined) return NO_YEAR;
  const s = nfkc(v.text).trim().replace(/年$/, "");
  const [lo, hi] = EXIT_YEAR_RANGE;
  if (!/^\d{4}(\.0+)?$/.test(s) || Number(s) < lo || Number(s) > hi) {
    return bad(ctx, c, v.cell, {
      zh: `${label(c)} 为 ${shown(v.text)}；应为 ${lo}–${hi} 的四位年份（如 2018），未脱贫请留空`,
      en:
        `${label(c)} is ${shown(v.text)}; expected a four-digit year from ${lo} to ${hi} (e.g. 2018), ` +
        "or empty if the household has not exited",
    });
  }
  return Number(s);
}

// ---------------------------------------------------------------------------------------------------------
// helpers

/** A row whose cells are all empty, as spreadsheets leave at the end. */
function isBlank(cells: Record<string, Cell>, header: readonly string[]): boolean {
  for (const h of header) if ((own(cells, h)?.text.trim() ?? "") !== "") return false;
  return true;
}

function own(cells: Record<string, Cell>, key: string): Cell | undefined {
  return Object.hasOwn(cells, key) ? cells[key] : undefined;
}

function emptyVillages(): VillageTable {
  return {
    n: 0,
    county: new Uint32Array(0),
    population: new Float64Array(0),
    poor: new Uint8Array(0),
    deep: new Uint8Array(0),
    exitYear: new Uint16Array(0),
  };
}

function emptyCounties(): CountyTable {
  return {
    n: 0,
    ids: [],
    names: [],
    poor: new Uint8Array(0),
    deep: new Uint8Array(0),
    west: new Uint8Array(0),
    population: new Float64Array(0),
    exitYear: new Uint16Array(0),
  };
}
