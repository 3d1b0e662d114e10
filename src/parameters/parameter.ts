import type { Provenance } from "../vocabulary.js";
import { formatInstant, type Period, yearStart } from "./period.js";

/** One dated value as written in a file, with where it came from. */
export interface DatedValue {
  period: Period;
  key: string;
  value: number;
  provenance: Provenance;
  /** The scenario file that set it. */
  file: string;
}

/**
 * A parameter's history: an ordered list of dated values. Later entries win where they apply, which is
 * the override semantics of OpenFisca's `Parameter.update`: an open-ended value replaces everything from
 * its date on; a bounded value applies inside its period only, and the prior value resumes after it.
 */
export class Parameter {
  constructor(
    readonly path: string,
    readonly unit: string,
    readonly entries: readonly DatedValue[],
  ) {}

  /** The entry in force on an instant (yyyymmdd), or undefined. */
  entryAt(instant: number): DatedValue | undefined {
    let current: DatedValue | undefined;
    for (const e of this.entries) {
      if (e.period.to === undefined ? instant >= e.period.from : instant >= e.period.from && instant <= e.period.to) {
        current = e;
      }
    }
    return current;
  }

  /** The value in force on 1 January of `year`. */
  atYear(year: number): number | undefined {
    return this.entryAt(yearStart(year))?.value;
  }

  /** A readable history: one line per entry, for `tuopin explain`. */
  describe(): string[] {
    return this.entries.map((e) => {
      const p =
        e.period.to === undefined
          ? `${formatInstant(e.period.from)} →`
          : `${formatInstant(e.period.from)} … ${formatInstant(e.period.to)}`;
      const src =
        e.provenance.source ??
        e.provenance.url ??
        (e.provenance.assumption ? `assumption: ${e.provenance.assumption}` : `derived: ${e.provenance.derived}`);
      return `${p}  ${e.value} ${this.unit}  [${src}]  (${e.file})`;
    });
  }
}
