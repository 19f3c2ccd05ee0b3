/**
 * No wildcard actions: an Allow statement may not grant `*`, `<service>:*` or everything but a
 * list (`NotAction`), and no role may hold an AWS managed policy that does, outside the listed
 * exceptions. Deny statements may use wildcards (denying broadly is the point).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { jsonInput, type Props } from "../stack";

/** Resource types and the inputs that hold an IAM policy document. */
export const POLICY_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:iam/policy:Policy": ["policy"],
  "aws:iam/rolePolicy:RolePolicy": ["policy"],
  "aws:iam/userPolicy:UserPolicy": ["policy"],
  "aws:iam/groupPolicy:GroupPolicy": ["policy"],
  "aws:iam/role:Role": ["assumeRolePolicy"],
  "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
  "aws:ecr/repositoryPolicy:RepositoryPolicy": ["policy"],
  "aws:kms/key:Key": ["policy"],
  "aws:sqs/queuePolicy:QueuePolicy": ["policy"],
  "aws:sns/topicPolicy:TopicPolicy": ["policy"],
};

/** Attachments of managed policies, and the input naming the policy. */
const ATTACHMENTS: Readonly<Record<string, string>> = {
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
  "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
};

/** AWS managed policies that allow `*` or `<service>:*` actions. */
export const WILDCARD_MANAGED_POLICY =
  /:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|.*FullAccess)$/;

/**
 * The exceptions, each with the reason AWS imposes it. A permissions boundary is a ceiling that
 * grants nothing by itself; the environments' boundary (components/deployments/boundary.ts)
 * caps roles that carry AWS managed policies (the EKS cluster and node roles), whose action lists
 * AWS maintains, so its ceiling is `*` and its explicit denies are the wall.
 */
export const WILDCARD_EXCEPTIONS: readonly { type: string; sid: string; reason: string }[] = [
  {
    type: "aws:iam/policy:Policy",
    sid: "Ceiling",
    reason:
      "permissions boundary ceiling over AWS managed policies of the EKS roles; its denies confine",
  },
];

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
}

/** The wildcard grants of a document (`Sid: reason`), exceptions left out. */
export function wildcardGrants(type: string, document: unknown): string[] {
  const statements = (document as { Statement?: Statement | Statement[] })?.Statement ?? [];
  const list = Array.isArray(statements) ? statements : [statements];
  return list.flatMap((s, i) => {
    if (s.Effect !== "Allow") return [];
    if (WILDCARD_EXCEPTIONS.some((e) => e.type === type && e.sid === s.Sid)) return [];
    const name = s.Sid ?? `statement ${i}`;
    if (s.NotAction !== undefined) return [`${name} allows NotAction`];
    const actions = [s.Action ?? []].flat();
    const wild = actions.filter((a) => a === "*" || /^[A-Za-z0-9-]+:\*$/.test(a));
    return wild.length > 0 ? [`${name} allows ${wild.join(", ")}`] : [];
  });
}

export const noWildcardActions: ResourceValidationPolicy = {
  name: "no-wildcard-actions",
  description:
    "IAM Allow statements list their actions: no `*`, `<service>:*` or NotAction, and no AWS managed policy that grants them, outside the listed exceptions.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const props = args.props as Props;
    for (const input of POLICY_INPUTS[args.type] ?? []) {
      if (props[input] === undefined) continue;
      for (const grant of wildcardGrants(args.type, jsonInput(props[input]))) {
        reportViolation(`${input}: ${grant}; list the actions the resource needs.`);
      }
    }
    const attached = ATTACHMENTS[args.type];
    if (attached && WILDCARD_MANAGED_POLICY.test(String(props[attached] ?? ""))) {
      reportViolation(
        `attaches ${props[attached]}, which allows wildcard actions; attach a policy that lists them.`,
      );
    }
  },
};
