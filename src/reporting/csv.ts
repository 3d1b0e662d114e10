/** A field as CSV: quoted when it holds a quote, comma, line feed or carriage return; null and undefined empty. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Records as CSV text: a header of the column names, then one line per record, `\n` line ends. With `bom`
 * (for files meant for Excel) it starts with a UTF-8 byte-order mark, so that Excel shows Chinese.
 */
export function toCsv<T>(columns: readonly (keyof T & string)[], records: readonly T[], bom = true): string {
  const lines = records.map((r) => columns.map((c) => csvField(r[c])).join(","));
  return (bom ? "\ufeff" : "") + [columns.join(","), ...lines].join("\n") + "\n";
}
