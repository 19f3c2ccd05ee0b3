/**
 * The fences of an environment's permissions boundary beyond its stack tag (boundary.ts): the
 * tag alone only guards what carries it, and much of an account does not (the EKS cluster
 * security group, instances and volumes a controller made without the tag, load balancers of
 * another tool, parameters and secrets of the shared stack, the default event bus). So the
 * boundary also:
 * - allows only the services (and, where a service holds more than the environment uses, the
 *   actions) an environment stack and the roles it creates call: ENVIRONMENT_ACTIONS;
 * - denies changing EC2 instances, volumes and security groups, and Elastic Load Balancing
 *   resources, that carry no stack tag at all (creating them stays allowed: a new resource has
 *   no tag yet), and adding the stack tag to such a resource after its creation (adopting it);
 * - confines IAM names to the environment's name prefix (`<prefix>-*`) so no environment can
 *   take another's role, policy or instance profile names, and passing roles to those names
 *   and to the services that take them;
 * - confines SSM Parameter Store writes and reads to the environment's own deployment-feedback
 *   key (and AWS's public parameters), so no environment can forge another's feedback.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { STACK_TAG, type PolicyStatement } from "../aws";

export interface FenceScope {
  readonly partition: string;
  /** The environment's name prefix (`gitops-dev`): every IAM name it creates starts `<it>-`. */
  readonly namePrefix: string;
  /** Name of the environment's deployment-feedback key parameter (starts with `/`). */
  readonly feedbackKeyParameter: string;
}

/**
 * What an environment may call at all, and why. A service is listed whole (`svc:*`) when the
 * stack tag and the other denies fence it; otherwise only the actions its users call:
 * - ec2: the VPC, its subnets, gateways, routes, endpoint, security groups and flow logs; the
 *   instances, volumes and interfaces of Karpenter, the VPC CNI and the EBS CSI driver;
 * - eks, eks-auth: the cluster, node groups, add-ons, access entries; Pod Identity (node policy);
 * - iam, sts: the environment's roles, OIDC provider and instance profile; role sessions;
 * - kms, logs: the cluster's secrets key and SOPS key; the cluster and flow log groups;
 * - sqs, events (rules only): Karpenter's interruption queue and its EventBridge rules;
 * - lambda: the receivers' relay (components/receivers); the shared plane's functions stay out
 *   of reach by their stack tag (DeliveryReadOnly in boundary.ts: no invoke, no code change);
 * - ssm (parameters only): the deployment-feedback key, the environment's own parameters under
 *   `/<prefix>/` (the receivers' token), AWS's public AMI parameters (Karpenter);
 * - acm, route53 (records and reads): the application domain's certificate and records;
 * - elasticloadbalancing, cognito-idp, waf-regional, wafv2, shield: the AWS Load Balancer
 *   Controller (its upstream policy) and the EKS cluster role;
 * - autoscaling (reads): the EKS cluster role's policy;
 * - ecr (pulls, reads; BatchDeleteImage comes along: the shared stack's repositories are
 *   read-only by their tag), codecommit (GitPull, GitPush): nodes, Flux and image automation;
 * - pricing, arc-zonal-shift (reads): Karpenter.
 * Not listed, so denied: s3, secretsmanager, dynamodb, codebuild, codepipeline,
 * events:PutEvents, SSM commands and sessions, everything else.
 */
export const ENVIRONMENT_ACTIONS = [
  "ec2:*",
  "eks:*",
  "eks-auth:*",
  "iam:*",
  "sts:*",
  "kms:*",
  "logs:*",
  "sqs:*",
  "lambda:*",
  "events:*Rule*",
  "events:*Targets*",
  "events:*Tag*",
  "ssm:*Parameter*",
  "ssm:*Tags*",
  "acm:*",
  "route53:ChangeResourceRecordSets",
  "route53:Get*",
  "route53:List*",
  "elasticloadbalancing:*",
  "cognito-idp:Describe*",
  "waf-regional:*WebACL*",
  "wafv2:*WebACL*",
  "shield:*Protection",
  "shield:GetSub*",
  "autoscaling:Describe*",
  "ecr:Batch*",
  "ecr:Describe*",
  "ecr:List*",
  "ecr:Get*",
  "codecommit:Git*",
  "pricing:*",
  "arc-zonal-shift:Get*",
] as const;

/**
 * Changes that the resource's stack tag must allow, by the resource type they are fenced on:
 * instances (Karpenter terminates its own), volumes (the EBS CSI driver), security groups (the
 * load balancer controller) and load balancers, listeners, rules and target groups (the
 * controller). Creates are not among them. An action authorized on several types (AttachVolume
 * on the volume and the instance) is fenced on the one listed here only.
 */
export const UNTAGGED_CHANGES = {
  instance: [
    "ec2:TerminateInstances",
    "ec2:StopInstances",
    "ec2:ModifyInstance*",
    "ec2:*IamInstanceProfile*",
  ],
  other: [
    "ec2:De*Volume",
    "ec2:AttachVolume",
    "ec2:ModifyVolume*",
    "ec2:CreateSnapshot",
    "ec2:*SecurityGroup*gress",
    "ec2:ModifySecurityGroupRules",
    "elasticloadbalancing:Modify*",
    "elasticloadbalancing:Delete*",
    "elasticloadbalancing:Set*",
    "elasticloadbalancing:*Targets",
    "elasticloadbalancing:*ListenerCert*",
    // Authorized on the load balancer and the listener they add to, not on what they create.
    "elasticloadbalancing:CreateListener",
    "elasticloadbalancing:CreateRule",
  ],
} as const;

