import * as assert from "node:assert/strict";
import { STACK_TAG } from "../../../components/aws";
import { environmentBoundary } from "../../../components/deployments/boundary";
import { relayNames, relayPolicy } from "../../../components/receivers";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { documentProblems } from "../../helpers/iam-reference";

const ACCOUNT = "123456789012";
const A = (service: string, rest: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${rest}`;
const names = relayNames("gitops-dev");
const LOGS = A("logs", `log-group:${names.logGroup}`);
const policy = relayPolicy({
  region: "us-east-1",
  accountId: ACCOUNT,
  tokenParameter: names.tokenParameter,
  logGroupArn: LOGS,
});

const ROWS: TableRow[] = [
  // Allowed: exactly what the relay does.
  {
    action: "ssm:GetParameter",
    resource: A("ssm", `parameter${names.tokenParameter}`),
    expect: "allow",
    why: "its token",
  },
  {
    action: "logs:PutLogEvents",
    resource: `${LOGS}:log-stream:2026/12/02/[$LATEST]abc`,
    expect: "allow",
    why: "its log streams",
  },
  {
    action: "ec2:CreateNetworkInterface",
    resource: A("ec2", "network-interface/*"),
    expect: "allow",
    why: "its interfaces (the boundary keeps other environments' subnets out)",
  },
  {
    action: "ec2:DeleteNetworkInterface",
    resource: A("ec2", "network-interface/eni-0123456789abcdef0"),
    expect: "allow",
    why: "Lambda removes idle interfaces",
  },
  // Denied: other environments' tokens and keys, other VPCs, writes, escalation, credentials.
  {
    action: "ssm:GetParameter",
    resource: A("ssm", `parameter${relayNames("gitops-prod").tokenParameter}`),
    expect: "deny",
    why: "prod's token",
  },
  {
    action: "ssm:GetParameter",
    resource: A("ssm", "parameter/gitops-shared/deployment-feedback/keys/dev"),
    expect: "deny",
    why: "the deployment-feedback key",
  },
  {
    action: "ssm:PutParameter",
    resource: A("ssm", `parameter${names.tokenParameter}`),
    expect: "deny",
    why: "replacing its token",
  },
  {
    action: "ec2:AuthorizeSecurityGroupIngress",
    resource: A("ec2", "security-group/sg-0123456789abcdef0"),
    expect: "deny",
    why: "opening security groups",
  },
  {
    action: "ec2:ModifyNetworkInterfaceAttribute",
    resource: A("ec2", "network-interface/eni-0123456789abcdef0"),
    expect: "deny",
    why: "moving an interface to another group",
  },
  {
    action: "codecommit:GitPush",
    resource: A("codecommit", "microservices-repo"),
    expect: "deny",
    why: "changing what runs",
  },
  {
    action: "eks:DescribeCluster",
    resource: A("eks", "cluster/gitops-dev"),
    expect: "deny",
    why: "reaching the cluster's API",
  },
  {
    action: "iam:PassRole",
    resource: `arn:aws:iam::${ACCOUNT}:role/admin`,
    expect: "deny",
    why: "escalation",
  },
  {
    action: "iam:CreatePolicyVersion",
    resource: `arn:aws:iam::${ACCOUNT}:policy/x`,
    expect: "deny",
    why: "escalation",
  },
  {
    action: "iam:AttachRolePolicy",
    resource: `arn:aws:iam::${ACCOUNT}:role/${names.role}`,
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

describe("components/receivers: the relay's IAM (allow/deny table)", () => {
  it("allows its token, its logs and its interfaces in its VPC, nothing else", () => {
    assert.deepEqual(tableFailures(ROWS, [policy]), []);
  });

  it("within the environment's boundary, creates interfaces only in its own environment's subnets", () => {
    const boundary = environmentBoundary({
      partition: "aws",
      accountId: ACCOUNT,
      environment: "dev",
      deliveryStack: "shared",
      boundaryArn: `arn:aws:iam::${ACCOUNT}:policy/gitops-dev-boundary`,
      gitPullRepositoryArns: [A("codecommit", "flux-repo"), A("codecommit", "microservices-repo")],
      gitPushRepositoryArns: [A("codecommit", "microservices-repo")],
      namePrefix: "gitops-dev",
      feedbackKeyParameter: "/gitops-shared/deployment-feedback/keys/dev",
    });
    const subnet = (env: string): TableRow => ({
      action: "ec2:CreateNetworkInterface",
      resource: A("ec2", "subnet/subnet-0123456789abcdef0"),
      context: { [`aws:ResourceTag/${STACK_TAG}`]: env },
      expect: env === "dev" ? "allow" : "deny",
      why: `a subnet of ${env}`,
    });
    assert.deepEqual(tableFailures([subnet("dev"), subnet("prod")], [policy], boundary), []);
  });

  it("names only actions and condition keys the Service Authorization Reference knows", async () => {
    assert.deepEqual(await documentProblems(policy, "relay"), []);
  });

  it("refuses a parameter name that is not a path", () => {
    assert.throws(
      () =>
        relayPolicy({
          region: "us-east-1",
          accountId: ACCOUNT,
          tokenParameter: "token",
          logGroupArn: LOGS,
        }),
      /^Error: relayPolicy: the parameter name must start with '\/': token$/,
    );
  });
});
