import { ValidationError } from "../errors.js";
import type { RegionTable } from "../data/regions.js";
import { normal, seededRng, type Rng } from "../random/rng.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { byCountyType, countyType, CountyType, incidenceWeight, typeShares } from "./countyTypes.js";
import { registryParams, yearParams, type RegistryParams } from "./params.js";
import {
  allocateRegistry,
  CAUSES,
  NO_YEAR,
  Status,
  type CountyTable,
  type Registry,
  type VillageTable,
} from "./registry.js";

/** Stream key of registry generation (distinct from the replicates' streams, which start at 0). */
const REGISTRY_STREAM = 0x7e61;
/** Stream key of the villages' collective incomes (its own stream: the households' draws stay as they were). */
const VILLAGE_STREAM = 0x7e62;

/** Incidence range drawn for registered poor villages at the start. assumption: poor villages were designated
 *  for incidence well above the average (roughly 10–30%). */
const POOR_VILLAGE_INCIDENCE: [number, number] = [0.1, 0.3];

export interface GenerateOptions {
  regions: RegionTable;
  /** Overrides `model.registry.max_rows` (the benchmark uses one row per household). */
  maxRows?: number;
  /** Overrides the poor people of the baseline (the benchmark's 2014 registration). */
  poorPeople?: number;
  /** Allocate the household arrays in shared memory (for stepping one registry on several threads). */
  shared?: boolean;
}

function requireBaseline(s: ResolvedScenario, key: string): number {
  const q = s.baseline[key];
  if (!q) {
    throw new ValidationError([
      {
        file: s.files[0].file,
        line: 0,
        column: 0,
        path: `baseline.${key}`,
        message: {
          zh: `住户模型需要基线 ${key}（情景或 data/baselines/ 中）`,
          en:
            `the household engine needs baseline.${key}; ` +
            `give it in the scenario or in data/baselines/${s.region.id}.csv with its source`,
        },
      },
    ]);
  }
  return q.value;
}

/** Shares that sum to 1, drawn from Gamma(k, 1)-like weights (sum of k exponentials), scaled by `tilt`. */
function randomShares(rng: Rng, n: number, tilt: (i: number) => number, k = 3): Float64Array {
  const w = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let g = 0;
    for (let j = 0; j < k; j++) g -= Math.log(1 - rng());
    w[i] = g * tilt(i);
    sum += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= sum;
  return w;
}

/**
 * Generates the baseline registry of a scenario from its region's aggregates, deterministically (its own
 * seeded stream): counties (the region's poor counties from data/regions.csv where it lists them, else
 * numbered ones), poor and other villages, and households with size, labour, cause, guarantees and incomes
 * relative to the line. People are exact: Σ size × weight = baseline.poor_people.
 *
 * Counties differ by type (src/engine/countyTypes.ts): a deep county's incidence is
 * `model.registry.deep_county.incidence_ratio` times an ordinary poor county's, and the mean income ratio and
 * the share without labour of each type's registered poor are the region's values shifted by the type's
 * `model.registry.*_county.*_shift`, re-centred so that the region's means stay the region's. A household in a
 * deep county or a deep village lives in a deep-poverty area (`deep`: more disasters).
 *
 * Where the aggregates are silent the distributions are the `model.registry.*` parameters, each an
 * explicit assumption in scenarios/base/defaults.yaml.
 */
