/**
 * Golden outputs: the tidy rows of two small seeded scenarios (one without money rules, one with) and the
 * Vega-Lite spec of every chart builder, pinned under test/golden/. Any change of a number or of a chart
 * fails here. When a change is meant to move them, `npm run golden:update` rewrites the files, and the commit
 * says why the numbers moved.
 */
import { describe, expect, it } from "vitest";
import {
  compareChart,
  differenceChart,
  loadRegions,
  loadScenario,
  pairedDifferenceRows,
  rowsToCsv,
  runScenario,
  runSensitivity,
  sensitivityChartContext,
  tornadoChart,
  chartContext,
  type ScenarioRun,
} from "../../src/index.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
/** Few replicates and a few hundred registry rows: quick, and still every stage of the model runs. */
const FAST = { regions, replicates: 4, maxRows: 400 };
const file = (name: string) => new URL(`./${name}`, import.meta.url).pathname;
const json = (spec: unknown) => JSON.stringify(spec, null, 2) + "\n";

function run(name: string): ScenarioRun {
  return runScenario(loadScenario(fixture("scenarios", `${name}.yaml`), { regions }), FAST);
}

describe("golden tidy rows", () => {
  for (const name of ["small", "funds"]) {
    it(`${name}: every row of both modes, to the last digit`, async () => {
      const r = run(name);
      expect(r.rows.length).toBeGreaterThan(100);
      await expect(rowsToCsv(r.rows)).toMatchFileSnapshot(file(`rows/${name}.csv`));
    });
  }
});

describe("golden aligned headline", () => {
  it("small: what meeting the quotas takes (src/reporting/aligned.ts), to the last digit", async () => {
    await expect(json(run("small").headline.aligned)).toMatchFileSnapshot(file("headline/small-aligned.json"));
  });
});

describe("golden chart specs", () => {
  it("every chart of a scenario run (fan, exits, return risk, money by source and by county)", async () => {
    for (const name of ["small", "funds"]) {
      for (const c of run(name).charts) {
        await expect(json(c.spec)).toMatchFileSnapshot(file(`charts/${name}-${c.name}.vl.json`));
      }
    }
  });

  it("comparison and paired-difference charts", async () => {
    const base = run("small");
    const variant = runScenario(loadScenario(fixture("scenarios", "small-variant.yaml"), { regions }), FAST);
    const ctxs = [base, variant].map((r) => chartContext(r));
    await expect(json(compareChart([...base.rows, ...variant.rows], ctxs))).toMatchFileSnapshot(
      file("charts/compare.vl.json"),
    );
    const diff = pairedDifferenceRows(base.result, variant.result);
    await expect(json(differenceChart(diff, ctxs[1], { base: ctxs[0] }))).toMatchFileSnapshot(
      file("charts/difference.vl.json"),
    );
  });

  it("tornado chart of a sensitivity run", async () => {
    const s = loadScenario(fixture("scenarios", "small.yaml"), { regions });
    const result = runSensitivity(s, { regions, replicates: 2, maxRows: 200, targetMode: false });
    await expect(json(tornadoChart(result.rows, sensitivityChartContext(result)))).toMatchFileSnapshot(
      file("charts/tornado.vl.json"),
    );
  });
});
