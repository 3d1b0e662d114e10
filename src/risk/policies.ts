import { quantileSorted } from "simple-statistics";
import type { RegionTable } from "../data/regions.js";
import { runEngine } from "../funds/engine.js";
import { overrideParameter } from "../scenario/override.js";
import type { ResolvedScenario } from "../scenario/resolve.js";

/** The protective policies whose worth is measured, and the setting that switches each off. */
export const PROTECTIVE_POLICIES = [
  { id: "transition", zh: "脱贫后渐退期", path: "safety_net.transition_months", off: 0 },
  { id: "policy_kept", zh: "摘帽不摘政策", path: "monitoring.policy_kept_after_exit", off: 0 },
  { id: "monitoring", zh: "防返贫动态监测", path: "monitoring.detection_rate", off: 0 },
  { id: "cadre_pairing", zh: "干部结对帮扶", path: "monitoring.cadre_pairing", off: 0 },
  { id: "insurance_topup", zh: "医疗兜底报销", path: "health.topup_reimbursement", off: 0 },
  { id: "safety_net", zh: "兜底保障", path: "model.measures.safety_net.coverage", off: 0 },
] as const;

export interface PolicyValue {
  id: string;
  zh: string;
  path: string;
  /** Returns and new poor over the horizon, mean over replicates, without and with the policy. */
  fallsWithout: number;
  fallsWith: number;
  avoided: number;
  /** P10 and P90 over replicates of the paired difference (falls without − with, same seed and registry). */
  avoidedP10: number;
  avoidedP90: number;
  /** Extra spending with the policy over the horizon (protection, medical payouts, measures, guarantees), yuan. */
  cost: number;
  /** cost / avoided, or null when nothing is avoided. */
  costPerAvoided: number | null;
}

/** The scenario with a parameter set to `value` for the whole horizon. */
export function withSetting(s: ResolvedScenario, path: string, value: number, why: string): ResolvedScenario {
  return overrideParameter(s, path, [{ from: s.horizon.start, value }], { assumption: why }, "(policy value)");
}

/** Whether a policy is in force in some year of the horizon (its parameter is set and not already off). */
function inForce(s: ResolvedScenario, path: string, off: number): boolean {
  const p = s.parameters.get(path);
  if (!p) return false;
  for (let y = s.horizon.start; y <= s.horizon.end; y++) if ((p.atYear(y) ?? off) !== off) return true;
  return false;
}

/**
 * What each protective policy in force is worth: the scenario with and without it (the policy's setting
 * off for the whole horizon), with paired seeds (the same registry and random streams), reported as returns
 * and new poor avoided over the horizon and the extra money spent per fall avoided.
 */
export function policyValues(
  s: ResolvedScenario,
  options: {
    regions: RegionTable;
    replicates?: number;
    seed?: number;
    onProgress?: (done: number, total: number) => void;
  },
): PolicyValue[] {
  const R = options.replicates ?? 20,
    seed = options.seed ?? s.seed;
  const policies = PROTECTIVE_POLICIES.filter((p) => inForce(s, p.path, p.off));
  const summary = (x: ResolvedScenario) => {
    const r = runEngine(x, { regions: options.regions, replicates: R, seed, mode: "mechanistic" });
    const m = r.metrics,
      T = r.years.length;
    const perReplicate = new Float64Array(R);
    let cost = 0;
    for (let k = 0; k < R; k++) {
      for (let t = 0; t < T; t++) {
        const j = k * T + t;
        perReplicate[k] += m.returns_people![j] + m.new_poor_people![j];
        cost += m.protection_cost![j] + m.medical_cost![j] + m.measure_cost![j] + m.guarantee_cost![j];
      }
    }
    return { perReplicate, falls: perReplicate.reduce((a, b) => a + b, 0) / R, cost: cost / R };
  };
  const total = policies.length + 1;
  const base = summary(s);
  options.onProgress?.(1, total);
  return policies.map((p, k) => {
    const off = summary(withSetting(s, p.path, p.off, `policy value: ${p.id} switched off`));
    options.onProgress?.(k + 2, total);
    const avoided = off.falls - base.falls,
      cost = base.cost - off.cost;
    const diffs = Array.from(off.perReplicate, (x, k) => x - base.perReplicate[k]).sort((a, b) => a - b);
    return {
      id: p.id,
      zh: p.zh,
      path: p.path,
      fallsWithout: off.falls,
      fallsWith: base.falls,
      avoided,
      avoidedP10: quantileSorted(diffs, 0.1),
      avoidedP90: quantileSorted(diffs, 0.9),
      cost,
      costPerAvoided: avoided > 0 ? cost / avoided : null,
    };
  });
}
