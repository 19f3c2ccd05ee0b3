/**
 * The image tag format, defined once: `<branch>-<short sha>-<build number>` (seed: `master-1f49071-24`).
 * The CodeBuild buildspec computes it with `imageTagShell`, and the Flux `ImagePolicy` selects the
 * newest with `imagePolicyFilter` (an anchored RE2 pattern with a named group, numerical order).
 */

/** Length of the short commit SHA in tags (`git rev-parse --short=7`). */
export const SHORT_SHA_LENGTH = 7;

/**
 * A branch name as it appears in a tag: Docker tags allow `[A-Za-z0-9_.-]` (max 128 chars), so
 * other characters (such as `/` in `feature/x`) become `-`.
 */
export function tagSafeBranch(branch: string): string {
  return branch.replace(/[^A-Za-z0-9_.-]/g, "-");
}

export function formatImageTag(branch: string, sha: string, buildNumber: number): string {
  return `${tagSafeBranch(branch)}-${sha.slice(0, SHORT_SHA_LENGTH)}-${buildNumber}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The Flux ImagePolicy `filterTags` for one branch: anchored (Flux matches unanchored otherwise),
 * only that branch, a 7-hex SHA, a build number without leading zeros, extracted as `$build` for
 * numerical ordering (a non-numeric extract would fail the whole policy).
 */
export function imagePolicyFilter(branch: string): { pattern: string; extract: string } {
  return {
    pattern: `^${escapeRegex(tagSafeBranch(branch))}-(?P<sha>[a-f0-9]{${SHORT_SHA_LENGTH}})-(?P<build>[1-9][0-9]*)$`,
    extract: "$build",
  };
}

/**
 * Shell (bash) that sets `IMAGE_TAG` from CodeBuild's variables. CodePipeline runs the build on a
 * source artifact, so the branch is not in `CODEBUILD_WEBHOOK_HEAD_REF`; the pipeline passes it as
 * `SOURCE_BRANCH`. `CODEBUILD_RESOLVED_SOURCE_VERSION` is the commit, `CODEBUILD_BUILD_NUMBER` the
 * project's build counter.
 */
export function imageTagShell(): string {
  return [
    `SHORT_SHA=$(printf '%s' "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c1-${SHORT_SHA_LENGTH})`,
    `SAFE_BRANCH=$(printf '%s' "$SOURCE_BRANCH" | sed 's/[^A-Za-z0-9_.-]/-/g')`,
    `IMAGE_TAG="$SAFE_BRANCH-$SHORT_SHA-$CODEBUILD_BUILD_NUMBER"`,
  ].join("\n");
}
