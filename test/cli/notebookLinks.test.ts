import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { notebookLinks } from "../../src/index.js";
import { ROOT } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "tuopin-nb-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("notebookLinks (the overview's links to the rendered notebooks)", () => {
  it("links every bundled notebook to its HTML rendering, titled by its first heading", () => {
    const links = notebookLinks();
    const notebooks = readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"));
    expect(links.map((l) => l.file)).toEqual(notebooks.sort().map((f) => `notebooks/${f.replace(".ipynb", ".html")}`));
    for (const l of links) expect(l.title).not.toMatch(/^#|\.ipynb$/);
  });

  it("keeps the file name as title for a notebook without markdown or that cannot be read", () => {
    const cell = (cell_type: string, source: string[]) => ({ cell_type, source });
    writeFileSync(join(tmp, "a.ipynb"), JSON.stringify({ cells: [cell("markdown", ["## Title A\n", "text"])] }));
    writeFileSync(join(tmp, "b.ipynb"), JSON.stringify({ cells: [cell("code", ["1"])] }));
    writeFileSync(join(tmp, "c.ipynb"), "not json");
    expect(notebookLinks(tmp)).toEqual([
      { file: "notebooks/a.html", title: "Title A" },
      { file: "notebooks/b.html", title: "b.ipynb" },
      { file: "notebooks/c.html", title: "c.ipynb" },
    ]);
    expect(notebookLinks(join(tmp, "missing"))).toEqual([]);
  });
});
