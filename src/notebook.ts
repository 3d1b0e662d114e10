import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";
import { toSvg } from "./reporting/render.js";
import { htmlTable } from "./reporting/frame.js";

const requireHere = createRequire(import.meta.url);

interface TslabJupyter {
  lastWriteDisplayData(
    d: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> },
    update: boolean,
  ): void;
}
interface TslabDisplay {
  html(s: string): void;
  markdown(s: string): void;
  svg(s: string): void;
}
interface Tslab {
  display: TslabDisplay;
  newDisplay(): TslabDisplay;
}

function tslab(): { jupyter: TslabJupyter; tslab: Tslab } | undefined {
  try {
    return { jupyter: requireHere("tslab/dist/jupyter") as TslabJupyter, tslab: requireHere("tslab") as Tslab };
  } catch {
    return undefined;
  }
}

/**
 * Shows a chart in a tslab notebook as one MIME bundle: Vega-Lite (JupyterLab renders it), an SVG fallback
 * rendered on the server (nbconvert, GitHub and plain viewers show it) and a text description.
 * Outside a notebook it does nothing (use `toSvg` for the SVG itself).
 */
export async function displayChart(spec: TopLevelSpec): Promise<void> {
  const svg = await toSvg(spec);
  const t = tslab();
  if (t) {
    // JupyterLab's built-in renderer is registered for the v5 MIME type; the spec uses nothing v6-only.
    const v5 = { ...spec, $schema: "https://vega.github.io/schema/vega-lite/v5.json" };
    t.jupyter.lastWriteDisplayData(
      {
        data: {
          "application/vnd.vegalite.v5+json": v5,
          "image/svg+xml": svg,
          "text/plain": String(spec.description ?? "chart"),
        },
        metadata: {},
        transient: {},
      },
      false,
    );
  }
}

/** Shows records (e.g. `wideByYear(...)`) as an HTML table in a notebook. */
export function displayTable(records: Record<string, unknown>[], caption?: string): void {
  tslab()?.tslab.display.html(htmlTable(records, caption));
}

/** Shows a danfo.js DataFrame as an HTML table in a notebook (first `maxRows` rows). */
export function displayFrame(df: FrameLike, caption?: string, maxRows = 50): void {
  displayTable(frameRecords(df, maxRows), caption ?? `DataFrame ${df.shape[0]} × ${df.shape[1]}`);
}

/**
 * The part of a danfo.js DataFrame that tables need. Structural, because danfo's own operations
 * (`loc`, `query`) return its base DataFrame class, which is not assignable to the node one.
 */
export interface FrameLike {
  shape: number[];
  columns: string[];
  values: unknown[];
}

/** The first `maxRows` rows of a DataFrame as records. */
export function frameRecords(df: FrameLike, maxRows = Infinity): Record<string, unknown>[] {
  const rows = df.values.slice(0, maxRows) as unknown[][];
  return rows.map((r) => Object.fromEntries(df.columns.map((c, k) => [c, r[k]])));
}

/**
 * A progress bar for long runs in a notebook: one display entry, overwritten as replicates finish (at most
 * every 2%), e.g. `tp.runScenario(s, { onProgress: tp.notebookProgress("Anhui") })`. Outside a notebook it
 * does nothing.
 */
export function notebookProgress(label: string): (done: number, total: number) => void {
  const t = tslab();
  if (!t) return () => {};
  const d = t.tslab.newDisplay();
  const started = Date.now();
  let last = -1;
  return (done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (pct < last + 2 && done !== total) return;
    last = pct;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const bar = (colour: string, width: string) =>
      `<div style="background:${colour};width:${width}px;height:8px;border-radius:4px">`;
    d.html(
      `<div style="font-family:sans-serif;font-size:12px">` +
        `${label.replace(/[<&]/g, "")} — ${done}/${total} (${pct}%) · ${secs} s` +
        `${bar("#e8edf3", "320")}${bar("#4c78a8", (pct * 3.2).toFixed(0))}</div></div></div>`,
    );
  };
}
