import * as assert from "node:assert/strict";
import { SECRET_MASK, type StackRun } from "../../../harness/run";
import { adminAccessEntries, CLUSTER_ADMIN_POLICY_ARN } from "../../../components/cluster/access";
import { controlPlaneLogGroupName } from "../../../components/cluster/cluster";
import { NODE_MANAGED_POLICY_ARNS, nodeTrustPolicy } from "../../../components/cluster/nodes";
import { lbControllerPolicyJson } from "../../../components/cluster/lb-controller-policy";
import { ofType as all, one } from "../../helpers/resources";
import { EKS_KUBERNETES_VERSIONS } from "../../../components/cluster/kubernetes-versions";
import { fixtureRun, runFixture } from "../../helpers/stacks";

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

const OVERWRITE = { resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE" };

describe("components/cluster: per environment", () => {
  const runs: Record<string, StackRun> = {};
  const ADMINS = [
    "arn:aws:iam::123456789012:role/platform-admins",
    "arn:aws:iam::123456789012:user/ops",
  ];
  before(async () => {
    runs.dev = await fixtureRun("dev");
    // Staging with admins and the public API endpoint open to one range only, as an operator
    // would configure it.
    runs.staging = await runFixture("staging", {
      config: { adminPrincipalArns: ADMINS, publicAccessCidrs: ["203.0.113.0/24"] },
    });
    runs.prod = await fixtureRun("prod");
  });

  const expected = {
    dev: {
      logTypes: ["api", "audit", "authenticator"],
      retention: 30,
      capacity: "SPOT",
      instanceTypes: ["t3.large", "t3a.large", "m5.large"],
      scaling: { minSize: 2, desiredSize: 2, maxSize: 2 },
      disk: 30,
      protect: false,
      supportType: "STANDARD",
    },
    staging: {
      logTypes: ["api", "audit", "authenticator"],
      retention: 30,
      capacity: "ON_DEMAND",
      instanceTypes: ["t3.large"],
      scaling: { minSize: 2, desiredSize: 2, maxSize: 2 },
      disk: 50,
      protect: false,
      supportType: "STANDARD",
    },
    prod: {
      logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      retention: 90,
      capacity: "ON_DEMAND",
      instanceTypes: ["m6i.large"],
      scaling: { minSize: 2, desiredSize: 2, maxSize: 2 },
      disk: 50,
      protect: true,
      supportType: "EXTENDED",
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
            // No pulumi-eks add-ons: ours are pinned (components/cluster/addons.ts). The SDK fills
            // in the resolveConflicts defaults of the options it is given.
            useDefaultVpcCni: true,
            kubeProxyAddonOptions: { enabled: false, ...OVERWRITE },
            corednsAddonOptions: { enabled: false, ...OVERWRITE },
            serviceRole: eks.inputs.serviceRole,
            authenticationMode: "API",
            accessEntries: adminAccessEntries(staging ? ADMINS : []),
            createOidcProvider: true,
            encryptionConfigKeyArn: undefined,
            enabledClusterLogTypes: want.logTypes,
            endpointPrivateAccess: true,
            endpointPublicAccess: true,
            // Staging's run and the prod fixture restrict the endpoint (prod's profile requires a
            // choice); dev keeps its profile's default.
            publicAccessCidrs: [
              staging ? "203.0.113.0/24" : stack === "prod" ? "198.51.100.0/24" : "0.0.0.0/0",
            ],
            deletionProtection: want.protect,
            upgradePolicy: { supportType: want.supportType },
            vpcId: undefined,
          },
        );
        assert.equal(eks.inputs.vpcId, run.outputs.vpcId);
        assert.equal(
          eks.inputs.serviceRole.urn,
          one(run, "aws:iam/role:Role", `${name}-cluster`).urn,
        );
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
          // The disk is in the group's launch template (launch-template.spec.ts).
          launchTemplate: ng.inputs.launchTemplate,
          version: eks.inputs.version,
          labels: {},
        });
        const template = one(run, "aws:ec2/launchTemplate:LaunchTemplate", `${name}-general`);
        assert.equal(template.inputs.blockDeviceMappings[0].ebs.volumeSize, want.disk);
        assert.notDeepEqual(eks.inputs.privateSubnetIds, eks.inputs.publicSubnetIds);
        // The managed node group's role (Karpenter's node role has attachments of its own).
        const attachments = all(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter(
          (a) => a.name.startsWith(`${name}-node-`),
        );
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
        assert.equal(
          policy.inputs.policy,
          lbControllerPolicyJson({ clusterName: name, appsLoadBalancerName: `${name}-apps` }),
        );
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

  it("gives every AWS child of the cluster the stack's AWS provider", () => {
    const run = runs.prod;
    const provider = one(run, "pulumi:providers:aws");
    const cluster = one(run, "gitops-platform:cluster:Cluster");
    const children = run.resources.filter(
      (r) => r.parent === cluster.urn && r.type.startsWith("aws:"),
    );
    // Role, policies, key, log group, launch template, and a tag per stack tag on EKS's group.
    assert.equal(children.length, 14);
    for (const c of children) assert.ok(c.provider?.startsWith(`${provider.urn}::`), c.name);
  });
});
