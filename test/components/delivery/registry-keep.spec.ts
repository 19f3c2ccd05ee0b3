/**
 * The program's ECR lifecycle policy evaluated on a registry's history (test/helpers/ecr-lifecycle.ts,
 * a model of ECR's documented evaluation): images that run in, or wait for, a later stage carry a
 * keep tag and never expire, however many builds follow; the rest expire as before.
 */
import * as assert from "node:assert/strict";
import { lifecyclePolicy } from "../../../components/delivery/registry";
import { formatImageTag } from "../../../components/delivery/image-tag";
import { keepTag } from "../../../components/promotion";
import { expiredImages, type RegistryImage } from "../../helpers/ecr-lifecycle";
import { fixtureRun } from "../../helpers/stacks";

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;
const sha = (n: number) => n.toString(16).padStart(40, "a");

/** `builds` builds of main, one a day, newest last; `promoted` maps build number -> environments. */
function history(builds: number, promoted: Record<number, string[]>): RegistryImage[] {
  return Array.from({ length: builds }, (_, i) => {
    const n = i + 1;
    return {
      id: `build-${n}`,
      tags: [
        formatImageTag("main", sha(n), n),
        ...(promoted[n] ?? []).map((e) => keepTag(e, digest(n))),
      ],
      pushedDaysAgo: builds - n,
    };
  });
}

describe("registry lifecycle: promoted images never expire", () => {
  const doc = lifecyclePolicy({
    untaggedExpiryDays: 7,
    keepImagesPerBranch: 30,
    branches: ["main"],
  });

  it("a prod image 200 builds old, a staging image and one waiting in a promotion outlive the count", () => {
    const images = [
      ...history(200, { 3: ["staging", "prod"], 150: ["staging"], 160: ["staging"] }),
      { id: "untagged-old", tags: [], pushedDaysAgo: 9 },
      { id: "untagged-new", tags: [], pushedDaysAgo: 2 },
    ];
    const expired = expiredImages(doc, images);
    for (const kept of ["build-3", "build-150", "build-160"]) {
      assert.ok(!expired.includes(kept), `${kept} is promoted and must stay`);
    }
    // Of the rest, main keeps its newest 30 (171-200): 1-170 go but the three promoted ones.
    const expected = Array.from({ length: 170 }, (_, i) => `build-${i + 1}`).filter(
      (id) => !["build-3", "build-150", "build-160"].includes(id),
    );
    assert.deepEqual(expired, [...expected, "untagged-old"]);
  });

  it("without the keep rule the same prod image would expire (the rule is what keeps it)", () => {
    const withoutKeep = { rules: doc.rules.filter((r) => r.rulePriority !== 1) };
    const expired = expiredImages(withoutKeep, history(40, { 3: ["prod"] }));
    assert.ok(expired.includes("build-3"));
  });

  it("the keep rule is the first rule of every ECR repository the shared stack writes", async () => {
    const shared = await fixtureRun("shared");
    const policies = shared.resources.filter(
      (r) => r.type === "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    );
    assert.ok(policies.length > 0);
    for (const p of policies) {
      const written = JSON.parse(p.inputs.policy as string) as ReturnType<typeof lifecyclePolicy>;
      const expired = expiredImages(written, history(100, { 1: ["prod"] }));
      assert.ok(!expired.includes("build-1"), `${p.name}: the prod image stays`);
      assert.ok(expired.includes("build-2"), `${p.name}: old unpromoted builds still expire`);
    }
  });
});
