/**
 * Allocation optimiser: the split of a fund across counties and measures that maximises expected exits (or,
 * equivalently for the solver, expected avoided returns) under a plan's constraints, solved as a linear
 * programme with HiGHS (WebAssembly, no native binary).
 *
 * The model, for counties c = 0..C−1 and measures m = 0..M−1, with x[c,m] the yuan given to measure m in
 * county c and u the money left unspent:
 *
 * ```text
 * maximise    Σ effect[c,m] · x[c,m]                                  (u has effect 0)
 * subject to  Σ x[c,m] + u = budget                                   budget
 *             Σ_{c in group} Σ_m x[c,m] ≥ share · budget              one per reserved group
 *             Σ_m x[c,m] ≥ countyFloor[c]                             one per county with a floor > 0
 *             Σ_m x[c,m] ≤ countyCap[c]                               one per county with a finite cap
 *             0 ≤ x[c,m] ≤ capacity[c,m]                              capacity, as variable bounds
 *             u ≥ 0
 * ```
 *
 * All the money is accounted for: u is positive only when the counties cannot absorb the budget (capacity or
 * caps below it), so the money is reported rather than lost and the programme stays feasible.
 *
 * Duals are reported per constraint as the change in the objective per yuan added to the constraint's
 * right-hand side (exits per yuan): positive for the budget and for caps (one more yuan allowed is worth that
 * much), negative or zero for reserved shares and floors (one more yuan forced into the group or county costs
 * that much). Raising the budget also raises every reserved requirement share·budget, so the total value of
 * one more budget yuan is `budget dual + Σ share · reserved dual`. Capacity bounds are column bounds; HiGHS
 * reports their duals as the columns' reduced costs, which are listed for the cells at capacity only (a cell
 * below capacity has dual 0), to keep the list short.
 *
 * Internally yuan are divided by the budget and effects by the largest effect, so that the solver works on
 * numbers near 1 whatever the currency scale; results are mapped back to yuan and exits per yuan.
 */
import highsImport from "highs";

/** The allocation problem: counties × measures, a budget, effects and capacities per cell, and constraints. */
export interface AllocationProblem {
  /** County ids (C). */
  counties: readonly string[];
  /** Measure ids (M). */
  measures: readonly string[];
  /** Yuan to allocate, all of it: allocated + unspent = budget. */
  budget: number;
  /** C×M, row-major `[c*M+m]`: expected exits (or avoided returns) per yuan, ≥ 0. */
  effect: Float64Array;
  /** C×M: the most yuan a cell can use (unit cost × eligible households), ≥ 0; `Infinity` for no limit. */
  capacity: Float64Array;
  /**
   * Reserved groups: Σ_{c in group} x ≥ share · budget. `members` has length C, 1 = in the group. Groups may
   * overlap and names may repeat (each group is its own constraint, reported in this order).
   */
  reserved?: { name: string; members: Uint8Array; share: number }[];
  /** C: the least yuan per county (optional). */
  countyFloor?: Float64Array;
  /** C: the most yuan per county (optional; `Infinity` for no cap). */
  countyCap?: Float64Array;
  /** C×M: the plan's own allocation, to report the gain of the optimum over it. */
  plan?: Float64Array;
  /** Label only: both maximise Σ effect · x. */
  objective?: "exits" | "returns";
}

/** One constraint of the programme, its state at the optimum and its dual. */
export interface AllocationConstraint {
  /**
   * Readable name, e.g. `budget`, `reserved deep_poor_counties ≥ 50%`, `floor funan`, `cap linquan`,
   * `capacity linquan/industry`.
   */
  name: string;
  kind: "budget" | "reserved" | "floor" | "cap" | "capacity";
  /** Whether the constraint holds with equality at the reported allocation (within 1e-8 of the budget). */
  binding: boolean;
  /** Value of one more yuan of the constraint's right-hand side, in exits (or avoided returns) per yuan. */
  dual: number;
}

