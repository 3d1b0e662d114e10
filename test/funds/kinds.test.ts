/**
 * The money rule kinds are declared once (RULE_KINDS: nature, fields, required) and evaluated by one module
 * each (FUND_KINDS); the JSON Schema generated from the FundRule interfaces lists the same kinds and fields.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON_RULE_FIELDS, FUND_KINDS, RULE_KIND_NAMES, RULE_KINDS, type FundRuleKind } from "../../src/index.js";
import { ROOT } from "../helpers.js";

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  const?: string;
  enum?: string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
}
const schema = JSON.parse(readFileSync(join(ROOT, "scenarios", "scenario.schema.json"), "utf8")) as {
  definitions: Record<string, SchemaNode>;
};
const deref = (n: SchemaNode): SchemaNode => (n.$ref ? deref(schema.definitions[n.$ref.split("/").pop()!]) : n);
/** The schema of each rule kind, by the `kind` constant of each branch of FundRule. */
const schemaKinds = new Map(
  schema.definitions.FundRule.anyOf!.map((b) => {
    const d = deref(b);
    return [d.properties!.kind.const as FundRuleKind, d] as const;
  }),
);

describe("money rule kinds", () => {
  it("there are eleven, each named once", () => {
    expect(RULE_KIND_NAMES).toHaveLength(11);
    expect(new Set(RULE_KIND_NAMES).size).toBe(RULE_KIND_NAMES.length);
    expect(Object.keys(RULE_KINDS)).toEqual(RULE_KIND_NAMES);
  });

  it("every kind has an evaluator and a nature, and its module carries the declared facts", () => {
    expect(Object.keys(FUND_KINDS).sort()).toEqual([...RULE_KIND_NAMES].sort());
    for (const k of RULE_KIND_NAMES) {
      const m = FUND_KINDS[k];
      expect(typeof m.evaluate, k).toBe("function");
      expect(["grant", "loan", "reserved"], k).toContain(m.nature);
      expect({ nature: m.nature, fields: m.fields, required: m.required }, k).toEqual(RULE_KINDS[k]);
    }
  });

  it("relending is the only loan and reserved_share the only reserved money", () => {
    const by = (n: string) => RULE_KIND_NAMES.filter((k) => RULE_KINDS[k].nature === n);
    expect(by("loan")).toEqual(["relending"]);
    expect(by("reserved")).toEqual(["reserved_share"]);
  });

  it("a kind's required fields are among its fields, none of them common to every rule", () => {
    for (const k of RULE_KIND_NAMES) {
      const own = Object.keys(RULE_KINDS[k].fields);
      for (const r of RULE_KINDS[k].required) expect(own, `${k}.${r}`).toContain(r);
      for (const f of own) expect(COMMON_RULE_FIELDS as readonly string[], `${k}.${f}`).not.toContain(f);
    }
  });
});

describe("the JSON Schema (scenarios/scenario.schema.json) and RULE_KINDS", () => {
  it("the schema's kind enum is RULE_KIND_NAMES", () => {
    expect([...schemaKinds.keys()].sort()).toEqual([...RULE_KIND_NAMES].sort());
  });

  it("each kind has the same fields, required fields and enum values", () => {
    for (const k of RULE_KIND_NAMES) {
      const d = schemaKinds.get(k)!;
      const spec = RULE_KINDS[k];
      expect(Object.keys(d.properties!).sort(), k).toEqual([...COMMON_RULE_FIELDS, ...Object.keys(spec.fields)].sort());
      expect([...d.required!].sort(), k).toEqual(["kind", ...spec.required].sort());
      for (const [f, fs] of Object.entries(spec.fields)) {
        if (fs.t !== "enum") continue;
        const values = deref(d.properties![f]).enum;
        expect([...(values ?? [])].sort(), `${k}.${f}`).toEqual([...fs.values].sort());
      }
    }
  });
});
