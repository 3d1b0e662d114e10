/**
 * The shapes of a scenario file (scenarios/*.yaml), written first; the loader, the validator and (from
 * the scenario-files issue on) the JSON Schema follow from them.
 *
 * A scenario names a region and a horizon, lists the documents it cites, and gives three kinds of numbers,
 * each carrying its provenance:
 *  - `baseline`:   the state at the start of the horizon (registered poor, villages, counties …);
 *  - `targets`:    the plan's yearly targets, keyed by year;
 *  - `parameters`: dated model and policy parameters (a value holds from its date until the next).
 */

/** Where a number comes from. Exactly one of `source`, `url`, `assumption`, `derived` is given. */
export interface Provenance {
  /** A seed document and section, e.g. `"004 §二(二)"`; the document id must be listed in `documents`. */
  source?: string;
  /** The address of an official statistic (or a repost of one). */
  url?: string;
  /** Why this value was assumed where no source exists. */
  assumption?: string;
  /** The reproducible command that produced this value (calibration). */
  derived?: string;
  /** Free text: how the figure was read (e.g. "120多万, taken as 1.2 million"). */
  note?: string;
}

/** Units understood by tuopin. Counts are plain numbers of people, households, villages or counties. */
export const Unit = {
  people: "people",
  households: "households",
  villages: "villages",
  counties: "counties",
  yuan: "yuan",
  share: "/1",
  yuanPerPerson: "yuan/person",
  yuanPerHousehold: "yuan/household",
  year: "year",
} as const;
export type Unit = (typeof Unit)[keyof typeof Unit];

/** How a target is to be read: the plan says "at least", "about" or "at most". */
export type TargetBound = "at_least" | "about" | "at_most" | "exactly";

/** One number with its unit and provenance. */
export interface Quantity extends Provenance {
  value: number;
  unit: Unit;
}

export interface TargetValue extends Quantity {
  /** __Default value:__ `"at_least"` for exits, `"at_most"` for `poor_remaining`. */
  bound?: TargetBound;
}

/** A dated parameter: its unit, and values keyed by period (see `parsePeriodKey`). */
export interface DatedParameterSpec {
  unit: Unit;
  description?: string;
  values: Record<string, { value: number } & Provenance>;
}

export interface DocumentRef {
  /** Title as published. */
  title: string;
  /** Publication date, ISO. */
  published?: string;
  /** Issuing body. */
  issuer?: string;
  /** The seed file the text is in, relative to the shared seeds folder. */
  file?: string;
}

export interface ScenarioSpec {
  /** Stable identifier; also the file name without `.yaml`. */
  id: string;
  /** Chinese label for charts and the brief. */
  label: string;
  /** English label. */
  label_en?: string;
  description?: string;
  /** Id of the scenario this one modifies; its numbers are inherited and may be overridden. */
  extends?: string;
  /** Region id in data/regions.csv. */
  region: string;
  /** First and last simulated calendar years; the baseline is the state on 1 January of `start`. */
  horizon: { start: number; end: number };
  /** Monte Carlo settings. __Default value:__ seed 1, replicates 100. */
  run?: { seed?: number; replicates?: number };
  documents?: Record<string, DocumentRef>;
  baseline?: Partial<Record<BaselineKey, Quantity>>;
  targets?: Partial<Record<TargetKey, Record<string, TargetValue>>>;
  parameters?: Record<string, DatedParameterSpec>;
}

export const BASELINE_KEYS = [
  "poor_people",
  "poor_households",
  "poor_villages",
  "poor_counties",
  "rural_population",
] as const;
export type BaselineKey = (typeof BASELINE_KEYS)[number];

export const TARGET_KEYS = ["people_exit", "villages_exit", "counties_exit", "poor_remaining"] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];
