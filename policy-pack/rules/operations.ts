/**
 * Operations: logs expire on purpose, and what cannot be recreated is protected from
 * `pulumi destroy` in prod and shared stacks.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PROTECTED_PROFILES, stackProfile, type Props } from "../stack";

export const logRetentionSet: ResourceValidationPolicy = {
  name: "log-retention-set",
  description:
    "CloudWatch log groups set a retention (the default keeps logs, and their cost, forever).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return;
    const days = (args.props as Props).retentionInDays;
    if (typeof days !== "number" || days <= 0) {
      reportViolation(
        `retentionInDays is ${days ?? "not set"}; set a number of days CloudWatch Logs accepts.`,
      );
    }
  },
};

/**
 * Types whose loss loses data or identity: repositories (history, images), keys (what they
 * encrypted), logs (audit), buckets other than disposable ones (`forceDestroy`), tables, secrets.
 */
export const STATEFUL_TYPES: Readonly<Record<string, (p: Props) => boolean>> = {
  "aws:codecommit/repository:Repository": () => true,
  "aws:ecr/repository:Repository": () => true,
  "aws:kms/key:Key": () => true,
  "aws:cloudwatch/logGroup:LogGroup": () => true,
  "aws:s3/bucket:Bucket": (p) => p.forceDestroy !== true,
  "aws:s3/bucketV2:BucketV2": (p) => p.forceDestroy !== true,
  "aws:dynamodb/table:Table": () => true,
  "aws:secretsmanager/secret:Secret": () => true,
  "aws:efs/fileSystem:FileSystem": () => true,
  "aws:rds/instance:Instance": () => true,
  "aws:rds/cluster:Cluster": () => true,
};

export const protectStateful: StackValidationPolicy = {
  name: "protect-stateful-in-prod-and-shared",
  description: "In prod and shared stacks, stateful resources carry `protect`.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const profile = stackProfile(args.resources);
    if (!profile || !(PROTECTED_PROFILES as readonly string[]).includes(profile)) return;
    for (const r of args.resources) {
      const stateful = STATEFUL_TYPES[r.type];
      if (stateful?.(r.props as Props) && !r.opts.protect) {
        reportViolation(
          `${r.type} ${r.name} is stateful and not protected in a ${profile} stack; declare it with protect.`,
          r.urn,
        );
      }
    }
  },
};