/** The optimum. */
export interface AllocationOptimum {
  status: "optimal";
  /** C×M yuan. */
  allocation: Float64Array;
  /** budget − Σ allocation; positive only when the counties cannot absorb the whole budget. */
  unspent: number;
  /** Σ effect · allocation. */
  value: number;
  /** Σ effect · plan, when a plan is given. */
  planValue?: number;
  /** value − planValue, when a plan is given; ≥ 0 whenever the plan itself meets the constraints. */
  gain?: number;
  /** Constraints the plan breaks (empty when it meets them all), when a plan is given. */
  planViolations?: string[];
  /**
   * The budget, the reserved groups, floors and caps of the programme, then reserved groups with share 0 (not
   * rows of the programme: never binding, dual 0), then the capacity bounds of the cells at capacity.
   */
  constraints: AllocationConstraint[];
  /** Wall time of the whole call: checks, LP text, solve, reading back. */
  seconds: number;
}

/** An allocation problem that is malformed or has no feasible allocation; `problems` lists each cause. */
export class AllocationError extends Error {
  readonly problems: string[];
  constructor(summary: string, problems: string[]) {
    super(`${summary}:\n  - ${problems.join("\n  - ")}`);
    this.name = "AllocationError";
    this.problems = problems;
  }
}

/**
 * The package's ESM build default-exports the loader, while its typings are read as CommonJS (the loader under
 * `.default`); accept either shape.
 */
type LoadHighs = typeof highsImport.default;
const loadHighs: LoadHighs =
  typeof (highsImport as unknown) === "function"
    ? (highsImport as unknown as LoadHighs)
    : (highsImport as unknown as { default: LoadHighs }).default;
type Highs = Awaited<ReturnType<LoadHighs>>;
let highsModule: Promise<Highs> | undefined;

/** The HiGHS module, loaded once per process. */
function highs(): Promise<Highs> {
  highsModule ??= loadHighs().catch((e: unknown) => {
    highsModule = undefined;
    throw e;
  });
  return highsModule;
}

const yuan = (v: number) => `${Math.round(v).toLocaleString("en-US")} yuan`;

function percent(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

/** Relative tolerance used for feasibility pre-checks, binding flags and plan checks. */
const TOL = 1e-8;

function checkArray(problems: string[], name: string, a: unknown, length: number, allowInfinity: boolean): void {
  if (!(a instanceof Float64Array)) {
    problems.push(`${name} must be a Float64Array`);
    return;
  }
  if (a.length !== length) {
    problems.push(`${name} has ${a.length} values, expected ${length}`);
    return;
  }
  let nan = -1,
    neg = -1,
    inf = -1;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (Number.isNaN(v)) nan = nan < 0 ? i : nan;
    else if (v < 0) neg = neg < 0 ? i : neg;
    else if (v === Infinity && !allowInfinity) inf = inf < 0 ? i : inf;
  }
  if (nan >= 0) problems.push(`${name}[${nan}] is NaN`);
  if (neg >= 0) problems.push(`${name}[${neg}] is negative (${a[neg]})`);
  if (inf >= 0) problems.push(`${name}[${inf}] is infinite`);
}

