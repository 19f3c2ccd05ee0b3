import * as assert from "node:assert/strict";
import { ecrPushPattern, gitPushPattern, relayNames } from "../../../components/receivers";
import { matches } from "../../helpers/event-pattern";
import { ofType } from "../../helpers/resources";
import { stackSettings } from "../../../harness/settings";
import {
  FIXTURE_ENVIRONMENTS,
  FIXTURE_STACKS,
  fixturePromotionStages,
  fixtureRun,
} from "../../helpers/stacks";
import { environmentBranch } from "../../../components/promotion";
import { ACCOUNT, REGION, codeCommitEvent, ecrEvent } from "./events";

const MICRO = `arn:aws:codecommit:${REGION}:${ACCOUNT}:microservices-repo`;

describe("components/receivers: EventBridge patterns against sample events", () => {
  const images = ecrPushPattern(["front-end", "catalogue"]);
  const micro = gitPushPattern(MICRO, "main");

  it("match a successful push of a shared service image, and nothing else from ECR", () => {
    assert.equal(matches(images, ecrEvent()), true);
    assert.equal(matches(images, ecrEvent({ "repository-name": "catalogue" })), true);
    const refused: [string, Record<string, any>][] = [
      ["another repository", ecrEvent({ "repository-name": "someone-elses" })],
      ["a failed push", ecrEvent({ result: "FAILURE" })],
      ["a deletion", ecrEvent({ "action-type": "DELETE" })],
      ["the build cache's tag moving", ecrEvent({ "image-tag": "buildcache" })],
      ["a CodeCommit event", codeCommitEvent("microservices-repo")],
    ];
    for (const [why, event] of refused) assert.equal(matches(images, event), false, why);
  });

  it("match a push to the synced branch only: not another environment's branch, tag or repo", () => {
    assert.equal(matches(micro, codeCommitEvent("microservices-repo")), true);
    assert.equal(
      matches(micro, codeCommitEvent("microservices-repo", { event: "referenceCreated" })),
      true,
    );
    const refused: [string, Record<string, any>][] = [
      [
        "staging's branch",
        codeCommitEvent("microservices-repo", {
          referenceName: "env/staging",
          referenceFullName: "refs/heads/env/staging",
        }),
      ],
      [
        "a tag named like the branch",
        codeCommitEvent("microservices-repo", {
          referenceType: "tag",
          referenceFullName: "refs/tags/main",
        }),
      ],
      ["a deleted branch", codeCommitEvent("microservices-repo", { event: "referenceDeleted" })],
      ["another repository", codeCommitEvent("app-repo")],
      ["an image push", ecrEvent()],
    ];
    for (const [why, event] of refused) assert.equal(matches(micro, event), false, why);
  });

  it("refuses an ECR pattern without repositories (it would match nothing)", () => {
    assert.throws(() => ecrPushPattern([]), /^Error: ecrPushPattern: no repositories/);
  });
});

describe("components/receivers: the rules of the fixture stacks", () => {
  for (const env of FIXTURE_ENVIRONMENTS) {
    it(`${env}: each rule reaches the relay and matches exactly its own pushes`, async () => {
      const run = await fixtureRun(env);
      const settings = stackSettings(env, FIXTURE_STACKS);
      assert.equal(settings.plane, "runtime");
      if (settings.plane !== "runtime") return;
      const names = relayNames(settings.namePrefix);
      const rules = ofType(run, "aws:cloudwatch/eventRule:EventRule").filter((r) =>
        String(r.inputs.name).startsWith(names.function),
      );
      const automation = settings.flux.imageAutomation;
      assert.deepEqual(rules.map((r) => r.inputs.name).sort(), [
        names.rule("flux-repo"),
        ...(automation ? [names.rule("images")] : []),
        names.rule("microservices-repo"),
      ]);
      const pattern = (trigger: string) =>
        JSON.parse(
          String(rules.find((r) => r.inputs.name === names.rule(trigger))?.inputs.eventPattern),
        );
      // microservices-repo: the branch of the environment's promotion stage only.
      const stages = fixturePromotionStages();
      const branch = environmentBranch(stages, env, "main");
      const micro = pattern("microservices-repo");
      const push = (referenceName: string) =>
        codeCommitEvent("microservices-repo", { referenceName });
      assert.equal(matches(micro, push(branch)), true, branch);
      for (const other of stages.filter((s) => s.environment !== env)) {
        const theirs = environmentBranch(stages, other.environment, "main");
        assert.equal(matches(micro, push(theirs)), false, theirs);
      }
      assert.equal(matches(micro, codeCommitEvent("flux-repo", { referenceName: branch })), false);
      assert.equal(
        matches(micro, codeCommitEvent("microservices-repo", { referenceName: "env/other" })),
        false,
      );
      assert.equal(matches(pattern("flux-repo"), codeCommitEvent("flux-repo")), true);
      if (automation) assert.equal(matches(pattern("images"), ecrEvent()), true);
      // Every rule targets the relay function, which lets exactly that rule invoke it.
      const fn = ofType(run, "aws:lambda/function:Function").find(
        (f) => f.inputs.name === names.function,
      );
      assert.ok(fn, "the relay function");
      const targets = ofType(run, "aws:cloudwatch/eventTarget:EventTarget").filter((t) =>
        String(t.inputs.rule).startsWith(names.function),
      );
      const permissions = ofType(run, "aws:lambda/permission:Permission").filter(
        (p) => p.inputs.function === names.function,
      );
      assert.equal(targets.length, rules.length);
      assert.equal(permissions.length, rules.length);
      for (const p of permissions) {
        assert.equal(p.inputs.principal, "events.amazonaws.com");
        assert.ok(
          rules.some((r) => String(p.inputs.sourceArn).endsWith(`:rule/${String(r.inputs.name)}`)),
          `${String(p.inputs.statementId)} is bound to one of the rules`,
        );
      }
    });
  }
});
