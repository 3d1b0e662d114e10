import { quantileSorted } from "simple-statistics";
import { loadRegions, type RegionTable } from "../data/regions.js";
import { generateRegistry } from "../engine/generate.js";
import type { Registry } from "../engine/registry.js";
import type { Mode } from "../engine/run.js";
import { runEngine } from "../funds/engine.js";
import { checkScenarioFunds } from "../funds/rules.js";
import { PARAMETERS } from "../parameters/catalog.js";
import { Parameter, type DatedValue } from "../parameters/parameter.js";
import { formatInstant, yearStart, type Period } from "../parameters/period.js";
import { horizonYears, targetIn, type ResolvedFundRule, type ResolvedScenario } from "../scenario/resolve.js";
import { provenanceText } from "../scenario/provenance.js";
import type { Provenance } from "../scenario/types.js";
import { VERSION } from "../version.js";

/**
 * A policy lever: one dated value in force during the horizon whose provenance gives a `range` (the plan's
 * own range, or a stated plausible one). Sensitivity moves it to each end of its range.
 */
export interface Lever {
  /** Unique id: the path, or `path@key` when one parameter has several dated values with a range. */
  id: string;
  /** Parameter path (`model.measures.industry.coverage`) or fund-rule path (`funds.<id>.<field>`,
   *  `funds.<id>.inputs.<name>`). */
  path: string;
  /** Period key of the dated value as written (`"2018"`, `"2020-01-01.2020-12-31"`, or `"ETERNITY"` for a plain
   *  quantity). */
  key: string;
  source: "parameter" | "fund";
  label: string;
  label_en: string;
  unit: string;
  /** The scenario's value. */
  value: number;
  range: [number, number];
  /** The horizon's years in which this dated value is in force (read on 1 January, as the engine does). */
  years: number[];
  /** Where the value comes from: source, address, assumption or derivation, then its note. */
  provenance: string;
  /** The dated value itself. */
  entry: DatedValue;
}

/** Outcomes of one run (base or variant), each a P50 over replicates. */
export interface SensitivityOutcome {
  /** Poor people at the end of the target (horizon end) year, mechanistic mode. */
  poor: number;
  /** Spending on measures and guarantees over the horizon, mechanistic mode, yuan. */
  cost: number;
  /** Cost of meeting the plan's quotas over the horizon, target-following mode, yuan; null when the plan sets no
   *  quota. */
  target_cost: number | null;
}

/** One row per lever: its setting at each end of its range and the effects, as a plain object (CSV/JSON ready). */
export interface SensitivityRow {
  scenario: string;
  region: string;
  target_year: number;
  lever: string;
  path: string;
  period: string;
  label: string;
  label_en: string;
  unit: string;
  value: number;
  low: number;
  high: number;
  poor_base: number;
  poor_low: number;
  poor_high: number;
  poor_delta_low: number;
  poor_delta_high: number;
  /** |poor_high − poor_low|, the sort key. */
  poor_swing: number;
  cost_base: number;
  cost_low: number;
  cost_high: number;
  cost_delta_low: number;
  cost_delta_high: number;
  target_cost_base: number | null;
  target_cost_low: number | null;
  target_cost_high: number | null;
  target_cost_delta_low: number | null;
  target_cost_delta_high: number | null;
  provenance: string;
}

export interface SensitivityOptions {
  regions?: RegionTable;
  /** __Default value:__ the scenario's seed */
  seed?: number;
  /** Replicates of every run (base and each variant). __Default value:__ 20 */
  replicates?: number;
  /** Registry rows (overrides `model.registry.max_rows`). __Default value:__ the scenario's own */
  maxRows?: number;
  /** Only these levers (by id or path). __Default value:__ every lever the scenario marks */
  levers?: string[];
  /**
   * Run the target-following mode as well, for the cost of meeting the quotas. __Default value:__ true when
   * the plan sets yearly quotas (`people_exit` or `poor_remaining`), else false
   */
  targetMode?: boolean;
  /** Called after each replicate of each run with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface SensitivityResult {
  scenario: ResolvedScenario;
  model: string;
  seed: number;
  replicates: number;
  years: number[];
  target_year: number;
  /** The outcomes of the scenario as it stands. */
  base: SensitivityOutcome;
  levers: Lever[];
  /** One per lever, by the swing in poor people, largest first. */
  rows: SensitivityRow[];
  /** Engine runs made (variants whose value equals the scenario's reuse the base run). */
  runs: number;
  elapsedSeconds: number;
}

/** Replicates of each run unless told otherwise: enough for a P50, fast enough to run per lever. */
export const SENSITIVITY_REPLICATES = 20;

