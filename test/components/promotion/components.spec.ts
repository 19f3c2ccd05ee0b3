/**
 * The promotion's resources as the shared stack declares them (recording mocks): the function on
 * a FIFO queue fed by the rule, the approval rule templates associated with microservices-repo,
 * one approver policy per later stage.
 */
import * as assert from "node:assert/strict";
import {
  approvalRuleTemplateContent,
  approvalStages,
} from "../../../components/promotion/approvals";
import { DEFAULT_PROMOTION_STAGES } from "../../../components/promotion/defaults";
import { promotionEventPattern } from "../../../components/promotion/pattern";
import { PROMOTION_ENVIRONMENT } from "../../../promotion/src/config";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import type { StackRun } from "../../../harness/run";
import { named } from "../../helpers/resources";
import { fixtureRun } from "../../helpers/stacks";

const STAGES = DEFAULT_PROMOTION_STAGES;

describe("components/promotion: the promotion in the shared stack", () => {
  let shared: StackRun;
  before(async () => {
    shared = await fixtureRun("shared");
  });

  it("declares the function, queue and dead letters, rule, target, role, templates and approver policies", () => {
    const children = shared.resources.filter((r) =>
      r.parent?.endsWith("gitops-platform:promotion:Promotion::promotion"),
    );
    const later = STAGES.slice(1).map((s) => s.environment);
    assert.deepEqual(
      children.map((r) => `${r.type} ${r.name}`).sort(),
      [
        "aws:cloudwatch/eventRule:EventRule promotion-rule",
        "aws:cloudwatch/eventTarget:EventTarget promotion-target",
        "aws:cloudwatch/logGroup:LogGroup promotion-logs",
        "aws:iam/role:Role promotion-role",
        "aws:iam/rolePolicy:RolePolicy promotion-policy",
        "aws:lambda/eventSourceMapping:EventSourceMapping promotion-events",
        "aws:lambda/function:Function promotion-function",
        "aws:sqs/queue:Queue promotion-failed",
        "aws:sqs/queue:Queue promotion-queue",
        "aws:sqs/queuePolicy:QueuePolicy promotion-queue-policy",
        ...approvalStages(STAGES).flatMap((s) => [
          `aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate promotion-approvals-${s.environment}`,
          `aws:codecommit/approvalRuleTemplateAssociation:ApprovalRuleTemplateAssociation promotion-approvals-${s.environment}`,
        ]),
        ...later.map((e) => `aws:iam/policy:Policy promotion-approver-${e}`),
      ].sort(),
    );
  });

  it("runs the bundle with the path, the repository and the registry; one message at a time", () => {
    const fn = named(shared, "aws:lambda/function:Function", "promotion-function").inputs;
    assert.deepEqual(
      [fn.name, fn.runtime, fn.architectures, fn.timeout, fn.code],
      [
        "gitops-shared-promotion",
        "nodejs22.x",
        ["arm64"],
        60,
        { archive: { "index.js": { asset: "(text)" } } },
      ],
    );
    assert.deepEqual(fn.environment.variables, {
      [PROMOTION_ENVIRONMENT.repository]: "microservices-repo",
      [PROMOTION_ENVIRONMENT.defaultBranch]: "main",
      [PROMOTION_ENVIRONMENT.stages]: JSON.stringify(STAGES),
      [PROMOTION_ENVIRONMENT.ecrRegistry]: `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`,
    });
    const esm = named(
      shared,
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      "promotion-events",
    ).inputs;
    assert.deepEqual([esm.batchSize, esm.functionResponseTypes], [1, ["ReportBatchItemFailures"]]);
    const queue = named(shared, "aws:sqs/queue:Queue", "promotion-queue").inputs;
    assert.deepEqual(
      [
        queue.name,
        queue.fifoQueue,
        queue.contentBasedDeduplication,
        queue.visibilityTimeoutSeconds,
      ],
      ["gitops-shared-promotion.fifo", true, true, 360],
    );
    assert.equal(JSON.parse(queue.redrivePolicy as string).maxReceiveCount, 5);
    const target = named(
      shared,
      "aws:cloudwatch/eventTarget:EventTarget",
      "promotion-target",
    ).inputs;
    assert.deepEqual(target.sqsTarget, { messageGroupId: "promotion" });
    const rule = named(shared, "aws:cloudwatch/eventRule:EventRule", "promotion-rule").inputs;
    assert.deepEqual(
      JSON.parse(rule.eventPattern as string),
      promotionEventPattern(STAGES, "microservices-repo"),
    );
  });

  it("templates carry the documented content and are associated with microservices-repo", () => {
    for (const s of approvalStages(STAGES)) {
      const t = named(
        shared,
        "aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate",
        `promotion-approvals-${s.environment}`,
      ).inputs;
      assert.equal(t.name, `gitops-shared-promote-to-${s.environment}`);
      assert.deepEqual(
        JSON.parse(t.content as string),
        approvalRuleTemplateContent(STAGES, s.environment, "main"),
      );
      const a = named(
        shared,
        "aws:codecommit/approvalRuleTemplateAssociation:ApprovalRuleTemplateAssociation",
        `promotion-approvals-${s.environment}`,
      ).inputs;
      assert.deepEqual(
        [a.approvalRuleTemplateName, a.repositoryName],
        [t.name, "microservices-repo"],
      );
    }
    assert.deepEqual(
      Object.keys(shared.outputs.promotionApproverPolicyArns as Record<string, string>),
      STAGES.slice(1).map((s) => s.environment),
    );
  });
});
