#!/usr/bin/env node
// Benchmark of the household engine (a script, not a test): `npm run bench [-- --json]`.
// Each case runs in its own child process, so its peak RSS is its own.
//   registration-2014   the whole 2014 registration, 29.48 million households, one row each, stepped 2014→2020
//                       once (mechanistic) on all cores (shared memory, blocks split across threads); beside it
//                       the floor: one plain pass over the same arrays per year in one thread (reading incomes,
//                       sizes and statuses, summing income per person).
//   kunming-1000        1,000 replicates of Kunming 2018–2020, one row per household, on all cores.
//   kunming-1000-aligned  the same in the aligned run (quotas met by alignment, src/engine/align.ts): what the
//                       yearly ranking of the poor and the year-end tally cost beside the mechanistic run.
//   optimiser-832x8     the allocation optimiser (linear programme, HiGHS) on 832 counties × 8 measures with
//                       seeded random effects and capacities, a 50% reserved share for ~100 "deep" counties and a
//                       floor for every county; seconds is the first solve with HiGHS already loaded (its load
//                       is load_seconds), warm_seconds the same solve again; the floor is the time to build the
//                       programme's LP text.
// Needs the built library (npm run build).
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const here = fileURLToPath(import.meta.url);
const json = process.argv.includes("--json");
const caseArg = process.argv.indexOf("--case");

/** xoshiro128** seeded by splitmix32, uniforms in [0, 1): the benchmark's problem is the same on every run. */
function uniforms(seed) {
  const s = new Uint32Array(4);
  let z = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
    s[i] = (t ^ (t >>> 15)) >>> 0;
  }
  return () => {
    const r = Math.imul((Math.imul(s[1], 5) << 7) | (Math.imul(s[1], 5) >>> 25), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >>> 21);
    return r / 4294967296;
  };
}

async function runOptimiser(name) {
  const opt = await import(join(root, "dist", "funds", "optimise.js"));
  const C = 832,
    M = 8;
  const rnd = uniforms(832_008);
  const counties = Array.from({ length: C }, (_, c) => `county_${c}`);
  const measures = ["industry", "employment", "relocation", "ecology", "education", "health", "safety_net", "housing"];
  const deep = new Uint8Array(C);
  for (let c = 0; c < C; c++) deep[c] = rnd() < 100 / C ? 1 : 0;
  const effect = new Float64Array(C * M),
    capacity = new Float64Array(C * M);
  for (let c = 0; c < C; c++) {
    for (let m = 0; m < M; m++) {
      // exits per yuan around 1 per 10,000 yuan, lower in deep counties; capacity around 5 million yuan a cell,
      // larger in deep counties (more eligible households)
      effect[c * M + m] = (deep[c] ? 0.6 : 1) * (0.3 + 1.4 * rnd()) * 1e-4;
      capacity[c * M + m] = (deep[c] ? 4 : 1) * (0.2 + 1.6 * rnd()) * 5e6;
    }
  }
  const budget = 8e9;
  const countyFloor = new Float64Array(C).fill(2e6);
  let capTotal = 0;
  for (let i = 0; i < C * M; i++) capTotal += capacity[i];
  const plan = Float64Array.from(capacity, (v) => (v * budget) / capTotal); // the plan: spread by capacity
  const p = {
    counties,
    measures,
    budget,
    effect,
    capacity,
    countyFloor,
    plan,
    reserved: [{ name: "deep", members: deep, share: 0.5 }],
  };
  // load HiGHS (and warm it) on a tiny problem, so that seconds is the solve alone
  let t = performance.now();
  await opt.optimiseAllocation({
    counties: ["a"],
    measures: ["m"],
    budget: 1,
    effect: Float64Array.of(1),
    capacity: Float64Array.of(1),
  });
  const loadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const r = await opt.optimiseAllocation(p);
  const seconds = (performance.now() - t) / 1000;
  // the same solve again: the first one also pays for the engine optimising HiGHS's WebAssembly code
  t = performance.now();
  await opt.optimiseAllocation(p);
  const warmSeconds = (performance.now() - t) / 1000;
  // the floor: building the programme's LP text (validation included), with no solve
  t = performance.now();
  const lp = opt.allocationLpText(p);
  const floorSeconds = (performance.now() - t) / 1000;
  return {
    name,
    counties: C,
    measures: M,
    deep_counties: deep.reduce((a, b) => a + b, 0),
    seconds,
    warm_seconds: warmSeconds,
    floor_seconds: floorSeconds,
    load_seconds: loadSeconds,
    lp_bytes: lp.length,
    value: r.value,
    gain: r.gain,
    binding: r.constraints.filter((k) => k.binding && k.kind !== "capacity").length,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  };
}

