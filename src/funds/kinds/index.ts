/**
 * Every money rule kind, one module each: its declared facts (nature, fields, required; from
 * scenario/ruleKinds.ts) and its evaluator. The record is keyed by `FundRuleKind`, so a kind without an
 * evaluator (or an evaluator for no kind) does not compile.
 */
import type { FundRuleKind } from "../../scenario/types.js";
import { fixedPool } from "./fixedPool.js";
import { floorGrowingWithRevenue } from "./floorGrowingWithRevenue.js";
import { formula } from "./formula.js";
import type { RuleKindModule } from "./kind.js";
import { matching } from "./matching.js";
import { pairedAssistance } from "./pairedAssistance.js";
import { perUnit } from "./perUnit.js";
import { rankedReward } from "./rankedReward.js";
import { reclaimedStock } from "./reclaimedStock.js";
import { relending } from "./relending.js";
import { reservedShare } from "./reservedShare.js";
import { revenueIncrementShare } from "./revenueIncrementShare.js";

export const FUND_KINDS: Readonly<Record<FundRuleKind, RuleKindModule>> = {
  revenue_increment_share: revenueIncrementShare,
  floor_growing_with_revenue: floorGrowingWithRevenue,
  per_unit: perUnit,
  reserved_share: reservedShare,
  matching,
  fixed_pool: fixedPool,
  ranked_reward: rankedReward,
  reclaimed_stock: reclaimedStock,
  paired_assistance: pairedAssistance,
  relending,
  formula,
};

export { FORMULA_NAMES } from "./formula.js";
export type { FundLine, FundState, FundYear, RuleInput, RuleKindModule, RuleOutput } from "./kind.js";
