import * as assert from "node:assert/strict";
import { runStack, SECRET_MASK, type RecordedResource, type StackRun } from "../../harness/run";
import {
  adminAccessEntries,
  CLUSTER_ADMIN_POLICY_ARN,
  controlPlaneLogGroupName,
  NODE_MANAGED_POLICY_ARNS,
  nodeTrustPolicy,
} from "../../components/cluster";
import {
  LB_CONTROLLER_POLICY,
  LB_CONTROLLER_SERVICE_ACCOUNT,
  lbControllerPolicyJson,
} from "../../components/lb-controller-policy";
import { EKS_KUBERNETES_VERSIONS } from "../../stacks/kubernetes-versions";
import { resolveSettings } from "../../stacks/resolve";
import { SettingsError } from "../../stacks/problems";

function all(run: StackRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

function one(run: StackRun, type: string, name?: string): RecordedResource {
  const found = all(run, type).filter((r) => !name || r.name === name);
  assert.equal(found.length, 1, `expected one ${type} ${name ?? ""}, found ${found.length}`);
  return found[0];
}

function problems(stack: string, config: Record<string, unknown>): string[] {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    raw[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  try {
    resolveSettings({
      project: "gitops-platform",
      stack,
      organization: "acme",
      region: "us-east-1",
      config: raw,
    });
  } catch (e) {
    assert.ok(e instanceof SettingsError, String(e));
    return [...e.problems];
  }
  assert.fail(`accepted ${JSON.stringify(config)}`);
}

const NODE_GROUP = {
  name: "general",
  instanceTypes: ["m6i.large"],
  capacityType: "ON_DEMAND",
  minSize: 3,
  desiredSize: 3,
  maxSize: 6,
  diskSizeGiB: 50,
};

describe("components/cluster: pure parts", () => {
  it("gives each admin principal cluster-admin through a STANDARD access entry, keyed stably", () => {
    assert.deepEqual(
      adminAccessEntries([
        "arn:aws:iam::123456789012:role/platform/Admins",
        "arn:aws:iam::210987654321:user/alice",
      ]),
      {
        "123456789012-role-platform-Admins": {
          principalArn: "arn:aws:iam::123456789012:role/platform/Admins",
          type: "STANDARD",
          accessPolicies: {
            "cluster-admin": {
              policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
              accessScope: { type: "cluster" },
            },
          },
        },
        "210987654321-user-alice": {
          principalArn: "arn:aws:iam::210987654321:user/alice",
          type: "STANDARD",
          accessPolicies: {
            "cluster-admin": {
              policyArn: CLUSTER_ADMIN_POLICY_ARN,
              accessScope: { type: "cluster" },
            },
          },
        },
      },
    );
    assert.deepEqual(adminAccessEntries([]), {});
  });

  it("names the control-plane log group as EKS does, and lets only EC2 assume the node role", () => {
    assert.equal(controlPlaneLogGroupName("gitops-prod"), "/aws/eks/gitops-prod/cluster");
    assert.deepEqual(nodeTrustPolicy().Statement, [
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it("lists the EKS versions with support dates in order, newest 1.36", () => {
    const versions = Object.keys(EKS_KUBERNETES_VERSIONS);
    assert.deepEqual(versions, ["1.32", "1.33", "1.34", "1.35", "1.36"]);
    for (const v of versions) {
      const { standardSupportEnds, extendedSupportEnds } = EKS_KUBERNETES_VERSIONS[v];
      assert.match(standardSupportEnds, /^\d{4}-\d{2}-\d{2}$/);
      // Extended support is twelve months after standard support.
      assert.equal(
        Number(extendedSupportEnds.slice(0, 4)),
        Number(standardSupportEnds.slice(0, 4)) + 1,
      );
      assert.equal(extendedSupportEnds.slice(4), standardSupportEnds.slice(4));
    }
  });
});

describe("components/lb-controller-policy: the AWS Load Balancer Controller permissions", () => {
  const doc = JSON.parse(lbControllerPolicyJson()) as typeof LB_CONTROLLER_POLICY;
  const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));

  it("is the upstream policy: 16 Allow statements, 86 actions, unique Sids, fits an inline policy", () => {
    assert.equal(doc.Version, "2012-10-17");
    assert.equal(doc.Statement.length, 16);
    assert.equal(new Set(doc.Statement.map((s) => s.Sid)).size, 16);
    assert.ok(doc.Statement.every((s) => s.Effect === "Allow"));
    assert.equal(doc.Statement.flatMap((s) => s.Action).length, 86);
    // IAM limit for inline role policies: 10,240 characters.
    assert.ok(lbControllerPolicyJson().length < 10240);
    const services = new Set(doc.Statement.flatMap((s) => s.Action.map((a) => a.split(":")[0])));
    assert.deepEqual([...services].sort(), [
      "acm",
      "cognito-idp",
      "ec2",
      "elasticloadbalancing",
      "iam",
      "shield",
      "waf-regional",
      "wafv2",
    ]);
  });

  it("creates load balancers and security groups only with the cluster tag", () => {
    assert.deepEqual(bySid.CreateTaggedLoadBalancer.Condition, {
      Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
    });
    assert.deepEqual(bySid.TagNewSecurityGroup.Condition, {
      StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" },
      Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
    });
    assert.deepEqual(bySid.TagOnCreate.Condition, {
      StringEquals: {
        "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
      },
      Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
    });
  });

  it("modifies and deletes only what carries the cluster tag, and cannot move that tag", () => {
    for (const sid of ["ManageOwnedSecurityGroup", "ManageOwnedLoadBalancer"]) {
      assert.deepEqual(bySid[sid].Condition, {
        Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" },
      });
    }
    for (const sid of ["RetagOwnedSecurityGroup", "RetagOwnedLoadBalancer"]) {
      assert.deepEqual(bySid[sid].Condition, {
        Null: {
          "aws:RequestTag/elbv2.k8s.aws/cluster": "true",
          "aws:ResourceTag/elbv2.k8s.aws/cluster": "false",
        },
      });
    }
    assert.ok(
      bySid.ManageOwnedLoadBalancer.Action.includes("elasticloadbalancing:DeleteLoadBalancer"),
    );
    assert.ok(bySid.ManageOwnedSecurityGroup.Action.includes("ec2:DeleteSecurityGroup"));
    assert.deepEqual(bySid.ElbServiceLinkedRole.Condition, {
      StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
    });
  });

  it("is for kube-system/aws-load-balancer-controller", () => {
    assert.deepEqual(LB_CONTROLLER_SERVICE_ACCOUNT, {
      namespace: "kube-system",
      name: "aws-load-balancer-controller",
    });
  });
});

describe("components/cluster: per environment", () => {
  const runs: Record<string, StackRun> = {};
  const ADMINS = [
    "arn:aws:iam::123456789012:role/platform-admins",
    "arn:aws:iam::123456789012:user/ops",
  ];
  before(async () => {
    runs.dev = await runStack("dev");
    // Staging with admins and a private-only API endpoint, as an operator would configure it.
    runs.staging = await runStack("staging", {
      config: { adminPrincipalArns: ADMINS, endpointPublicAccess: false },
    });
    runs.prod = await runStack("prod");
  });

  const expected = {
    dev: {
      logTypes: ["api", "audit", "authenticator"],
      retention: 30,
      capacity: "SPOT",
      instanceTypes: ["t3.large", "t3a.large", "m5.large"],
      scaling: { minSize: 1, desiredSize: 2, maxSize: 3 },
      disk: 30,
      protect: false,
    },
    staging: {
      logTypes: ["api", "audit", "authenticator"],
      retention: 30,
      capacity: "ON_DEMAND",
      instanceTypes: ["t3.large"],
      scaling: { minSize: 2, desiredSize: 2, maxSize: 4 },
      disk: 50,
      protect: false,
    },
    prod: {
      logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      retention: 90,
      capacity: "ON_DEMAND",
      instanceTypes: ["m6i.large"],
      scaling: { minSize: 3, desiredSize: 3, maxSize: 6 },
      disk: 50,
      protect: true,
    },
  } as const;

  for (const [stack, want] of Object.entries(expected)) {
    describe(stack, () => {
      const name = `gitops-${stack}`;

      it("creates the EKS cluster with access entries, OIDC, private endpoint, logs and a KMS key", () => {
        const run = runs[stack];
        const eks = one(run, "eks:index:Cluster", `${name}-eks`);
        const key = one(run, "aws:kms/key:Key", `${name}-secrets`);
        const staging = stack === "staging";
        assert.deepEqual(
          { ...eks.inputs, encryptionConfigKeyArn: undefined, vpcId: undefined },
          {
            name,
            version: "1.36",
            privateSubnetIds: eks.inputs.privateSubnetIds,
            publicSubnetIds: eks.inputs.publicSubnetIds,
            skipDefaultNodeGroup: true,
            authenticationMode: "API",
            accessEntries: adminAccessEntries(staging ? ADMINS : []),
            createOidcProvider: true,
            encryptionConfigKeyArn: undefined,
            enabledClusterLogTypes: want.logTypes,
            endpointPrivateAccess: true,
            endpointPublicAccess: !staging,
            ...(staging ? {} : { publicAccessCidrs: ["0.0.0.0/0"] }),
            deletionProtection: want.protect,
            vpcId: undefined,
          },
        );
        assert.equal(eks.inputs.vpcId, run.outputs.vpcId);
        assert.equal((eks.inputs.privateSubnetIds as string[]).length, 3);
        assert.deepEqual(eks.propertyDependencies.encryptionConfigKeyArn, [key.urn]);
        assert.match(
          eks.inputs.encryptionConfigKeyArn as string,
          /^arn:aws:kms:us-east-1:123456789012:key\//,
        );
        assert.deepEqual(key.inputs, {
          description: `Envelope encryption of Kubernetes secrets in EKS cluster ${name}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
        });
        assert.equal(key.protect, want.protect);
      });

      it(`pre-creates the control-plane log group with ${want.retention} days of retention`, () => {
        const run = runs[stack];
        const group = one(run, "aws:cloudwatch/logGroup:LogGroup", `${name}-control-plane`);
        assert.deepEqual(group.inputs, {
          name: `/aws/eks/${name}/cluster`,
          retentionInDays: want.retention,
        });
        assert.equal(group.protect, want.protect);
        assert.ok(one(run, "eks:index:Cluster").dependencies.includes(group.urn));
      });

      it(`runs one ${want.capacity} managed node group in the private subnets`, () => {
        const run = runs[stack];
        const eks = one(run, "eks:index:Cluster");
        const ng = one(run, "eks:index:ManagedNodeGroup", `${name}-general`);
        const role = one(run, "aws:iam/role:Role", `${name}-node`);
        assert.deepEqual(ng.inputs, {
          cluster: { urn: eks.urn },
          nodeRole: { urn: role.urn, id: ng.inputs.nodeRole.id },
          nodeGroupNamePrefix: "general-",
          subnetIds: eks.inputs.privateSubnetIds,
          capacityType: want.capacity,
          instanceTypes: want.instanceTypes,
          scalingConfig: want.scaling,
          diskSize: want.disk,
          labels: {},
        });
        assert.notDeepEqual(eks.inputs.privateSubnetIds, eks.inputs.publicSubnetIds);
        const attachments = all(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.deepEqual(
          attachments.map((a) => a.inputs.policyArn),
          [...NODE_MANAGED_POLICY_ARNS],
        );
        for (const a of attachments) {
          assert.equal(a.inputs.role, role.urn.split("::").pop());
          assert.ok(ng.dependencies.includes(a.urn), "nodes wait for the node role's policies");
        }
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string), nodeTrustPolicy());
      });

      it("trusts exactly kube-system/aws-load-balancer-controller of this cluster for the LB controller role", () => {
        const run = runs[stack];
        const role = one(run, "aws:iam/role:Role", `${name}-lb-controller`);
        const providerArn = run.outputs.oidcProviderArn as string;
        const host = providerArn.split(":oidc-provider/")[1];
        assert.match(host, /^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string), {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: providerArn },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: {
                  [`${host}:sub`]: "system:serviceaccount:kube-system:aws-load-balancer-controller",
                  [`${host}:aud`]: "sts.amazonaws.com",
                },
              },
            },
          ],
        });
        const policy = one(run, "aws:iam/rolePolicy:RolePolicy", `${name}-lb-controller`);
        assert.equal(policy.inputs.policy, lbControllerPolicyJson());
        assert.equal(
          run.outputs.lbControllerRoleArn,
          `arn:aws:iam::123456789012:role/${name}-lb-controller`,
        );
      });

      it("exports the cluster, a secret kubeconfig and a server-side-apply Kubernetes provider", () => {
        const run = runs[stack];
        assert.equal(run.outputs.clusterName, name);
        assert.equal(run.outputs.kubeconfig, SECRET_MASK);
        assert.ok(run.secretOutputs.includes("kubeconfig"));
        for (const k of [
          "vpcId",
          "clusterName",
          "kubeconfig",
          "oidcProviderArn",
          "lbControllerRoleArn",
        ]) {
          assert.ok(k in run.outputs, `stack output ${k}`);
        }
        const k8s = one(run, "pulumi:providers:kubernetes", `${name}-k8s`);
        assert.equal(k8s.inputs.enableServerSideApply, "true");
        assert.equal(k8s.inputs.kubeconfig, SECRET_MASK);
        assert.deepEqual(k8s.secretInputs, ["kubeconfig"]);
        assert.ok(k8s.dependencies.includes(one(run, "eks:index:Cluster").urn));
      });
    });
  }

  it("declares one managed node group per configured group, with its labels, sharing the node role", async () => {
    const run = await runStack("dev", {
      config: {
        nodeGroups: [
          { ...NODE_GROUP, name: "system", capacityType: "ON_DEMAND", labels: { role: "system" } },
          {
            ...NODE_GROUP,
            name: "spot",
            capacityType: "SPOT",
            minSize: 0,
            desiredSize: 0,
            labels: { role: "batch" },
          },
        ],
      },
    });
    const groups = all(run, "eks:index:ManagedNodeGroup");
    assert.deepEqual(
      groups.map((g) => [
        g.name,
        g.inputs.nodeGroupNamePrefix,
        g.inputs.capacityType,
        g.inputs.labels,
        g.inputs.scalingConfig,
      ]),
      [
        [
          "gitops-dev-system",
          "system-",
          "ON_DEMAND",
          { role: "system" },
          { minSize: 3, desiredSize: 3, maxSize: 6 },
        ],
        [
          "gitops-dev-spot",
          "spot-",
          "SPOT",
          { role: "batch" },
          { minSize: 0, desiredSize: 0, maxSize: 6 },
        ],
      ],
    );
    assert.equal(new Set(groups.map((g) => g.inputs.nodeRole.urn)).size, 1);
    assert.equal(
      all(run, "aws:iam/role:Role").filter((r) => r.name === "gitops-dev-node").length,
      1,
    );
  });

  it("gives every AWS child of the cluster the stack's AWS provider", () => {
    const run = runs.prod;
    const provider = one(run, "pulumi:providers:aws");
    const cluster = one(run, "gitops-platform:cluster:Cluster");
    const children = run.resources.filter(
      (r) => r.parent === cluster.urn && r.type.startsWith("aws:"),
    );
    assert.equal(children.length, 8);
    for (const c of children) assert.ok(c.provider?.startsWith(`${provider.urn}::`), c.name);
  });
});

describe("components/cluster: settings it refuses", () => {
  it("Spot capacity in prod, where the profile sets allowSpot: false", () => {
    assert.deepEqual(problems("prod", { nodeGroups: [{ ...NODE_GROUP, capacityType: "SPOT" }] }), [
      'gitops-platform:nodeGroups[0].capacityType = "SPOT": Spot capacity is not allowed in this environment (allowSpot is false). Use ON_DEMAND, or set allowSpot: true if interruptions are acceptable here.',
    ]);
  });

  it("a node group whose maxSize is below its minSize", () => {
    assert.deepEqual(
      problems("dev", { nodeGroups: [{ ...NODE_GROUP, minSize: 4, desiredSize: 4, maxSize: 2 }] }),
      [
        'gitops-platform:nodeGroups[0] = {"minSize":4,"desiredSize":4,"maxSize":2}: sizes must satisfy minSize <= desiredSize <= maxSize. Raise maxSize or lower minSize/desiredSize.',
      ],
    );
  });

  it("a Kubernetes version EKS no longer offers, naming the ones it does", () => {
    assert.deepEqual(problems("dev", { kubernetesVersion: "1.31" }), [
      'gitops-platform:kubernetesVersion = "1.31": not a Kubernetes version EKS supports. Use one of 1.32, 1.33, 1.34, 1.35, 1.36 (a quoted string in YAML: "1.36").',
    ]);
  });

  it("a public endpoint nobody may reach, and an unknown log type", () => {
    assert.deepEqual(
      problems("staging", { publicAccessCidrs: [], clusterLogTypes: ["api", "kubelet"] }),
      [
        'gitops-platform:clusterLogTypes = "kubelet": unknown control-plane log type. Use api, audit, authenticator, controllerManager, scheduler.',
        "gitops-platform:publicAccessCidrs = []: the public endpoint is on but no CIDR may reach it. List the CIDRs of your operators, or set endpointPublicAccess: false.",
      ],
    );
  });

  it("fails the prod stack run with the same error", async () => {
    await assert.rejects(
      runStack("prod", { config: { nodeGroups: [{ ...NODE_GROUP, capacityType: "SPOT" }] } }),
      (e: unknown) =>
        e instanceof SettingsError &&
        e.message.startsWith(
          "Invalid settings for stack 'prod' (1 problem):\n  - gitops-platform:nodeGroups[0].capacityType",
        ),
    );
  });
});
