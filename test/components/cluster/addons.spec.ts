import * as assert from "node:assert/strict";
import {
  addonVersionsFor,
  EKS_ADDON_NAMES,
  EKS_ADDON_VERSIONS,
} from "../../../components/cluster/addon-versions";
import { addonSpecs, storageClassArgs } from "../../../components/cluster/addons";
import { EKS_KUBERNETES_VERSIONS } from "../../../components/cluster/kubernetes-versions";
import { EBS_CSI_SERVICE_ACCOUNT } from "../../../components/cluster/ebs-csi-policy";
import { irsaTrustPolicy } from "../../../components/aws";
import { Problems } from "../../../stacks/problems";
import { checkAddonVersions } from "../../../stacks/karpenter-settings";
import type { StackRun } from "../../../harness/run";
import { fixtureRun } from "../../helpers/stacks";
import { named, ofType, one } from "../../helpers/resources";
import { stackTags } from "../../helpers/tags";

const EKSBUILD = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.\d+$/;

describe("components/cluster: add-on versions per Kubernetes version", () => {
  it("pins every add-on for every Kubernetes version EKS offers, and nothing else", () => {
    assert.deepEqual(Object.keys(EKS_ADDON_VERSIONS).sort(), Object.keys(EKS_KUBERNETES_VERSIONS));
    for (const [version, addons] of Object.entries(EKS_ADDON_VERSIONS)) {
      assert.deepEqual(Object.keys(addons), [...EKS_ADDON_NAMES], version);
      for (const [name, pinned] of Object.entries(addons)) {
        assert.match(pinned, EKSBUILD, `${version} ${name}`);
      }
    }
  });

  it("pins kube-proxy to the cluster's own minor version (it must match the control plane)", () => {
    for (const [version, addons] of Object.entries(EKS_ADDON_VERSIONS)) {
      const [, major, minor] = EKSBUILD.exec(addons["kube-proxy"]) ?? [];
      assert.equal(`${major}.${minor}`, version);
    }
  });

  it("never moves an add-on backwards when the Kubernetes version goes up", () => {
    const semver = (v: string) => (EKSBUILD.exec(v) ?? []).slice(1, 4).map(Number);
    const older = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    const versions = Object.keys(EKS_ADDON_VERSIONS).sort();
    for (const name of EKS_ADDON_NAMES) {
      for (let i = 1; i < versions.length; i++) {
        const [a, b] = [EKS_ADDON_VERSIONS[versions[i - 1]], EKS_ADDON_VERSIONS[versions[i]]];
        assert.ok(older(semver(a[name]), semver(b[name])) <= 0, `${name} ${versions[i]}`);
      }
    }
  });

  it("has no row for a version the table does not know, and says which file to extend", () => {
    assert.equal(addonVersionsFor("1.37"), undefined);
    assert.equal(addonVersionsFor("constructor"), undefined);
    assert.throws(() => addonSpecs("1.37"), {
      message:
        "ClusterAddons: no add-on versions for Kubernetes 1.37 in components/cluster/addon-versions.ts.",
    });
  });

  it("makes a supported Kubernetes version without pinned add-ons a settings error", () => {
    const problems = new Problems("Pulumi.dev.yaml");
    const k8s = { ...EKS_KUBERNETES_VERSIONS, "1.37": EKS_KUBERNETES_VERSIONS["1.36"] };
    checkAddonVersions("1.37", problems, k8s, EKS_ADDON_VERSIONS);
    checkAddonVersions("1.36", problems, k8s, EKS_ADDON_VERSIONS);
    // A version EKS does not offer is reported once, by the Kubernetes version check.
    checkAddonVersions("1.20", problems, k8s, EKS_ADDON_VERSIONS);
    assert.deepEqual(problems.list, [
      'gitops-platform:kubernetesVersion = "1.37": no pinned EKS add-on versions for this Kubernetes version. Use one of 1.32, 1.33, 1.34, 1.35, 1.36, or add a row to components/cluster/addon-versions.ts (aws eks describe-addon-versions --kubernetes-version 1.37).',
    ]);
  });

  it("lets only the Deployment-based add-ons wait for nodes, and gives only the EBS driver a role", () => {
    assert.deepEqual(
      addonSpecs("1.36").map((s) => [s.name, s.version, s.needsNodes, s.ebsCsiRole]),
      [
        ["vpc-cni", "v1.22.3-eksbuild.1", false, false],
        ["kube-proxy", "v1.36.0-eksbuild.14", false, false],
        ["eks-pod-identity-agent", "v1.3.10-eksbuild.2", false, false],
        ["coredns", "v1.14.3-eksbuild.3", true, false],
        ["aws-ebs-csi-driver", "v1.66.0-eksbuild.1", true, true],
        ["metrics-server", "v0.8.1-eksbuild.5", true, false],
      ],
    );
  });

  it("makes gp3 the encrypted, zone-aware, expandable default StorageClass", () => {
    assert.deepEqual(storageClassArgs("arn:aws:kms:us-east-1:123456789012:key/k"), {
      metadata: {
        name: "gp3",
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      provisioner: "ebs.csi.aws.com",
      parameters: {
        type: "gp3",
        encrypted: "true",
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
      },
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: "Delete",
    });
  });
});

describe("components/cluster: add-ons in the environment stacks", () => {
  const runs: Record<string, StackRun> = {};
  before(async () => {
    runs.dev = await fixtureRun("dev");
    runs.prod = await fixtureRun("prod");
  });

  it("declares each add-on once, pinned, OVERWRITE both ways, software kept on delete", () => {
    const run = runs.dev;
    const addons = ofType(run, "aws:eks/addon:Addon");
    // Registration order follows the inputs' readiness; the set is what counts.
    assert.deepEqual(addons.map((a) => a.inputs.addonName).sort(), [...EKS_ADDON_NAMES].sort());
    for (const a of addons) {
      const { serviceAccountRoleArn, configurationValues, ...rest } = a.inputs;
      assert.deepEqual(rest, {
        clusterName: "gitops-dev",
        addonName: a.inputs.addonName,
        addonVersion: EKS_ADDON_VERSIONS["1.36"][a.inputs.addonName as "coredns"],
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        preserve: true,
      });
      const withRole = ["aws-ebs-csi-driver", "vpc-cni"].includes(a.inputs.addonName as string);
      assert.equal(serviceAccountRoleArn, withRole ? serviceAccountRoleArn : undefined);
      // The drivers tag what they create (their configurations: ebs-csi-policy.spec.ts, vpc-cni.spec.ts).
      assert.equal(configurationValues !== undefined, withRole, a.name);
    }
    const cni = named(run, "aws:eks/addon:Addon", "gitops-dev-addons-vpc-cni");
    assert.match(String(cni.inputs.serviceAccountRoleArn), /:role\/gitops-dev-addons-vpc-cni$/);
    assert.deepEqual(
      JSON.parse(JSON.parse(cni.inputs.configurationValues as string).env.ADDITIONAL_ENI_TAGS),
      { ...stackTags(run), "kubernetes.io/cluster/gitops-dev": "owned" },
    );
    const ebs = named(run, "aws:eks/addon:Addon", "gitops-dev-addons-aws-ebs-csi-driver");
    assert.deepEqual(JSON.parse(ebs.inputs.configurationValues as string).controller, {
      extraVolumeTags: stackTags(run),
    });
    // pulumi-eks creates none of its own (its args turn them off: cluster.spec.ts).
    assert.equal(one(run, "eks:index:Cluster").inputs.useDefaultVpcCni, true);
  });

  it("orders the Deployment-based add-ons after the node groups, the DaemonSets not", () => {
    const run = runs.dev;
    const nodes = named(run, "eks:index:ManagedNodeGroup", "gitops-dev-general").urn;
    for (const a of ofType(run, "aws:eks/addon:Addon")) {
      const waits = ["coredns", "aws-ebs-csi-driver", "metrics-server"].includes(
        a.inputs.addonName as string,
      );
      assert.equal(a.dependencies.includes(nodes), waits, a.name);
    }
    // The nodes wait for the VPC CNI add-on: aws-node pods must start with its role.
    const cni = named(run, "aws:eks/addon:Addon", "gitops-dev-addons-vpc-cni");
    const group = named(run, "eks:index:ManagedNodeGroup", "gitops-dev-general");
    assert.ok(group.dependencies.includes(cni.urn));
  });

  it("gives the EBS CSI driver an IRSA role for its controller only, with the scoped policy", () => {
    const run = runs.dev;
    const role = named(run, "aws:iam/role:Role", "gitops-dev-addons-ebs-csi");
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
    const [statement] = trust.Statement;
    const host = statement.Principal.Federated.split(":oidc-provider/")[1];
    assert.deepEqual(
      trust,
      irsaTrustPolicy(statement.Principal.Federated, host, EBS_CSI_SERVICE_ACCOUNT),
    );
    assert.equal(
      statement.Condition.StringEquals[`${host}:sub`],
      "system:serviceaccount:kube-system:ebs-csi-controller-sa",
    );
    const policy = named(run, "aws:iam/rolePolicy:RolePolicy", "gitops-dev-addons-ebs-csi");
    const key = named(run, "aws:kms/key:Key", "gitops-dev-addons-volumes");
    // The policy is built from the key's ARN (its only KMS resource, see ebs-csi-policy.spec.ts).
    assert.deepEqual(policy.propertyDependencies.policy, [key.urn]);
    const kms = JSON.parse(policy.inputs.policy as string).Statement.filter(
      (st: { Action: string[] }) => st.Action.some((x) => x.startsWith("kms:")),
    );
    assert.equal(new Set(kms.map((st: { Resource: string }) => st.Resource)).size, 1);
    // Volumes, snapshots and nodes of this stack only (ebs-csi-policy.spec.ts).
    const volumes = JSON.parse(policy.inputs.policy as string).Statement.find(
      (st: { Sid: string }) => st.Sid === "OurVolumes",
    );
    assert.deepEqual(volumes.Condition, {
      StringEquals: { "aws:ResourceTag/gitops-platform:stack": "dev" },
    });
    assert.match(kms[0].Resource, /^arn:aws:kms:us-east-1:123456789012:key\//);
    assert.equal(key.protect, false);
    assert.equal(named(runs.prod, "aws:kms/key:Key", "gitops-prod-addons-volumes").protect, true);
    const addon = named(run, "aws:eks/addon:Addon", "gitops-dev-addons-aws-ebs-csi-driver");
    assert.match(String(addon.inputs.serviceAccountRoleArn), /:role\/gitops-dev-addons-ebs-csi$/);
  });

  it("creates the default gp3 StorageClass with the cluster's volume key", () => {
    const run = runs.dev;
    const sc = one(run, "kubernetes:storage.k8s.io/v1:StorageClass");
    const key = named(run, "aws:kms/key:Key", "gitops-dev-addons-volumes");
    assert.deepEqual(sc.inputs.parameters, {
      type: "gp3",
      encrypted: "true",
      kmsKeyId: sc.inputs.parameters.kmsKeyId,
    });
    assert.deepEqual(sc.propertyDependencies.parameters, [key.urn]);
  });
});
