/** The notebooks the overview page links to (out/index.html), with their titles. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.js";

export interface NotebookLink {
  /** The HTML rendering `npm start` writes under out/notebooks/, relative to out/. */
  file: string;
  title: string;
}

/** Every notebook of `dir` (default the package's notebooks/), by file name, linked to its HTML rendering. */
export function notebookLinks(dir = join(PACKAGE_ROOT, "notebooks")): NotebookLink[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => ({ file: `notebooks/${f.replace(/\.ipynb$/, ".html")}`, title: notebookTitle(join(dir, f)) ?? f }));
}

/** The first line of a notebook's first markdown cell without its `#`s; undefined when there is none. */
function notebookTitle(path: string): string | undefined {
  try {
    const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const first = nb.cells.find((c) => c.cell_type === "markdown");
    const text = first ? (Array.isArray(first.source) ? first.source.join("") : first.source) : "";
    return text.split("\n")[0].replace(/^#+\s*/, "") || undefined;
  } catch {
    // a notebook that cannot be read keeps its file name as title
    return undefined;
  }
}
