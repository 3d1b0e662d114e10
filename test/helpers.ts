import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ValidationError, type Problem } from "../src/index.js";

export const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");
export const FIXTURES = join(ROOT, "test", "fixtures");
export const fixture = (...p: string[]) => join(FIXTURES, ...p);

/** The problems of the ValidationError that `f` throws (fails the test when it throws none or another error). */
export function problems(f: () => unknown): Problem[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error("expected a ValidationError");
}
