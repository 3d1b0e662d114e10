import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  loadRegions,
  loadScenario,
  Parameter,
  parsePeriodKey,
  VERSION,
  type ResolvedScenario,
} from "../../src/index.js";
import {
  findLevers,
  leverVariant,
  runSensitivity,
  sensitivityToJson,
  SENSITIVITY_COLUMNS,
  type SensitivityResult,
} from "../../src/runners/sensitivity.js";
import { sensitivityChartContext, sensitivityRowsToCsv } from "../../src/reporting/sensitivity.js";
import { tornadoBars, tornadoChart } from "../../src/reporting/charts/tornado.js";
import { toSvg } from "../../src/reporting/render.js";
import { cmdSensitivity, UsageError } from "../../src/cli/sensitivity.js";
import { fixture } from "../helpers.js";

const regions = loadRegions();
const small = loadScenario(fixture("scenarios", "small.yaml"), { regions });
/** Small and quick: a few hundred registry rows, few replicates. */
const FAST = { regions, maxRows: 400, replicates: 6 };

const rangeOf = (p: unknown) => (p as { range?: [number, number] }).range;

/** Every (path, key) with a range in force on 1 January of a horizon year, found independently of findLevers. */
function expectedLevers(s: ResolvedScenario): string[] {
  const out = new Set<string>();
  const params: [string, Parameter, number[]][] = [...s.parameters].map(([k, p]) => [
    k,
    p,
    [s.horizon.start, s.horizon.end],
  ]);
  for (const [id, rule] of s.funds) {
    for (const [f, p] of Object.entries(rule.quantities))
      params.push([
        `funds.${id}.${f}`,
        p,
        [Math.max(s.horizon.start, rule.years.from ?? 0), Math.min(s.horizon.end, rule.years.to ?? 9999)],
      ]);
    for (const [f, p] of Object.entries(rule.inputs))
      params.push([
        `funds.${id}.inputs.${f}`,
        p,
        [Math.max(s.horizon.start, rule.years.from ?? 0), Math.min(s.horizon.end, rule.years.to ?? 9999)],
      ]);
  }
  for (const [path, p, [a, b]] of params) {
    for (let y = a; y <= b; y++) {
      const e = p.entryAt(y * 10000 + 101);
      if (e && rangeOf(e.provenance)) out.add(`${path}|${e.key}`);
    }
  }
  return [...out].sort();
}

/** Small with industry coverage made a lever: only the base/defaults value (0.3, range [0.1, 0.6]) kept. */
function smallWithCoverageLever(): ResolvedScenario {
  const p = small.parameters.get("model.measures.industry.coverage")!;
  const parameters = new Map(small.parameters);
  parameters.set(
    p.path,
    new Parameter(
      p.path,
      p.unit,
      p.entries.filter((e) => rangeOf(e.provenance)),
    ),
  );
  return { ...small, parameters };
}

const strip = (r: SensitivityResult) => ({ ...sensitivityToJson(r), elapsed: undefined });