/** Checks shapes and values; throws an AllocationError listing every problem. */
function validate(p: AllocationProblem): void {
  const problems: string[] = [];
  const C = p.counties?.length ?? 0,
    M = p.measures?.length ?? 0;
  if (!Array.isArray(p.counties) || C === 0) problems.push("counties must be a non-empty list of ids");
  if (!Array.isArray(p.measures) || M === 0) problems.push("measures must be a non-empty list of ids");
  if (new Set(p.counties).size !== C) problems.push("county ids must be distinct");
  if (new Set(p.measures).size !== M) problems.push("measure ids must be distinct");
  if (typeof p.budget !== "number" || !Number.isFinite(p.budget) || p.budget < 0)
    problems.push(`budget must be a finite number ≥ 0, got ${String(p.budget)}`);
  checkArray(problems, "effect", p.effect, C * M, false);
  checkArray(problems, "capacity", p.capacity, C * M, true);
  if (p.countyFloor !== undefined) checkArray(problems, "countyFloor", p.countyFloor, C, false);
  if (p.countyCap !== undefined) checkArray(problems, "countyCap", p.countyCap, C, true);
  if (p.plan !== undefined) checkArray(problems, "plan", p.plan, C * M, false);
  for (const [k, g] of (p.reserved ?? []).entries()) {
    const label = `reserved[${k}]${g?.name ? ` (${g.name})` : ""}`;
    if (!g || typeof g.name !== "string" || g.name === "") problems.push(`${label} needs a name`);
    if (!g || typeof g.share !== "number" || !(g.share >= 0 && g.share <= 1))
      problems.push(`${label}: share must be in [0, 1], got ${String(g?.share)}`);
    if (!g || !(g.members instanceof Uint8Array) || g.members.length !== C)
      problems.push(`${label}: members must be a Uint8Array of length ${C} (one per county)`);
  }
  if (problems.length) throw new AllocationError("invalid allocation problem", problems);
}

/** What each county can absorb at most: min(Σ_m capacity, cap). */
function countyAbsorb(p: AllocationProblem): Float64Array {
  const C = p.counties.length,
    M = p.measures.length;
  const a = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let m = 0; m < M; m++) s += p.capacity[c * M + m];
    a[c] = p.countyCap ? Math.min(s, p.countyCap[c]) : s;
  }
  return a;
}

/** The obvious conflicts, found before solving; throws an AllocationError naming them and how to fix them. */
function checkFeasibility(p: AllocationProblem): void {
  const C = p.counties.length,
    M = p.measures.length,
    B = p.budget;
  const slack = TOL * Math.max(B, 1);
  const absorb = countyAbsorb(p);
  const floor = p.countyFloor;
  const problems: string[] = [];
  let floors = 0;
  if (floor) {
    for (let c = 0; c < C; c++) {
      floors += floor[c];
      if (floor[c] > absorb[c] + slack) {
        let cap = 0;
        for (let m = 0; m < M; m++) cap += p.capacity[c * M + m];
        const capText =
          p.countyCap && p.countyCap[c] < cap
            ? `its cap is ${yuan(p.countyCap[c])}`
            : `its measures' capacity sums to ${yuan(cap)}`;
        problems.push(
          `floor ${p.counties[c]} asks for at least ${yuan(floor[c])}, but ${capText}; ` +
            "lower the floor or raise the county's capacity or cap",
        );
      }
    }
    if (floors > B + slack)
      problems.push(
        `the county floors sum to ${yuan(floors)}, above the budget of ${yuan(B)}; ` +
          "lower the floors or raise the budget",
      );
  }
  for (const g of p.reserved ?? []) {
    const need = g.share * B;
    if (need <= 0) continue;
    let can = 0,
      floorsOutside = 0,
      members = 0;
    for (let c = 0; c < C; c++) {
      if (g.members[c]) {
        can += absorb[c];
        members++;
      } else if (floor) floorsOutside += floor[c];
    }
    const label = `reserved ${g.name} ≥ ${percent(g.share)}`;
    if (members === 0)
      problems.push(`${label} needs ${yuan(need)} but the group has no counties; add members or set the share to 0`);
    else if (need > can + slack)
      problems.push(
        `${label} needs ${yuan(need)} in its ${members} counties, which can absorb only ${yuan(can)} ` +
          "(capacity and caps); lower the share or raise those counties' capacity or caps",
      );
    if (need + floorsOutside > B + slack)
      problems.push(
        `${label} needs ${yuan(need)} and the floors of the counties outside the group need ` +
          `${yuan(floorsOutside)}, together above the budget of ${yuan(B)}; ` +
          "lower the share or those floors, or raise the budget",
      );
  }
  if (problems.length) throw new AllocationError("the allocation constraints cannot all be met", problems);
}

