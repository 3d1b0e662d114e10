/**
 * The shapes of a scenario file (scenarios/*.yaml), written first; the validator follows them and the JSON
 * Schema in scenarios/scenario.schema.json is generated from them (`npm run schema`).
 *
 * A scenario names a region and a horizon, lists the documents it cites, and gives numbers that each carry
 * their provenance:
 *  - `baseline`:   the state at the start of the horizon (defaults from data/baselines/);
 *  - `targets`:    the plan's targets, keyed by year (or by date for a mid-year deadline);
 *  - `parameters`: dated model and policy parameters from the catalog (a value holds from its date on);
 *  - `funds`:      the plan's money rules, each of a typed kind citing its clause;
 *  - `allocation`: how pooled money is divided among counties (the factor method).
 */

import type { DocumentRef, Provenance, TargetBound, Unit } from "../vocabulary.js";

/** The shared vocabulary, defined once in src/vocabulary.ts. */
export type { DocumentRef, Provenance, TargetBound, Unit } from "../vocabulary.js";
export { UNITS } from "../vocabulary.js";

/** A value with its provenance. `range` marks a policy lever: sensitivity runs move it across the range. */
export interface ProvenancedValue extends Provenance {
  value: number;
  /** The plan's own range for the value (e.g. "3–6 months"), or a stated plausible range. */
  range?: [number, number];
}

/** One number with its unit and provenance. */
export interface Quantity extends ProvenancedValue {
  unit: Unit;
}

/** A number that changes over time: values keyed by period (`"2018"`, `"2018-07-01"`, `"2020-01-01.2020-12-31"`). */
export interface DatedSeries {
  unit: Unit;
  description?: string;
  values: Record<string, ProvenancedValue>;
}

/** Either a single quantity (in force over the whole horizon) or a dated series. */
export type DatedQuantity = Quantity | DatedSeries;

export interface TargetValue extends Quantity {
  /** __Default value:__ the target kind's own (see the target catalog). */
  bound?: TargetBound;
}

// ---------------------------------------------------------------------------------------------------------
// Money: fund rules. Every rule has a kind, the pool it feeds, and its numbers as dated quantities.

/** Fields every fund rule has. */
export interface FundRuleBase {
  /** Short Chinese label for tables and charts. */
  label?: string;
  /** The pool the money goes into (e.g. `special_fund`, `industry_fund`); rules referring to a pool use this name. */
  pool?: string;
  /** A variant may switch an inherited rule off. __Default value:__ `true` */
  enabled?: boolean;
  /** The clause this rule encodes, e.g. "004 §六(一)". */
  clause?: string;
  /** First and last year the rule applies (inclusive). __Default value:__ the whole horizon. */
  years?: { from?: number; to?: number };
}

/** Administrative levels whose revenue increments are earmarked (004 §六(一)). */
export const REVENUE_LEVELS = [
  "province",
  "city",
  "county",
  "poor_county",
  "poor_county_city",
  "other_county",
] as const;
/** Administrative levels whose revenue increments are earmarked (004 §六(一)). */
export type RevenueLevel = (typeof REVENUE_LEVELS)[number];

/** At least `share` of the year's local fiscal revenue increment at `level` goes to the pool. */
export interface RevenueIncrementShareRule extends FundRuleBase {
  kind: "revenue_increment_share";
  level: RevenueLevel;
  /** Region whose revenue is meant. __Default value:__ the scenario's region. */
  region?: string;
  share: DatedQuantity;
  /**
   * What a fall in revenue does: `zero` (the rule yields nothing), `negative` (the pool shrinks by the share
   * of the fall), `floor_previous` (the previous year's amount is kept). __Default value:__ `"zero"`
   */
  negative_increment?: "zero" | "negative" | "floor_previous";
}

