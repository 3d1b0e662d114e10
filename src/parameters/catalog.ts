import type { BaselineKey, TargetKey, Unit } from "../scenario/types.js";

/** What a parameter path means, its unit and its allowed range. Unknown paths are errors. */
export interface ParameterDef {
  unit: Unit;
  label: string;
  label_en: string;
  min?: number;
  max?: number;
  integer?: boolean;
  description: string;
}

export const BASELINE_UNITS: Record<BaselineKey, Unit> = {
  poor_people: "people",
  poor_households: "households",
  poor_villages: "villages",
  poor_counties: "counties",
  rural_population: "people",
};

export const TARGET_UNITS: Record<TargetKey, Unit> = {
  people_exit: "people",
  villages_exit: "villages",
  counties_exit: "counties",
  poor_remaining: "people",
};

/**
 * The parameter catalog. A scenario may set only these paths. Later model stages add theirs here
 * (one entry per parameter, with its unit and range), so a misspelt path never passes silently.
 */
export const PARAMETERS: Record<string, ParameterDef> = {
  "model.skeleton.exit_rate": {
    unit: "/1",
    label: "年度脱贫率",
    label_en: "Annual exit rate",
    min: 0,
    max: 1,
    description:
      "Share of the poor at the start of a year who exit during the year, in the skeleton model " +
      "(to be replaced by the household engine).",
  },
  "model.skeleton.exit_rate_sd": {
    unit: "/1",
    label: "脱贫率不确定性（标准差）",
    label_en: "Exit-rate uncertainty (s.d.)",
    min: 0,
    max: 0.5,
    description: "Standard deviation of the annual exit rate across replicates (structural uncertainty).",
  },
};