/** Shortest round-trip decimal text of a number, as the LP format reads it. */
const num = (v: number) => String(v);

/** Emits `terms` after a line head, a few dozen per line. */
function pushTerms(lines: string[], head: string, terms: string[]): void {
  const per = 40;
  for (let i = 0; i < terms.length; i += per)
    lines.push((i === 0 ? head : "   ") + (i === 0 ? "" : "+ ") + terms.slice(i, i + per).join(" + "));
}

/** The LP with the information needed to read the solution back. */
interface AllocationLp {
  text: string;
  /** Yuan per LP unit (the budget, or 1 when the budget is 0). */
  yuanScale: number;
  /** Exits per yuan per LP cost unit (the largest effect, or 1). */
  effectScale: number;
  /** Cells that are columns of the LP (capacity > 0). */
  cells: Int32Array;
  /** Rows in LP order: readable name, kind, and the county or group they concern. */
  rows: { lp: string; name: string; kind: AllocationConstraint["kind"]; index: number }[];
}

function buildLp(p: AllocationProblem): AllocationLp {
  const C = p.counties.length,
    M = p.measures.length;
  const yuanScale = p.budget > 0 ? p.budget : 1;
  let effectScale = 0;
  for (let i = 0; i < p.effect.length; i++) if (p.effect[i] > effectScale) effectScale = p.effect[i];
  if (!(effectScale > 0)) effectScale = 1;
  const col = (i: number) => `x_${Math.floor(i / M)}_${i % M}`;

  const cellList: number[] = [];
  for (let i = 0; i < C * M; i++) if (p.capacity[i] > 0) cellList.push(i);
  const cells = Int32Array.from(cellList);
  const byCounty: number[][] = Array.from({ length: C }, () => []);
  for (const i of cells) byCounty[Math.floor(i / M)].push(i);

  const lines: string[] = ["Maximize"];
  const obj: string[] = [];
  for (const i of cells) obj.push(`${num(p.effect[i] / effectScale)} ${col(i)}`);
  obj.push("0 unspent");
  pushTerms(lines, " obj: ", obj);
  lines.push("Subject To");
  const rows: AllocationLp["rows"] = [];

  const all = cells.length ? [...cells].map(col) : [];
  all.push("unspent");
  pushTerms(lines, " budget: ", all);
  lines.push(`   = ${num(p.budget / yuanScale)}`);
  rows.push({ lp: "budget", name: "budget", kind: "budget", index: -1 });

  for (const [k, g] of (p.reserved ?? []).entries()) {
    if (!(g.share > 0)) continue;
    const terms: string[] = [];
    for (let c = 0; c < C; c++) if (g.members[c]) for (const i of byCounty[c]) terms.push(col(i));
    const lp = `r${k}`;
    pushTerms(lines, ` ${lp}: `, terms);
    lines.push(`   >= ${num((g.share * p.budget) / yuanScale)}`);
    rows.push({ lp, name: `reserved ${g.name} ≥ ${percent(g.share)}`, kind: "reserved", index: k });
  }
  if (p.countyFloor) {
    for (let c = 0; c < C; c++) {
      if (!(p.countyFloor[c] > 0)) continue;
      const lp = `f${c}`;
      pushTerms(lines, ` ${lp}: `, byCounty[c].map(col));
      lines.push(`   >= ${num(p.countyFloor[c] / yuanScale)}`);
      rows.push({ lp, name: `floor ${p.counties[c]}`, kind: "floor", index: c });
    }
  }
  if (p.countyCap) {
    for (let c = 0; c < C; c++) {
      if (!Number.isFinite(p.countyCap[c]) || byCounty[c].length === 0) continue;
      const lp = `k${c}`;
      pushTerms(lines, ` ${lp}: `, byCounty[c].map(col));
      lines.push(`   <= ${num(p.countyCap[c] / yuanScale)}`);
      rows.push({ lp, name: `cap ${p.counties[c]}`, kind: "cap", index: c });
    }
  }
  lines.push("Bounds");
  for (const i of cells)
    if (Number.isFinite(p.capacity[i])) lines.push(` 0 <= ${col(i)} <= ${num(p.capacity[i] / yuanScale)}`);
  lines.push("End", "");
  return { text: lines.join("\n"), yuanScale, effectScale, cells, rows };
}

