/**
 * Registry: one private ECR repository per service, with scan on push, immutable tags, encryption
 * at rest, a lifecycle policy and (when environment accounts are listed) a cross-account pull policy.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/Repositories.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ImageRepositoryRef } from "./contract";
import { KEEP_TAG_PREFIX } from "../promotion";
import { CACHE_TAG } from "./buildspec";
import { tagSafeBranch } from "./image-tag";
import type { PolicyDocument } from "../aws";

export interface RegistryArgs {
  /** Service names; each is also its ECR repository name (validated by `stacks/rules.ts`). */
  readonly services: readonly string[];
  /** Days after which untagged images (e.g. layers of failed pushes) expire. Default profile: 7. */
  readonly untaggedExpiryDays: number;
  /** Images kept per branch prefix; older ones of that branch expire. Default profile: 30. */
  readonly keepImagesPerBranch: number;
  /** Branches whose images the keep-newest rule covers (tag prefix `<branch>-`). e.g. `[main]`. */
  readonly branches: readonly string[];
  /** Other AWS account IDs allowed to pull (environment accounts). Empty: no repository policy. */
  readonly pullAccountIds: readonly string[];
  /** Delete repositories that still hold images on destroy. Default false: images are releases. */
  readonly forceDelete: boolean;
  /** Protect the repositories from `pulumi destroy`. */
  readonly protect: boolean;
}

/** An ECR lifecycle policy document (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html). */
export interface LifecyclePolicyDocument {
  readonly rules: readonly {
    readonly rulePriority: number;
    readonly description: string;
    readonly selection: Record<string, unknown>;
    readonly action: { readonly type: "expire" };
  }[];
}

/**
 * How many promoted images (tag `promoted-<environment>-<digest>`, components/promotion) the keep
 * rule holds before the oldest of them may expire: ECR has no "never" (every rule expires what it
 * marks), so the keep rule expires only beyond this count, far more than any environment runs or
 * waits for. The same bound as `ecrKeepImagesPerBranch` (1 to 1000).
 */
export const PROMOTED_IMAGES_KEPT = 1000;

/**
 * Priority 1 keeps promoted images: an image a higher-priority rule selects is never expired by
 * a lower one (ECR "Lifecycle policy evaluation rules"), so an image that runs in, or waits for,
 * a later stage outlives the per-branch count. Then untagged images expire after
 * `untaggedExpiryDays`; for each branch, tagged images beyond the newest `keepImagesPerBranch`
 * whose tag starts with `<tag-safe branch>-` expire (the tag format of `image-tag.ts`). Images of
 * other branches are not touched. Priorities are unique and ascending.
 */
export function lifecyclePolicy(args: {
  untaggedExpiryDays: number;
  keepImagesPerBranch: number;
  branches: readonly string[];
}): LifecyclePolicyDocument {
  return {
    rules: [
      {
        rulePriority: 1,
        description: `Keep promoted images (${KEEP_TAG_PREFIX}*): they run in or wait for a later stage`,
        selection: {
          tagStatus: "tagged",
          tagPatternList: [`${KEEP_TAG_PREFIX}*`],
          countType: "imageCountMoreThan",
          countNumber: PROMOTED_IMAGES_KEPT,
        },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Expire untagged images after ${args.untaggedExpiryDays} days`,
        selection: {
          tagStatus: "untagged",
          countType: "sinceImagePushed",
          countUnit: "days",
          countNumber: args.untaggedExpiryDays,
        },
        action: { type: "expire" },
      },
      ...args.branches.map((branch, i) => ({
        rulePriority: i + 3,
        description: `Keep the newest ${args.keepImagesPerBranch} images of branch ${branch}`,
        selection: {
          tagStatus: "tagged",
          tagPrefixList: [`${tagSafeBranch(branch)}-`],
          countType: "imageCountMoreThan",
          countNumber: args.keepImagesPerBranch,
        },
        action: { type: "expire" as const },
      })),
    ],
  };
}

/** Actions an account needs to pull an image (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html). */
export const PULL_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
] as const;

/**
 * Repository policy letting the listed accounts pull (their own IAM policies then decide which of
 * their principals may). Undefined when no account is listed: same-account access needs no policy.
 */
export function pullPolicy(
  accountIds: readonly string[],
  partition = "aws",
): PolicyDocument | undefined {
  if (accountIds.length === 0) return undefined;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PullFromEnvironmentAccounts",
        Effect: "Allow",
        Principal: { AWS: accountIds.map((id) => `arn:${partition}:iam::${id}:root`) },
        Action: [...PULL_ACTIONS],
      },
    ],
  };
}

export class Registry extends pulumi.ComponentResource {
  /** ECR repositories by service name. */
  public readonly repositories: Readonly<Record<string, aws.ecr.Repository>>;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:delivery:Registry", name, {}, opts);
    const lifecycle = JSON.stringify(lifecyclePolicy(args));
    const pull = pullPolicy(args.pullAccountIds);
    const repositories: Record<string, aws.ecr.Repository> = {};
    for (const service of args.services) {
      const id = `${name}-${service.replace(/\//g, "-")}`;
      const repo = new aws.ecr.Repository(
        id,
        {
          name: service,
          // Tags are releases: `<branch>-<sha>-<build>` is never pushed twice with other content.
          // The one exception is the build cache's tag (buildspec.ts), moved by every build; a
          // filter without `*` matches that tag only (ECR API ImageTagMutabilityExclusionFilter;
          // @pulumi/aws 7.48 `imageTagMutabilityExclusionFilters`, type WILDCARD).
          imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
          imageTagMutabilityExclusionFilters: [{ filter: CACHE_TAG, filterType: "WILDCARD" }],
          imageScanningConfiguration: { scanOnPush: true },
          // AES256 (S3-managed keys) costs nothing; KMS would add $1/month per key plus requests.
          encryptionConfigurations: [{ encryptionType: "AES256" }],
          forceDelete: args.forceDelete,
        },
        { parent: this, protect: args.protect },
      );
      new aws.ecr.LifecyclePolicy(
        `${id}-lifecycle`,
        { repository: repo.name, policy: lifecycle },
        { parent: this },
      );
      if (pull) {
        new aws.ecr.RepositoryPolicy(
          `${id}-pull`,
          { repository: repo.name, policy: JSON.stringify(pull) },
          { parent: this },
        );
      }
      repositories[service] = repo;
    }
    this.repositories = repositories;
    this.registerOutputs({ repositories });
  }

  /** The stack-output view of the repositories, by service. */
  public refs(): pulumi.Output<Record<string, ImageRepositoryRef>> {
    const entries = Object.entries(this.repositories).map(([service, r]) =>
      pulumi
        .all([r.name, r.arn, r.repositoryUrl])
        .apply(([repoName, arn, url]) => [service, { name: repoName, arn, url }] as const),
    );
    return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
  }
}
