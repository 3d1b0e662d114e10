/**
 * The step's hot loop, compiled once per measure table into straight-line code.
 *
 * Why compiled: the measures are a table (src/model/measures.ts) that a study or a test may extend, but a
 * loop over the table for every household-year — an indirect load for each measure's draw, threshold, amount
 * and cost — made the whole step 40–65% slower than the hand-written kernel it replaced (`npm run bench`).
 * So the table is turned into source text once: each measure becomes a few statements with its flag mask,
 * draw and effect as literals, its threshold and amounts in locals, and the xoshiro128** outputs unrolled
 * into locals. V8 compiles that like hand-written code. The table stays the one definition; the generated
 * code is cached per table and can be read with `kernelSource(table)`.
 *
 * Layout of the generated function's inputs (named, in this order): `KERNEL_INPUTS`. Everything that is
 * not about one measure (growth, shocks, status, protection) is the fixed text below, the same for every
 * table; the measure blocks come from `measureBlock`.
 */
import { NORMAL_TABLE } from "../random/rng.js";
import {
  DRAWS,
  Flag,
  flagColumns,
  GUARANTEES,
  householdFlags,
  INCOME_COMPONENTS,
  LINE_TOLERANCE,
  type IncomeComponent,
} from "../model/measures.js";
import { Acc } from "../model/metrics.js";
import { Status, type Registry } from "./registry.js";

/** What the compiled kernel is given for one block of households (see `stepHouseholds`). */
export interface KernelCall {
  reg: Registry;
  lo: number;
  hi: number;
  state: Uint32Array;
  acc: Float64Array;
  measures: boolean;
  exits: boolean;
  villagePoor?: Float64Array;
  villageFalls?: Float64Array;
}

/** The per-table facts the generator needs (the prepared step's measure arrays, in step order). */
export interface KernelLayout {
  /** Measure ids, in step order (named in the generated code). */
  ids: readonly string[];
  /** Effect kind per measure: 0 income, 1 guarantee, 2 relocation, 3 floor (`EFFECT` in step.ts). */
  kind: Uint8Array;
  /** Draw slot per measure (`drawSlot`): the high half of output j at 2j, the low half at 2j + 1. */
  slot: Uint8Array;
  /** Flag mask a household must have (`MeasureDef.eligible`). */
  eligible: Int32Array;
  /** The unmet-guarantee flags a hit clears. */
  repairs: Int32Array;
  /** Which income component a hit raises: 0 none, else 1 + its index in `INCOME_COMPONENTS`. */
  component: Uint8Array;
  /** Whether the household's employment measure exists (relocation's stable job). */
  hasJob: boolean;
  /** 1 for a measure whose hit is recorded in `industryYear` (`MeasureDef.slowReturn`). */
  slow: Uint8Array;
}

/** The helpers the generated code closes over (bound once per compiled table), by name. */
export const KERNEL_HELPERS = ["NORMAL_TABLE", "flagColumns", "householdFlags", "fall", "attributeFall"] as const;

/**
 * Poor people are summed per village in fixed point: round(weight × size × 2^20) per household, an
 * integer, so the sums are exact (below 2^53 for up to 8.5 × 10^9 people) and do not depend on the order
 * households are added — threads may split the villages' households any way and the totals stay equal to
 * a serial run's. Divide by PEOPLE_SCALE for people.
 */
export const PEOPLE_SCALE = 1048576;

/** The 16-bit draw of a slot as an expression over the unrolled outputs `u0 … u{DRAWS−1}` (unsigned). */
function drawExpr(slot: number): string {
  const o = slot >> 1;
  return slot & 1 ? `(u${o} & 0xffff)` : `(u${o} >>> 16)`;
}

/** Statements that write a guarantee's registry column back once a hit puts it right. */
function putRightStatements(repairs: number): string {
  return GUARANTEES.filter((g) => repairs & g.unmet)
    .map((g) => `unmet &= ${~g.unmet}; ${g.column}[i] = 1;`)
    .join(" ");
}

/** The kernel's local of each income component, by `KernelLayout.component` (0: none). */
const INCOME_LOCAL: Record<IncomeComponent, string> = { wage: "wg", farm: "fm", transfer: "tr" };
const ADD = ["", ...INCOME_COMPONENTS.map((c) => INCOME_LOCAL[c])];

/**
 * One measure's statements (step-order index j): eligible when the household has every flag of its mask;
 * reached when its draw is under its threshold `thr{j}`. Income measures add `hit × amount` without a
 * branch (coverage draws are near-50/50 branches the CPU cannot predict, and adding 0 × amount adds exactly
 * 0); a guarantee is put right only where it is unmet; relocation also puts housing and water right and
 * gives a household with labour its stable job; the safety net tops income per person up to the floor.
 */
