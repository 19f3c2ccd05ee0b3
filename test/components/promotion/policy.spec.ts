/**
 * Allow/deny tables over the promotion's parsed IAM documents, `codecommit:References` contexts
 * included: the promotion role proposes (its own branches, pull requests) and never decides
 * (merge, approve, approval rules) nor writes an environment's branch; an approver of a stage
 * approves and merges into that stage only.
 */
import * as assert from "node:assert/strict";
import { approverPolicy, promotionPolicy } from "../../../components/promotion/policy";
import { promotionNames } from "../../../components/promotion/names";
import { queuePolicy } from "../../../components/promotion/promotion";
import type { PolicyDocument } from "../../../components/aws";
import { tableFailures, trusts, type TableRow } from "../../helpers/iam";
import { documentProblems } from "../../helpers/iam-reference";

const ACCOUNT = "123456789012";
const A = (service: string, rest: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${rest}`;
const names = promotionNames("gitops-shared");
const MICRO = A("codecommit", "microservices-repo");
const FLUX = A("codecommit", "flux-repo");
const IMAGE = A("ecr", "repository/front-end");
const QUEUE = A("sqs", names.queue);
const LOGS = A("logs", `log-group:${names.logGroup}`);
const refs = (...r: string[]) => ({ "codecommit:References": r.map((b) => `refs/heads/${b}`) });

const role = promotionPolicy({
  repositoryArn: MICRO,
  imageRepositoryArns: [IMAGE],
  queueArn: QUEUE,
  logGroupArn: LOGS,
});
const staging = approverPolicy({ repositoryArn: MICRO, branch: "env/staging" });

const row = (
  action: string,
  resource: string,
  expect: TableRow["expect"],
  why: string,
  context?: TableRow["context"],
): TableRow => ({ action, resource, expect, why, ...(context ? { context } : {}) });

const ROLE_ROWS: TableRow[] = [
  row("codecommit:GetBranch", MICRO, "allow", "reads env/<E>'s tip"),
  row("codecommit:GetFolder", MICRO, "allow", "lists a service's files"),
  row("codecommit:GetFile", MICRO, "allow", "reads the tested manifests"),
  row(
    "codecommit:CreateBranch",
    MICRO,
    "allow",
    "cuts promotion/staging",
    refs("promotion/staging"),
  ),
  row("codecommit:DeleteBranch", MICRO, "allow", "recuts promotion/prod", refs("promotion/prod")),
  row(
    "codecommit:CreateCommit",
    MICRO,
    "allow",
    "commits on its branch",
    refs("promotion/staging"),
  ),
  row("codecommit:CreatePullRequest", MICRO, "allow", "proposes"),
  row("codecommit:UpdatePullRequestDescription", MICRO, "allow", "updates the record"),
  row("codecommit:UpdatePullRequestTitle", MICRO, "allow", "updates the title"),
  row("codecommit:UpdatePullRequestStatus", MICRO, "allow", "closes a superseded promotion"),
  row("codecommit:PostCommentForPullRequest", MICRO, "allow", "notes an update"),
  row("ecr:DescribeImages", IMAGE, "allow", "reads a tag's digest"),
  row("ecr:BatchGetImage", IMAGE, "allow", "reads the manifest"),
  row("ecr:PutImage", IMAGE, "allow", "adds the keep tag"),
  row("sqs:ReceiveMessage", QUEUE, "allow", "its queue"),
  row("sqs:DeleteMessage", QUEUE, "allow", "its queue"),
  row("logs:PutLogEvents", `${LOGS}:log-stream:x`, "allow", "its logs"),
  // Never an environment's branch, never the default branch, never without the refs.
  row("codecommit:CreateCommit", MICRO, "explicit-deny", "a commit on env/prod", refs("env/prod")),
  row(
    "codecommit:CreateBranch",
    MICRO,
    "explicit-deny",
    "re-creating env/staging",
    refs("env/staging"),
  ),
  row(
    "codecommit:DeleteBranch",
    MICRO,
    "explicit-deny",
    "deleting env/staging",
    refs("env/staging"),
  ),
  row(
    "codecommit:CreateCommit",
    MICRO,
    "explicit-deny",
    "refs mixing its branch and env/prod",
    refs("promotion/prod", "env/prod"),
  ),
  row("codecommit:CreateCommit", MICRO, "deny", "the default branch (dev's)", refs("main")),
  row("codecommit:CreateCommit", MICRO, "explicit-deny", "a ref write without its refs"),
  row(
    "codecommit:PutFile",
    MICRO,
    "deny",
    "PutFile on its own branch (not needed)",
    refs("promotion/staging"),
  ),
  row("codecommit:GitPush", MICRO, "explicit-deny", "git push", refs("promotion/staging")),
  row("codecommit:CreateBranch", FLUX, "deny", "another repository", refs("promotion/staging")),
  // Never decides.
  row(
    "codecommit:MergePullRequestByFastForward",
    MICRO,
    "explicit-deny",
    "merging",
    refs("env/staging"),
  ),
  row(
    "codecommit:MergePullRequestByThreeWay",
    MICRO,
    "explicit-deny",
    "merging",
    refs("promotion/staging"),
  ),
  row(
    "codecommit:MergeBranchesByFastForward",
    MICRO,
    "explicit-deny",
    "merging branches",
    refs("env/prod"),
  ),
  row("codecommit:UpdatePullRequestApprovalState", MICRO, "explicit-deny", "approving"),
  row(
    "codecommit:OverridePullRequestApprovalRules",
    MICRO,
    "explicit-deny",
    "overriding approvals",
  ),
  row("codecommit:DeletePullRequestApprovalRule", MICRO, "explicit-deny", "removing a rule"),
  row(
    "codecommit:UpdateApprovalRuleTemplateContent",
    A("codecommit", "*"),
    "explicit-deny",
    "changing a template",
  ),
  row(
    "codecommit:DisassociateApprovalRuleTemplateFromRepository",
    MICRO,
    "explicit-deny",
    "detaching a template",
  ),
  // No escalation, no other images, no static credentials.
  row("ecr:PutImage", A("ecr", "repository/other"), "deny", "another ECR repository"),
  row("ecr:BatchDeleteImage", IMAGE, "deny", "deleting images"),
  row("ecr:PutLifecyclePolicy", IMAGE, "deny", "changing expiry"),
  row("ecr:SetRepositoryPolicy", IMAGE, "deny", "opening the repository"),
  row("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/x`, "deny", "escalation"),
  row("iam:CreatePolicyVersion", `arn:aws:iam::${ACCOUNT}:policy/x`, "deny", "escalation"),
  row("iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/${names.role}`, "deny", "escalation"),
  row("iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/x`, "deny", "static credentials"),
  row("sqs:SendMessage", QUEUE, "deny", "feeding itself events"),
];

const APPROVER_ROWS: TableRow[] = [
  row("codecommit:GetPullRequest", MICRO, "allow", "reads the promotion"),
  row("codecommit:GetDifferences", MICRO, "allow", "reads the change"),
  row("codecommit:UpdatePullRequestApprovalState", MICRO, "allow", "approves"),
  row("codecommit:PostCommentForPullRequest", MICRO, "allow", "comments"),
  row(
    "codecommit:MergePullRequestByFastForward",
    MICRO,
    "allow",
    "merges into staging",
    refs("env/staging"),
  ),
  row(
    "codecommit:MergePullRequestByThreeWay",
    MICRO,
    "allow",
    "merges into staging",
    refs("env/staging"),
  ),
  row("codecommit:MergePullRequestBySquash", MICRO, "deny", "merges into prod", refs("env/prod")),
  row("codecommit:MergePullRequestByFastForward", MICRO, "deny", "merges into main", refs("main")),
  row("codecommit:MergePullRequestByFastForward", MICRO, "deny", "a merge without refs"),
  row(
    "codecommit:MergePullRequestByFastForward",
    FLUX,
    "deny",
    "another repository",
    refs("env/staging"),
  ),
  row(
    "codecommit:MergeBranchesByFastForward",
    MICRO,
    "deny",
    "a merge that skips the pull request",
    refs("env/staging"),
  ),
  row("codecommit:GitPush", MICRO, "deny", "pushing to staging", refs("env/staging")),
  row("codecommit:CreateCommit", MICRO, "deny", "committing to staging", refs("env/staging")),
  row(
    "codecommit:OverridePullRequestApprovalRules",
    MICRO,
    "explicit-deny",
    "overriding approvals",
  ),
  row("codecommit:DeletePullRequestApprovalRule", MICRO, "explicit-deny", "removing the rule"),
  row(
    "codecommit:UpdateApprovalRuleTemplateContent",
    A("codecommit", "*"),
    "explicit-deny",
    "changing a template",
  ),
  row(
    "codecommit:DisassociateApprovalRuleTemplateFromRepository",
    MICRO,
    "explicit-deny",
    "detaching a template",
  ),
  row("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/x`, "deny", "escalation"),
];

describe("components/promotion: IAM allow/deny tables", () => {
  it("the promotion role proposes and never decides", () => {
    assert.deepEqual(tableFailures(ROLE_ROWS, [role]), []);
  });

  it("an approver of a stage approves and merges into that stage only", () => {
    assert.deepEqual(tableFailures(APPROVER_ROWS, [staging]), []);
    const prod = approverPolicy({ repositoryArn: MICRO, branch: "env/prod" });
    assert.deepEqual(
      tableFailures(
        [
          row("codecommit:MergePullRequestBySquash", MICRO, "allow", "into prod", refs("env/prod")),
          row(
            "codecommit:MergePullRequestBySquash",
            MICRO,
            "deny",
            "into staging",
            refs("env/staging"),
          ),
        ],
        [prod],
      ),
      [],
    );
  });

  it("the queue takes messages from the promotion rule only", () => {
    const rule = A("events", `rule/${names.rule}`);
    const doc = queuePolicy(QUEUE, rule);
    const send = (arn: string) => ({
      action: "sqs:SendMessage",
      resource: QUEUE,
      context: { "aws:SourceArn": arn },
    });
    assert.equal(trusts(doc, { type: "Service", id: "events.amazonaws.com" }, send(rule)), true);
    assert.equal(
      trusts(doc, { type: "Service", id: "events.amazonaws.com" }, send(A("events", "rule/other"))),
      false,
    );
    assert.equal(
      trusts(doc, { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:root` }, send(rule)),
      false,
    );
  });

  it("every action exists and every condition key is supported by its actions", async () => {
    const docs: [string, PolicyDocument][] = [
      ["role", role],
      ["approver", staging],
      ["queue", queuePolicy(QUEUE, A("events", `rule/${names.rule}`))],
    ];
    const problems: string[] = [];
    for (const [name, doc] of docs) problems.push(...(await documentProblems(doc, name)));
    assert.deepEqual(problems, []);
  });
});
