/**
 * The Karpenter controller's IAM permissions, from the upstream CloudFormation template
 * aws/karpenter-provider-aws `website/content/en/v1.14/getting-started/getting-started-with-karpenter/cloudformation.yaml`
 * (1d92708, v1.14.1), scoped to this cluster, region and account:
 * - launching (RunInstances, CreateFleet, CreateLaunchTemplate) requires the request to tag the
 *   instance `kubernetes.io/cluster/<cluster>: owned`, `eks:eks-cluster-name: <cluster>` and a
 *   `karpenter.sh/nodepool`; terminating and deleting require those tags on the resource, so it
 *   can only end what it launched for this cluster;
 * - `iam:PassRole` only for the Karpenter node role, only to EC2;
 * - the upstream instance-profile write statements (Create/Tag/AddRoleTo/RemoveRoleFrom/Delete)
 *   are left out: Pulumi creates the instance profile and the EC2NodeClass names it
 *   (`spec.instanceProfile`), so the controller makes no IAM writes (v1.14.1
 *   `pkg/controllers/nodeclass/instanceprofile.go` uses spec.instanceProfile as is); the read-only
 *   ListInstanceProfiles stays for its garbage collector, GetInstanceProfile on that profile only.
 * To update: diff that template at the version in versions.ts.
 */
import type { PolicyDocument } from "../aws";

export interface KarpenterPolicyTargets {
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  /** ARN of the node role the controller passes to the instances it launches. */
  readonly nodeRoleArn: string;
  /** ARN of the instance profile of that role. */
  readonly instanceProfileArn: string;
  /** ARN of the SQS interruption queue. */
  readonly queueArn: string;
}

export function karpenterControllerPolicy(t: KarpenterPolicyTargets): PolicyDocument {
  const ec2 = (resource: string, account = t.accountId) =>
    `arn:aws:ec2:${t.region}:${account}:${resource}`;
  const owned = { [`kubernetes.io/cluster/${t.clusterName}`]: "owned" };
  const requestTag = (tags: Record<string, string>) =>
    Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v]));
  const resourceTag = (tags: Record<string, string>) =>
    Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
  const launched = [
    ec2("fleet/*"),
    ec2("instance/*"),
    ec2("volume/*"),
    ec2("network-interface/*"),
    ec2("launch-template/*"),
    ec2("spot-instances-request/*"),
  ];
  const clusterTags = { ...owned, "eks:eks-cluster-name": t.clusterName };
  const clusterArn = `arn:aws:eks:${t.region}:${t.accountId}:cluster/${t.clusterName}`;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowScopedEC2InstanceAccessActions",
        Effect: "Allow",
        // Public AMIs and their snapshots belong to other accounts: no account in those ARNs.
        Resource: [
          ec2("image/*", ""),
          ec2("snapshot/*", ""),
          ec2("security-group/*"),
          ec2("subnet/*"),
          ec2("capacity-reservation/*"),
          ec2("placement-group/*"),
        ],
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      },
      {
        Sid: "AllowScopedEC2LaunchTemplateAccessActions",
        Effect: "Allow",
        Resource: ec2("launch-template/*"),
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        Condition: {
          StringEquals: resourceTag(owned),
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedEC2InstanceActionsWithTags",
        Effect: "Allow",
        Resource: launched,
        Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
        Condition: {
          StringEquals: requestTag(clusterTags),
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceCreationTagging",
        Effect: "Allow",
        Resource: launched,
        Action: ["ec2:CreateTags"],
        Condition: {
          StringEquals: {
            ...requestTag(clusterTags),
            "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
          },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceTagging",
        Effect: "Allow",
        Resource: ec2("instance/*"),
        Action: ["ec2:CreateTags"],
        Condition: {
          StringEquals: resourceTag(owned),
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": t.clusterName },
          "ForAllValues:StringEquals": {
            "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"],
          },
        },
      },
      {
        Sid: "AllowScopedDeletion",
        Effect: "Allow",
        Resource: [ec2("instance/*"), ec2("launch-template/*")],
        Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
        Condition: {
          StringEquals: resourceTag(owned),
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowPassingInstanceRole",
        Effect: "Allow",
        Resource: t.nodeRoleArn,
        Action: ["iam:PassRole"],
        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      },
      {
        Sid: "AllowAPIServerEndpointDiscovery",
        Effect: "Allow",
        Resource: clusterArn,
        Action: ["eks:DescribeCluster"],
      },
      {
        Sid: "AllowInterruptionQueueActions",
        Effect: "Allow",
        Resource: t.queueArn,
        Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      },
      {
        Sid: "AllowZonalShiftStatusReadOnly",
        Effect: "Allow",
        Resource: "*",
        Action: ["arc-zonal-shift:GetManagedResource"],
        Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArn } },
      },
      {
        Sid: "AllowRegionalReadActions",
        Effect: "Allow",
        Resource: "*",
        Action: [
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceStatus",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
        ],
        Condition: { StringEquals: { "aws:RequestedRegion": t.region } },
      },
      {
        Sid: "AllowSSMReadActions",
        Effect: "Allow",
        Resource: `arn:aws:ssm:${t.region}::parameter/aws/service/*`,
        Action: ["ssm:GetParameter"],
      },
      {
        Sid: "AllowPricingReadActions",
        Effect: "Allow",
        Resource: "*",
        Action: ["pricing:GetProducts"],
      },
      {
        Sid: "AllowUnscopedInstanceProfileListAction",
        Effect: "Allow",
        Resource: "*",
        Action: ["iam:ListInstanceProfiles"],
      },
      {
        Sid: "AllowInstanceProfileReadActions",
        Effect: "Allow",
        Resource: t.instanceProfileArn,
        Action: ["iam:GetInstanceProfile"],
      },
    ],
  };
}