function measureBlock(L: KernelLayout, j: number): string {
  const mask = L.eligible[j];
  const draw = drawExpr(L.slot[j]);
  const body = ((): string => {
    switch (L.kind[j]) {
      case 0: {
        const add = L.component[j] ? `${ADD[L.component[j]]} += hit * add${j};` : "";
        const mark = L.slow[j] ? " if (hit) industryYear[i] = year;" : "";
        return `const hit = (${draw} - thr${j}) >>> 31; ${add} measureCost += hit * (w * unit${j});${mark}`;
      }
      case 1:
        return `if (${draw} < thr${j}) { ${putRightStatements(L.repairs[j])} guaranteeCost += w * gunit${j}; }`;
      case 2:
        return (
          `if (${draw} < thr${j}) { relocated[i] = 1; ${putRightStatements(L.repairs[j])} ` +
          `guaranteeCost += w * gunit${j};` +
          // 004 §四(三): the plan's stably employed workers per household, as many as the household has
          (L.hasJob
            ? ` if (flags & ${Flag.labour}) { const jw = Math.min(jobWorkers, labourers[i]); ` +
              "wg += k.jobAmount * jw; measureCost += w * k.jobCost * jw; }"
            : "") +
          " }"
        );
      case 3:
        return (
          `if (${draw} < thr${j}) { floored[i] = 1; const gap = floor * n - (wg + fm + pr); ` +
          "if (gap > tr) { measureCost += w * (gap - tr); tr = gap; } }"
        );
      default:
        throw new Error(`unknown measure effect kind ${L.kind[j]}`);
    }
  })();
  return `      // ${L.ids[j]}\n      if ((flags & ${mask}) === ${mask}) { ${body} }`;
}

/** The unrolled xoshiro128** outputs of one household (the same sequence as rng.ts's `nextUint32`). */
function drawsSource(): string {
  const lines: string[] = [];
  for (let j = 0; j < DRAWS; j++) {
    lines.push(
      `    m = Math.imul(s1, 5); t = s1 << 9; const u${j} = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;`,
      "    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);",
    );
  }
  return lines.join("\n");
}

