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

/** Listing more than this many rows of the same kind of problem adds nothing; the rest are counted. */
const MAX_ROW_PROBLEMS = 20;

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM) keeping each cell's
 * line and column, so data errors can point at the exact place. Lines starting with `#` are comments.
 * @param expected - the columns the caller needs: when given, missing ones are reported first (on the header
 *   line), since they explain every row at once.
 */
export function parseCsv(text: string, file: string, expected?: readonly string[]): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = new Tokenizer(text, file).records();
  if (records.length === 0) {
    const message = { zh: "文件为空（缺少表头）", en: "the file is empty (no header row)" };
    throw new ValidationError([{ file, line: 0, column: 0, path: "", message }]);
  }
  const header = records[0].map((c) => c.text.trim());
  const table: CsvTable = { file, header, headerLine: records[0][0].line, headerCells: records[0], rows: [] };
  if (expected) {
    const missing = requireColumns(table, expected);
    if (missing.length) throw new ValidationError(missing);
  }
  const data = records.slice(1);
  checkFieldCounts(table, data);
  table.rows = data.map((rec) => {
    const cells: Record<string, Cell> = {};
    header.forEach((h, k) => {
      if (k < rec.length) cells[h] = rec[k];
    });
    return { line: rec[0].line, cells };
  });
  return table;
}

/** Splits CSV text into records of cells with their positions; an unclosed quote is a problem. */
class Tokenizer {
  private i = 0;
  private line = 1;
  private col = 1;
  private readonly problems: Problem[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  /** Every record, comment and blank lines skipped. Throws a ValidationError for unclosed quotes. */
  records(): Cell[][] {
    const { text } = this;
    const records: Cell[][] = [];
    while (this.i < text.length) {
      const ch = text[this.i];
      if (this.col === 1 && (ch === "#" || ch === "\n" || (ch === "\r" && text[this.i + 1] === "\n"))) {
        // a comment or blank line
        while (this.i < text.length && text[this.i] !== "\n") this.i++;
        this.i++;
        this.line++;
        continue;
      }
      records.push(this.record());
    }
    if (this.problems.length) throw new ValidationError(this.problems);
    return records;
  }

  /** One record: fields up to the end of its (last) line. */
  private record(): Cell[] {
    const rec: Cell[] = [];
    for (;;) {
      const line = this.line,
        column = this.col;
      rec.push({ text: this.text[this.i] === '"' ? this.quoted(line, column) : this.plain(), line, column });
      if (this.text[this.i] === ",") {
        this.i++;
        this.col++;
        continue;
      }
      if (this.text[this.i] === "\r") this.i++;
      if (this.text[this.i] === "\n") this.i++;
      this.line++;
      this.col = 1;
      return rec;
    }
  }

  /** A quoted field from its opening quote: doubled quotes are one quote, newlines are kept. */
  private quoted(line: number, column: number): string {
    const { text } = this;
    let value = "";
    this.i++;
    this.col++;
    while (this.i < text.length) {
      const ch = text[this.i];
      if (ch === '"') {
        this.i++;
        this.col++;
        if (text[this.i] !== '"') return value;
        value += '"';
        this.i++;
        this.col++;
        continue;
      }
      if (ch === "\n") {
        this.line++;
        this.col = 1;
      } else this.col++;
      value += ch;
      this.i++;
    }
    const message = { zh: "引号未闭合", en: "unclosed quote" };
    this.problems.push({ file: this.file, line, column, path: "", message });
    return value;
  }

  /** An unquoted field, up to a comma or the end of the line. */
  private plain(): string {
    const { text } = this;
    const start = this.i;
    while (this.i < text.length && text[this.i] !== "," && text[this.i] !== "\n" && text[this.i] !== "\r") this.i++;
    this.col += this.i - start;
    return text.slice(start, this.i);
  }
}

/** Every row has as many fields as the header; when every row disagrees the same way, the header is wrong. */
function checkFieldCounts(t: CsvTable, data: Cell[][]): void {
  const { file, header, headerLine } = t;
  const wrong = data.filter((rec) => rec.length !== header.length);
  if (wrong.length >= 3 && wrong.length === data.length && wrong.every((rec) => rec.length === wrong[0].length)) {
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
  const problems: Problem[] = wrong.slice(0, MAX_ROW_PROBLEMS).map((rec) => ({
    file,
    line: rec[0].line,
    column: 1,
    path: "",
    message: {
      zh: `此行有 ${rec.length} 列，表头有 ${header.length} 列`,
      en: `this row has ${rec.length} fields but the header has ${header.length}`,
    },
  }));
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
