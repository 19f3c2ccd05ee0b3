/**
 * Calls of the environment stack's own resource types (not EC2/EKS children of remote
 * components, network.ts and cluster.ts): SQS, SSM, KMS, ACM, Route 53, EKS add-ons and access
 * entries, the Karpenter discovery tag, flow logs.
 */
import { created, passRole } from "./delivery";
import { arns, on, physicalName, type Call, type CallsOf, type Scope, type Target } from "./types";

/** The EKS cluster name of the stack (the pulumi-eks Cluster's `name`). */
export function clusterNameOf(s: Scope): string {
  const c = s.targets.find((t) => t.type === "eks:index:Cluster");
  if (!c || typeof c.inputs.name !== "string") throw new Error("no eks:index:Cluster with a name");
  return c.inputs.name;
}

export function clusterArn(s: Scope, name = clusterNameOf(s)): string {
  return arns(s).regional("eks", `cluster/${name}`);
}

/** A call that adds something to the cluster: it needs the cluster's tag and the request's. */
export function addToCluster(t: Target, s: Scope, action: string): Call {
  return {
    phase: "create",
    action,
    resource: clusterArn(s),
    requestTags: t.tags,
    resourceTags: s.defaultTags,
  };
}

function queueArn(s: Scope, name: string): string {
  return arns(s).regional("sqs", name);
}

