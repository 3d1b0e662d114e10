import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/** The package root (this file is src/paths.ts or dist/paths.js, one level below it). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The bundled data folder. */
export const DATA_DIR = join(PACKAGE_ROOT, "data");
/** The bundled scenarios folder. */
export const SCENARIO_DIR = join(PACKAGE_ROOT, "scenarios");
