import { join } from "node:path";
import { loadObservations } from "../data/observed.js";
import { loadRegions } from "../data/regions.js";
import { runEngine } from "../funds/engine.js";
import { SCENARIO_DIR } from "../paths.js";
import { overrideParameter } from "../scenario/override.js";
import { loadScenario, type ResolvedScenario } from "../scenario/resolve.js";

/** The fit of the return hazard's level to the national returns of 2016–2018. */
export interface Calibration {
  scenario: string;
  parameter: "model.risk.return_level";
  /** level(y) = level × decline^(y − first observed year), for the horizon's years. */
  level: number;
  decline: number;
  values: { year: number; value: number }[];
  fit: { year: number; observed: number; simulated: number; residual: number; relative: number }[];
  seed: number;
  replicates: number;
  evaluations: number;
  /** The YAML to put under parameters: in scenarios/base/defaults.yaml. */
  yaml: string;
}

const PATH = "model.risk.return_level";

/** The scenario with the return level set year by year. */
function withLevels(s: ResolvedScenario, levels: Map<number, number>, why: string): ResolvedScenario {
  return overrideParameter(
    s,
    PATH,
    [...levels].map(([year, value]) => ({ from: year, to: year, value })),
    { assumption: why },
    "(calibrate)",
  );
}

/**
 * Fits the level of the return hazard (`model.risk.return_level`: the share of uncaught falls below the line
 * that last and count as returns) so that the national scenario reproduces the returns to poverty reported
 * for 2016–2018 (data/observed.csv: 684,000; 208,000; 58,000). One level cannot follow a fall of returns by
 * a factor of 12 in two years while the exited pool grows, so the level declines geometrically:
 * level(y) = level × decline^(y − 2016), two numbers for three observations (the residuals say how well).
 * The fit minimises the squared log ratios of simulated (mean over replicates, fixed seed: common random
 * numbers) to observed returns: for each decline the level is found by fixed-point rescaling, the decline by
 * golden-section search on [0.05, 1]. Deterministic: same seed, same result.
 */
export function calibrateReturns(
  options: { replicates?: number; seed?: number; onProgress?: (done: number) => void } = {},
): Calibration {
  const regions = loadRegions();
  const base = loadScenario(join(SCENARIO_DIR, "national-2016-2020.yaml"), { regions });
  const obs = loadObservations(undefined, new Set(regions.byId.keys()))
    .filter((o) => o.region === "china" && o.metric === "returns_people")
    .sort((a, b) => a.year - b.year);
  if (obs.length === 0) throw new Error("data/observed.csv has no china returns_people rows to calibrate on");
  const years: number[] = [];
  for (let y = base.horizon.start; y <= base.horizon.end; y++) years.push(y);
  const y0 = obs[0].year;
  const R = options.replicates ?? 8,
    seed = options.seed ?? base.seed;
  let evaluations = 0;
  const simulate = (level: number, decline: number) => {
    const levels = new Map(years.map((y) => [y, Math.min(1, level * decline ** (y - y0))]));
    const r = runEngine(withLevels(base, levels, "calibration trial"), {
      regions,
      replicates: R,
      seed,
      mode: "mechanistic",
    });
    evaluations++;
    options.onProgress?.(evaluations);
    const T = r.years.length;
    return obs.map((o) => {
      const t = r.years.indexOf(o.year);
      let m = 0;
      for (let k = 0; k < R; k++) m += r.metrics.returns_people![k * T + t];
      return m / R;
    });
  };
  const loss = (sim: number[]) => sim.reduce((a, x, j) => a + Math.log(Math.max(x, 1) / obs[j].value) ** 2, 0);
  const levelFor = (decline: number): { level: number; sim: number[]; loss: number } => {
    let level = 0.1;
    let sim = simulate(level, decline);
    for (let it = 0; it < 5; it++) {
      const meanLog = sim.reduce((a, x, j) => a + Math.log(obs[j].value / Math.max(x, 1)), 0) / sim.length;
      level = Math.min(1, level * Math.exp(meanLog));
      sim = simulate(level, decline);
    }
    return { level, sim, loss: loss(sim) };
  };
  // golden-section search over the decline
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = 0.05,
    b = 1;
  let c = b - phi * (b - a),
    d = a + phi * (b - a);
  let fc = levelFor(c),
    fd = levelFor(d);
  for (let it = 0; it < 10; it++) {
    if (fc.loss < fd.loss) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = levelFor(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = levelFor(d);
    }
  }
  const [decline, best] = fc.loss < fd.loss ? [c, fc] : [d, fd];
  const round = (x: number) => Number(x.toPrecision(4));
  const level = round(best.level),
    dec = round(decline);
  const values = years.map((y) => ({ year: y, value: round(Math.min(1, level * dec ** (y - y0))) }));
  const final = simulate(level, dec);
  const fit = obs.map((o, j) => ({
    year: o.year,
    observed: o.value,
    simulated: final[j],
    residual: final[j] - o.value,
    relative: (final[j] - o.value) / o.value,
  }));
  const cmd =
    `npx tuopin calibrate national (seed ${seed}, ${R} replicates): level ${level} × ${dec}^(year − ${y0}) ` +
    `fitted to the returns of ${obs.map((o) => o.year).join(", ")} in data/observed.csv`;
  const yaml = [
    `  ${PATH}:`,
    `    unit: /1`,
    `    values:`,
    ...values.map(
      (v, k) => `      "${k === 0 ? Math.min(v.year, 2014) : v.year}": {value: ${v.value}, derived: "${cmd}"}`,
    ),
  ].join("\n");
  return {
    scenario: base.id,
    parameter: PATH,
    level,
    decline: dec,
    values,
    fit,
    seed,
    replicates: R,
    evaluations,
    yaml,
  };
}

export function formatCalibration(c: Calibration): string {
  const int = (x: number) => Math.round(x).toLocaleString("en-US");
  return [
    `${c.scenario}: ${c.parameter} = ${c.level} × ${c.decline}^(year − ${c.fit[0].year}); ` +
      `${c.evaluations} runs of ${c.replicates} replicates, seed ${c.seed}`,
    "year     observed    simulated     residual",
    ...c.fit.map((f) => {
      const residual = `${f.residual >= 0 ? "+" : ""}${int(f.residual)} (${(f.relative * 100).toFixed(1)}%)`;
      return `${f.year}  ${int(f.observed).padStart(11)}  ${int(f.simulated).padStart(11)}  ${residual.padStart(20)}`;
    }),
    "",
    "fitted values (put under parameters: in scenarios/base/defaults.yaml):",
    c.yaml,
  ].join("\n");
}
