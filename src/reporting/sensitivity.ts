import { SENSITIVITY_COLUMNS, type SensitivityResult, type SensitivityRow } from "../runners/sensitivity.js";
import type { ChartContext, Lang } from "./charts/header.js";
import { toCsv } from "./csv.js";
import { chartContext } from "./scenarioRun.js";

/** The chart footnote's context: the run manifest and the levers' seed sources. */
export function sensitivityChartContext(result: SensitivityResult, lang: Lang = "zh"): ChartContext {
  const sources = [
    ...new Set(result.levers.map((l) => l.entry.provenance.source).filter((x): x is string => x !== undefined)),
  ];
  const assumptions = result.levers.filter((l) => l.entry.provenance.source === undefined).length;
  const rest =
    lang === "en"
      ? `${assumptions} lever(s) from assumptions, statistics or derivations, see the rows`
      : `其余 ${assumptions} 项见明细表`;
  return {
    ...chartContext({ scenario: result.scenario, result }, lang),
    // the levers' own sources, not the whole scenario's; the rest are counted and listed in the rows
    sources: [...sources, ...(assumptions ? [rest] : [])],
    assumptions: undefined,
    targetYear: result.target_year,
  };
}

/** CSV of the rows (UTF-8 with BOM, so that spreadsheet programs read the Chinese labels). */
export function sensitivityRowsToCsv(rows: SensitivityRow[]): string {
  return toCsv(SENSITIVITY_COLUMNS, rows);
}
