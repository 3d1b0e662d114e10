import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/**
 * Every notebook executes top to bottom through real Jupyter (nbconvert) with the tslab kernel registered
 * inside the project (.jupyter/, by `npm run kernel`, which `npm test` runs first), and renders to HTML.
 */
const NB_DIR = join(ROOT, "notebooks");
const notebooks = readdirSync(NB_DIR)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
const outDir = mkdtempSync(join(tmpdir(), "tuopin-nb-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Output {
  output_type: string;
  name?: string;
  text?: string[];
  data?: Record<string, unknown>;
}

describe("notebooks", () => {
  it("there are notebooks", () => expect(notebooks.length).toBeGreaterThan(0));
  for (const nb of notebooks) {
    it(`${nb} executes top to bottom with no error and shows its chart and table`, () => {
      // the same script that renders them for `npm start` (out/notebooks/): executed copy and HTML
      const r = spawnSync("bash", [join(ROOT, "scripts", "render-notebooks.sh"), outDir, join("notebooks", nb)], {
        cwd: ROOT,
        encoding: "utf8",
      });
      expect(r.status, r.stderr.slice(-3000)).toBe(0);
      const html = readFileSync(join(outDir, nb.replace(/\.ipynb$/, ".html")), "utf8");
      expect(html).toContain("<svg");
      const done = JSON.parse(readFileSync(join(outDir, nb), "utf8")) as {
        cells: { cell_type: string; outputs?: Output[] }[];
      };
      const outputs = done.cells.flatMap((c) => c.outputs ?? []);
      // tslab reports compile and runtime errors on stderr without failing the cell: none allowed
      const stderr = outputs
        .filter((o) => o.name === "stderr")
        .map((o) => (o.text ?? []).join(""))
        .join("\n");
      expect(stderr).toBe("");
      const displays = outputs.filter((o) => o.output_type === "display_data");
      expect(
        displays.some((d) => d.data && "image/svg+xml" in d.data && "application/vnd.vegalite.v5+json" in d.data),
      ).toBe(true);
      expect(
        displays.some((d) => d.data && "text/html" in d.data && String(d.data["text/html"]).includes("<table")),
      ).toBe(true);
    }, 600_000);
  }
});
