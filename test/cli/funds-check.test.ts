/**
 * A money rule that cannot be computed stops `tuopin validate`, `run` and `compare` with its path, before
 * anything is simulated or written (the rules are checked by checkScenarioFunds, not by loading). Uses dist/.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, tuopin } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "tuopin-funds-check-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const noRevenue = fixture("funds", "scenarios", "no-revenue.yaml");

describe("tuopin and a money rule that cannot be computed", () => {
  it("validate exits 1 naming the rule", () => {
    const r = tuopin("validate", noRevenue, "--json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.files[0].problems).toHaveLength(1);
    expect(doc.files[0].problems[0].path).toBe("funds.county-increment");
  });

  for (const cmd of ["run", "compare"]) {
    it(`${cmd} exits 1 before simulating anything, even for the valid scenario listed first`, () => {
      const out = join(tmp, cmd);
      const r = tuopin(cmd, fixture("scenarios", "small.yaml"), noRevenue, "--out", out, "--replicates", "2");
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain("funds.county-increment");
      expect(r.stderr).toContain("nothing was run or written");
      expect(r.stdout + r.stderr).not.toMatch(/ran small/);
      expect(r.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
    });
  }
});
