import type { ResolvedScenario } from "../../scenario/resolve.js";
import type { FundState } from "./kind.js";

/** Assumed splits of employment placements among the per-worker bases the seeds pay for. */
const WORKER_BASIS_SHARE: Record<string, number> = {
  // assumption: organised exports split evenly between out of province and out of county (000 §二(二)2
  // pays both, no split given)
  worker_out_of_province: 0.5,
  worker_out_of_county: 0.5,
  // every placed worker stays away 3 months or more (the transport subsidy's condition): an upper bound
  worker_away_3_months: 1,
  // assumption: a fifth of placements are hires by poverty workshops (扶贫车间); no figure in the seeds
  hire: 0.2,
};

/** How many units a per-unit basis counts this year, and how that was reached. */
export function countBasis(s: ResolvedScenario, per: string, year: number, st: FundState): [number, string] {
  switch (per) {
    case "poor_household":
      return [st.poorHouseholds, "poor households at the start of the year"];
    case "poor_person":
    case "person_year":
      return [st.poorPeople, "poor people at the start of the year"];
    case "village":
      return [st.poorVillages, "poor villages not yet out"];
    case "county":
      return [st.poorCounties, "poor counties not yet out"];
    case "deep_county":
      return [st.deepCounties, "deeply impoverished counties"];
    case "public_job_month": {
      const jobs = s.parameters.get("employment.public_jobs_weak_labour")?.atYear(year);
      return jobs === undefined
        ? [0, "no count of public jobs (employment.public_jobs_weak_labour)"]
        : [jobs, "employment.public_jobs_weak_labour"];
    }
    default:
      if (per in WORKER_BASIS_SHARE)
        return [
          st.placements * WORKER_BASIS_SHARE[per],
          `${WORKER_BASIS_SHARE[per]} × expected placements (assumption)`,
        ];
      return [0, `the model does not count ${per}; give the rule a count`];
  }
}
