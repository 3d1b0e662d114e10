import type { RegionTable } from "../data/regions.js";
import { yearParams } from "../engine/params.js";
import { CAUSES, Status, type Registry } from "../engine/registry.js";
import { registryAtYear } from "../funds/engine.js";
import { illnessOutOfPocket } from "../model/health.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { householdHazard, RISK_CAUSES, type RiskCause } from "./hazard.js";

/** One household of the monitoring list (a registry row; `households` identical households). */
export interface WatchedHousehold {
  row: number;
  status: "exited" | "marginal";
  county: string;
  village: number;
  households: number;
  size: number;
  incomeRatio: number;
  cause: string;
  hazard: number;
  fall: number;
  caught: number;
  driver: RiskCause;
  /** Why it is in the band: income under band × line, or a large shock (an uninsured serious illness
   *  would take more than 30% of its income). */
  reason: "income" | "shock";
}

export interface RiskReport {
  scenario: string;
  year: number;
  /** Expected returns and new poor this year (Σ people × hazard). */
  expected: { returns: number; newPoor: number; byCause: Record<RiskCause, number> };
  /** The policy band and its size against the monitoring guidance. */
  band: {
    multiple: number;
    households: number;
    people: number;
    exitedPeople: number;
    marginalPeople: number;
    share: number;
    target: number;
    max: number;
    registered: number;
  };
  /** Rows in the band, highest hazard first (`top` of them). */
  households: WatchedHousehold[];
  /** Villages by expected returns and new poor this year, highest first (`top` of them). */
  villages: { village: number; county: string; poorVillage: boolean; expected: number; watched: number }[];
}

/** Guidance on the size of the monitored population (share of the registered): about 5%, at most 10% in
 *  deep-poverty areas, unless the scenario sets `monitoring.share_target` / `monitoring.share_max`. */
export const MONITORING_GUIDANCE = { target: 0.05, max: 0.1 } as const;

/**
 * The monitoring list of a scenario for one year (the first by default; a later year starts from one
 * replicate stepped to it with the scenario's seed): the hazard of every exited and marginal household
 * (`householdHazard`), the policy band (income per person under `monitoring.income_band_multiple` × the
 * line, or exposed to a large shock), the households and villages ranked by risk, and the band's size
 * against the guidance.
 */
export function monitoringList(
  s: ResolvedScenario,
  options: { regions: RegionTable; year?: number; top?: number },
): RiskReport {
  const year = options.year ?? s.horizon.start;
  const reg = registryAtYear(s, options.regions, year);
  return riskOf(s, reg, year, options.top ?? 20);
}

