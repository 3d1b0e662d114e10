/**
 * The model's tables: the household flags, the random draws, the guarantees, the measures and the shocks.
 * Each is defined here once; the yearly step (src/engine/step.ts), the money a measure needs
 * (src/funds/measures.ts, src/funds/allocate.ts), the effects the optimiser uses (src/funds/effects.ts),
 * the closed-form hazard (src/risk/hazard.ts) and the reports read them from here.
 */
import { RELOCATION_CAUSE, type Registry } from "../engine/registry.js";

/**
 * The household exit standard's income test (一超过): income per person at or above the year's line. Incomes
 * are kept to the fen: within `LINE_TOLERANCE` yuan per person of the line counts as at it (the registry
 * stores incomes in float32, whose resolution at 10^4–10^5 yuan is 0.001–0.008 yuan, so a household topped
 * up to exactly the line by the safety net must not miss it by a rounding). Below the line (a fall) is the
 * complement.
 */
export const LINE_TOLERANCE = 0.01;
export function atOrAboveLine(incomePerPerson: number, line: number): boolean {
  return incomePerPerson >= line - LINE_TOLERANCE;
}

/**
 * Household flags, one bit each, computed once per household-year (`householdFlags`): what a measure's
 * eligibility asks of a household. A measure reaches a household that has every flag of its mask.
 */
export const Flag = {
  /** A working-age member able to work. */
  labour: 1 << 0,
  /** No member able to work. */
  noLabour: 1 << 1,
  /** Not yet relocated, and poor for lack of land, water or transport (the causes relocation answers). */
  relocationCause: 1 << 2,
  housingUnsafe: 1 << 3,
  waterUnsafe: 1 << 4,
  uninsured: 1 << 5,
  /** Children of compulsory school age. */
  schoolChildren: 1 << 6,
  schoolingUnmet: 1 << 7,
} as const;
export type FlagName = keyof typeof Flag;

/** The registry columns the flags read. A hot loop passes `flagColumns(reg)`, one record of one shape, so
 *  that registries of different shapes (generated, cloned, imported) do not make the loop polymorphic. */
export type FlagColumns = Pick<
  Registry,
  "labourers" | "relocated" | "cause" | "housingSafe" | "waterSafe" | "insured" | "schoolChildren" | "schooling"
>;

/** The columns `householdFlags` reads, as a record of fixed shape. */
export function flagColumns(reg: Registry): FlagColumns {
  const { labourers, relocated, cause, housingSafe, waterSafe, insured, schoolChildren, schooling } = reg;
  return { labourers, relocated, cause, housingSafe, waterSafe, insured, schoolChildren, schooling };
}

/** The flags of household i at this moment of the year (see `Flag`). */
export function householdFlags(reg: FlagColumns, i: number): number {
  // arithmetic on 0/1 values, not branches: the step calls this for every household it reaches, and branches
  // on these near-random flags mispredict
  const lab = +(reg.labourers[i] > 0);
  return (
    lab * Flag.labour +
    (1 - lab) * Flag.noLabour +
    ((1 - reg.relocated[i]) & RELOCATION_CAUSE[reg.cause[i]]) * Flag.relocationCause +
    (1 - reg.housingSafe[i]) * Flag.housingUnsafe +
    (1 - reg.waterSafe[i]) * Flag.waterUnsafe +
    (1 - reg.insured[i]) * Flag.uninsured +
    +(reg.schoolChildren[i] > 0) * Flag.schoolChildren +
    (1 - reg.schooling[i]) * Flag.schoolingUnmet
  );
}

/**
 * The random draws of a household-year: every household takes the same DRAWS 32-bit outputs of its block's
 * xoshiro128** stream a year, whatever happens (so paired runs keep common random numbers). Each output
 * gives two 16-bit uniforms, its high and low halves; a draw is one of them. The growth noise takes the top
 * 12 bits of output 0 (an index into the normal table). The layout is part of the numbers: changing it
 * changes every run.
 */
export const DRAW = {
  growth: { output: 0, half: "high" },
  industry: { output: 0, half: "low" },
  /** employment for households with labour, the safety net for those without (disjoint, one draw) */
  employment: { output: 1, half: "high" },
  housing: { output: 1, half: "low" },
  water: { output: 2, half: "high" },
  insurance: { output: 2, half: "low" },
  illness: { output: 3, half: "high" },
  disaster: { output: 3, half: "low" },
  epidemic: { output: 4, half: "high" },
  /** the transition period's or monitoring's catch, and whether an uncaught fall lasts */
  protection: { output: 4, half: "low" },
  relocation: { output: 5, half: "high" },
  ecology: { output: 5, half: "low" },
  schooling: { output: 6, half: "high" },
  education: { output: 6, half: "low" },
} as const satisfies Record<string, { output: number; half: "high" | "low" }>;
export type DrawName = keyof typeof DRAW;

