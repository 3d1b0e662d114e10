/**
 * What a scenario's parameters do in the model: each catalog parameter either drives an engine quantity or is
 * declared context (recorded with its source, not simulated, with the reason). `tuopin validate` notes the
 * context parameters a scenario sets, `tuopin explain` prints the role of a parameter, and the brief lists
 * them under "recorded, not simulated", so a reader never takes a recorded number for a lever.
 */
import { PARAMETERS } from "../parameters/catalog.js";
import type { Parameter } from "../parameters/parameter.js";
import type { ResolvedScenario } from "./resolve.js";

/** The shared base every plan extends; what it alone sets is not the plan's own statement. */
const BASE_FILE = /(^|[\\/])base[\\/]defaults\.ya?ml$/;

/** Whether a file of the scenario's own chain (not only scenarios/base/defaults.yaml) sets the parameter. */
export function setByPlan(p: Parameter): boolean {
  return p.entries.some((e) => !BASE_FILE.test(e.file));
}

/** The role of a catalog parameter: what it drives, or why it is recorded and not simulated. */
export type ParameterRole = { drives: string } | { context: string };

export function parameterRole(path: string): ParameterRole | undefined {
  const def = PARAMETERS[path];
  if (def?.drives !== undefined) return { drives: def.drives };
  if (def?.context !== undefined) return { context: def.context };
  return undefined;
}

/** One parameter a scenario sets that the model records but does not simulate. */
export interface RecordedParameter {
  path: string;
  label: string;
  label_en: string;
  /** Why the model has no mechanism for it. */
  reason: string;
  /** Set by the plan's own files (not only by the shared defaults). */
  setByPlan: boolean;
}

/** The context parameters in force in a scenario, the plan's own first, then by path. */
export function recordedNotSimulated(s: ResolvedScenario): RecordedParameter[] {
  const out: RecordedParameter[] = [];
  for (const [path, p] of s.parameters) {
    const def = PARAMETERS[path];
    if (def?.context === undefined) continue;
    out.push({ path, label: def.label, label_en: def.label_en, reason: def.context, setByPlan: setByPlan(p) });
  }
  return out.sort((a, b) => Number(b.setByPlan) - Number(a.setByPlan) || a.path.localeCompare(b.path));
}