/** Source text of the kernel for a measure layout (readable: `kernelSource`). */
export function generateKernel(L: KernelLayout, drawGrowth: number, shockDraws: number[]): string {
  const M = L.kind.length;
  const per = (f: (j: number) => string) => Array.from({ length: M }, (_, j) => f(j)).join(" ");
  const [dIll, dDis, dEpi, dProt] = shockDraws.map(drawExpr);
  const growthIndex = `(u${drawGrowth >> 1} >>> ${drawGrowth & 1 ? 4 : 20}) & 0xfff`;
  const UNMET = GUARANTEES.reduce((x, g) => x | g.unmet, 0);
  return `"use strict";
  // every column and constant in a local, read once: the loop touches no object whose shape may vary
  const { reg, lo, hi, state, acc, villagePoor, villageFalls } = a;
  const { status, weight, size, village, incomeWage: wage, incomeFarm: farm, incomeTransfer: transfer } = reg;
  const { incomeProperty: property, relocated, floored, illness, disability, elderlyOnly, deep, labourers } = reg;
  const { exitYear, industryYear, ${GUARANTEES.map((g) => g.column).join(", ")} } = reg;
  const cols = flagColumns(reg);
  const line = k.line, year = k.year, measures = a.measures, exits = a.exits, kept = k.kept, reentry = k.reentry;
  const { thresholds, growth, growthSd, sdFragile, illThr, disThr, epidemicThr, epidemicLoss } = k;
  const { illnessCost, illnessLossInsured, illnessLossUninsured, disasterLossShare, floor, band } = k;
  const { jobWorkers, standingTransfer } = k;
  // per measure j (step order): its threshold (one row, or the county's row), income amount and unit costs
  ${per((j) => `let thr${j} = thresholds[${j}];`)}
  ${per((j) => `const add${j} = k.addWage[${j}] + k.addFarm[${j}] + k.addTransfer[${j}];`)}
  ${per((j) => `const unit${j} = k.measureUnit[${j}], gunit${j} = k.guaranteeUnit[${j}];`)}
  const perCounty = k.perCounty, vCounty = perCounty ? reg.villages.county : null, listed = k.listed;
  let s0 = state[0] | 0, s1 = state[1] | 0, s2 = state[2] | 0, s3 = state[3] | 0, m = 0, t = 0;
  let lastVillage = -1;
  let measureCost = 0, guaranteeCost = 0, medicalCost = 0, exitsPeople = 0, exitsHouseholds = 0;
  let poorHouseholds = 0;
  for (let i = lo; i < hi; i++) {
    const st = status[i];
    if (st === ${Status.nonpoor}) continue;
${drawsSource()}
    // the county's thresholds when money sets coverage; every eligible household in a listed village (挂牌督战)
    if ((perCounty || listed !== null) && village[i] !== lastVillage) {
      lastVillage = village[i];
      const o = perCounty ? vCounty[lastVillage] * ${M} : 0;
      if (listed !== null && listed[lastVillage] === 1) { ${per((j) => `thr${j} = 65536;`)} }
      else { ${per((j) => `thr${j} = thresholds[o + ${j}];`)} }
    }
    const w = weight[i], n = size[i];
    const w0 = wage[i], f0 = farm[i], t0 = transfer[i], pr = property[i];
    // 1. growth with household noise (larger for a single market income or a relocated household)
    const fragile = relocated[i] | +(w0 === 0) | +(f0 === 0);
    const g = 1 + growth + (fragile ? sdFragile : growthSd) * NORMAL_TABLE[${growthIndex}];
    const gf = g > 0 ? g : 0;
    let wg = w0 * gf, fm = f0 * gf, tr = t0;
    // a standing payment's change this year (forest compensation, 000 §二(二)7; 0 in most years)
    tr += standingTransfer;
    // 2. measures (one block each, in step order); unmet: the household's unmet guarantees (flag bits)
    let unmet = -1;
    // measures reach the poor, returned households back in the registry (返贫即入) and, while policy is kept
    // after exit (四不摘), exited ones
    const reached = st === ${Status.poor} || (st === ${Status.returned} && reentry) ||
      (st === ${Status.exited} && kept);
    if (measures && reached) {
      const flags = householdFlags(cols, i);
      unmet = flags & ${UNMET};
${Array.from({ length: M }, (_, j) => measureBlock(L, j)).join("\n")}
    }
    // a household on the safety net keeps it: its top-up follows the floor as the floor rises (低保兜底)
    if (floored[i] === 1 && measures) {
      const gap = floor * n - (wg + fm + pr);
      if (gap > tr) { measureCost += w * (gap - tr); tr = gap; }
    }
    wg = Math.fround(wg); fm = Math.fround(fm); tr = Math.fround(tr);
    wage[i] = wg; farm[i] = fm; transfer[i] = tr;
    // 3. shocks: the higher illness chance for a chronically ill or disabled member or an elderly-only
    // household, the higher disaster chance in a deep-poverty area, lost migrant work for a labour household
    const illHit = +(${dIll} < illThr[(illness[i] | disability[i] | elderlyOnly[i]) & 1]);
    const disHit = +(${dDis} < disThr[deep[i] & 1]);
    const epiHit = +(epidemicLoss > 0 && labourers[i] > 0 && ${dEpi} < epidemicThr);
    let loss = 0;
    if (illHit) {
      // out of pocket after insurance and medical assistance (illnessOutOfPocket, src/model/health.ts)
      loss += insured[i] ? illnessLossInsured : illnessLossUninsured;
      if (insured[i]) medicalCost += w * (illnessCost - illnessLossInsured);
    }
    if (disHit) loss += fm * disasterLossShare;
    if (epiHit) loss += wg * epidemicLoss;
    const pc = (wg + fm + tr + pr - loss) / n;
    // 4. status: exit by the household rule, or a fall below the line
    let end = st;
    if (st === ${Status.poor} || st === ${Status.returned}) {
      if (exits && pc >= line - ${LINE_TOLERANCE} && (unmet < 0 ? householdFlags(cols, i) & ${UNMET} : unmet) === 0) {
        status[i] = end = ${Status.exited};
        exitYear[i] = year;
        exitsPeople += w * n;
        exitsHouseholds += w;
      }
    } else if (pc < line - ${LINE_TOLERANCE}) {
      const inBand = (w0 + f0 + t0 + pr) / n < band;
      end = fall(k, reg, i, st, inBand, ${dProt}, pc, w, n, w0, f0, acc);
      if (end !== st) attributeFall(end === ${Status.returned} ? 0 : 1, illHit | (disHit << 1) | (epiHit << 2), i,
        w * n, reg, acc, villageFalls);
    }
    // 5. the year-end poor of the household's village, in fixed point (PEOPLE_SCALE)
    if (villagePoor !== undefined && (end === ${Status.poor} || end === ${Status.returned})) {
      villagePoor[village[i]] += Math.round(w * n * ${PEOPLE_SCALE});
      poorHouseholds += w;
    }
  }
  state[0] = s0; state[1] = s1; state[2] = s2; state[3] = s3;
  acc[${Acc.exitsPeople}] += exitsPeople;
  acc[${Acc.exitsHouseholds}] += exitsHouseholds;
  acc[${Acc.guaranteeCost}] += guaranteeCost;
  acc[${Acc.measureCost}] += measureCost;
  acc[${Acc.medicalCost}] += medicalCost;
  acc[${Acc.poorHouseholds}] += poorHouseholds;
`;
}

/** A compiled kernel: one year for households [lo, hi) of a block (see `stepHouseholds`), with `k` the
 *  prepared step. */
export type Kernel<K> = (a: KernelCall, k: K) => void;

/**
 * Compiles kernel source into `function kernel(a, k)` closing over its helpers (`KERNEL_HELPERS`): the
 * generated code's only free names are `a`, `k` and those.
 */
export function compileKernel<K>(source: string, fall: unknown, attributeFall: unknown): Kernel<K> {
  const make = new Function(...KERNEL_HELPERS, `return function kernel(a, k) {\n${source}}`);
  return make(NORMAL_TABLE, flagColumns, householdFlags, fall, attributeFall) as Kernel<K>;
}
