/**
 * Allow/deny table of an environment's Deployments role (identity policy and boundary) for the
 * receivers' relay (environment-receivers.ts): its own function, role, token, load balancer,
 * target group, listener and rule tags allowed; another environment's denied, and passing the
 * relay role to anything but Lambda.
 */
import * as assert from "node:assert/strict";
import { relayNames } from "../../../components/receivers";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { deploymentsIam, type DeploymentsIam } from "../../helpers/deployments-iam";
import { A, created, ec2, iamArn, owned, R, row } from "./iam-rows";

const elb = (path: string) => `arn:aws:elasticloadbalancing:${R}:${A}:${path}`;
const fn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const ssm = (name: string) => `arn:aws:ssm:${R}:${A}:parameter${name}`;

function receiverRows(env: string, other: string): TableRow[] {
  const mine = relayNames(`gitops-${env}`);
  const theirs = relayNames(`gitops-${other}`);
  const lb = (n: string) => elb(`loadbalancer/net/${n}/0123456789abcdef`);
  const tg = (n: string) => elb(`targetgroup/${n}/0123456789abcdef`);
  const lambda = { "iam:PassedToService": "lambda.amazonaws.com" };
  return [
    row("allow", "create own relay", "lambda:CreateFunction", fn(mine.function), created(env)),
    row("allow", "update own relay", "lambda:UpdateFunctionCode", fn(mine.function), owned(env)),
    row(
      "deny",
      "update another's relay",
      "lambda:UpdateFunctionCode",
      fn(theirs.function),
      owned(other),
    ),
    row(
      "deny",
      "invoke another's relay",
      "lambda:InvokeFunction",
      fn(theirs.function),
      owned(other),
    ),
    row("allow", "pass own relay role to Lambda", "iam:PassRole", iamArn(`role/${mine.role}`), {
      ...owned(env),
      ...lambda,
    }),
    row(
      "deny",
      "pass own relay role to a service no environment uses",
      "iam:PassRole",
      iamArn(`role/${mine.role}`),
      {
        ...owned(env),
        "iam:PassedToService": "glue.amazonaws.com",
      },
    ),
    row("deny", "pass another's relay role", "iam:PassRole", iamArn(`role/${theirs.role}`), {
      ...owned(other),
      ...lambda,
    }),
    row("allow", "own token", "ssm:PutParameter", ssm(mine.tokenParameter)),
    row("deny", "another's token", "ssm:GetParameter", ssm(theirs.tokenParameter)),
    row(
      "allow",
      "create own NLB",
      "elasticloadbalancing:CreateLoadBalancer",
      lb(mine.loadBalancer),
      created(env),
    ),
    row(
      "deny",
      "create an NLB for another",
      "elasticloadbalancing:CreateLoadBalancer",
      lb(theirs.loadBalancer),
      created(other),
    ),
    row(
      "deny",
      "delete another's NLB",
      "elasticloadbalancing:DeleteLoadBalancer",
      lb(theirs.loadBalancer),
      owned(other),
    ),
    row(
      "allow",
      "change own target group",
      "elasticloadbalancing:ModifyTargetGroup",
      tg(mine.targetGroup),
      owned(env),
    ),
    row(
      "deny",
      "change another's target group",
      "elasticloadbalancing:ModifyTargetGroup",
      tg(theirs.targetGroup),
      owned(other),
    ),
    row(
      "deny",
      "change an untagged target group",
      "elasticloadbalancing:ModifyTargetGroup",
      tg("someone-elses"),
    ),
    row(
      "allow",
      "tag own rule",
      "ec2:CreateTags",
      ec2("security-group-rule", "sgr-1"),
      created(env),
    ),
    row(
      "deny",
      "untag another's rule",
      "ec2:DeleteTags",
      ec2("security-group-rule", "sgr-2"),
      owned(other),
    ),
  ];
}

describe("components/deployments: environment IAM table, the receivers' relay", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  it("each environment's relay is its own; another's denied", () => {
    const failures = iam.environments.flatMap((e) =>
      iam.environments
        .filter((o) => o.stack !== e.stack)
        .flatMap((o) =>
          tableFailures(receiverRows(e.stack, o.stack), e.identity, e.boundary).map(
            (f) => `${e.stack} (other: ${o.stack}): ${f}`,
          ),
        ),
    );
    assert.deepEqual(failures, []);
  });

  it("the table can fail: under allow-all every deny row is allowed", () => {
    const all = {
      Version: "2012-10-17" as const,
      Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }],
    };
    const denies = receiverRows("dev", "prod").filter((r) => r.expect === "deny");
    assert.equal(tableFailures(denies, [all]).length, denies.length);
  });
});
