/**
 * The promotion path's names, shared by every part that must agree on them: the branches of
 * microservices-repo that each environment's Flux syncs, the branches promotions are proposed
 * from, and the ECR tag that keeps a promoted image from expiring.
 *
 * Layout (README "Promotion"): the first stage (dev) syncs the repository's default branch, which
 * its image automation writes; every later stage syncs `env/<environment>`, which only a merged
 * pull request changes (CodeCommit approval rule templates apply per destination branch, and IAM
 * can condition pushes and merges on `codecommit:References`, never on paths). A promotion to
 * `<environment>` is proposed from `promotion/<environment>`.
 */

/** Prefix of the branches later stages sync; no environment identity may write under it. */
export const ENVIRONMENT_BRANCH_PREFIX = "env/";
/** Prefix of the branches promotions are proposed from. */
export const PROMOTION_BRANCH_PREFIX = "promotion/";
/** Prefix of the extra ECR tag a promoted image carries; a lifecycle rule keeps such images. */
export const KEEP_TAG_PREFIX = "promoted-";

/** One stage of the promotion path, in order (the first is built into by image automation). */
export interface PromotionStage {
  readonly environment: string;
  /** Approvals a pull request into this stage needs (0 for the first stage). */
  readonly approvals: number;
  /** IAM principal ARNs (or ARN patterns) whose approvals count; empty: any principal allowed to approve. */
  readonly approvers: readonly string[];
}

/** The branch of microservices-repo that `environment` syncs. */
export function environmentBranch(
  stages: readonly PromotionStage[],
  environment: string,
  defaultBranch: string,
): string {
  const index = stages.findIndex((s) => s.environment === environment);
  if (index < 0) {
    throw new Error(
      `environment '${environment}' is not a stage of the promotion path (${stages.map((s) => s.environment).join(", ")})`,
    );
  }
  return index === 0 ? defaultBranch : `${ENVIRONMENT_BRANCH_PREFIX}${environment}`;
}

/** `refs/heads/<branch>`. */
export function branchRef(branch: string): string {
  return `refs/heads/${branch}`;
}

/** The branch a promotion into `environment` is proposed from. */
export function promotionBranch(environment: string): string {
  return `${PROMOTION_BRANCH_PREFIX}${environment}`;
}

/** The stage after `environment`, if any. */
export function nextStage(
  stages: readonly PromotionStage[],
  environment: string,
): PromotionStage | undefined {
  const index = stages.findIndex((s) => s.environment === environment);
  return index < 0 ? undefined : stages[index + 1];
}

/**
 * The keep tag of an image promoted into `environment`: `promoted-<environment>-<first 12 hex of
 * the digest>` (ECR tags: up to 300 of [a-zA-Z0-9-_.]).
 */
export function keepTag(environment: string, digest: string): string {
  const hex = /^sha256:([0-9a-f]{64})$/.exec(digest)?.[1];
  if (!hex) throw new Error(`not an image digest: '${digest}' (expected sha256:<64 hex>)`);
  return `${KEEP_TAG_PREFIX}${environment}-${hex.slice(0, 12)}`;
}
