#!/usr/bin/env node
// Generates scenarios/scenario.schema.json from the TypeScript types in src/scenario/types.ts
// (ts-json-schema-generator), then narrows the open maps with the catalog (allowed baseline keys, target
// kinds and parameter paths, each with its unit). `node scripts/schema.mjs --check` fails when the
// committed schema differs from a fresh one. Needs the built library (npm run build).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { createGenerator } from "ts-json-schema-generator";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { BASELINE, TARGETS, PARAMETERS } = await import(join(root, "dist", "index.js"));

export function buildSchema() {
  const schema = createGenerator({
    path: join(root, "src/scenario/types.ts"),
    tsconfig: join(root, "tsconfig.json"),
    type: "ScenarioSpec",
    expose: "export",
    topRef: true,
    jsDoc: "extended",
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema("ScenarioSpec");
  schema.title = "tuopin scenario";
  schema.description =
    "A tuopin scenario file. Generated from src/scenario/types.ts and the parameter catalog by scripts/schema.mjs; " +
    "do not edit.";
  const spec = schema.definitions.ScenarioSpec;
  // a variant (extends) inherits label, region and horizon, and may override part of an inherited rule
  spec.required = ["id"];
  spec.if = { not: { required: ["extends"] } };
  spec.then = { required: ["id", "label", "region", "horizon"] };
  spec.properties.funds.additionalProperties = {
    anyOf: [
      { $ref: "#/definitions/FundRule" },
      {
        type: "object",
        not: { required: ["kind"] },
        description: "A partial override of an inherited rule (a variant).",
      },
    ],
  };
  const bounds = (d) => ({
    ...(d.min !== undefined ? { minimum: d.min } : {}),
    ...(d.max !== undefined ? { maximum: d.max } : {}),
    ...(d.integer ? { multipleOf: 1 } : {}),
  });
  const withUnit = (ref, unit, d) => ({
    allOf: [
      { $ref: ref },
      ref.endsWith("DatedSeries")
        ? {
            properties: {
              unit: { const: unit },
              values: { additionalProperties: { properties: { value: bounds(d) } } },
            },
          }
        : { properties: { unit: { const: unit }, value: bounds(d) } },
    ],
  });
  spec.properties.baseline = {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(BASELINE).map(([k, d]) => [
        k,
        { description: `${d.label} · ${d.label_en}`, ...withUnit("#/definitions/Quantity", d.unit, d) },
      ]),
    ),
  };
  spec.properties.targets = {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(TARGETS).map(([k, d]) => [
        k,
        {
          description: `${d.label} · ${d.label_en}`,
          type: "object",
          propertyNames: { pattern: "^\\d{4}(-\\d{2}-\\d{2})?$" },
          additionalProperties: withUnit("#/definitions/TargetValue", d.unit, d),
        },
      ]),
    ),
  };
  spec.properties.parameters = {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(PARAMETERS).map(([k, d]) => [
        k,
        { description: `${d.label} · ${d.label_en}`, ...withUnit("#/definitions/DatedSeries", d.unit, d) },
      ]),
    ),
  };
  return JSON.stringify(schema, null, 2) + "\n";
}

const out = join(root, "scenarios", "scenario.schema.json");
const fresh = buildSchema();
if (process.argv.includes("--check")) {
  const committed = readFileSync(out, "utf8");
  if (committed !== fresh) {
    console.error("scenarios/scenario.schema.json is out of date: run `npm run schema`");
    process.exit(1);
  }
  console.log("schema up to date");
} else {
  writeFileSync(out, fresh);
  console.log(`wrote ${out.slice(root.length + 1)}`);
}
