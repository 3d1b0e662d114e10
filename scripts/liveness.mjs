#!/usr/bin/env node
// Liveness audit (a script, not a test): `node scripts/liveness.mjs [scenario.yaml|folder ...] [--json]`.
// For every scenario (default: scenarios/), each parameter in force is moved to an extreme of its range, one at
// a time, and simulated again on the same seeds; a parameter whose move changes no output is dead. Prints, per
// scenario, how many parameters its own files set and how many of those are dead, then the dead ones.
// Needs the built library (npm run build).
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tp = await import(join(root, "dist", "index.js"));
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const json = process.argv.includes("--json");
const files = tp.expandScenarioPaths(args.length ? args : [join(root, "scenarios")]);
const regions = tp.loadRegions();
const report = [];
for (const file of files) {
  const s = tp.loadScenario(file, { regions });
  const levers = tp.leverLiveness(s, {
    regions,
    onProgress: (d, n) => process.stderr.write(`\r${s.id}: ${d}/${n} parameters`),
  });
  process.stderr.write("\n");
  const own = levers.filter((l) => l.setByPlan);
  report.push({
    scenario: s.id,
    parameters: levers.length,
    dead: levers.filter((l) => !l.live).length,
    set_by_plan: own.length,
    dead_set_by_plan: own.filter((l) => !l.live).map((l) => l.path),
    dead_all: levers.filter((l) => !l.live).map((l) => l.path),
  });
}
if (json) console.log(JSON.stringify(report, null, 2));
else {
  for (const r of report) {
    console.log(
      `${r.scenario}: ${r.dead_set_by_plan.length} of ${r.set_by_plan} parameters its files set are dead; ` +
        `${r.dead} of ${r.parameters} in force overall`,
    );
    for (const p of r.dead_set_by_plan) console.log(`  dead: ${p}`);
  }
  const own = report.reduce((a, r) => a + r.set_by_plan, 0);
  const dead = report.reduce((a, r) => a + r.dead_set_by_plan.length, 0);
  console.log(`all scenarios: ${dead} of ${own} parameter settings in the plans' own files are dead`);
}
