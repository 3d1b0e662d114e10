import { MEASURE_LABELS, type Measure } from "./measures.js";
import type { ScenarioOptimum } from "./optimiseScenario.js";

// tiny solver drift is shown as 0, never as "-0.00"
const yi = (x: number) => (Math.abs(x) < 5e5 ? 0 : x / 1e8).toFixed(2);
const int = (x: number) => (Math.abs(x) < 0.5 ? 0 : Math.round(x)).toLocaleString("en-US");

/** Yuan per measure (summed over counties) and per county (summed over measures) of a C×K allocation. */
export function totals(o: ScenarioOptimum, x: Float64Array): { byMeasure: number[]; byCounty: number[] } {
  const K = o.measures.length,
    C = o.counties.ids.length;
  const byMeasure = new Array<number>(K).fill(0),
    byCounty = new Array<number>(C).fill(0);
  for (let c = 0; c < C; c++)
    for (let k = 0; k < K; k++) {
      byMeasure[k] += x[c * K + k];
      byCounty[c] += x[c * K + k];
    }
  return { byMeasure, byCounty };
}

/** The `tuopin optimise --json` document. */
export function optimumToJson(o: ScenarioOptimum) {
  const plan = totals(o, o.plan),
    opt = totals(o, o.optimum.allocation);
  return {
    scenario: o.scenario,
    year: o.year,
    budget: o.budget,
    unit: "yuan",
    objective: "expected exits (people, first order)",
    plan_exits: o.planExits,
    optimum_exits: o.optimumExits,
    gain_exits: o.optimumExits - o.planExits,
    unspent: { plan: o.budget - plan.byMeasure.reduce((a, b) => a + b, 0), optimum: o.optimum.unspent },
    plan_violations: o.optimum.planViolations ?? [],
    measures: o.measures.map((m, k) => ({
      id: m,
      label: MEASURE_LABELS[m as Measure],
      plan: plan.byMeasure[k],
      optimum: opt.byMeasure[k],
    })),
    counties: o.counties.ids.map((id, c) => ({
      id,
      name: o.counties.names[c],
      deep: o.counties.deep[c] === 1,
      plan: plan.byCounty[c],
      optimum: opt.byCounty[c],
    })),
    binding_constraints: o.optimum.constraints
      .filter((c) => c.binding)
      .map((c) => ({ name: c.name, kind: c.kind, exits_per_yuan: c.dual, exits_per_10k_yuan: c.dual * 1e4 })),
    solve_seconds: o.optimum.seconds,
  };
}

/** The optimum as a plain-text report. */
export function formatOptimum(o: ScenarioOptimum): string {
  const j = optimumToJson(o);
  const lines = [
    `${o.scenario}, ${o.year}: ${yi(o.budget)} 亿元 of grants from the plan's money rules`,
    `expected exits (first order): plan ${int(j.plan_exits)}, optimum ${int(j.optimum_exits)}, ` +
      `gain ${int(j.gain_exits)} people`,
    `unspent: plan ${yi(j.unspent.plan)} 亿元, optimum ${yi(j.unspent.optimum)} 亿元`,
    "",
    "measure                 plan (亿元)  optimum (亿元)",
    ...j.measures.map(
      (m) => `${`${m.label} ${m.id}`.padEnd(22)} ${yi(m.plan).padStart(11)}  ${yi(m.optimum).padStart(13)}`,
    ),
    "",
    "binding constraints and the value of one more 10,000 yuan under each (expected exits):",
    ...j.binding_constraints.slice(0, 15).map((c) => `  ${c.name.padEnd(44)} ${c.exits_per_10k_yuan.toFixed(4)}`),
    ...(j.binding_constraints.length > 15
      ? [`  … ${j.binding_constraints.length - 15} more (--json lists them all)`]
      : []),
    ...(j.plan_violations.length
      ? ["", "the plan's own allocation breaks:", ...j.plan_violations.map((v) => `  ${v}`)]
      : []),
  ];
  return lines.join("\n");
}
