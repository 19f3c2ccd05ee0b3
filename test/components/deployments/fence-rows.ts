/**
 * Rows of the fence tables (components/deployments/fences.ts): what a role of environment `env`
 * with `Action: *` in its own policy still cannot do under its boundary (the review's attack
 * rows), and what it still may.
 */
import { STACK_TAG } from "../../../components/aws";
import type { TableRow } from "../../helpers/iam";
import { A, R, created, ec2, iamArn, owned, row } from "./iam-rows";

const elb = (path: string) => `arn:aws:elasticloadbalancing:${R}:${A}:${path}`;
const ssm = (name: string) => `arn:aws:ssm:${R}:${A}:parameter${name}`;
const eksGroup = { "aws:ResourceTag/aws:eks:cluster-name": "c" };
const addsStackTag = (stack: string) => ({ ...created(stack), "aws:TagKeys": [STACK_TAG] });

/** Attacks of the review (must be denied) for `env`, with `other` another environment. */
export function attackRows(
  env: string,
  other: string,
  delivery: string,
  boundaryArn: string,
): TableRow[] {
  const withBoundary = { ...created(env), "iam:PermissionsBoundary": boundaryArn };
  const key = (stack: string) => ssm(`/gitops-shared/deployment-feedback/keys/${stack}`);
  return [
    row("deny", "swap a source zip", "s3:PutObject", "arn:aws:s3:::gitops-shared-a/src.zip"),
    row("deny", "read a source zip", "s3:GetObject", "arn:aws:s3:::gitops-shared-a/src.zip"),
    row("deny", "terminate an untagged node", "ec2:TerminateInstances", ec2("instance", "i-9")),
    row(
      "deny",
      "rewrite an untagged node's user data",
      "ec2:ModifyInstanceAttribute",
      ec2("instance", "i-9"),
    ),
    row(
      "deny",
      "another environment's node",
      "ec2:TerminateInstances",
      ec2("instance", "i-2"),
      owned(other),
    ),
    row("deny", "delete an untagged volume", "ec2:DeleteVolume", ec2("volume", "vol-9")),
    row("deny", "detach an untagged volume", "ec2:DetachVolume", ec2("volume", "vol-9")),
    row("deny", "attach an untagged volume", "ec2:AttachVolume", ec2("volume", "vol-9")),
    row("deny", "snapshot an untagged volume", "ec2:CreateSnapshot", ec2("volume", "vol-9")),
    row(
      "deny",
      "open an untagged security group",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group", "sg-9"),
    ),
    row(
      "deny",
      "close an untagged security group",
      "ec2:RevokeSecurityGroupEgress",
      ec2("security-group", "sg-9"),
    ),
    row(
      "deny",
      "modify an untagged listener",
      "elasticloadbalancing:ModifyListener",
      elb("listener/app/p/1/2"),
    ),
    row(
      "deny",
      "a rule on an untagged listener (redirect its traffic)",
      "elasticloadbalancing:CreateRule",
      elb("listener/app/p/1/2"),
      created(env),
    ),
    row(
      "deny",
      "a listener on an untagged load balancer",
      "elasticloadbalancing:CreateListener",
      elb("loadbalancer/app/p/1"),
      created(env),
    ),
    row(
      "deny",
      "delete an untagged load balancer",
      "elasticloadbalancing:DeleteLoadBalancer",
      elb("loadbalancer/app/p/1"),
    ),
    row(
      "deny",
      "register targets in an untagged group",
      "elasticloadbalancing:RegisterTargets",
      elb("targetgroup/p/1"),
    ),
    row(
      "deny",
      "adopt an untagged instance",
      "ec2:CreateTags",
      ec2("instance", "i-9"),
      addsStackTag(env),
    ),
    row(
      "deny",
      "adopt EKS's cluster group of another cluster",
      "ec2:CreateTags",
      ec2("security-group", "sg-eks2"),
      { ...addsStackTag(env), ...eksGroup },
    ),
    row(
      "deny",
      "adopt an untagged volume",
      "ec2:CreateTags",
      ec2("volume", "vol-9"),
      addsStackTag(env),
    ),
    row(
      "deny",
      "adopt an untagged load balancer",
      "elasticloadbalancing:AddTags",
      elb("loadbalancer/app/p/1"),
      addsStackTag(env),
    ),
    row(
      "deny",
      "the connection secret (Pulumi token)",
      "secretsmanager:GetSecretValue",
      `arn:aws:secretsmanager:${R}:${A}:secret:events!connection/gitops-shared-x`,
    ),
    row(
      "deny",
      "forge a Deployment Status Change",
      "events:PutEvents",
      `arn:aws:events:${R}:${A}:event-bus/default`,
    ),
    row("deny", "write another environment's feedback key", "ssm:PutParameter", key(other)),
    row("deny", "create a key of an environment not deployed yet", "ssm:PutParameter", key("qa")),
    row("deny", "delete another environment's key", "ssm:DeleteParameter", key(other)),
    row(
      "deny",
      "read another environment's feedback key",
      "ssm:GetParameter",
      key(other),
      owned(other),
    ),
    row("deny", "run commands on nodes", "ssm:SendCommand", ec2("instance", "i-9")),
    row(
      "deny",
      "the shared stack's Lambda",
      "lambda:UpdateFunctionCode",
      `arn:aws:lambda:${R}:${A}:function:gitops-${delivery}-x`,
    ),
    row(
      "deny",
      "the shared stack's ledger",
      "dynamodb:PutItem",
      `arn:aws:dynamodb:${R}:${A}:table/gitops-shared-deployments`,
    ),
    row(
      "deny",
      "start a build",
      "codebuild:StartBuild",
      `arn:aws:codebuild:${R}:${A}:project/gitops-shared-x`,
    ),
    row(
      "deny",
      "a pipeline",
      "codepipeline:UpdatePipeline",
      `arn:aws:codepipeline:${R}:${A}:gitops-shared-x`,
    ),
    row(
      "deny",
      "delete a hosted zone",
      "route53:DeleteHostedZone",
      "arn:aws:route53:::hostedzone/Z1",
    ),
    row(
      "deny",
      "scale a node group's group to zero",
      "autoscaling:UpdateAutoScalingGroup",
      `arn:aws:autoscaling:${R}:${A}:autoScalingGroup:1:autoScalingGroupName/eks-p`,
    ),
    row(
      "deny",
      "squat another environment's role name",
      "iam:CreateRole",
      iamArn(`role/gitops-${other}-lb-controller`),
      withBoundary,
    ),
    row("deny", "a role outside the prefix", "iam:CreateRole", iamArn("role/Admin2"), withBoundary),
    row(
      "deny",
      "squat a policy name",
      "iam:CreatePolicy",
      iamArn(`policy/gitops-${other}-x`),
      created(env),
    ),
    row(
      "deny",
      "squat an instance profile",
      "iam:CreateInstanceProfile",
      iamArn(`instance-profile/gitops-${other}-node`),
      created(env),
    ),
    row("deny", "pass an own role to Lambda", "iam:PassRole", iamArn(`role/gitops-${env}-node-1`), {
      ...owned(env),
      "iam:PassedToService": "lambda.amazonaws.com",
    }),
    row("deny", "pass a role outside the prefix", "iam:PassRole", iamArn("role/ops-x"), {
      ...owned(env),
      "iam:PassedToService": "eks.amazonaws.com",
    }),
  ];
}

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