/** Chinese and English names of fund-rule numeric fields, for lever labels. */
const FIELD_LABELS: Record<string, [string, string]> = {
  share: ["比例", "share"],
  amount: ["金额", "amount"],
  stock: ["存量资金", "stock"],
  cap: ["上限", "cap"],
  count: ["数量", "count"],
  ratio: ["比例", "ratio"],
  helped: ["受帮扶县数", "counties helped"],
};

function rangeOf(e: DatedValue): [number, number] | undefined {
  const r = (e.provenance as Provenance & { range?: unknown }).range;
  return Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === "number" && Number.isFinite(x))
    ? [r[0] as number, r[1] as number]
    : undefined;
}

/** Levers of one parameter: its dated values with a range, in force in at least one of `years`. */
function leversOf(
  p: Parameter,
  years: number[],
  meta: Omit<Lever, "id" | "key" | "value" | "range" | "years" | "provenance" | "entry" | "path" | "unit">,
): Lever[] {
  const inForce = new Map<DatedValue, number[]>();
  for (const y of years) {
    const e = p.entryAt(yearStart(y));
    if (e && rangeOf(e)) inForce.set(e, [...(inForce.get(e) ?? []), y]);
  }
  return [...inForce].map(([e, ys]) => ({
    ...meta,
    id: p.path,
    path: p.path,
    key: e.key,
    unit: p.unit,
    value: e.value,
    range: rangeOf(e)!,
    years: ys,
    provenance: provenanceText(e.provenance),
    entry: e,
  }));
}

/**
 * Every policy lever of a scenario: each dated value in force during the horizon (on 1 January of one of
 * its years) whose provenance gives a `range`, among the parameters and the enabled fund rules' numbers
 * (quantities and formula inputs, within the rule's years). Parameters first by path, then fund rules.
 */
export function findLevers(s: ResolvedScenario): Lever[] {
  const years = horizonYears(s);
  const out: Lever[] = [];
  for (const path of [...s.parameters.keys()].sort()) {
    const def = PARAMETERS[path];
    out.push(
      ...leversOf(s.parameters.get(path)!, years, {
        source: "parameter",
        label: def?.label ?? path,
        label_en: def?.label_en ?? path,
      }),
    );
  }
  for (const id of [...s.funds.keys()].sort()) {
    const rule = s.funds.get(id)!;
    const ruleYears = years.filter((y) => (rule.years.from ?? -Infinity) <= y && y <= (rule.years.to ?? Infinity));
    for (const field of Object.keys(rule.quantities).sort()) {
      const [zh, en] = FIELD_LABELS[field] ?? [field, field];
      out.push(
        ...leversOf(rule.quantities[field], ruleYears, {
          source: "fund",
          label: `${rule.label} · ${zh}`,
          label_en: `${id} · ${en}`,
        }),
      );
    }
    for (const name of Object.keys(rule.inputs).sort()) {
      out.push(
        ...leversOf(rule.inputs[name], ruleYears, {
          source: "fund",
          label: `${rule.label} · ${name}`,
          label_en: `${id} · ${name}`,
        }),
      );
    }
  }
  // a parameter with several dated values with a range has one lever each, told apart by the period key
  const count = new Map<string, number>();
  for (const l of out) count.set(l.path, (count.get(l.path) ?? 0) + 1);
  for (const l of out) {
    if (count.get(l.path)! > 1) {
      l.id = `${l.path}@${l.key}`;
      l.label += `（${l.key}）`;
      l.label_en += ` (${l.key})`;
    }
  }
  return out;
}

/**
 * The periods covering exactly the lever's years: one per run of consecutive years; open-ended when it reaches
 * the horizon's end.
 */
function overridePeriods(years: number[], end: number): Period[] {
  const out: Period[] = [];
  let i = 0;
  while (i < years.length) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    out.push(
      years[j] === end ? { from: yearStart(years[i]) } : { from: yearStart(years[i]), to: years[j] * 10000 + 1231 },
    );
    i = j + 1;
  }
  return out;
}

const periodKey = (p: Period) =>
  p.to === undefined ? formatInstant(p.from) : `${formatInstant(p.from)}.${formatInstant(p.to)}`;

/**
 * The scenario with one lever set to `value`, the original untouched: the lever's parameter (or fund-rule
 * number) is replaced by a copy whose entries end with an override, from the first horizon year in which
 * the lever is in force, open-ended (bounded only where the scenario's own value stops before the horizon's
 * end, so later dated values keep their years).
 */