/** The resource types (ARN patterns) each list of UNTAGGED_CHANGES is fenced on. */
export function untaggedChangeResources(partition: string): Record<"instance" | "other", string[]> {
  const ec2 = (type: string) => `arn:${partition}:ec2:*:*:${type}/*`;
  return {
    instance: [ec2("instance")],
    other: [ec2("volume"), ec2("security-group"), `arn:${partition}:elasticloadbalancing:*:*:*`],
  };
}

/**
 * Services an environment passes its roles to: EKS (cluster and node roles, add-on roles), VPC
 * Flow Logs (its log role), EC2 (the Karpenter node role, through its instance profile), Lambda
 * (the receivers' relay, components/receivers).
 */
export const ENVIRONMENT_PASS_ROLE_SERVICES = [
  "eks.amazonaws.com",
  "vpc-flow-logs.amazonaws.com",
  "ec2.amazonaws.com",
  "lambda.amazonaws.com",
] as const;

/**
 * Tag of the security group EKS creates for a cluster (only AWS sets `aws:` tags): that group
 * carries no stack tag, and the load balancer controller opens it to its load balancers.
 */
export const EKS_SECURITY_GROUP_TAG = "aws:eks:cluster-name";

/**
 * The boundary's fence statements (appended to boundary.ts's), without Sids: the boundary is
 * one managed policy of at most 6,144 characters.
 */
export function environmentFences(scope: FenceScope): PolicyStatement[] {
  const p = scope.partition;
  const noStackTag = {
    [`aws:ResourceTag/${STACK_TAG}`]: "true",
    [`aws:ResourceTag/${EKS_SECURITY_GROUP_TAG}`]: "true",
  };
  const iam = (type: string) => `arn:${p}:iam::*:${type}/${scope.namePrefix}-*`;
  return [
    { Effect: "Deny", NotAction: [...ENVIRONMENT_ACTIONS], Resource: "*" },
    {
      Effect: "Deny",
      Action: [...UNTAGGED_CHANGES.instance],
      Resource: untaggedChangeResources(p).instance,
      Condition: { Null: { [`aws:ResourceTag/${STACK_TAG}`]: "true" } },
    },
    {
      Effect: "Deny",
      Action: [...UNTAGGED_CHANGES.other],
      Resource: untaggedChangeResources(p).other,
      Condition: { Null: noStackTag },
    },
    // Adding the stack tag to a resource that exists without it (not at its creation), EKS's
    // cluster security group of another cluster included (the environment's own cluster, named
    // like its prefix, is tagged by the program: components/cluster).
    // Network interfaces are left to the VPC CNI, which may tag its interfaces after creating
    // them: no fence above depends on their tag.
    {
      Effect: "Deny",
      Action: ["ec2:CreateTags", "elasticloadbalancing:AddTags"],
      NotResource: `arn:${p}:ec2:*:*:network-interface/*`,
      Condition: {
        "ForAnyValue:StringEquals": { "aws:TagKeys": [STACK_TAG] },
        Null: {
          [`aws:ResourceTag/${STACK_TAG}`]: "true",
          "ec2:CreateAction": "true",
          "elasticloadbalancing:CreateAction": "true",
        },
        // The exception: the group EKS creates for the environment's own cluster.
        StringNotEquals: { [`aws:ResourceTag/${EKS_SECURITY_GROUP_TAG}`]: scope.namePrefix },
      },
    },
    // Each action names one resource type, so one list of the environment's names serves all.
    {
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:CreatePolicy", "iam:CreateInstanceProfile", "iam:PassRole"],
      NotResource: ["role", "policy", "instance-profile"].map(iam),
    },
    {
      Effect: "Deny",
      Action: "iam:PassRole",
      Resource: "*",
      // Where the key is absent (some services do not set it, such as AddRoleToInstanceProfile's
      // check), the name fence above still holds.
      Condition: {
        StringNotEquals: { "iam:PassedToService": [...ENVIRONMENT_PASS_ROLE_SERVICES] },
        Null: { "iam:PassedToService": "false" },
      },
    },
    // Lambda (the receivers' relay) only on functions under the environment's prefix.
    {
      Effect: "Deny",
      Action: "lambda:*",
      NotResource: `arn:${p}:lambda:*:*:function:${scope.namePrefix}-*`,
    },
    {
      Effect: "Deny",
      Action: ["ssm:Put*", "ssm:Delete*", "ssm:GetParameter*", "ssm:*Tags*"],
      NotResource: [
        `arn:${p}:ssm:*:*:parameter${scope.feedbackKeyParameter}`,
        // Its own parameters (the receivers' token: components/receivers/names.ts).
        `arn:${p}:ssm:*:*:parameter/${scope.namePrefix}/*`,
        `arn:${p}:ssm:*::parameter/aws/service/*`,
      ],
    },
  ];
}
