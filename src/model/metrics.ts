/**
 * The metrics of tidy rows (snake_case nouns), defined once: unit, labels, and for the engine's metrics
 * where the year's value comes from. The engine's accumulator slots (`Acc`), its metric lists
 * (`ENGINE_METRICS`, `YEAR_METRICS`) and the recording of a year (`recordMetrics` in src/engine/run.ts)
 * derive from this table.
 */
import { GUARANTEES, SHOCKS, type Guarantee, type Shock } from "./measures.js";

/**
 * Where an engine metric's year value comes from:
 *  - `acc`: an accumulator slot the step sums over households (the slot's name);
 *  - `year`: the year-end aggregates and exit rules (`recordYear`), by key;
 *  - `income`: falls no shock explains — the total's slot minus the shocks' slots of `kind`;
 *  - `run`: computed by the run itself (cumulative counts, the quota's cost, the money).
 */
export type MetricSource =
  { from: "acc"; slot: string } | { from: "year"; key: YearKey } | { from: "income"; kind: FallKind } | { from: "run" };

/** Keys of the year-end aggregates a metric can read (src/engine/run.ts `recordYear`). */
export type YearKey =
  | "poorPeople"
  | "poorHouseholds"
  | "incidence"
  | "villagesExit"
  | "countiesExit"
  | "villagesCollectiveIncomeMet"
  | "villageCollectiveIncomeLeast";

/** Falls below the line: returns of exited households and new poor among the marginal. */
export type FallKind = "returns" | "new_poor";

export interface MetricDef {
  unit: string;
  zh: string;
  en: string;
  /** For the engine's metrics: where the year's value comes from. */
  source?: MetricSource;
  /** Recorded by every runner of the engine (the threaded one too), not only by `runEngine`. */
  year?: true;
}

const acc = (slot: string) => ({ source: { from: "acc", slot }, year: true }) as const;
const fromYear = (key: YearKey) => ({ source: { from: "year", key }, year: true }) as const;
const run = { source: { from: "run" } } as const;

/** The slot of falls of `kind` caused by `shock`. */
export function fallSlot(kind: FallKind, shock: Shock): string {
  return `${kind === "returns" ? "returns" : "newPoor"}${shock[0].toUpperCase()}${shock.slice(1)}`;
}

/** Falls of one kind by the shock that hit them, then through income alone (labels from `SHOCKS`). */
function falls<K extends FallKind>(kind: K): Record<`${K}_${Shock | "income"}`, MetricDef> {
  const out: Record<string, MetricDef> = {};
  for (const s of SHOCKS) {
    const label = kind === "returns" ? s.returns : s.newPoor;
    out[`${kind}_${s.id}`] = { unit: "people", ...label, ...acc(fallSlot(kind, s.id)) };
  }
  out[`${kind}_income`] =
    kind === "returns"
      ? { unit: "people", zh: "因收入下降返贫", en: "Returns through income alone" }
      : { unit: "people", zh: "因收入下降致贫", en: "Newly poor through income alone" };
  out[`${kind}_income`].source = { from: "income", kind };
  out[`${kind}_income`].year = true;
  return out as Record<`${K}_${Shock | "income"}`, MetricDef>;
}

/**
 * What the guarantees' repairs could not reach (src/engine/commitments.ts): per guarantee, the share of the
 * households without it at the start of the horizon still without it at the year end (0 when none lacked
 * it), so a commitment met by its deadline reads (1 − its share) or less in the deadline year.
 */
function unmetGuarantees(): Record<`guarantee_unmet_${Guarantee}`, MetricDef> {
  const out: Record<string, MetricDef> = {};
  for (const g of GUARANTEES)
    out[`guarantee_unmet_${g.id}`] = {
      unit: "/1",
      zh: `${g.zh}尚未解决户占期初比例`,
      en: `Households still without ${g.en.toLowerCase()}, as a share of those without it at the start`,
      ...run,
    };
  return out as Record<`guarantee_unmet_${Guarantee}`, MetricDef>;
}

