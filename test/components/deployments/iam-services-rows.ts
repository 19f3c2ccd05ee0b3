/**
 * Rows of the environment IAM tables for the `services` policy (environment-services.ts): own
 * queue, rules, instance profile, feedback key, certificate, validation record, cluster security
 * group tag and drain deletes allowed; another environment's denied.
 */
import { STACK_TAG } from "../../../components/aws";
import type { TableRow } from "../../helpers/iam";
import { created, ec2, iamArn, owned, R, A, row } from "./iam-rows";

const sqs = (name: string) => `arn:aws:sqs:${R}:${A}:${name}`;
const rule = (name: string) => `arn:aws:events:${R}:${A}:rule/${name}`;
const ssm = (env: string) =>
  `arn:aws:ssm:${R}:${A}:parameter/gitops-shared/deployment-feedback/keys/${env}`;
const cert = (id: string) => `arn:aws:acm:${R}:${A}:certificate/${id}`;
const zone = `arn:aws:route53:::hostedzone/Z0123456789`;

function record(name: string, type = "CNAME") {
  return {
    "route53:ChangeResourceRecordSetsNormalizedRecordNames": [name],
    "route53:ChangeResourceRecordSetsRecordTypes": [type],
    "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
  };
}

export function servicesRows(env: string, other: string): TableRow[] {
  const mine = owned(env);
  const theirs = owned(other);
  const discovery = (value: string, cluster: string) => ({
    "aws:RequestTag/karpenter.sh/discovery": value,
    "aws:TagKeys": ["karpenter.sh/discovery"],
    "aws:ResourceTag/aws:eks:cluster-name": cluster,
  });
  return [
    row(
      "allow",
      "create own queue",
      "sqs:CreateQueue",
      sqs(`gitops-${env}-karpenter`),
      created(env),
    ),
    row("deny", "queue for another environment", "sqs:CreateQueue", sqs("q"), created(other)),
    row("deny", "untagged queue", "sqs:CreateQueue", sqs("q")),
    row("allow", "set own queue's policy", "sqs:SetQueueAttributes", sqs("q"), mine),
    row("deny", "another environment's queue policy", "sqs:SetQueueAttributes", sqs("q2"), theirs),
    row("deny", "delete another environment's queue", "sqs:DeleteQueue", sqs("q2"), theirs),
    row("deny", "read messages of own queue", "sqs:ReceiveMessage", sqs("q"), mine),
    row("deny", "untag own queue's stack tag", "sqs:UntagQueue", sqs("q"), {
      ...mine,
      "aws:TagKeys": [STACK_TAG],
    }),
    row("allow", "create own rule", "events:PutRule", rule("r-1"), created(env)),
    row("allow", "target own rule", "events:PutTargets", rule("r-1"), mine),
    row("deny", "rewrite another environment's rule", "events:PutRule", rule("r-2"), theirs),
    row("deny", "retarget another environment's rule", "events:PutTargets", rule("r-2"), theirs),
    row("deny", "a rule on another bus", "events:PutRule", `arn:aws:events:${R}:${A}:rule/b/r`),
    row(
      "allow",
      "own instance profile",
      "iam:CreateInstanceProfile",
      iamArn("instance-profile/p-1"),
      created(env),
    ),
    row(
      "allow",
      "add own role to it",
      "iam:AddRoleToInstanceProfile",
      iamArn("instance-profile/p-1"),
      mine,
    ),
    row("allow", "which passes the role", "iam:PassRole", iamArn("role/node-1"), mine),
    row("deny", "pass another environment's role", "iam:PassRole", iamArn("role/node-2"), theirs),
    row("deny", "pass own role to Lambda", "iam:PassRole", iamArn("role/node-1"), {
      ...mine,
      "iam:PassedToService": "lambda.amazonaws.com",
    }),
    row(
      "deny",
      "another environment's instance profile",
      "iam:RemoveRoleFromInstanceProfile",
      iamArn("instance-profile/p-2"),
      theirs,
    ),
    row("allow", "write own feedback key", "ssm:PutParameter", ssm(env)),
    row("allow", "read own feedback key", "ssm:GetParameter", ssm(env), mine),
    row("allow", "tag own feedback key", "ssm:AddTagsToResource", ssm(env), created(env)),
    row("deny", "read another environment's key", "ssm:GetParameter", ssm(other), theirs),
    row("deny", "overwrite another environment's key", "ssm:PutParameter", ssm(other)),
    row("deny", "delete another environment's key", "ssm:DeleteParameter", ssm(other)),
    row(
      "deny",
      "another parameter",
      "ssm:GetParameter",
      `arn:aws:ssm:${R}:${A}:parameter/db/password`,
    ),
    row("allow", "request own certificate", "acm:RequestCertificate", "*", created(env)),
    row(
      "deny",
      "certificate for another environment",
      "acm:RequestCertificate",
      "*",
      created(other),
    ),
    row(
      "deny",
      "delete another environment's certificate",
      "acm:DeleteCertificate",
      cert("c2"),
      theirs,
    ),
    row(
      "deny",
      "export another environment's certificate",
      "acm:ExportCertificate",
      cert("c2"),
      theirs,
    ),
    row(
      "allow",
      "ACM validation record",
      "route53:ChangeResourceRecordSets",
      zone,
      record("_abc.example.com"),
    ),
    row(
      "deny",
      "point the apex elsewhere",
      "route53:ChangeResourceRecordSets",
      zone,
      record("example.com", "A"),
    ),
    row(
      "deny",
      "a CNAME outside validation",
      "route53:ChangeResourceRecordSets",
      zone,
      record("www.example.com"),
    ),
    row("deny", "a change without record names", "route53:ChangeResourceRecordSets", zone),
    row("deny", "delete a hosted zone", "route53:DeleteHostedZone", zone),
    row(
      "allow",
      "tag own new key",
      "kms:TagResource",
      `arn:aws:kms:${R}:${A}:key/k1`,
      created(env),
    ),
    row(
      "deny",
      "tag another environment's key",
      "kms:TagResource",
      `arn:aws:kms:${R}:${A}:key/k2`,
      {
        ...theirs,
        ...created(env),
      },
    ),
    row(
      "allow",
      "discovery tag on own cluster's group",
      "ec2:CreateTags",
      ec2("security-group", "sg-1"),
      discovery(`gitops-${env}`, `gitops-${env}`),
    ),
    row(
      "deny",
      "point another cluster's group at own Karpenter",
      "ec2:CreateTags",
      ec2("security-group", "sg-2"),
      discovery(`gitops-${env}`, `gitops-${other}`),
    ),
    row("deny", "remove a discovery tag", "ec2:DeleteTags", ec2("security-group", "sg-2"), {
      ...discovery(`gitops-${other}`, `gitops-${other}`),
    }),
    row("deny", "another tag on an EKS group", "ec2:CreateTags", ec2("security-group", "sg-2"), {
      "aws:RequestTag/Name": "x",
      "aws:TagKeys": ["Name", "karpenter.sh/discovery"],
      "aws:RequestTag/karpenter.sh/discovery": `gitops-${other}`,
      "aws:ResourceTag/aws:eks:cluster-name": `gitops-${other}`,
    }),
    row(
      "allow",
      "drain: a CNI interface",
      "ec2:DeleteNetworkInterface",
      ec2("network-interface", "eni-1"),
      {
        "aws:ResourceTag/cluster.k8s.amazonaws.com/name": `gitops-${env}`,
      },
    ),
    row(
      "deny",
      "drain: any other interface",
      "ec2:DeleteNetworkInterface",
      ec2("network-interface", "eni-2"),
    ),
    row(
      "allow",
      "drain: own controller's group",
      "ec2:DeleteSecurityGroup",
      ec2("security-group", "sg-3"),
      {
        "aws:ResourceTag/elbv2.k8s.aws/cluster": `gitops-${env}`,
        "aws:ResourceTag/gitops-platform:environment": env,
      },
    ),
    row(
      "deny",
      "drain: another environment's controller group",
      "ec2:DeleteSecurityGroup",
      ec2("security-group", "sg-4"),
      {
        "aws:ResourceTag/elbv2.k8s.aws/cluster": `gitops-${other}`,
        "aws:ResourceTag/gitops-platform:environment": other,
      },
    ),
    row(
      "deny",
      "drain: an untagged group",
      "ec2:DeleteSecurityGroup",
      ec2("security-group", "sg-5"),
    ),
  ];
}
