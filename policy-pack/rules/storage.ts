/**
 * Data at rest is encrypted, and images are immutable and scanned.
 * - S3: a bucket needs a server-side encryption configuration (in @pulumi/aws 7 a resource of its
 *   own that names the bucket; S3 has encrypted new objects with SSE-S3 by default since
 *   2023-01-05, the configuration states the choice and survives a change of that default).
 * - ECR: `encryptionConfigurations`; EKS: envelope encryption of secrets with a KMS key; SQS,
 *   SNS, EBS, EFS and RDS: their encryption switches.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
 */
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { Props } from "../stack";

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const BUCKET_ENCRYPTION = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

/** Per resource type: why its props leave data unencrypted, or undefined. */
const UNENCRYPTED: Readonly<Record<string, (p: Props) => string | undefined>> = {
  "aws:ecr/repository:Repository": (p) =>
    (p.encryptionConfigurations ?? []).length > 0 ? undefined : "no encryptionConfigurations",
  "eks:index:Cluster": (p) =>
    p.encryptionConfigKeyArn
      ? undefined
      : "Kubernetes secrets without envelope encryption (encryptionConfigKeyArn)",
  "aws:eks/cluster:Cluster": (p) =>
    p.encryptionConfig
      ? undefined
      : "Kubernetes secrets without envelope encryption (encryptionConfig)",
  "aws:sqs/queue:Queue": (p) =>
    p.sqsManagedSseEnabled === true || p.kmsMasterKeyId ? undefined : "no server-side encryption",
  "aws:sns/topic:Topic": (p) => (p.kmsMasterKeyId ? undefined : "no kmsMasterKeyId"),
  "aws:ebs/volume:Volume": (p) => (p.encrypted === true ? undefined : "encrypted is not true"),
  "aws:efs/fileSystem:FileSystem": (p) =>
    p.encrypted === true ? undefined : "encrypted is not true",
  "aws:rds/instance:Instance": (p) =>
    p.storageEncrypted === true ? undefined : "storageEncrypted is not true",
  "aws:rds/cluster:Cluster": (p) =>
    p.storageEncrypted === true ? undefined : "storageEncrypted is not true",
};

function encryptedBuckets(resources: readonly PolicyResource[]): Set<string> {
  const urns = new Set<string>();
  for (const r of resources.filter((x) => BUCKET_ENCRYPTION.includes(x.type))) {
    for (const dep of r.propertyDependencies.bucket ?? []) urns.add(dep.urn);
  }
  return urns;
}

export const encryptionAtRest: StackValidationPolicy = {
  name: "encryption-at-rest",
  description:
    "Stored data is encrypted: S3 buckets have an encryption configuration; ECR, EKS secrets, SQS, SNS, EBS, EFS and RDS turn encryption on.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const encrypted = encryptedBuckets(args.resources);
    for (const r of args.resources) {
      if (BUCKETS.includes(r.type)) {
        const inline = (r.props as Props).serverSideEncryptionConfiguration;
        if (!encrypted.has(r.urn) && !inline) {
          reportViolation(
            `S3 bucket ${r.name} has no server-side encryption configuration: declare an aws.s3.BucketServerSideEncryptionConfiguration for it.`,
            r.urn,
          );
        }
        continue;
      }
      const why = UNENCRYPTED[r.type]?.(r.props as Props);
      if (why) reportViolation(`${r.type} ${r.name}: ${why}.`, r.urn);
    }
  },
};

export const ecrImmutableAndScanned: ResourceValidationPolicy = {
  name: "ecr-immutable-and-scanned",
  description:
    "ECR repositories have immutable tags (a tag names one image, forever; at most named tags, " +
    "without wildcards, are excepted) and scan on push.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ecr/repository:Repository") return;
    const p = args.props as Props;
    // IMMUTABLE_WITH_EXCLUSION with exact tags only (a build cache's tag): every release tag
    // stays immutable; a wildcard could make a whole family of release tags mutable.
    const filters = (p.imageTagMutabilityExclusionFilters ?? []) as { filter?: string }[];
    const namedOnly =
      p.imageTagMutability === "IMMUTABLE_WITH_EXCLUSION" &&
      filters.length > 0 &&
      filters.every((f) => typeof f.filter === "string" && !f.filter.includes("*"));
    if (p.imageTagMutability !== "IMMUTABLE" && !namedOnly) {
      reportViolation(
        `imageTagMutability is ${p.imageTagMutability ?? "MUTABLE (the default)"}` +
          (p.imageTagMutability === "IMMUTABLE_WITH_EXCLUSION"
            ? " with a wildcard or no exclusion filter; except named tags only, or set IMMUTABLE."
            : "; set IMMUTABLE."),
      );
    }
    if (p.imageScanningConfiguration?.scanOnPush !== true) {
      reportViolation(
        "imageScanningConfiguration.scanOnPush is not true; scan every pushed image.",
      );
    }
  },
};
