/**
 * Rows of the environment IAM tables: shared ARN and context builders, and what an
 * environment's Deployments role may do to resources (EC2, EKS, KMS, CloudWatch Logs).
 */
import { STACK_TAG } from "../../../components/aws";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import type { TableRow } from "../../helpers/iam";

export const A = MOCK_ACCOUNT;
export const R = "us-east-1";
export const created = (stack: string) => ({ [`aws:RequestTag/${STACK_TAG}`]: stack });
export const owned = (stack: string) => ({ [`aws:ResourceTag/${STACK_TAG}`]: stack });
export const ec2 = (type: string, id: string) => `arn:aws:ec2:${R}:${A}:${type}/${id}`;
export const eks = (path: string) => `arn:aws:eks:${R}:${A}:${path}`;
export const iamArn = (path: string) => `arn:aws:iam::${A}:${path}`;
export const repo = (name: string) => `arn:aws:codecommit:${R}:${A}:${name}`;

export function row(
  expect: TableRow["expect"],
  why: string,
  action: string,
  resource: string,
  context: TableRow["context"] = {},
): TableRow {
  return { expect, why, action, resource, context };
}

/** Resources: own environment allowed, `other` environment and untagged denied. */
export function resourceRows(env: string, other: string): TableRow[] {
  const mine = owned(env);
  const theirs = owned(other);
  return [
    // Create, with the request tag; never with another stack's tag or none.
    row("allow", "create own VPC", "ec2:CreateVpc", ec2("vpc", "*"), created(env)),
    row(
      "deny",
      "VPC tagged for another environment",
      "ec2:CreateVpc",
      ec2("vpc", "*"),
      created(other),
    ),
    row("deny", "untagged VPC", "ec2:CreateVpc", ec2("vpc", "*")),
    row(
      "allow",
      "subnet in own VPC: the subnet",
      "ec2:CreateSubnet",
      ec2("subnet", "*"),
      created(env),
    ),
    row("allow", "subnet in own VPC: the VPC", "ec2:CreateSubnet", ec2("vpc", "vpc-1"), {
      ...created(env),
      ...mine,
    }),
    row("deny", "subnet in another environment's VPC", "ec2:CreateSubnet", ec2("vpc", "vpc-2"), {
      ...created(env),
      ...theirs,
    }),
    row(
      "deny",
      "NAT gateway in another environment's subnet",
      "ec2:CreateNatGateway",
      ec2("subnet", "s-2"),
      { ...created(env), ...theirs },
    ),
    row("allow", "tag on create", "ec2:CreateTags", ec2("security-group", "*"), {
      ...created(env),
      "ec2:CreateAction": "CreateSecurityGroup",
    }),
    row("deny", "tag another environment's subnet", "ec2:CreateTags", ec2("subnet", "s-2"), {
      ...theirs,
      ...created(env),
    }),
    row("deny", "retag own VPC to another environment", "ec2:CreateTags", ec2("vpc", "vpc-1"), {
      ...mine,
      ...created(other),
    }),
    row("deny", "remove the stack tag", "ec2:DeleteTags", ec2("vpc", "vpc-1"), {
      ...mine,
      "aws:TagKeys": [STACK_TAG],
    }),
    row("allow", "remove another tag", "ec2:DeleteTags", ec2("vpc", "vpc-1"), {
      ...mine,
      "aws:TagKeys": ["Name"],
    }),
    // Change and delete own resources only.
    row(
      "allow",
      "open own security group",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group", "sg-1"),
      mine,
    ),
    row("allow", "its rule", "ec2:AuthorizeSecurityGroupIngress", ec2("security-group-rule", "*")),
    row(
      "deny",
      "open another environment's security group",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group", "sg-2"),
      theirs,
    ),
    row("allow", "delete own VPC", "ec2:DeleteVpc", ec2("vpc", "vpc-1"), mine),
    row("deny", "delete another environment's VPC", "ec2:DeleteVpc", ec2("vpc", "vpc-2"), theirs),
    row("deny", "delete an untagged VPC", "ec2:DeleteVpc", ec2("vpc", "vpc-3")),
    row(
      "deny",
      "route another environment's traffic",
      "ec2:CreateRoute",
      ec2("route-table", "rtb-2"),
      theirs,
    ),
    row("deny", "run an instance", "ec2:RunInstances", ec2("instance", "*"), created(env)),
    row("allow", "create own cluster", "eks:CreateCluster", "*", created(env)),
    row("deny", "cluster tagged for another environment", "eks:CreateCluster", "*", created(other)),
    row("allow", "node group in own cluster", "eks:CreateNodegroup", eks(`cluster/c`), {
      ...created(env),
      ...mine,
    }),
    row(
      "deny",
      "node group in another environment's cluster",
      "eks:CreateNodegroup",
      eks(`cluster/p`),
      { ...created(env), ...theirs },
    ),
    row("allow", "change own cluster", "eks:UpdateClusterConfig", eks("cluster/c"), mine),
    row(
      "deny",
      "delete another environment's cluster",
      "eks:DeleteCluster",
      eks("cluster/p"),
      theirs,
    ),
    row(
      "allow",
      "access policy on own access entry",
      "eks:AssociateAccessPolicy",
      eks("access-entry/c/role/1/x/y"),
      mine,
    ),
    row(
      "deny",
      "admin on another environment's cluster",
      "eks:CreateAccessEntry",
      eks("cluster/p"),
      { ...created(env), ...theirs },
    ),
    row("allow", "own KMS key", "kms:CreateKey", "*", created(env)),
    row("allow", "EKS grant on own key", "kms:CreateGrant", `arn:aws:kms:${R}:${A}:key/k1`, mine),
    row(
      "deny",
      "delete another environment's key",
      "kms:ScheduleKeyDeletion",
      `arn:aws:kms:${R}:${A}:key/k2`,
      theirs,
    ),
    // Aliases have no tags: each alias call is authorized on the alias and on its key.
    row(
      "allow",
      "own alias: the alias",
      "kms:CreateAlias",
      `arn:aws:kms:${R}:${A}:alias/gitops-${env}-sops`,
    ),
    row("allow", "own alias: its key", "kms:CreateAlias", `arn:aws:kms:${R}:${A}:key/k1`, mine),
    row(
      "deny",
      "alias to another environment's key",
      "kms:CreateAlias",
      `arn:aws:kms:${R}:${A}:key/k2`,
      theirs,
    ),
    row(
      "deny",
      "repoint another environment's alias (its key)",
      "kms:UpdateAlias",
      `arn:aws:kms:${R}:${A}:key/k2`,
      theirs,
    ),
    row(
      "deny",
      "delete another environment's alias (its key)",
      "kms:DeleteAlias",
      `arn:aws:kms:${R}:${A}:key/k2`,
      theirs,
    ),
    row("deny", "alias to an untagged key", "kms:CreateAlias", `arn:aws:kms:${R}:${A}:key/k3`),
    row(
      "deny",
      "decrypt with another environment's key",
      "kms:Decrypt",
      `arn:aws:kms:${R}:${A}:key/k2`,
      theirs,
    ),
    row(
      "allow",
      "own log group",
      "logs:CreateLogGroup",
      `arn:aws:logs:${R}:${A}:log-group:/aws/eks/c/cluster`,
      created(env),
    ),
    row(
      "allow",
      "own retention",
      "logs:PutRetentionPolicy",
      `arn:aws:logs:${R}:${A}:log-group:/aws/eks/c/cluster`,
      mine,
    ),
    row(
      "deny",
      "another environment's logs",
      "logs:DeleteLogGroup",
      `arn:aws:logs:${R}:${A}:log-group:/aws/eks/p/cluster`,
      theirs,
    ),
  ];
}
