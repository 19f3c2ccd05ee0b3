import * as assert from "node:assert/strict";
import {
  NODE_ROOT_DEVICE,
  NODE_TAGGED_RESOURCES,
  nodeLaunchTemplateArgs,
} from "../../../components/cluster/launch-template";
import type { StackRun } from "../../../harness/run";
import { named, ofType } from "../../helpers/resources";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../../helpers/stacks";
import { stackTags } from "../../helpers/tags";

describe("components/cluster: the node groups' launch template", () => {
  const args = nodeLaunchTemplateArgs({ name: "general", diskSizeGiB: 50 }, "gitops-prod", {
    "gitops-platform:stack": "prod",
  });

  it("requires IMDSv2 with a hop limit of 1 (pods cannot reach the node role)", () => {
    assert.deepEqual(args.metadataOptions, {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    });
  });

  it("tags instances, volumes and interfaces with the stack and the cluster", () => {
    assert.deepEqual(NODE_TAGGED_RESOURCES, ["instance", "volume", "network-interface"]);
    for (const spec of args.tagSpecifications) {
      assert.deepEqual(spec.tags, {
        "gitops-platform:stack": "prod",
        "kubernetes.io/cluster/gitops-prod": "owned",
      });
    }
    assert.deepEqual(
      args.tagSpecifications.map((t) => t.resourceType),
      [...NODE_TAGGED_RESOURCES],
    );
  });

  it("sizes an encrypted gp3 root volume and leaves the AMI and bootstrap to EKS", () => {
    assert.deepEqual(args.blockDeviceMappings, [
      {
        deviceName: NODE_ROOT_DEVICE,
        ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
      },
    ]);
    assert.equal(NODE_ROOT_DEVICE, "/dev/xvda");
    for (const key of ["imageId", "userData", "instanceType", "iamInstanceProfile"]) {
      assert.ok(!(key in args), key);
    }
  });
});

describe("components/cluster: launch templates in the environment stacks", () => {
  const runs: Record<string, StackRun> = {};
  before(async () => {
    for (const env of FIXTURE_ENVIRONMENTS) runs[env] = await fixtureRun(env);
  });

  it("gives every managed node group its own template, with the stack's tags", () => {
    for (const env of FIXTURE_ENVIRONMENTS) {
      const run = runs[env];
      const groups = ofType(run, "eks:index:ManagedNodeGroup");
      assert.ok(groups.length > 0, env);
      for (const group of groups) {
        const template = named(run, "aws:ec2/launchTemplate:LaunchTemplate", group.name);
        assert.equal(group.dependencies.includes(template.urn), true, group.name);
        assert.deepEqual(group.inputs.launchTemplate, {
          id: group.inputs.launchTemplate.id,
          version: "1",
        });
        // No disk size on the group: EKS refuses it with a launch template.
        assert.equal(group.inputs.diskSize, undefined);
        const cluster = String(run.outputs.clusterName);
        const tags = { ...stackTags(run), [`kubernetes.io/cluster/${cluster}`]: "owned" };
        assert.equal(tags["gitops-platform:stack"], env);
        assert.deepEqual(
          template.inputs.tagSpecifications,
          NODE_TAGGED_RESOURCES.map((resourceType) => ({ resourceType, tags })),
        );
        assert.equal(template.inputs.metadataOptions.httpPutResponseHopLimit, 1);
        assert.equal(template.inputs.metadataOptions.httpTokens, "required");
      }
    }
  });

  it("tags the cluster security group EKS creates (the nodes' group) with the stack's tags", () => {
    for (const env of FIXTURE_ENVIRONMENTS) {
      const run = runs[env];
      const sg = ofType(run, "aws:ec2/tag:Tag").filter((t) => t.name.includes("-cluster-sg-"));
      const tags = Object.fromEntries(sg.map((t) => [t.inputs.key, t.inputs.value]));
      assert.deepEqual(tags, stackTags(run));
      const karpenter = ofType(run, "aws:ec2/tag:Tag").find((t) => t.name.endsWith("-discovery"));
      for (const t of sg) assert.equal(t.inputs.resourceId, karpenter?.inputs.resourceId);
    }
  });

  it("keeps the nodes on the cluster's Kubernetes version (EKS picks the optimized AMI)", () => {
    for (const env of FIXTURE_ENVIRONMENTS) {
      const eks = ofType(runs[env], "eks:index:Cluster")[0];
      for (const group of ofType(runs[env], "eks:index:ManagedNodeGroup")) {
        assert.equal(group.inputs.version, eks.inputs.version, group.name);
        assert.equal(group.inputs.amiType, undefined);
      }
    }
  });
});