/** Metric names of tidy rows and their units, labels and sources. */
export const METRICS = {
  poor_people: { unit: "people", zh: "贫困人口（年末）", en: "Poor people (year end)", ...fromYear("poorPeople") },
  poor_households: {
    unit: "households",
    zh: "贫困户（年末）",
    en: "Poor households (year end)",
    ...fromYear("poorHouseholds"),
  },
  exits_people: { unit: "people", zh: "当年脱贫人口", en: "People exiting in the year", ...acc("exitsPeople") },
  exits_households: {
    unit: "households",
    zh: "当年脱贫户",
    en: "Households exiting in the year",
    ...acc("exitsHouseholds"),
  },
  returns_people: {
    unit: "people",
    zh: "当年返贫人口",
    en: "People returning to poverty in the year",
    ...acc("returnsPeople"),
  },
  new_poor_people: {
    unit: "people",
    zh: "当年新致贫人口",
    en: "Newly poor people in the year",
    ...acc("newPoorPeople"),
  },
  incidence: { unit: "/1", zh: "贫困发生率", en: "Poverty incidence", ...fromYear("incidence") },
  villages_exit: {
    unit: "villages",
    zh: "当年出列贫困村",
    en: "Villages exiting in the year",
    ...fromYear("villagesExit"),
  },
  counties_exit: {
    unit: "counties",
    zh: "当年摘帽贫困县",
    en: "Counties exiting in the year",
    ...fromYear("countiesExit"),
  },
  villages_exited_total: { unit: "villages", zh: "累计出列贫困村", en: "Villages exited so far", ...run },
  villages_collective_income_met: {
    unit: "villages",
    zh: "集体经济收入达到出列标准的贫困村",
    en: "Poor villages whose collective income meets the exit condition",
    ...fromYear("villagesCollectiveIncomeMet"),
  },
  village_collective_income_least: {
    unit: "yuan/village",
    zh: "贫困村集体经济收入最低值",
    en: "Lowest collective income among the poor villages",
    ...fromYear("villageCollectiveIncomeLeast"),
  },
  counties_exited_total: { unit: "counties", zh: "累计摘帽贫困县", en: "Counties exited so far", ...run },
  cumulative_exits_people: { unit: "people", zh: "累计脱贫人口", en: "People exited so far", ...run },
  guarantee_cost: {
    unit: "yuan",
    zh: "三保障投入",
    en: "Spending on the guarantees",
    source: { from: "acc", slot: "guaranteeCost" },
  },
  measure_cost: {
    unit: "yuan",
    zh: "帮扶措施投入",
    en: "Spending on measures",
    source: { from: "acc", slot: "measureCost" },
  },
  // the aligned run (target-following, src/engine/align.ts); NaN in the mechanistic run and in a year without
  // a quota, except the wrong-exit and missed-poor rates (0 in the mechanistic run: it exits only by the standard)
  quota_people: { unit: "people", zh: "当年脱贫任务", en: "The year's quota (people to exit)", ...run },
  aligned_exits_people: { unit: "people", zh: "按任务推动的脱贫人口", en: "Exits the quota added", ...run },
  align_shift: {
    unit: "yuan/person",
    zh: "完成任务所需的人均帮扶力度",
    en: "Effort the quota took (extra support per person)",
    ...run,
  },
  align_shift_logit: { unit: "logit", zh: "脱贫倾向的对数比偏移", en: "Shift of exit log-odds", ...run },
  target_cost: { unit: "yuan", zh: "完成任务的新增帮扶投入", en: "Money the quota's extra exits take", ...run },
  align_repairs: {
    unit: "households",
    zh: "按任务补齐“三保障”的户",
    en: "Households whose guarantees the quota put right (extra programme coverage)",
    ...run,
  },
  align_repair_cost: { unit: "yuan", zh: "其中补齐“三保障”的投入", en: "Of which: guarantees put right", ...run },
  target_money_beyond_rules: {
    unit: "yuan",
    zh: "超出规则资金的投入",
    en: "Money the quota takes beyond what the rules bring",
    ...run,
  },
  align_shortfall: { unit: "people", zh: "任务缺口", en: "Shortfall against the quota", ...run },
  align_feasible: { unit: "/1", zh: "任务可行", en: "Quota feasible", ...run },
  align_binding_shift: { unit: "/1", zh: "受帮扶力度上限约束", en: "Bound by the largest effort", ...run },
  align_binding_eligible: { unit: "/1", zh: "受剩余贫困户数约束", en: "Bound by the poor left", ...run },
  align_binding_money: { unit: "/1", zh: "受资金约束", en: "Bound by money (beyond the rules)", ...run },
  safety_net_exits: { unit: "people", zh: "兜底脱贫人口", en: "Exits through the safety net (兜底)", ...run },
  wrong_exit_rate: { unit: "/1", zh: "错退率", en: "Wrong-exit rate", ...run },
  missed_poor_rate: { unit: "/1", zh: "漏评率", en: "Missed-poor rate", ...run },
  counties_held_by_assessment: {
    unit: "counties",
    zh: "因错退率或漏评率未能摘帽的县",
    en: "Counties held back by the wrong-exit or missed-poor limit",
    ...run,
  },
  remaining_income_gap: {
    unit: "people",
    zh: "剩余贫困人口：有劳动力、收入未达标",
    en: "Poor left: with labour, income under the line",
    ...run,
  },
  remaining_no_labour: {
    unit: "people",
    zh: "剩余贫困人口：无劳动力、未兜底达标",
    en: "Poor left: without labour, not lifted by the safety net",
    ...run,
  },
  remaining_guarantee: {
    unit: "people",
    zh: "剩余贫困人口：收入达标、“三保障”未解决",
    en: "Poor left: income at the line, a guarantee unmet",
    ...run,
  },
  funds_grants: { unit: "yuan", zh: "扶贫资金（拨款）", en: "Poverty funds (grants)", ...run },
  funds_loans: { unit: "yuan", zh: "扶贫再贷款", en: "Poverty relending (loans)", ...run },
  funds_need: { unit: "yuan", zh: "措施满覆盖所需资金", en: "Money needed for full measure coverage", ...run },
  funds_shortfall: { unit: "yuan", zh: "资金缺口", en: "Shortfall against need", ...run },
  funds_unspent: { unit: "yuan", zh: "结余资金", en: "Money left unspent", ...run },
  money_per_poor_person: { unit: "yuan/person", zh: "人均扶贫资金", en: "Money per poor person", ...run },
  cost_per_exit: { unit: "yuan/person", zh: "每脱贫一人资金", en: "Money per person exiting", ...run },
  protection_cost: {
    unit: "yuan",
    zh: "防返贫兜底支出",
    en: "Spending to catch falls (transition, monitoring)",
    ...acc("protectionCost"),
  },
  medical_cost: {
    unit: "yuan",
    zh: "医保与医疗救助支出",
    en: "Insurance and medical assistance paid for serious illnesses",
    ...acc("medicalCost"),
  },
  caught_people: {
    unit: "people",
    zh: "被拦住的返贫致贫人口",
    en: "People whose fall was caught",
    ...acc("caughtPeople"),
  },
  ...falls("returns"),
  ...falls("new_poor"),
  ...unmetGuarantees(),
  held_by_guarantees: {
    unit: "/1",
    zh: "收入已达标但“三保障”未解决的贫困户占比",
    en: "Share of poor households at or above the line held back by an unmet guarantee",
    ...run,
  },
  county_exited: { unit: "/1", zh: "年末已摘帽的概率", en: "Probability the county has exited by year end" },
} as const satisfies Record<string, MetricDef>;
export type Metric = keyof typeof METRICS;

