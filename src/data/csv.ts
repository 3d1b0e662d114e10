import { readFileSync } from "node:fs";
import { ValidationError, type Problem } from "../errors.js";

/** A parsed CSV cell with its 1-based position in the file. */
export interface Cell {
  text: string;
  line: number;
  column: number;
}

export interface CsvTable {
  file: string;
  header: string[];
  /** Rows of cells keyed by column name. */
  rows: { line: number; cells: Record<string, Cell> }[];
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM) keeping each cell's
 * line and column, so data errors can point at the exact place. Lines starting with `#` are comments.
 */
export function parseCsv(text: string, file: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: Cell[][] = [];
  let line = 1, col = 1;
  let i = 0;
  const n = text.length;
  const problems: Problem[] = [];
  while (i < n) {
    // a comment or blank line
    if (col === 1 && (text[i] === "#" || text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n"))) {
      while (i < n && text[i] !== "\n") i++;
      i++;
      line++;
      continue;
    }
    const rec: Cell[] = [];
    for (;;) {
      const startLine = line, startCol = col;
      let value = "";
      if (text[i] === '"') {
        i++;
        col++;
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              col += 2;
              continue;
            }
            i++;
            col++;
            closed = true;
            break;
          }
          if (ch === "\n") {
            line++;
            col = 1;
          } else col++;
          value += ch;
          i++;
        }
        if (!closed) {
          problems.push({ file, line: startLine, column: startCol, path: "", message: { zh: "引号未闭合", en: "unclosed quote" } });
        }
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          value += text[i];
          i++;
          col++;
        }
      }
      rec.push({ text: value, line: startLine, column: startCol });
      if (text[i] === ",") {
        i++;
        col++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      col = 1;
      break;
    }
    records.push(rec);
  }
  if (problems.length) throw new ValidationError(problems);
  if (records.length === 0) {
    throw new ValidationError([{ file, line: 0, column: 0, path: "", message: { zh: "文件为空（缺少表头）", en: "the file is empty (no header row)" } }]);
  }
  const header = records[0].map((c) => c.text.trim());
  const rows = records.slice(1).map((rec) => {
    const cells: Record<string, Cell> = {};
    header.forEach((h, k) => {
      if (k < rec.length) cells[h] = rec[k];
    });
    if (rec.length !== header.length) {
      problems.push({
        file,
        line: rec[0].line,
        column: 1,
        path: "",
        message: {
          zh: `此行有 ${rec.length} 列，表头有 ${header.length} 列`,
          en: `this row has ${rec.length} fields but the header has ${header.length}`,
        },
      });
    }
    return { line: rec[0].line, cells };
  });
  if (problems.length) throw new ValidationError(problems);
  return { file, header, rows };
}

export function readCsv(path: string, displayName = path): CsvTable {
  return parseCsv(readFileSync(path, "utf8"), displayName);
}

/** Reports the columns a table lacks, pointing at the header line. */
export function requireColumns(t: CsvTable, columns: readonly string[]): Problem[] {
  return columns
    .filter((c) => !t.header.includes(c))
    .map((c) => ({
      file: t.file,
      line: 1,
      column: 1,
      path: c,
      message: {
        zh: `缺少列 "${c}"；表头应包含：${columns.join(",")}`,
        en: `missing column "${c}"; the header must include: ${columns.join(",")}`,
      },
    }));
}