export const RUNTIME_CALLS: Readonly<Record<string, CallsOf>> = {
  "aws:sqs/queue:Queue": (t, s) => {
    const arn = queueArn(s, physicalName(t));
    return [
      // "To tag a queue on creation, you must have sqs:CreateQueue and sqs:TagQueue".
      ...created(t, arn, "sqs:CreateQueue", "sqs:TagQueue"),
      ...on(arn, t.tags, [
        ["read", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"],
        ["update", "sqs:SetQueueAttributes"],
        ["tag", "sqs:TagQueue", "sqs:UntagQueue"],
        ["delete", "sqs:DeleteQueue"],
      ]),
    ];
  },
  "aws:sqs/queuePolicy:QueuePolicy": (t, s) => {
    const arn = queueArn(s, String(t.inputs.queueUrl).split("/").pop()!);
    return on(arn, s.defaultTags, [
      ["create", "sqs:SetQueueAttributes"],
      ["read", "sqs:GetQueueAttributes"],
      ["delete", "sqs:SetQueueAttributes"],
    ]);
  },
  "aws:ssm/parameter:Parameter": (t, s) => {
    const name = physicalName(t);
    const arn = arns(s).regional("ssm", `parameter${name.startsWith("/") ? "" : "/"}${name}`);
    return [
      ...created(t, arn, "ssm:PutParameter", "ssm:AddTagsToResource"),
      ...on(arn, t.tags, [
        ["read", "ssm:GetParameter", "ssm:ListTagsForResource"],
        ["update", "ssm:PutParameter"],
        ["tag", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"],
        ["delete", "ssm:DeleteParameter"],
      ]),
      ...on("*", undefined, [["read", "ssm:DescribeParameters"]]),
    ];
  },
  "aws:kms/key:Key": (t, s) => {
    const arn = arns(s).regional("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
    return [
      ...created(t, "*", "kms:CreateKey"),
      // CreateKey's Tags: "you must have kms:TagResource permission in an IAM policy".
      ...created(t, arn, "kms:TagResource"),
      ...on(arn, t.tags, [
        ["create", "kms:EnableKeyRotation"],
        [
          "read",
          "kms:DescribeKey",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:ListResourceTags",
        ],
        ["update", "kms:UpdateKeyDescription", "kms:PutKeyPolicy", "kms:EnableKeyRotation"],
        ["tag", "kms:TagResource", "kms:UntagResource"],
        ["delete", "kms:ScheduleKeyDeletion"],
      ]),
    ];
  },
  "aws:kms/alias:Alias": (t, s) => {
    const alias = arns(s).regional("kms", physicalName(t));
    const key = arns(s).regional("kms", `key/${String(t.inputs.targetKeyId)}`);
    return [
      ...on(alias, undefined, [
        ["create", "kms:CreateAlias"],
        ["update", "kms:UpdateAlias"],
        ["delete", "kms:DeleteAlias"],
      ]),
      // CreateAlias, UpdateAlias and DeleteAlias are authorized on the key too.
      ...on(key, s.defaultTags, [
        ["create", "kms:CreateAlias"],
        ["update", "kms:UpdateAlias"],
        ["delete", "kms:DeleteAlias"],
      ]),
      ...on("*", undefined, [["read", "kms:ListAliases"]]),
    ];
  },
  "aws:acm/certificate:Certificate": (t, s) => {
    const arn = arns(s).regional("acm", "certificate/12345678-1234-1234-1234-123456789012");
    return [
      ...created(t, "*", "acm:RequestCertificate"),
      ...created(t, arn, "acm:AddTagsToCertificate"),
      ...on(arn, t.tags, [
        ["read", "acm:DescribeCertificate", "acm:ListTagsForCertificate"],
        ["tag", "acm:AddTagsToCertificate", "acm:RemoveTagsFromCertificate"],
        ["delete", "acm:DeleteCertificate"],
      ]),
    ];
  },
  "aws:acm/certificateValidation:CertificateValidation": (t, s) =>
    on(String(t.inputs.certificateArn), s.defaultTags, [["create", "acm:DescribeCertificate"]]),
  "aws:route53/record:Record": (t, s) => {
    const zone = `arn:${s.partition}:route53:::hostedzone/${String(t.inputs.zoneId)}`;
    const change = (action: string) => ({
      "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
        String(t.inputs.name).replace(/\.$/, "").toLowerCase(),
      ],
      "route53:ChangeResourceRecordSetsRecordTypes": [String(t.inputs.type)],
      "route53:ChangeResourceRecordSetsActions": [action],
    });
    return [
      ...(["create", "update"] as const).map((phase): Call => ({
        phase,
        action: "route53:ChangeResourceRecordSets",
        resource: zone,
        context: change(t.inputs.allowOverwrite ? "UPSERT" : "CREATE"),
      })),
      {
        phase: "delete",
        action: "route53:ChangeResourceRecordSets",
        resource: zone,
        context: change("DELETE"),
      },
      ...on(zone, undefined, [["read", "route53:ListResourceRecordSets"]]),
      ...on(`arn:${s.partition}:route53:::change/C0123456789ABCDEFGHIJ`, undefined, [
        ["create", "route53:GetChange"],
      ]),
    ];
  },
  "aws:eks/addon:Addon": (t, s) => {
    const cluster = String(t.inputs.clusterName);
    const arn = arns(s).regional("eks", `addon/${cluster}/${String(t.inputs.addonName)}/uuid`);
    return [
      addToCluster(t, s, "eks:CreateAddon"),
      ...passRole(t.inputs.serviceAccountRoleArn, "eks.amazonaws.com", "create"),
      ...passRole(t.inputs.serviceAccountRoleArn, "eks.amazonaws.com", "update"),
      ...on(arn, t.tags, [
        ["read", "eks:DescribeAddon"],
        ["update", "eks:UpdateAddon"],
        ["tag", "eks:TagResource", "eks:UntagResource"],
        ["delete", "eks:DeleteAddon"],
      ]),
      ...on("*", undefined, [["read", "eks:DescribeAddonVersions"]]),
    ];
  },
  "aws:eks/accessEntry:AccessEntry": (t, s) => accessEntryCalls(t, s),
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": (t, s) =>
    on(accessEntryArn(s, String(t.inputs.principalArn)), s.defaultTags, [
      ["create", "eks:AssociateAccessPolicy"],
      ["read", "eks:ListAssociatedAccessPolicies"],
      ["delete", "eks:DisassociateAccessPolicy"],
    ]),
  // The cluster security group is EKS's own: tagged by EKS with the cluster name, not by the stack.
  "aws:ec2/tag:Tag": (t, s) => {
    const arn = arns(s).regional("ec2", `security-group/${String(t.inputs.resourceId)}`);
    const requestTags = { [String(t.inputs.key)]: String(t.inputs.value) };
    const resourceTags = { "aws:eks:cluster-name": clusterNameOf(s) };
    return [
      ...(["create", "update"] as const).map((phase): Call => ({
        phase,
        action: "ec2:CreateTags",
        resource: arn,
        requestTags,
        resourceTags,
      })),
      { phase: "delete", action: "ec2:DeleteTags", resource: arn, requestTags, resourceTags },
      ...on("*", undefined, [["read", "ec2:DescribeTags"]]),
    ];
  },
  "aws:ec2/flowLog:FlowLog": (t, s) => {
    const vpc = arns(s).regional("ec2", `vpc/${String(t.inputs.vpcId)}`);
    const log = arns(s).regional("ec2", "vpc-flow-log/fl-0123456789abcdef0");
    return [
      ...created(t, log, "ec2:CreateFlowLogs", "ec2:CreateTags").map((c) =>
        c.action === "ec2:CreateTags"
          ? { ...c, context: { "ec2:CreateAction": "CreateFlowLogs" } }
          : c,
      ),
      {
        phase: "create",
        action: "ec2:CreateFlowLogs",
        resource: vpc,
        requestTags: t.tags,
        resourceTags: s.defaultTags,
      },
      ...passRole(t.inputs.iamRoleArn, "vpc-flow-logs.amazonaws.com", "create"),
      ...on("*", undefined, [["read", "ec2:DescribeFlowLogs"]]),
      ...on(log, t.tags, [["delete", "ec2:DeleteFlowLogs"]]),
    ];
  },
};

/** ARN of the access entry of `principalArn` (a role) on the stack's cluster. */
function accessEntryArn(s: Scope, principalArn: string): string {
  const role = principalArn.split(":role/").pop()!.split("/").pop()!;
  return arns(s).regional(
    "eks",
    `access-entry/${clusterNameOf(s)}/role/${s.accountId}/${role}/uuid`,
  );
}

function accessEntryCalls(t: Target, s: Scope): Call[] {
  const arn = accessEntryArn(s, String(t.inputs.principalArn));
  return [
    addToCluster(t, s, "eks:CreateAccessEntry"),
    ...on(arn, t.tags, [
      ["read", "eks:DescribeAccessEntry"],
      ["update", "eks:UpdateAccessEntry"],
      ["tag", "eks:TagResource", "eks:UntagResource"],
      ["delete", "eks:DeleteAccessEntry"],
    ]),
  ];
}
