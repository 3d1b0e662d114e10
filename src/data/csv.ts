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
  /** 1-based line of the header (comment lines may come first). */
  headerLine: number;
  /** The header's cells, as read (untrimmed), with their positions: where a problem with a column points. */
  headerCells: Cell[];
  /** Rows of cells keyed by column name. */
  rows: { line: number; cells: Record<string, Cell> }[];
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM) keeping each cell's
 * line and column, so data errors can point at the exact place. Lines starting with `#` are comments.
 */
/** Listing more than this many rows of the same kind of problem adds nothing; the rest are counted. */
const MAX_ROW_PROBLEMS = 20;

/**
 * @param expected - the columns the caller needs: when given, missing ones are reported first (on the header
 *   line), since they explain every row at once.
 */
export function parseCsv(text: string, file: string, expected?: readonly string[]): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: Cell[][] = [];
  let line = 1,
    col = 1;
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
      const startLine = line,
        startCol = col;
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
          problems.push({
            file,
            line: startLine,
            column: startCol,
            path: "",
            message: { zh: "引号未闭合", en: "unclosed quote" },
          });
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
    throw new ValidationError([
      {
        file,
        line: 0,
        column: 0,
        path: "",
        message: { zh: "文件为空（缺少表头）", en: "the file is empty (no header row)" },
      },
    ]);
  }
  const header = records[0].map((c) => c.text.trim());
  const headerLine = records[0][0].line;
  const table: CsvTable = { file, header, headerLine, headerCells: records[0], rows: [] };
  if (expected) {
    const missing = requireColumns(table, expected);
    if (missing.length) throw new ValidationError(missing);
  }
  const data = records.slice(1);
  const wrong = data.filter((rec) => rec.length !== header.length);
  if (wrong.length >= 3 && wrong.length === data.length && wrong.every((rec) => rec.length === wrong[0].length)) {
    // every row disagrees with the header the same way: the header is what is wrong
    throw new ValidationError([
      {
        file,
        line: headerLine,
        column: 1,
        path: "",
        message: {
          zh: `表头有 ${header.length} 个列名，但每一行都有 ${wrong[0].length} 列：表头缺少或多出列名`,
          en:
            `the header has ${header.length} names but every row has ${wrong[0].length} fields: ` +
            "a column name is missing from or extra in the header line",
        },
      },
    ]);
  }
  for (const rec of wrong.slice(0, MAX_ROW_PROBLEMS)) {
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
  if (wrong.length > MAX_ROW_PROBLEMS) {
    const more = wrong.length - MAX_ROW_PROBLEMS;
    problems.push({
      file,
      line: wrong[MAX_ROW_PROBLEMS][0].line,
      column: 1,
      path: "",
      message: { zh: `另有 ${more} 行列数不对`, en: `and ${more} more rows with the wrong number of fields` },
    });
  }
  if (problems.length) throw new ValidationError(problems);
  table.rows = data.map((rec) => {
    const cells: Record<string, Cell> = {};
    header.forEach((h, k) => {
      if (k < rec.length) cells[h] = rec[k];
    });
    return { line: rec[0].line, cells };
  });
  return table;
}

export function readCsv(path: string, displayName = path, expected?: readonly string[]): CsvTable {
  return parseCsv(readFileSync(path, "utf8"), displayName, expected);
}

/** Reports the columns a table lacks, pointing at the header line. */
export function requireColumns(t: CsvTable, columns: readonly string[]): Problem[] {
  return columns
    .filter((c) => !t.header.includes(c))
    .map((c) => ({
      file: t.file,
      line: t.headerLine,
      column: 1,
      path: c,
      message: {
        zh: `缺少列 "${c}"；表头应包含：${columns.join(",")}`,
        en: `missing column "${c}"; the header must include: ${columns.join(",")}`,
      },
    }));
}