/**
 * The CPLEX LP text of the programme (see the module documentation), in scaled units: yuan divided by the budget
 * and effects by the largest effect. Columns are `x_<county index>_<measure index>` (cells with capacity > 0
 * only) and `unspent`; rows are `budget`, `r<group index>`, `f<county index>` and `k<county index>`.
 * Useful to inspect a problem with another LP tool, and to time the model build.
 */
export function allocationLpText(p: AllocationProblem): string {
  validate(p);
  return buildLp(p).text;
}

/**
 * Puts the solver's allocation right to the last yuan: clamps noise outside [0, capacity] (and any negative
 * amount) into the bounds, places unspent money into cells that still have room (capacity and county cap)
 * — at an optimum such cells can only have effect 0 or be blocked by a cap, so this never lowers the value —
 * and renormalises so that Σ allocation + unspent = budget, moving the drift proportionally to the room each
 * cell has in the needed direction, so no bound is broken. Mutates `allocation`; returns the unspent amount.
 *
 * @param unspent the solver's unspent amount (may carry noise).
 */
export function reconcileAllocation(p: AllocationProblem, allocation: Float64Array, unspent: number): number {
  const C = p.counties.length,
    M = p.measures.length,
    B = p.budget;
  const noise = 1e-9 * Math.max(B, 1);
  for (let i = 0; i < allocation.length; i++) {
    const v = allocation[i];
    allocation[i] = !(v > 0) ? 0 : Math.min(v, p.capacity[i]);
  }
  let u = unspent > noise ? unspent : 0;
  // room per cell, limited by each county's remaining cap
  const room = (): { cell: Float64Array; county: Float64Array; total: number } => {
    const cell = new Float64Array(C * M),
      county = new Float64Array(C);
    let total = 0;
    for (let c = 0; c < C; c++) {
      let s = 0,
        r = 0;
      for (let m = 0; m < M; m++) {
        const i = c * M + m;
        s += allocation[i];
        cell[i] = Math.max(0, p.capacity[i] - allocation[i]);
        r += cell[i];
      }
      const capRoom = p.countyCap ? Math.max(0, p.countyCap[c] - s) : Infinity;
      county[c] = Math.min(r, capRoom);
      total += county[c];
    }
    return { cell, county, total };
  };
  const spread = (amount: number): number => {
    // adds up to `amount` proportionally to the room; returns what was placed
    const { cell, county, total } = room();
    if (!(total > 0) || !(amount > 0)) return 0;
    const f = Math.min(1, amount / total);
    let placed = 0;
    for (let c = 0; c < C; c++) {
      if (!(county[c] > 0)) continue;
      let r = 0;
      for (let m = 0; m < M; m++) r += cell[c * M + m];
      const share = (county[c] * f) / r;
      for (let m = 0; m < M; m++) {
        const i = c * M + m;
        if (!(cell[i] > 0)) continue;
        const before = allocation[i];
        allocation[i] = Math.min(p.capacity[i], before + cell[i] * share);
        placed += allocation[i] - before;
      }
    }
    return placed;
  };
  // money the solver left unspent although some cell has room (a tie at effect 0): place it
  if (u > 0) u = Math.max(0, u - spread(u));
  let sum = 0;
  for (let i = 0; i < allocation.length; i++) sum += allocation[i];
  const target = Math.max(0, B - u);
  if (sum > target) {
    const f = target / sum;
    for (let i = 0; i < allocation.length; i++) allocation[i] *= f;
  } else if (sum < target) {
    spread(target - sum);
  }
  sum = 0;
  for (let i = 0; i < allocation.length; i++) sum += allocation[i];
  const rest = B - sum;
  // what is left is either the money the counties cannot absorb or rounding of the sum (~1e-16 relative)
  if (u === 0 && rest <= noise) return 0;
  return rest > 0 ? rest : 0;
}

