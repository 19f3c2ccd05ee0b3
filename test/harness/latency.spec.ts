import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../harness/config";
import {
  estimateLatency,
  LATENCY_TARGET_SECONDS,
  latencyBounds,
  latencySection,
  STEPS,
} from "../../harness/latency";
import { formatPlan, planJson } from "../../harness/plan";
import { FIXTURE_ENVIRONMENTS, fixtureRun, runFixture } from "../helpers/stacks";

const seconds = (paths: readonly { path: string; seconds: number }[]) =>
  Object.fromEntries(paths.map((p) => [p.path, p.seconds]));

describe("harness/latency: push to rollout, with and without receivers", () => {
  it("adds the steps of each path (hand-made input, known answers)", () => {
    const e = latencyBounds({
      environment: "qa",
      receivers: true,
      imageAutomation: true,
      sourceInterval: "1m",
      imageScanInterval: "2m30s",
    });
    // Event path: ECR event 2 + cold relay 2 + receiver 1 + scan 3 + policy 1 + automation 6,
    // then the commit's event 2 + warm relay 0.5 + receiver 1 + fetch 3 + apply 5.
    assert.deepEqual(seconds(e.withReceivers), {
      "image-to-dev-rollout": 26.5,
      "promotion-to-rollout": 13,
    });
    // Polling: the scan waits 150 s, the fetch 60 s, plus the same work (3+1+6, 3+5).
    assert.deepEqual(seconds(e.withoutReceivers), {
      "image-to-dev-rollout": 228,
      "promotion-to-rollout": 68,
    });
    assert.deepEqual(
      e.withReceivers[1].steps.map((s) => s.step),
      [STEPS.event, STEPS.relayCold, STEPS.receiver, STEPS.fetch, STEPS.apply].map((s) => s.step),
    );
  });

  it("has no image path where image automation is off, and every figure has a source", () => {
    const e = latencyBounds({
      environment: "prod",
      receivers: false,
      imageAutomation: false,
      sourceInterval: "15m",
      imageScanInterval: "15m",
    });
    assert.deepEqual(seconds(e.withoutReceivers), { "promotion-to-rollout": 908 });
    assert.deepEqual(
      Object.values(STEPS).filter((s) => s.source.length < 20),
      [],
    );
    assert.deepEqual(latencySection(e), [
      "",
      "How long a deploy takes in prod (Flux side, CodeBuild excluded; bounds):",
      "  merged promotion (push to the synced branch) -> rollout starts: 13 s with receivers (off in this stack), 908 s polling",
    ]);
  });

  for (const env of FIXTURE_ENVIRONMENTS) {
    it(`${env}: at most ${LATENCY_TARGET_SECONDS} s with receivers, read from the recorded stack`, async () => {
      const e = estimateLatency(await fixtureRun(env));
      assert.ok(e);
      assert.equal(e.receivers, true);
      assert.ok(e.withReceivers.length > 0);
      for (const p of e.withReceivers) {
        assert.ok(p.seconds <= LATENCY_TARGET_SECONDS, `${env} ${p.path}: ${p.seconds} s`);
      }
      // Dev (image automation) has the image path; the others promote only.
      assert.equal(
        e.withReceivers.some((p) => p.path === "image-to-dev-rollout"),
        env === "dev",
      );
    });
  }

  it("follows the recorded settings: receivers off, the stack's own polling intervals", async () => {
    const run = await runFixture("dev", { config: { fluxReceivers: false } });
    const e = estimateLatency(run);
    assert.ok(e);
    assert.equal(e.receivers, false);
    // dev polls every minute without receivers: 60 + 3 + 1 + 6 + 60 + 3 + 5.
    assert.deepEqual(seconds(e.withoutReceivers), {
      "image-to-dev-rollout": 138,
      "promotion-to-rollout": 68,
    });
  });

  it("is printed by the plan and carried in its JSON", async () => {
    const run = await fixtureRun("staging");
    const text = formatPlan(run);
    assert.match(
      text,
      /How long a deploy takes in staging[^\n]*\n {2}merged promotion \(push to the synced branch\) -> rollout starts: 13 s with receivers, 908 s when an event is lost \(polling fallback\)/,
    );
    const json = planJson(run) as { latency?: { withReceivers: { seconds: number }[] } };
    assert.deepEqual(json.latency, estimateLatency(run));
    assert.equal(estimateLatency(await fixtureRun("shared")), undefined);
  });

  it("matches the README's table (dev and staging as shipped)", async () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const section = readme.split("\n### From a push to the rollout\n")[1]?.split("\n### ")[0];
    assert.ok(section, "README has the section");
    const minutes = (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`;
    const dev = estimateLatency(await fixtureRun("dev"));
    const staging = estimateLatency(await fixtureRun("staging"));
    assert.ok(dev && staging);
    const [image, promotion] = dev.withReceivers.map((p) => `${p.seconds} s`);
    const [lostImage, lostPromotion] = dev.withoutReceivers.map((p) => minutes(p.seconds));
    const devRow = section.split("\n").find((l) => l.startsWith("| dev "));
    assert.deepEqual(
      devRow
        ?.split("|")
        .slice(2, 5)
        .map((c) => c.trim()),
      [image, promotion, `image ${lostImage}, promotion ${lostPromotion}`],
    );
    const stagingRow = section.split("\n").find((l) => l.startsWith("| staging, prod"));
    assert.deepEqual(
      stagingRow
        ?.split("|")
        .slice(3, 5)
        .map((c) => c.trim()),
      [`${staging.withReceivers[0].seconds} s`, minutes(staging.withoutReceivers[0].seconds)],
    );
  });
});
