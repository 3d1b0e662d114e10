import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { overrideParameter, ValidationError, type Problem, type ResolvedScenario } from "../src/index.js";

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

/** `tuopin …` run as a user runs it (bin/tuopin.js, which uses dist/), in the project folder, in UTC. */
export function tuopin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "tuopin.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scenario with some parameters replaced, open-ended from the horizon's start (provenance: test). */
export function withParams<S extends ResolvedScenario>(s: S, values: Record<string, number>): S {
  return Object.entries(values).reduce(
    (sc, [path, value]) =>
      overrideParameter(sc, path, [{ from: s.horizon.start, value }], { assumption: "test" }, "test") as S,
    s,
  );
}
