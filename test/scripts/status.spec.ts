/**
 * `npm run status`: the ledger read with the user's credentials (the DynamoDB client mocked with
 * aws-sdk-client-mock), the table found from the shared stack's settings, and the report.
 */
import * as assert from "node:assert/strict";
import { DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { marshal, type Value } from "../../connector/src/expression";
import { runStatus } from "../../scripts/status";
import { statusReport } from "../../scripts/status-report";
import { FIXTURE_STACKS } from "../helpers/stacks";

const SHA = "1f49071aa0c2bbd3d5c02d93bfb1c2a8f3a3e0d1";
const OLD = "0e38f60bb9b1aac2c4b01c82aea0b1979e29d9c0";
const APP = "Kustomization/flux-system/front-end";
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/front-end:main-1f49071-12";
const row = (attributes: Record<string, Value>) =>
  Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, marshal(v)]));
const ITEMS: Record<string, Value>[] = [
  {
    pk: "dev",
    sk: `current#${APP}`,
    type: "current",
    environment: "dev",
    application: APP,
    revision: `main@sha1:${SHA}`,
    since: "2026-08-07T16:01:00.000Z",
    updatedAt: "2026-08-07T16:01:01.000Z",
  },
  {
    pk: "dev",
    sk: `current#Kustomization/flux-system/apps`,
    type: "current",
    environment: "dev",
    application: "Kustomization/flux-system/apps",
    revision: `main@sha1:${OLD}`,
    since: "2026-08-06T09:00:00.000Z",
    updatedAt: "2026-08-06T09:00:00.000Z",
  },
  {
    pk: "dev",
    sk: `revision#${APP}#main@sha1:${OLD}`,
    type: "revision",
    environment: "dev",
    application: APP,
    revision: `main@sha1:${OLD}`,
    images: [],
    status: "failed",
    reason: "HealthCheckFailed",
    message:
      "health check failed after 5m0s: timeout waiting for: [Deployment/front-end/front-end status: 'InProgress']\nmore",
    firstSeenAt: "2026-08-07T15:00:00.000Z",
    statusSince: "2026-08-07T15:05:00.000Z",
  },
  {
    pk: "dev",
    sk: `revision#${APP}#main@sha1:${SHA}`,
    type: "revision",
    environment: "dev",
    application: APP,
    revision: `main@sha1:${SHA}`,
    images: [IMAGE],
    status: "succeeded",
    reason: "ReconciliationSucceeded",
    message: "Reconciliation finished in 1.2s",
    firstSeenAt: "2026-08-07T16:01:00.000Z",
    statusSince: "2026-08-07T16:02:00.000Z",
  },
];

describe("scripts/status: npm run status -- <environment>", () => {
  const ddb = mockClient(DynamoDBClient);
  afterEach(() => ddb.reset());
  after(() => ddb.restore());

  it("queries the shared stack's ledger for the environment, page by page, and prints what runs", async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: ITEMS.slice(0, 2).map(row),
        LastEvaluatedKey: { pk: { S: "dev" }, sk: { S: "x" } },
      })
      .resolvesOnce({ Items: ITEMS.slice(2).map(row) });
    const out: string[] = [];
    const code = await runStatus(["dev"], {
      log: (t) => out.push(t),
      error: (t) => out.push(`ERR ${t}`),
      stackDir: FIXTURE_STACKS,
    });
    assert.equal(code, 0, out.join("\n"));
    assert.deepEqual(
      ddb.commandCalls(QueryCommand).map((c) => c.args[0].input),
      [
        {
          TableName: "gitops-shared-deployments",
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": { S: "dev" }, ":prefix": { S: "" } },
          ExclusiveStartKey: undefined,
        },
        {
          TableName: "gitops-shared-deployments",
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": { S: "dev" }, ":prefix": { S: "" } },
          ExclusiveStartKey: { pk: { S: "dev" }, sk: { S: "x" } },
        },
      ],
    );
    assert.equal(await ddb.call(0).thisValue.config.region(), "us-east-1");
    assert.equal(
      out.join("\n"),
      [
        "Deployments of dev (ledger gitops-shared-deployments)",
        "",
        "APPLICATION                          REVISION           STATUS     SINCE                 IMAGES",
        "Kustomization/flux-system/apps       main@sha1:0e38f60  ?          2026-08-06 09:00 UTC  -",
        `Kustomization/flux-system/front-end  main@sha1:1f49071  succeeded  2026-08-07 16:02 UTC  ${IMAGE}`,
        "",
        "Last failures:",
        "  2026-08-07 15:05 UTC  Kustomization/flux-system/front-end  main@sha1:0e38f60  HealthCheckFailed: health check failed after 5m0s: timeout waiting for: [Deployment/front-end/front-end status: 'InProgress']",
      ].join("\n"),
    );
  });

  it("says what to check when nothing was recorded, and fails clearly without credentials or a stack", async () => {
    assert.match(
      statusReport("qa", "t", []),
      /Nothing recorded for qa yet\. Check that Flux reports: kubectl -n flux-system get providers,alerts/,
    );
    ddb.on(QueryCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );
    const errors: string[] = [];
    const io = {
      log: () => undefined,
      error: (t: string) => errors.push(t),
      stackDir: FIXTURE_STACKS,
    };
    assert.equal(await runStatus(["dev", "--table", "t", "--region", "eu-west-1"], io), 1);
    assert.equal(
      errors[0],
      "Reading t in eu-west-1 failed: CredentialsProviderError: Could not load credentials from any providers",
    );
    assert.equal(await runStatus(["dev", "--shared", "nope"], io), 2);
    assert.match(
      errors[1],
      /^Cannot read the shared stack 'nope' \(.*\): pass --shared STACK, or --table and --region\.$/,
    );
    assert.equal(await runStatus([], io), 2);
    assert.equal(
      errors[2],
      "usage: npm run status -- <environment> [--shared STACK] [--table NAME] [--region R] [--profile P] [--failures N]",
    );
  });
});
