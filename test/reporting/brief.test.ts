import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  briefCharts,
  chartContext,
  compareChart,
  differenceChart,
  exitsChart,
  loadScenario,
  pairedDifferenceRows,
  renderBrief,
  riskChart,
  runScenario,
  scenarioDifferences,
  toSvg,
  type RunResult,
} from "../../src/index.js";
import type { TopLevelSpec as TopLevelSpecLike } from "vega-lite";
import { ROOT, fixture } from "../helpers.js";

const base = runScenario(loadScenario(fixture("scenarios", "small.yaml")), { replicates: 40 });
const variant = runScenario(loadScenario(fixture("scenarios", "small-variant.yaml")), { replicates: 40 });
const tmp = mkdtempSync(join(tmpdir(), "tuopin-brief-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every data value array of a (possibly nested) Vega-Lite spec. */
function dataOf(spec: TopLevelSpecLike): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  const walk = (o: unknown) => {
    if (!o || typeof o !== "object") return;
    const v = (o as { data?: { values?: Record<string, unknown>[] } }).data?.values;
    if (v) out.push(v);
    for (const k of ["layer", "hconcat", "vconcat"]) for (const c of (o as Record<string, unknown[]>)[k] ?? []) walk(c);
  };
  walk(spec);
  return out;
}
const subtitle = (spec: TopLevelSpecLike) => ((spec.title as { subtitle: string[] }).subtitle ?? []).join("\n");

describe("chart builders", () => {
  const ctx = chartContext(base);
  it("every chart carries the footnote: sources, assumptions and the run manifest", () => {
    for (const spec of [
      exitsChart(base.rows, ctx),
      riskChart(base.rows, ctx),
      compareChart([...base.rows, ...variant.rows], [ctx, chartContext(variant)]),
    ]) {
      const foot = subtitle(spec);
      expect(foot).toContain("small");
      expect(foot).toMatch(/随机种子 7|种子 7/);
      expect(foot).toMatch(/重复 40/);
      expect(foot).toContain("tuopin ");
      expect(foot).toMatch(/来源/);
    }
  });
  it("exits by level: the P50 bars and the plan's targets come from the tidy rows", () => {
    const spec = exitsChart(base.rows, ctx);
    const data = dataOf(spec);
    // the fixture's 2018 quota of 8,000 people is drawn as a target
    expect(data.some((d) => d.some((x) => x.year === 2018 && x.value === 8000))).toBe(true);
    const p50 = base.rows.find(
      (r) =>
        r.metric === "villages_exit" &&
        r.stat === "p50" &&
        r.year === 2019 &&
        r.mode === "mechanistic" &&
        r.region === base.scenario.region.id,
    )!.value;
    expect(data.some((d) => d.some((x) => x.year === 2019 && x.p50 === p50))).toBe(true);
  });
  it("risk by cause: the causes add up to the expected returns and new poor", () => {
    const spec = riskChart(base.rows, ctx);
    const [returns, newPoor] = dataOf(spec) as { year: string; people: number }[][];
    for (const [bars, metric] of [
      [returns, "returns_people"],
      [newPoor, "new_poor_people"],
    ] as const) {
      for (const year of base.result.years) {
        const sum = bars.filter((b) => b.year === String(year)).reduce((a, b) => a + b.people, 0);
        const total = base.rows.find(
          (r) =>
            r.metric === metric &&
            r.stat === "mean" &&
            r.year === year &&
            r.mode === "mechanistic" &&
            r.region === base.scenario.region.id,
        )!.value;
        expect(sum).toBeCloseTo(total, 0);
      }
    }
  });
  it("English on request", () => {
    const spec = exitsChart(base.rows, chartContext(base, "en"), "en");
    expect((spec.title as { text: string }).text).toMatch(/exits by level/);
    expect(subtitle(spec)).toMatch(/seed 7/);
  });
  it("paired differences: zero against itself, other − base replicate by replicate, an error when unpaired", () => {
    const self = pairedDifferenceRows(base.result, base.result);
    expect(self.every((r) => r.value === 0)).toBe(true);
    const d = pairedDifferenceRows(base.result, variant.result, "poor_people");
    const T = base.result.years.length;
    const diffs = Array.from(
      { length: 40 },
      (_, r) => variant.result.metrics.poor_people![r * T + 1] - base.result.metrics.poor_people![r * T + 1],
    );
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    expect(d.find((r) => r.year === base.result.years[1] && r.stat === "mean")!.value).toBeCloseTo(mean, 1);
    const fewer = { ...variant.result, replicates: 39 } as RunResult;
    expect(() => pairedDifferenceRows(base.result, fewer)).toThrow(/same replicates and years.*--replicates/);
    const spec = differenceChart(d, chartContext(variant), { base: ctx });
    expect(subtitle(spec)).toMatch(/配对差/);
  });
  it("renders with Chinese text", async () => {
    const svg = await toSvg(compareChart([...base.rows, ...variant.rows], [ctx, chartContext(variant)]));
    expect(svg).toContain("情景比较");
    expect(svg).toContain("测试变体");
  });
});

describe("scenarioDifferences", () => {
  it("lists exactly what the variant changes, with its provenance", () => {
    const d = scenarioDifferences(base.scenario, variant.scenario);
    expect(d.map((x) => x.path)).toEqual(["model.measures.industry.coverage"]);
    expect(d[0].other).toContain("0.6");
    expect(d[0].provenance).toBe("assumption: variant");
    expect(scenarioDifferences(base.scenario, base.scenario)).toEqual([]);
  });
});

describe("the brief", () => {
  it("has the headline table, four charts and the quotas, differences, sources, manifest; same bytes", async () => {
    const html = await renderBrief([base, variant]);
    expect(html).toContain('<table id="headline">');
    // four charts, and the base's quotas (its plan sets them)
    expect(html.match(/<figure data-chart=/g)).toHaveLength(5);
    expect(briefCharts([base, variant]).map((c) => c.name)).toEqual([
      "compare-poor-people",
      "difference-poor-people",
      "compare-returns",
      "compare-exits",
      "quotas",
    ]);
    expect(html).toContain("model.measures.industry.coverage");
    expect(html).toContain('id="manifest"');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import/i);
    expect(html).toBe(await renderBrief([base, variant]));
  });

  it("lists the numbers recorded, not simulated, and each variant's paired effect or why it has none", async () => {
    const recorded = runScenario(loadScenario(fixture("scenarios", "small-recorded.yaml")), { replicates: 40 });
    const en = await renderBrief([base, variant, recorded], { lang: "en" });
    expect(en).toContain('<table class="diff" id="recorded">');
    expect(en).toMatch(/<code>water\.litres_per_person_day_min<\/code>.*small-recorded/s);
    // the industry variant moves the poor, paired on the same seeds; the recorded one moves nothing
    expect(en).toMatch(/the poor at the end move by [+-][\d,]+ people \(P10–P90/);
    expect(en).toContain("no projected number of this scenario differs from the base");
    expect(await renderBrief([base, variant])).not.toContain('id="recorded"');
    // where the poor at the end do not move but other outputs do, the brief names those outputs
    const samePoor = {
      ...variant,
      result: {
        ...variant.result,
        metrics: { ...variant.result.metrics, poor_people: base.result.metrics.poor_people },
      },
    };
    const html = await renderBrief([base, samePoor], { lang: "en" });
    expect(html).toMatch(
      /move by 0 people \(P10–P90 0 to 0\)\. The outputs that differ: [^<]*People exiting in the year/,
    );
  });

  it("speaks English on request, and a single scenario gets its fan, exits, risk and a fourth chart", async () => {
    const en = await renderBrief([base, variant], { lang: "en" });
    expect(en).toContain("Poverty-exit scenario brief");
    expect(en).toContain("Assumptions that differ from the base");
    expect(en).not.toMatch(/情景比较/);
    expect(briefCharts([base]).map((c) => c.name)).toEqual([
      "poor-people",
      "exits",
      "return-risk",
      "cumulative-exits",
      "quotas",
    ]);
  });

  it("renders in headless Chromium: the table and the five charts (screenshot kept in test/artifacts/)", async () => {
    const file = join(tmp, "brief.html");
    writeFileSync(file, await renderBrief([base, variant]));
    const flags = [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--hide-scrollbars",
      "--virtual-time-budget=5000",
    ];
    const dom = spawnSync(
      "chromium",
      [...flags, `--user-data-dir=${join(tmp, "profile-dom")}`, "--dump-dom", `file://${file}`],
      { encoding: "utf8", maxBuffer: 64 << 20 },
    );
    expect(dom.status, dom.stderr.slice(-2000)).toBe(0);
    expect(dom.stdout).toContain('<table id="headline">');
    expect(dom.stdout.match(/<figure data-chart="[a-z-]+"><svg/g)).toHaveLength(5);
    expect(dom.stdout).toContain("测试变体");
    const artifacts = join(ROOT, "test", "artifacts");
    mkdirSync(artifacts, { recursive: true });
    const shot = join(artifacts, "brief.png");
    rmSync(shot, { force: true });
    const r = spawnSync(
      "chromium",
      [
        ...flags,
        `--user-data-dir=${join(tmp, "profile-shot")}`,
        "--window-size=1280,1600",
        `--screenshot=${shot}`,
        `file://${file}`,
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const png = readFileSync(shot);
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    // a blank page compresses to a few KB; charts and text do not
    expect(statSync(shot).size).toBeGreaterThan(50_000);
  }, 60_000);
});
