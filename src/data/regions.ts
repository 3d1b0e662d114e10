import { join, relative } from "node:path";
import { ValidationError, type Problem } from "../errors.js";
import { DATA_DIR } from "../paths.js";
import { readCsv } from "./csv.js";

export const REGION_LEVELS = ["country", "province", "city", "county", "village"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
/** East / central / west as used by the exit rules (3% incidence threshold in the west). */
export const ZONES = ["east", "central", "west", ""] as const;

/** Poverty designations a region can carry (data/regions.csv, column `flags`). */
export const REGION_FLAGS = [
  "poor_county",
  "deep_poor_county",
  "poor_village",
  "deep_poor_village",
  "key_township",
] as const;
export type RegionFlag = (typeof REGION_FLAGS)[number];

export interface Region {
  id: string;
  /** Poverty designations, e.g. poor_county, deep_poor_county. */
  flags: RegionFlag[];
  parent: string | undefined;
  level: RegionLevel;
  name_zh: string;
  name_en: string;
  zone: "east" | "central" | "west" | "";
}

export interface RegionTable {
  byId: Map<string, Region>;
  /** Children of each region id. */
  children: Map<string, Region[]>;
  /** The region and its ancestors up to the country. */
  ancestors(id: string): Region[];
  /** The zone of a region, inherited from the nearest ancestor that states one. */
  zoneOf(id: string): "east" | "central" | "west" | "";
}

const COLUMNS = ["id", "parent", "level", "name_zh", "name_en", "zone", "flags"] as const;

/**
 * Loads the region hierarchy (country → province → city → county → village) from data/regions.csv,
 * checking every row: required columns, unique ids, known levels, parents that exist and sit one level up
 * or higher. All problems are reported together with their line and column.
 */
export function loadRegions(path = join(DATA_DIR, "regions.csv")): RegionTable {
  const name = relative(process.cwd(), path) || path;
  const t = readCsv(path, name, COLUMNS);
  const problems: Problem[] = [];
  const byId = new Map<string, Region>();
  for (const row of t.rows) {
    const c = row.cells;
    const id = c.id.text.trim();
    const at = (k: string) => ({ file: name, line: c[k].line, column: c[k].column, path: `${k}` });
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      problems.push({
        ...at("id"),
        message: {
          zh: `地区 id "${id}" 应为小写字母、数字和连字符`,
          en: `region id "${id}" must be lowercase letters, digits and hyphens`,
        },
      });
    }
    if (byId.has(id)) {
      problems.push({ ...at("id"), message: { zh: `地区 id "${id}" 重复`, en: `duplicate region id "${id}"` } });
    }
    const level = c.level.text.trim() as RegionLevel;
    if (!REGION_LEVELS.includes(level)) {
      problems.push({
        ...at("level"),
        message: {
          zh: `层级 "${level}" 无效，应为 ${REGION_LEVELS.join("/")}`,
          en: `level "${level}" is not one of ${REGION_LEVELS.join(", ")}`,
        },
      });
    }
    const zone = c.zone.text.trim() as Region["zone"];
    if (!ZONES.includes(zone)) {
      problems.push({
        ...at("zone"),
        message: {
          zh: `区域 "${zone}" 无效，应为 east/central/west 或留空`,
          en: `zone "${zone}" must be east, central, west or empty`,
        },
      });
    }
    const flags = (c.flags?.text ?? "")
      .split(";")
      .map((f) => f.trim())
      .filter((f) => f !== "") as RegionFlag[];
    for (const f of flags) {
      if (!REGION_FLAGS.includes(f))
        problems.push({
          ...at("flags"),
          message: {
            zh: `标记 "${f}" 无效，应为 ${REGION_FLAGS.join("/")}`,
            en: `flag "${f}" is not one of ${REGION_FLAGS.join(", ")}`,
          },
        });
    }
    if (flags.includes("deep_poor_county") && !flags.includes("poor_county")) {
      problems.push({
        ...at("flags"),
        message: { zh: "深度贫困县必须同时是贫困县", en: "a deep_poor_county must also be a poor_county" },
      });
    }
    byId.set(id, {
      id,
      flags,
      parent: c.parent.text.trim() || undefined,
      level,
      name_zh: c.name_zh.text.trim(),
      name_en: c.name_en.text.trim(),
      zone,
    });
  }
  for (const row of t.rows) {
    const r = byId.get(row.cells.id.text.trim());
    if (!r || r.parent === undefined) continue;
    const p = byId.get(r.parent);
    const cell = row.cells.parent;
    if (!p) {
      problems.push({
        file: name,
        line: cell.line,
        column: cell.column,
        path: "parent",
        message: { zh: `上级地区 "${r.parent}" 不存在`, en: `parent region "${r.parent}" is not defined in this file` },
      });
    } else if (REGION_LEVELS.indexOf(p.level) >= REGION_LEVELS.indexOf(r.level)) {
      problems.push({
        file: name,
        line: cell.line,
        column: cell.column,
        path: "parent",
        message: {
          zh: `上级 "${p.id}"（${p.level}）的层级不高于 "${r.id}"（${r.level}）`,
          en: `parent "${p.id}" (${p.level}) is not above "${r.id}" (${r.level})`,
        },
      });
    }
  }
  if (problems.length) throw new ValidationError(problems);
  const children = new Map<string, Region[]>();
  for (const r of byId.values()) {
    if (r.parent) {
      const list = children.get(r.parent) ?? [];
      list.push(r);
      children.set(r.parent, list);
    }
  }
  const ancestors = (id: string): Region[] => {
    const out: Region[] = [];
    const seen = new Set<string>();
    let r = byId.get(id);
    while (r && !seen.has(r.id)) {
      seen.add(r.id);
      out.push(r);
      r = r.parent ? byId.get(r.parent) : undefined;
    }
    return out;
  };
  return {
    byId,
    children,
    ancestors,
    zoneOf: (id) => ancestors(id).find((r) => r.zone !== "")?.zone ?? "",
  };
}
