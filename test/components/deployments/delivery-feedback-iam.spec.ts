/**
 * Allow/deny table of the delivery role for the deployment-feedback connector
 * (delivery-feedback-policy.ts): its function, URL, ledger and log group by exact name, its role
 * passed only to Lambda; other functions and tables, the data itself and the environments' roles
 * denied.
 */
import * as assert from "node:assert/strict";
import { STACK_TAG } from "../../../components/aws";
import { feedbackNames } from "../../../components/feedback";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { row } from "./iam-rows";
import { deploymentsIam, type DeploymentsIam } from "../../helpers/deployments-iam";

const A = MOCK_ACCOUNT;
const R = "us-east-1";
const names = feedbackNames("gitops-shared");
const fn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const table = (name: string) => `arn:aws:dynamodb:${R}:${A}:table/${name}`;
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const logs = (name: string) => `arn:aws:logs:${R}:${A}:log-group:${name}`;

function feedbackRows(environment: string): TableRow[] {
  const theirs = { [`aws:ResourceTag/${STACK_TAG}`]: environment };
  const lambda = { "iam:PassedToService": "lambda.amazonaws.com" };
  return [
    row("allow", "create the connector", "lambda:CreateFunction", fn(names.function)),
    row("allow", "update its code", "lambda:UpdateFunctionCode", fn(names.function)),
    row("allow", "its public URL", "lambda:CreateFunctionUrlConfig", fn(names.function)),
    row("allow", "its URL permission", "lambda:AddPermission", fn(names.function)),
    row("allow", "pass its role to Lambda", "iam:PassRole", role(names.role), lambda),
    row("deny", "pass its role elsewhere", "iam:PassRole", role(names.role), {
      "iam:PassedToService": "ec2.amazonaws.com",
    }),
    row(
      "deny",
      "pass an environment's role to Lambda",
      "iam:PassRole",
      role(`gitops-${environment}-node`),
      {
        ...lambda,
        [`aws:ResourceTag/${STACK_TAG}`]: environment,
      },
    ),
    row("deny", "another function", "lambda:UpdateFunctionCode", fn(`gitops-${environment}-x`)),
    row("deny", "invoke the connector", "lambda:InvokeFunction", fn(names.function)),
    row("allow", "create the ledger", "dynamodb:CreateTable", table(names.table)),
    row("allow", "point-in-time recovery", "dynamodb:UpdateContinuousBackups", table(names.table)),
    row("deny", "another table", "dynamodb:DeleteTable", table("orders")),
    row("deny", "read the ledger's items", "dynamodb:Scan", table(names.table)),
    row("deny", "write the ledger's items", "dynamodb:PutItem", table(names.table)),
    row("allow", "its log group", "logs:CreateLogGroup", logs(names.logGroup)),
    row("deny", "another function's log group", "logs:DeleteLogGroup", logs("/aws/lambda/other")),
    // The environments' own resources stay theirs.
    row(
      "deny",
      "overwrite an environment's feedback key",
      "ssm:PutParameter",
      `arn:aws:ssm:${R}:${A}:parameter${names.keyParameterPrefix}${environment}`,
      theirs,
    ),
    row(
      "deny",
      "delete an environment's interruption queue",
      "sqs:DeleteQueue",
      `arn:aws:sqs:${R}:${A}:gitops-${environment}-karpenter`,
      theirs,
    ),
    row(
      "deny",
      "delete an environment's certificate",
      "acm:DeleteCertificate",
      `arn:aws:acm:${R}:${A}:certificate/c1`,
      theirs,
    ),
    row(
      "deny",
      "an environment's Lambda function",
      "lambda:UpdateFunctionCode",
      fn(`gitops-${environment}-fn`),
      theirs,
    ),
  ];
}

describe("components/deployments: delivery IAM table, deployment feedback", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  it("the delivery role manages the connector by name and passes only its role, only to Lambda", () => {
    const failures = iam.environments.flatMap((e) =>
      tableFailures(feedbackRows(e.stack), iam.delivery.identity).map((f) => `${e.stack}: ${f}`),
    );
    assert.deepEqual(failures, []);
  });

  it("the table can fail: under allow-all every deny row is allowed", () => {
    const all = {
      Version: "2012-10-17" as const,
      Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }],
    };
    const denies = feedbackRows("dev").filter((r) => r.expect === "deny");
    assert.equal(tableFailures(denies, [all]).length, denies.length);
  });
});
