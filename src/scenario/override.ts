import { Parameter } from "../parameters/parameter.js";
import { parsePeriodKey } from "../parameters/period.js";
import type { ResolvedScenario } from "./resolve.js";
import type { Provenance } from "./types.js";

/**
 * A copy of a scenario with values appended to one parameter (later entries win, OpenFisca update
 * semantics): each from 1 January of `from`, open-ended, or through 31 December of `to`. Used for revenue
 * paths, policy switches and calibration trials; the provenance says why, and `file` names the source.
 */
export function overrideParameter(
  s: ResolvedScenario,
  path: string,
  values: readonly { from: number; to?: number; value: number }[],
  provenance: Provenance,
  file: string,
): ResolvedScenario {
  const p = s.parameters.get(path);
  if (!p) throw new Error(`${s.id} has no parameter ${path} to override`);
  const entries = [...p.entries];
  for (const v of values) {
    const key = v.to === undefined ? `${v.from}` : `${v.from}-01-01.${v.to}-12-31`;
    entries.push({ period: parsePeriodKey(key)!, key, value: v.value, provenance, file });
  }
  const parameters = new Map(s.parameters);
  parameters.set(path, new Parameter(path, p.unit, entries));
  return { ...s, parameters };
}
