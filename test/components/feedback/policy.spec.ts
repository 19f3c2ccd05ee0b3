import * as assert from "node:assert/strict";
import { connectorPolicy, lambdaTrustPolicy } from "../../../components/feedback/policy";
import { feedbackNames } from "../../../components/feedback/names";
import { tableFailures, trusts, type TableRow } from "../../helpers/iam";

const ACCOUNT = "123456789012";
const A = (service: string, rest: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${rest}`;
const names = feedbackNames("gitops-shared");
const TABLE = A("dynamodb", `table/${names.table}`);
const FLUX = A("codecommit", "flux-repo");
const MICRO = A("codecommit", "microservices-repo");
const LOGS = A("logs", `log-group:${names.logGroup}`);
const BUS = A("events", "event-bus/default");
const policy = connectorPolicy({
  region: "us-east-1",
  accountId: ACCOUNT,
  tableArn: TABLE,
  repositoryArns: [FLUX, MICRO],
  keyParameterPrefix: names.keyParameterPrefix,
  logGroupArn: LOGS,
});
const own = {
  "events:source": "gitops-platform",
  "events:detail-type": "Deployment Status Change",
};

const ROWS: TableRow[] = [
  // Allowed: exactly what the connector does.
  {
    action: "dynamodb:UpdateItem",
    resource: TABLE,
    expect: "allow",
    why: "ledger writes (conditional)",
  },
  {
    action: "codecommit:GetCommit",
    resource: MICRO,
    expect: "allow",
    why: "parent for the comment",
  },
  { action: "codecommit:GetFile", resource: MICRO, expect: "allow", why: "images of a revision" },
  {
    action: "codecommit:PostCommentForComparedCommit",
    resource: FLUX,
    expect: "allow",
    why: "comment on flux-repo",
  },
  {
    action: "codecommit:PostCommentForComparedCommit",
    resource: MICRO,
    expect: "allow",
    why: "comment on microservices-repo",
  },
  {
    action: "events:PutEvents",
    resource: BUS,
    context: own,
    expect: "allow",
    why: "its own events",
  },
  {
    action: "ssm:GetParameter",
    resource: A("ssm", `parameter${names.keyParameterPrefix}dev`),
    expect: "allow",
    why: "dev's key",
  },
  {
    action: "ssm:GetParameter",
    resource: A("ssm", `parameter${names.keyParameterPrefix}a-new-env`),
    expect: "allow",
    why: "an environment added later",
  },
  { action: "logs:CreateLogStream", resource: LOGS, expect: "allow", why: "its log group" },
  {
    action: "logs:PutLogEvents",
    resource: `${LOGS}:log-stream:2026/08/07/[$LATEST]abc`,
    expect: "allow",
    why: "its log streams",
  },
  // Denied: other tables, other operations on its table.
  {
    action: "dynamodb:UpdateItem",
    resource: A("dynamodb", "table/gitops-prod-orders"),
    expect: "deny",
    why: "another table",
  },
  { action: "dynamodb:DeleteItem", resource: TABLE, expect: "deny", why: "deleting history" },
  { action: "dynamodb:DeleteTable", resource: TABLE, expect: "deny", why: "deleting the ledger" },
  { action: "dynamodb:Scan", resource: TABLE, expect: "deny", why: "it never reads" },
  { action: "dynamodb:UpdateTable", resource: TABLE, expect: "deny", why: "turning off PITR" },
  // Denied: the application repository, writes to any repository.
  {
    action: "codecommit:PostCommentForComparedCommit",
    resource: A("codecommit", "app-repo"),
    expect: "deny",
    why: "not a GitOps repository",
  },
  { action: "codecommit:GitPush", resource: MICRO, expect: "deny", why: "changing what runs" },
  {
    action: "codecommit:MergePullRequestByFastForward",
    resource: MICRO,
    expect: "deny",
    why: "approving promotions",
  },
  {
    action: "codecommit:UpdatePullRequestApprovalState",
    resource: MICRO,
    expect: "deny",
    why: "approving promotions",
  },
  {
    action: "codecommit:DeleteRepository",
    resource: FLUX,
    expect: "deny",
    why: "deleting a repository",
  },
  // Denied: events it did not make, other buses.
  {
    action: "events:PutEvents",
    resource: BUS,
    context: {
      "events:source": "aws.codecommit",
      "events:detail-type": "Deployment Status Change",
    },
    expect: "deny",
    why: "spoofing an AWS source",
  },
  {
    action: "events:PutEvents",
    resource: BUS,
    context: { "events:source": "gitops-platform", "events:detail-type": "Promotion Approved" },
    expect: "deny",
    why: "another detail-type",
  },
  { action: "events:PutEvents", resource: BUS, expect: "deny", why: "no source in the request" },
  {
    action: "events:PutEvents",
    resource: A("events", "event-bus/other"),
    context: own,
    expect: "deny",
    why: "another bus",
  },
  {
    action: "events:PutRule",
    resource: A("events", "rule/x"),
    expect: "deny",
    why: "routing events",
  },
  // Denied: other parameters, writing keys, secrets, escalation, static credentials.
  {
    action: "ssm:GetParameter",
    resource: A("ssm", "parameter/gitops-shared/other"),
    expect: "deny",
    why: "outside the key prefix",
  },
  {
    action: "ssm:GetParameter",
    resource: A("ssm", "parameter/gitops-shared/deployment-feedback/keysx"),
    expect: "deny",
    why: "a sibling of the prefix",
  },
  {
    action: "ssm:PutParameter",
    resource: A("ssm", `parameter${names.keyParameterPrefix}prod`),
    expect: "deny",
    why: "replacing prod's key",
  },
  {
    action: "ssm:GetParametersByPath",
    resource: A("ssm", `parameter${names.keyParameterPrefix}`),
    expect: "deny",
    why: "listing every key at once",
  },
  {
    action: "secretsmanager:GetSecretValue",
    resource: A("secretsmanager", "secret:x"),
    expect: "deny",
    why: "other secrets",
  },
  {
    action: "kms:Decrypt",
    resource: A("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    expect: "deny",
    why: "decrypting other data",
  },
  {
    action: "iam:PassRole",
    resource: `arn:aws:iam::${ACCOUNT}:role/admin`,
    expect: "deny",
    why: "escalation",
  },
  {
    action: "iam:CreateAccessKey",
    resource: `arn:aws:iam::${ACCOUNT}:user/x`,
    expect: "deny",
    why: "static credentials",
  },
  {
    action: "iam:CreateServiceSpecificCredential",
    resource: `arn:aws:iam::${ACCOUNT}:user/x`,
    expect: "deny",
    why: "static Git credentials",
  },
  {
    action: "lambda:UpdateFunctionCode",
    resource: A("lambda", `function:${names.function}`),
    expect: "deny",
    why: "rewriting itself",
  },
  {
    action: "logs:PutLogEvents",
    resource: A("logs", "log-group:/aws/lambda/other:log-stream:x"),
    expect: "deny",
    why: "another log group",
  },
];

describe("components/feedback: the connector's IAM (allow/deny table)", () => {
  it("allows exactly its own writes, reads and events", () => {
    assert.deepEqual(tableFailures(ROWS, [policy]), []);
  });

  it("is assumable by Lambda only", () => {
    const trust = lambdaTrustPolicy();
    const assume = {
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::${ACCOUNT}:role/${names.role}`,
    };
    assert.equal(trusts(trust, { type: "Service", id: "lambda.amazonaws.com" }, assume), true);
    assert.equal(trusts(trust, { type: "Service", id: "ec2.amazonaws.com" }, assume), false);
    assert.equal(trusts(trust, { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:root` }, assume), false);
  });

  it("refuses to build a policy without repository ARNs or with an open key prefix", () => {
    const base = {
      region: "us-east-1",
      accountId: ACCOUNT,
      tableArn: TABLE,
      keyParameterPrefix: names.keyParameterPrefix,
      logGroupArn: LOGS,
    };
    assert.throws(
      () => connectorPolicy({ ...base, repositoryArns: [] }),
      /expected repository ARNs, got \[\]/,
    );
    assert.throws(
      () => connectorPolicy({ ...base, repositoryArns: [FLUX], keyParameterPrefix: "/keys" }),
      /the key prefix must start and end with '\/': \/keys/,
    );
  });
});
