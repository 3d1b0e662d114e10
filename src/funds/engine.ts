/**
 * The household engine with the plan's money: `runHouseholds` (src/engine/run.ts) with `scenarioMoney` as
 * its money unless the options give another. The engine itself knows nothing of money rules; this is where
 * they are wired in, for every runner and the public API.
 */
import type { RegionTable } from "../data/regions.js";
import type { Registry } from "../engine/registry.js";
import { registryAtYear as stepToYear, runHouseholds, type EngineOptions } from "../engine/run.js";
import type { RunResult } from "../model/types.js";
import type { ResolvedScenario } from "../scenario/resolve.js";
import { scenarioMoney } from "./money.js";

/**
 * Runs the household engine (`runHouseholds`) with the plan's money rules: each replicate-year the rules,
 * the allocation to counties and the coverage the money buys (`scenarioMoney`), recorded as the `funds_*`
 * metrics, the `fund.<rule>` and `spend.<measure>` series and the county budgets.
 */
export function runEngine(s: ResolvedScenario, options: EngineOptions): RunResult {
  return runHouseholds(s, { ...options, money: options.money ?? scenarioMoney });
}

/**
 * The scenario's generated registry as it stands at the start of `year` (generated, then stepped there by
 * one mechanistic replicate with the scenario's seed and money).
 */
export function registryAtYear(s: ResolvedScenario, regions: RegionTable, year: number): Registry {
  return stepToYear(s, regions, year, scenarioMoney);
}
