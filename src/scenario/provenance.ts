import type { Provenance } from "./types.js";

/**
 * A value's provenance as one line: its seed section, or else its address, or else the assumption or the
 * derivation (so marked), then its note after a dash; runs of white space made one space.
 */
export function provenanceText(p: Provenance | undefined): string {
  if (!p) return "";
  const main =
    p.source ??
    p.url ??
    (p.assumption !== undefined
      ? `assumption: ${p.assumption}`
      : p.derived !== undefined
        ? `derived: ${p.derived}`
        : "");
  return [main, p.note]
    .filter((x) => x)
    .join(" — ")
    .replace(/\s+/g, " ")
    .trim();
}