/** A yearly amount that grows with revenue (Cangxi: ≥ 12 million yuan a year, rising with county revenue). */
export interface FloorGrowingRule extends FundRuleBase {
  kind: "floor_growing_with_revenue";
  amount: DatedQuantity;
  /** The year the amount refers to; later years grow with the revenue growth of `region`. */
  base_year: number;
  region?: string;
}

/** What a per-unit amount is paid for. */
export const PER_UNIT_BASES = [
  "poor_household",
  "poor_person",
  "village",
  "worker_out_of_province",
  "worker_out_of_county",
  "worker_away_3_months",
  "hire",
  "public_job_month",
  "person_year",
  "student",
  "township",
  "county",
  "relocated_household",
  "housing_repair",
] as const;
/** What a per-unit amount is paid for. */
export type PerUnitBasis = (typeof PER_UNIT_BASES)[number];

/** A fixed amount per unit (household, person, village, worker, month …), optionally capped. */
export interface PerUnitRule extends FundRuleBase {
  kind: "per_unit";
  per: PerUnitBasis;
  amount: DatedQuantity;
  /** Cap per recipient (e.g. a workshop's 50,000 yuan), in yuan. */
  cap?: DatedQuantity;
  /** How many units a year, when the plan fixes it (e.g. 2,000 public jobs); otherwise the model counts them. */
  count?: DatedQuantity;
  /** What the money may buy (src/funds/purpose.ts), e.g. `income_projects`; without it, inferred from `per`. */
  purpose?: string;
}

/** Groups a share can be reserved for. */
export const REGION_GROUPS = [
  "deep_poor_counties",
  "deep_poor_villages",
  "poor_counties",
  "poor_villages",
  "key_townships",
] as const;
/** Groups a share can be reserved for. */
export type RegionGroup = (typeof REGION_GROUPS)[number];

/** At least `share` of a pool (or of its increase over the previous year) is reserved for a group. */
export interface ReservedShareRule extends FundRuleBase {
  kind: "reserved_share";
  /** The pool the share is taken from. */
  of_pool: string;
  /** `new`: the share applies to the pool's increase over the previous year. __Default value:__ `"new"` */
  applies_to?: "new" | "all";
  group: RegionGroup;
  share: DatedQuantity;
}

/** Another level matches a rule's money at `ratio` (city:county 1:1 → ratio 1). */
export interface MatchingRule extends FundRuleBase {
  kind: "matching";
  of_rule: string;
  ratio: DatedQuantity;
  payer: "province" | "city" | "county";
}

/** A fixed amount for a purpose. */
export interface FixedPoolRule extends FundRuleBase {
  kind: "fixed_pool";
  amount: DatedQuantity;
  /** Measure or use the pool is for (e.g. `housing`, `village_collective`, `infrastructure`). */
  purpose: string;
  /** What the pool is to reach, when the plan says (e.g. 1,300 households, 200 projects). */
  reach?: DatedQuantity;
}

/** The top `top` units of a ranking each receive `amount`. */
export interface RankedRewardRule extends FundRuleBase {
  kind: "ranked_reward";
  top: DatedQuantity;
  amount: DatedQuantity;
  among: "townships" | "villages" | "counties";
}

/** At least `share` of the usable idle stock funds of cities and counties is reclaimed for poverty. */
export interface ReclaimedStockRule extends FundRuleBase {
  kind: "reclaimed_stock";
  share: DatedQuantity;
  /** The usable idle stock each year, in yuan. */
  stock: DatedQuantity;
}

/** A helping county puts at least `amount` a year into each helped county. */
export interface PairedAssistanceRule extends FundRuleBase {
  kind: "paired_assistance";
  amount: DatedQuantity;
  /** Number of helped units. */
  helped: DatedQuantity;
}

/** Poverty relending: a loan, not a grant; counted separately from grants. */
export interface RelendingRule extends FundRuleBase {
  kind: "relending";
  amount: DatedQuantity;
  group: RegionGroup;
}