/** The risk report of a registry as it stands at the start of `year`. */
export function riskOf(s: ResolvedScenario, reg: Registry, year: number, top: number): RiskReport {
  const P = yearParams(s, year);
  const byCause = Object.fromEntries(RISK_CAUSES.map((c) => [c, 0])) as Record<RiskCause, number>;
  let returns = 0,
    newPoor = 0,
    bandHouseholds = 0,
    bandPeople = 0,
    bandExited = 0,
    bandMarginal = 0,
    registeredPeople = 0;
  const villageExpected = new Float64Array(reg.villages.n),
    villageWatched = new Float64Array(reg.villages.n);
  const watched: WatchedHousehold[] = [];
  for (let i = 0; i < reg.n; i++) {
    const st = reg.status[i];
    const w = reg.weight[i],
      n = reg.size[i];
    if (st !== Status.marginal && st !== Status.nonpoor) registeredPeople += w * n;
    if (st !== Status.exited && st !== Status.marginal) continue;
    const h = householdHazard(reg, i, P);
    const people = w * n * h.hazard;
    if (st === Status.exited) returns += people;
    else newPoor += people;
    byCause[h.cause] += people;
    villageExpected[reg.village[i]] += people;
    const income = reg.incomeWage[i] + reg.incomeFarm[i] + reg.incomeTransfer[i] + reg.incomeProperty[i];
    const bigShock =
      illnessOutOfPocket(P.illnessCost, P.health, reg.insured[i] === 1) > 0.3 * income && reg.illness[i] === 1;
    const inBand = h.incomeRatio < P.monitoringBand || bigShock;
    if (!inBand) continue;
    bandHouseholds += w;
    bandPeople += w * n;
    if (st === Status.exited) bandExited += w * n;
    else bandMarginal += w * n;
    villageWatched[reg.village[i]] += w;
    watched.push({
      row: i,
      status: st === Status.exited ? "exited" : "marginal",
      county: reg.counties.ids[reg.villages.county[reg.village[i]]],
      village: reg.village[i],
      households: w,
      size: n,
      incomeRatio: h.incomeRatio,
      cause: CAUSES[reg.cause[i]],
      hazard: h.hazard,
      fall: h.fall,
      caught: h.caught,
      driver: h.cause,
      reason: h.incomeRatio < P.monitoringBand ? "income" : "shock",
    });
  }
  watched.sort((a, b) => b.hazard - a.hazard || a.row - b.row);
  const villages = Array.from(villageExpected, (x, v) => ({
    village: v,
    county: reg.counties.ids[reg.villages.county[v]],
    poorVillage: reg.villages.poor[v] === 1,
    expected: x,
    watched: villageWatched[v],
  }))
    .filter((v) => v.expected > 0)
    .sort((a, b) => b.expected - a.expected || a.village - b.village);
  const registered = s.baseline.registered_poor_total?.value ?? registeredPeople;
  return {
    scenario: s.id,
    year,
    expected: { returns, newPoor, byCause },
    band: {
      multiple: P.monitoringBand,
      households: bandHouseholds,
      people: bandPeople,
      exitedPeople: bandExited,
      marginalPeople: bandMarginal,
      share: registered > 0 ? bandPeople / registered : 0,
      target: s.parameters.get("monitoring.share_target")?.atYear(year) ?? MONITORING_GUIDANCE.target,
      max: s.parameters.get("monitoring.share_max")?.atYear(year) ?? MONITORING_GUIDANCE.max,
      registered,
    },
    households: watched.slice(0, top),
    villages: villages.slice(0, top),
  };
}

export function formatRisk(r: RiskReport): string {
  const int = (x: number) => Math.round(x).toLocaleString("en-US");
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const b = r.band;
  const guidance = `guidance about ${pct(b.target)}, at most ${pct(b.max)}`;
  const above = b.share > b.max ? " — above the most the guidance allows" : "";
  const household = (h: RiskReport["households"][number]) =>
    [
      String(h.row).padStart(6),
      h.status.padEnd(8),
      h.county.padEnd(12),
      String(h.size).padStart(4),
      h.incomeRatio.toFixed(2).padStart(11),
      h.cause.padEnd(12),
      pct(h.hazard).padStart(6) + " ",
      h.driver.padEnd(8),
      h.reason,
    ].join("  ");
  return [
    `${r.scenario}, ${r.year}: expected returns ${int(r.expected.returns)}, ` +
      `expected new poor ${int(r.expected.newPoor)} people`,
    `  by what drives them: ${RISK_CAUSES.map((c) => `${c} ${int(r.expected.byCause[c])}`).join(", ")}`,
    `monitoring band (income under ${b.multiple} × line, or a large illness shock): ` +
      `${int(b.households)} households, ${int(b.people)} people ` +
      `(${int(b.exitedPeople)} exited, ${int(b.marginalPeople)} marginal) = ` +
      `${pct(b.share)} of ${int(b.registered)} registered (${guidance})${above}`,
    "",
    `households most at risk (of ${r.households.length} shown):`,
    "   row  status    county        size  income/line  cause         hazard   driver    reason",
    ...r.households.map(household),
    "",
    "villages by expected returns and new poor:",
    ...r.villages.map(
      (v) =>
        `  village ${String(v.village).padStart(5)} (${v.county}${v.poorVillage ? ", poor village" : ""}): ` +
        `${v.expected.toFixed(1)} people expected, ${int(v.watched)} households in the band`,
    ),
  ].join("\n");
}