/** 32-bit outputs drawn per household and year. */
export const DRAWS = 1 + Math.max(...Object.values(DRAW).map((d) => d.output));

/** Index of a draw among the 2 × DRAWS 16-bit halves (high half of output j at 2j, low at 2j + 1). */
export function drawSlot(name: DrawName): number {
  const d = DRAW[name];
  return 2 * d.output + (d.half === "high" ? 0 : 1);
}

/** A registry column of 0/1 flags. */
type FlagColumn = "housingSafe" | "waterSafe" | "insured" | "schooling";

/** A guarantee of the household exit standard (两不愁、三保障): met when its registry column is 1. */
export interface GuaranteeDef {
  id: string;
  zh: string;
  en: string;
  column: FlagColumn;
  /** The flag a household has while the guarantee is unmet. */
  unmet: number;
  /** Parameter path of the cost of putting it right (yuan per household); none when it is an administrative
   *  duty paid outside the poverty funds. */
  cost?: string;
}

/** The guarantees, in the order the exit rule checks them. */
export const GUARANTEES = [
  {
    id: "housing",
    zh: "住房安全",
    en: "Safe housing",
    column: "housingSafe",
    unmet: Flag.housingUnsafe,
    cost: "model.costs.housing_repair",
  },
  {
    id: "water",
    zh: "饮水安全",
    en: "Safe water",
    column: "waterSafe",
    unmet: Flag.waterUnsafe,
    cost: "model.costs.water",
  },
  {
    id: "insurance",
    zh: "基本医疗保险",
    en: "Health insurance",
    column: "insured",
    unmet: Flag.uninsured,
    cost: "model.measures.insurance.unit_cost",
  },
  // 控辍保学 is an administrative duty (assumption: the seeds fund it outside the poverty pools)
  { id: "schooling", zh: "义务教育保障", en: "Schooling", column: "schooling", unmet: Flag.schoolingUnmet },
] as const satisfies readonly GuaranteeDef[];
export type Guarantee = (typeof GUARANTEES)[number]["id"];

/** The income components a measure can raise (registry columns). */
export const INCOME_COMPONENTS = ["wage", "farm", "transfer"] as const;
export type IncomeComponent = (typeof INCOME_COMPONENTS)[number];

/**
 * What a measure does to a household it reaches:
 *  - `income`: raises an income component by the yearly amount at the parameter path;
 *  - `guarantee`: puts a guarantee right (at the guarantee's cost);
 *  - `relocation`: 易地扶贫搬迁 — safe housing and water, and a stably employed member where there is
 *    labour (004 §四: at least one per household): the employment measure's income and unit cost;
 *  - `floor`: 兜底 — tops income per person up to the safety-net floor (`model.safety_net.floor_ratio` ×
 *    the line), at the cost of the top-up.
 */
export type MeasureEffect =
  | { kind: "income"; component: IncomeComponent; amount: string }
  | { kind: "guarantee"; guarantee: Guarantee }
  | { kind: "relocation" }
  | { kind: "floor" };

/** One measure: who it reaches, what it does, what it costs, how many it can reach in a year. */
export interface MeasureDef {
  id: string;
  zh: string;
  en: string;
  /** Flags a household must all have (`Flag`). Every measure reaches only poor and returned households, and
   *  exited ones while policy is kept after exit (`monitoring.policy_kept_after_exit`). */
  eligible: number;
  effect: MeasureEffect;
  /** Parameter path of the unit cost, yuan per household reached; for a guarantee, the guarantee's cost
   *  (none: free); for the floor, the top-up itself. */
  cost?: string;
  /** Largest yearly coverage: share of the eligible reached in a year (a parameter path or a number). */
  coverage: string | number;
  /** Bought from the poverty funds (money limits its coverage and it has a `spend.<id>` series). The safety
   *  net is paid from the civil-affairs dibao budget and schooling is an administrative duty (assumption:
   *  the seeds fund them outside the poverty pools). */
  funded: boolean;
  /** When in the year the step applies it: 1 income and the safety net, 2 the guarantees' repairs,
   *  3 relocation (after the repairs), 4 education; table order within a stage. */
  stage: number;
  draw: DrawName;
  /** An industry whose returns come slowly (回报周期较长的产业, 000 §二(二)8): the year it reaches a household
   *  is recorded (registry `industryYear`), and an exited household it reached in its exit year or since
   *  keeps the longer transition (`safety_net.transition_months_slow_industry`). */
  slowReturn?: boolean;
}