describe("findLevers", () => {
  it("finds every dated value with a range in force during the horizon, in parameters and fund rules", () => {
    const levers = findLevers(small);
    expect(levers.map((l) => `${l.path}|${l.key}`).sort()).toEqual(expectedLevers(small));
    const paths = levers.map((l) => l.path);
    expect(paths).toContain("model.measures.industry.effect");
    expect(paths).toContain("model.registry.income_ratio_sd");
    // small.yaml sets industry coverage for 2018 on without a range (and 2020 bounded), so the defaults'
    // ranged 2014 value is never in force in 2018–2020: not a lever of this scenario
    expect(paths).not.toContain("model.measures.industry.coverage");
    expect(paths).not.toContain("model.registry.max_rows");
    for (const l of levers) {
      expect(l.range).toEqual(rangeOf(l.entry.provenance));
      expect(l.label).not.toBe(l.path); // catalog labels for every model parameter
      expect(l.provenance.length).toBeGreaterThan(0);
    }
    const funds = loadScenario(fixture("scenarios", "funds.yaml"), { regions });
    const fundLevers = findLevers(funds).filter((l) => l.source === "fund");
    expect(fundLevers.map((l) => l.path)).toEqual(["funds.deep-reservation.share"]);
    expect(fundLevers[0].range).toEqual([0.5, 0.8]);
    expect(
      findLevers(funds)
        .map((l) => `${l.path}|${l.key}`)
        .sort(),
    ).toEqual(expectedLevers(funds));
  });

  it("tells apart several ranged values of one parameter and overrides each only in its own years", () => {
    const path = "model.measures.employment.coverage";
    const prev = small.parameters.get(path)!;
    const entry = (key: string, value: number, range: [number, number]) => ({
      period: parsePeriodKey(key)!,
      key,
      value,
      provenance: { assumption: "test", range },
      file: "test",
    });
    const parameters = new Map(small.parameters);
    parameters.set(
      path,
      new Parameter(path, prev.unit, [
        ...prev.entries,
        entry("2018", 0.2, [0.1, 0.3]),
        entry("2019-01-01.2019-12-31", 0.25, [0.2, 0.4]),
      ]),
    );
    const s = { ...small, parameters };
    const levers = findLevers(s).filter((l) => l.path === path);
    expect(levers.map((l) => l.id)).toEqual([`${path}@2018`, `${path}@2019-01-01.2019-12-31`]);
    expect(levers.map((l) => l.years)).toEqual([[2018, 2020], [2019]]);
    const v = leverVariant(s, levers[0], 0.1);
    expect([2018, 2019, 2020].map((y) => v.parameters.get(path)!.atYear(y))).toEqual([0.1, 0.25, 0.1]);
    const w = leverVariant(s, levers[1], 0.4);
    expect([2018, 2019, 2020].map((y) => w.parameters.get(path)!.atYear(y))).toEqual([0.2, 0.4, 0.2]);
    // the original is untouched
    expect(s.parameters.get(path)!.entries.length).toBe(prev.entries.length + 2);
    expect([2018, 2019, 2020].map((y) => s.parameters.get(path)!.atYear(y))).toEqual([0.2, 0.25, 0.2]);
  });
});

describe("leverVariant", () => {
  it("appends an override from the horizon start and leaves the scenario as it was", () => {
    const lever = findLevers(small).find((l) => l.path === "model.measures.industry.effect")!;
    const before = small.parameters.get(lever.path)!;
    const v = leverVariant(small, lever, lever.range[1], "high");
    expect(small.parameters.get(lever.path)).toBe(before);
    const after = v.parameters.get(lever.path)!;
    expect(after.entries.length).toBe(before.entries.length + 1);
    const o = after.entries[after.entries.length - 1];
    expect(o.period).toEqual({ from: 20180101 });
    expect(o.value).toBe(4000);
    for (let y = 2018; y <= 2020; y++) expect(after.atYear(y)).toBe(4000);
    expect(before.atYear(2018)).toBe(2000);
  });

  it("overrides a fund rule's quantity in a copy of the rule", () => {
    const funds = loadScenario(fixture("scenarios", "funds.yaml"), { regions });
    const lever = findLevers(funds).find((l) => l.source === "fund")!;
    const v = leverVariant(funds, lever, 0.8, "high");
    expect(v.funds.get("deep-reservation")!.quantities.share.atYear(2019)).toBe(0.8);
    expect(funds.funds.get("deep-reservation")!.quantities.share.atYear(2019)).toBe(0.5);
    expect(v.funds.get("province-increment")).toBe(funds.funds.get("province-increment"));
  });
});

