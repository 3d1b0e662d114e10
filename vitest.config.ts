import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // generous: CLI tests spawn whole runs (rendering PNGs) on a shared 2-core machine; a guard, not a timing
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // CLI and notebook tests spawn processes; keep to the machine's two cores
    maxWorkers: 2,
    env: { TZ: "UTC" },
  },
});