export function leverVariant(
  s: ResolvedScenario,
  lever: Lever,
  value: number,
  side: "low" | "high" | "value" = "value",
): ResolvedScenario {
  const horizonEnd = s.horizon.end;
  const withOverride = (p: Parameter): Parameter =>
    new Parameter(p.path, p.unit, [
      ...p.entries,
      ...overridePeriods(lever.years, horizonEnd).map((period): DatedValue => ({
        period,
        key: periodKey(period),
        value,
        provenance: {
          ...lever.entry.provenance,
          note:
            `sensitivity: ${side === "value" ? "set to" : `${side} end of the range`} ${value} ` +
            `(range [${lever.range.join(", ")}] of ${lever.id})`,
        },
        file: lever.entry.file,
      })),
    ]);
  if (lever.source === "parameter") {
    const parameters = new Map(s.parameters);
    parameters.set(lever.path, withOverride(s.parameters.get(lever.path)!));
    return { ...s, parameters };
  }
  // funds.<id>.<field> or funds.<id>.inputs.<name>; rule ids may not contain dots, fields and inputs neither
  const m = /^funds\.([^.]+)\.(?:(inputs)\.)?([^.]+)$/.exec(lever.path);
  const rule = m && s.funds.get(m[1]);
  if (!m || !rule) throw new Error(`no fund rule for lever ${lever.path}`);
  const next: ResolvedFundRule = m[2]
    ? { ...rule, inputs: { ...rule.inputs, [m[3]]: withOverride(rule.inputs[m[3]]) } }
    : { ...rule, quantities: { ...rule.quantities, [m[3]]: withOverride(rule.quantities[m[3]]) } };
  const funds = new Map(s.funds);
  funds.set(rule.id, next);
  return { ...s, funds };
}

/** P50 over replicates (simple-statistics' order statistics, as in the tidy rows), to the cent/hundredth. */
const p50 = (xs: Float64Array) => Number(quantileSorted(Array.from(Float64Array.from(xs).sort()), 0.5).toFixed(2));

/** Whether the plan sets yearly exit quotas, which the target-following mode follows. */
export function hasQuotas(s: ResolvedScenario): boolean {
  return horizonYears(s).some(
    (y) => targetIn(s, "people_exit", y) !== undefined || targetIn(s, "poor_remaining", y) !== undefined,
  );
}

/**
 * One-at-a-time sensitivity: each lever moved to the low and to the high end of its range, everything else
 * as in the scenario, with paired random numbers: the base and every variant run with the same seed and
 * replicate count on the same generated registry (levers of `model.registry.*` change the registry, which
 * is then generated per variant from the same seed). Effects are on P50s over replicates of the target
 * year's poor people and of the horizon's spending (mechanistic), and of the quotas' cost (target mode).
 *
 *   scenario ──findLevers──▶ levers (dated values with a range)
 *   base registry (generated once) ──▶ base run; per lever: low run, high run (same seed, same registry)
 *   ──▶ rows sorted by |poor_high − poor_low| ──▶ table, JSON, CSV, tornado chart
 */
