import { join, relative } from "node:path";
import { ValidationError, type Problem } from "../errors.js";
import { DATA_DIR } from "../paths.js";
import { readCsv, type Cell } from "./csv.js";

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
    const at = (k: string, message: Problem["message"]) =>
      problems.push({ file: name, line: c[k].line, column: c[k].column, path: `${k}`, message });
    const r = readRegion(c, at, byId);
    byId.set(r.id, r);
  }
  for (const row of t.rows) {
    const r = byId.get(row.cells.id.text.trim());
    const cell = row.cells.parent;
    const message = r && parentProblem(r, byId);
    if (message) problems.push({ file: name, line: cell.line, column: cell.column, path: "parent", message });
  }
  if (problems.length) throw new ValidationError(problems);
  return regionTable(byId);
}

/** One row of data/regions.csv, checked: id (well-formed, not among `seen`), level, zone and flags. */
function readRegion(
  c: Record<string, Cell>,
  at: (k: string, message: Problem["message"]) => void,
  seen: ReadonlyMap<string, Region>,
): Region {
  const id = c.id.text.trim();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    at("id", {
      zh: `地区 id "${id}" 应为小写字母、数字和连字符`,
      en: `region id "${id}" must be lowercase letters, digits and hyphens`,
    });
  if (seen.has(id)) at("id", { zh: `地区 id "${id}" 重复`, en: `duplicate region id "${id}"` });
  const level = c.level.text.trim() as RegionLevel;
  if (!REGION_LEVELS.includes(level))
    at("level", {
      zh: `层级 "${level}" 无效，应为 ${REGION_LEVELS.join("/")}`,
      en: `level "${level}" is not one of ${REGION_LEVELS.join(", ")}`,
    });
  const zone = c.zone.text.trim() as Region["zone"];
  if (!ZONES.includes(zone))
    at("zone", {
      zh: `区域 "${zone}" 无效，应为 east/central/west 或留空`,
      en: `zone "${zone}" must be east, central, west or empty`,
    });
  const flags = (c.flags?.text ?? "")
    .split(";")
    .map((f) => f.trim())
    .filter((f) => f !== "") as RegionFlag[];
  for (const f of flags)
    if (!REGION_FLAGS.includes(f))
      at("flags", {
        zh: `标记 "${f}" 无效，应为 ${REGION_FLAGS.join("/")}`,
        en: `flag "${f}" is not one of ${REGION_FLAGS.join(", ")}`,
      });
  if (flags.includes("deep_poor_county") && !flags.includes("poor_county"))
    at("flags", { zh: "深度贫困县必须同时是贫困县", en: "a deep_poor_county must also be a poor_county" });
  const parent = c.parent.text.trim() || undefined;
  return { id, flags, parent, level, name_zh: c.name_zh.text.trim(), name_en: c.name_en.text.trim(), zone };
}

/** What is wrong with a region's parent: it is missing, or not above the region. */
function parentProblem(r: Region, byId: Map<string, Region>): Problem["message"] | undefined {
  if (r.parent === undefined) return undefined;
  const p = byId.get(r.parent);
  if (!p) return { zh: `上级地区 "${r.parent}" 不存在`, en: `parent region "${r.parent}" is not defined in this file` };
  if (REGION_LEVELS.indexOf(p.level) < REGION_LEVELS.indexOf(r.level)) return undefined;
  return {
    zh: `上级 "${p.id}"（${p.level}）的层级不高于 "${r.id}"（${r.level}）`,
    en: `parent "${p.id}" (${p.level}) is not above "${r.id}" (${r.level})`,
  };
}

/** The table over checked regions: children, ancestors and inherited zones. */
function regionTable(byId: Map<string, Region>): RegionTable {
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
