#!/usr/bin/env node
// Benchmark of the household engine (a script, not a test): `npm run bench [-- --json]`.
// Each case runs in its own child process, so its peak RSS is its own.
//   registration-2014   the whole 2014 registration, 29.48 million households, one row each, stepped 2014→2020
//                       once (mechanistic) on all cores (shared memory, blocks split across threads); beside it
//                       the floor: one plain pass over the same arrays per year in one thread (reading incomes,
//                       sizes and statuses, summing income per person).
//   kunming-1000        1,000 replicates of Kunming 2018–2020, one row per household, on all cores.
// Needs the built library (npm run build).
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const here = fileURLToPath(import.meta.url);
const json = process.argv.includes("--json");
const caseArg = process.argv.indexOf("--case");

async function runCase(name) {
  const tp = await import(join(root, "dist", "index.js"));
  const regions = tp.loadRegions();
  if (name === "registration-2014") {
    // the national scenario moved to the registration: 89.62 million people in 29.48 million households
    // (the project's reference notes), 2014–2020, national line and base coefficients
    const nat = tp.loadScenario(join(root, "scenarios", "national-2016-2020.yaml"), { regions });
    // only the registered households: no marginal rows
    const parameters = new Map(nat.parameters);
    const m = nat.parameters.get("model.registry.marginal_ratio");
    parameters.set("model.registry.marginal_ratio", new tp.Parameter(m.path, m.unit, [...m.entries, { period: { from: 0 }, key: "bench", value: 0, provenance: { assumption: "benchmark: registered households only" }, file: "bench" }]));
    const s = {
      ...nat,
      parameters,
      horizon: { start: 2014, end: 2020 },
      baseline: {
        ...nat.baseline,
        poor_people: { value: 89_620_000, unit: "people", assumption: "benchmark", file: "bench" },
        poor_households: { value: 29_480_000, unit: "households", assumption: "benchmark", file: "bench" },
      },
    };
    let t = performance.now();
    const registry = tp.generateRegistry(s, { regions, maxRows: 29_480_000, shared: true });
    const generateSeconds = (performance.now() - t) / 1000;
    // one replicate, its blocks split across all cores (the registry generated in shared memory)
    const threads = availableParallelism();
    t = performance.now();
    const r = await tp.runReplicateOnThreads(s, registry, { threads });
    const seconds = (performance.now() - t) / 1000;
    // the floor: the same number of household-years, one plain pass over the arrays a year
    t = performance.now();
    let sink = 0;
    for (let y = 0; y < r.years.length; y++) {
      const { incomeWage: w, incomeFarm: f, incomeTransfer: tr, incomeProperty: p, size, status, weight } = registry;
      for (let i = 0; i < registry.n; i++) if (status[i] < 3) sink += (weight[i] * (w[i] + f[i] + tr[i] + p[i])) / size[i];
    }
    const floorSeconds = (performance.now() - t) / 1000;
    const householdYears = registry.n * r.years.length;
    return {
      name,
      rows: registry.n,
      years: r.years.length,
      threads,
      seconds,
      household_years_per_second: householdYears / seconds,
      floor_seconds: floorSeconds,
      generate_seconds: generateSeconds,
      poor_2020_p50: r.metrics.poor_people[r.years.length - 1],
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
      checksum: sink > 0,
    };
  }
  if (name === "kunming-1000") {
    const path = join(root, "scenarios", "kunming-2018-2020.yaml");
    const s = tp.loadScenario(path, { regions });
    const threads = availableParallelism();
    const t = performance.now();
    const r = await tp.runEngineParallel(s, path, { mode: "mechanistic", replicates: 1000, threads, maxRows: 10_000_000 });
    const seconds = (performance.now() - t) / 1000;
    const rows = tp.generateRegistry(s, { regions, maxRows: 10_000_000 }).n;
    // floor: one plain pass per household-year over a registry of the same size
    const reg = tp.generateRegistry(s, { regions, maxRows: 10_000_000 });
    const t2 = performance.now();
    let sink = 0;
    for (let k = 0; k < 1000 * r.years.length; k++) for (let i = 0; i < reg.n; i++) if (reg.status[i] < 3) sink += reg.incomeWage[i] / reg.size[i];
    const floorSeconds = (performance.now() - t2) / 1000 / threads;
    return {
      name,
      rows,
      replicates: 1000,
      threads,
      seconds,
      household_years_per_second: (rows * 1000 * r.years.length) / seconds,
      floor_seconds: floorSeconds,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
      checksum: sink > 0,
    };
  }
  throw new Error(`unknown case ${name}`);
}

if (caseArg > 0) {
  const out = await runCase(process.argv[caseArg + 1]);
  process.stdout.write(JSON.stringify(out) + "\n");
} else {
  const cases = [];
  for (const name of ["registration-2014", "kunming-1000"]) {
    if (!json) process.stderr.write(`bench: ${name} …\n`);
    const r = spawnSync(process.execPath, ["--max-old-space-size=8192", here, "--case", name], { encoding: "utf8", maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(1);
    }
    cases.push(JSON.parse(r.stdout.trim().split("\n").pop()));
  }
  if (json) process.stdout.write(JSON.stringify({ cases }, null, 2) + "\n");
  else {
    for (const c of cases) {
      const gb = (c.peak_rss_bytes / 2 ** 30).toFixed(2);
      process.stdout.write(
        `${c.name.padEnd(20)} ${c.seconds.toFixed(2).padStart(7)} s   ${(c.household_years_per_second / 1e6).toFixed(1).padStart(6)} M household-years/s   floor ${c.floor_seconds.toFixed(2)} s   peak RSS ${gb} GB` +
          (c.generate_seconds !== undefined ? `   (${c.rows.toLocaleString("en-US")} rows × ${c.years} years on ${c.threads} threads; registry generated in ${c.generate_seconds.toFixed(1)} s)` : `   (${c.rows.toLocaleString("en-US")} rows × ${c.replicates} replicates on ${c.threads} threads)`) +
          "\n",
      );
    }
  }
}
