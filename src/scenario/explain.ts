import { didYouMean } from "../errors.js";
import { BASELINE, PARAMETERS, TARGETS } from "../parameters/catalog.js";
import { formatInstant, yearStart } from "../parameters/period.js";
import type { Parameter } from "../parameters/parameter.js";
import type { Provenance } from "./types.js";
import { provenanceText } from "./provenance.js";
import { parameterRole, type ParameterRole } from "./context.js";
import type { ResolvedScenario } from "./resolve.js";

/** One value in force, with where it came from. */
export interface ExplainedValue {
  period: string;
  value: number;
  unit: string;
  provenance: Provenance;
  /** The scenario file (or data file and line) that set it. */
  file: string;
}

export interface Explanation {
  scenario: string;
  path: string;
  label?: string;
  unit?: string;
  /** Every dated value that was written, in the order they apply (later wins). */
  history: ExplainedValue[];
  /** The value in force on 1 January of each year of the horizon. */
  byYear: { year: number; value: number | null }[];
  /** Non-numeric fields (fund rules). */
  fields?: Record<string, string | number>;
  /** Sub-paths, when the path names a group (a fund rule, `allocation`). */
  children?: string[];
  /** A catalog parameter's role: the engine quantity it drives, or why it is recorded and not simulated. */
  role?: ParameterRole;
}

function fromParameter(s: ResolvedScenario, path: string, p: Parameter, label?: string): Explanation {
  const byYear = [];
  for (let y = s.horizon.start; y <= s.horizon.end; y++)
    byYear.push({ year: y, value: p.entryAt(yearStart(y))?.value ?? null });
  return {
    scenario: s.id,
    path,
    label,
    unit: p.unit,
    history: p.entries.map((e) => ({
      period:
        e.period.from === 0
          ? "always"
          : e.period.to === undefined
            ? `${formatInstant(e.period.from)} →`
            : `${formatInstant(e.period.from)} … ${formatInstant(e.period.to)}`,
      value: e.value,
      unit: p.unit,
      provenance: e.provenance,
      file: e.file,
    })),
    byYear,
  };
}

/** Every path `explain` understands for a scenario, for did-you-mean and listings. */
export function explainablePaths(s: ResolvedScenario): string[] {
  return [
    ...Object.keys(s.baseline).map((k) => `baseline.${k}`),
    ...Object.keys(s.targets).map((k) => `targets.${k}`),
    ...[...s.parameters.keys()],
    ...[...s.funds.values()].flatMap((r) => [
      `funds.${r.id}`,
      ...Object.keys(r.quantities).map((q) => `funds.${r.id}.${q}`),
    ]),
    ...(s.allocation ? Object.keys(s.allocation.weights).map((k) => `allocation.weights.${k}`) : []),
    ...[...(s.programmes?.values() ?? [])].flatMap((p) => [
      `programmes.${p.id}`,
      ...Object.keys(p.quantities).map((q) => `programmes.${p.id}.${q}`),
    ]),
  ];
}

/**
 * The resolved dated values of one parameter (or baseline figure, target, fund rule) and their sources.
 * Returns undefined when the path names nothing; `suggest` then offers the closest path.
 */
export function explain(s: ResolvedScenario, path: string): Explanation | undefined {
  const p = path.replace(/^parameters\./, "");
  const param = s.parameters.get(p);
  if (param) {
    const role = parameterRole(p);
    return { ...fromParameter(s, p, param, PARAMETERS[p]?.label), ...(role ? { role } : {}) };
  }
  const [head, ...rest] = p.split(".");
  const key = rest.join(".");
  if (head === "baseline" && s.baseline[key]) {
    const b = s.baseline[key];
    const { value, unit, file, ...prov } = b;
    return {
      scenario: s.id,
      path: p,
      label: BASELINE[key]?.label,
      unit,
      history: [{ period: `1 January ${s.horizon.start}`, value, unit, provenance: prov, file }],
      byYear: [{ year: s.horizon.start, value }],
    };
  }
  if (head === "targets" && s.targets[key]) {
    return {
      scenario: s.id,
      path: p,
      label: TARGETS[key]?.label,
      unit: TARGETS[key]?.unit,
      history: s.targets[key].map((t) => {
        const { value, unit, file, key: k, year: _y, bound, ...prov } = t;
        void _y;
        return { period: `${k} (${bound})`, value, unit, provenance: prov, file };
      }),
      byYear: s.targets[key].map((t) => ({ year: t.year, value: t.value })),
    };
  }
  if (head === "funds") {
    // funds.<id> or funds.<id>.<field>; rule ids have no dots
    const [id, field] = rest;
    const r = s.funds.get(id);
    if (r && field !== undefined && r.quantities[field])
      return fromParameter(s, `funds.${id}.${field}`, r.quantities[field], r.label);
    if (r && field === undefined) {
      return {
        scenario: s.id,
        path: `funds.${id}`,
        label: r.label,
        history: [],
        byYear: [],
        fields: {
          kind: r.kind,
          pool: r.pool,
          ...(r.clause ? { clause: r.clause } : {}),
          ...(r.years.from ? { from: r.years.from } : {}),
          ...(r.years.to ? { to: r.years.to } : {}),
          ...r.fields,
        },
        children: Object.keys(r.quantities).map((q) => `funds.${id}.${q}`),
      };
    }
  }
  if (head === "programmes") {
    const [id, field] = rest;
    const r = s.programmes?.get(id);
    if (r && field !== undefined && r.quantities[field])
      return fromParameter(s, `programmes.${id}.${field}`, r.quantities[field], r.label);
    if (r && field === undefined)
      return {
        scenario: s.id,
        path: `programmes.${id}`,
        label: r.label,
        history: [],
        byYear: [],
        fields: {
          measure: r.measure,
          rule: r.rule,
          ...(r.clause ? { clause: r.clause } : {}),
          ...(r.purpose ? { purpose: r.purpose } : {}),
        },
        children: Object.keys(r.quantities).map((q) => `programmes.${id}.${q}`),
      };
  }
  if (head === "allocation" && s.allocation) {
    const w = key.replace(/^weights\./, "");
    if (s.allocation.weights[w]) return fromParameter(s, `allocation.weights.${w}`, s.allocation.weights[w]);
  }
  return undefined;
}

export function suggestPath(s: ResolvedScenario, path: string): string | undefined {
  return didYouMean(path, explainablePaths(s));
}

/** Plain text for the terminal. */
export function formatExplanation(e: Explanation): string {
  const lines = [`${e.scenario} · ${e.path}${e.label ? `  (${e.label})` : ""}${e.unit ? `  [${e.unit}]` : ""}`];
  if (e.role && "drives" in e.role) lines.push(`  drives: ${e.role.drives}`);
  if (e.role && "context" in e.role) lines.push(`  recorded, not simulated: ${e.role.context}`);
  if (e.fields) for (const [k, v] of Object.entries(e.fields)) lines.push(`  ${k}: ${v}`);
  if (e.history.length) {
    lines.push("  values as written (later lines win where they apply):");
    for (const h of e.history)
      lines.push(
        `    ${h.period.padEnd(26)} ${String(h.value).padStart(14)}  ${provenanceText(h.provenance)}  (${h.file})`,
      );
  }
  if (e.byYear.length && !e.fields) {
    lines.push("  in force on 1 January:");
    lines.push("    " + e.byYear.map((y) => `${y.year}: ${y.value ?? "—"}`).join("   "));
  }
  if (e.children?.length) lines.push(`  see also: ${e.children.join(", ")}`);
  return lines.join("\n");
}