const METRIC_DEFS = METRICS as Record<Metric, MetricDef>;

/** The engine's metrics, in the order they are recorded (every metric with a source). */
export const ENGINE_METRICS = (Object.keys(METRICS) as Metric[]).filter((m) => METRIC_DEFS[m].source);
export type EngineMetric = Exclude<Metric, "county_exited">;

/** The metrics of a year that every runner records, from the year-end aggregates and the step's totals. */
export const YEAR_METRICS = ENGINE_METRICS.filter((m) => METRIC_DEFS[m].year);
export type YearMetric = (typeof YEAR_METRICS)[number];

/** The accumulator slots: every `acc` source of the table, then the year-end poor households (summed by the
 *  step for the village and county rules) — a name → index table, with `size` the count. */
function accSlots(): Record<string, number> {
  const names: string[] = [];
  for (const m of ENGINE_METRICS) {
    const s = METRIC_DEFS[m].source!;
    if (s.from === "acc" && !names.includes(s.slot)) names.push(s.slot);
  }
  names.push("poorHouseholds");
  const slots = Object.fromEntries(names.map((n, k) => [n, k]));
  return { ...slots, size: names.length };
}

type FallSlot = `${"returns" | "newPoor"}${Capitalize<Shock>}`;
/** Slots of the yearly accumulator (people and households are weighted counts). */
export const Acc = accSlots() as Readonly<
  Record<
    | "exitsPeople"
    | "exitsHouseholds"
    | "returnsPeople"
    | "newPoorPeople"
    | "guaranteeCost"
    | "measureCost"
    | "poorHouseholds"
    | "protectionCost"
    | "caughtPeople"
    | "medicalCost"
    | FallSlot
    | "size",
    number
  >
>;