/** Constraints of the plan that it breaks, in words. */
function planViolations(p: AllocationProblem, plan: Float64Array): string[] {
  const C = p.counties.length,
    M = p.measures.length,
    B = p.budget;
  const slack = TOL * Math.max(B, 1);
  const out: string[] = [];
  let total = 0;
  const perCounty = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    for (let m = 0; m < M; m++) {
      const i = c * M + m;
      total += plan[i];
      perCounty[c] += plan[i];
      if (plan[i] > p.capacity[i] + slack)
        out.push(`capacity ${p.counties[c]}/${p.measures[m]}: plan ${yuan(plan[i])} > ${yuan(p.capacity[i])}`);
    }
    if (p.countyFloor && perCounty[c] < p.countyFloor[c] - slack)
      out.push(`floor ${p.counties[c]}: plan ${yuan(perCounty[c])} < ${yuan(p.countyFloor[c])}`);
    if (p.countyCap && perCounty[c] > p.countyCap[c] + slack)
      out.push(`cap ${p.counties[c]}: plan ${yuan(perCounty[c])} > ${yuan(p.countyCap[c])}`);
  }
  if (total > B + slack) out.push(`budget: plan allocates ${yuan(total)} > ${yuan(B)}`);
  for (const g of p.reserved ?? []) {
    let s = 0;
    for (let c = 0; c < C; c++) if (g.members[c]) s += perCounty[c];
    if (s < g.share * B - slack)
      out.push(`reserved ${g.name} ≥ ${percent(g.share)}: plan gives the group ${yuan(s)} < ${yuan(g.share * B)}`);
  }
  return out;
}

/**
 * Finds the allocation across counties and measures that maximises Σ effect · yuan under the budget, reserved
 * shares, county floors and caps, and per-cell capacity (see the module documentation for the programme), and
 * reports each constraint's dual (the value of one more yuan of its right-hand side) and, given the plan's own
 * allocation, the gain over it.
 *
 * Inputs are validated first; the obvious conflicts (floors above the budget or above what a county can
 * absorb, a reserved share above what its group can absorb or above what the floors elsewhere leave) are
 * reported before solving, and a programme HiGHS finds infeasible is reported with the constraints involved.
 *
 * @throws AllocationError when the problem is malformed or has no feasible allocation.
 */
