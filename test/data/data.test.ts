import { describe, expect, it } from "vitest";
import { loadObservations, loadRegions, parseCsv, ValidationError, type Problem } from "../../src/index.js";
import { fixture } from "../helpers.js";

function problems(f: () => unknown): Problem[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, a BOM and comments, keeping positions", () => {
    const t = parseCsv('\ufeff# comment\na,b\n"x, y","say ""hi"""\n3,4\n', "t.csv");
    expect(t.header).toEqual(["a", "b"]);
    expect(t.rows[0].cells.a.text).toBe("x, y");
    expect(t.rows[0].cells.b.text).toBe('say "hi"');
    expect(t.rows[1].cells.b).toMatchObject({ text: "4", line: 4, column: 3 });
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
    expect(problems(() => loadRegions(fixture("data", "regions-missing-column.csv")))[0].message.en).toMatch(/missing column "zone"/);
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
