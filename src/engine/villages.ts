/**
 * Villages as the plans see them, beyond their incidence: the collective income of each poor village
 * (村集体经营性收入), the PV stations that lift it (光伏扶贫, 000 §二(二)1), the collective-income condition of
 * its exit (Kunming 000 §一(二), Quanzhou 003 §六), and the villages listed for supervision (挂牌督战, 002 §三(二)).
 * The exit rule itself is `recordYear` (run.ts); this file gives it the year's collective incomes.
 */
import type { YearParams } from "./params.js";
import { Status, type Registry, type VillageTable } from "./registry.js";

/** The order in which poor villages get a station, cached per registry's village table (its collective
 *  incomes, which clones share). */
const pvOrders = new WeakMap<Float64Array, Uint32Array>();

/**
 * The poor villages in the order stations go to them: deeply impoverished villages first, then the weakest
 * collectives (000 §二(二)1 pairs the stations with the plan for weak collectives, 集体经济薄弱村发展提升计划),
 * then by index.
 */
export function pvOrder(V: VillageTable): Uint32Array {
  const income = V.collectiveIncome;
  if (income === undefined) return new Uint32Array(0);
  const known = pvOrders.get(income);
  if (known) return known;
  const poor: number[] = [];
  for (let v = 0; v < V.n; v++) if (V.poor[v]) poor.push(v);
  poor.sort((a, b) => V.deep[b] - V.deep[a] || income[a] - income[b] || a - b);
  const order = Uint32Array.from(poor);
  pvOrders.set(income, order);
  return order;
}

/**
 * The year's collective income of each village, yuan: its own, and for the first `industry.pv_villages` poor
 * villages of `pvOrder` at least `industry.pv_village_income_min` (光伏电站覆盖的贫困村集体经济收入长期稳定达5万元以上,
 * 000 §二(二)1: a station brings its village's collective income to that level). Undefined for a registry
 * without collective incomes.
 */
export function collectiveIncomes(
  V: VillageTable,
  P: Partial<Pick<YearParams, "pvVillages" | "pvVillageIncome">>,
): Float64Array | undefined {
  if (V.collectiveIncome === undefined) return undefined;
  const out = V.collectiveIncome.slice();
  const order = pvOrder(V);
  const stations = Math.min(order.length, Math.max(0, Math.floor(P.pvVillages ?? 0)));
  const lifted = P.pvVillageIncome ?? 0;
  for (let k = 0; k < stations; k++) out[order[k]] = Math.max(out[order[k]], lifted);
  return out;
}

/**
 * The villages listed for supervision (挂牌督战, 002 §三(二)): the registered poor villages with at least
 * `monitoring.listed_village_poor_min` registered poor people (poor, returned or exited) or at least
 * `monitoring.listed_village_remaining_min` poor not yet out, counted on the registry as it stands (the
 * seed fixes the list on the end-2019 counts, the start of its horizon). Undefined when neither is set.
 * The other-villages aggregates are many villages each, so they are never listed.
 */
export function listedVillages(
  reg: Registry,
  P: Pick<YearParams, "listedVillagePoorMin" | "listedVillageRemainingMin">,
): Uint8Array | undefined {
  if (!Number.isFinite(P.listedVillagePoorMin) && !Number.isFinite(P.listedVillageRemainingMin)) return undefined;
  const V = reg.villages;
  const registered = new Float64Array(V.n),
    remaining = new Float64Array(V.n);
  for (let i = 0; i < reg.n; i++) {
    const st = reg.status[i];
    const people = reg.weight[i] * reg.size[i];
    if (st === Status.poor || st === Status.returned) remaining[reg.village[i]] += people;
    if (st === Status.poor || st === Status.returned || st === Status.exited) registered[reg.village[i]] += people;
  }
  return Uint8Array.from(V.poor, (p, v) =>
    p && (registered[v] >= P.listedVillagePoorMin || remaining[v] >= P.listedVillageRemainingMin) ? 1 : 0,
  );
}

/**
 * The years' parameters with the villages each year lists (`YearParams.listedVillages`), listed on the
 * registry at the start of the horizon (`reg`, before any step); years that list none are returned as given.
 * Listed villages' eligible poor households are all reached by every measure: the listing is where the
 * plan concentrates its effort so that every problem is cleared (确保辖区内所有行政村、贫困户问题全部清零, 002 §四(三)).
 */
export function withListedVillages(reg: Registry, params: YearParams[]): YearParams[] {
  return params.map((P) => {
    const listed = listedVillages(reg, P);
    return listed && listed.includes(1) ? { ...P, listedVillages: listed } : P;
  });
}