/**
 * The shipped measures. The funded ones, in table order, are the money's measures (coverage, need and spend
 * per county, `spend.<id>` series); the step applies all of them by `stage` (the order of their effects and
 * costs within the year is part of the numbers).
 */
export const MEASURE_TABLE = [
  {
    id: "industry",
    zh: "产业帮扶",
    en: "Industry support",
    eligible: Flag.labour,
    effect: { kind: "income", component: "farm", amount: "model.measures.industry.effect" },
    cost: "model.measures.industry.unit_cost",
    coverage: "model.measures.industry.coverage",
    funded: true,
    stage: 1,
    draw: "industry",
    slowReturn: true,
  },
  {
    id: "employment",
    zh: "就业帮扶",
    en: "Employment support",
    eligible: Flag.labour,
    effect: { kind: "income", component: "wage", amount: "model.measures.employment.effect" },
    cost: "model.measures.employment.unit_cost",
    coverage: "model.measures.employment.coverage",
    funded: true,
    stage: 1,
    draw: "employment",
  },
  {
    id: "ecology",
    zh: "生态护林员",
    en: "Ecological ranger jobs",
    eligible: Flag.labour,
    effect: { kind: "income", component: "wage", amount: "model.measures.ecology.effect" },
    // the ranger's pay is the job's cost
    cost: "model.measures.ecology.effect",
    coverage: "model.measures.ecology.coverage",
    funded: true,
    stage: 1,
    draw: "ecology",
  },
  {
    id: "relocation",
    zh: "易地扶贫搬迁",
    en: "Relocation",
    eligible: Flag.relocationCause,
    effect: { kind: "relocation" },
    cost: "model.costs.relocation",
    coverage: "model.measures.relocation.coverage",
    funded: true,
    stage: 3,
    draw: "relocation",
  },
  {
    id: "housing",
    zh: "危房改造",
    en: "Housing repair",
    eligible: Flag.housingUnsafe,
    effect: { kind: "guarantee", guarantee: "housing" },
    coverage: "model.measures.guarantees.repair_share",
    funded: true,
    stage: 2,
    draw: "housing",
  },
  {
    id: "water",
    zh: "饮水安全",
    en: "Safe water",
    eligible: Flag.waterUnsafe,
    effect: { kind: "guarantee", guarantee: "water" },
    coverage: "model.measures.guarantees.repair_share",
    funded: true,
    stage: 2,
    draw: "water",
  },
  {
    id: "insurance",
    zh: "参保资助",
    en: "Insurance subsidy",
    eligible: Flag.uninsured,
    effect: { kind: "guarantee", guarantee: "insurance" },
    coverage: "model.measures.guarantees.repair_share",
    funded: true,
    stage: 2,
    draw: "insurance",
  },
  {
    id: "education",
    zh: "教育资助",
    en: "Education subsidy",
    eligible: Flag.schoolChildren,
    effect: { kind: "income", component: "transfer", amount: "model.measures.education.effect" },
    cost: "model.measures.education.effect",
    coverage: 1,
    funded: true,
    stage: 4,
    draw: "education",
  },
  {
    id: "safety_net",
    zh: "兜底保障",
    en: "Safety net",
    eligible: Flag.noLabour,
    effect: { kind: "floor" },
    coverage: "model.measures.safety_net.coverage",
    funded: false,
    stage: 1,
    draw: "employment",
  },
  {
    id: "schooling",
    zh: "控辍保学",
    en: "Schooling put right",
    eligible: Flag.schoolChildren | Flag.schoolingUnmet,
    effect: { kind: "guarantee", guarantee: "schooling" },
    coverage: "model.measures.education.repair_share",
    funded: false,
    stage: 4,
    draw: "schooling",
  },
] as const satisfies readonly MeasureDef[];

/** A table of measures (the shipped one, or a test's or a study's own). */
export type MeasureTable = readonly MeasureDef[];

/** The measures money buys, in table order (the `[c * K + k]` layout of coverage, need and spend). */
export function fundedMeasures(table: MeasureTable): readonly MeasureDef[] {
  let funded = fundedOf.get(table);
  if (!funded) fundedOf.set(table, (funded = table.filter((m) => m.funded)));
  return funded;
}
const fundedOf = new WeakMap<MeasureTable, readonly MeasureDef[]>();

/** Every combination of `Flag` bits (0 … FLAG_COMBINATIONS − 1). */
export const FLAG_COMBINATIONS = 2 * Math.max(...Object.values(Flag));

