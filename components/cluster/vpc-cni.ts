/**
 * The VPC CNI (DaemonSet kube-system/aws-node) with an IRSA role of its own instead of the node
 * role. With `AmazonEKS_CNI_Policy` on the node role, every node (and any pod that reaches the
 * node's credentials) could create, detach and delete network interfaces and their addresses in
 * every VPC of the account, another environment's pods included. This role holds the actions of
 * that policy (aws/amazon-vpc-cni-k8s `docs/iam-policy.md`, b521883, IPv4) confined the way that
 * document's "scope-down IAM policy per EKS cluster" does, with the VPC as the fence:
 * - interfaces: created only in this VPC's subnets and with this cluster's tag, changed or
 *   deleted only in this VPC (`ec2:Vpc`, which every network-interface action sets);
 * - instances: attach and detach only on instances tagged `kubernetes.io/cluster/<cluster>:
 *   owned` (the node groups' launch template and Karpenter tag theirs, launch-template.ts);
 * - tags: on creation, and on interfaces that carry this cluster's tag (ipamd tags the
 *   interfaces it manages at start, the primary one included: `pkg/ipamd/ipamd.go`), so it cannot
 *   retag another environment's interfaces into its own (or into its Deployments' fence).
 * The CNI puts the stack's tags and the cluster tag on every interface it creates through
 * `ADDITIONAL_ENI_TAGS` (since v1.6.0, `pkg/awsutils/awsutils.go` createENITags; the add-on's
 * configuration schema types it as a JSON string under `env`).
 * Residual: reads (Describe*) are account-wide, as AWS offers no narrower scope for them.
 * https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html
 */
import type { PolicyDocument, ServiceAccountRef } from "../aws";
import { clusterOwnedTag } from "./launch-template";

/** The CNI's service account (the add-on's DaemonSet aws-node). */
export const VPC_CNI_SERVICE_ACCOUNT: ServiceAccountRef = {
  namespace: "kube-system",
  name: "aws-node",
};

export interface VpcCniPolicyTargets {
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
}

export function vpcCniPolicy(t: VpcCniPolicyTargets): PolicyDocument {
  const ec2 = (resource: string) => `arn:aws:ec2:${t.region}:${t.accountId}:${resource}`;
  const interfaces = ec2("network-interface/*");
  const inVpc = { ArnEquals: { "ec2:Vpc": ec2(`vpc/${t.vpcId}`) } };
  const [[clusterTag, owned]] = Object.entries(clusterOwnedTag(t.clusterName));
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Describe",
        Effect: "Allow",
        Action: [
          "ec2:DescribeInstances",
          "ec2:DescribeTags",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSubnets",
        ],
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": t.region } },
      },
      {
        Sid: "CreateTaggedInterface",
        Effect: "Allow",
        Action: ["ec2:CreateNetworkInterface"],
        Resource: interfaces,
        Condition: { StringEquals: { [`aws:RequestTag/${clusterTag}`]: owned } },
      },
      {
        Sid: "CreateInterfaceInOurVpc",
        Effect: "Allow",
        Action: ["ec2:CreateNetworkInterface"],
        Resource: [ec2("subnet/*"), ec2("security-group/*")],
        Condition: inVpc,
      },
      {
        Sid: "TagNewInterface",
        Effect: "Allow",
        Action: ["ec2:CreateTags"],
        Resource: interfaces,
        Condition: { StringEquals: { "ec2:CreateAction": "CreateNetworkInterface" } },
      },
      {
        Sid: "TagOurInterfaces",
        Effect: "Allow",
        Action: ["ec2:CreateTags"],
        Resource: interfaces,
        Condition: { StringEquals: { [`aws:ResourceTag/${clusterTag}`]: owned } },
      },
      {
        Sid: "ManageInterfacesInOurVpc",
        Effect: "Allow",
        Action: [
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses",
          "ec2:AttachNetworkInterface",
          "ec2:DetachNetworkInterface",
          "ec2:DeleteNetworkInterface",
          "ec2:ModifyNetworkInterfaceAttribute",
        ],
        Resource: interfaces,
        Condition: inVpc,
      },
      {
        Sid: "OurInstances",
        Effect: "Allow",
        Action: [
          "ec2:AttachNetworkInterface",
          "ec2:DetachNetworkInterface",
          "ec2:ModifyNetworkInterfaceAttribute",
        ],
        Resource: ec2("instance/*"),
        Condition: { StringEquals: { [`aws:ResourceTag/${clusterTag}`]: owned } },
      },
      {
        // The groups an interface gets (ModifyNetworkInterfaceAttribute --groups): this VPC's.
        Sid: "SecurityGroupsOfOurVpc",
        Effect: "Allow",
        Action: ["ec2:ModifyNetworkInterfaceAttribute"],
        Resource: ec2("security-group/*"),
        Condition: inVpc,
      },
    ],
  };
}

/**
 * The vpc-cni add-on's `configurationValues`: the tags of every interface the CNI creates (the
 * stack's and the cluster tag; JSON inside JSON, as the schema wants a string).
 */
export function vpcCniConfiguration(
  clusterName: string,
  tags: Readonly<Record<string, string>>,
): string {
  const eniTags = { ...tags, ...clusterOwnedTag(clusterName) };
  return JSON.stringify({ env: { ADDITIONAL_ENI_TAGS: JSON.stringify(eniTags) } });
}
