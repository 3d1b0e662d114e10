import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, fixture, tuopin } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "tuopin-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("tuopin CLI", () => {
  it("--help explains every option", () => {
    const r = tuopin("--help");
    expect(r.code).toBe(0);
    for (const opt of ["--out", "--seed", "--replicates", "--json", "--lang", "validate"])
      expect(r.stdout).toContain(opt);
  });

  it("an unknown option ends with a clear message and exit 2", () => {
    const r = tuopin("run", fixture("scenarios", "small.yaml"), "--bogus");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--bogus'/);
    expect(r.stderr).toMatch(/tuopin --help/);
  });

  it("a bad option value ends with exit 2", () => {
    const r = tuopin("run", fixture("scenarios", "small.yaml"), "--replicates", "zero");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--replicates expects an integer/);
  });

  it("a missing file ends with a clear message and exit 1", () => {
    const r = tuopin("run", "no/such/file.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scenario file not found: no\/such\/file\.yaml/);
  });

  it("one invalid scenario stops the whole run before anything is written", () => {
    const out = join(tmp, "invalid");
    const r = tuopin(
      "run",
      fixture("scenarios", "small.yaml"),
      fixture("broken", "share-out-of-range.yaml"),
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was run or written/);
    expect(r.stderr).toMatch(/share-out-of-range\.yaml:9:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it("run --out writes rows (CSV, XLSX), charts (vl.json, svg, png), manifests, a brief per plan, the overview", () => {
    const out = join(tmp, "a");
    const r = tuopin("run", fixture("scenarios"), "--out", out, "--replicates", "30");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/scenario\s+years/);
    for (const id of ["small", "small-variant"]) {
      const files = readdirSync(join(out, id)).sort();
      for (const chart of ["poor-people", "exits", "return-risk"])
        for (const ext of [".vl.json", ".svg", ".png"]) expect(files).toContain(chart + ext);
      expect(files).toContain("rows.csv");
      expect(files).toContain("rows.xlsx");
      expect(files).toContain("manifest.json");
      const m = JSON.parse(readFileSync(join(out, id, "manifest.json"), "utf8"));
      expect(m).toMatchObject({ seed: 7, replicates: 30, model: "household engine", modes: ["mechanistic", "target"] });
      expect(m.scenario.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.outputs.map((o: { file: string }) => o.file)).toContain("rows.csv");
    }
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain("测试变体");
    expect(index).toContain('href="briefs/small.html"');
    expect(readFileSync(join(out, "briefs", "small-variant.html"), "utf8")).toContain('<table id="headline">');
    // no temporary folders left behind
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("the same seed gives the same bytes (all files but the manifest's timestamp)", () => {
    const a = join(tmp, "s1"),
      b = join(tmp, "s2");
    expect(tuopin("run", fixture("scenarios", "small.yaml"), "--out", a, "--seed", "99").code).toBe(0);
    expect(tuopin("run", fixture("scenarios", "small.yaml"), "--out", b, "--seed", "99").code).toBe(0);
    for (const f of readdirSync(join(a, "small"))) {
      let x = readFileSync(join(a, "small", f)),
        y = readFileSync(join(b, "small", f));
      if (f === "manifest.json") {
        const strip = (buf: Buffer) => Buffer.from(buf.toString().replace(/"created_at": "[^"]+"/, ""));
        x = strip(x);
        y = strip(y);
      }
      expect(x.equals(y), f).toBe(true);
    }
    expect(readFileSync(join(a, "briefs", "small.html")).equals(readFileSync(join(b, "briefs", "small.html")))).toBe(
      true,
    );
    expect(readFileSync(join(a, "index.html")).equals(readFileSync(join(b, "index.html")))).toBe(true);
  });

  it("compare writes a self-contained brief and the charts; bad use exits 2, a bad file 1, nothing written", () => {
    const out = join(tmp, "cmp");
    const brief = join(out, "brief.html");
    const r = tuopin(
      "compare",
      fixture("scenarios", "small.yaml"),
      fixture("scenarios", "small-variant.yaml"),
      "--brief",
      brief,
      "--out",
      out,
      "--replicates",
      "20",
    );
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(brief, "utf8");
    // four charts and the base's quotas
    expect(html.match(/<figure data-chart=/g)).toHaveLength(5);
    expect(html).toContain("model.measures.industry.coverage");
    expect(readdirSync(join(out, "comparison")).sort()).toEqual(
      ["compare-exits", "compare-poor-people", "compare-returns", "difference-poor-people", "quotas"]
        .flatMap((c) => [`${c}.png`, `${c}.svg`, `${c}.vl.json`])
        .sort(),
    );
    expect(readdirSync(join(out, "small"))).toContain("rows.xlsx");
    // one scenario is not a comparison; --brief must name an .html file
    expect(tuopin("compare", fixture("scenarios", "small.yaml"), "--brief", brief).code).toBe(2);
    expect(
      tuopin(
        "compare",
        fixture("scenarios", "small.yaml"),
        fixture("scenarios", "small-variant.yaml"),
        "--brief",
        join(tmp, "b.pdf"),
      ).stderr,
    ).toMatch(/--brief expects an \.html file/);
    const bad = join(tmp, "cmp-bad", "brief.html");
    const e = tuopin(
      "compare",
      fixture("scenarios", "small.yaml"),
      fixture("broken", "share-out-of-range.yaml"),
      "--brief",
      bad,
    );
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/share-out-of-range\.yaml:9:\d+/);
    expect(existsSync(join(tmp, "cmp-bad"))).toBe(false);
  }, 120_000);

  it("run --json prints one JSON document with P10/P50/P90 per scenario and year", () => {
    const r = tuopin("run", fixture("scenarios", "small.yaml"), "--json", "--replicates", "20");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const s = doc.scenarios[0];
    expect(s).toMatchObject({ id: "small", seed: 7, replicates: 20, region: "cangxi" });
    expect(s.years.map((y: { year: number }) => y.year)).toEqual([2018, 2019, 2020]);
    const y2018 = s.years[0];
    expect(y2018.poor_people.p10).toBeLessThanOrEqual(y2018.poor_people.p50);
    expect(y2018.poor_people.p50).toBeLessThanOrEqual(y2018.poor_people.p90);
    expect(y2018.exits_people.target).toBe(8000);
    expect(y2018.exits_people.p_target_met).toBeGreaterThanOrEqual(0);
    expect(r.stderr).toMatch(/scenario\s+years/); // the table goes to stderr with --json
  });

  it("validate exits 0 on the bundled scenarios and 1 on a broken one, with --json for machines", () => {
    expect(tuopin("validate", "scenarios").code).toBe(0);
    const bad = tuopin("validate", fixture("broken", "unknown-key.yaml"), "--json");
    expect(bad.code).toBe(1);
    const doc = JSON.parse(bad.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.files[0].problems[0]).toMatchObject({ line: 5, path: "horizn" });
  });

  it("validate notes the numbers a plan sets that are recorded, not simulated; explain says what one drives", () => {
    const r = tuopin("validate", "scenarios/hengyang-2020.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/note: water\.litres_per_person_day_min \(.*\) is recorded, not simulated: /);
    const doc = JSON.parse(tuopin("validate", "scenarios/hengyang-2020.yaml", "--json").stdout);
    expect(doc.files[0].recorded.map((x: { path: string }) => x.path)).toContain("assessment.bottom_accountable");
    expect(tuopin("explain", "scenarios/hengyang-2020.yaml", "income.poverty_line").stdout).toMatch(/ drives: /);
    const water = tuopin("explain", "scenarios/hengyang-2020.yaml", "water.fetch_minutes_max").stdout;
    expect(water).toMatch(/recorded, not simulated: /);
  });

  it("explain prints a parameter's resolved values and sources; a wrong path gets a did-you-mean", () => {
    const ok = tuopin("explain", fixture("scenarios", "funds-variant.yaml"), "funds.province-increment.share");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/always\s+0\.2\s+004 §六\(一\)/);
    expect(ok.stdout).toMatch(/2020-01-01 … 2020-12-31\s+0\.25/);
    expect(ok.stdout).toMatch(/2018: 0\.2\s+2019: 0\.2\s+2020: 0\.25/);
    const bad = tuopin("explain", fixture("scenarios", "funds.yaml"), "funds.deep-reservation.shar");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/did you mean "funds.deep-reservation.share"/);
    const json = JSON.parse(
      tuopin("explain", fixture("scenarios", "funds.yaml"), "baseline.poor_people", "--json").stdout,
    );
    expect(json).toMatchObject({
      path: "baseline.poor_people",
      unit: "people",
      byYear: [{ year: 2018, value: 1202000 }],
    });
  });

  it("worker threads give the same numbers as one thread", () => {
    const one = tuopin("run", fixture("scenarios", "small.yaml"), "--json", "--replicates", "6", "--threads", "1");
    const two = tuopin("run", fixture("scenarios", "small.yaml"), "--json", "--replicates", "6", "--threads", "2");
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const strip = (doc: string) =>
      JSON.stringify(
        JSON.parse(doc).scenarios.map((s: { years: unknown; target_following: unknown; headline: unknown }) => [
          s.years,
          s.target_following,
          s.headline,
        ]),
      );
    expect(strip(two.stdout)).toBe(strip(one.stdout));
  });

  it("optimise prints the plan against the optimum with duals, also as --json; no money rules is a usage error", () => {
    const r = tuopin("optimise", join(ROOT, "scenarios", "cangxi-2014-2019.yaml"), "--json");
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.year).toBe(2014);
    expect(doc.gain_exits).toBeGreaterThanOrEqual(-1e-6);
    expect(doc.measures.map((m: { id: string }) => m.id)).toContain("industry");
    const spent = (k: "plan" | "optimum") => doc.measures.reduce((a: number, m: Record<string, number>) => a + m[k], 0);
    expect(Math.abs(spent("optimum") + doc.unspent.optimum - doc.budget) / doc.budget).toBeLessThan(1e-9);
    expect(doc.binding_constraints.some((c: { kind: string }) => c.kind === "budget")).toBe(true);
    const text = tuopin("optimise", join(ROOT, "scenarios", "cangxi-2014-2019.yaml"));
    expect(text.stdout).toMatch(/binding constraints/);
    const none = tuopin("optimise", join(ROOT, "scenarios", "national-2016-2020.yaml"));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no money rules/);
    expect(tuopin("optimise", join(ROOT, "scenarios", "cangxi-2014-2019.yaml"), "--year", "2030").code).toBe(2);
  });

  it("risk prints the monitoring list; --json has expected falls, the band against guidance, ranked households", () => {
    const r = tuopin(
      "risk",
      join(ROOT, "scenarios", "kunming-2018-2020.yaml"),
      "--year",
      "2019",
      "--top",
      "5",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.year).toBe(2019);
    expect(doc.households).toHaveLength(5);
    expect(doc.band.target).toBe(0.05);
    expect(doc.expected.returns).toBeGreaterThanOrEqual(0);
    const text = tuopin("risk", join(ROOT, "scenarios", "kunming-2018-2020.yaml"), "--top", "3");
    expect(text.stdout).toMatch(/monitoring band/);
    expect(tuopin("risk", join(ROOT, "scenarios", "kunming-2018-2020.yaml"), "--year", "2030").code).toBe(2);
    expect(tuopin("calibrate", "anhui").code).toBe(2);
  });

  it("backtest national --json prints the 2016–2020 series with P10/P50/P90 from inputs up to 2015", () => {
    const r = tuopin("backtest", "national", "--json", "--replicates", "4", "--threads", "1");
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.inputs_until).toBe(2015);
    expect(doc.series.map((x: { year: number }) => x.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    for (const x of doc.series) {
      expect(x.unit).toBe("people");
      expect(x.p10).toBeLessThanOrEqual(x.p50);
      expect(x.p50).toBeLessThanOrEqual(x.p90);
      // scored against data/observed.csv (2016–2020 are there): error = P50 − observed
      expect(x.error).toBeCloseTo(x.p50 - x.observed, 6);
      if (x.observed === 0) expect(x.relative_error).toBeUndefined();
      else expect(x.relative_error).toBeCloseTo((x.p50 - x.observed) / x.observed, 9);
    }
    expect(doc.series.find((x: { year: number }) => x.year === 2017).observed).toBe(30_460_000);
    expect(doc.mae).toBeCloseTo(
      doc.series.reduce((a: number, x: { error: number }) => a + Math.abs(x.error), 0) / 5,
      3,
    );
    expect(tuopin("backtest", "anhui").code).toBe(2);
  });
});
