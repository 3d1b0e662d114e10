import { describe, expect, it } from "vitest";
import { ROOT, fixture } from "../helpers.js";

// Worker threads load the built library, so this test imports dist/ (npm test builds it first).
const tp = await import(`${ROOT}/dist/index.js`);

describe("runReplicateOnThreads (one replicate's blocks split across threads)", () => {
  it("gives exactly the numbers of a serial in-place replicate, with 1 and 2 threads", async () => {
    const regions = tp.loadRegions();
    // the threaded path steps measures at the scenario's coverages: the Anhui fixture without its money rules
    const s = { ...tp.loadScenario(fixture("scenarios", "funds.yaml"), { regions }), funds: new Map() };
    const serial = tp.runEngine(s, {
      regions,
      registry: tp.generateRegistry(s, { regions, maxRows: 20000 }),
      replicates: 1,
      inPlace: true,
      blockSize: 1024,
    });
    for (const threads of [1, 2]) {
      const reg = tp.generateRegistry(s, { regions, maxRows: 20000, shared: true });
      const r = await tp.runReplicateOnThreads(s, reg, { threads, blockSize: 1024 });
      for (const m of [
        "poor_people",
        "exits_people",
        "returns_people",
        "new_poor_people",
        "villages_exit",
        "counties_exit",
      ]) {
        expect(Array.from(r.metrics[m]), `${m}, ${threads} threads`).toEqual(Array.from(serial.metrics[m]));
      }
    }
  });

  it("refuses a scenario whose money rules limit the measures", async () => {
    const regions = tp.loadRegions();
    const s = tp.loadScenario(fixture("scenarios", "funds.yaml"), { regions });
    await expect(
      tp.runReplicateOnThreads(s, tp.generateRegistry(s, { regions, maxRows: 100, shared: true })),
    ).rejects.toThrow(/money rules/);
  });

  it("refuses a registry not in shared memory", async () => {
    const regions = tp.loadRegions();
    const s = tp.loadScenario(fixture("scenarios", "small.yaml"), { regions });
    await expect(tp.runReplicateOnThreads(s, tp.generateRegistry(s, { regions, maxRows: 100 }))).rejects.toThrow(
      /shared: true/,
    );
  });
});
