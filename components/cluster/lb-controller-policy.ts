/**
 * The IAM permissions of the AWS Load Balancer Controller, as its maintainers publish them for the
 * commercial `aws` partition in kubernetes-sigs/aws-load-balancer-controller
 * `docs/install/iam_policy.json` (unchanged from 2025-03-27 through v3.5.0, 2026-08-03). Kept in
 * code rather than fetched at deploy time, so a deploy never depends on GitHub and a change shows
 * up as a reviewed diff. To update: compare with that file at the controller version the GitOps
 * layer installs. The China, GovCloud and ISO partitions have their own files and are not covered.
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/
 */
import type { ServiceAccountRef } from "../aws";

/** The service account the controller's Helm chart creates, and the IRSA trust names. */
export const LB_CONTROLLER_SERVICE_ACCOUNT: ServiceAccountRef = {
  namespace: "kube-system",
  name: "aws-load-balancer-controller",
};

type ConditionBlock = Readonly<Record<string, string | readonly string[]>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<{
    StringEquals?: ConditionBlock;
    Null?: ConditionBlock;
  }>;
}

export interface LbControllerPolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** The tag the controller puts on everything it creates; most write actions require it. */
const CLUSTER_TAG = "elbv2.k8s.aws/cluster";
const requestTagged = { [`aws:RequestTag/${CLUSTER_TAG}`]: "false" } as const;
const resourceTagged = { [`aws:ResourceTag/${CLUSTER_TAG}`]: "false" } as const;
/** Changing tags on a resource the controller owns, without touching the cluster tag itself. */
const ownedTagChange = {
  [`aws:RequestTag/${CLUSTER_TAG}`]: "true",
  [`aws:ResourceTag/${CLUSTER_TAG}`]: "false",
} as const;

const SECURITY_GROUPS = "arn:aws:ec2:*:*:security-group/*";
const TARGET_GROUPS = "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*";
const LOAD_BALANCERS = [
  TARGET_GROUPS,
  "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
  "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
];

export const LB_CONTROLLER_POLICY: LbControllerPolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "ElbServiceLinkedRole",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: "*",
      Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
    },
    {
      Sid: "Describe",
      Effect: "Allow",
      Action: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "ec2:GetSecurityGroupsForVpc",
        "ec2:DescribeIpamPools",
        "ec2:DescribeRouteTables",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation",
      ],
      Resource: "*",
    },
    {
      Sid: "CertificatesWafShieldCognito",
      Effect: "Allow",
      Action: [
        "cognito-idp:DescribeUserPoolClient",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource",
        "waf-regional:AssociateWebACL",
        "waf-regional:DisassociateWebACL",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
        "wafv2:AssociateWebACL",
        "wafv2:DisassociateWebACL",
        "shield:GetSubscriptionState",
        "shield:DescribeProtection",
        "shield:CreateProtection",
        "shield:DeleteProtection",
      ],
      Resource: "*",
    },
    {
      Sid: "SecurityGroupIngress",
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      Resource: "*",
    },
    {
      Sid: "CreateSecurityGroup",
      Effect: "Allow",
      Action: ["ec2:CreateSecurityGroup"],
      Resource: "*",
    },
    {
      Sid: "TagNewSecurityGroup",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: SECURITY_GROUPS,
      Condition: {
        StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" },
        Null: requestTagged,
      },
    },
    {
      Sid: "RetagOwnedSecurityGroup",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: SECURITY_GROUPS,
      Condition: { Null: ownedTagChange },
    },
    {
      Sid: "ManageOwnedSecurityGroup",
      Effect: "Allow",
      Action: [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:DeleteSecurityGroup",
      ],
      Resource: "*",
      Condition: { Null: resourceTagged },
    },
    {
      Sid: "CreateTaggedLoadBalancer",
      Effect: "Allow",
      Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      Resource: "*",
      Condition: { Null: requestTagged },
    },
    {
      Sid: "ListenersAndRules",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
      ],
      Resource: "*",
    },
    {
      Sid: "RetagOwnedLoadBalancer",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: LOAD_BALANCERS,
      Condition: { Null: ownedTagChange },
    },
    {
      Sid: "TagListenersAndRules",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: [
        "arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*",
        "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
        "arn:aws:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
        "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*",
      ],
    },
    {
      Sid: "ManageOwnedLoadBalancer",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      Resource: "*",
      Condition: { Null: resourceTagged },
    },
    {
      Sid: "TagOnCreate",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags"],
      Resource: LOAD_BALANCERS,
      Condition: {
        StringEquals: {
          "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
        },
        Null: requestTagged,
      },
    },
    {
      Sid: "RegisterTargets",
      Effect: "Allow",
      Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      Resource: TARGET_GROUPS,
    },
    {
      Sid: "ModifyListenersAndRules",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      Resource: "*",
    },
  ],
};

/** The policy as the compact JSON IAM stores (inline role policies allow 10,240 characters). */
export function lbControllerPolicyJson(): string {
  return JSON.stringify(LB_CONTROLLER_POLICY);
}
