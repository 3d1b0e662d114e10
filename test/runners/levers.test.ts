/**
 * No dead lever (issue 13, item 1): every catalog parameter says what it drives or is declared context, and
 * every parameter that drives something moves an output when moved across its range (paired seeds) on a
 * small fixture. Two fixtures: `levers.yaml` sets every plan-level parameter at once (money rules, counties,
 * programmes, commitments, monitoring); `levers-defaults.yaml` leaves them unset, so that the defaults a
 * plan's own number replaces (e.g. the default monitoring frequency) are moved where they apply.
 */
import { describe, expect, it } from "vitest";
import { leverLiveness, loadRegions, loadScenario, PARAMETERS, type Liveness } from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const driving = Object.keys(PARAMETERS)
  .filter((p) => PARAMETERS[p].drives !== undefined)
  .sort();

describe("the catalog", () => {
  it("gives every parameter a role: what it drives, or why it is context — never both, never none", () => {
    const none = Object.keys(PARAMETERS).filter((p) => !PARAMETERS[p].drives && !PARAMETERS[p].context);
    const both = Object.keys(PARAMETERS).filter((p) => PARAMETERS[p].drives && PARAMETERS[p].context);
    expect(none).toEqual([]);
    expect(both).toEqual([]);
    for (const p of Object.keys(PARAMETERS))
      expect((PARAMETERS[p].drives ?? PARAMETERS[p].context)!.length).toBeGreaterThan(20);
  });
});

describe("every lever moves the simulation", () => {
  const levers = loadScenario(fixture("scenarios", "levers.yaml"), { regions });
  const plain = loadScenario(fixture("scenarios", "levers-defaults.yaml"), { regions });

  it("sets every parameter that drives something in one of the two fixtures", () => {
    const unset = driving.filter((p) => !levers.parameters.has(p) && !plain.parameters.has(p));
    expect(unset).toEqual([]);
  });

  it("finds each one live on paired seeds", { timeout: 900_000 }, () => {
    const run = (s: typeof levers, paths: string[]): Liveness[] =>
      leverLiveness(s, { regions, replicates: 2, maxRows: 1500, paths: paths.filter((p) => s.parameters.has(p)) });
    const first = run(levers, driving);
    const deadInFirst = first.filter((l) => !l.live).map((l) => l.path);
    const second = run(plain, deadInFirst);
    const dead = second.filter((l) => !l.live).map((l) => l.path);
    const neverTried = deadInFirst.filter((p) => !plain.parameters.has(p));
    expect({ dead, neverTried }).toEqual({ dead: [], neverTried: [] });
    // the audit compares outputs, so a live lever names at least one output it moved
    for (const l of [...first, ...second].filter((x) => x.live)) expect(l.outputs.length).toBeGreaterThan(0);
  });
});
