/**
 * Rows of the fence tables (components/deployments/fences.ts): what a role of environment `env`
 * with `Action: *` in its own policy still cannot do under its boundary (the review's attack
 * rows), and what it still may.
 */
import { STACK_TAG } from "../../../components/aws";
import type { TableRow } from "../../helpers/iam";
import { A, R, created, ec2, iamArn, owned, row } from "./iam-rows";

export const elb = (path: string) => `arn:aws:elasticloadbalancing:${R}:${A}:${path}`;
export const ssm = (name: string) => `arn:aws:ssm:${R}:${A}:parameter${name}`;
export const eksGroup = { "aws:ResourceTag/aws:eks:cluster-name": "c" };
export const addsStackTag = (stack: string) => ({ ...created(stack), "aws:TagKeys": [STACK_TAG] });

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
    // The receivers' relay runs with an own role (components/receivers).
    row(
      "allow",
      "pass an own role to Lambda",
      "iam:PassRole",
      iamArn(`role/gitops-${env}-node-1`),
      {
        ...owned(env),
        "iam:PassedToService": "lambda.amazonaws.com",
      },
    ),
    row("deny", "pass an own role to Glue", "iam:PassRole", iamArn(`role/gitops-${env}-node-1`), {
      ...owned(env),
      "iam:PassedToService": "glue.amazonaws.com",
    }),
    row("deny", "pass a role outside the prefix", "iam:PassRole", iamArn("role/ops-x"), {
      ...owned(env),
      "iam:PassedToService": "eks.amazonaws.com",
    }),
  ];
}
