import * as assert from "node:assert/strict";
import { planPromotion } from "../../promotion/src/plan";
import { statusChangeOf } from "../../promotion/src/event";
import { configFromEnvironment, PROMOTION_ENVIRONMENT } from "../../promotion/src/config";
import { build, CONFIG, FIRST, rig, STAGES, statusEvent } from "./rig";

const LAST = STAGES[STAGES.length - 1].environment;

describe("promotion: which events promote what", () => {
  const r = rig();
  const b = build(r, "front-end", "1a2b3c4", 7);
  const ok = statusEvent(r, {
    environment: FIRST,
    service: "front-end",
    commitId: b.commitId,
    status: "succeeded",
    statusSince: "2026-12-02T09:00:00Z",
  });

  it("a healthy service of a stage with a next stage promotes into that stage", () => {
    assert.deepEqual(planPromotion(ok, CONFIG), {
      promote: {
        source: FIRST,
        target: STAGES[1].environment,
        service: "front-end",
        commitId: b.commitId,
        revision: ok.revision,
        images: ok.images,
        healthySince: "2026-12-02T09:00:00Z",
        eventId: ok.id,
        requestedBy: "event",
      },
    });
  });

  it("everything else is ignored, with the reason", () => {
    const rows: [Partial<typeof ok>, string][] = [
      [{ status: "failed" }, "status failed: nothing to promote"],
      [{ environment: LAST }, `${LAST} is the last stage`],
      [{ environment: "qa" }, "qa is not a stage of the promotion path"],
      [{ repository: "flux-repo" }, "repository flux-repo is not microservices-repo"],
      [{ repository: undefined }, "repository (none) is not microservices-repo"],
      [
        { application: "HelmRelease/kube-system/karpenter" },
        "application HelmRelease/kube-system/karpenter is not a service's Kustomization",
      ],
      [
        { application: "Kustomization/flux-system/../x" },
        "application Kustomization/flux-system/../x is not a service's Kustomization",
      ],
      [{ commitId: undefined }, `revision ${ok.revision} has no Git commit`],
      [{ images: [] }, `revision ${ok.revision} lists no images`],
    ];
    for (const [change, reason] of rows)
      assert.deepEqual(planPromotion({ ...ok, ...change }, CONFIG), { ignore: reason }, reason);
  });

  it("reads SQS bodies: EventBridge events of the contract only", () => {
    const event = {
      source: "gitops-platform",
      "detail-type": "Deployment Status Change",
      detail: ok,
    };
    assert.deepEqual(statusChangeOf(JSON.stringify(event)), ok);
    assert.equal(statusChangeOf("{"), "message body is not JSON");
    assert.equal(
      statusChangeOf(JSON.stringify({ ...event, source: "aws.codecommit" })),
      "not a Deployment Status Change event of gitops-platform",
    );
    assert.equal(
      statusChangeOf(JSON.stringify({ ...event, detail: { ...ok, status: "done" } })),
      "detail does not have the contract's fields",
    );
  });

  it("configuration from the function's environment, every problem named", () => {
    const env = {
      [PROMOTION_ENVIRONMENT.repository]: "microservices-repo",
      [PROMOTION_ENVIRONMENT.defaultBranch]: "main",
      [PROMOTION_ENVIRONMENT.stages]: JSON.stringify(STAGES),
      [PROMOTION_ENVIRONMENT.ecrRegistry]: CONFIG.ecrRegistry,
      AWS_REGION: "us-east-1",
    };
    assert.deepEqual(configFromEnvironment(env), CONFIG);
    assert.throws(
      () => configFromEnvironment({ AWS_REGION: "us-east-1" }),
      /^Error: promotion: environment variables not set: PROMOTION_REPOSITORY, PROMOTION_DEFAULT_BRANCH, PROMOTION_STAGES, ECR_REGISTRY$/,
    );
    assert.throws(
      () =>
        configFromEnvironment({
          ...env,
          [PROMOTION_ENVIRONMENT.stages]: '[{"environment":"dev"}]',
        }),
      /PROMOTION_STAGES must be a JSON list of at least two stages/,
    );
  });
});
