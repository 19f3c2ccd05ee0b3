/**
 * The IAM permissions of the AWS Load Balancer Controller, after the policy its maintainers
 * publish for the commercial `aws` partition in kubernetes-sigs/aws-load-balancer-controller
 * `docs/install/iam_policy.json` (unchanged from 2025-03-27 through v3.5.0, 2026-08-03), confined
 * to one cluster. Upstream only asks that a resource carry the tag `elbv2.k8s.aws/cluster` (any
 * value), which every cluster's controller puts on what it creates, and leaves listeners, rules,
 * target registration and security-group ingress unconditioned: a second cluster's controller in
 * the account could change the first one's load balancers. Here:
 * - every write names this cluster: `elbv2.k8s.aws/cluster = <cluster>`, the value the controller
 *   writes on its load balancers, target groups, security groups, listeners and rules
 *   (v3.5.0 `pkg/deploy/tracking/provider.go`; listeners and rules are tagged while the
 *   `ListenerRulesTagging` feature gate is on, its default: `pkg/config/feature_gates.go`);
 * - ingress rules on the nodes' security group only where EKS tagged it
 *   `kubernetes.io/cluster/<cluster>` (the controller picks that group: `pkg/networking/
 *   networking_manager.go`, resolveEndpointSGForENI);
 * - SetRulePriorities, which takes no condition key, only on the rules of the one ALB the
 *   IngressClass creates (`appsLoadBalancerName`);
 * - no WAF, WAF Classic or Shield actions: the chart's enableWaf, enableWafv2 and enableShield
 *   are off (gitops/flux-repo/infrastructure/controllers/aws-load-balancer-controller.yaml), and
 *   wafv2:DisassociateWebACL or shield:DeleteProtection cannot be confined by tag.
 * To update: compare with upstream's file at the controller version the GitOps layer installs.
 * The China, GovCloud and ISO partitions have their own files and are not covered.
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/
 */
import type { PolicyDocument, ServiceAccountRef } from "../aws";

/** The service account the controller's Helm chart creates, and the IRSA trust names. */
export const LB_CONTROLLER_SERVICE_ACCOUNT: ServiceAccountRef = {
  namespace: "kube-system",
  name: "aws-load-balancer-controller",
};

/** The tag the controller puts on everything it creates, valued with the cluster's name. */
export const LB_CLUSTER_TAG = "elbv2.k8s.aws/cluster";

export interface LbControllerScope {
  /** EKS cluster name: the controller's `clusterName`, the value of its cluster tag. */
  readonly clusterName: string;
  /** Name of the ALB of the cluster's IngressClass (IngressClassParams `loadBalancerName`). */
  readonly appsLoadBalancerName: string;
}

const SECURITY_GROUPS = "arn:aws:ec2:*:*:security-group/*";
const TARGET_GROUPS = "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*";
const LOAD_BALANCERS = [
  TARGET_GROUPS,
  "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
  "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
];
const LISTENERS_AND_RULES = [
  "arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*",
  "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
  "arn:aws:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
  "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*",
];

const DESCRIBE = [
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
];

