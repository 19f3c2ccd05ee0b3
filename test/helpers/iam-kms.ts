/**
 * KMS key policies for the allow/deny tables: the key policy decides first, and IAM identity
 * policies count only where it delegates to the account. Built on the evaluator of iam.ts (its
 * statement matching, operators and identity decisions), tested in iam.spec.ts.
 */
import type { PolicyDocument, PolicyStatement } from "../../components/aws";
import { evaluate, statementMatches, type Decision, type IamRequest } from "./iam";

/** Who calls KMS: an IAM role or user (by ARN; a role session is its role) and its policies. */
export interface KmsCaller {
  readonly arn: string;
  /** The caller's identity policies (none: it relies on the key policy alone). */
  readonly identity?: readonly PolicyDocument[];
}

/** How a key-policy statement's principal names `caller`: itself, its account (root), or not. */
function keyPrincipal(s: PolicyStatement, caller: KmsCaller): "self" | "account" | "none" {
  if (s.Principal === undefined)
    throw new Error("IAM evaluator: key policy statement without Principal");
  if (s.Principal === "*") return "self";
  const account = caller.arn.split(":")[4];
  const partition = caller.arn.split(":")[1];
  let found: "self" | "account" | "none" = "none";
  const named = s.Principal.AWS;
  for (const p of named === undefined ? [] : Array.isArray(named) ? named : [named]) {
    if (p === "*" || p === caller.arn) return "self";
    if (p === account || p === `arn:${partition}:iam::${account}:root`) found = "account";
  }
  return found;
}

/**
 * The decision for `caller`'s request on a KMS key whose key policy is `keyPolicy`, in the key's
 * own account, as KMS documents it (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-key-policy.html,
 * key-policy-default.html "Allows access to the AWS account and enables IAM policies"):
 * - an explicit Deny, in the key policy (naming the caller, its account or `*`) or in the
 *   caller's identity policies, wins;
 * - a key-policy Allow that names the caller (or `*`) allows by itself;
 * - a key-policy Allow that names the account (`arn:aws:iam::<account>:root` or the account ID)
 *   only delegates to IAM: the caller's identity policies must allow the request too;
 * - anything else, an identity policy on its own included, is an implicit deny.
 * `aws:PrincipalArn` and `aws:PrincipalAccount` are set from the caller, as AWS sets them.
 */
export function evaluateKms(
  request: IamRequest,
  caller: KmsCaller,
  keyPolicy: PolicyDocument,
): Decision {
  const context = {
    "aws:PrincipalArn": caller.arn,
    "aws:PrincipalAccount": caller.arn.split(":")[4],
    ...request.context,
  };
  const req = { ...request, context };
  const matching = keyPolicy.Statement.flatMap((s) => {
    const how = keyPrincipal(s, caller);
    // The principal is decided above; the rest (action, resource, conditions) as for IAM.
    const rest = { ...s };
    delete rest.Principal;
    return how !== "none" && statementMatches(rest, req) ? [{ s, how }] : [];
  });
  const identity = evaluate(req, caller.identity ?? []);
  if (matching.some((m) => m.s.Effect === "Deny") || identity === "explicit-deny") {
    return "explicit-deny";
  }
  const allows = matching.filter((m) => m.s.Effect === "Allow");
  if (allows.some((m) => m.how === "self")) return "allow";
  return allows.some((m) => m.how === "account") && identity === "allow"
    ? "allow"
    : "implicit-deny";
}

/** One row of a key-policy table: who asks, and what they must get. */
export interface KmsTableRow extends IamRequest {
  readonly caller: KmsCaller;
  readonly expect: Decision | "allow" | "deny";
  readonly why: string;
}

/** Rows of a key-policy table whose decision differs from the expected one. */
export function kmsTableFailures(
  rows: readonly KmsTableRow[],
  keyPolicy: PolicyDocument,
): string[] {
  return rows.flatMap((row) => {
    const got = evaluateKms(row, row.caller, keyPolicy);
    const ok = row.expect === "deny" ? got !== "allow" : got === row.expect;
    return ok
      ? []
      : [`${row.why}: ${row.caller.arn} ${row.action} -> ${got}, expected ${row.expect}`];
  });
}