export function runSensitivity(s: ResolvedScenario, options: SensitivityOptions = {}): SensitivityResult {
  checkScenarioFunds(s);
  const t0 = performance.now();
  const regions = options.regions ?? loadRegions();
  const seed = options.seed ?? s.seed;
  const R = options.replicates ?? SENSITIVITY_REPLICATES;
  const years = horizonYears(s);
  const T = years.length;
  let levers = findLevers(s);
  if (options.levers) {
    const want = new Set(options.levers);
    const unknown = options.levers.filter((w) => !levers.some((l) => l.id === w || l.path === w));
    if (unknown.length)
      throw new Error(
        `${s.id} has no lever ${unknown.map((u) => `"${u}"`).join(", ")}; ` +
          `its levers: ${levers.map((l) => l.id).join(", ") || "none"}`,
      );
    levers = levers.filter((l) => want.has(l.id) || want.has(l.path));
  }
  const target = options.targetMode ?? hasQuotas(s);
  const modes: Mode[] = target ? ["mechanistic", "target"] : ["mechanistic"];

  // variants whose value is the scenario's own reuse the base run: paired, so the result is the same
  const variants = levers.flatMap((l) =>
    (["low", "high"] as const).map((side) => ({ lever: l, side, value: l.range[side === "low" ? 0 : 1] })),
  );
  const toRun = variants.filter((v) => v.value !== v.lever.value);
  const total = (1 + toRun.length) * modes.length * R;
  let done = 0;
  const progress = options.onProgress && ((d: number) => options.onProgress!(done + d, total));

  const baseRegistry = generateRegistry(s, { regions, maxRows: options.maxRows });
  let runs = 0;
  const outcome = (v: ResolvedScenario, registry: Registry): SensitivityOutcome => {
    const o: SensitivityOutcome = { poor: 0, cost: 0, target_cost: null };
    for (const mode of modes) {
      const r = runEngine(v, { regions, mode, seed, replicates: R, registry, onProgress: progress });
      runs++;
      done += R;
      const perRep = new Float64Array(R);
      if (mode === "mechanistic") {
        const poor = r.metrics.poor_people!,
          measure = r.metrics.measure_cost!,
          guarantee = r.metrics.guarantee_cost!;
        for (let k = 0; k < R; k++) perRep[k] = poor[k * T + T - 1];
        o.poor = p50(perRep);
        for (let k = 0; k < R; k++) {
          let c = 0;
          for (let t = 0; t < T; t++) c += measure[k * T + t] + guarantee[k * T + t];
          perRep[k] = c;
        }
        o.cost = p50(perRep);
      } else {
        const tc = r.metrics.target_cost!;
        for (let k = 0; k < R; k++) {
          let c = 0;
          for (let t = 0; t < T; t++) c += tc[k * T + t];
          perRep[k] = c;
        }
        o.target_cost = p50(perRep);
      }
    }
    return o;
  };

  const base = outcome(s, baseRegistry);
  const results = new Map<string, SensitivityOutcome>();
  for (const v of variants) {
    if (v.value === v.lever.value) {
      results.set(`${v.lever.id}|${v.side}`, base);
      continue;
    }
    const variant = leverVariant(s, v.lever, v.value, v.side);
    const registry = v.lever.path.startsWith("model.registry.")
      ? generateRegistry(variant, { regions, maxRows: options.maxRows })
      : baseRegistry;
    results.set(`${v.lever.id}|${v.side}`, outcome(variant, registry));
  }

  const r2 = (x: number) => Number(x.toFixed(2));
  const d = (a: number | null, b: number | null) => (a === null || b === null ? null : r2(a - b));
  const rows: SensitivityRow[] = levers.map((l) => {
    const lo = results.get(`${l.id}|low`)!,
      hi = results.get(`${l.id}|high`)!;
    return {
      scenario: s.id,
      region: s.region.id,
      target_year: s.horizon.end,
      lever: l.id,
      path: l.path,
      period: l.key,
      label: l.label,
      label_en: l.label_en,
      unit: l.unit,
      value: l.value,
      low: l.range[0],
      high: l.range[1],
      poor_base: base.poor,
      poor_low: lo.poor,
      poor_high: hi.poor,
      poor_delta_low: r2(lo.poor - base.poor),
      poor_delta_high: r2(hi.poor - base.poor),
      poor_swing: r2(Math.abs(hi.poor - lo.poor)),
      cost_base: base.cost,
      cost_low: lo.cost,
      cost_high: hi.cost,
      cost_delta_low: r2(lo.cost - base.cost),
      cost_delta_high: r2(hi.cost - base.cost),
      target_cost_base: base.target_cost,
      target_cost_low: lo.target_cost,
      target_cost_high: hi.target_cost,
      target_cost_delta_low: d(lo.target_cost, base.target_cost),
      target_cost_delta_high: d(hi.target_cost, base.target_cost),
      provenance: l.provenance,
    };
  });
  // largest swing in poor people first; then in money; then by id, so the order is stable
  rows.sort(
    (a, b) =>
      b.poor_swing - a.poor_swing ||
      Math.abs(b.cost_high - b.cost_low) - Math.abs(a.cost_high - a.cost_low) ||
      (a.lever < b.lever ? -1 : a.lever > b.lever ? 1 : 0),
  );
  return {
    scenario: s,
    model: "household engine",
    seed,
    replicates: R,
    years,
    target_year: s.horizon.end,
    base,
    levers,
    rows,
    runs,
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}

/** The columns of a sensitivity row, in CSV order. */
export const SENSITIVITY_COLUMNS = [
  "scenario",
  "region",
  "target_year",
  "lever",
  "path",
  "period",
  "label",
  "label_en",
  "unit",
  "value",
  "low",
  "high",
  "poor_base",
  "poor_low",
  "poor_high",
  "poor_delta_low",
  "poor_delta_high",
  "poor_swing",
  "cost_base",
  "cost_low",
  "cost_high",
  "cost_delta_low",
  "cost_delta_high",
  "target_cost_base",
  "target_cost_low",
  "target_cost_high",
  "target_cost_delta_low",
  "target_cost_delta_high",
  "provenance",
] as const satisfies readonly (keyof SensitivityRow)[];

/** The `--json` document. */
export function sensitivityToJson(result: SensitivityResult) {
  const s = result.scenario;
  return {
    tuopin_version: VERSION,
    scenario: {
      id: s.id,
      label: s.label,
      label_en: s.label_en,
      region: s.region.id,
      horizon: s.horizon,
      files: s.files,
    },
    model: result.model,
    seed: result.seed,
    replicates: result.replicates,
    target_year: result.target_year,
    outcomes: {
      poor: "P50 over replicates of poor people at the end of the target year (mechanistic mode), people",
      cost: "P50 over replicates of measure_cost + guarantee_cost summed over the horizon (mechanistic mode), yuan",
      target_cost:
        "P50 over replicates of target_cost summed over the horizon (target-following mode), yuan; " +
        "null when the plan sets no quota",
    },
    base: result.base,
    levers: result.rows,
  };
}
