import * as assert from "node:assert/strict";
import { NODE_MANAGED_POLICY_ARNS } from "../../../components/cluster/nodes";
import {
  NODEPOOLS_KUSTOMIZATION,
  nodePoolsKustomization,
} from "../../../components/autoscaling/nodepools";
import { INTERRUPTION_RULES } from "../../../components/autoscaling/interruption";
import type { RecordedResource, StackRun } from "../../../harness/run";
import { validationError } from "../../gitops/schemas";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../../helpers/stacks";
import { named, ofType, one } from "../../helpers/resources";

const KARPENTER = "gitops-platform:autoscaling:Karpenter";

/** Every resource (transitively) under `parent`. */
function under(run: StackRun, parent: RecordedResource): RecordedResource[] {
  const children = run.resources.filter((r) => r.parent === parent.urn);
  return children.flatMap((c) => [c, ...under(run, c)]);
}

describe("components/autoscaling: Karpenter's AWS side in the environment stacks", () => {
  const runs: Record<string, StackRun> = {};
  before(async () => {
    for (const env of FIXTURE_ENVIRONMENTS) runs[env] = await fixtureRun(env);
  });

  it("gives the nodes their own role, instance profile and an EC2_LINUX access entry", () => {
    const run = runs.dev;
    const role = named(run, "aws:iam/role:Role", "gitops-dev-karpenter-node");
    const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((a) => a.name.startsWith("gitops-dev-karpenter-node-"))
      .map((a) => a.inputs.policyArn);
    assert.deepEqual(attached, [...NODE_MANAGED_POLICY_ARNS]);
    const profile = named(
      run,
      "aws:iam/instanceProfile:InstanceProfile",
      "gitops-dev-karpenter-node",
    );
    assert.deepEqual(profile.propertyDependencies.role, [role.urn]);
    const entry = named(run, "aws:eks/accessEntry:AccessEntry", "gitops-dev-karpenter-node");
    assert.deepEqual(
      { ...entry.inputs, principalArn: undefined },
      { clusterName: "gitops-dev", type: "EC2_LINUX", principalArn: undefined },
    );
    assert.deepEqual(entry.propertyDependencies.principalArn, [role.urn]);
  });

  it("tags the EKS cluster security group for discovery", () => {
    const tag = one(runs.dev, "aws:ec2/tag:Tag", "gitops-dev-karpenter-discovery");
    assert.deepEqual(
      { key: tag.inputs.key, value: tag.inputs.value },
      { key: "karpenter.sh/discovery", value: "gitops-dev" },
    );
    assert.match(String(tag.inputs.resourceId), /^sg-[0-9a-f]{17}$/);
  });

  it("feeds the interruption queue from one EventBridge rule per event kind", () => {
    const run = runs.dev;
    const queue = one(run, "aws:sqs/queue:Queue");
    assert.deepEqual(queue.inputs, {
      name: "gitops-dev-karpenter",
      messageRetentionSeconds: 300,
      sqsManagedSseEnabled: true,
    });
    const rules = ofType(run, "aws:cloudwatch/eventRule:EventRule").filter((r) =>
      r.name.startsWith("gitops-dev-karpenter-"),
    );
    assert.deepEqual(
      rules.map((r) => JSON.parse(r.inputs.eventPattern as string)),
      Object.values(INTERRUPTION_RULES),
    );
    const targets = ofType(run, "aws:cloudwatch/eventTarget:EventTarget").filter((t) =>
      t.name.startsWith("gitops-dev-karpenter-"),
    );
    assert.equal(targets.length, rules.length);
    for (const t of targets) assert.deepEqual(t.propertyDependencies.arn, [queue.urn]);
    const policy = JSON.parse(one(run, "aws:sqs/queuePolicy:QueuePolicy").inputs.policy as string);
    assert.equal(policy.Statement[0].Condition.ArnEquals["aws:SourceArn"].length, rules.length);
  });

  it("hands the chart its role, queue and instance profile, and the NodePool its limits, via cluster-info", () => {
    for (const env of FIXTURE_ENVIRONMENTS) {
      const data = named(
        runs[env],
        "kubernetes:core/v1:ConfigMap",
        `gitops-${env}-flux-cluster-info`,
      ).inputs.data as Record<string, string>;
      assert.match(data.KARPENTER_ROLE_ARN, /^arn:aws:iam::123456789012:role\//, env);
      assert.equal(data.KARPENTER_INTERRUPTION_QUEUE, `gitops-${env}-karpenter`);
      assert.match(data.KARPENTER_INSTANCE_PROFILE, /^gitops-.*karpenter-node/);
      const limits = [
        data.KARPENTER_CAPACITY_TYPE,
        data.KARPENTER_CPU_LIMIT,
        data.KARPENTER_MEMORY_LIMIT,
      ];
      assert.deepEqual(
        limits,
        {
          dev: ["spot", "8", "32Gi"],
          staging: ["on-demand", "16", "64Gi"],
          prod: ["on-demand", "48", "192Gi"],
        }[env],
      );
    }
  });

  it("deletes the NodePools first on destroy: their Kustomization depends on Flux and on all Karpenter needs", () => {
    for (const env of FIXTURE_ENVIRONMENTS) {
      const run = runs[env];
      const ks = named(
        run,
        "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
        `gitops-${env}-nodepools-kustomization`,
      );
      assert.equal(ks.inputs.metadata.name, NODEPOOLS_KUSTOMIZATION);
      assert.equal(ks.inputs.spec.deletionPolicy, "WaitForTermination");
      // Pulumi deletes dependents first: the bootstrap Kustomization (which would prune the
      // Karpenter controller) and the controller's AWS resources all outlive this object.
      const bootstrap = named(
        run,
        "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
        `gitops-${env}-flux-kustomization`,
      );
      assert.ok(ks.dependencies.includes(bootstrap.urn), `${env}: after the bootstrap sync`);
      const karpenter = one(run, KARPENTER);
      const needed = under(run, karpenter).filter(
        (r) =>
          r.name.includes("-controller") ||
          r.name.endsWith("-karpenter-node") ||
          r.name.startsWith("gitops-" + env + "-karpenter-node-") ||
          r.type === "aws:sqs/queue:Queue" ||
          r.type === "aws:ec2/tag:Tag",
      );
      assert.deepEqual(needed.map((r) => r.type).sort(), [
        "aws:ec2/tag:Tag",
        "aws:eks/accessEntry:AccessEntry",
        "aws:iam/instanceProfile:InstanceProfile",
        "aws:iam/role:Role",
        "aws:iam/role:Role",
        "aws:iam/rolePolicy:RolePolicy",
        // The node role's two managed policies (the VPC CNI has its own role: vpc-cni.ts).
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:sqs/queue:Queue",
      ]);
      for (const r of needed) assert.ok(ks.dependencies.includes(r.urn), `${env}: ${r.name}`);
      // And the VPC outlives the cluster, whose provider this object goes through.
      const vpc = one(run, "awsx:ec2:Vpc");
      assert.ok(one(run, "eks:index:Cluster").dependencies.includes(vpc.urn));
    }
  });

  it("writes the NodePools' Kustomization as a valid Flux object", async () => {
    assert.equal(await validationError(nodePoolsKustomization("5m") as never), undefined);
    assert.deepEqual(nodePoolsKustomization("5m").spec, {
      dependsOn: [{ name: "infrastructure-controllers" }],
      interval: "5m",
      retryInterval: "1m",
      timeout: "15m",
      sourceRef: { kind: "GitRepository", name: "flux-system" },
      path: "./infrastructure/nodepools",
      prune: true,
      wait: true,
      deletionPolicy: "WaitForTermination",
      postBuild: { substituteFrom: [{ kind: "ConfigMap", name: "cluster-info" }] },
    });
  });
});
