/**
 * The liveness audit (issue 13's measure of dead levers): a parameter the engine reads moves some output when
 * set to an extreme; one it never reads moves none.
 */
import { describe, expect, it } from "vitest";
import { extremesOf, leverLiveness, loadRegions, loadScenario } from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const small = loadScenario(fixture("scenarios", "small.yaml"), { regions });

describe("leverLiveness", () => {
  it("finds a read parameter live and an unread coefficient dead, on paired seeds", () => {
    // the paired cadre's catch is read only where a plan pairs cadres (monitoring.cadre_pairing): small.yaml does not
    const [industry, reentry] = leverLiveness(small, {
      regions,
      replicates: 2,
      maxRows: 300,
      paths: ["model.measures.industry.coverage", "model.monitoring.cadre_detection"],
    });
    expect(industry.live).toBe(true);
    expect(industry.setByPlan).toBe(true); // small.yaml sets it
    expect(industry.outputs).toContain("measure_cost");
    expect(reentry.path).toBe("model.monitoring.cadre_detection");
    expect(reentry.setByPlan).toBe(false); // only scenarios/base/defaults.yaml
    expect(reentry.live).toBe(false);
    expect(reentry.outputs).toEqual([]);
  });

  it("audits the scenario's own row count: the audit's rows cap model.registry.max_rows", () => {
    const [rows] = leverLiveness(small, { regions, replicates: 2, maxRows: 300, paths: ["model.registry.max_rows"] });
    expect(rows.moved).toContain(100); // the catalog's least, below the audit's 300 rows
    expect(rows.live).toBe(true);
  });

  it("moves a share to both ends and an amount to 0 and tenfold, never to its own value", () => {
    expect(extremesOf("model.measures.industry.coverage", 0.4)).toEqual([0, 1]);
    expect(extremesOf("model.measures.industry.coverage", 1)).toEqual([0]);
    expect(extremesOf("model.costs.water", 800)).toEqual([0, 8000]);
    expect(extremesOf("model.costs.water", 0)).toEqual([1]);
  });
});
