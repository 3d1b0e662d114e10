import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

describe("npm start (the README's main job)", () => {
  it("runs every scenario in scenarios/ and writes rows, charts, manifests and the brief to out/", () => {
    const started = Date.now();
    const r = spawnSync("npm", ["start", "--silent"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const scenarios = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, ""));
    for (const id of scenarios) {
      for (const f of ["rows.csv", "poor-people.vl.json", "poor-people.svg", "poor-people.png", "manifest.json"]) {
        const p = join(ROOT, "out", id, f);
        expect(existsSync(p), p).toBe(true);
        expect(statSync(p).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
      }
      expect(r.stdout).toContain(id);
    }
    const brief = readFileSync(join(ROOT, "out", "brief.html"), "utf8");
    for (const id of scenarios) expect(brief).toContain(id);
  }, 300_000);
});