export async function optimiseAllocation(p: AllocationProblem): Promise<AllocationOptimum> {
  const t0 = performance.now();
  validate(p);
  checkFeasibility(p);
  const C = p.counties.length,
    M = p.measures.length,
    B = p.budget;
  const lp = buildLp(p);
  const h = await highs();
  const r = h.solve(lp.text, {
    output_flag: false,
    primal_feasibility_tolerance: 1e-9,
    dual_feasibility_tolerance: 1e-9,
  });
  if (r.Status !== "Optimal") {
    const involved: string[] = [`budget ${yuan(B)}`];
    for (const g of p.reserved ?? [])
      if (g.share > 0) involved.push(`reserved ${g.name} ≥ ${percent(g.share)} (${yuan(g.share * B)})`);
    if (p.countyFloor) {
      let f = 0,
        n = 0;
      for (let c = 0; c < C; c++) {
        if (p.countyFloor[c] > 0) {
          f += p.countyFloor[c];
          n++;
        }
      }
      if (n) involved.push(`floors of ${n} counties summing to ${yuan(f)}`);
    }
    if (p.countyCap) {
      let n = 0;
      for (let c = 0; c < C; c++) if (Number.isFinite(p.countyCap[c])) n++;
      if (n) involved.push(`caps on ${n} counties`);
    }
    const why =
      r.Status === "Infeasible" || r.Status === "Primal infeasible or unbounded"
        ? "no allocation meets the reserved shares, floors and caps together (each alone can be met; " +
          "several reserved groups overlapping or together above 100% of the budget are the usual cause); " +
          "lower a share or a floor, or raise capacity or caps. Constraints involved"
        : `the solver stopped with status "${r.Status}"; constraints involved`;
    throw new AllocationError(`the allocation problem has no solution: ${why}`, involved);
  }

  const allocation = new Float64Array(C * M);
  for (const i of lp.cells) {
    const colName = `x_${Math.floor(i / M)}_${i % M}`;
    const v = r.Columns[colName];
    allocation[i] = v && "Primal" in v ? v.Primal * lp.yuanScale : 0;
  }
  const uCol = r.Columns["unspent"];
  const unspent = reconcileAllocation(p, allocation, uCol && "Primal" in uCol ? uCol.Primal * lp.yuanScale : 0);

  let value = 0;
  for (let i = 0; i < allocation.length; i++) value += p.effect[i] * allocation[i];

  const perCounty = new Float64Array(C);
  for (let c = 0; c < C; c++) for (let m = 0; m < M; m++) perCounty[c] += allocation[c * M + m];
  const slack = TOL * Math.max(B, 1);
  const dualOf = (d: number | undefined) => {
    const v = (d ?? 0) * lp.effectScale;
    return Math.abs(v) < 1e-12 * lp.effectScale ? 0 : v;
  };
  const rowDual = new Map<string, number>();
  for (const row of r.Rows) if ("Dual" in row) rowDual.set(row.Name, row.Dual);

  const constraints: AllocationConstraint[] = [];
  for (const row of lp.rows) {
    let binding = false;
    if (row.kind === "budget") binding = true;
    else if (row.kind === "reserved") {
      const g = p.reserved![row.index];
      let s = 0;
      for (let c = 0; c < C; c++) if (g.members[c]) s += perCounty[c];
      binding = s <= g.share * B + slack;
    } else if (row.kind === "floor") binding = perCounty[row.index] <= p.countyFloor![row.index] + slack;
    else if (row.kind === "cap") binding = perCounty[row.index] >= p.countyCap![row.index] - slack;
    constraints.push({ name: row.name, kind: row.kind, binding, dual: dualOf(rowDual.get(row.lp)) });
  }
  // reserved groups with share 0 are not rows of the programme: never binding, dual 0
  for (const g of p.reserved ?? []) {
    if (!(g.share > 0))
      constraints.push({ name: `reserved ${g.name} ≥ ${percent(g.share)}`, kind: "reserved", binding: false, dual: 0 });
  }
  for (const i of lp.cells) {
    const cap = p.capacity[i];
    if (!Number.isFinite(cap) || allocation[i] < cap - slack) continue;
    const c = Math.floor(i / M),
      m = i % M;
    const col = r.Columns[`x_${c}_${m}`];
    constraints.push({
      name: `capacity ${p.counties[c]}/${p.measures[m]}`,
      kind: "capacity",
      binding: true,
      dual: dualOf(col && "Dual" in col ? Math.max(0, col.Dual) : 0),
    });
  }

  const out: AllocationOptimum = { status: "optimal", allocation, unspent, value, constraints, seconds: 0 };
  if (p.plan) {
    let planValue = 0;
    for (let i = 0; i < p.plan.length; i++) planValue += p.effect[i] * p.plan[i];
    out.planValue = planValue;
    out.gain = value - planValue;
    out.planViolations = planViolations(p, p.plan);
  }
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}