export function generateRegistry(s: ResolvedScenario, options: GenerateOptions): Registry {
  const P: RegistryParams = registryParams(s);
  const start = s.horizon.start;
  const line = yearParams(s, start).line;
  const rng = seededRng(s.seed, REGISTRY_STREAM);
  const poorPeople = options.poorPeople ?? requireBaseline(s, "poor_people");
  const size0 =
    s.baseline.household_size?.value ??
    (s.baseline.poor_households ? poorPeople / s.baseline.poor_households.value : P.householdSize);
  const households = Math.max(1, Math.round(poorPeople / size0));
  const maxRows = options.maxRows ?? P.maxRows;
  const rows = Math.max(1, Math.min(households, Math.floor(maxRows)));
  const marginalRows = Math.round(rows * P.marginalRatio);
  // households registered and already out before the horizon (registered total − poor at the start): the
  // pool that returns come from. Their rows carry their own weight (at most as many rows as the poor's).
  const exitedPeople =
    options.poorPeople === undefined ? Math.max(0, (s.baseline.registered_poor_total?.value ?? 0) - poorPeople) : 0;
  const exitedRows = exitedPeople > 0 ? Math.max(1, Math.min(rows, Math.round((rows * exitedPeople) / poorPeople))) : 0;
  const firstExitYear = start - 3;

  // 1. Counties: the region itself when it is a county; else its poor counties from data, padded.
  const counties = buildCounties(s, options.regions);
  // 2. Villages per county: poor villages hold poorVillageShare of the poor, others the rest.
  const poorVillages = Math.max(counties.n, Math.round(s.baseline.poor_villages?.value ?? counties.n * 10));
  const deepVillages = Math.round(s.baseline.deep_poor_villages?.value ?? 0);
  const ruralPopulation =
    s.baseline.rural_population?.value ?? poorPeople / (s.baseline.poverty_incidence?.value ?? 0.1);
  // the population: poorCountyPopulationShare in the poor counties, the rest in the other-counties aggregate;
  // the poor: in proportion to each county's population times its type's incidence (a deep county's is
  // model.registry.deep_county.incidence_ratio times an ordinary one's), then poorCountyPoorShare of them in
  // the poor counties, the rest in the other-counties aggregate
  const hasOther = counties.poor.includes(0) && counties.poor.includes(1);
  const popShare = randomShares(rng, counties.n, () => 1);
  const countyShare = randomShares(rng, counties.n, (c) => popShare[c] * incidenceWeight(counties, c, P.countyTypes));
  if (hasOther) {
    const poorTotal = (arr: Float64Array) => arr.reduce((a, x, c) => a + (counties.poor[c] ? x : 0), 0);
    const scale = (arr: Float64Array, inPoor: number) => {
      const pt = poorTotal(arr),
        ot = 1 - pt;
      for (let c = 0; c < counties.n; c++)
        arr[c] = counties.poor[c] ? (arr[c] / pt) * inPoor : (arr[c] / ot) * (1 - inPoor);
    };
    scale(countyShare, P.poorCountyPoorShare);
    scale(popShare, P.poorCountyPopulationShare);
  }
  const villagesOf: number[][] = [];
  const vCounty: number[] = [],
    vPop: number[] = [],
    vPoor: number[] = [],
    vDeep: number[] = [],
    vPoorPeople: number[] = [];
  // poor villages spread over counties in proportion to their poor; at least one each
  const pvPerCounty = Array.from(countyShare, (sh) => Math.max(1, Math.round(sh * poorVillages)));
  for (let c = 0; c < counties.n; c++) {
    villagesOf[c] = [];
    const poorHere = countyShare[c] * poorPeople;
    const inPoorVillages = poorHere * P.poorVillageShare;
    const nPoorV = pvPerCounty[c];
    for (let k = 0; k < nPoorV; k++) {
      const people = inPoorVillages / nPoorV;
      const inc = POOR_VILLAGE_INCIDENCE[0] + rng() * (POOR_VILLAGE_INCIDENCE[1] - POOR_VILLAGE_INCIDENCE[0]);
      villagesOf[c].push(vCounty.length);
      vCounty.push(c);
      vPoor.push(1);
      vDeep.push(0);
      vPoorPeople.push(people);
      vPop.push(people / inc);
    }
  }
  // the other (non-poor) villages never exit, so each county's are one aggregate: its share of the rest of
  // the rural population and of the poor living outside poor villages
  const poorVillagePop = vPop.reduce((a, b) => a + b, 0);
  const restPop = Math.max(ruralPopulation - poorVillagePop, poorPeople * (1 - P.poorVillageShare) * 4);
  for (let c = 0; c < counties.n; c++) {
    villagesOf[c].push(vCounty.length);
    vCounty.push(c);
    vPoor.push(0);
    vDeep.push(0);
    vPoorPeople.push(countyShare[c] * poorPeople * (1 - P.poorVillageShare));
    vPop.push(popShare[c] * restPop);
  }
  flagDeepVillages(deepVillages, counties, vCounty, vPoor, vDeep);
  const villages: VillageTable = {
    n: vCounty.length,
    county: Uint32Array.from(vCounty),
    population: Float64Array.from(vPop),
    poor: Uint8Array.from(vPoor),
    deep: Uint8Array.from(vDeep),
    exitYear: new Uint16Array(vCounty.length),
    collectiveIncome: collectiveIncomes0(s, vPoor, P.collectiveIncomeMean),
  };
  for (let v = 0; v < villages.n; v++) counties.population[villages.county[v]] += villages.population[v];

  // 3. Households: rows assigned to villages in proportion to their poor people (cumulative shares).
  const reg = allocateRegistry(rows + marginalRows + exitedRows, villages, counties, { shared: options.shared });
  const cum = new Float64Array(villages.n);
  let acc = 0;
  for (let v = 0; v < villages.n; v++) cum[v] = acc += vPoorPeople[v];
  const pickVillage = (u: number) => {
    const x = u * acc;
    let lo = 0,
      hi = villages.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // by county type: the mean income ratio and the share without labour, re-centred on the region's values
  const shares = typeShares(counties, countyShare);
  const T = P.countyTypes;
  const incomeMean = byCountyType(P.incomeRatioMean, T.incomeRatioShift, shares, 0.05, 5);
  const noLabourShare = byCountyType(P.noLabourShare, T.noLabourShift, shares, 0, 1);
  // log-normal with each type's mean
  const mu = incomeMean.map((m) => Math.log(m) - (P.incomeRatioSd * P.incomeRatioSd) / 2);
  const illnessIdx = CAUSES.indexOf("illness"),
    disabilityIdx = CAUSES.indexOf("disability");
  const otherCauses = CAUSES.map((_, k) => k).filter((k) => k !== illnessIdx && k !== disabilityIdx);
  let people = 0,
    exitedSizes = 0;
  for (let i = 0; i < reg.n; i++) {
    const exited = i >= rows + marginalRows;
    const marginal = i >= rows && !exited;
    const v = pickVillage(rng());
    reg.village[i] = v;
    const type = countyType(counties, villages.county[v]);
    // a deep-poverty area: a deep county or a deep village (e.g. Kunming's 166, 000 §二(一))
    reg.deep[i] = type === CountyType.deep || villages.deep[v] ? 1 : 0;
    // size: 1 + Poisson(size0 − 1) by inversion, at most 12
    let k = 0,
      p = Math.exp(-(size0 - 1)),
      F = p;
    const u = rng();
    while (u > F && k < 11) {
      k++;
      p *= (size0 - 1) / k;
      F += p;
    }
    reg.size[i] = 1 + k;
    const c = rng();
    reg.cause[i] =
      c < P.illnessCauseShare
        ? illnessIdx
        : c < P.illnessCauseShare + P.disabilityCauseShare
          ? disabilityIdx
          : otherCauses[Math.floor(rng() * otherCauses.length)];
    const noLabour = rng() < noLabourShare[type];
    reg.labourers[i] = noLabour ? 0 : Math.min(reg.size[i], 1 + (rng() < 0.4 ? 1 : 0));
    reg.elderlyOnly[i] = noLabour && rng() < 0.5 ? 1 : 0;
    reg.illness[i] = reg.cause[i] === illnessIdx || rng() < 0.1 ? 1 : 0;
    reg.disability[i] = reg.cause[i] === disabilityIdx || rng() < 0.03 ? 1 : 0;
    reg.schoolChildren[i] = reg.size[i] > 2 && rng() < 0.5 ? 1 : 0;
    // income per person relative to the line: log-normal for the registered; 1–1.5 × line for marginal households
    // exited households: above the line by an exponential margin with mean exitedIncomeMargin
    const ratio = exited
      ? 1 + P.exitedIncomeMargin * -Math.log(1 - rng())
      : marginal
        ? 1 + 0.5 * rng()
        : Math.exp(mu[type] + P.incomeRatioSd * normal(rng));
    const income = ratio * line * reg.size[i];
    if (reg.labourers[i] > 0) {
      reg.incomeWage[i] = 0.45 * income;
      reg.incomeFarm[i] = 0.4 * income;
      reg.incomeTransfer[i] = 0.15 * income;
    } else {
      reg.incomeFarm[i] = 0.3 * income;
      reg.incomeTransfer[i] = 0.7 * income;
    }
    // exited households met every guarantee when they exited (the household exit standard)
    const met = marginal || exited;
    reg.housingSafe[i] = met || rng() >= P.housingUnsafeShare ? 1 : 0;
    reg.waterSafe[i] = met || rng() >= P.waterUnsafeShare ? 1 : 0;
    reg.insured[i] = met || rng() >= P.uninsuredShare ? 1 : 0;
    reg.schooling[i] = met || reg.schoolChildren[i] === 0 || rng() >= P.schoolingUnmetShare ? 1 : 0;
    reg.status[i] = exited ? Status.exited : marginal ? Status.marginal : Status.poor;
    // assumption: earlier exits spread evenly over the three years before the horizon
    reg.exitYear[i] = exited ? firstExitYear + Math.floor(rng() * (start - firstExitYear)) : NO_YEAR;
    if (exited) exitedSizes += reg.size[i];
    else if (!marginal) people += reg.size[i];
  }
  // 4. Weights: the poor and marginal rows stand for the same number of households each, so that the poor
  //    are exact; the exited rows theirs, so that the exited are exact too.
  const w = poorPeople / people;
  reg.weight.fill(w);
  if (exitedRows > 0) reg.weight.fill(exitedPeople / exitedSizes, rows + marginalRows);
  return reg;
}

/**
 * Flags `count` poor villages as deeply impoverished, in place: those of deep counties first, then of
 * ordinary poor counties, then of the other counties (a plan may count deep villages without deep counties,
 * as Kunming's 166, 000 §二(一)).
 */
function flagDeepVillages(
  count: number,
  counties: CountyTable,
  vCounty: number[],
  vPoor: number[],
  vDeep: number[],
): void {
  let left = count;
  for (const t of [CountyType.deep, CountyType.poor, CountyType.nonpoor])
    for (let v = 0; v < vCounty.length && left > 0; v++)
      if (vPoor[v] && !vDeep[v] && countyType(counties, vCounty[v]) === t) {
        vDeep[v] = 1;
        left--;
      }
}

/** Each poor village's collective operating income at the start: exponential with the given mean
 *  (`model.villages.collective_income_mean`), drawn on its own stream; 0 for the other-villages aggregates. */
function collectiveIncomes0(s: ResolvedScenario, poor: readonly number[], mean: number): Float64Array {
  const rng = seededRng(s.seed, VILLAGE_STREAM);
  return Float64Array.from(poor, (p) => (p ? -mean * Math.log(1 - rng()) : 0));
}

/** The scenario region's counties: itself if a county; else its poor counties from data, padded to the
 *  baseline count. */
function buildCounties(s: ResolvedScenario, regions: RegionTable): CountyTable {
  const west = s.zone === "west" ? 1 : 0;
  const ids: string[] = [],
    names: string[] = [],
    poor: number[] = [],
    deep: number[] = [];
  if (s.region.level === "county" || s.region.level === "village") {
    ids.push(s.region.id);
    names.push(s.region.name_zh);
    poor.push(s.region.flags.includes("poor_county") || (s.baseline.poor_counties?.value ?? 0) > 0 ? 1 : 0);
    deep.push(s.region.flags.includes("deep_poor_county") ? 1 : 0);
  } else {
    const wanted = Math.round(s.baseline.poor_counties?.value ?? 0);
    // the baseline counts the region's deep counties (none without the count: a region's deep counties are
    // its plan's, and the national backtest's inputs stop at 2015, before they were designated in 2017)
    const wantedDeep = Math.round(s.baseline.deep_poor_counties?.value ?? 0);
    const listed: { id: string; name: string; deep: boolean }[] = [];
    const walk = (id: string) => {
      for (const ch of regions.children.get(id) ?? []) {
        if (ch.level === "county" && ch.flags.includes("poor_county"))
          listed.push({ id: ch.id, name: ch.name_zh, deep: ch.flags.includes("deep_poor_county") });
        walk(ch.id);
      }
    };
    walk(s.region.id);
    // deep counties first, then the others in data order, as many as the baseline says remain
    listed.sort((a, b) => Number(b.deep) - Number(a.deep));
    const take = wanted > 0 ? listed.slice(0, wanted) : listed;
    let listedDeep = 0;
    for (const c of take) {
      ids.push(c.id);
      names.push(c.name);
      poor.push(1);
      deep.push(c.deep && listedDeep < wantedDeep ? (listedDeep++, 1) : 0);
    }
    for (let k = take.length; k < wanted; k++) {
      ids.push(`${s.region.id}-poor-county-${k + 1}`);
      names.push(`${s.region.name_zh}贫困县${k + 1}`);
      poor.push(1);
      deep.push(0);
    }
    // deep flags up to the baseline count, on counties not yet flagged (order of the data, then numbered)
    let deepCount = deep.reduce((a, b) => a + b, 0);
    for (let k = 0; k < ids.length && deepCount < wantedDeep; k++) {
      if (!deep[k]) {
        deep[k] = 1;
        deepCount++;
      }
    }
    // the registered poor outside poor counties
    ids.push(`${s.region.id}-other-counties`);
    names.push(`${s.region.name_zh}其他县`);
    poor.push(0);
    deep.push(0);
  }
  const n = ids.length;
  return {
    n,
    ids,
    names,
    poor: Uint8Array.from(poor),
    deep: Uint8Array.from(deep),
    west: new Uint8Array(n).fill(west),
    population: new Float64Array(n),
    exitYear: new Uint16Array(n),
  };
}
