import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stackSettings } from "../../harness/settings";
import {
  BENCH_PROFILES,
  benchServices,
  environmentStackFile,
  environmentStackName,
  writeBenchStacks,
} from "../../scripts/bench-stacks";
import {
  growthRatio,
  median,
  resultsMarkdown,
  servicesTargetMet,
  SERVICES_TARGET,
  type BenchResults,
} from "../../scripts/bench-report";

describe("npm run bench", () => {
  describe("the stack files it plans (scripts/bench-stacks.ts)", () => {
    let dir: string;
    let names: string[];
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-stacks-"));
      names = writeBenchStacks(dir, { services: 50, environments: 10 });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes a shared stack whose settings resolve to the generated services", () => {
      const shared = stackSettings("shared", dir);
      assert.equal(shared.plane, "delivery");
      if (shared.plane !== "delivery") return;
      assert.deepEqual(shared.registry.services, benchServices(50));
      assert.equal(new Set(benchServices(50)).size, 50);
      assert.equal(benchServices(1)[0], "front-end");
      assert.throws(() => benchServices(0), { message: "bench: 0 services" });
    });

    it("writes environment stacks of the profiles in turn, each with its own VPC, all valid", () => {
      assert.deepEqual(
        names,
        Array.from({ length: 10 }, (_, i) => environmentStackName(i)),
      );
      assert.equal(names[9], "env-10");
      const settings = names.map((n) => stackSettings(n, dir));
      assert.deepEqual(
        settings.map((s) => s.profile),
        names.map((_, i) => BENCH_PROFILES[i % BENCH_PROFILES.length]),
      );
      const cidrs = settings.map((s) => (s.plane === "runtime" ? s.network.cidr : undefined));
      assert.equal(new Set(cidrs).size, 10);
      assert.equal(cidrs[0], "10.100.0.0/16");
      assert.throws(() => environmentStackFile(100), {
        message: "bench: environment 100 (0 to 99)",
      });
    });
  });

  describe("its results file (scripts/bench-report.ts)", () => {
    /** A case whose wall time is twice its CPU time: a machine busy with other work. */
    const measurement = (size: number, resources: number, cpuMs: number[]) => ({
      size,
      resources,
      cpuMs,
      wallMs: cpuMs.map((t) => 2 * t),
    });
    const results: BenchResults = {
      facts: {
        date: "2026-12-01T00:00:00.000Z",
        commit: "abc1234",
        cpu: "Test CPU",
        cores: 2,
        memoryGiB: 23,
        os: "Linux 6 x64",
        node: "v22.23.3",
        loadAverage: [1.5, 1, 0.5],
      },
      rounds: 3,
      coldMs: 4200,
      services: [
        measurement(1, 30, [300, 200, 250]),
        measurement(10, 210, [1700, 1600, 1500]),
        measurement(50, 1010, [8000, 7000, 9000]),
      ],
      environments: [measurement(3, 88, [800, 700, 900]), measurement(10, 292, [2500, 2400, 2600])],
      projectStacks: [{ stack: "dev", ...measurement(1, 28, [400, 380, 420]) }],
    };

    it("takes medians, the growth per resource and the 50-service target, on CPU time", () => {
      assert.equal(median([3, 1, 2]), 2);
      assert.equal(median([4, 1, 3, 2]), 2.5);
      assert.throws(() => median([]), { message: "median of nothing" });
      // 8000/1010 ms per resource at 50 services over 250/30 at one.
      assert.equal(growthRatio(results.services), 8000 / 1010 / (250 / 30));
      // 16 s of wall time, 8 s of CPU: met.
      assert.equal(servicesTargetMet(results.services), true);
      const slow = [measurement(SERVICES_TARGET.services, 1010, [SERVICES_TARGET.ms])];
      assert.equal(servicesTargetMet(slow), false);
      assert.equal(servicesTargetMet([]), undefined);
    });

    it("writes the machine's facts, one row per case, the growth and the target", () => {
      const text = resultsMarkdown(results);
      assert.match(text, /^# Offline plan benchmark\n/);
      assert.ok(text.includes("- Date: 2026-12-01T00:00:00.000Z; commit abc1234.\n"));
      assert.ok(
        text.includes("- Machine: Test CPU, 2 cores, 23 GiB; Linux 6 x64; Node v22.23.3.\n"),
      );
      assert.ok(text.includes("- Load average at start: 1.50, 1.00, 0.50 "));
      assert.ok(
        text.includes(
          "| services | resources | CPU time (median) | wall time (median, min – max) | CPU per resource |\n" +
            "| --- | ---: | ---: | ---: | ---: |\n",
        ),
      );
      assert.ok(
        text.includes("| 50 | 1010 | 8,000 ms | 16,000 ms (14,000 ms – 18,000 ms) | 7.92 ms |\n"),
      );
      assert.ok(text.includes("- 10 → 50: 160 ms of CPU and 20 resources per added service.\n"));
      // 204 resources more over 7 more stacks.
      assert.ok(
        text.includes("- 3 → 10: 243 ms of CPU and 29.1 resources per added environment stack.\n"),
      );
      assert.ok(text.includes("(linear: at most 1.5 is called linear)"));
      assert.ok(text.includes("- Target, 50 services in under 10 s: met (8,000 ms of CPU).\n"));
      assert.ok(
        text.includes("| 10 | 292 | 2,500 ms | 5,000 ms (4,800 ms – 5,200 ms) | 8.56 ms |\n"),
      );
      assert.ok(text.includes("| dev | 28 | 400 ms | 800 ms (760 ms – 840 ms) | 14.29 ms |\n"));
    });
  });
});
