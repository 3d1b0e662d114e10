/**
 * The household registry (建档立卡): households as a struct of typed arrays, one row per household or per
 * group of identical households (`weight` > 1). The same arrays serve a village, a county, a province or the
 * whole country; the engine's kernels loop over them without allocating.
 */

/** Main cause of poverty as registered (致贫原因), in the order of the national registration form. */
export const CAUSES = [
  "illness", // 因病
  "disability", // 因残
  "education", // 因学
  "disaster", // 因灾
  "lack_land", // 缺土地
  "lack_water", // 缺水
  "lack_technology", // 缺技术
  "lack_labour", // 缺劳力
  "lack_capital", // 缺资金
  "transport", // 交通条件落后
  "self_motivation", // 自身发展动力不足
  "other", // 其他
] as const;

/** 1 for the causes relocation (易地扶贫搬迁) answers: lack of land, of water, or of transport. */
export const RELOCATION_CAUSE = Uint8Array.from(CAUSES, (c) =>
  Number(c === "lack_land" || c === "lack_water" || c === "transport"),
);
export type Cause = (typeof CAUSES)[number];

/** Chinese names of the causes, as on the registration form (for import and charts). */
export const CAUSE_ZH: Record<Cause, string> = {
  illness: "因病",
  disability: "因残",
  education: "因学",
  disaster: "因灾",
  lack_land: "缺土地",
  lack_water: "缺水",
  lack_technology: "缺技术",
  lack_labour: "缺劳力",
  lack_capital: "缺资金",
  transport: "交通条件落后",
  self_motivation: "自身发展动力不足",
  other: "其他",
};

/** Household status. */
export const Status = { poor: 0, exited: 1, returned: 2, marginal: 3, nonpoor: 4 } as const;
export type StatusCode = (typeof Status)[keyof typeof Status];
export const STATUS_NAMES = ["poor", "exited", "returned", "marginal", "nonpoor"] as const;

/** Sentinel for "has not exited". */
export const NO_YEAR = 0;

/**
 * The registry. All arrays have length `n`. Incomes are yearly, per household, in yuan.
 * Villages and counties are indices into `villages` and `counties`.
 */
export interface Registry {
  n: number;
  /** Households this row stands for (> 0; generated registries scale it so that people add up exactly). */
  weight: Float64Array;
  /** People in the household. */
  size: Uint8Array;
  /** Working-age members able to work. */
  labourers: Uint8Array;
  /** 1 when every member is elderly. */
  elderlyOnly: Uint8Array;
  /** 1 when a member has a serious or chronic illness. */
  illness: Uint8Array;
  /** 1 when a member is disabled. */
  disability: Uint8Array;
  /** Children in school (compulsory age). */
  schoolChildren: Uint8Array;
  /** Index into CAUSES. */
  cause: Uint8Array;
  /** Yearly income by source, yuan per household. */
  incomeWage: Float32Array;
  incomeFarm: Float32Array;
  incomeTransfer: Float32Array;
  incomeProperty: Float32Array;
  /** The three guarantees and insurance: 1 when met. */
  housingSafe: Uint8Array;
  waterSafe: Uint8Array;
  insured: Uint8Array;
  /** Schooling guaranteed for the household's children (义务教育有保障); 1 when met or no children. */
  schooling: Uint8Array;
  /** 1 once relocated (易地扶贫搬迁). */
  relocated: Uint8Array;
  /** 1 once on the safety net (低保兜底): its top-up follows the floor every year after. */
  floored: Uint8Array;
  /** Index into `villages`. */
  village: Uint32Array;
  /** 1 when the household lives in a deeply impoverished county. */
  deep: Uint8Array;
  /** Status code (Status). */
  status: Uint8Array;
  /** Calendar year of the last exit, or NO_YEAR. */
  exitYear: Uint16Array;
  /** Calendar year industry support (a `slowReturn` measure) last reached the household, or NO_YEAR: its
   *  industry income is not yet stable in the years after (the longer transition, 000 §二(二)8). */
  industryYear: Uint16Array;
  villages: VillageTable;
  counties: CountyTable;
}

