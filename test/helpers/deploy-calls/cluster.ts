/**
 * The children pulumi-eks 4.3 creates on the provider side (nodejs/eks/cluster/cluster.ts,
 * nodes/securitygroup.ts, nodes/nodegroup.ts, cluster/authenticationMode.ts at v4.3.0) for the
 * arguments this program gives: the cluster security group and its egress rule, the node security
 * group and its four rules plus the cluster ingress rule (skipDefaultSecurityGroups unset), the
 * `aws.eks.Cluster`, the IRSA OIDC provider, an access entry (and policy associations) per
 * `accessEntries` key; no roles (serviceRole and nodeRole are given), no add-ons (vpc-cni is
 * `useDefaultVpcCni`, kube-proxy and coredns are disabled); per ManagedNodeGroup one
 * `aws.eks.NodeGroup` (no custom launch template: none of its triggers is set). Kubernetes
 * objects and the Kubernetes provider it creates need no AWS IAM.
 */
import { created, passRole } from "./delivery";
import { child } from "./network";
import { addToCluster, clusterArn } from "./runtime";
import { arns, on, type Call, type CallsOf, type Scope, type Target } from "./types";

export function expandCluster(cluster: Target, s: Scope): Target[] {
  const i = cluster.inputs;
  const name = String(i.name);
  const c = (type: string, n: string, inputs: Record<string, unknown>, tags = {}) =>
    child(cluster, s, type, n, inputs, tags);
  const clusterSg = `sg-${cluster.name}-cluster`;
  const nodeSg = `sg-${cluster.name}-node`;
  const vpcId = String(i.vpcId);
  const rule = (n: string, securityGroupId: string, type: string) =>
    c("aws:ec2/securityGroupRule:SecurityGroupRule", n, { securityGroupId, type });
  const out: Target[] = [
    c("aws:ec2/securityGroup:SecurityGroup", "eksClusterSecurityGroup", { id: clusterSg, vpcId }),
    rule("eksClusterInternetEgressRule", clusterSg, "egress"),
    c("aws:eks/cluster:Cluster", "eksCluster", {
      name,
      roleArn: arns(s).global("iam", `role/${String(i.serviceRole?.id ?? "cluster-1a2b3c4")}`),
      encryptionConfigKeyArn: i.encryptionConfigKeyArn,
    }),
    c(
      "aws:ec2/securityGroup:SecurityGroup",
      "nodeSecurityGroup",
      { id: nodeSg, vpcId },
      { [`kubernetes.io/cluster/${name}`]: "owned" },
    ),
    rule("eksNodeIngressRule", nodeSg, "ingress"),
    rule("eksNodeClusterIngressRule", nodeSg, "ingress"),
    rule("eksExtApiServerClusterIngressRule", nodeSg, "ingress"),
    rule("eksNodeInternetEgressRule", nodeSg, "egress"),
    rule("eksClusterIngressRule", clusterSg, "ingress"),
  ];
  if (i.createOidcProvider) {
    out.push(
      c("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "oidcProvider", {
        url: `https://oidc.eks.${s.region}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`,
      }),
    );
  }
  for (const [key, entry] of Object.entries((i.accessEntries ?? {}) as Record<string, any>)) {
    out.push(c("aws:eks/accessEntry:AccessEntry", key, { principalArn: entry.principalArn }));
    for (const policy of Object.keys(entry.accessPolicies ?? {})) {
      out.push(
        c("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", `${key}-${policy}`, {
          principalArn: entry.principalArn,
        }),
      );
    }
  }
  return out;
}

export function expandNodeGroup(group: Target, s: Scope): Target[] {
  const role = group.inputs.nodeRole?.id ?? "node-1a2b3c4";
  return [
    child(group, s, "aws:eks/nodeGroup:NodeGroup", "nodeGroup", {
      nodeGroupName: `${String(group.inputs.nodeGroupNamePrefix ?? "")}1a2b3c4`,
      nodeRoleArn: arns(s).global("iam", `role/${String(role)}`),
    }),
  ];
}

/** EKS creates its service-linked role on the first cluster or node group, as the caller. */
function serviceLinkedRole(s: Scope, service: string, name: string): Call {
  return {
    phase: "create",
    action: "iam:CreateServiceLinkedRole",
    resource: arns(s).global("iam", `role/aws-service-role/${service}/${name}`),
    context: { "iam:AWSServiceName": service },
  };
}

export const CLUSTER_CALLS: Readonly<Record<string, CallsOf>> = {
  "aws:eks/cluster:Cluster": (t, s) => {
    const arn = clusterArn(s, String(t.inputs.name));
    const key = t.inputs.encryptionConfigKeyArn;
    return [
      ...created(t, arn, "eks:CreateCluster"),
      ...passRole(t.inputs.roleArn, "eks.amazonaws.com", "create").map((c) => ({
        ...c,
        resourceTags: s.defaultTags,
      })),
      serviceLinkedRole(s, "eks.amazonaws.com", "AWSServiceRoleForAmazonEKS"),
      // Envelope encryption: the caller must be able to describe the key and grant EKS its use.
      ...(typeof key === "string"
        ? on(key, s.defaultTags, [["create", "kms:DescribeKey", "kms:CreateGrant"]])
        : []),
      ...on(arn, t.tags, [
        ["read", "eks:DescribeCluster", "eks:ListTagsForResource"],
        ["update", "eks:UpdateClusterConfig", "eks:UpdateClusterVersion"],
        ["tag", "eks:TagResource", "eks:UntagResource"],
        ["delete", "eks:DeleteCluster"],
      ]),
    ];
  },
  "aws:eks/nodeGroup:NodeGroup": (t, s) => {
    const cluster = clusterArn(s).split(":cluster/").pop()!;
    const arn = arns(s).regional(
      "eks",
      `nodegroup/${cluster}/${String(t.inputs.nodeGroupName)}/uuid`,
    );
    return [
      addToCluster(t, s, "eks:CreateNodegroup"),
      ...passRole(t.inputs.nodeRoleArn, "eks.amazonaws.com", "create").map((c) => ({
        ...c,
        resourceTags: s.defaultTags,
      })),
      serviceLinkedRole(s, "eks-nodegroup.amazonaws.com", "AWSServiceRoleForAmazonEKSNodegroup"),
      ...on(arn, t.tags, [
        ["read", "eks:DescribeNodegroup"],
        ["update", "eks:UpdateNodegroupConfig", "eks:UpdateNodegroupVersion"],
        ["tag", "eks:TagResource", "eks:UntagResource"],
        ["delete", "eks:DeleteNodegroup"],
      ]),
    ];
  },
};
