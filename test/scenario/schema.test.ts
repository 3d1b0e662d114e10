import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT, fixture } from "../helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "scenarios", "scenario.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const yamlOf = (p: string) => parse(readFileSync(p, "utf8"));

describe("scenarios/scenario.schema.json (for editors)", () => {
  it("is up to date with the types and the catalog (scripts/schema.mjs --check)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "schema.mjs"), "--check"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
  });

  const files = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml"));
  for (const f of files) {
    it(`accepts ${f}`, () => {
      const ok = validate(yamlOf(join(ROOT, "scenarios", f)));
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    });
  }
  for (const f of ["small.yaml", "funds.yaml", "funds-variant.yaml"]) {
    it(`accepts the valid fixture ${f}`, () =>
      expect(validate(yamlOf(fixture("scenarios", f))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true));
  }
  for (const f of [
    "unknown-key.yaml",
    "share-out-of-range.yaml",
    "wrong-type.yaml",
    "wrong-unit.yaml",
    "unknown-parameter.yaml",
    "rule-unknown-kind.yaml",
    "rule-bad-enum.yaml",
    "bad-target-key.yaml",
  ]) {
    it(`rejects the broken fixture ${f}, as tuopin validate does`, () =>
      expect(validate(yamlOf(fixture("broken", f)))).toBe(false));
  }
});
