/**
 * Rows of the fence tables (components/deployments/fences.ts): what the roles of environment
 * `env` still do under its boundary (must be allowed), with `Action: *` in their own policy.
 */
import type { TableRow } from "../../helpers/iam";
import { addsStackTag, eksGroup, elb, ssm } from "./fence-rows";
import { A, R, created, ec2, iamArn, owned, row } from "./iam-rows";

/** What an environment's roles still do (must be allowed). */
export function legitimateRows(env: string, boundaryArn: string): TableRow[] {
  const mine = owned(env);
  return [
    row(
      "allow",
      "the VPC CNI tags its interface",
      "ec2:CreateTags",
      ec2("network-interface", "eni-1"),
      {
        ...addsStackTag(env),
      },
    ),
    // Fenced on the volume only: a node the controllers did not tag still takes its volumes.
    row("allow", "EBS CSI attaches to a node", "ec2:AttachVolume", ec2("instance", "i-9")),
    row(
      "allow",
      "Karpenter ends its own node",
      "ec2:TerminateInstances",
      ec2("instance", "i-1"),
      mine,
    ),
    row(
      "allow",
      "launch a node (no tag yet)",
      "ec2:RunInstances",
      ec2("instance", "*"),
      created(env),
    ),
    row("allow", "tag a node at launch", "ec2:CreateTags", ec2("instance", "*"), {
      ...addsStackTag(env),
      "ec2:CreateAction": "RunInstances",
    }),
    row("allow", "EBS CSI creates a volume", "ec2:CreateVolume", ec2("volume", "*"), created(env)),
    row("allow", "EBS CSI attaches its volume", "ec2:AttachVolume", ec2("volume", "vol-1"), mine),
    row("allow", "EBS CSI deletes its volume", "ec2:DeleteVolume", ec2("volume", "vol-1"), mine),
    row(
      "allow",
      "open its own security group",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group", "sg-1"),
      mine,
    ),
    row(
      "allow",
      "a new rule (no tags)",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group-rule", "*"),
    ),
    row(
      "allow",
      "the LB controller opens the EKS cluster group",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group", "sg-eks"),
      eksGroup,
    ),
    row(
      "allow",
      "tag the EKS cluster group (Karpenter discovery)",
      "ec2:CreateTags",
      ec2("security-group", "sg-eks"),
      { ...eksGroup, "aws:TagKeys": ["karpenter.sh/discovery"] },
    ),
    row(
      "allow",
      "VpcDrain deletes a leftover controller group",
      "ec2:DeleteSecurityGroup",
      ec2("security-group", "sg-9"),
    ),
    row(
      "allow",
      "VpcDrain deletes a leftover interface",
      "ec2:DeleteNetworkInterface",
      ec2("network-interface", "eni-9"),
    ),
    row(
      "allow",
      "create a load balancer",
      "elasticloadbalancing:CreateLoadBalancer",
      elb("loadbalancer/app/d/*"),
      created(env),
    ),
    row(
      "allow",
      "tag it at creation",
      "elasticloadbalancing:AddTags",
      elb("loadbalancer/app/d/*"),
      { ...addsStackTag(env), "elasticloadbalancing:CreateAction": "CreateLoadBalancer" },
    ),
    row(
      "allow",
      "a rule on its own listener",
      "elasticloadbalancing:CreateRule",
      elb("listener/app/d/1/2"),
      { ...created(env), ...mine },
    ),
    row(
      "allow",
      "modify its own listener",
      "elasticloadbalancing:ModifyListener",
      elb("listener/app/d/1/2"),
      mine,
    ),
    row("allow", "own role name", "iam:CreateRole", iamArn(`role/gitops-${env}-lb-controller`), {
      ...created(env),
      "iam:PermissionsBoundary": boundaryArn,
    }),
    row(
      "allow",
      "own instance profile",
      "iam:CreateInstanceProfile",
      iamArn(`instance-profile/gitops-${env}-node-1`),
      created(env),
    ),
    row(
      "allow",
      "Karpenter passes its node role to EC2",
      "iam:PassRole",
      iamArn(`role/gitops-${env}-karpenter-node-1`),
      { ...mine, "iam:PassedToService": "ec2.amazonaws.com" },
    ),
    row(
      "allow",
      "its role into its instance profile (PassRole without a service)",
      "iam:PassRole",
      iamArn(`role/gitops-${env}-karpenter-node-1`),
      mine,
    ),
    row(
      "allow",
      "write its own feedback key",
      "ssm:PutParameter",
      ssm(`/gitops-shared/deployment-feedback/keys/${env}`),
      created(env),
    ),
    row(
      "allow",
      "Karpenter reads AMI parameters",
      "ssm:GetParameter",
      `arn:aws:ssm:${R}::parameter/aws/service/eks/optimized-ami/x`,
    ),
    row(
      "allow",
      "Karpenter's interruption queue",
      "sqs:ReceiveMessage",
      `arn:aws:sqs:${R}:${A}:gitops-${env}-k`,
      mine,
    ),
    row(
      "allow",
      "Karpenter's interruption rule",
      "events:PutRule",
      `arn:aws:events:${R}:${A}:rule/gitops-${env}-k`,
      created(env),
    ),
    row(
      "allow",
      "external-dns changes records",
      "route53:ChangeResourceRecordSets",
      "arn:aws:route53:::hostedzone/Z1",
    ),
    row("allow", "a certificate", "acm:RequestCertificate", "*", created(env)),
    row(
      "allow",
      "nodes pull images",
      "ecr:GetDownloadUrlForLayer",
      `arn:aws:ecr:${R}:${A}:repository/front-end`,
      owned("shared"),
    ),
    row(
      "allow",
      "Flux pulls flux-repo",
      "codecommit:GitPull",
      `arn:aws:codecommit:${R}:${A}:flux-repo`,
      owned("shared"),
    ),
    row("allow", "Karpenter's prices", "pricing:GetProducts", "*"),
  ];
}
