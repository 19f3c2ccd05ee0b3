/**
 * Value rules shared by the runtime and delivery settings: AWS name formats, ARNs, durations.
 * Each returns a reason (what is wrong) or undefined. Sources are cited where AWS documents a limit.
 */

/** CloudWatch Logs retention values (PutRetentionPolicy `retentionInDays`). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

export function logRetention(days: number): string | undefined {
  return (LOG_RETENTION_DAYS as readonly number[]).includes(days)
    ? undefined
    : `not a CloudWatch Logs retention value (allowed: ${LOG_RETENTION_DAYS.join(", ")})`;
}

/** AWS region names such as `eu-west-1`, `ap-southeast-5`. */
export function region(value: string): string | undefined {
  return /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(value)
    ? undefined
    : "not an AWS region name (such as us-east-1)";
}

/** Prefix of physical names: lower-case letters, digits and hyphens, 3 to 20 characters. */
export function namePrefix(value: string): string | undefined {
  return /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/.test(value)
    ? undefined
    : "must be 3 to 20 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen (it prefixes S3, IAM and EKS names)";
}

/** EKS cluster name: 1-100 characters, `^[0-9A-Za-z][A-Za-z0-9\-_]*$` (EKS CreateCluster API). */
export function eksClusterName(value: string): string | undefined {
  return /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(value)
    ? undefined
    : "not an EKS cluster name (1 to 100 letters, digits, hyphens or underscores, starting with a letter or digit)";
}

/** CodeCommit repository name: up to 100 of `[\w.-]`, not ending in `.git` (CodeCommit quotas). */
export function codeCommitRepoName(value: string): string | undefined {
  return /^[\w.-]{1,100}$/.test(value) && !/\.git$/i.test(value)
    ? undefined
    : "not a CodeCommit repository name (1 to 100 letters, digits, '.', '_' or '-', not ending in .git)";
}

/** ECR repository name (CreateRepository API pattern), 2 to 256 characters. */
export function ecrRepoName(value: string): string | undefined {
  return /^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(
    value,
  )
    ? undefined
    : "not an ECR repository name (lower-case letters and digits separated by '.', '_', '-' or '/', 2 to 256 characters)";
}

/** Git branch name as `git check-ref-format --branch` accepts it (the common subset). */
export function branchName(value: string): string | undefined {
  const bad =
    value === "" ||
    value.startsWith("-") ||
    value.startsWith("/") ||
    value.endsWith("/") ||
    value.endsWith(".") ||
    value.endsWith(".lock") ||
    value.includes("..") ||
    value.includes("//") ||
    value.includes("@{") ||
    /[\s~^:?*[\\\x00-\x1f\x7f]/.test(value);
  return bad ? "not a valid git branch name" : undefined;
}

export function accountId(value: string): string | undefined {
  return /^\d{12}$/.test(value) ? undefined : "not a 12-digit AWS account ID";
}

/** IAM role or user ARN (access entries take IAM principals). */
export function iamPrincipalArn(value: string): string | undefined {
  return /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@\-/]{1,512}$/.test(value)
    ? undefined
    : "not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)";
}

/** EC2 instance type such as `t3.large`, `m6i.2xlarge`, `c7gn.metal`, `u-6tb1.112xlarge`. */
export function instanceType(value: string): string | undefined {
  return /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|metal(-\d+xl)?|\d*xlarge)$/.test(
    value,
  )
    ? undefined
    : "not an EC2 instance type (family.size, such as t3.large)";
}

/**
 * Flux durations: the pattern of every `interval` and `timeout` field in the Flux CRDs,
 * `^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$` (fluxcd/source-controller
 * config/crd/bases/source.toolkit.fluxcd.io_gitrepositories.yaml, fluxcd/kustomize-controller
 * config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml, both at main 2026). Go's
 * `ParseDuration` also takes `ns`, `us`, `µs`, but the API server refuses those. Must be > 0.
 */
export const FLUX_DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

export function fluxDuration(value: string): string | undefined {
  if (!FLUX_DURATION_PATTERN.test(value)) {
    return "not a duration the Flux CRDs accept (digits with ms, s, m or h, such as 30s, 1m, 1h30m)";
  }
  return durationSeconds(value) > 0 ? undefined : "must be greater than zero";
}

/** Seconds in a duration already accepted by `fluxDuration`. */
export function durationSeconds(value: string): number {
  const unit: Record<string, number> = { ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/**
 * AWS tags (Tagging AWS resources, "Tag naming limits and requirements",
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html): keys 1-128 and values
 * 0-256 Unicode characters of letters, digits, spaces and `_ . : / = + - @` (the set every service
 * accepts; EC2 alone allows more), and keys starting with `aws:` are AWS's own.
 */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function tag(key: string, value: unknown): string | undefined {
  if (typeof value !== "string") return "tag values must be strings";
  const keyLength = [...key].length;
  if (keyLength < 1 || keyLength > 128) return "tag keys are 1 to 128 characters";
  if (/^aws:/i.test(key)) return "tag keys starting with aws: are reserved by AWS";
  if (!TAG_TEXT.test(key))
    return "tag keys may hold letters, digits, spaces and _ . : / = + - @ only";
  if ([...value].length > 256) return "tag values are at most 256 characters";
  if (!TAG_TEXT.test(value))
    return "tag values may hold letters, digits, spaces and _ . : / = + - @ only";
  return undefined;
}

/**
 * A Kubernetes label or taint key: an optional DNS-subdomain prefix (up to 253 characters) and
 * `/`, then a name of up to 63 characters, alphanumeric at both ends with `-`, `_`, `.` inside
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
 * EKS also caps the whole key at 63 characters (API_CreateNodegroup `labels`, API_Taint `key`).
 */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function kubernetesKey(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !DNS_SUBDOMAIN.test(prefix))
    return "the prefix before / must be a DNS subdomain (lower-case letters, digits, '-' and '.')";
  if (!LABEL_NAME.test(name))
    return "the name must be 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  if (key.length > 63) return "EKS allows keys of at most 63 characters";
  return undefined;
}

/** A Kubernetes label value: empty, or up to 63 characters like a key's name. */
export function kubernetesLabelValue(value: unknown): string | undefined {
  if (typeof value !== "string") return "values must be strings (quote numbers and booleans)";
  return value === "" || LABEL_NAME.test(value)
    ? undefined
    : "values are up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
}
