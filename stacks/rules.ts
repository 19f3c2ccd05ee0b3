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

/** AWS region names such as `eu-west-1`, `us-gov-west-1`, `ap-southeast-5`. */
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

/** Go `time.ParseDuration` units as Flux accepts them, e.g. `1m`, `30s`, `1h30m`; must be > 0. */
export function goDuration(value: string): string | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) {
    return "not a Go duration (such as 30s, 1m, 1h30m)";
  }
  return durationSeconds(value) > 0 ? undefined : "must be greater than zero";
}

/** Seconds in a Go duration string already accepted by `goDuration`. */
export function durationSeconds(value: string): number {
  const unit: Record<string, number> = {
    ns: 1e-9,
    us: 1e-6,
    µs: 1e-6,
    ms: 1e-3,
    s: 1,
    m: 60,
    h: 3600,
  };
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(m[1]) * unit[m[2]];
  }
  return total;
}

/** AWS tag key/value limits (128/256 characters; `aws:` is reserved). */
export function tag(key: string, value: unknown): string | undefined {
  if (typeof value !== "string") return "tag values must be strings";
  if (key.length < 1 || key.length > 128) return "tag keys are 1 to 128 characters";
  if (/^aws:/i.test(key)) return "tag keys starting with aws: are reserved by AWS";
  if (value.length > 256) return "tag values are at most 256 characters";
  return undefined;
}
