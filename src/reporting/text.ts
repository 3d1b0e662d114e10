/** CJK (wide) characters: Hangul Jamo, CJK symbols to Yi, Hangul syllables, compatibility and full-width forms. */
const WIDE = new RegExp(
  "[\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua000-\\ua4cf\\uac00-\\ud7a3" +
    "\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6]",
  "g",
);

/**
 * Display width of text in half-width character units: a CJK (wide) character counts double. Excel's column
 * widths (xlsx) and the charts' footnote lines and label room are measured with it.
 */
export function textWidth(s: string): number {
  let wide = 0;
  for (const _ of s.matchAll(WIDE)) wide++;
  return s.length + wide;
}