/** Villages: their county and the rural population behind their incidence. */
export interface VillageTable {
  n: number;
  /** Index into counties. */
  county: Uint32Array;
  /** Rural residents (all, poor or not): the denominator of incidence. */
  population: Float64Array;
  /** 1 for a registered poor village (贫困村). */
  poor: Uint8Array;
  /** 1 for a deeply impoverished village. */
  deep: Uint8Array;
  /** Calendar year the village exited (出列), or NO_YEAR. */
  exitYear: Uint16Array;
  /**
   * Collective operating income of each poor village before any PV station, yuan a year (村集体经营性收入;
   * 0 for the other-villages aggregates). Absent (an imported registry without it): the collective-income
   * exit condition is not checked. The year's income, stations included: `collectiveIncomes` (villages.ts).
   */
  collectiveIncome?: Float64Array;
}

/** Counties: ids (region ids where the data has them), flags, exit year. */
export interface CountyTable {
  n: number;
  ids: string[];
  names: string[];
  /** 1 for a registered poor county. */
  poor: Uint8Array;
  /** 1 for a deeply impoverished county. */
  deep: Uint8Array;
  /** 1 where the 3% (west) threshold applies. */
  west: Uint8Array;
  /** Rural residents of the county. */
  population: Float64Array;
  /** Calendar year the county exited (摘帽), or NO_YEAR. */
  exitYear: Uint16Array;
}

/** Allocates an empty registry of `n` rows (all zero, weight 1, status poor). */
export function allocateRegistry(
  n: number,
  villages: VillageTable,
  counties: CountyTable,
  options: { shared?: boolean } = {},
): Registry {
  // with `shared`, the arrays live in SharedArrayBuffers so that worker threads can step blocks of one registry
  const mk = <T>(C: { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }): T =>
    options.shared ? new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT)) : new C(n);
  return {
    n,
    weight: mk(Float64Array).fill(1),
    size: mk(Uint8Array),
    labourers: mk(Uint8Array),
    elderlyOnly: mk(Uint8Array),
    illness: mk(Uint8Array),
    disability: mk(Uint8Array),
    schoolChildren: mk(Uint8Array),
    cause: mk(Uint8Array),
    incomeWage: mk(Float32Array),
    incomeFarm: mk(Float32Array),
    incomeTransfer: mk(Float32Array),
    incomeProperty: mk(Float32Array),
    housingSafe: mk(Uint8Array),
    waterSafe: mk(Uint8Array),
    insured: mk(Uint8Array),
    schooling: mk(Uint8Array).fill(1),
    relocated: mk(Uint8Array),
    floored: mk(Uint8Array),
    village: mk(Uint32Array),
    deep: mk(Uint8Array),
    status: mk(Uint8Array),
    exitYear: mk(Uint16Array),
    industryYear: mk(Uint16Array),
    villages,
    counties,
  };
}

/** The per-household array fields, for copying and slicing. */
export const HOUSEHOLD_FIELDS = [
  "weight",
  "size",
  "labourers",
  "elderlyOnly",
  "illness",
  "disability",
  "schoolChildren",
  "cause",
  "incomeWage",
  "incomeFarm",
  "incomeTransfer",
  "incomeProperty",
  "housingSafe",
  "waterSafe",
  "insured",
  "schooling",
  "relocated",
  "floored",
  "village",
  "deep",
  "status",
  "exitYear",
  "industryYear",
] as const satisfies readonly (keyof Registry)[];

/** A deep copy (each replicate steps its own copy of the baseline registry). */
export function cloneRegistry(r: Registry): Registry {
  const out = { ...r } as Registry;
  for (const f of HOUSEHOLD_FIELDS) (out as unknown as Record<string, unknown>)[f] = (r[f] as Float32Array).slice();
  out.villages = { ...r.villages, exitYear: r.villages.exitYear.slice() };
  out.counties = { ...r.counties, exitYear: r.counties.exitYear.slice() };
  return out;
}

/** Per-capita income of household i. */
export function incomePerCapita(r: Registry, i: number): number {
  return (r.incomeWage[i] + r.incomeFarm[i] + r.incomeTransfer[i] + r.incomeProperty[i]) / r.size[i];
}
