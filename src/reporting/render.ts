import type { TopLevelSpec } from "vega-lite";
import { CHART_FONT } from "./charts/header.js";

/**
 * Renders a Vega-Lite spec to SVG on the server, offline. vega and vega-lite are imported lazily: their
 * ESM graph has a top-level await, so a static import would make this library impossible to `require`
 * from a tslab notebook (ECOSYSTEM.md §b).
 */
export async function toSvg(spec: TopLevelSpec, scale = 1): Promise<string> {
  const vl = await import("vega-lite");
  const vega = await import("vega");
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG(scale);
  } finally {
    view.finalize();
  }
}

/** SVG to PNG with resvg, with the Noto CJK fonts so that Chinese renders (fonts-noto-cjk); `zoom` 2 for a
 *  sharp image at twice the size. */
export async function svgToPng(svg: string, zoom = 1): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  const r = new Resvg(svg, {
    background: "white",
    ...(zoom !== 1 ? { fitTo: { mode: "zoom" as const, value: zoom } } : {}),
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  return r.render().asPng();
}