/**
 * For each combination of flags f, the measures (indices into `measures`) a household with f is eligible
 * for: `list[start[f] … start[f + 1])`, so a loop over households visits only those.
 */
export function eligibleLists(measures: readonly MeasureDef[]): EligibleLists {
  const known = listsOf.get(measures);
  if (known) return known;
  const start = new Uint16Array(FLAG_COMBINATIONS + 1),
    list: number[] = [];
  for (let f = 0; f < FLAG_COMBINATIONS; f++) {
    start[f] = list.length;
    measures.forEach((m, j) => {
      if ((f & m.eligible) === m.eligible) list.push(j);
    });
  }
  start[FLAG_COMBINATIONS] = list.length;
  const lists = { start, list: Uint8Array.from(list) };
  listsOf.set(measures, lists);
  return lists;
}
/** `eligibleLists` of each list of measures (computed once per list; the lists are read-only). */
const listsOf = new WeakMap<readonly MeasureDef[], EligibleLists>();
export interface EligibleLists {
  start: Uint16Array;
  list: Uint8Array;
}

/** The guarantee a measure puts right, if any (relocation puts right housing and water). */
export function guaranteeOf(m: MeasureDef): GuaranteeDef | undefined {
  return m.effect.kind === "guarantee"
    ? GUARANTEES.find((g) => g.id === (m.effect as { guarantee: string }).guarantee)
    : undefined;
}

/** Parameter path of a measure's unit cost (a guarantee's cost for a guarantee measure), if it has one. */
export function costPath(m: MeasureDef): string | undefined {
  return m.cost ?? guaranteeOf(m)?.cost;
}

/** Parameter paths a measure table reads (for the year's parameters). */
export function measurePaths(table: MeasureTable): string[] {
  const paths = new Set<string>();
  for (const m of table) {
    const cost = costPath(m);
    if (cost) paths.add(cost);
    if (typeof m.coverage === "string") paths.add(m.coverage);
    if (m.effect.kind === "income") paths.add(m.effect.amount);
  }
  return [...paths];
}

/**
 * The shocks of a year (one-year losses: they lower this year's income, not next year's base), in the order
 * returns and new poor are attributed to them (a fall hit by several counts for the first):
 *  - illness: a serious illness costs `model.shocks.illness_cost`, its reimbursed part paid by insurance and
 *    medical assistance for an insured household; the chance is higher for a chronically ill or disabled
 *    member or an elderly-only household;
 *  - disaster: takes a share of farm income; more likely in a deep-poverty area (disaster-prone);
 *  - epidemic: a labour household loses months of migrant work (wage income) in an epidemic year.
 */
export const SHOCKS = [
  {
    id: "illness",
    draw: "illness",
    probability: ["model.shocks.illness_prob", "model.shocks.illness_prob_chronic"],
    loss: "model.shocks.illness_cost",
    returns: { zh: "因病返贫", en: "Returns after a serious illness" },
    newPoor: { zh: "因病致贫", en: "Newly poor after a serious illness" },
  },
  {
    id: "disaster",
    draw: "disaster",
    probability: ["model.shocks.disaster_prob", "model.risk.deep_area_disaster_multiplier"],
    loss: "model.shocks.disaster_loss_share",
    returns: { zh: "因灾返贫", en: "Returns after a disaster" },
    newPoor: { zh: "因灾致贫", en: "Newly poor after a disaster" },
  },
  {
    id: "epidemic",
    draw: "epidemic",
    probability: ["shocks.epidemic.migrant_job_loss_share"],
    loss: "shocks.epidemic.months_lost",
    returns: { zh: "因疫情返贫", en: "Returns after losing migrant work to the epidemic" },
    newPoor: { zh: "因疫情致贫", en: "Newly poor after the epidemic" },
  },
] as const satisfies readonly {
  id: string;
  draw: DrawName;
  /** Parameter paths of the yearly probability (and of the higher chance's rate or multiplier). */
  probability: readonly string[];
  /** Parameter path of the loss: yuan (illness), share of farm income (disaster), months of wage (epidemic). */
  loss: string;
  returns: { zh: string; en: string };
  newPoor: { zh: string; en: string };
}[];
export type Shock = (typeof SHOCKS)[number]["id"];

/** The shocks falls are attributed to (the order of their accumulator slots and metrics). */
export const FALL_SHOCKS = SHOCKS.map((s) => s.id) as Shock[];

/** What drives a household's risk most: a shock, or income alone. */
export const RISK_CAUSES = [...FALL_SHOCKS, "income"] as const;
export type RiskCause = Shock | "income";
