/**
 * County types (issue 13, item 5): deeply impoverished counties (深度贫困县), ordinary poor counties (贫困县) and
 * the rest (non-poor counties, where registered poor live too). The registered poor differ by type in
 * incidence, income relative to the line and the share without labour (the generator, src/engine/generate.ts),
 * and measures cost more in a deep county (the money's need, src/funds/measures.ts). Each coefficient is a
 * `model.registry.*_county.*` or `model.costs.deep_county_multiplier` parameter with its provenance in
 * scenarios/base/defaults.yaml.
 */
import type { CountyTypeParams, YearParams } from "./params.js";
import type { CountyTable } from "./registry.js";

/** The types, as indices into the `[non-poor, ordinary poor, deep]` triples of `CountyTypeParams`. */
export const CountyType = { nonpoor: 0, poor: 1, deep: 2 } as const;
export type CountyTypeCode = (typeof CountyType)[keyof typeof CountyType];

/** The type of county c. */
export function countyType(counties: CountyTable, c: number): CountyTypeCode {
  return counties.deep[c] ? CountyType.deep : counties.poor[c] ? CountyType.poor : CountyType.nonpoor;
}

/**
 * A quantity by county type, re-centred on the region's value: `base + shift[t] − Σ_u share[u] × shift[u]`,
 * clamped to [lo, hi]. `share` is each type's share of the registered poor, so that the region's mean stays
 * the base (the region-wide figures of the reference, e.g. the registered poor's mean income ratio 1.2) and
 * only the split between types moves; in a region with one type the shift cancels.
 */
export function byCountyType(
  base: number,
  shift: readonly [number, number, number],
  share: readonly [number, number, number],
  lo: number,
  hi: number,
): [number, number, number] {
  const mean = share[0] * shift[0] + share[1] * shift[1] + share[2] * shift[2];
  const at = (t: number) => Math.min(hi, Math.max(lo, base + shift[t] - mean));
  return [at(0), at(1), at(2)];
}

/** Each type's share of the registered poor, from the counties' shares of them. */
export function typeShares(counties: CountyTable, poorShare: ArrayLike<number>): [number, number, number] {
  const s: [number, number, number] = [0, 0, 0];
  let total = 0;
  for (let c = 0; c < counties.n; c++) {
    s[countyType(counties, c)] += poorShare[c];
    total += poorShare[c];
  }
  return total > 0 ? [s[0] / total, s[1] / total, s[2] / total] : [0, 1, 0];
}

/** The incidence weight of a county's type relative to an ordinary poor county (deep: the ratio). */
export function incidenceWeight(counties: CountyTable, c: number, P: CountyTypeParams): number {
  return counties.deep[c] ? P.deepIncidenceRatio : 1;
}

/**
 * The unit-cost multiplier of each county (the hook of the money's need, `buyCoverage`): a deep county's
 * measures cost `deepCountyCostMultiplier` times the plan's unit costs, every other county's cost them.
 */
export function countyCostMultiplier(counties: CountyTable, P: YearParams): Float64Array {
  return Float64Array.from(counties.deep, (d) => (d ? P.deepCountyCostMultiplier : 1));
}
