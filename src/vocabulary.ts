/**
 * The vocabulary every layer shares: where a number comes from (Provenance), the documents cited, the units
 * and how a target is read. It sits at the root so that data/ and parameters/ can use it without reaching up
 * into scenario/, which re-exports it for the scenario file's shapes (src/scenario/types.ts).
 */

/** Where a number comes from. Exactly one of `source`, `url`, `assumption`, `derived` is given. */
export interface Provenance {
  /** A seed document and section, e.g. `"004 §二(二)"`; the document id must be listed in `documents`. */
  source?: string;
  /** The address of an official statistic (or of a repost of one). */
  url?: string;
  /** Why this value was assumed where no source exists. */
  assumption?: string;
  /** How the value was computed from cited figures, or the reproducible command that produced it. */
  derived?: string;
  /** How the figure was read (e.g. "120多万, taken as 1.2 million"). */
  note?: string;
}

/** Units understood by tuopin. Counts are plain numbers of people, households, villages, … */
export const UNITS = [
  "people",
  "households",
  "villages",
  "counties",
  "townships",
  "students",
  "mu",
  "yuan",
  "/1",
  "yuan/person",
  "yuan/household",
  "yuan/village",
  "yuan/county",
  "yuan/township",
  "yuan/person/month",
  "yuan/person/year",
  "yuan/household/year",
  "yuan/mu/year",
  "people/household",
  "months",
  "year",
  "times/year",
  "litres/person/day",
  "minutes",
  "flag",
] as const;
export type Unit = (typeof UNITS)[number];

/** How a target is to be read: the plan says "at least" (以上), "about" (左右), "at most" or "exactly". */
export type TargetBound = "at_least" | "about" | "at_most" | "exactly";

export interface DocumentRef {
  /** Title as published. */
  title: string;
  /** Publication date, ISO (quoted in YAML). */
  published?: string;
  /** Issuing body. */
  issuer?: string;
  /** The seed file the text is in. */
  file?: string;
}