/** A money rule the kinds do not cover, as a mathjs expression over named quantities (evaluated safely). */
export interface FormulaRule extends FundRuleBase {
  kind: "formula";
  expression: string;
  /** Named inputs of the expression. */
  inputs?: Record<string, DatedQuantity>;
  unit: Unit;
}

export type FundRule =
  | RevenueIncrementShareRule
  | FloorGrowingRule
  | PerUnitRule
  | ReservedShareRule
  | MatchingRule
  | FixedPoolRule
  | RankedRewardRule
  | ReclaimedStockRule
  | PairedAssistanceRule
  | RelendingRule
  | FormulaRule;

export type FundRuleKind = FundRule["kind"];

/** The factors of the factor method (central special-fund practice). */
export const ALLOCATION_FACTORS = ["poor_population", "incidence", "depth", "fiscal_capacity", "performance"] as const;
/** A factor of the factor method. */
export type AllocationFactor = (typeof ALLOCATION_FACTORS)[number];

/** The factor method of allocating a pool among counties (central special funds, Huoshan rules). */
export interface AllocationSpec {
  method: "factor";
  /** Factor weights; they must sum to 1. */
  weights: Partial<Record<AllocationFactor, DatedQuantity>>;
  /** Least share of the pool any county with poor people gets. */
  floor_share?: DatedQuantity;
  /** Most share of the pool one county can get. */
  cap_share?: DatedQuantity;
}

/** The scenario file. */
export interface ScenarioSpec {
  /** Stable identifier; also the file name without `.yaml`. Kebab-case. */
  id: string;
  /** Chinese label for charts and the brief. */
  label: string;
  /** English label. */
  label_en?: string;
  description?: string;
  /** Id of the scenario this one modifies (same folder, or a relative path such as `base/defaults`). */
  extends?: string;
  /** A base only to be extended (scenarios/base/defaults.yaml): it needs no label, region or horizon. */
  abstract?: boolean;
  /** Region id in data/regions.csv. */
  region: string;
  /** First and last simulated calendar years; the baseline is the state on 1 January of `start`. */
  horizon: { start: number; end: number };
  /** Monte Carlo settings. __Default value:__ seed 1, replicates 100. */
  run?: { seed?: number; replicates?: number };
  documents?: Record<string, DocumentRef>;
  /** State at the start of the horizon; anything absent comes from data/baselines/. */
  baseline?: Record<string, Quantity>;
  /** Target kind → year (or ISO date) → target. */
  targets?: Record<string, Record<string, TargetValue>>;
  /** Parameter path (see the catalog) → dated series. */
  parameters?: Record<string, DatedSeries>;
  /** Rule id → fund rule. */
  funds?: Record<string, FundRule>;
  allocation?: AllocationSpec;
  /** Programme id → a programme the plan states (src/model/programmes.ts). */
  programmes?: Record<string, ProgrammeSpec>;
}

/** A scenario programme's rules (src/model/programmes.ts: `stands_for`, `adds`, `least_share`). */
export const PROGRAMME_RULES = ["stands", "adds", "least"] as const;

/**
 * A programme a plan states: a count (people or households a year) or a committed share of the households
 * one measure reaches, applied by the same rules as the built-in programmes (src/model/programmes.ts).
 */
export interface ProgrammeSpec {
  label?: string;
  /** The measure it sets (an id of the measure table, e.g. `employment`). */
  measure: string;
  /** `stands`: the count is the measure; `adds`: one channel added to it; `least`: a share reached by the
   *  horizon's end. */
  rule: "stands" | "adds" | "least";
  /** The seed clause that states it. */
  clause?: string;
  /** People or households a year (for `stands` and `adds`). */
  count?: DatedSeries;
  /** The share committed (for `least`). */
  share?: DatedSeries;
  /** Yuan per household reached: the measure's unit cost while the programme is in force. */
  unit_cost?: Quantity;
  /** The fund purpose that pays (src/funds/purpose.ts). */
  purpose?: string;
}
