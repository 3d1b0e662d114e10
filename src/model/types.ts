import type { ResolvedScenario } from "../scenario/resolve.js";

/** Metric names of tidy rows (snake_case nouns) and their units. */
export const METRICS = {
  poor_people: { unit: "people", zh: "贫困人口（年末）", en: "Poor people (year end)" },
  poor_households: { unit: "households", zh: "贫困户（年末）", en: "Poor households (year end)" },
  exits_people: { unit: "people", zh: "当年脱贫人口", en: "People exiting in the year" },
  exits_households: { unit: "households", zh: "当年脱贫户", en: "Households exiting in the year" },
  returns_people: { unit: "people", zh: "当年返贫人口", en: "People returning to poverty in the year" },
  new_poor_people: { unit: "people", zh: "当年新致贫人口", en: "Newly poor people in the year" },
  incidence: { unit: "/1", zh: "贫困发生率", en: "Poverty incidence" },
  villages_exit: { unit: "villages", zh: "当年出列贫困村", en: "Villages exiting in the year" },
  counties_exit: { unit: "counties", zh: "当年摘帽贫困县", en: "Counties exiting in the year" },
  villages_exited_total: { unit: "villages", zh: "累计出列贫困村", en: "Villages exited so far" },
  counties_exited_total: { unit: "counties", zh: "累计摘帽贫困县", en: "Counties exited so far" },
  cumulative_exits_people: { unit: "people", zh: "累计脱贫人口", en: "People exited so far" },
  guarantee_cost: { unit: "yuan", zh: "三保障投入", en: "Spending on the guarantees" },
  measure_cost: { unit: "yuan", zh: "帮扶措施投入", en: "Spending on measures" },
  target_cost: { unit: "yuan", zh: "按计划脱贫所需投入", en: "Cost of meeting the quota" },
  funds_grants: { unit: "yuan", zh: "扶贫资金（拨款）", en: "Poverty funds (grants)" },
  funds_loans: { unit: "yuan", zh: "扶贫再贷款", en: "Poverty relending (loans)" },
  funds_need: { unit: "yuan", zh: "措施满覆盖所需资金", en: "Money needed for full measure coverage" },
  funds_shortfall: { unit: "yuan", zh: "资金缺口", en: "Shortfall against need" },
  funds_unspent: { unit: "yuan", zh: "结余资金", en: "Money left unspent" },
  money_per_poor_person: { unit: "yuan/person", zh: "人均扶贫资金", en: "Money per poor person" },
  cost_per_exit: { unit: "yuan/person", zh: "每脱贫一人资金", en: "Money per person exiting" },
  protection_cost: { unit: "yuan", zh: "防返贫兜底支出", en: "Spending to catch falls (transition, monitoring)" },
  medical_cost: {
    unit: "yuan",
    zh: "医保与医疗救助支出",
    en: "Insurance and medical assistance paid for serious illnesses",
  },
  caught_people: { unit: "people", zh: "被拦住的返贫致贫人口", en: "People whose fall was caught" },
  returns_illness: { unit: "people", zh: "因病返贫", en: "Returns after a serious illness" },
  returns_disaster: { unit: "people", zh: "因灾返贫", en: "Returns after a disaster" },
  returns_epidemic: { unit: "people", zh: "因疫情返贫", en: "Returns after losing migrant work to the epidemic" },
  returns_income: { unit: "people", zh: "因收入下降返贫", en: "Returns through income alone" },
  new_poor_illness: { unit: "people", zh: "因病致贫", en: "Newly poor after a serious illness" },
  new_poor_disaster: { unit: "people", zh: "因灾致贫", en: "Newly poor after a disaster" },
  new_poor_epidemic: { unit: "people", zh: "因疫情致贫", en: "Newly poor after the epidemic" },
  new_poor_income: { unit: "people", zh: "因收入下降致贫", en: "Newly poor through income alone" },
  county_exited: { unit: "/1", zh: "年末已摘帽的概率", en: "Probability the county has exited by year end" },
} as const;
export type Metric = keyof typeof METRICS;

/**
 * The raw output of a run: for each metric a replicate-major matrix, `values[r * years.length + t]`.
 */
export interface RunResult {
  scenario: ResolvedScenario;
  model: string;
  /** How exits were decided: "mechanistic" or "target" (the plan's quotas). */
  mode: string;
  seed: number;
  replicates: number;
  years: number[];
  metrics: Partial<Record<Metric, Float64Array>>;
  /** Per county (the scenario's counties, in `counties.ids` order): poor people at year end, and 1 where the
   *  county has exited by then; arrays `[(r * years.length + t) * counties.n + c]`. */
  counties?: {
    ids: string[];
    names: string[];
    poor: Uint8Array;
    deep?: Uint8Array;
    poorPeople: Float64Array;
    exited: Float64Array;
    returns?: Float64Array;
    newPoor?: Float64Array;
    budget?: Float64Array;
  };
  /** Money series `[r * years.length + t]`, in yuan: one per rule (`fund.<rule id>`, grants and loans) and
   *  per measure (`spend.<measure>`, what the budget puts into it). Present when the scenario has money rules. */
  series?: Record<string, Float64Array>;
  /** Seconds spent simulating (not written to byte-compared outputs). */
  elapsedSeconds: number;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's replicate count. */
  replicates?: number;
  /** Called after each replicate with (done, total). */
  onProgress?: (done: number, total: number) => void;
}
