import type { Bilingual } from "./messages.js";

/** One problem found in an input file, located precisely. */
export interface Problem {
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Dotted path inside the file, e.g. `parameters.income.poverty_line.values.2018`. */
  path: string;
  message: Bilingual;
}

export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  const path = p.path ? ` ${p.path}` : "";
  return `${where}${path}\n    ${p.message.en}\n    ${p.message.zh}`;
}

/**
 * Thrown when an input file (a scenario or a data file) is invalid. Carries every problem found, so the
 * user fixes them all in one go; nothing has run when it is thrown.
 */
export class ValidationError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const files = [...new Set(problems.map((p) => p.file))];
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${files.join(", ")} ` +
        `(${problems.length} 处错误):\n` +
        problems.map(formatProblem).join("\n"),
    );
    this.name = "ValidationError";
    this.problems = problems;
  }
}

/**
 * `read` applied to every item, the problems of all items collected (those it throws as a ValidationError
 * and those it adds to `problems`): the results, or one ValidationError with every problem, so that the user
 * fixes all files in one go. Any other error passes through.
 */
export function readAll<T, R>(items: Iterable<T>, read: (item: T, problems: Problem[]) => R): R[] {
  const problems: Problem[] = [];
  const out: R[] = [];
  for (const item of items) {
    try {
      out.push(read(item, problems));
    } catch (e) {
      if (e instanceof ValidationError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length,
    n = b.length;
  const row = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[n];
}

/** The closest candidate within a distance proportional to its length, or undefined. */
export function didYouMean(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(key.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor((best?.length ?? 0) / 3));
  return bestD <= limit ? best : undefined;
}
