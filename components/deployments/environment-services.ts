/**
 * The third identity policy of an environment's Deployments role (`services`): what the stack
 * declares beyond the network, the cluster and IAM roles (environment-policy.ts), each confined
 * to the environment by its stack tag or, where a resource cannot carry it, by name:
 * - Karpenter's interruption queue (SQS) and its EventBridge rules and targets, its node
 *   instance profile, the discovery tag on the security group EKS creates for the cluster;
 * - the environment's deployment-feedback key in SSM (one parameter, by name);
 * - the application domain's ACM certificate and its DNS validation record (Route 53);
 * - tag-on-create of KMS keys and log groups (KMS CreateKey and CloudWatch Logs CreateLogGroup
 *   authorize the request's tags as `TagResource`), the SOPS key's alias;
 * - at destroy, what the VPC drain (components/teardown/vpc-drain.ts) removes: detached VPC CNI
 *   interfaces and the load balancer controller's security groups, which carry the cluster's
 *   name or the environment's name (the controller's `defaultTags`), not the stack tag.
 * Every action and condition key is checked against the Service Authorization Reference by the
 * tests (iam-reference.ts); test/components/deployments/coverage.spec.ts checks that each call the
 * stack makes is allowed.
 */
import { allow, type PolicyDocument } from "../aws";
import { tagIs } from "./environment-policy";

/** SQS calls on the environment's queues. */
export const SQS_OWNED_ACTIONS = [
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ListQueueTags",
  "sqs:SetQueueAttributes",
  "sqs:DeleteQueue",
  "sqs:TagQueue",
  "sqs:UntagQueue",
] as const;

/** EventBridge calls on a stack's own rules and targets (default event bus): environments and shared. */
export const EVENTS_OWNED_ACTIONS = [
  "events:PutRule",
  "events:DescribeRule",
  "events:DeleteRule",
  "events:EnableRule",
  "events:DisableRule",
  "events:PutTargets",
  "events:RemoveTargets",
  "events:ListTargetsByRule",
  "events:TagResource",
  "events:UntagResource",
  "events:ListTagsForResource",
] as const;

/** IAM calls on the environment's instance profiles (Karpenter's nodes). */
export const INSTANCE_PROFILE_OWNED_ACTIONS = [
  "iam:AddRoleToInstanceProfile",
  "iam:RemoveRoleFromInstanceProfile",
  "iam:DeleteInstanceProfile",
  "iam:TagInstanceProfile",
  "iam:UntagInstanceProfile",
] as const;

/** SSM calls on the environment's feedback key parameter. */
export const SSM_KEY_ACTIONS = [
  "ssm:PutParameter",
  "ssm:GetParameter",
  "ssm:DeleteParameter",
  "ssm:AddTagsToResource",
  "ssm:RemoveTagsFromResource",
  "ssm:ListTagsForResource",
] as const;

/** ACM calls on the environment's certificates. */
export const ACM_OWNED_ACTIONS = [
  "acm:DescribeCertificate",
  "acm:ListTagsForCertificate",
  "acm:AddTagsToCertificate",
  "acm:RemoveTagsFromCertificate",
  "acm:DeleteCertificate",
] as const;

/** Tag keys the AWS Load Balancer Controller puts on what it creates (its `defaultTags`). */
export const LB_CONTROLLER_ENVIRONMENT_TAG = "gitops-platform:environment";
/** Tag the VPC CNI puts on the interfaces it creates. */
export const CNI_CLUSTER_TAG = "cluster.k8s.amazonaws.com/name";
/** Tag the load balancer controller puts on its security groups. */
export const LB_CONTROLLER_CLUSTER_TAG = "elbv2.k8s.aws/cluster";
/** The discovery tag Karpenter finds the cluster security group by (components/autoscaling). */
export const KARPENTER_DISCOVERY_TAG_KEY = "karpenter.sh/discovery";

export interface ServicesScope {
  readonly partition: string;
  readonly accountId: string;
  readonly environment: string;
  /** Name of the environment's deployment-feedback key parameter (`/<prefix>/.../keys/<env>`). */
  readonly feedbackKeyParameter: string;
  /** Name of the environment's EKS cluster (tags of the security group EKS creates for it). */
  readonly clusterName: string;
}

