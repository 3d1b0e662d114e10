import { overrideParameter } from "../scenario/override.js";
import { horizonYears, type ResolvedScenario } from "../scenario/resolve.js";
import type { RevenueLevel } from "../scenario/types.js";

/** Levels whose revenue increments fund rules earmark (004 §六(一)), with the parameter giving each level's share. */
const LEVEL_SHARE: Record<Exclude<RevenueLevel, "city" | "county">, string> = {
  province: "fiscal.level_share.province",
  poor_county: "fiscal.level_share.poor_county",
  poor_county_city: "fiscal.level_share.poor_county_city",
  other_county: "fiscal.level_share.other_county",
};

/** Local revenue year by year: the region's total and each level's part, in yuan. */
export interface RevenuePath {
  /** The year before the horizon (the last observed one) followed by the horizon's years. */
  years: number[];
  /** The region's local general public budget revenue. */
  total: Float64Array;
  byLevel: Record<RevenueLevel, Float64Array>;
  /** Index of county revenue (1 in the year before the horizon), grown by `fiscal.county_revenue_growth`. */
  countyIndex: Float64Array;
  /** Where the first year's revenue comes from. */
  source: string;
}

/**
 * Projects local revenue from the last observed year (baseline `local_revenue`, the year before the
 * horizon, from data/baselines/<region>.csv) with the scenario's growth path `fiscal.revenue_growth` (a fall
 * is a negative growth). Each level collects a fixed share of the total (`fiscal.level_share.*`; `city` is
 * the cities containing poor counties, `county` all counties). Without a baseline revenue, or from a year
 * without a growth value, the path is NaN and a rule that needs it stops with a clear error (rules.ts).
 */
export function projectRevenue(s: ResolvedScenario): RevenuePath {
  const years = [s.horizon.start - 1, ...horizonYears(s)];
  const n = years.length;
  const total = new Float64Array(n).fill(NaN);
  const countyIndex = new Float64Array(n).fill(1);
  const base = s.baseline.local_revenue;
  const growth = (path: string, y: number) => s.parameters.get(path)?.atYear(y);
  if (base) {
    total[0] = base.value;
    // a year without a growth value leaves the path undefined from there (NaN): rules that need it say so
    for (let t = 1; t < n; t++) total[t] = total[t - 1] * (1 + (growth("fiscal.revenue_growth", years[t]) ?? NaN));
  }
  for (let t = 1; t < n; t++)
    countyIndex[t] =
      countyIndex[t - 1] *
      (1 + (growth("fiscal.county_revenue_growth", years[t]) ?? growth("fiscal.revenue_growth", years[t]) ?? 0));
  const share = (level: keyof typeof LEVEL_SHARE, y: number) => s.parameters.get(LEVEL_SHARE[level])?.atYear(y) ?? NaN;
  const level = (f: (y: number) => number) => Float64Array.from(years, (y, t) => total[t] * f(y));
  const byLevel: Record<RevenueLevel, Float64Array> = {
    province: level((y) => share("province", y)),
    poor_county: level((y) => share("poor_county", y)),
    poor_county_city: level((y) => share("poor_county_city", y)),
    other_county: level((y) => share("other_county", y)),
    city: level((y) => share("poor_county_city", y)),
    county: level((y) => share("poor_county", y) + share("other_county", y)),
  };
  return {
    years,
    total,
    byLevel,
    countyIndex,
    source: base ? `baseline local_revenue ${years[0]} (${base.file ?? "data/baselines"})` : "none",
  };
}

/**
 * A copy of a scenario with another revenue path: `fiscal.revenue_growth` set year by year (each year a
 * bounded value, so years not given keep the scenario's own growth). `why` is recorded as the values'
 * assumption, so the manifest says where the path came from.
 */
export function withRevenueGrowth(
  s: ResolvedScenario,
  growth: Readonly<Record<number, number>>,
  why: string,
): ResolvedScenario {
  for (const [y, g] of Object.entries(growth)) {
    if (!Number.isFinite(g) || g <= -1)
      throw new Error(`withRevenueGrowth: growth for ${y} must be a number above −1 (a fall of 5% is −0.05), got ${g}`);
  }
  const values = Object.entries(growth).map(([y, value]) => ({ from: Number(y), to: Number(y), value }));
  return overrideParameter(s, "fiscal.revenue_growth", values, { assumption: why }, "(withRevenueGrowth)");
}