describe("runSensitivity", () => {
  let first: SensitivityResult;
  const progress: [number, number][] = [];

  it("moves every lever to the ends of its range and sorts by the swing in poor people", () => {
    first = runSensitivity(small, { ...FAST, onProgress: (d, t) => progress.push([d, t]) });
    const levers = findLevers(small);
    expect(first.rows.length).toBe(levers.length);
    for (const r of first.rows) {
      const l = levers.find((x) => x.id === r.lever)!;
      expect([r.low, r.high]).toEqual(l.range);
      expect(r.value).toBe(l.value);
      expect(r.poor_base).toBe(first.base.poor);
      expect(r.poor_delta_low).toBeCloseTo(r.poor_low - r.poor_base, 6);
      expect(r.poor_swing).toBeCloseTo(Math.abs(r.poor_high - r.poor_low), 6);
      expect(r.cost_delta_high).toBeCloseTo(r.cost_high - r.cost_base, 6);
      // small.yaml sets quotas, so the target-following cost is reported
      expect(r.target_cost_base).not.toBeNull();
      // a variant at the scenario's own value is the base run (paired): no effect at all
      if (r.low === r.value)
        expect([r.poor_low, r.cost_low, r.target_cost_low]).toEqual([r.poor_base, r.cost_base, r.target_cost_base]);
      if (r.high === r.value)
        expect([r.poor_high, r.cost_high, r.target_cost_high]).toEqual([r.poor_base, r.cost_base, r.target_cost_base]);
    }
    for (let k = 1; k < first.rows.length; k++)
      expect(first.rows[k - 1].poor_swing).toBeGreaterThanOrEqual(first.rows[k].poor_swing);
    // some lever matters; levers the engine does not read (none in small) would show zero
    expect(first.rows[0].poor_swing).toBeGreaterThan(0);
    // registry levers regenerate the registry per variant: the spread of incomes changes who is poor
    const sd = first.rows.find((r) => r.path === "model.registry.income_ratio_sd")!;
    expect(sd.poor_low).not.toBe(sd.poor_high);
    expect(first.replicates).toBe(6);
    expect(first.seed).toBe(small.seed);
    // progress: monotone, ends at the total
    expect(progress.length).toBeGreaterThan(0);
    const total = progress[0][1];
    expect(progress[progress.length - 1]).toEqual([total, total]);
    for (let k = 1; k < progress.length; k++) expect(progress[k][0]).toBeGreaterThan(progress[k - 1][0]);
    expect(total).toBe(first.runs * 6);
  });

  it("gives identical results for the same seed, and different ones for another seed", () => {
    const again = runSensitivity(small, FAST);
    expect(strip(again)).toEqual(strip(first));
    const other = runSensitivity(small, { ...FAST, seed: small.seed + 1, levers: ["model.measures.industry.effect"] });
    expect(other.base.poor).not.toBe(first.base.poor);
  });

  it("paired seeds: more industry coverage does not raise the target-year poor count, and costs more", () => {
    const s = smallWithCoverageLever();
    const r = runSensitivity(s, { ...FAST, replicates: 10, levers: ["model.measures.industry.coverage"] });
    expect(r.rows.length).toBe(1);
    const row = r.rows[0];
    expect([row.low, row.value, row.high]).toEqual([0.1, 0.3, 0.6]);
    expect(row.poor_high).toBeLessThanOrEqual(row.poor_base);
    expect(row.poor_base).toBeLessThanOrEqual(row.poor_low);
    expect(row.poor_low).toBeGreaterThan(row.poor_high);
    expect(row.cost_high).toBeGreaterThan(row.cost_low);
  });

  it("rejects an unknown lever by name", () => {
    expect(() => runSensitivity(small, { ...FAST, levers: ["model.measures.industry.coverage"] })).toThrow(
      /no lever "model.measures.industry.coverage"/,
    );
  });

  it("writes the rows as CSV with a BOM, one line per lever", () => {
    const csv = sensitivityRowsToCsv(first.rows);
    expect(csv.startsWith("\ufeffscenario,region,target_year,lever,")).toBe(true);
    const lines = csv.trimEnd().split("\n");
    expect(lines.length).toBe(first.rows.length + 1);
    expect(lines[0].slice(1).split(",")).toEqual([...SENSITIVITY_COLUMNS]);
  });
});

