/**
 * Health cover (健康扶贫): what a serious illness costs a household, how many uninsured poor enrol in a year,
 * and what contracted chronic care does to the chance of a serious illness. One definition each: the yearly
 * step (src/engine/step.ts, whose kernel constants come from here), the closed-form hazard
 * (src/risk/hazard.ts) and the monitoring list (src/risk/monitoring.ts) all call these functions; the year's
 * parameters (src/engine/params.ts) read their inputs once.
 */

/**
 * The year's rules a serious illness's cost runs through, as shares of the compliant cost (合规医疗费用)
 * unless stated. A rule a plan does not state is neutral: 0 for a reimbursement floor, 1 for a self-pay cap,
 * `Infinity` for the assistance ceiling (the top-ups are then paid in full, as before issue 13).
 */
export interface HealthCover {
  /** Basic medical insurance + critical-illness insurance (基本医保 + 大病保险): `health.base_reimbursement`. */
  base: number;
  /** Inpatient reimbursement the county top-up brings costs to (再由县级政府…报销到90%, 000 §二(二)5, 8):
   *  `health.topup_reimbursement`. */
  topup: number;
  /** Least in-county inpatient reimbursement (县域内住院…实际报销比例达到85%以上, 002 §三(三)2):
   *  `health.in_county_inpatient_reimbursement_min`. */
  inCountyMin: number;
  /** Largest self-paid share of compliant inpatient costs (四重保障后…个人自付比例不超过10%, 000 §二(二)5). */
  inpatientSelfPayMax: number;
  /** Largest self-paid share of compliant outpatient costs (普通门诊…个人自付比例不超过20%, 000 §二(二)5). */
  outpatientSelfPayMax: number;
  /** Yearly ceiling of medical assistance for one patient, yuan (年度累计救助封顶线, 000 §二(二)5). */
  assistanceCeiling: number;
  /** Share of a serious illness's cost that is inpatient (`model.health.inpatient_share`, an assumption). */
  inpatientShare: number;
}

const share = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The reimbursement share each part of the cost is brought to for an insured poor patient (before the
 * assistance ceiling): insurance pays `base`; the plan's guarantees then lift it to the largest of what they
 * promise. Inpatient: the county top-up, the in-county floor and 1 − the inpatient self-pay cap (assumption:
 * the poor's inpatient care is in-county, 先诊疗后付费 at the county's designated hospitals, so the in-county
 * floor applies to all of it — an upper bound on its effect). Outpatient: 1 − the outpatient self-pay cap;
 * the top-up and the in-county floor are inpatient rules in the seeds.
 */
export function reimbursementTargets(cover: HealthCover): { inpatient: number; outpatient: number } {
  const base = share(cover.base);
  return {
    inpatient: Math.max(base, share(cover.topup), share(cover.inCountyMin), 1 - share(cover.inpatientSelfPayMax)),
    outpatient: Math.max(base, 1 - share(cover.outpatientSelfPayMax)),
  };
}

/**
 * What a serious illness costing `cost` yuan leaves the household to pay, in yuan.
 *
 * The chain (000 §二(二)5 and §二(二)8: 基本医保、大病保险报销达到70%后，再由县级政府通过整合医疗救助资金和兜底保障资金
 * 报销到90%; 四重保障后…个人自付比例不超过10%/20%; 医疗救助…年度累计救助封顶线不低于10万元):
 *  1. uninsured: the household pays everything (medical assistance tops up insurance reimbursement; it does not
 *     replace it — the seed's order is insurance first);
 *  2. insured: basic + critical-illness insurance pays `base` of the cost;
 *  3. medical assistance and the county's safety-net funds (医疗救助、兜底保障) pay the gap between that and the
 *     share the plan's guarantees promise (`reimbursementTargets`: inpatient and outpatient parts, split by
 *     `inpatientShare`), at most the assistance ceiling (one patient per serious illness: the ceiling is per
 *     person and year);
 *  4. the household pays the rest.
 * So the out-of-pocket cost is never negative, never above the cost, falls as any reimbursement or the ceiling
 * rises and grows with either self-pay cap and with the cost. Who pays the reimbursed part (insurance and
 * assistance) is the step's medical cost.
 */