/** The policy of the controller of cluster `s.clusterName`. */
export function lbControllerPolicy(s: LbControllerScope): PolicyDocument {
  const ours = { [`aws:ResourceTag/${LB_CLUSTER_TAG}`]: s.clusterName };
  const taggedOurs = { [`aws:RequestTag/${LB_CLUSTER_TAG}`]: s.clusterName };
  // Tag changes on what is ours that leave the cluster tag alone (it cannot be moved or dropped).
  const keepsClusterTag = { [`aws:RequestTag/${LB_CLUSTER_TAG}`]: "true" };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ElbServiceLinkedRole",
        Effect: "Allow",
        Action: ["iam:CreateServiceLinkedRole"],
        Resource: "*",
        Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
      },
      { Sid: "Describe", Effect: "Allow", Action: DESCRIBE, Resource: "*" },
      {
        Sid: "Certificates",
        Effect: "Allow",
        Action: [
          "cognito-idp:DescribeUserPoolClient",
          "acm:ListCertificates",
          "acm:DescribeCertificate",
          "iam:ListServerCertificates",
          "iam:GetServerCertificate",
        ],
        Resource: "*",
      },
      {
        Sid: "CreateSecurityGroupInAnyVpc",
        Effect: "Allow",
        Action: ["ec2:CreateSecurityGroup"],
        Resource: "arn:aws:ec2:*:*:vpc/*",
      },
      {
        Sid: "CreateTaggedSecurityGroup",
        Effect: "Allow",
        Action: ["ec2:CreateSecurityGroup"],
        Resource: SECURITY_GROUPS,
        Condition: { StringEquals: taggedOurs },
      },
      {
        Sid: "TagNewSecurityGroup",
        Effect: "Allow",
        Action: ["ec2:CreateTags"],
        Resource: SECURITY_GROUPS,
        Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup", ...taggedOurs } },
      },
      {
        Sid: "RetagOwnedSecurityGroup",
        Effect: "Allow",
        Action: ["ec2:CreateTags", "ec2:DeleteTags"],
        Resource: SECURITY_GROUPS,
        Condition: { StringEquals: ours, Null: keepsClusterTag },
      },
      {
        Sid: "ManageOwnedSecurityGroup",
        Effect: "Allow",
        Action: [
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:RevokeSecurityGroupIngress",
          "ec2:DeleteSecurityGroup",
        ],
        Resource: SECURITY_GROUPS,
        Condition: { StringEquals: ours },
      },
      {
        // The nodes' group (EKS's cluster security group): traffic from the load balancers.
        Sid: "NodeSecurityGroupIngress",
        Effect: "Allow",
        Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
        Resource: SECURITY_GROUPS,
        Condition: {
          StringEquals: {
            [`aws:ResourceTag/kubernetes.io/cluster/${s.clusterName}`]: ["owned", "shared"],
          },
        },
      },
      {
        Sid: "CreateTaggedLoadBalancer",
        Effect: "Allow",
        Action: [
          "elasticloadbalancing:CreateLoadBalancer",
          "elasticloadbalancing:CreateTargetGroup",
        ],
        Resource: "*",
        Condition: { StringEquals: taggedOurs },
      },
      {
        Sid: "TagOnCreate",
        Effect: "Allow",
        Action: ["elasticloadbalancing:AddTags"],
        Resource: LOAD_BALANCERS,
        Condition: {
          StringEquals: {
            "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
            ...taggedOurs,
          },
        },
      },
      {
        // A new listener or rule has no tags yet; one of another cluster has that cluster's tag.
        // Our ALB's own ARN is here too (tagging it for this cluster is harmless): the reference
        // data the tests check against lists only Classic ELB's resource type for AddTags.
        Sid: "TagNewListenersAndRules",
        Effect: "Allow",
        Action: ["elasticloadbalancing:AddTags"],
        Resource: [
          ...LISTENERS_AND_RULES,
          `arn:aws:elasticloadbalancing:*:*:loadbalancer/app/${s.appsLoadBalancerName}/*`,
        ],
        Condition: {
          StringEquals: taggedOurs,
          Null: { [`aws:ResourceTag/${LB_CLUSTER_TAG}`]: "true" },
        },
      },
      {
        Sid: "RetagOwned",
        Effect: "Allow",
        Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        Resource: [...LOAD_BALANCERS, ...LISTENERS_AND_RULES],
        Condition: { StringEquals: ours, Null: keepsClusterTag },
      },
      {
        // On a load balancer (CreateListener), a listener (CreateRule and the listener's own
        // actions) or a rule: each carries the cluster tag.
        Sid: "ManageOwnedListenersAndRules",
        Effect: "Allow",
        Action: [
          "elasticloadbalancing:CreateListener",
          "elasticloadbalancing:DeleteListener",
          "elasticloadbalancing:ModifyListener",
          "elasticloadbalancing:AddListenerCertificates",
          "elasticloadbalancing:RemoveListenerCertificates",
          "elasticloadbalancing:CreateRule",
          "elasticloadbalancing:DeleteRule",
          "elasticloadbalancing:ModifyRule",
        ],
        Resource: "*",
        Condition: { StringEquals: ours },
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
        Condition: { StringEquals: ours },
      },
      {
        Sid: "RegisterTargets",
        Effect: "Allow",
        Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
        Resource: TARGET_GROUPS,
        Condition: { StringEquals: ours },
      },
      {
        // No condition key applies to SetRulePriorities: the rules of our ALB, by its name.
        Sid: "RulePrioritiesOfOurAlb",
        Effect: "Allow",
        Action: ["elasticloadbalancing:SetRulePriorities"],
        Resource: `arn:aws:elasticloadbalancing:*:*:listener-rule/app/${s.appsLoadBalancerName}/*/*/*`,
      },
    ],
  };
}

/** The policy as the compact JSON IAM stores (inline role policies allow 10,240 characters). */
export function lbControllerPolicyJson(s: LbControllerScope): string {
  return JSON.stringify(lbControllerPolicy(s));
}