describe("tornadoChart", () => {
  it("has one bar pair per lever, a Chinese title and the run manifest in its footnote", async () => {
    const r = runSensitivity(small, FAST);
    const ctx = sensitivityChartContext(r);
    const spec = tornadoChart(r.rows, ctx) as unknown as {
      title: { text: string; subtitle: string[] };
      hconcat: { layer: { data: { values: { lever: string; side: string }[] } }[] }[];
      usermeta: { levers: string[]; seed: number; replicates: number; version: string };
    };
    expect(spec.title.text).toBe("测试情景：政策杠杆敏感性");
    expect(spec.title.text).toMatch(/[\u4e00-\u9fff]/);
    const manifest = spec.title.subtitle[spec.title.subtitle.length - 1];
    expect(manifest).toContain(`随机种子 ${small.seed}`);
    expect(manifest).toContain("重复 6");
    expect(manifest).toContain(VERSION);
    expect(spec.hconcat.length).toBe(2); // poor people and money
    for (const panel of spec.hconcat) {
      const bars = panel.layer[0].data.values;
      expect(bars.length).toBe(2 * r.rows.length);
      for (const row of r.rows)
        expect(bars.filter((b) => b.lever === row.lever).map((b) => b.side)).toEqual(["取范围下限", "取范围上限"]);
    }
    expect(spec.usermeta.levers).toEqual(r.rows.map((x) => x.lever));
    // bars run from the base to each end's outcome
    const poorBars = tornadoBars(r.rows, "poor");
    expect(poorBars[0]).toMatchObject({ base: r.base.poor, value: r.rows[0].poor_low });
    // English on request; a single panel when asked for one metric; it renders
    const en = tornadoChart(r.rows, sensitivityChartContext(r, "en"), { lang: "en", metrics: ["poor"] }) as unknown as {
      title: { text: string };
      layer: unknown[];
    };
    expect(en.title.text).toBe("Test scenario: sensitivity to policy levers");
    expect(en.layer.length).toBe(2);
    const svg = await toSvg(tornadoChart(r.rows, ctx));
    expect(svg).toContain("<svg");
    expect(svg).toContain("政策杠杆敏感性");
  });
});

describe("cmdSensitivity", () => {
  it("rejects wrong usage with a UsageError", async () => {
    await expect(cmdSensitivity([])).rejects.toBeInstanceOf(UsageError);
    await expect(cmdSensitivity([fixture("scenarios", "small.yaml"), "--replicates", "0"])).rejects.toThrow(
      /--replicates expects an integer/,
    );
    await expect(cmdSensitivity([fixture("scenarios", "small.yaml"), "--lang", "fr"])).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(cmdSensitivity(["--bogus"])).rejects.toMatchObject({ code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
  });

  it("prints one JSON document with --json and writes the rows and the tornado chart with --out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tuopin-sens-"));
    const out: string[] = [];
    const so = vi
      .spyOn(process.stdout, "write")
      .mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
    const se = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(
        await cmdSensitivity([
          fixture("scenarios", "small.yaml"),
          "--json",
          "--replicates",
          "2",
          "--seed",
          "5",
          "--out",
          dir,
        ]),
      ).toBe(0);
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
    const doc = JSON.parse(out.join("")) as {
      seed: number;
      replicates: number;
      levers: { lever: string }[];
      scenario: { id: string };
    };
    expect([doc.scenario.id, doc.seed, doc.replicates]).toEqual(["small", 5, 2]);
    expect(doc.levers.length).toBe(findLevers(small).length);
    for (const ext of ["csv", "vl.json", "svg", "png"])
      expect(existsSync(join(dir, `small--sensitivity.${ext}`))).toBe(true);
    expect(readFileSync(join(dir, "small--sensitivity.csv"), "utf8").startsWith("\ufeffscenario,")).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