async function runCase(name) {
  if (name === "optimiser-832x8") return runOptimiser(name);
  const tp = await import(join(root, "dist", "index.js"));
  const regions = tp.loadRegions();
  if (name === "registration-2014") {
    // the national scenario moved to the registration: 89.62 million people in 29.48 million households
    // (the project's reference notes), 2014–2020, national line and base coefficients
    const nat = tp.loadScenario(join(root, "scenarios", "national-2016-2020.yaml"), { regions });
    // only the registered households: no marginal rows
    const parameters = new Map(nat.parameters);
    const m = nat.parameters.get("model.registry.marginal_ratio");
    parameters.set(
      "model.registry.marginal_ratio",
      new tp.Parameter(m.path, m.unit, [
        ...m.entries,
        {
          period: { from: 0 },
          key: "bench",
          value: 0,
          provenance: { assumption: "benchmark: registered households only" },
          file: "bench",
        },
      ]),
    );
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
      for (let i = 0; i < registry.n; i++)
        if (status[i] < 3) sink += (weight[i] * (w[i] + f[i] + tr[i] + p[i])) / size[i];
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
  if (name === "kunming-1000" || name === "kunming-1000-aligned") {
    const path = join(root, "scenarios", "kunming-2018-2020.yaml");
    const s = tp.loadScenario(path, { regions });
    const threads = availableParallelism();
    const t = performance.now();
    const r = await tp.runEngineParallel(s, path, {
      mode: name === "kunming-1000" ? "mechanistic" : "target",
      replicates: 1000,
      threads,
      maxRows: 10_000_000,
    });
    const seconds = (performance.now() - t) / 1000;
    const rows = tp.generateRegistry(s, { regions, maxRows: 10_000_000 }).n;
    // floor: one plain pass per household-year over a registry of the same size
    const reg = tp.generateRegistry(s, { regions, maxRows: 10_000_000 });
    const t2 = performance.now();
    let sink = 0;
    for (let k = 0; k < 1000 * r.years.length; k++)
      for (let i = 0; i < reg.n; i++) if (reg.status[i] < 3) sink += reg.incomeWage[i] / reg.size[i];
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
  if (name === "outputs-anhui") {
    // the leaders' outputs of one plan: Anhui and its two variants at the file's replicates
    const ids = ["anhui-2018-2020", "anhui-2018-2020--revenue-fall-2020", "anhui-2018-2020--no-deep-reservation"];
    const runs = [];
    for (const id of ids)
      runs.push(
        await tp.runScenarioParallel(tp.loadScenario(join(root, "scenarios", `${id}.yaml`), { regions }), {
          regions,
          threads: availableParallelism(),
        }),
      );
    let t = performance.now();
    const xlsx = await tp.rowsToXlsx({ rows: runs[0].rows, headlines: [runs[0].headline] });
    const xlsxSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await tp.chartFiles(runs[0].charts);
    const chartsSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const html = await tp.renderBrief(runs);
    const briefSeconds = (performance.now() - t) / 1000;
    return {
      name,
      rows: runs[0].rows.length,
      replicates: runs[0].result.replicates,
      seconds: xlsxSeconds + chartsSeconds + briefSeconds,
      xlsx_seconds: xlsxSeconds,
      xlsx_bytes: xlsx.byteLength,
      charts: runs[0].charts.length,
      chart_files_seconds: chartsSeconds,
      brief_seconds: briefSeconds,
      brief_bytes: Buffer.byteLength(html),
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    };
  }
  throw new Error(`unknown case ${name}`);
}

if (caseArg > 0) {
  const out = await runCase(process.argv[caseArg + 1]);
  process.stdout.write(JSON.stringify(out) + "\n");
} else {
  const cases = [];
  for (const name of [
    "registration-2014",
    "kunming-1000",
    "kunming-1000-aligned",
    "optimiser-832x8",
    "outputs-anhui",
  ]) {
    if (!json) process.stderr.write(`bench: ${name} …\n`);
    const r = spawnSync(process.execPath, ["--max-old-space-size=8192", here, "--case", name], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
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
      if (c.name === "outputs-anhui") {
        const rows = c.rows.toLocaleString("en-US"),
          mb = (c.xlsx_bytes / 2 ** 20).toFixed(1),
          kb = (c.brief_bytes / 1024).toFixed(0);
        process.stdout.write(
          `${c.name.padEnd(20)} ${c.seconds.toFixed(2).padStart(7)} s   ` +
            `XLSX ${c.xlsx_seconds.toFixed(2)} s (${rows} tidy rows, ${mb} MB)   ` +
            `${c.charts} charts → vl.json/SVG/PNG ${c.chart_files_seconds.toFixed(2)} s   ` +
            `brief of 3 scenarios ${c.brief_seconds.toFixed(2)} s (${kb} KB)   peak RSS ${gb} GB\n`,
        );
        continue;
      }
      if (c.name === "optimiser-832x8") {
        process.stdout.write(
          `${c.name.padEnd(20)} ${c.seconds.toFixed(2).padStart(7)} s   again ${c.warm_seconds.toFixed(2)} s   ` +
            `floor (LP text) ${c.floor_seconds.toFixed(2)} s   peak RSS ${gb} GB` +
            `   (${c.counties} counties × ${c.measures} measures, ${c.deep_counties} deep at 50%; ` +
            `HiGHS loaded in ${c.load_seconds.toFixed(2)} s; ${c.binding} binding constraints besides capacity)\n`,
        );
        continue;
      }
      const rate = (c.household_years_per_second / 1e6).toFixed(1).padStart(6),
        rows = c.rows.toLocaleString("en-US");
      process.stdout.write(
        `${c.name.padEnd(20)} ${c.seconds.toFixed(2).padStart(7)} s   ${rate} M household-years/s   ` +
          `floor ${c.floor_seconds.toFixed(2)} s   peak RSS ${gb} GB` +
          (c.generate_seconds !== undefined
            ? `   (${rows} rows × ${c.years} years on ${c.threads} threads; ` +
              `registry generated in ${c.generate_seconds.toFixed(1)} s)`
            : `   (${rows} rows × ${c.replicates} replicates on ${c.threads} threads)`) +
          "\n",
      );
    }
  }
}
