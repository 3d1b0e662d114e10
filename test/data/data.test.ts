import { describe, expect, it } from "vitest";
import {
  BASELINE,
  loadBaselines,
  loadDocuments,
  loadObservations,
  loadRegions,
  parseCsv,
  parseProvenanceCell,
} from "../../src/index.js";
import { fixture, problems } from "../helpers.js";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, a BOM and comments, keeping positions", () => {
    const t = parseCsv('\ufeff# comment\na,b\n"x, y","say ""hi"""\n3,4\n', "t.csv");
    expect(t.header).toEqual(["a", "b"]);
    expect(t.rows[0].cells.a.text).toBe("x, y");
    expect(t.rows[0].cells.b.text).toBe('say "hi"');
    expect(t.rows[1].cells.b).toMatchObject({ text: "4", line: 4, column: 3 });
  });
  it("names the missing columns first, on the header line (after comments), not every row", () => {
    const p = problems(() => parseCsv("# note\nid,name\n1,a,x\n2,b,y\n", "t.csv", ["id", "name", "zone"]));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ line: 2, path: "zone" });
    expect(p[0].message.en).toMatch(/missing column "zone"/);
  });
  it("blames the header once when every row has the same other number of fields", () => {
    const p = problems(() => parseCsv("a,b\n1,2,3\n4,5,6\n7,8,9\n", "t.csv"));
    expect(p).toHaveLength(1);
    expect(p[0].line).toBe(1);
    expect(p[0].message.en).toMatch(/the header has 2 names but every row has 3 fields/);
  });
  it("reports a row with the wrong number of fields with its line", () => {
    const p = problems(() => parseCsv("a,b\n1,2,3\n", "t.csv"));
    expect(p[0]).toMatchObject({ line: 2 });
    expect(p[0].message.en).toMatch(/3 fields but the header has 2/);
  });
});

describe("loadRegions", () => {
  it("loads the bundled hierarchy, with zones inherited from provinces", () => {
    const r = loadRegions();
    expect(r.byId.get("cangxi")?.level).toBe("county");
    expect(r.ancestors("cangxi").map((x) => x.id)).toEqual(["cangxi", "guangyuan", "sichuan", "china"]);
    expect(r.zoneOf("kunming")).toBe("west");
    expect(r.zoneOf("fuyang")).toBe("central");
  });
  it("names a missing column", () => {
    expect(problems(() => loadRegions(fixture("data", "regions-missing-column.csv")))[0].message.en).toMatch(
      /missing column "zone"/,
    );
  });
  it("reports duplicate ids, unknown parents and levels together, with lines", () => {
    const p = problems(() => loadRegions(fixture("data", "regions-bad-rows.csv")));
    const find = (re: RegExp) => p.find((x) => re.test(x.message.en));
    expect(find(/duplicate region id "anhui"/)?.line).toBe(4);
    expect(find(/parent region "nowhere"/)?.line).toBe(5);
    expect(find(/level "town"/)?.line).toBe(6);
  });
});

describe("loadObservations", () => {
  it("loads the bundled observations, all with sources", () => {
    const o = loadObservations();
    expect(o.find((x) => x.region === "china" && x.year === 2015)?.value).toBe(55_750_000);
    for (const x of o) expect(x.source_url).toMatch(/^https?:\/\//);
  });
  it("rejects negative and non-numeric values, bad years and missing sources, with line and column", () => {
    const p = problems(() => loadObservations(fixture("data", "observed-bad-rows.csv")));
    expect(p.find((x) => /non-negative/.test(x.message.en))).toMatchObject({ line: 2, column: 24 });
    expect(p.find((x) => /year "20x5"/.test(x.message.en))?.line).toBe(3);
    expect(p.find((x) => /"lots"/.test(x.message.en))?.line).toBe(4);
    expect(p.find((x) => /source_url/.test(x.message.en))?.line).toBe(4);
  });
});

describe("loadBaselines", () => {
  it("loads every file in data/baselines with provenance and file:line", () => {
    const rows = loadBaselines();
    const a = rows.find((r) => r.region === "anhui" && r.metric === "poor_villages" && r.year === 2017)!;
    expect(a).toMatchObject({ value: 789, unit: "villages", provenance: { source: "004 §一" } });
    expect(a.at).toMatch(/^data\/baselines\/anhui\.csv:\d+$/);
    for (const r of rows) expect(Object.keys(r.provenance)).toHaveLength(1);
  });
  it("checks the bundled rows against the baseline catalog when given it, and only then", () => {
    const regions = new Set(loadRegions().byId.keys());
    expect(loadBaselines(undefined, regions, BASELINE).length).toBe(loadBaselines().length);
    const messages = problems(() => loadBaselines(fixture("data", "baselines-bad-rows.csv"))).map((p) => p.message.en);
    expect(messages.some((m) => /provenance must read/.test(m))).toBe(true);
    expect(messages.some((m) => /unknown metric|is wrong for|whole count/.test(m))).toBe(false);
  });
  it("reports fractional counts, unknown metrics, wrong units, bad provenance and unknown regions together", () => {
    const p = problems(() => loadBaselines(fixture("data", "baselines-bad-rows.csv"), new Set(["anhui"]), BASELINE));
    const find = (re: RegExp) => p.find((x) => re.test(x.message.en));
    expect(find(/must be a whole count/)?.line).toBe(2);
    expect(find(/unknown metric "poor_peple"; did you mean "poor_people"/)?.line).toBe(3);
    expect(find(/unit "people" is wrong for poor_villages; expected "villages"/)?.line).toBe(4);
    expect(find(/provenance must read/)).toMatchObject({ line: 5, column: 37 });
    expect(find(/region "nowhere"/)?.line).toBe(6);
  });
  it("parseProvenanceCell reads the four kinds and rejects others", () => {
    expect(parseProvenanceCell("url:https://example.org/x")).toEqual({ url: "https://example.org/x" });
    expect(parseProvenanceCell("source:004 §一")).toEqual({ source: "004 §一" });
    expect(parseProvenanceCell("derived: a / b")).toEqual({ derived: "a / b" });
    expect(parseProvenanceCell("url:ftp://x")).toBeUndefined();
    expect(parseProvenanceCell("somewhere")).toBeUndefined();
  });
});

describe("loadDocuments", () => {
  it("lists the five seed documents", () => {
    expect(Object.keys(loadDocuments()).sort()).toEqual(["000", "001", "002", "003", "004"]);
  });
});
