import * as assert from "node:assert/strict";
import * as crypto from "crypto";
import {
  CLUSTER_POLICY_ARN,
  childUrn,
  clusterTrustPolicy,
  pulumiEksRoleUrns,
} from "../../../components/cluster/service-role";
import { one } from "../../helpers/resources";
import { fixtureRun, fixtureSharedOutputs, runFixture } from "../../helpers/stacks";

const COMPONENT = "urn:pulumi:prod::gitops-platform::gitops-platform:cluster:Cluster::gitops-prod";

describe("components/cluster/service-role", () => {
  it("builds child URNs as the engine does: the parent's type chain, then the child's type", () => {
    assert.equal(
      childUrn(COMPONENT, "eks:index:Cluster", "gitops-prod-eks"),
      "urn:pulumi:prod::gitops-platform::gitops-platform:cluster:Cluster$eks:index:Cluster::gitops-prod-eks",
    );
  });

  it("names the role and attachment pulumi-eks 4.3.0 created, so that stacks adopt them", () => {
    // pulumi-eks servicerole.ts: `${name}-role` and `${name}-${sha1(policy id).substring(0, 8)}`.
    const hash = crypto.createHash("sha1").update(CLUSTER_POLICY_ARN).digest("hex").slice(0, 8);
    const chain =
      "urn:pulumi:prod::gitops-platform::gitops-platform:cluster:Cluster$eks:index:Cluster$eks:index:ServiceRole";
    assert.deepEqual(pulumiEksRoleUrns(COMPONENT, "gitops-prod-eks"), {
      role: `${chain}$aws:iam/role:Role::gitops-prod-eks-eksRole-role`,
      attachment: `${chain}$aws:iam/rolePolicyAttachment:RolePolicyAttachment::gitops-prod-eks-eksRole-${hash}`,
    });
  });

  it("declares the cluster role as pulumi-eks did, attached before the cluster, with the boundary", async () => {
    const run = await fixtureRun("dev");
    const role = one(run, "aws:iam/role:Role", "gitops-dev-cluster");
    assert.deepEqual(role.inputs, {
      description: "Allows EKS to manage clusters on your behalf.",
      assumeRolePolicy: JSON.stringify(clusterTrustPolicy()),
    });
    const attachment = one(
      run,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      "gitops-dev-cluster",
    );
    assert.deepEqual(attachment.inputs, {
      role: "gitops-dev-cluster",
      policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    });
    assert.ok(one(run, "eks:index:Cluster").dependencies.includes(attachment.urn));
  });

  it("gives every role of an environment (flow logs included) its boundary when the shared stack runs Deployments", async () => {
    const boundary =
      "arn:aws:iam::123456789012:policy/pulumi-deployments/gitops-shared-boundary-staging";
    const run = await runFixture("staging", {
      stackOutputs: {
        "example-org/gitops-platform/shared": {
          ...(await fixtureSharedOutputs()),
          deploymentBoundaryArns: { staging: boundary },
        },
      },
    });
    const roles = run.resources.filter((r) => r.type === "aws:iam/role:Role");
    assert.ok(roles.length >= 4);
    for (const r of roles) assert.equal(r.inputs.permissionsBoundary, boundary, r.name);
    const plain = await fixtureRun("staging");
    for (const r of plain.resources.filter((x) => x.type === "aws:iam/role:Role")) {
      assert.equal(r.inputs.permissionsBoundary, undefined, r.name);
    }
  });
});
