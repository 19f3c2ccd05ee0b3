/**
 * The promotion path from settings to the environment stacks: the shared stack resolves and
 * exports it with each stage's branch; an environment syncs its stage's branch and stops with the
 * fix when it is not a stage, or runs image automation in a later stage.
 */
import * as assert from "node:assert/strict";
import { MOCK_ORGANIZATION } from "../../harness/mocks";
import { crossStackProblems } from "../../stacks/cross-stack";
import { promotionOutput } from "../../stacks/promotion";
import { resolveSettings } from "../../stacks/resolve";
import type { DeliverySettings } from "../../stacks/settings";
import { settingsInput as input } from "../helpers/settings";
import { fixtureRun, fixtureSharedOutputs, runFixture } from "../helpers/stacks";
import { one } from "../helpers/resources";

const SHARED = `${MOCK_ORGANIZATION}/gitops-platform/shared`;
const ROLE = "arn:aws:iam::123456789012:role/release";

describe("stacks/promotion: the promotion path", () => {
  it("defaults to dev -> staging (1 approval) -> prod (2), anyone allowed to approve", () => {
    const s = resolveSettings(input("shared")) as DeliverySettings;
    assert.deepEqual(s.promotion, [
      { environment: "dev", approvals: 0, approvers: [] },
      { environment: "staging", approvals: 1, approvers: [] },
      { environment: "prod", approvals: 2, approvers: [] },
    ]);
  });

  it("takes names and maps; a later stage without approvals needs one", () => {
    const s = resolveSettings(
      input("shared", {
        promotion: [
          "dev",
          "qa",
          {
            environment: "prod",
            approvals: 2,
            approvers: [ROLE, "arn:aws:sts::123456789012:assumed-role/Reviewers/*"],
          },
        ],
      }),
    ) as DeliverySettings;
    assert.deepEqual(s.promotion, [
      { environment: "dev", approvals: 0, approvers: [] },
      { environment: "qa", approvals: 1, approvers: [] },
      {
        environment: "prod",
        approvals: 2,
        approvers: [ROLE, "arn:aws:sts::123456789012:assumed-role/Reviewers/*"],
      },
    ]);
    assert.deepEqual(
      promotionOutput(s.promotion, "trunk").stages.map((x) => x.branch),
      ["trunk", "env/qa", "env/prod"],
    );
  });

  it("the shared stack exports the stages with their branches", async () => {
    const outputs = await fixtureSharedOutputs();
    assert.deepEqual(outputs.promotion, {
      stages: [
        { environment: "dev", branch: "main", approvals: 0, approvers: [] },
        { environment: "staging", branch: "env/staging", approvals: 1, approvers: [] },
        { environment: "prod", branch: "env/prod", approvals: 2, approvers: [] },
      ],
    });
  });

  it("each environment's cluster-info names the branch of its stage", async () => {
    const outputs = (await fixtureSharedOutputs()) as {
      promotion: { stages: { environment: string; branch: string }[] };
    };
    for (const { environment, branch } of outputs.promotion.stages) {
      const run = await fixtureRun(environment);
      const cm = one(
        run,
        "kubernetes:core/v1:ConfigMap",
        `gitops-${environment}-flux-cluster-info`,
      );
      const data = cm.inputs.data as Record<string, string>;
      assert.equal(data.APPS_BRANCH, branch, environment);
      assert.equal(
        data.GIT_BRANCH,
        "main",
        `${environment}: flux-repo stays on the default branch`,
      );
    }
  });

  it("an environment that is not a stage stops with the fix", async () => {
    const outputs = await fixtureSharedOutputs();
    const promotion = outputs.promotion as { stages: { environment: string }[] };
    const without = {
      ...outputs,
      promotion: { stages: promotion.stages.filter((s) => s.environment !== "staging") },
    };
    await assert.rejects(runFixture("staging", { stackOutputs: { [SHARED]: without } }), {
      message:
        "Environment 'staging' is not a stage of the promotion path of the shared stack 'example-org/gitops-platform/shared' (dev -> prod): its Flux would have no branch of microservices-repo to sync. Add staging to gitops-platform:promotion in Pulumi.shared.yaml (then pulumi up -s shared).",
    });
  });

  it("image automation in a later stage stops with the fix", async () => {
    await assert.rejects(runFixture("staging", { config: { fluxImageAutomation: true } }), {
      message:
        "gitops-platform:fluxImageAutomation is true in 'staging', which is stage 2 of the promotion path (dev -> staging -> prod): only the first stage's image automation writes git, and 'env/staging' changes by approved pull requests only. Set fluxImageAutomation: false in Pulumi.staging.yaml, or make it the first stage of gitops-platform:promotion.",
    });
  });
});

describe("stacks/cross-stack: environment stacks and the promotion path", () => {
  const s = (stack: string, config: Record<string, unknown> = {}) =>
    resolveSettings(input(stack, config));

  it("an environment stack the shared stack's path leaves out is named with the fix", () => {
    assert.deepEqual(
      crossStackProblems([
        s("shared", { promotion: ["dev", "prod"] }),
        s("dev"),
        s("qa", { profile: "staging" }),
      ]),
      [
        `gitops-platform:promotion = ["dev","prod"] in Pulumi.shared.yaml: environment 'qa' (Pulumi.qa.yaml) is not a stage, so its Flux would have no branch of microservices-repo to sync. Add qa to gitops-platform:promotion in Pulumi.shared.yaml.`,
      ],
    );
  });

  it("an environment of another shared stack is that one's concern", () => {
    assert.deepEqual(
      crossStackProblems([
        s("shared", { promotion: ["dev"] }),
        s("qa", { profile: "staging", sharedStack: "acme/gitops-platform/shared-eu" }),
      ]),
      [],
    );
  });
});
