/**
 * Allow/deny table of the delivery role for the promotion (delivery-promotion-policy.ts): its
 * function, queues, log group and event source by exact name, approval rule templates and their
 * association with microservices-repo only, the approver policies by name, its role passed only to
 * Lambda; other functions' event sources, other repositories, other policies and the promotion's
 * own work (pull requests, merges, images) denied.
 */
import * as assert from "node:assert/strict";
import { promotionNames } from "../../../components/promotion";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { row } from "./iam-rows";
import { deploymentsIam, type DeploymentsIam } from "../../helpers/deployments-iam";

const A = MOCK_ACCOUNT;
const R = "us-east-1";
const names = promotionNames("gitops-shared");
const fn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const sqs = (name: string) => `arn:aws:sqs:${R}:${A}:${name}`;
const repo = (name: string) => `arn:aws:codecommit:${R}:${A}:${name}`;
const policy = (name: string) => `arn:aws:iam::${A}:policy/${name}`;
const mapping = `arn:aws:lambda:${R}:${A}:event-source-mapping:0a1b2c3d-4e5f-6789-abcd-ef0123456789`;

const ROWS: TableRow[] = [
  row("allow", "create the promotion function", "lambda:CreateFunction", fn(names.function)),
  row("allow", "its FIFO queue", "sqs:CreateQueue", sqs(names.queue)),
  row("allow", "its dead-letter queue", "sqs:SetQueueAttributes", sqs(names.deadLetterQueue)),
  row("deny", "another queue", "sqs:DeleteQueue", sqs("gitops-dev-karpenter")),
  row("deny", "read the queue's messages", "sqs:ReceiveMessage", sqs(names.queue)),
  row("allow", "its event source", "lambda:CreateEventSourceMapping", "*", {
    "lambda:FunctionArn": fn(names.function),
  }),
  row("deny", "an event source for another function", "lambda:CreateEventSourceMapping", "*", {
    "lambda:FunctionArn": fn("gitops-dev-flux-relay"),
  }),
  row(
    "deny",
    "delete another function's event source",
    "lambda:DeleteEventSourceMapping",
    mapping,
    {
      "lambda:FunctionArn": fn("other"),
    },
  ),
  row("allow", "an approval rule template", "codecommit:CreateApprovalRuleTemplate", "*"),
  row(
    "allow",
    "associate it with microservices-repo",
    "codecommit:AssociateApprovalRuleTemplateWithRepository",
    repo("microservices-repo"),
  ),
  row(
    "deny",
    "associate templates with another repository",
    "codecommit:AssociateApprovalRuleTemplateWithRepository",
    repo("someone-elses"),
  ),
  row(
    "allow",
    "create a later stage's branch",
    "codecommit:CreateBranch",
    repo("microservices-repo"),
  ),
  row("deny", "branch another repository", "codecommit:CreateBranch", repo("someone-elses")),
  row(
    "deny",
    "approve a promotion",
    "codecommit:UpdatePullRequestApprovalState",
    repo("microservices-repo"),
  ),
  row(
    "deny",
    "merge a promotion",
    "codecommit:MergePullRequestByFastForward",
    repo("microservices-repo"),
  ),
  row("allow", "an approver policy", "iam:CreatePolicy", policy(names.approverPolicy("prod"))),
  row("deny", "another policy", "iam:CreatePolicyVersion", policy("AdministratorAccess")),
  row("allow", "pass its role to Lambda", "iam:PassRole", `arn:aws:iam::${A}:role/${names.role}`, {
    "iam:PassedToService": "lambda.amazonaws.com",
  }),
  row("deny", "pass its role to EC2", "iam:PassRole", `arn:aws:iam::${A}:role/${names.role}`, {
    "iam:PassedToService": "ec2.amazonaws.com",
  }),
  row("deny", "push an image", "ecr:PutImage", `arn:aws:ecr:${R}:${A}:repository/front-end`),
];

describe("components/deployments: delivery IAM table, promotion", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  it("the delivery role manages the promotion by name and cannot do the promotion's or approvers' work", () => {
    assert.deepEqual(tableFailures(ROWS, iam.delivery.identity), []);
  });

  it("the table can fail: under allow-all every deny row is allowed", () => {
    const all = {
      Version: "2012-10-17" as const,
      Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }],
    };
    const denies = ROWS.filter((r) => r.expect === "deny");
    assert.equal(tableFailures(denies, [all]).length, denies.length);
  });
});
