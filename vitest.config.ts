import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI and notebook tests spawn processes; keep to the machine's two cores
    maxWorkers: 2,
    env: { TZ: "UTC" },
  },
});
