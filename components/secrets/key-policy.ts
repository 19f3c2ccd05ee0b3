/**
 * The key policy of an environment's SOPS key: who may manage it, who may encrypt with it, and the
 * one identity that may decrypt (the environment's kustomize-controller). Pure: ARNs in, document
 * out; test/components/secrets/key-policy.spec.ts evaluates it with an allow/deny table.
 *
 * KMS reads the key policy first: an IAM policy counts only where the key policy allows the account
 * (its `root` principal) that action (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html).
 * So the account gets the key *management* actions only (AWS requires a policy its owner can still
 * change: the PutKeyPolicy "lockout safety check",
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key),
 * never a cryptographic action or a grant: no IAM policy, however broad (AdministratorAccess,
 * PowerUserAccess), lets anyone else decrypt. What remains: an administrator may rewrite this policy
 * with PutKeyPolicy, which CloudTrail records; that is the management AWS insists on.
 */
import type { PolicyDocument, PolicyStatement } from "../aws";

/**
 * Key management without use: no Encrypt/Decrypt/ReEncrypt/GenerateDataKey, no CreateGrant (a grant
 * could hand decryption to anyone). What the Pulumi AWS provider calls to create, read, update and
 * delete the key and its alias, plus enabling, rotating and tagging it.
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
 */
export const KEY_MANAGEMENT_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

/**
 * What `sops encrypt` calls with a KMS master key: `Encrypt` of the file's data key
 * (getsops/sops v3.13.2 `kms/keysource.go`, `MasterKey.Encrypt`). DescribeKey lets people check
 * which key an ARN or alias names. Editing an existing file (`sops edit`) would need Decrypt, which
 * only the cluster has: a person replaces a secret by encrypting a new file.
 */
export const ENCRYPT_ACTIONS = ["kms:Encrypt", "kms:DescribeKey"] as const;

/** What kustomize-controller calls to decrypt a SOPS file (`MasterKey.Decrypt`, same file). */
export const DECRYPT_ACTIONS = ["kms:Decrypt"] as const;

/** Actions that reveal plaintext: denied to everyone but the decrypting role. */
const PLAINTEXT_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"] as const;

export interface SopsKeyPolicyInput {
  /** AWS account that owns the key (its administrators manage it). */
  readonly accountId: string;
  /** The IRSA role of the environment's kustomize-controller: the only identity that decrypts. */
  readonly decryptRoleArn: string;
  /** IAM roles or users that may encrypt secrets for this environment (may be empty). */
  readonly encryptPrincipalArns: readonly string[];
  /** AWS partition of the ARNs (`aws`, `aws-cn`, `aws-us-gov`). Default `aws`. */
  readonly partition?: string;
}

export function sopsKeyPolicy(input: SopsKeyPolicyInput): PolicyDocument {
  if (!/^\d{12}$/.test(input.accountId)) {
    throw new Error(
      `sopsKeyPolicy: accountId ${JSON.stringify(input.accountId)} is not 12 digits.`,
    );
  }
  const arnOk = (a: string) => /^arn:aws[\w-]*:iam::\d{12}:(role|user)\/\S+$/.test(a);
  for (const arn of [input.decryptRoleArn, ...input.encryptPrincipalArns]) {
    if (!arnOk(arn)) {
      throw new Error(`sopsKeyPolicy: ${JSON.stringify(arn)} is not an IAM role or user ARN.`);
    }
  }
  const root = `arn:${input.partition ?? "aws"}:iam::${input.accountId}:root`;
  const encrypters = [...new Set(input.encryptPrincipalArns)].sort();
  const statements: PolicyStatement[] = [
    {
      Sid: "AccountManagesKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: [...KEY_MANAGEMENT_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "FluxDecrypts",
      Effect: "Allow",
      Principal: { AWS: input.decryptRoleArn },
      Action: [...DECRYPT_ACTIONS],
      Resource: "*",
    },
    ...(encrypters.length === 0
      ? []
      : [
          {
            Sid: "PeopleEncrypt",
            Effect: "Allow" as const,
            Principal: { AWS: encrypters },
            Action: [...ENCRYPT_ACTIONS],
            Resource: "*",
          },
        ]),
    {
      // Belt and braces for a later edit of this policy: plaintext reaches no one else, whatever
      // an Allow above or an IAM policy says. `aws:PrincipalArn` of an assumed-role session is
      // the role's ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
      Sid: "NoPlaintextForOthers",
      Effect: "Deny",
      Principal: "*",
      Action: [...PLAINTEXT_ACTIONS],
      Resource: "*",
      Condition: { ArnNotEquals: { "aws:PrincipalArn": input.decryptRoleArn } },
    },
    {
      Sid: "NoGrants",
      Effect: "Deny",
      Principal: "*",
      Action: ["kms:CreateGrant"],
      Resource: "*",
    },
  ];
  return { Version: "2012-10-17", Statement: statements };
}