export function environmentServicesPolicy(scope: ServicesScope): PolicyDocument {
  const { partition: p, accountId: a, environment: env } = scope;
  const created = { StringEquals: tagIs("RequestTag", env) };
  const owned = { StringEquals: tagIs("ResourceTag", env) };
  const arn = (service: string, resource: string) => `arn:${p}:${service}:*:${a}:${resource}`;
  const parameter = scope.feedbackKeyParameter.replace(/^\//, "");
  return {
    Version: "2012-10-17",
    Statement: [
      // SQS authorizes tags on create as sqs:TagQueue.
      allow("SqsCreate", ["sqs:CreateQueue", "sqs:TagQueue"], arn("sqs", "*"), created),
      allow("SqsOwned", SQS_OWNED_ACTIONS, arn("sqs", "*"), owned),
      allow("EventsCreateRule", ["events:PutRule"], arn("events", "rule/*"), created),
      allow("EventsOwned", EVENTS_OWNED_ACTIONS, arn("events", "rule/*"), owned),
      allow(
        "InstanceProfileCreate",
        ["iam:CreateInstanceProfile"],
        `arn:${p}:iam::${a}:instance-profile/*`,
        created,
      ),
      allow(
        "InstanceProfileOwned",
        INSTANCE_PROFILE_OWNED_ACTIONS,
        `arn:${p}:iam::${a}:instance-profile/*`,
        owned,
      ),
      // AddRoleToInstanceProfile needs iam:PassRole on the role; whether it sets
      // iam:PassedToService is not documented, so the key may be absent, never another service.
      {
        Sid: "PassOwnRolesToInstanceProfiles",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: `arn:${p}:iam::${a}:role/*`,
        Condition: {
          StringEquals: tagIs("ResourceTag", env),
          StringEqualsIfExists: { "iam:PassedToService": "ec2.amazonaws.com" },
        },
      },
      allow("FeedbackKey", SSM_KEY_ACTIONS, arn("ssm", `parameter/${parameter}`)),
      allow("SsmDescribe", ["ssm:DescribeParameters"], "*"),
      allow("AcmRequest", ["acm:RequestCertificate"], "*", created),
      allow("AcmTagOnCreate", ["acm:AddTagsToCertificate"], arn("acm", "certificate/*"), created),
      allow("AcmOwned", ACM_OWNED_ACTIONS, arn("acm", "certificate/*"), owned),
      // Hosted zones carry no tags IAM can check: only ACM's validation records (`_<hash>.`
      // CNAMEs) may be written.
      allow(
        "Route53ValidationRecords",
        ["route53:ChangeResourceRecordSets"],
        `arn:${p}:route53:::hostedzone/*`,
        {
          Null: { "route53:ChangeResourceRecordSetsNormalizedRecordNames": "false" },
          "ForAllValues:StringLike": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["_*"],
          },
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsRecordTypes": ["CNAME"],
          },
        },
      ),
      allow(
        "Route53Read",
        [
          "route53:ListResourceRecordSets",
          "route53:GetHostedZone",
          "route53:ListTagsForResource",
          "route53:GetChange",
        ],
        [`arn:${p}:route53:::hostedzone/*`, `arn:${p}:route53:::change/*`],
      ),
      allow("Route53List", ["route53:ListHostedZones", "route53:ListHostedZonesByName"], "*"),
      allow("KmsTagOnCreate", ["kms:TagResource"], arn("kms", "key/*"), created),
      // Aliases carry no tags: any name, but each call is authorized on the key too (KmsOwned:
      // only the environment's keys), so no alias of another environment's key can change.
      allow(
        "KmsAliasNames",
        ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"],
        arn("kms", "alias/*"),
      ),
      allow("LogsTagOnCreate", ["logs:TagResource"], arn("logs", "log-group:*"), created),
      // The security group EKS creates carries the cluster's name, not the stack tag: only the
      // discovery tag, and only with that cluster's own name as its value.
      allow(
        "ClusterSecurityGroupDiscoveryTag",
        ["ec2:CreateTags"],
        arn("ec2", "security-group/*"),
        {
          StringEquals: {
            [`aws:RequestTag/${KARPENTER_DISCOVERY_TAG_KEY}`]:
              "${aws:ResourceTag/aws:eks:cluster-name}",
          },
          "ForAllValues:StringEquals": { "aws:TagKeys": [KARPENTER_DISCOVERY_TAG_KEY] },
        },
      ),
      // The program tags the security group EKS creates for its own cluster with the stack's tags
      // (components/cluster): that group only, the stack tag only with this environment's value.
      allow(
        "ClusterSecurityGroupStackTags",
        ["ec2:CreateTags", "ec2:DeleteTags"],
        arn("ec2", "security-group/*"),
        {
          StringEquals: { "aws:ResourceTag/aws:eks:cluster-name": scope.clusterName },
          StringEqualsIfExists: tagIs("RequestTag", env),
        },
      ),
      // VPC drain: detached VPC CNI interfaces (EC2 refuses to delete one in use) ...
      allow(
        "DrainCniInterfaces",
        ["ec2:DeleteNetworkInterface"],
        arn("ec2", "network-interface/*"),
        {
          Null: { [`aws:ResourceTag/${CNI_CLUSTER_TAG}`]: "false" },
        },
      ),
      // ... and the load balancer controller's security groups of this environment.
      allow(
        "DrainLbControllerGroups",
        ["ec2:DeleteSecurityGroup"],
        arn("ec2", "security-group/*"),
        {
          Null: { [`aws:ResourceTag/${LB_CONTROLLER_CLUSTER_TAG}`]: "false" },
          StringEquals: { [`aws:ResourceTag/${LB_CONTROLLER_ENVIRONMENT_TAG}`]: env },
        },
      ),
    ],
  };
}
