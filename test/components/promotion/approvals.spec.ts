import * as assert from "node:assert/strict";
import {
  approvalRuleTemplateContent,
  approvalStages,
  approvalPoolMember,
} from "../../../components/promotion/approvals";
import { fixturePromotionStages } from "../../helpers/stacks";
import { promotionNames } from "../../../components/promotion/names";
import { promotionEventPattern } from "../../../components/promotion/pattern";
import type { PromotionStage } from "../../../components/promotion/stages";
import { matches } from "../../helpers/event-pattern";

const POOL = ["arn:aws:sts::123456789012:assumed-role/ProdApprovers/*"];
const STAGES: PromotionStage[] = [
  { environment: "dev", approvals: 0, approvers: [] },
  { environment: "qa", approvals: 0, approvers: [] },
  { environment: "staging", approvals: 1, approvers: [] },
  { environment: "prod", approvals: 2, approvers: POOL },
];

describe("components/promotion: approval rule templates", () => {
  it("one per later stage that needs approvals, in the documented 2018-11-08 format", () => {
    assert.deepEqual(
      approvalStages(STAGES).map((s) => s.environment),
      ["staging", "prod"],
    );
    assert.deepEqual(approvalRuleTemplateContent(STAGES, "prod", "main"), {
      Version: "2018-11-08",
      DestinationReferences: ["refs/heads/env/prod"],
      Statements: [{ Type: "Approvers", NumberOfApprovalsNeeded: 2, ApprovalPoolMembers: POOL }],
    });
    // No pool when no approvers are listed (the pool is optional).
    assert.deepEqual(approvalRuleTemplateContent(STAGES, "staging", "main"), {
      Version: "2018-11-08",
      DestinationReferences: ["refs/heads/env/staging"],
      Statements: [{ Type: "Approvers", NumberOfApprovalsNeeded: 1 }],
    });
    for (const e of ["dev", "qa", "nope"])
      assert.throws(
        () => approvalRuleTemplateContent(STAGES, e, "main"),
        new RegExp(`no approval rule for '${e}'`),
      );
  });

  it("names fit their services' limits", () => {
    const n = promotionNames("a-twenty-char-prefix");
    const env = "e".repeat(60);
    assert.ok(n.queue.endsWith(".fifo") && n.deadLetterQueue.endsWith(".fifo"));
    assert.ok(n.deadLetterQueue.length <= 80, n.deadLetterQueue);
    assert.ok(n.function.length <= 64 && n.rule.length <= 64);
    assert.ok(n.template(env).length <= 100);
    assert.ok(n.approverPolicy(env).length <= 128);
  });
});

describe("components/promotion: the rule's event pattern", () => {
  const pattern = promotionEventPattern(fixturePromotionStages(), "microservices-repo");
  const event = (detail: Record<string, unknown>) => ({
    source: "gitops-platform",
    "detail-type": "Deployment Status Change",
    detail: {
      environment: fixturePromotionStages()[0].environment,
      application: "Kustomization/flux-system/front-end",
      repository: "microservices-repo",
      status: "succeeded",
      ...detail,
    },
  });
  const last = fixturePromotionStages()[fixturePromotionStages().length - 1].environment;

  it("matches a service's success in every stage that has a next one", () => {
    for (const s of fixturePromotionStages().slice(0, -1))
      assert.ok(matches(pattern, event({ environment: s.environment })), s.environment);
  });

  it("does not match anything else", () => {
    const rows: [string, Record<string, unknown>][] = [
      ["the last stage", { environment: last }],
      ["a failure", { status: "failed" }],
      ["progressing", { status: "progressing" }],
      ["superseded", { status: "superseded" }],
      ["flux-repo", { repository: "flux-repo" }],
      ["no repository", { repository: undefined }],
      ["a HelmRelease", { application: "HelmRelease/kube-system/karpenter" }],
    ];
    for (const [why, detail] of rows) {
      const e = event(detail);
      if (detail.repository === undefined && "repository" in detail)
        delete (e.detail as Record<string, unknown>).repository;
      assert.equal(matches(pattern, e), false, why);
    }
    assert.equal(matches(pattern, { ...event({}), source: "aws.codecommit" }), false);
  });
});

describe("components/promotion: approval pool members", () => {
  it("names a role's sessions (any path), keeps users and assumed-role ARNs", () => {
    assert.equal(
      approvalPoolMember("arn:aws:iam::123456789012:role/release"),
      "arn:aws:sts::123456789012:assumed-role/release/*",
    );
    assert.equal(
      approvalPoolMember("arn:aws:iam::123456789012:role/teams/platform/release"),
      "arn:aws:sts::123456789012:assumed-role/release/*",
    );
    assert.equal(
      approvalPoolMember("arn:aws-us-gov:iam::123456789012:role/release"),
      "arn:aws-us-gov:sts::123456789012:assumed-role/release/*",
    );
    for (const kept of [
      "arn:aws:iam::123456789012:user/alice",
      "arn:aws:sts::123456789012:assumed-role/release/alice",
    ]) {
      assert.equal(approvalPoolMember(kept), kept);
    }
  });
});
