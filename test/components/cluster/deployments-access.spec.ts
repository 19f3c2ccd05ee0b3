import * as assert from "node:assert/strict";
import { MOCK_ORGANIZATION } from "../../../harness/mocks";
import { runFixture, fixtureSharedOutputs } from "../../helpers/stacks";

const SHARED = `${MOCK_ORGANIZATION}/gitops-platform/shared`;
const ROLE = "arn:aws:iam::123456789012:role/pulumi-deployments/gitops-shared-deploy-dev";

const accessEntries = async (config: Record<string, unknown>, extra: Record<string, unknown>) => {
  const run = await runFixture("dev", {
    config,
    stackOutputs: { [SHARED]: { ...(await fixtureSharedOutputs()), ...extra } },
  });
  const cluster = run.resources.find((r) => r.type === "eks:index:Cluster");
  assert.ok(cluster);
  return cluster.inputs.accessEntries as Record<string, any>;
};

describe("components/cluster: access for Pulumi Deployments", () => {
  it("gives no access entry to the Deployments role unless deploymentsAccess is set", async () => {
    const entries = await accessEntries({}, { deploymentRoleArns: { dev: ROLE } });
    assert.deepEqual(Object.keys(entries), []);
  });

  it("gives this stack's Deployments role cluster-admin when deploymentsAccess is true", async () => {
    const entries = await accessEntries(
      { deploymentsAccess: true },
      { deploymentRoleArns: { dev: ROLE, prod: `${ROLE}-prod` } },
    );
    assert.deepEqual(entries["pulumi-deployments"], {
      principalArn: ROLE,
      type: "STANDARD",
      accessPolicies: {
        "cluster-admin": {
          policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
          accessScope: { type: "cluster" },
        },
      },
    });
  });

  it("says how to fix it when the shared stack does not deploy this stack", async () => {
    await assert.rejects(
      accessEntries({ deploymentsAccess: true }, { deploymentRoleArns: { prod: ROLE } }),
      /gitops-platform:deploymentsAccess is true, but the shared stack 'example-org\/gitops-platform\/shared' has no Pulumi Deployments role for stack 'dev': enable deployments in the shared stack with 'dev' in deployments.stacks \(then pulumi up -s shared\), or set deploymentsAccess: false\./,
    );
  });
});

describe("index: the shared stack and the environment share an account", () => {
  it("refuses an environment in another account, naming both and the fix", async () => {
    await assert.rejects(
      runFixture("dev", {
        stackOutputs: {
          [SHARED]: { ...(await fixtureSharedOutputs()), accountId: "999999999999" },
        },
      }),
      /Stack 'dev' deploys to AWS account 123456789012, but the shared stack 'example-org\/gitops-platform\/shared' is in account 999999999999: Flux reaches CodeCommit with IAM roles of its own account only\./,
    );
  });
});