export function illnessOutOfPocket(cost: number, cover: HealthCover, insured: boolean): number {
  const c = Math.max(0, cost);
  if (!insured) return c;
  const phi = share(cover.inpatientShare);
  const base = share(cover.base);
  const target = reimbursementTargets(cover);
  const gap = ((target.inpatient - base) * phi + (target.outpatient - base) * (1 - phi)) * c;
  const assistance = Math.min(gap, Math.max(0, cover.assistanceCeiling));
  return Math.max(0, c - base * c - assistance);
}

/**
 * Share of the uninsured poor reached by the enrolment drive who enrol in a year, for the premium subsidy
 * σ (share of the individual premium the budget pays, `health.premium_subsidy_min`): take-up rises linearly
 * from `unsubsidised` (the share that enrol paying the whole premium, `model.health.takeup_unsubsidised`) to 1
 * when the premium is paid in full (贫困人口基本医保个人缴费部分财政全额补贴, 000 §二(二)5: the price barrier is gone).
 */
export function insuranceTakeUp(subsidy: number, unsubsidised: number): number {
  const u = share(unsubsidised);
  return u + (1 - u) * share(subsidy);
}

/**
 * The insurance measure's largest yearly coverage (share of the uninsured poor households enrolled in a
 * year): the enrolment drive's reach × take-up.
 *
 * Reach: the guarantees' yearly pace (`pace`, `model.measures.guarantees.repair_share`), or more where the plan
 * commits to a share of the poor insured (`health.insured_share`, e.g. 确保贫困人口100%参加基本医保和大病保险,
 * 000 §二(二)5; 参保率要达到100%, 002 §三(三)2): then the drive reaches the share of the uninsured that must enrol
 * for the insured share to reach the commitment, from the plan's starting situation (`uninsuredAtStart`, the
 * registry's `model.registry.uninsured_share`); a commitment of 100% reaches every uninsured poor household.
 * `target` undefined: no commitment. The premium subsidy then sets how many of those reached enrol
 * (`insuranceTakeUp`), and money may buy less (src/funds/measures.ts).
 */
export function insuranceCoverage(
  pace: number,
  target: number | undefined,
  uninsuredAtStart: number,
  takeUp: number,
): number {
  let reach = share(pace);
  if (target !== undefined) reach = Math.max(reach, uninsuredToEnrol(target, uninsuredAtStart));
  return reach * share(takeUp);
}

/**
 * The share of the uninsured at the start that must enrol for the insured share to reach `target`:
 * (target − (1 − u)) / u, written so that a target of 100% gives exactly 1. The insured-share commitment and a
 * dated insurance commitment without its own share (src/engine/commitments.ts) both read it.
 */
export function uninsuredToEnrol(target: number, uninsuredAtStart: number): number {
  const u = share(uninsuredAtStart);
  return share(u > 0 ? 1 - (1 - share(target)) / u : share(target) >= 1 ? 1 : 0);
}

/**
 * Follow-ups a year that the national standard of chronic-disease management asks for (国家基本公共卫生服务规范
 * 第三版, 2017: at least 4 face-to-face follow-ups a year for hypertension and type-2 diabetes patients), the
 * same number Hengyang sets for contracted care (年内上门服务不低于4次, 002 §三(三)2).
 */
export const STANDARD_FOLLOW_UPS = 4;

/**
 * The yearly chance of a serious illness in a household with a chronically ill member under contracted care
 * (家庭医生签约, 002 §三(三)2: the four chronic diseases 100% contracted, at least 4 home visits a year):
 * managed care lowers it by `effect` (`model.health.chronic_care_effect`, an assumption with a range) for
 * the contracted share, in proportion to the visits up to the standard's 4 a year (a plan that states the
 * contract but not the visits gets the standard's 4, src/engine/params.ts).
 */
export function chronicIllnessProb(prob: number, contractShare: number, homeVisits: number, effect: number): number {
  const dose = Math.min(1, Math.max(0, homeVisits) / STANDARD_FOLLOW_UPS);
  return share(prob) * (1 - share(contractShare) * share(effect) * dose);
}
