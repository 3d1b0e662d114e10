import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

describe("npm start (the README's main job)", () => {
  it("runs every scenario in scenarios/, writes rows, charts, manifests, a brief per plan and the overview", () => {
    const started = Date.now();
    // the notebooks' renderings (out/notebooks/) are made by the same script the notebook tests run
    const r = spawnSync("npm", ["start", "--silent"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TUOPIN_NOTEBOOKS: "0" },
    });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const scenarios = readdirSync(join(ROOT, "scenarios"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.replace(/\.yaml$/, ""));
    for (const id of scenarios) {
      for (const f of [
        "rows.csv",
        "rows.xlsx",
        "poor-people.vl.json",
        "poor-people.svg",
        "poor-people.png",
        "exits.png",
        "return-risk.png",
        "manifest.json",
      ]) {
        const p = join(ROOT, "out", id, f);
        expect(existsSync(p), p).toBe(true);
        expect(statSync(p).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
      }
      expect(r.stdout).toContain(id);
    }
    const index = readFileSync(join(ROOT, "out", "index.html"), "utf8");
    for (const id of scenarios) expect(index).toContain(id);
    // a brief per plan, each listing the plan's variants
    for (const id of scenarios) {
      const plan = id.split("--")[0];
      const brief = readFileSync(join(ROOT, "out", "briefs", `${plan}.html`), "utf8");
      expect(brief).toContain(id);
      // four charts, and a fifth on the quotas where the plan sets them (Quanzhou's sets none)
      const quotas = /people_exit|poor_remaining/.test(readFileSync(join(ROOT, "scenarios", `${plan}.yaml`), "utf8"));
      expect(brief.match(/<figure data-chart=/g)).toHaveLength(quotas ? 5 : 4);
      expect(brief.includes('<figure data-chart="quotas">')).toBe(quotas);
    }
    expect(index).toContain('href="notebooks/08-national-backtest.html"');
  }, 300_000);
});
